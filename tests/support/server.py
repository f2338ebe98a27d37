"""A Streamlit server and headless Chromium on loopback, for the browser tests, ``make bench`` and ``make load``.

One place for how the project starts ``streamlit run`` (free 127.0.0.1 port,
health check, always stopped) and for the Chromium flags the machine needs.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass(frozen=True)
class LocalServer:
    """A running ``streamlit run``: its URL and process."""

    url: str
    proc: subprocess.Popen


def free_port() -> int:
    """Return a free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def healthy(url: str) -> bool:
    """Return whether the Streamlit server at ``url`` answers its health check."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
            return r.status == 200
    except OSError:
        return False


@contextlib.contextmanager
def serve(
    script: Path | str, log: Path, start_timeout: float = 60.0, env: dict[str, str] | None = None
) -> Iterator[LocalServer]:
    """Run ``streamlit run script`` headless on a free loopback port; always stop it.

    Output goes to ``log``; ``env`` adds environment variables for the server.
    Raises RuntimeError (with the log's tail) if the server exits or is not
    healthy within ``start_timeout`` seconds.
    """
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless=true"]
    cmd += ["--server.address=127.0.0.1", f"--server.port={port}", "--browser.gatherUsageStats=false"]
    with log.open("wb") as out:
        proc = subprocess.Popen(
            cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}
        )
    try:
        start_by = time.monotonic() + start_timeout
        while not healthy(url):
            if proc.poll() is not None:
                msg = f"streamlit exited with {proc.returncode}: {log.read_text()[-2000:]}"
                raise RuntimeError(msg)
            if time.monotonic() > start_by:
                msg = f"streamlit did not become healthy in {start_timeout:.0f} s: {log.read_text()[-2000:]}"
                raise RuntimeError(msg)
            time.sleep(0.2)
        yield LocalServer(url, proc)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

"""Real servers on loopback for the panel tests: Streamlit replicas, PostgreSQL, nginx; and the expert load.

Every server binds a free 127.0.0.1 port, writes its log to a file of the
test and is always stopped. :func:`require` skips a test when a system binary
is missing on a developer's machine, and fails it in CI (``CI`` set), where
``.ci/run`` installs them.
"""

from __future__ import annotations

import asyncio
import contextlib
import glob
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.panel.st_client import Ack, ExpertClient

ROOT = Path(__file__).resolve().parents[2]
NGINX_CONF = ROOT / "deploy" / "nginx.conf"


def free_port() -> int:
    """Return a free TCP port on 127.0.0.1."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def require(binary: str | None, what: str) -> str:
    """Return the binary's path; skip (outside CI) or fail (in CI) when it is missing."""
    if binary and Path(binary).exists():
        return binary
    msg = f"{what} is not installed (.ci/run installs it with apt-get)"
    if os.environ.get("CI"):
        pytest.fail(msg)
    pytest.skip(msg)
    raise AssertionError  # unreachable


def pg_bin(name: str) -> str | None:
    """Return the newest PostgreSQL server binary ``name`` (initdb, pg_ctl, postgres) or None."""
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    return found[-1] if found else shutil.which(name)


def wait_healthy(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float = 60.0) -> None:
    """Poll ``url`` until it answers 200; raise with the log's tail if the process dies or time runs out."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}: {log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=1) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"not healthy in {timeout:.0f} s: {log.read_text()[-3000:]}")


@dataclass
class App:
    """A running ``streamlit run app.py``."""

    port: int
    proc: subprocess.Popen[bytes]
    log: Path

    @property
    def ws(self) -> str:
        """Websocket base URL."""
        return f"ws://127.0.0.1:{self.port}"

    def kill(self) -> None:
        """SIGKILL the server (no chance to flush or clean up)."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)


def start_app(env: dict[str, str], log: Path, port: int | None = None) -> App:
    """Start the dashboard on a free (or given) loopback port with ``env`` added; wait until healthy."""
    port = port or free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless=true"]
    cmd += ["--server.address=127.0.0.1", f"--server.port={port}", "--browser.gatherUsageStats=false"]
    with log.open("ab") as out:
        proc = subprocess.Popen(
            cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **env}
        )
    try:
        wait_healthy(f"http://127.0.0.1:{port}/_stcore/health", proc, log)
    except RuntimeError:
        stop(proc)
        raise
    return App(port, proc, log)


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Terminate a process we started (kill after 10 s)."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextlib.contextmanager
def apps(env: dict[str, str], logs: Sequence[Path]) -> Iterator[list[App]]:
    """Start one replica per log file (in parallel) and stop them all at the end."""
    started: list[App] = []
    try:
        port_list = [free_port() for _ in logs]
        cmd_env = {**os.environ, **env}
        procs = []
        for port, log in zip(port_list, logs, strict=True):
            cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless=true"]
            cmd += ["--server.address=127.0.0.1", f"--server.port={port}", "--browser.gatherUsageStats=false"]
            with log.open("ab") as out:
                procs.append(
                    subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=cmd_env)
                )
            started.append(App(port, procs[-1], log))
        for a in started:
            wait_healthy(f"http://127.0.0.1:{a.port}/_stcore/health", a.proc, a.log)
        yield started
    finally:
        for a in started:
            stop(a.proc)


@contextlib.contextmanager
def postgres() -> Iterator[str]:
    """Run a throwaway PostgreSQL on a free loopback port; yield its URL (database ``anp``, trust auth).

    initdb refuses to run as root: as root, the cluster belongs to the
    ``postgres`` user (``runuser``), in a temporary directory given to it.
    """
    initdb, pg_ctl = require(pg_bin("initdb"), "PostgreSQL (initdb)"), require(pg_bin("pg_ctl"), "PostgreSQL")
    as_root = os.geteuid() == 0
    prefix: list[str] = []
    tmp = Path(tempfile.mkdtemp(prefix="anp-pg-"))
    if as_root:
        runuser = require(shutil.which("runuser"), "runuser")
        prefix = [runuser, "-u", "postgres", "--"]
        shutil.chown(tmp, "postgres", "postgres")
    data, log = tmp / "data", tmp / "server.log"
    port = free_port()
    try:
        subprocess.run(
            [*prefix, initdb, "-D", str(data), "-U", "anp", "--auth=trust", "-E", "UTF8", "--no-sync"],
            check=True,
            capture_output=True,
        )
        opts = f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={tmp} -c fsync=on"
        subprocess.run(
            [*prefix, pg_ctl, "-D", str(data), "-l", str(log), "-o", opts, "-w", "start"],
            check=True,
            capture_output=True,
        )
        try:
            import psycopg

            with psycopg.connect(f"postgresql://anp@127.0.0.1:{port}/postgres", autocommit=True) as c:
                c.execute("CREATE DATABASE anp")
            yield f"postgresql://anp@127.0.0.1:{port}/anp"
        finally:
            subprocess.run(
                [*prefix, pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"],
                check=False,
                capture_output=True,
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@contextlib.contextmanager
def nginx(upstreams: Sequence[int], workdir: Path) -> Iterator[tuple[int, Path]]:
    """Run nginx with ``deploy/nginx.conf``'s proxy rules in front of ``upstreams``; yield (port, access log)."""
    binary = require(shutil.which("nginx") or "/usr/sbin/nginx", "nginx")
    port = free_port()
    workdir.mkdir(parents=True, exist_ok=True)
    os.chmod(workdir, 0o777)  # worker processes (user nobody) write their temp files here
    rules = NGINX_CONF.read_text()
    servers = "\n".join(f"        server 127.0.0.1:{p};" for p in upstreams)
    rules = rules.replace("        server app1:8501;\n        server app2:8501;", servers)
    rules = rules.replace("listen 80;", f"listen 127.0.0.1:{port};")
    rules = rules.replace("/var/log/nginx/", f"{workdir}/")
    conf = workdir / "nginx.conf"
    conf.write_text(
        f"daemon off;\npid {workdir}/nginx.pid;\nerror_log {workdir}/error.log warn;\nworker_processes 1;\n"
        + rules.replace(
            "http {",
            f"http {{\n    client_body_temp_path {workdir}/body;\n    proxy_temp_path {workdir}/proxy;\n",
            1,
        )
    )
    proc = subprocess.Popen([binary, "-c", str(conf), "-p", str(workdir)], stderr=subprocess.PIPE)
    try:
        end = time.monotonic() + 20
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"nginx exited: {proc.stderr.read().decode() if proc.stderr else ''}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1):
                    break
            except OSError:
                if time.monotonic() > end:
                    raise
                time.sleep(0.2)
        yield port, workdir / "access.log"
    finally:
        stop(proc)


# --------------------------------------------------------------------------- the load
@dataclass
class ExpertRun:
    """What one simulated expert sent and what the page acknowledged."""

    token: str
    acks: list[Ack] = field(default_factory=list)
    submit_seconds: float | None = None
    error: str = ""


async def _one_expert(ws: str, run: ExpertRun, pairs: int, seed: int, submit: bool) -> None:
    rnd = random.Random(seed)
    try:
        async with ExpertClient(ws, run.token) as c:
            await c.open()
            for _ in range(pairs):
                run.acks.append(await c.answer(rnd.randrange(17)))
            if submit:
                run.submit_seconds = await c.submit()
    except Exception as exc:  # a killed server ends the run; the test decides what is expected
        run.error = f"{type(exc).__name__}: {exc}"[:300]


def panel_load(
    ws_urls: Sequence[str], tokens: Sequence[str], pairs: int, *, submit: bool = True
) -> list[ExpertRun]:
    """Run every expert at once (expert k on ``ws_urls[k % len]``); return what each sent and got back."""
    runs = [ExpertRun(t) for t in tokens]

    async def main() -> None:
        await asyncio.gather(
            *(_one_expert(ws_urls[k % len(ws_urls)], r, pairs, 1000 + k, submit) for k, r in enumerate(runs))
        )

    # A thread of its own: Playwright's sync API (the browser tests, same process) keeps an
    # event loop running in the main thread, where asyncio.run() would refuse to start.
    worker = threading.Thread(target=asyncio.run, args=(main(),))
    worker.start()
    worker.join()
    return runs


def p95(xs: Sequence[float]) -> float:
    """Return the 95th percentile (nearest rank)."""
    s = sorted(xs)
    return s[max(round(0.95 * len(s)) - 1, 0)]

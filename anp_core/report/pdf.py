"""HTML to PDF with headless Chromium's print to PDF (a real browser engine: CSS paged media, fonts).

The HTML is written to a private temporary folder and printed from there with
a throw-away profile; no network is needed (the brief has no external
resources). The browser is found in ``$ANP_CHROMIUM``, then on ``PATH``
(``chromium``, ``chromium-browser``, ``google-chrome``), then
``/usr/bin/chromium``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from anp_core.errors import ANPError

__all__ = ["PDFRendererMissingError", "find_chromium", "html_to_pdf"]

_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-pdf-header-footer",
)


class PDFRendererMissingError(ANPError):
    """No Chromium to print the PDF with."""


def find_chromium() -> str | None:
    """Path of a Chromium/Chrome executable, or None."""
    env = os.environ.get("ANP_CHROMIUM")
    if env:
        return env if Path(env).is_file() and os.access(env, os.X_OK) else None
    for name in _NAMES:
        found = shutil.which(name)
        if found:
            return found
    default = Path("/usr/bin/chromium")
    return str(default) if default.is_file() else None


def html_to_pdf(html: str, out: Path, *, timeout: float = 180.0) -> None:
    """Print ``html`` to the PDF file ``out``.

    Raises
    ------
    PDFRendererMissingError
        When no Chromium is installed.
    ANPError
        When the browser fails or times out (its last error line is quoted).
    """
    exe = find_chromium()
    if exe is None:
        msg = (
            "no PDF renderer: Chromium was not found (install it, e.g. 'apt-get install chromium', or set "
            "ANP_CHROMIUM to its path)"
        )
        raise PDFRendererMissingError(msg)
    out = Path(out).resolve()
    with tempfile.TemporaryDirectory(prefix="anp-brief-") as tmp:
        src = Path(tmp) / "brief.html"
        src.write_text(html, encoding="utf-8")
        target = Path(tmp) / "brief.pdf"
        cmd = [
            exe,
            *FLAGS,
            f"--user-data-dir={Path(tmp) / 'profile'}",
            f"--print-to-pdf={target}",
            src.as_uri(),
        ]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            msg = f"the PDF renderer ({exe}) did not finish within {timeout:.0f} s"
            raise ANPError(msg) from None
        except OSError as exc:
            msg = f"the PDF renderer ({exe}) could not start: {exc.strerror}"
            raise ANPError(msg) from None
        if not target.is_file() or target.stat().st_size == 0:
            lines = [ln for ln in (proc.stderr or "").splitlines() if ln.strip()]
            msg = f"the PDF renderer ({exe}) wrote no PDF" + (f": {lines[-1][:200]}" if lines else "")
            raise ANPError(msg)
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(target, out)

"""The policy brief: content computed by anp_core, rendered as self-contained HTML and printed to PDF.

``build_brief`` (:mod:`anp_core.report.content`) computes what the brief says,
``render_html`` (:mod:`anp_core.report.html`) writes it in English or Chinese
with inline SVG charts (:mod:`anp_core.report.svg`), and ``html_to_pdf``
(:mod:`anp_core.report.pdf`) prints it with headless Chromium.
:func:`write_brief` does all three for a file name ending in ``.html`` or ``.pdf``.
"""

from __future__ import annotations

from pathlib import Path

from anp_core.errors import ANPError
from anp_core.report.content import Brief, build_brief
from anp_core.report.html import render_html
from anp_core.report.pdf import PDFRendererMissingError, find_chromium, html_to_pdf

__all__ = [
    "Brief",
    "PDFRendererMissingError",
    "build_brief",
    "find_chromium",
    "html_to_pdf",
    "render_html",
    "write_brief",
]


def write_brief(brief: Brief, out: str | Path, lang: str = "en") -> Path:
    """Write the brief to ``out`` (``.html``/``.htm`` or ``.pdf``); return the path written.

    For a PDF with no renderer installed, the HTML is written beside it
    (same name, ``.html``) and :class:`PDFRendererMissingError` is raised
    naming that file.
    """
    path = Path(out)
    suffix = path.suffix.lower()
    if suffix not in (".html", ".htm", ".pdf"):
        msg = f"output file must end in .html or .pdf, got {path.name!r}"
        raise ANPError(msg)
    html = render_html(brief, lang)
    if suffix != ".pdf":
        path.write_text(html, encoding="utf-8")
        return path
    try:
        html_to_pdf(html, path)
    except PDFRendererMissingError as exc:
        fallback = path.with_suffix(".html")
        fallback.write_text(html, encoding="utf-8")
        msg = f"{exc}; wrote the HTML brief to {fallback} instead"
        raise PDFRendererMissingError(msg) from None
    return path

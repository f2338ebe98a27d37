"""The dashboard's one stylesheet, ``dashboard/focus.css``: a visible keyboard focus (WCAG 2.1, 2.4.7).

``app.py`` calls :func:`apply` once per run, before anything else is drawn (the expert's
questionnaire route included). The file is found next to this module, so the app runs from
any copy or working directory.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

__all__ = ["FOCUS_CSS", "apply"]

#: The focus rules (see the comment at the top of the file for what they fix and why).
FOCUS_CSS = Path(__file__).resolve().with_name("focus.css")


def apply() -> None:
    """Add the stylesheet to the page (a style-only ``st.html``: it takes no room)."""
    st.html(FOCUS_CSS)

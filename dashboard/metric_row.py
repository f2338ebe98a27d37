"""A row of figures (``st.metric``) that wraps in a narrow column instead of cutting its values.

In ``st.columns`` each figure has a fixed share of the row, and a value wider
than its share is cut with an ellipsis: beside the sidebar, on a 900 px
screen, the Judgments page showed "4.." for λmax and "0.." for CI and CR.
Here the figures sit in one horizontal container: each takes at least its
own width, they share what is left, and those that do not fit go on to a
next line (WCAG 2.1, 1.4.10 reflow).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import streamlit as st

__all__ = ["Figure", "metric_row"]


class Figure(NamedTuple):
    """One figure of a row: its label, its value as shown, and an optional help text."""

    label: str
    value: str
    help: str | None = None


def metric_row(
    figures: Sequence[Figure | tuple[str, str] | tuple[str, str, str | None]], *, border: bool = False
) -> None:
    """Draw ``figures`` side by side, wrapping onto further lines when the column is too narrow."""
    with st.container(horizontal=True, gap="medium"):
        for fig in figures:
            label, value, help_text = Figure(*fig)
            st.metric(label, value, help=help_text or None, border=border, width="stretch")

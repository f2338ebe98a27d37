"""Rows of figures (``st.metric``) and of cards that wrap in a narrow column instead of cutting them.

In ``st.columns`` each figure has a fixed share of the row, and a value wider
than its share is cut with an ellipsis: beside the sidebar, on a 900 px
screen, the Judgments page showed "4.." for λmax and "0.." for CI and CR.
Here the figures sit in one horizontal container: each takes at least its
own width, they share what is left, and those that do not fit go on to a
next line (WCAG 2.1, 1.4.10 reflow). Cards (:func:`card_row`) have one fixed
width for the same reason: as shares of a row, beside the sidebar at 1280 px
the Weights page broke "Comprehensive" into "Comprehensi ve", and at 900 px
wrote Chinese names one character a line.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import streamlit as st

__all__ = ["CARD_WIDTH", "Figure", "card_row", "metric_row"]

#: Width of a card (px): a 13-letter word or seven Chinese characters fit on a line of it, and five
#: cards fit in a row beside the sidebar at 1280 px.
CARD_WIDTH = 150


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


def card_row(cards: Sequence[tuple[str, str | None]], *, width: int = CARD_WIDTH) -> None:
    """Draw bordered cards (markdown, help) of one ``width`` side by side, wrapping onto further lines."""
    with st.container(horizontal=True, gap="small"):
        for text, help_text in cards:
            st.container(border=True, width=width).markdown(text, help=help_text or None)

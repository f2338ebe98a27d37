"""A chart with its text alternatives (WCAG 2.1, 1.1.1): the chart, a one-sentence summary, its data as a table.

Every page draws its charts through :func:`chart`, so each one is followed by
the sentence that says what it shows (computed by
:mod:`dashboard.text_alternatives` or a view builder) and, one click away, an
expander holding the plotted data as a table. The sentence is outside text
(names from a model file): it is escaped here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
import streamlit as st

from dashboard import vega_aria
from dashboard.text import current_language, gettext, plain
from dashboard.vega_charts import VegaChart

__all__ = ["CONFIG", "chart", "summary"]

#: The plotly configuration of every chart (no plotly logo; PNG download at twice the size).
CONFIG: dict[str, Any] = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}


def summary(text: str) -> None:
    """Draw a chart's one-sentence summary (escaped) as a caption."""
    st.caption(":material/description: " + plain(text))


def chart(
    fig: go.Figure | VegaChart,
    *,
    key: str,
    text: str,
    data: pd.DataFrame | pa.Table | None = None,
    what: str = "",
    column_config: Mapping[str, Any] | None = None,
    hide_index: bool = True,
    config: Mapping[str, Any] | None = None,
) -> None:
    """Draw ``fig``, its summary ``text`` and, in an expander, ``data``.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure or dashboard.vega_charts.VegaChart
        The chart (a Vega-Lite chart takes ``config`` from its specification).
    key : str
        The chart's widget key; the table's is ``key + "_data"``.
    text : str
        The one-sentence summary (plain text; escaped here).
    data : DataFrame or pyarrow.Table, optional
        The plotted data; None when the page shows it as a table beside the chart already.
    what : str
        What the chart is, for the expander's label ("Data as a table: <what>"), so that
        several expanders on a page are told apart.
    column_config, hide_index
        Passed to ``st.dataframe``.
    config : mapping, optional
        Plotly configuration (default :data:`CONFIG`).
    """
    _ = gettext()
    if isinstance(fig, VegaChart):
        # alt is an attribute (the chart's accessible name), not markdown: no escaping
        words = vega_aria.aria_text(current_language())
        spec = vega_aria.described(fig.spec, words, named=bool(fig.title), data=fig.data)
        st.vega_lite_chart(fig.data, spec, key=key, width="stretch", alt=fig.title or None)
    else:
        st.plotly_chart(fig, key=key, config=dict(config or CONFIG))
    summary(text)
    if data is not None:
        label = _("Data as a table: {what}").format(what=what) if what else _("Data as a table")
        with st.expander(plain(label), icon=":material/table:"):
            st.dataframe(
                data, key=f"{key}_data", hide_index=hide_index, column_config=dict(column_config or {})
            )

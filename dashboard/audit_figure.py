"""The Paper audit's chart: published against recomputed composite weights, and its summary (no Streamlit)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from anp_core.i18n import translator
from dashboard import palette, text_alternatives
from dashboard.palette import COLOURS, PLOT_TEXT
from dashboard.text import plot_text

__all__ = ["composite_figure", "composite_summary"]


def composite_figure(
    composite_frame: pd.DataFrame, table_name: str = "published", lang: str = "en"
) -> go.Figure:
    """Dumbbell chart: published vs recomputed composite weight of every factor.

    Parameters
    ----------
    composite_frame : DataFrame
        The result of :func:`composite`.
    table_name : str
        What the published table is called (legend: ``Published (<name>)``).

    Returns
    -------
    plotly.graph_objects.Figure
        Factors top to bottom by published rank; traces ``Published (...)``
        (open circles), ``Recomputed Σ v·L`` (filled circles) and, for the
        factors whose rank changes, ``Recomputed, rank changes`` (diamonds in
        another colour, the move written beside them), with a grey segment
        between published and recomputed: shape and text tell what colour does.
    """
    _ = translator(lang)
    df = composite_frame.sort_values(["published_rank", "recomputed_rank"], kind="stable")
    names = [plot_text(n) for n in df["factor"]]
    moved = df["rank_change"].fillna(0).to_numpy() != 0
    seg_x: list[float | None] = []
    seg_y: list[str | None] = []
    for name, a, b in zip(names, df["published"], df["recomputed"], strict=True):
        seg_x += [float(a), float(b), None]
        seg_y += [name, name, None]
    rank_text = [
        (_("rank {old} → {new}").format(old=int(p), new=r) if p != r else _("rank {rank}").format(rank=r))
        if np.isfinite(p)
        else _("rank {rank}").format(rank=r)
        for p, r in zip(df["published_rank"], df["recomputed_rank"], strict=True)
    ]
    recomputed = df["recomputed"].to_numpy()
    custom = np.column_stack([df["difference"].to_numpy(), rank_text])
    hover = (
        "%{y}<br>"
        + plot_text(_("recomputed"))
        + " %{x:.4f} (Δ %{customdata[0]:+.4f}; %{customdata[1]})<extra></extra>"
    )
    traces: list[dict[str, object]] = [
        {
            "type": "scatter",
            "x": seg_x,
            "y": seg_y,
            "mode": "lines",
            "line": {"color": "#BBBBBB", "width": 3},
            "hoverinfo": "skip",
            "showlegend": False,
        },
        {
            "type": "scatter",
            "x": df["published"].to_numpy(),
            "y": names,
            "mode": "markers",
            "name": plot_text(_("Published ({table})").format(table=table_name)),
            "marker": {"symbol": "circle-open", "size": 10, "color": "#555555", "line": {"width": 2}},
            "customdata": np.column_stack([[plot_text(t) for t in df["published_text"]], rank_text]),
            "hovertemplate": "%{y}<br>"
            + plot_text(_("published"))
            + " %{customdata[0]} (%{customdata[1]})<extra></extra>",
        },
        {
            "type": "scatter",
            "x": recomputed[~moved],
            "y": [n for n, m in zip(names, moved, strict=True) if not m],
            "mode": "markers",
            "name": plot_text(_("Recomputed Σ v·L (anp_core)")),
            "marker": {"symbol": "circle", "size": 9, "color": COLOURS[0]},
            "customdata": custom[~moved],
            "hovertemplate": hover,
        },
    ]
    if moved.any():
        traces.append(
            {
                "type": "scatter",
                "x": recomputed[moved],
                "y": [n for n, m in zip(names, moved, strict=True) if m],
                "mode": "markers",
                "name": plot_text(_("Recomputed, rank changes")),
                "marker": {"symbol": "diamond", "size": 10, "color": COLOURS[2]},
                "customdata": custom[moved],
                "hovertemplate": hover,
            }
        )
        traces.append(
            {
                "type": "scatter",
                # Beside the right-most of the two markers, clear of both.
                "x": (np.fmax(recomputed, df["published"].to_numpy()) + 0.003)[moved],
                "y": [n for n, m in zip(names, moved, strict=True) if m],
                "mode": "text",
                "text": [t for t, m in zip(rank_text, moved, strict=True) if m],
                "textposition": "middle right",
                "textfont": {"size": 11, "color": PLOT_TEXT},
                "name": plot_text(_("rank changes")),
                "showlegend": False,
                "hoverinfo": "skip",
                "cliponaxis": False,
            }
        )
    fig = go.Figure(
        data=traces,
        layout={
            "height": 120 + 24 * len(names),
            "margin": {"l": 10, "r": 90, "t": 30, "b": 10},
            "xaxis": {"title": {"text": plot_text(_("composite weight"))}, "rangemode": "tozero"},
            "yaxis": {"autorange": "reversed", "automargin": True},
            "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0},
            "plot_bgcolor": "white",
            "hovermode": "closest",
        },
    )
    return palette.apply_plot_text(fig)


def composite_summary(composite_frame: pd.DataFrame, lang: str = "en") -> str:
    """Return the dumbbell chart's one-sentence summary: the largest gap and how many ranks change.

    Examples
    --------
    >>> f = pd.DataFrame(
    ...     {
    ...         "factor": ["A", "B"],
    ...         "published": [0.6, 0.4],
    ...         "recomputed": [0.55, 0.45],
    ...         "difference": [-0.05, 0.05],
    ...         "rank_change": [0.0, 0.0],
    ...     }
    ... )
    >>> composite_summary(f)
    'The largest gap between published and recomputed composite weights is A: 0.600 published, 0.550 recomputed (-0.050); no factor changes rank.'
    """
    _ = translator(lang)
    fmt, phrases = text_alternatives.localised(lang)
    printed = composite_frame.dropna(subset=["published"])
    if printed.empty:
        return phrases.empty
    k = printed["difference"].abs().idxmax()
    row = printed.loc[k]
    moved = int((printed["rank_change"].fillna(0) != 0).sum())
    first = _(
        "The largest gap between published and recomputed composite weights is {name}: {published} published, "
        "{recomputed} recomputed ({difference})"
    ).format(
        name=row["factor"],
        published=fmt.number(float(row["published"])),
        recomputed=fmt.number(float(row["recomputed"])),
        difference=f"{float(row['difference']):+.3f}",
    )
    second = (
        _("no factor changes rank")
        if moved == 0
        else _("{n} of {total} factors change rank").format(n=moved, total=len(printed))
    )
    return phrases.sentence_join.join([first, second]) + phrases.end

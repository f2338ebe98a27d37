"""Diverging bar charts of the head-to-head section and of the judgment effects (no Streamlit).

Every series has a colour from :mod:`dashboard.palette` *and* its own bar
pattern and legend entry, so nothing is told by colour alone; chart text is
drawn at AA contrast (:func:`dashboard.palette.apply_plot_text`); names are
HTML-escaped (:func:`dashboard.text.plot_label`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
import plotly.graph_objects as go
from numpy.typing import ArrayLike

from anp_core.compare import NodeDuel
from dashboard import palette
from dashboard.plot_layout import layout
from dashboard.text import plot_label, plot_text

__all__ = ["PATTERNS", "duel_bars", "effect_bars"]

Translate = Callable[[str], str]

#: Bar patterns of the two sides of a diverging chart (the second side is hatched).
PATTERNS = ("", "/")


def _same(s: str) -> str:
    return s


def _height(n: int) -> int:
    return max(300, 34 * n + 150)


def duel_bars(
    duel: NodeDuel, names: Mapping[str, str], criteria: Mapping[str, str], _: Translate = _same
) -> go.Figure:
    """Return each criterion's contribution to the gap between two factors as diverging bars.

    A bar to the right (solid) is a criterion that favours the first factor,
    to the left (hatched) one that favours the second; its length is
    ``v_k (L_k[a] - L_k[b])``, so the bars add up to the composite difference.
    Criteria are ordered by the size of their contribution, largest on top.
    """
    a, b = names.get(duel.a, duel.a), names.get(duel.b, duel.b)
    c = np.asarray(duel.contributions, dtype=float)
    order = np.argsort(np.abs(c), kind="stable")  # plotly draws the first category at the bottom
    labels = [plot_label(criteria.get(duel.criteria[i], duel.criteria[i]), 30) for i in order]
    sa, sb = palette.style(0), palette.style(1)
    data = []
    for side, (who, st, pattern) in enumerate(((a, sa, PATTERNS[0]), (b, sb, PATTERNS[1]))):
        keep = c[order] > 0 if side == 0 else c[order] < 0
        x = np.where(keep, c[order], 0.0)
        data.append(
            go.Bar(
                x=x,
                y=labels,
                orientation="h",
                name=plot_text(_("favours {name}").format(name=who)),
                marker={"color": st.colour, "pattern": {"shape": pattern, "fgcolor": "#ffffff"}},
                text=[f"{v:+.4f}" if k else "" for v, k in zip(x, keep, strict=True)],
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{y}: %{x:+.4f}<extra>" + plot_text(who) + "</extra>",
            )
        )
    fig = go.Figure(data=data)
    span = float(np.abs(c).max(initial=0.0)) or 1e-3
    fig.update_layout(
        layout(
            barmode="relative",
            height=_height(len(labels)),
            title={"text": plot_text(_("{a} against {b}: what each criterion contributes").format(a=a, b=b))},
            xaxis={
                "title": {
                    "text": plot_text(_("contribution to the gap (weight × difference of priorities)"))
                },
                "range": [-1.35 * span, 1.35 * span],
                "zeroline": True,
                "zerolinecolor": palette.PLOT_TEXT,
                "zerolinewidth": 1.5,
            },
            legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 1, "xanchor": "right"},
            margin={"l": 10, "r": 10, "t": 90, "b": 10},
        )
    )
    return palette.apply_plot_text(fig)


def effect_bars(
    labels: Sequence[str],
    weight_effect: ArrayLike,
    judgment_effect: ArrayLike,
    *,
    title: str,
    axis: str,
    limit: int = 30,
    _: Translate = _same,
) -> go.Figure:
    """Return a weight effect and a judgment effect per item as stacked diverging bars.

    The two effects of an item add up to its total change
    (:class:`anp_core.compare.ScenarioShift`); bars of the weights are solid,
    bars of the judgments hatched. At most ``limit`` items, those with the
    largest total change, largest on top.

    Parameters
    ----------
    labels : sequence of str
        Item names (factors or criteria).
    weight_effect, judgment_effect : array-like
        One value per item.
    title, axis : str
        Chart title and x-axis title (plain text; escaped here).
    limit : int
        Most items drawn.
    """
    we = np.asarray(weight_effect, dtype=float)
    je = np.asarray(judgment_effect, dtype=float)
    total = we + je
    keep = np.argsort(-np.abs(total), kind="stable")[:limit][::-1]
    names = [plot_label(labels[i], 30) for i in keep]
    data = []
    for k, (values, name, pattern) in enumerate(
        (
            (we[keep], _("what the weights did"), PATTERNS[0]),
            (je[keep], _("what the judgment changes did on their own"), PATTERNS[1]),
        )
    ):
        st = palette.style(0 if k == 0 else 2)
        data.append(
            go.Bar(
                x=values,
                y=names,
                orientation="h",
                name=plot_text(name),
                marker={"color": st.colour, "pattern": {"shape": pattern, "fgcolor": "#ffffff"}},
                hovertemplate="%{y}: %{x:+.4f}<extra>" + plot_text(name) + "</extra>",
            )
        )
    data.append(
        go.Scatter(
            x=total[keep],
            y=names,
            mode="markers",
            name=plot_text(_("total change")),
            marker={
                "symbol": "diamond",
                "size": 10,
                "color": palette.PLOT_TEXT,
                "line": {"color": "#ffffff", "width": 1},
            },
            hovertemplate="%{y}: %{x:+.4f}<extra>" + plot_text(_("total change")) + "</extra>",
        )
    )
    fig = go.Figure(data=data)
    fig.update_layout(
        layout(
            barmode="relative",
            height=_height(len(names)),
            title={"text": plot_text(title)},
            xaxis={
                "title": {"text": plot_text(axis)},
                "zeroline": True,
                "zerolinecolor": palette.PLOT_TEXT,
                "zerolinewidth": 1.5,
            },
            legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 1, "xanchor": "right"},
            margin={"l": 10, "r": 10, "t": 100, "b": 10},
        )
    )
    return palette.apply_plot_text(fig)

"""Paper audit: Table 2 of paper 000 as published beside what anp_core recomputes.

The published table (``data/paper/table2.csv``) is read as **text**, exactly as
printed, and only then converted to numbers, so the page can show the printed
value next to the parsed one. Every "recomputed" number comes from an
:class:`anp_core.Evaluation` of the loaded model; published numbers are data
to compare against, never inputs to the computation.

Differences are always ``recomputed - published``. No Streamlit here: the
functions return DataFrames and are tested directly.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from anp_core import Evaluation

__all__ = [
    "CRITERIA",
    "TABLE2_PATH",
    "AuditError",
    "audit_csv",
    "cluster_weights",
    "column_summary",
    "composite",
    "composite_figure",
    "criterion_columns",
    "criterion_weights",
    "published_factors",
    "rank_moves",
    "read_table2",
]

ROOT = Path(__file__).resolve().parent.parent
TABLE2_PATH = ROOT / "data" / "paper" / "table2.csv"

#: Criterion columns of Table 2, in the published order.
CRITERIA = ("policy", "economic", "political", "technological", "socio_cultural")


class AuditError(ValueError):
    """The model cannot be compared with Table 2 (different factors or criteria)."""


def read_table2(path: str | Path = TABLE2_PATH) -> pd.DataFrame:
    """Read Table 2 exactly as published: every cell is text.

    Parameters
    ----------
    path : str or Path, optional
        The CSV file (default: ``data/paper/table2.csv``).

    Returns
    -------
    DataFrame
        One row per CSV line, every column a string; empty cells are ``""``.
    """
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _number(text: pd.Series) -> pd.Series:
    """Parse published text cells ("0.178") to floats; raise on anything else."""
    return pd.to_numeric(text.str.strip(), errors="raise").astype(float)


def published_factors(table: pd.DataFrame) -> pd.DataFrame:
    """Return the 20 factor rows of Table 2 (text), indexed by factor id."""
    rows = table[table["row_type"] == "factor"].set_index("factor_id")
    rows.index.name = "factor_id"
    return rows


def _published_weights(table: pd.DataFrame) -> pd.Series:
    row = table[table["row_type"] == "criterion_weight"]
    if len(row) != 1:
        msg = f"Table 2 must have exactly one criterion_weight row, found {len(row)}"
        raise AuditError(msg)
    return row.iloc[0][list(CRITERIA)]


def _check(evaluation: Evaluation, factors: pd.DataFrame) -> None:
    missing = sorted(set(factors.index) - set(evaluation.factor_ids))
    extra = sorted(set(evaluation.factor_ids) - set(factors.index))
    if missing or extra:
        msg = (
            "the model's factors do not match Table 2 "
            f"(missing from the model: {missing or 'none'}; not in Table 2: {extra or 'none'})"
        )
        raise AuditError(msg)
    absent = [c for c in CRITERIA if c not in evaluation.criteria]
    if absent:
        msg = f"the evaluation has no weight for Table 2 criteria {absent}"
        raise AuditError(msg)


def criterion_columns(evaluation: Evaluation, table: pd.DataFrame) -> pd.DataFrame:
    """Compare each published criterion column with the recomputed limit priorities.

    Parameters
    ----------
    evaluation : Evaluation
        anp_core's evaluation of the model (its ``by_criterion`` columns).
    table : DataFrame
        Table 2 as text, from :func:`read_table2`.

    Returns
    -------
    DataFrame
        Long format, 20 rows per criterion in Table 2 order, columns
        ``criterion, factor_id, factor, published_text, published,
        published_normalised, recomputed, difference`` (recomputed -
        published) and ``difference_normalised`` (recomputed - published
        normalised to sum 1).
    """
    factors = published_factors(table)
    _check(evaluation, factors)
    frames = []
    for crit in CRITERIA:
        published = _number(factors[crit])
        normalised = published / published.sum()
        recomputed = evaluation.by_criterion[crit].reindex(factors.index).astype(float)
        frames.append(
            pd.DataFrame(
                {
                    "criterion": crit,
                    "factor_id": factors.index,
                    "factor": factors["factor"].to_numpy(),
                    "published_text": factors[crit].to_numpy(),
                    "published": published.to_numpy(),
                    "published_normalised": normalised.to_numpy(),
                    "recomputed": recomputed.to_numpy(),
                    "difference": (recomputed - published).to_numpy(),
                    "difference_normalised": (recomputed - normalised).to_numpy(),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def column_summary(columns: pd.DataFrame) -> pd.DataFrame:
    """Summarise :func:`criterion_columns` per criterion.

    Returns
    -------
    DataFrame
        Indexed by criterion: ``published_sum`` (the printed column's sum),
        ``recomputed_sum``, ``max_abs_difference`` (vs. the printed values)
        and ``max_abs_difference_normalised`` (vs. the normalised values).
    """
    g = columns.groupby("criterion", sort=False)
    out = pd.DataFrame(
        {
            "published_sum": g["published"].sum(),
            "recomputed_sum": g["recomputed"].sum(),
            "max_abs_difference": g["difference"].apply(lambda s: float(s.abs().max())),
            "max_abs_difference_normalised": g["difference_normalised"].apply(lambda s: float(s.abs().max())),
        }
    )
    out.index.name = "criterion"
    return out


def composite(evaluation: Evaluation, table: pd.DataFrame) -> pd.DataFrame:
    """Compare the published composite weights and ranks with the recomputed ones.

    ``recomputed`` is anp_core's ``sum_k v_k L_k`` (``evaluation.composite``)
    and ``recomputed_rank`` its competition rank on 3 decimals. For the
    explanation, ``published_weighted_sum`` is the same sum taken over the
    *printed* numbers (``sum_k v_k^pub column_k^pub``); it is arithmetic on
    published data, not a recomputation.

    Returns
    -------
    DataFrame
        20 rows in Table 2 order, indexed by factor id, columns ``factor,
        cluster, published_text, published, recomputed, difference``
        (recomputed - published), ``published_weighted_sum``,
        ``published_sum_gap`` (published_weighted_sum - published),
        ``published_rank, recomputed_rank`` and ``rank_change``
        (recomputed_rank - published_rank; negative = moves up).
    """
    factors = published_factors(table)
    _check(evaluation, factors)
    published = _number(factors["composite"])
    recomputed = evaluation.composite.reindex(factors.index).astype(float)
    v_pub = _number(_published_weights(table)).to_numpy()
    printed = np.column_stack([_number(factors[c]).to_numpy() for c in CRITERIA])
    weighted_sum = pd.Series(printed @ v_pub, index=factors.index)
    pub_rank = pd.to_numeric(factors["rank"], errors="raise").astype(int)
    rec_rank = evaluation.ranks.reindex(factors.index).astype(int)
    return pd.DataFrame(
        {
            "factor": factors["factor"],
            "cluster": factors["cluster"],
            "published_text": factors["composite"],
            "published": published,
            "recomputed": recomputed,
            "difference": recomputed - published,
            "published_weighted_sum": weighted_sum,
            "published_sum_gap": weighted_sum - published,
            "published_rank": pub_rank,
            "recomputed_rank": rec_rank,
            "rank_change": rec_rank - pub_rank,
        }
    )


def rank_moves(composite_frame: pd.DataFrame) -> pd.DataFrame:
    """Return the rows of :func:`composite` whose rank differs, by published rank."""
    moved = composite_frame[composite_frame["rank_change"] != 0]
    return moved.sort_values(["published_rank", "recomputed_rank"], kind="stable")


def criterion_weights(evaluation: Evaluation, table: pd.DataFrame) -> pd.DataFrame:
    """Compare the published criterion weights v with the evaluation's.

    Returns
    -------
    DataFrame
        Indexed by criterion: ``name, published_text, published,
        recomputed, difference``.
    """
    text = _published_weights(table)
    published = _number(text)
    factors = published_factors(table)
    _check(evaluation, factors)
    recomputed = evaluation.criterion_weights.reindex(list(CRITERIA)).astype(float)
    names = [evaluation.model.label(c) for c in CRITERIA]
    return pd.DataFrame(
        {
            "name": names,
            "published_text": text.to_numpy(),
            "published": published.to_numpy(),
            "recomputed": recomputed.to_numpy(),
            "difference": (recomputed - published.to_numpy()).to_numpy(),
        },
        index=pd.Index(list(CRITERIA), name="criterion"),
    )


def cluster_weights(evaluation: Evaluation, table: pd.DataFrame) -> pd.DataFrame:
    """Compare the published cluster weights with the recomputed cluster sums.

    Returns
    -------
    DataFrame
        Indexed by cluster id in Table 2 order: ``cluster, published_text,
        published, published_composite_sum`` (sum of the printed composite
        weights of the cluster's factors), ``recomputed`` (anp_core's
        ``cluster_weights``) and ``difference`` (recomputed - published).
    """
    factors = published_factors(table)
    _check(evaluation, factors)
    first = factors.groupby("cluster_id", sort=False).first()
    published = _number(first["cluster_weight"])
    composite_sum = _number(factors["composite"]).groupby(factors["cluster_id"], sort=False).sum()
    recomputed = evaluation.cluster_weights.reindex(first.index).astype(float)
    out = pd.DataFrame(
        {
            "cluster": first["cluster"],
            "published_text": first["cluster_weight"],
            "published": published,
            "published_composite_sum": composite_sum.reindex(first.index),
            "recomputed": recomputed,
            "difference": recomputed - published,
        }
    )
    out.index.name = "cluster_id"
    return out


def audit_csv(evaluation: Evaluation, table: pd.DataFrame) -> str:
    """Return the whole audit as one long CSV text (one row per compared number).

    Columns: ``section`` (criterion_weight, cluster_weight, criterion column
    name, composite, rank), ``id``, ``name``, ``published_text``,
    ``published``, ``recomputed``, ``difference`` (recomputed - published).
    """
    rows: list[pd.DataFrame] = []
    cw = criterion_weights(evaluation, table)
    rows.append(
        pd.DataFrame(
            {
                "section": "criterion_weight",
                "id": cw.index,
                "name": cw["name"],
                "published_text": cw["published_text"],
                "published": cw["published"],
                "recomputed": cw["recomputed"],
                "difference": cw["difference"],
            }
        )
    )
    cl = cluster_weights(evaluation, table)
    rows.append(
        pd.DataFrame(
            {
                "section": "cluster_weight",
                "id": cl.index,
                "name": cl["cluster"],
                "published_text": cl["published_text"],
                "published": cl["published"],
                "recomputed": cl["recomputed"],
                "difference": cl["difference"],
            }
        )
    )
    cols = criterion_columns(evaluation, table)
    rows.append(
        pd.DataFrame(
            {
                "section": cols["criterion"],
                "id": cols["factor_id"],
                "name": cols["factor"],
                "published_text": cols["published_text"],
                "published": cols["published"],
                "recomputed": cols["recomputed"],
                "difference": cols["difference"],
            }
        )
    )
    comp = composite(evaluation, table)
    for section, pub_text, pub, rec in (
        ("composite", comp["published_text"], comp["published"], comp["recomputed"]),
        (
            "rank",
            comp["published_rank"].astype(str),
            comp["published_rank"].astype(float),
            comp["recomputed_rank"].astype(float),
        ),
    ):
        rows.append(
            pd.DataFrame(
                {
                    "section": section,
                    "id": comp.index,
                    "name": comp["factor"],
                    "published_text": pub_text,
                    "published": pub,
                    "recomputed": rec,
                    "difference": rec - pub,
                }
            )
        )
    return pd.concat([r.reset_index(drop=True) for r in rows], ignore_index=True).to_csv(index=False)


def composite_figure(composite_frame: pd.DataFrame) -> go.Figure:
    """Dumbbell chart: published vs recomputed composite weight of every factor.

    Parameters
    ----------
    composite_frame : DataFrame
        The result of :func:`composite`.

    Returns
    -------
    plotly.graph_objects.Figure
        Factors top to bottom by published rank; traces ``Published (Table 2)``
        and ``Recomputed Σ v·L`` (markers), a grey segment between them, and
        the factors whose rank changes in a third colour with the move in
        the hover text.
    """
    df = composite_frame.sort_values(["published_rank", "recomputed_rank"], kind="stable")
    names = df["factor"].tolist()
    moved = df["rank_change"].to_numpy() != 0
    seg_x: list[float | None] = []
    seg_y: list[str | None] = []
    for name, a, b in zip(names, df["published"], df["recomputed"], strict=True):
        seg_x += [float(a), float(b), None]
        seg_y += [name, name, None]
    rank_text = [
        f"rank {p} → {r}" if p != r else f"rank {p}"
        for p, r in zip(df["published_rank"], df["recomputed_rank"], strict=True)
    ]
    traces: list[dict[str, object]] = [
        {
            "type": "scatter",
            "x": seg_x,
            "y": seg_y,
            "mode": "lines",
            "line": {"color": "#bbbbbb", "width": 3},
            "hoverinfo": "skip",
            "showlegend": False,
        },
        {
            "type": "scatter",
            "x": df["published"].to_numpy(),
            "y": names,
            "mode": "markers",
            "name": "Published (Table 2)",
            "marker": {"symbol": "circle-open", "size": 10, "color": "#555555", "line": {"width": 2}},
            "customdata": np.column_stack([df["published_text"].to_numpy(), rank_text]),
            "hovertemplate": "%{y}<br>published %{customdata[0]} (%{customdata[1]})<extra></extra>",
        },
        {
            "type": "scatter",
            "x": df["recomputed"].to_numpy(),
            "y": names,
            "mode": "markers",
            "name": "Recomputed Σ v·L (anp_core)",
            "marker": {"size": 9, "color": np.where(moved, "#d95f02", "#1f5f8b").tolist()},
            "customdata": np.column_stack([df["difference"].to_numpy(), rank_text]),
            "hovertemplate": "%{y}<br>recomputed %{x:.4f} (Δ %{customdata[0]:+.4f}; %{customdata[1]})"
            "<extra></extra>",
        },
    ]
    if moved.any():
        traces.append(
            {
                "type": "scatter",
                # Beside the right-most of the two markers, clear of both.
                "x": (np.maximum(df["recomputed"].to_numpy(), df["published"].to_numpy()) + 0.003)[moved],
                "y": [n for n, m in zip(names, moved, strict=True) if m],
                "mode": "text",
                "text": [t for t, m in zip(rank_text, moved, strict=True) if m],
                "textposition": "middle right",
                "textfont": {"size": 11, "color": "#d95f02"},
                "name": "rank changes",
                "showlegend": False,
                "hoverinfo": "skip",
                "cliponaxis": False,
            }
        )
    return go.Figure(
        data=traces,
        layout={
            "height": 120 + 24 * len(names),
            "margin": {"l": 10, "r": 90, "t": 30, "b": 10},
            "xaxis": {"title": {"text": "composite weight"}, "rangemode": "tozero", "gridcolor": "#eeeeee"},
            "yaxis": {"autorange": "reversed", "automargin": True},
            "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0},
            "plot_bgcolor": "white",
            "hovermode": "closest",
        },
    )

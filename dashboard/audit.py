"""Paper audit: a model's published results table beside what anp_core recomputes.

The published table is the model file's optional ``published`` section: the
numbers as printed, kept as **text** so the page can show the printed value
next to the parsed one. Every "recomputed" number comes from an
:class:`anp_core.Evaluation` of the model; published numbers are data to
compare against, never inputs to the computation.

Differences are always ``recomputed - published``. No Streamlit here: the
functions return DataFrames and figures and are tested directly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from anp_core import Evaluation, Model
from anp_core.model_schema import in_language
from dashboard.audit_figure import composite_figure, composite_summary

__all__ = [
    "AuditError",
    "PrintedSums",
    "PublishedTable",
    "audit_csv",
    "cluster_weights",
    "column_summary",
    "composite",
    "composite_figure",
    "composite_summary",
    "criterion_columns",
    "criterion_weights",
    "half_unit",
    "printed_sums",
    "published_table",
    "rank_moves",
    "rounding_bound",
    "unchanged_top",
]


class AuditError(ValueError):
    """The model cannot be compared with its published table (no table, or nothing in common)."""


@dataclass(frozen=True)
class PublishedTable:
    """A model's ``published`` section as text frames.

    Attributes
    ----------
    criteria : tuple of str
        The published criterion columns, in the model's criterion order.
    factors : DataFrame
        One row per published node, indexed by node id, in the published
        order: ``factor`` (name), ``cluster_id``, ``cluster`` (name), one text
        column per criterion, ``composite`` and ``rank`` (text; ``""`` where
        the table prints nothing).
    criterion_weights : Series
        Printed criterion weights (text) by criterion id.
    cluster_weights : Series
        Printed cluster weights (text) by cluster id.
    citation, title, notes : str
        Where the table comes from.
    """

    criteria: tuple[str, ...]
    factors: pd.DataFrame
    criterion_weights: pd.Series
    cluster_weights: pd.Series
    citation: str
    title: str
    notes: str


def published_table(model: Model, lang: str = "en") -> PublishedTable:
    """Return ``model.published`` as text frames (its title and notes in ``lang`` where translated).

    Raises
    ------
    AuditError
        If the model carries no published table.
    """
    pub = model.published
    if pub is None:
        msg = "the model carries no published results table"
        raise AuditError(msg)
    named = set(pub.criterion_weights) | {c for r in pub.rows for c in r.by_criterion}
    criteria = tuple(c.id for c in model.criteria if c.id in named)
    rows = []
    for r in pub.rows:
        cid = model.cluster_of.get(r.node, "")
        rows.append(
            {
                "factor_id": r.node,
                "factor": model.label(r.node),
                "cluster_id": cid,
                "cluster": model.label(cid) if cid else "",
                **{c: r.by_criterion.get(c, "") for c in criteria},
                "composite": r.composite or "",
                "rank": "" if r.rank is None else str(r.rank),
            }
        )
    factors = pd.DataFrame(rows).set_index("factor_id")
    return PublishedTable(
        criteria=criteria,
        factors=factors,
        criterion_weights=pd.Series(pub.criterion_weights, dtype=object),
        cluster_weights=pd.Series(pub.cluster_weights, dtype=object),
        citation=pub.citation,
        title=in_language(pub, "table", lang),
        notes=in_language(pub, "notes", lang),
    )


def _number(text: pd.Series) -> pd.Series:
    """Parse printed text cells ("0.178") to floats; an empty cell is NaN."""
    return pd.to_numeric(text.astype(str).str.strip().replace("", np.nan), errors="raise").astype(float)


def half_unit(text: pd.Series) -> pd.Series:
    """Half a unit of the last printed digit of each cell (``"0.178"`` -> 0.0005; empty -> NaN)."""
    decimals = (
        text.astype(str).str.strip().map(lambda s: len(s.split(".")[1]) if "." in s else (0 if s else -1))
    )
    return decimals.map(lambda d: 0.5 * 10.0 ** (-d) if d >= 0 else np.nan).astype(float)


def _ranked(evaluation: Evaluation, table: PublishedTable) -> pd.Index:
    ranked = set(evaluation.factor_ids)
    common = [f for f in table.factors.index if f in ranked]
    if not common:
        msg = "none of the published rows is a node the model ranks"
        raise AuditError(msg)
    return pd.Index(common, name="factor_id")


def _criteria(evaluation: Evaluation, table: PublishedTable) -> list[str]:
    return [c for c in table.criteria if c in evaluation.criteria]


def criterion_columns(evaluation: Evaluation, table: PublishedTable) -> pd.DataFrame:
    """Compare each published criterion column with the recomputed limit priorities.

    Returns
    -------
    DataFrame
        Long format, one row per published cell (criterion x node, in the
        published order), columns ``criterion, factor_id, factor,
        published_text, published, published_normalised, recomputed,
        difference`` (recomputed - published) and ``difference_normalised``
        (recomputed - published normalised to sum 1). Empty if no published
        criterion is weighted by the evaluation.
    """
    ids = _ranked(evaluation, table)
    factors = table.factors.loc[ids]
    frames = []
    for crit in _criteria(evaluation, table):
        text = factors[crit]
        if not text.astype(str).str.strip().astype(bool).any():
            continue
        published = _number(text)
        normalised = published / published.sum()
        recomputed = evaluation.by_criterion[crit].reindex(ids).astype(float)
        frames.append(
            pd.DataFrame(
                {
                    "criterion": crit,
                    "factor_id": ids,
                    "factor": factors["factor"].to_numpy(),
                    "published_text": text.to_numpy(),
                    "published": published.to_numpy(),
                    "published_normalised": normalised.to_numpy(),
                    "recomputed": recomputed.to_numpy(),
                    "difference": (recomputed - published).to_numpy(),
                    "difference_normalised": (recomputed - normalised).to_numpy(),
                }
            )
        )
    if not frames:
        return pd.DataFrame(
            columns=[
                "criterion",
                "factor_id",
                "factor",
                "published_text",
                "published",
                "published_normalised",
                "recomputed",
                "difference",
                "difference_normalised",
            ]
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


@dataclass(frozen=True)
class PrintedSums:
    """Per published node the model ranks: printed composite, recomputed composite, Σ v̂ ĉ of the printed numbers."""

    ids: tuple[str, ...]
    published: np.ndarray
    recomputed: np.ndarray
    weighted_sum: np.ndarray


def printed_sums(model: Model, evaluation: Evaluation) -> PrintedSums | None:
    r"""Return the printed composites beside ``sum_k v^pub_k col^pub_k`` of the printed numbers (numpy, cheap).

    ``weighted_sum`` is NaN for a node when a printed weight or column is
    missing. None if the model carries no published table with criterion
    weights and composites.
    """
    pub = model.published
    if pub is None or not pub.criterion_weights:
        return None
    crit = [c.id for c in model.criteria if c.id in pub.criterion_weights]
    v = np.array([float(pub.criterion_weights[c]) for c in crit])
    pos = {n: k for k, n in enumerate(model.ranked_node_ids)}
    rows = [r for r in pub.rows if r.node in pos and r.composite is not None]
    if not rows:
        return None
    cols = np.array(
        [[float(r.by_criterion[c]) if c in r.by_criterion else np.nan for c in crit] for r in rows]
    )
    return PrintedSums(
        ids=tuple(r.node for r in rows),
        published=np.array([float(r.composite) for r in rows]),  # type: ignore[arg-type]
        recomputed=evaluation.composite_values[[pos[r.node] for r in rows]],
        weighted_sum=cols @ v,
    )


def composite(evaluation: Evaluation, table: PublishedTable) -> pd.DataFrame:
    """Compare the published composite weights and ranks with the recomputed ones.

    ``recomputed`` is anp_core's ``sum_k v_k L_k`` (``evaluation.composite``)
    and ``recomputed_rank`` its competition rank on 3 decimals. For the
    explanation, ``published_weighted_sum`` is the same sum taken over the
    *printed* numbers (``sum_k v_k^pub column_k^pub``; NaN where a printed
    weight or column is missing): arithmetic on published data, not a
    recomputation. ``rounding_bound`` is how far rounding alone can move that
    sum from the printed composite (:func:`rounding_bound`).

    Returns
    -------
    DataFrame
        One row per published node the model ranks, in the published order,
        indexed by node id, columns ``factor, cluster, published_text,
        published, recomputed, difference`` (recomputed - published),
        ``published_weighted_sum``, ``published_sum_gap``
        (published_weighted_sum - published), ``rounding_bound`` and
        ``rounding_columns`` (the same without the weights' rounding),
        ``published_rank, recomputed_rank`` and ``rank_change``
        (recomputed_rank - published_rank; negative = moves up; NaN where the
        table prints no rank).
    """
    ids = _ranked(evaluation, table)
    factors = table.factors.loc[ids]
    published = _number(factors["composite"])
    recomputed = evaluation.composite.reindex(ids).astype(float)
    crit = list(table.criteria)
    v_text = table.criterion_weights.reindex(crit).fillna("")
    weighted_sum = pd.Series(np.nan, index=ids)
    bound = pd.Series(np.nan, index=ids)
    own = pd.Series(np.nan, index=ids)
    sums = printed_sums(evaluation.model, evaluation)
    if sums is not None:
        weighted_sum = pd.Series(sums.weighted_sum, index=list(sums.ids)).reindex(ids)
    if crit and v_text.astype(bool).all():
        v_pub = _number(v_text).to_numpy()
        printed = np.column_stack([_number(factors[c]).to_numpy() for c in crit])
        h_col = np.column_stack([half_unit(factors[c]).to_numpy() for c in crit])
        h_v = half_unit(v_text).to_numpy()
        h_comp = half_unit(factors["composite"]).to_numpy()
        bound = pd.Series(rounding_bound(v_pub, printed, h_v, h_col, h_comp), index=ids)
        own = pd.Series(rounding_bound(v_pub, printed, np.zeros_like(h_v), h_col, h_comp), index=ids)
    pub_rank = pd.to_numeric(factors["rank"].replace("", np.nan), errors="raise").astype(float)
    rec_rank = evaluation.ranks.reindex(ids).astype(int)
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
            "rounding_bound": bound,
            "rounding_columns": own,
            "published_rank": pub_rank,
            "recomputed_rank": rec_rank,
            "rank_change": rec_rank - pub_rank,
        }
    )


def rounding_bound(
    v: np.ndarray, columns: np.ndarray, h_v: np.ndarray, h_col: np.ndarray, h_composite: np.ndarray
) -> np.ndarray:
    r"""Largest gap that rounding alone can open between ``sum_k v_k col_k`` and the printed composite.

    With every printed number within half a unit of its last digit of the
    true one (``|\hat v_k - v_k| <= h^v_k``, ``|\hat c_{ik} - c_{ik}| <= h^c_{ik}``,
    ``|\hat c_i - c_i| <= h_i``) and ``c_i = sum_k v_k c_{ik}``:

    .. math:: |\sum_k \hat v_k \hat c_{ik} - \hat c_i| \le
              \sum_k (\hat v_k h^c_{ik} + \hat c_{ik} h^v_k + h^v_k h^c_{ik}) + h_i

    For 3-decimal columns, weights summing to 1 and a 3-decimal composite the
    columns and the composite give 0.0005 each (0.001), and the weights add
    ``0.0005 sum_k c_ik``.

    Examples
    --------
    >>> rounding_bound(
    ...     np.array([0.5, 0.5]),
    ...     np.array([[0.2, 0.4]]),
    ...     np.array([0.0, 0.0]),
    ...     np.full((1, 2), 5e-4),
    ...     np.array([5e-4]),
    ... ).round(6).tolist()
    [0.001]
    """
    v = np.abs(np.asarray(v, dtype=float))
    c = np.abs(np.asarray(columns, dtype=float))
    h_v = np.asarray(h_v, dtype=float)
    h_c = np.asarray(h_col, dtype=float)
    return (h_c * v).sum(axis=1) + (c * h_v).sum(axis=1) + (h_c * h_v).sum(axis=1) + np.asarray(h_composite)


def rank_moves(composite_frame: pd.DataFrame) -> pd.DataFrame:
    """Return the rows of :func:`composite` whose rank differs, by published rank."""
    moved = composite_frame[composite_frame["rank_change"].fillna(0) != 0]
    return moved.sort_values(["published_rank", "recomputed_rank"], kind="stable")


def unchanged_top(composite_frame: pd.DataFrame) -> list[str]:
    """Return the names of the published leaders that keep their ranks (published ranks 1, 2, ... in turn)."""
    out = []
    for _, r in composite_frame.sort_values("published_rank", kind="stable").iterrows():
        if r["rank_change"] != 0 or not np.isfinite(r["published_rank"]):
            break
        out.append(str(r["factor"]))
    return out


def criterion_weights(evaluation: Evaluation, table: PublishedTable) -> pd.DataFrame:
    """Compare the published criterion weights v with the evaluation's.

    Returns
    -------
    DataFrame
        Indexed by criterion (those published and weighted): ``name,
        published_text, published, recomputed, difference``.
    """
    crit = [c for c in table.criterion_weights.index if c in evaluation.criteria]
    text = table.criterion_weights.reindex(crit)
    published = _number(text)
    recomputed = evaluation.criterion_weights.reindex(crit).astype(float)
    return pd.DataFrame(
        {
            "name": [evaluation.model.label(c) for c in crit],
            "published_text": text.to_numpy(),
            "published": published.to_numpy(),
            "recomputed": recomputed.to_numpy(),
            "difference": (recomputed - published).to_numpy(),
        },
        index=pd.Index(crit, name="criterion"),
    )


def cluster_weights(evaluation: Evaluation, table: PublishedTable) -> pd.DataFrame:
    """Compare the published cluster weights with the recomputed cluster sums.

    Returns
    -------
    DataFrame
        Indexed by cluster id, in the model's order: ``cluster`` (name),
        ``published_text, published, published_composite_sum`` (sum of the
        printed composite weights of the cluster's published nodes),
        ``recomputed`` (anp_core's ``cluster_weights``) and ``difference``.
    """
    model = evaluation.model
    ids = [c.id for c in model.clusters if c.id in table.cluster_weights.index]
    text = table.cluster_weights.reindex(ids)
    factors = table.factors
    composite_sum = (
        _number(factors["composite"]).groupby(factors["cluster_id"], sort=False).sum(min_count=1).reindex(ids)
    )
    recomputed = evaluation.cluster_weights.reindex(ids).astype(float)
    published = _number(text) if ids else pd.Series(dtype=float)
    return pd.DataFrame(
        {
            "cluster": [model.label(c) for c in ids],
            "published_text": text.to_numpy(),
            "published": published.to_numpy(),
            "published_composite_sum": composite_sum.to_numpy(),
            "recomputed": recomputed.to_numpy(),
            "difference": (recomputed - published).to_numpy(),
        },
        index=pd.Index(ids, name="cluster_id"),
    )


def audit_csv(evaluation: Evaluation, table: PublishedTable) -> str:
    """Return the whole audit as one long CSV text (one row per compared number).

    Columns: ``section`` (criterion_weight, cluster_weight, criterion column
    name, composite, rank), ``id``, ``name``, ``published_text``,
    ``published``, ``recomputed``, ``difference`` (recomputed - published).
    """
    rows: list[pd.DataFrame] = []

    def add(section: object, ids: object, names: object, text: object, pub: object, rec: object) -> None:
        frame = pd.DataFrame(
            {
                "section": section,
                "id": ids,
                "name": names,
                "published_text": text,
                "published": pub,
                "recomputed": rec,
            }
        )
        frame["difference"] = frame["recomputed"] - frame["published"]
        rows.append(frame)

    cw = criterion_weights(evaluation, table)
    add("criterion_weight", cw.index, cw["name"], cw["published_text"], cw["published"], cw["recomputed"])
    cl = cluster_weights(evaluation, table)
    add("cluster_weight", cl.index, cl["cluster"], cl["published_text"], cl["published"], cl["recomputed"])
    cols = criterion_columns(evaluation, table)
    add(
        cols["criterion"],
        cols["factor_id"],
        cols["factor"],
        cols["published_text"],
        cols["published"],
        cols["recomputed"],
    )
    comp = composite(evaluation, table)
    add(
        "composite", comp.index, comp["factor"], comp["published_text"], comp["published"], comp["recomputed"]
    )
    ranked = comp[np.isfinite(comp["published_rank"])]
    add(
        "rank",
        ranked.index,
        ranked["factor"],
        ranked["published_rank"].astype(int).astype(str),
        ranked["published_rank"],
        ranked["recomputed_rank"].astype(float),
    )
    frames = [r.reset_index(drop=True) for r in rows if len(r)]
    return pd.concat(frames, ignore_index=True).to_csv(index=False)

"""View builders of the Weights page: the rank table, the top cards (with ties) and the captions.

No Streamlit import: these take :class:`anp_core.Evaluation` results and
return plain pandas objects, strings (markdown, model text escaped) and
plotly figures, so they are tested directly; the page and its benchmark twin
both draw what :func:`weights_view` returns.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from anp_core import Evaluation, Model
from anp_core.i18n import N_, translator
from dashboard import audit, difficulties, figures, text_alternatives, vega_charts
from dashboard.text import label_text, name_of, plain
from dashboard.vega_charts import FactorColumns

__all__ = [
    "RANK_COLUMNS",
    "Card",
    "WeightsView",
    "card_markdown",
    "cluster_shares",
    "display_table",
    "effective_text",
    "light_columns",
    "light_table",
    "published_note",
    "rank_change",
    "rank_columns",
    "rank_table",
    "shares_table",
    "top_cards",
    "top_records",
    "weights_view",
]


def rank_change(before: int, after: int) -> str:
    """Return an arrow label for a rank move: ``"▲2"`` up, ``"▼1"`` down, ``"–"`` same.

    Examples
    --------
    >>> rank_change(5, 3), rank_change(3, 4), rank_change(2, 2)
    ('▲2', '▼1', '–')
    """
    d = int(before) - int(after)
    if d > 0:
        return f"▲{d}"
    if d < 0:
        return f"▼{-d}"
    return "–"


def light_columns(ev: Evaluation, lang: str = "en") -> FactorColumns:
    """Return the ranked nodes' columns in rank order (rank first, then larger composite first).

    Rows as :func:`light_table`, as plain lists and arrays: what the Weights
    page's builders read on every slider move.
    """
    model = ev.model
    order = np.lexsort((-ev.composite_values, ev.rank_values))
    ids = [model.ranked_node_ids[k] for k in order.tolist()]
    return FactorColumns(
        ids,
        [name_of(model, i, lang) for i in ids],
        [model.cluster_of[i] for i in ids],
        ev.composite_values[order],
        ev.rank_values[order],
    )


def light_table(ev: Evaluation, lang: str = "en") -> pd.DataFrame:
    """Return the ranked table's core columns, cheaply.

    Same rows, order and values as ``ev.table()[["name", "cluster",
    "composite", "rank"]]`` (rank first, then larger composite first; the
    ranked nodes, ``Model.ranked_node_ids``), built from numpy arrays
    (:func:`light_columns`). Names in ``lang`` where the model has them.
    """
    cols = light_columns(ev, lang)
    return pd.DataFrame(
        {"name": cols.names, "cluster": cols.clusters, "composite": cols.composite, "rank": cols.rank},
        index=pd.Index(cols.ids, name="factor"),
    )


def cluster_shares(table: pd.DataFrame | FactorColumns) -> dict[str, float]:
    """Return each cluster's share (sum of its factors' composite weights), in first-seen order."""
    cols = FactorColumns.of(table)
    out: dict[str, float] = {}
    for cid, value in zip(cols.clusters, cols.composite.tolist(), strict=True):
        out[cid] = out.get(cid, 0.0) + value
    return out


def rank_columns(
    table: pd.DataFrame | FactorColumns,
    baseline: pd.DataFrame | FactorColumns,
    cluster_names: Mapping[str, str] | None = None,
) -> dict[str, list[object] | np.ndarray]:
    """Return :func:`rank_table`'s columns as plain lists and arrays (no index), in the order of ``table``."""
    names = cluster_names or {}
    cur, base = FactorColumns.of(table), FactorColumns.of(baseline)
    b_comp = dict(zip(base.ids, base.composite.tolist(), strict=True))
    b_rank = dict(zip(base.ids, np.asarray(base.rank).tolist(), strict=True))
    comp = np.asarray(cur.composite, dtype=float)
    ranks = np.asarray(cur.rank, dtype=np.int64)
    base_comp = np.array([b_comp.get(i, np.nan) for i in cur.ids], dtype=float)
    base_rank = [int(b_rank.get(i, 0)) for i in cur.ids]
    return {
        "Rank": ranks,
        "Change": [rank_change(b, a) for b, a in zip(base_rank, ranks.tolist(), strict=True)],
        "Factor": list(cur.names),
        "Composite": comp,
        "Δ weight": comp - base_comp,
        "Baseline rank": np.array(base_rank, dtype=np.int64),
        "Baseline": base_comp,
        "Cluster": [names.get(c, c) for c in cur.clusters],
    }


def rank_table(
    table: pd.DataFrame | FactorColumns,
    baseline: pd.DataFrame | FactorColumns,
    cluster_names: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Return the ranked display table with the change against the baseline.

    Parameters
    ----------
    table : DataFrame or FactorColumns
        Current ranked table (:func:`light_table` or
        :meth:`anp_core.Evaluation.table`; index factor id), or its columns.
    baseline : DataFrame or FactorColumns
        The baseline evaluation's table (the loaded model under its own weights).
    cluster_names : mapping, optional
        Cluster id -> display name.

    Returns
    -------
    DataFrame
        Index factor id, in the order of ``table``; columns ``Rank``, ``Change``
        (``"▲2"``/``"▼1"``/``"–"``), ``Factor``, ``Composite``, ``Δ weight``,
        ``Baseline rank``, ``Baseline`` (composite) and ``Cluster`` (full
        names, shown as text in a dataframe).
    """
    cur = FactorColumns.of(table)
    return _rank_frame(rank_columns(cur, baseline, cluster_names), cur.ids)


def _rank_frame(columns: Mapping[str, Sequence[object] | np.ndarray], ids: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame(columns, index=pd.Index(ids, name="factor"))


#: The rank table's columns (:func:`rank_table`), marked for translation (:func:`display_table`).
RANK_COLUMNS = (
    N_("Rank"),
    N_("Change"),
    N_("Factor"),
    N_("Composite"),
    N_("Δ weight"),
    N_("Baseline rank"),
    N_("Baseline"),
    N_("Cluster"),
)


def display_table(ranked: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Return :func:`rank_table` with its column names in ``lang`` (what the page shows; itself in English)."""
    _ = translator(lang)
    names = {c: _(c) for c in RANK_COLUMNS}
    if all(k == v for k, v in names.items()):
        return ranked
    return ranked.rename(columns=names)


def top_records(
    ranked: pd.DataFrame | Mapping[str, Sequence[object] | np.ndarray],
    k: int = 5,
    *,
    max_rank: int | None = None,
) -> list[dict[str, object]]:
    """Return the ``k`` rows of :func:`rank_table` with the largest composite, as plain dicts.

    Highest composite first (stable on ties); built from numpy columns (of
    the table, or of :func:`rank_columns`). With ``max_rank``, only rows
    ranked ``max_rank`` or better are taken.
    """
    columns = {str(c): np.asarray(ranked[c]) for c in ranked}
    order = np.argsort(-columns["Composite"].astype(float), kind="stable")
    if max_rank is not None:
        order = order[columns["Rank"][order] <= max_rank]
    order = order[:k]
    cols = {c: v[order].tolist() for c, v in columns.items()}
    return [{c: v[i] for c, v in cols.items()} for i in range(len(order))]


@dataclass(frozen=True)
class Card:
    """One top-factor card: title (markdown), plain label, value, weight change, rank move, help (markdown).

    ``markdown`` is what the page draws (:func:`card_markdown`): the title,
    the composite in bold with its change against the loaded model, and the
    rank move.
    """

    title: str
    label: str
    value: str
    delta: float
    description: str
    help: str
    markdown: str


def card_markdown(title: str, value: str, delta: float, description: str) -> str:
    r"""Return a card's markdown: ``title``; the bold ``value`` and its change; the rank move, small.

    The change is ``▲ +0.012`` in green or ``▼ -0.012`` in red when the
    weight moved by at least 0.0005 (the arrow and the sign say it without
    colour), and a grey ``+0.000`` otherwise.

    Examples
    --------
    >>> card_markdown("**#1** A", "0.210", 0.0123, "rank ▲2").split("  \n")
    ['**#1** A', '**0.210** :green[▲ +0.012]', ':small[rank ▲2]']
    """
    if abs(delta) < 5e-4:
        change = f":gray[{delta:+.3f}]"
    else:
        change = f":green[▲ {delta:+.3f}]" if delta > 0 else f":red[▼ {delta:+.3f}]"
    return f"{title}  \n**{value}** {change}  \n:small[{description}]"


#: Ties at the last rank beyond this many extra cards are counted, not drawn.
MAX_EXTRA_CARDS = 2


def top_cards(
    ranked: pd.DataFrame | Mapping[str, Sequence[object] | np.ndarray], k: int = 5, lang: str = "en"
) -> tuple[list[Card], str]:
    r"""Return the cards of every factor ranked k-th or better, and a note on ties.

    Ranks are competition ranks on 3 decimals, so the factors tied at rank k
    all belong to the top k: they get a card each (up to ``k + 2`` cards);
    beyond that the first ``k`` are drawn and the note says how many more
    share the last rank shown.

    Returns
    -------
    (list of Card, str)
        The cards, best first, and a markdown note ("" when nothing is left out
        or tied).

    Examples
    --------
    >>> from anp_core import evaluate, load_model
    >>> ev = evaluate(load_model("data/models/cbec_trade_war.json"))
    >>> t = light_table(ev)
    >>> cards, note = top_cards(rank_table(t, t))
    >>> [c.label for c in cards][4:], note
    (['#5 Product & brand', '#5 Talent cultivation system'], 'Two factors share rank 5.')
    """
    _ = translator(lang)
    top = top_records(ranked, len(ranked), max_rank=k)
    note = ""
    if len(top) > k + MAX_EXTRA_CARDS:
        last = int(top[k - 1]["Rank"])
        more = sum(1 for r in top[k:] if int(r["Rank"]) == last)
        top = top[:k]
        note = _("… and {more} more tied at rank {last} (see the ranking below).").format(
            more=more, last=last
        )
    elif len(top) > k:
        last = int(top[-1]["Rank"])
        tied = sum(1 for r in top if int(r["Rank"]) == last)
        words = {2: _("Two"), 3: _("Three"), 4: _("Four")}.get(tied, str(tied))
        note = _("{words} factors share rank {last}.").format(words=words, last=last)
    cards = []
    for r in top:
        name = str(r["Factor"])
        title = f"**#{r['Rank']}** {plain(name)}"
        value = _.number(float(r["Composite"]))  # type: ignore[arg-type]
        delta = float(r["Δ weight"])  # type: ignore[arg-type]
        description = _("rank {change}").format(change=r["Change"])
        cards.append(
            Card(
                title=title,
                label=f"#{r['Rank']} {label_text(name)}",
                value=value,
                delta=delta,
                description=description,
                help=_("{cluster}. Baseline: {value} (rank {rank}).").format(
                    cluster=plain(r["Cluster"]),
                    value=_.number(float(r["Baseline"])),  # type: ignore[arg-type]
                    rank=r["Baseline rank"],
                ),
                markdown=card_markdown(title, value, delta, description),
            )
        )
    return cards, note


def effective_text(model: Model, effective: Mapping[str, float], total: float, lang: str = "en") -> str:
    """Return the "Effective weights" line: full criterion names, and the slider sum if it is not 1."""
    _ = translator(lang)
    parts = " · ".join(f"{plain(name_of(model, c, lang))} {_.number(w)}" for c, w in effective.items())
    if abs(total - 1.0) < 1e-6:
        return _("**Effective weights**: {weights}").format(weights=parts)
    return _("**Effective weights** (sliders sum to {total}; each is divided by that sum): {weights}").format(
        total=_.number(total), weights=parts
    )


def published_note(model: Model, own: Evaluation, lang: str = "en") -> str | None:
    """Explain, from the model's published table, why the recomputed composite differs from it.

    The recomputed composite is ``sum_k v_k L_k``. For the factor where it
    differs most from the printed composite, that difference splits into
    ``sum_k v_k L_k - sum_k v^pub_k col^pub_k`` (normalising the printed
    columns and weights) and ``sum_k v^pub_k col^pub_k - c^pub`` (the printed
    composite is not the weighted sum of the printed columns). Returns None
    if the model carries no published composite to compare with.

    Examples
    --------
    >>> from anp_core import evaluate, load_model
    >>> m = load_model("data/models/cbec_trade_war.json")
    >>> "normalising" in published_note(m, evaluate(m))
    True
    """
    _ = translator(lang)
    sums = audit.printed_sums(model, own)
    if sums is None:
        return None
    diffs = sums.recomputed - sums.published
    k = int(np.argmax(np.abs(diffs)))
    diff, gap = float(diffs[k]), float(sums.weighted_sum[k] - sums.published[k])
    name = plain(name_of(model, sums.ids[k], lang))
    if not np.isfinite(gap):
        return _(
            "The recomputed composite weights differ from the published ones by up to {diff} ({name}): see "
            "the Paper audit."
        ).format(diff=f"{abs(diff):.4f}", name=name)
    norm = diff - gap
    if abs(gap) >= abs(norm):
        above = _(
            "The recomputed composite weights differ from the published ones mainly because the published "
            "composite is not the weighted sum of the published columns: for {name}, the largest difference "
            "({diff}), the weighted sum of its printed columns is {gap} above its printed composite, and "
            "normalising the columns (the limit priorities sum to 1) explains only {norm}."
        )
        below = _(
            "The recomputed composite weights differ from the published ones mainly because the published "
            "composite is not the weighted sum of the published columns: for {name}, the largest difference "
            "({diff}), the weighted sum of its printed columns is {gap} below its printed composite, and "
            "normalising the columns (the limit priorities sum to 1) explains only {norm}."
        )
        return (above if gap > 0 else below).format(
            name=name, diff=f"{diff:+.4f}", gap=f"{abs(gap):.4f}", norm=f"{norm:+.4f}"
        )
    return _(
        "The recomputed composite weights differ from the published ones mainly because the published "
        "columns do not sum to 1 and are normalised here: for {name}, the largest difference ({diff}), "
        "normalising explains {norm}."
    ).format(name=name, diff=f"{diff:+.4f}", norm=f"{norm:+.4f}")


@dataclass(frozen=True)
class WeightsView:
    """Everything the Weights page draws for one set of weights.

    ``bar_text`` and ``shares_text`` are the charts' one-sentence summaries
    (plain text), ``shares_table`` the cluster shares chart's data; ``difficulties`` the
    factors of this model that a paper's difficulties name (None if none).
    """

    cards_title: str
    cards: list[Card]
    cards_note: str
    bar: vega_charts.VegaChart
    shares_chart: vega_charts.VegaChart
    ranked: pd.DataFrame
    table_height: int
    shares: str
    bar_text: str = ""
    shares_text: str = ""
    shares_table: pd.DataFrame | None = None
    difficulties: pd.DataFrame | None = None


def shares_table(
    table: pd.DataFrame | FactorColumns, cluster_names: Mapping[str, str], lang: str = "en"
) -> pd.DataFrame:
    """Return the cluster shares chart's data: per cluster, its share, its number of factors and its leading factor.

    Examples
    --------
    >>> from anp_core import evaluate, load_model
    >>> t = light_table(evaluate(load_model("data/models/cbec_trade_war.json")))
    >>> row = shares_table(t, {}).iloc[0]
    >>> round(float(row.iloc[1]), 3), int(row.iloc[2]), row.iloc[3]
    (0.238, 4, 'Government regulation')
    """
    _ = translator(lang)
    # one pass over plain lists: this runs on every slider move
    share: dict[str, float] = {}
    count: dict[str, int] = {}
    top: dict[str, tuple[float, str]] = {}
    cols = FactorColumns.of(table)
    for cid, name, value in zip(cols.clusters, cols.names, cols.composite.tolist(), strict=True):
        share[cid] = share.get(cid, 0.0) + value
        count[cid] = count.get(cid, 0) + 1
        if cid not in top or value > top[cid][0]:
            top[cid] = (value, name)
    rows = [(cluster_names.get(c, c), round(v, 4), count[c], top[c][1]) for c, v in share.items()]
    return pd.DataFrame(rows, columns=[_("Cluster"), _("Share"), _("Factors"), _("Largest factor")])


def weights_view(
    ev: Evaluation,
    base: Evaluation,
    *,
    lang: str = "en",
    matches: Sequence[difficulties.Match] = (),
) -> WeightsView:
    """Build the Weights page's live block: top cards, charts, rank table and cluster shares.

    Parameters
    ----------
    ev : Evaluation
        The current model under the sliders' weights.
    base : Evaluation
        The loaded model under its own weights (the baseline ticks and changes).
    lang : str
        Interface language of the charts' words and summaries.
    matches : sequence of difficulties.Match
        Difficulties naming factors of this model (:func:`dashboard.difficulties.matching`):
        noted beside their bars and listed in :attr:`WeightsView.difficulties`.
    """
    _ = translator(lang)
    fmt, phrases = text_alternatives.localised(lang)
    model = ev.model
    styles = figures.cluster_styles(model)
    cnames = {c.id: name_of(model, c.id, lang) for c in model.clusters}
    table = light_columns(ev, lang)
    base_table = light_columns(base, lang)
    columns = rank_columns(table, base_table, cnames)
    ranked = _rank_frame(columns, table.ids)
    cards, note = top_cards(columns, lang=lang)
    shares = cluster_shares(table)
    top = min(5, len(table.ids))
    notes = difficulties.notes(matches, lang=lang)
    bar = vega_charts.composite_bar(
        table,
        styles,
        cluster_names=cnames,
        baseline=dict(zip(base_table.ids, base_table.composite.tolist(), strict=True)),
        notes=notes,
        notes_name=_("Named in a difficulty"),
        text={
            "title": _("Composite weight of each factor"),
            "title_limited": _("Composite weight: the {limit} largest of {n}"),
            "axis": _("composite weight"),
            "hover_factor": _("factor"),
            "hover_composite": _("composite"),
            "hover_rank": _("rank"),
            "hover_cluster": _("cluster"),
            "hover_baseline": _("baseline"),
            "named": _("{title} ({subtitle})"),
            "said": _("{factor}, rank {rank}: {value}"),
            "said_baseline": _("; baseline {baseline}"),
        },
    )
    shares_chart = vega_charts.cluster_shares_bar(
        shares,
        styles,
        cluster_names=cnames,
        baseline=cluster_shares(base_table),
        text={
            "title": _("Cluster shares"),
            "axis": _("cluster share"),
            "share": _("cluster share"),
            "baseline": _("baseline"),
            "cluster": _("cluster"),
            "said": _("{cluster}: {value}"),
            "said_baseline": _("; baseline {baseline}"),
        },
    )
    share_names = [cnames.get(c, c) for c in shares]
    return WeightsView(
        cards_title=_("Top {k}").format(k=top) if top > 1 else _("Top node"),
        cards=cards,
        cards_note=note,
        bar=bar,
        shares_chart=shares_chart,
        ranked=ranked,
        table_height=min(35 * len(ranked) + 38, 738),
        shares=" · ".join(f"{plain(cnames.get(c, c))} {v:.3f}" for c, v in shares.items()),
        bar_text=text_alternatives.ranking_summary(table.names, table.composite, fmt=fmt, phrases=phrases),
        shares_text=text_alternatives.ranking_summary(
            share_names, list(shares.values()), top=1, fmt=fmt, phrases=phrases
        ),
        shares_table=shares_table(table, cnames, lang),
        difficulties=difficulties.table(
            matches,
            ev,
            [
                _("Difficulty"),
                _("Factor"),
                _("Rank"),
                _("Composite"),
                _("Link"),
                _("The paper's words"),
                _("Paper"),
            ],
            lang=lang,
            strengths={"direct": _("direct link"), "indirect": _("indirect link")},
        )
        if matches
        else None,
    )

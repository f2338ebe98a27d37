"""Model page view builders: pure functions from a draft to what the page shows (no Streamlit).

Tables (the link matrix, limit priorities, composite results), option lists
and labels (Saaty's verbal scale with "not judged yet", the matrices to
judge, where a link comes from), the templates on disk, and ``plain`` for
outside text shown as markdown. Every number comes from ``anp_core``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from anp_core import Model
from anp_core.draft import CRITERIA_KEY, Draft, DraftCluster, describe_message, effective_links, matrix_of
from anp_core.draft_problems import Diagnosis, Problem
from anp_core.evaluate import criterion_network, evaluate
from anp_core.i18n import N_, translator
from anp_core.model_schema import ComparisonKey, Criterion, Node
from dashboard.figures import fmt_judgment
from dashboard.plot_layout import display_width
from dashboard.text import plain

__all__ = [
    "EACH",
    "NOT_JUDGED",
    "SAATY_VERBAL",
    "Template",
    "as_judgment",
    "column_width",
    "comparison_keys",
    "comparison_label",
    "draft_labeller",
    "each_source",
    "fmt_judgment",
    "is_linked",
    "judgment_label",
    "judgment_options",
    "limit_table",
    "link_edits",
    "link_frame",
    "link_sources",
    "links_in_words",
    "plain",
    "problem_counts",
    "problem_texts",
    "results_table",
    "source_cluster",
    "source_label",
    "templates",
]

#: Saaty's verbal scale (1-9); even values are in-betweens.
SAATY_VERBAL: dict[int, str] = {
    1: "equal",
    2: "equal to moderate",
    3: "moderate",
    4: "moderate to strong",
    5: "strong",
    6: "strong to very strong",
    7: "very strong",
    8: "very strong to extreme",
    9: "extreme",
}
#: The option that marks a pair as not judged yet (a missing judgment, ``None`` in the model).
NOT_JUDGED = "not judged yet"
_NOT_JUDGED_LABEL = N_("— not judged yet —")
_SCALE: tuple[float, ...] = tuple([float(v) for v in range(9, 0, -1)] + [1.0 / v for v in range(2, 10)])


def _on_scale(value: float) -> float | None:
    return next((s for s in _SCALE if math.isclose(value, s, rel_tol=1e-9)), None)


def judgment_options(current: float | None) -> list[float | str]:
    """Return a pair's choices: not judged yet, then 9 … 1 … 1/9, with ``current`` at its place if off the scale.

    Examples
    --------
    >>> opts = judgment_options(2.5)
    >>> opts[0] == NOT_JUDGED, len(opts), 2.5 in opts
    (True, 19, True)
    >>> judgment_options(1 / 3)[1:3]
    [9.0, 8.0]
    """
    if current is None or _on_scale(current) is not None:
        return [NOT_JUDGED, *_SCALE]
    return [NOT_JUDGED, *sorted([*_SCALE, float(current)], reverse=True)]


def snap(current: float | None) -> float | str:
    """Return a judgment as its widget option: the equal scale value, itself if off the scale, or NOT_JUDGED."""
    if current is None:
        return NOT_JUDGED
    return _on_scale(current) or current


def as_judgment(option: object) -> float | None:
    """Return the judgment an option stands for (``None`` for NOT_JUDGED)."""
    return None if option == NOT_JUDGED or option is None else float(option)  # type: ignore[arg-type]


def judgment_label(value: float | str | None, row: str, col: str, lang: str = "en") -> str:
    """Return the verbal reading of ``a_ij = value`` for elements ``row`` and ``col``, in ``lang``.

    Examples
    --------
    >>> judgment_label(None, "A", "B"), judgment_label(5.0, "A", "B"), judgment_label(1 / 3, "A", "B")
    ('— not judged yet —', 'A 5 · strong', 'B 3 · moderate')
    >>> judgment_label(1.0, "A", "B"), judgment_label(25.4, "A", "B")
    ('1 · equal', 'A 25.4 · off the 1-9 scale')
    >>> judgment_label(1 / 3, "A", "B", "zh")
    'B 3 · 稍微重要'
    """
    from dashboard.panel_text import VERBAL_TEXT  # the scale's words as the catalog translates them

    _ = translator(lang)

    def said(k: int) -> str:  # "moderate" alone would be the consensus word's translation
        return SAATY_VERBAL[k] if lang == "en" else _(VERBAL_TEXT[k])

    if value is None or isinstance(value, str):
        return _(_NOT_JUDGED_LABEL)
    if math.isclose(value, 1.0, rel_tol=1e-9):
        return "1 · " + said(1)
    winner, strength = (row, value) if value > 1 else (col, 1.0 / value)
    k = round(strength)
    if math.isclose(strength, k, rel_tol=1e-9) and k in SAATY_VERBAL:
        words = said(k)
    elif strength > 9:
        words = _("off the 1-9 scale")
    else:
        words = _("between scale steps")
    return f"{winner} {fmt_judgment(strength)} · {words}"


def draft_labeller(draft: Draft, lang: str = "en") -> Callable[[str], str]:
    """Return ``id -> display name`` of a draft's criteria, clusters and nodes in ``lang``.

    A name's translation in ``lang`` where the draft has one (as
    :meth:`anp_core.Model.label` reads it; English too), else its own name.

    Examples
    --------
    >>> from anp_core.draft import from_model
    >>> from anp_core import load_model
    >>> d = from_model(load_model("data/models/cbec_trade_war.json"))
    >>> draft_labeller(d, "zh")("policy"), draft_labeller(d)("policy")
    ('政策环境', 'Policy environment')
    """
    names: dict[str, str] = {}
    items: list[Criterion | DraftCluster | Node] = [
        *draft.criteria,
        *draft.clusters,
        *(n for c in draft.clusters for n in c.nodes),
    ]
    for item in items:
        t = item.translations.get(lang)
        if t is not None and t.name:
            names[item.id] = t.name
    return lambda any_id: names.get(any_id) or draft.label(any_id)


# --------------------------------------------------------------------------
# matrices to judge


def comparison_keys(draft: Draft) -> list[ComparisonKey]:
    """Return every matrix of the draft: the criteria comparison (if two or more criteria), then the comparisons."""
    keys: list[ComparisonKey] = []
    cc = draft.criteria_comparison
    if cc is not None and len(cc.elements) > 1:
        keys.append(CRITERIA_KEY)
    keys += [c.key for c in draft.comparisons]
    return keys


def _missing(matrix: Sequence[Sequence[float | None]]) -> int:
    return sum(1 for i, row in enumerate(matrix) for j, x in enumerate(row) if i < j and x is None)


def comparison_label(
    draft: Draft, key: ComparisonKey, problems: Sequence[Problem] = (), lang: str = "en"
) -> str:
    """Return a matrix's title with its status (judgments missing, CR over 0.10, or done), in ``lang``."""
    _ = translator(lang)
    found = matrix_of(draft, key)
    title = describe_message(draft, key).render(_, draft_labeller(draft, lang))
    if found is None:
        return title
    missing = _missing(found[1])
    status = []
    if missing:
        status.append(_("{n} to judge").format(n=missing))
    cr = next((p.cr for p in problems if p.key == key and p.code == "inconsistent"), None)
    if cr is not None:
        status.append(f"CR {cr:.2f}")
    if not status:
        status.append(_("done") if len(found[0]) > 1 else _("one node: nothing to judge"))
    sep = _(", ")
    return f"{title} · {sep.join(status)}"


# --------------------------------------------------------------------------
# links


#: Prefix of the link source "each node of a cluster, one matrix per node" (ids never hold a colon).
EACH = "each:"


def each_source(cluster: str) -> str:
    """Return the link source "each node of ``cluster``, one matrix per node"."""
    return EACH + cluster


def source_cluster(wrt: str) -> str | None:
    """Return the cluster of a per-node source (:func:`each_source`), else None."""
    return wrt[len(EACH) :] if wrt.startswith(EACH) else None


def link_sources(draft: Draft, criterion: str) -> list[str]:
    """Return what nodes can be compared with respect to.

    The criterion (one matrix shared by every node), then for each cluster
    its nodes one by one (:func:`each_source`, one matrix per node) and the
    cluster as a whole (one matrix shared by its nodes), then each node.
    """
    per_cluster = [s for c in draft.clusters for s in (each_source(c.id), c.id)]
    return [criterion, *per_cluster, *draft.node_ids]


def source_label(draft: Draft, criterion: str, wrt: str, lang: str = "en") -> str:
    """Return how a link source reads: every node, each node of a cluster, a cluster as a whole, or one node.

    Examples
    --------
    >>> from anp_core import edit
    >>> d = edit.add_cluster(edit.new_draft("M"), "Alternatives").draft
    >>> source_label(d, "overall", "each:alternatives")
    'Each node of cluster Alternatives (one matrix per node)'
    >>> source_label(d, "overall", "alternatives")
    'Cluster Alternatives as a whole (one matrix shared by all its nodes)'
    """
    _ = translator(lang)
    label = draft_labeller(draft, lang)
    if wrt == criterion:
        return _("Every node (all of {criterion}), one shared matrix").format(criterion=label(criterion))
    each = source_cluster(wrt)
    if each is not None:
        return _("Each node of cluster {cluster} (one matrix per node)").format(cluster=label(each))
    if wrt in draft.cluster_by_id:
        return _("Cluster {cluster} as a whole (one matrix shared by all its nodes)").format(
            cluster=label(wrt)
        )
    return _("Node {node} ({cluster})").format(node=label(wrt), cluster=label(draft.cluster_of.get(wrt, "")))


def is_linked(draft: Draft, criterion: str, wrt: str, cluster: str) -> bool:
    """Return whether ``cluster``'s nodes are compared with respect to the link source ``wrt``.

    For a per-node source (:func:`each_source`): every node of its cluster
    has its own comparison (and the cluster has nodes).
    """
    keys = draft.comparison_by_key
    each = source_cluster(wrt)
    if each is None:
        return (criterion, "nodes", wrt, cluster) in keys
    nodes = draft.cluster_by_id[each].nodes if each in draft.cluster_by_id else ()
    return bool(nodes) and all((criterion, "nodes", n.id, cluster) in keys for n in nodes)


def link_frame(draft: Draft, criterion: str) -> pd.DataFrame:
    """Return the link matrix: rows the clusters compared, columns what they are compared with respect to.

    A cell is True when the nodes of the row cluster are compared with
    respect to the column (:func:`is_linked`): every node with one shared
    matrix, each node of a cluster with its own matrix, a cluster's nodes
    with one shared matrix, or one node. The diagonal blocks are inner
    dependence. Index: cluster ids; columns: source ids
    (:func:`link_sources`).
    """
    sources = link_sources(draft, criterion)
    data = {s: [is_linked(draft, criterion, s, cl.id) for cl in draft.clusters] for s in sources}
    return pd.DataFrame(data, index=pd.Index([c.id for c in draft.clusters], name="compared"), dtype=bool)


def column_width(texts: Sequence[str]) -> int:
    """Return a data-editor column width in pixels that shows the longest of ``texts`` in full.

    About 8 px per character at the grid's font (16 px for East Asian
    wide characters, :func:`dashboard.plot_layout.display_width`), plus room for the
    cell padding and the header's menu icon.

    Examples
    --------
    >>> column_width(["Every node"]) < column_width(["Every node, shared"]) < column_width(
    ...     ["每个节点，共用一个矩阵"]
    ... )
    True
    """
    widest = max((8 * display_width(t) for t in texts), default=0)
    return max(60, widest + 44)


def link_edits(
    draft: Draft, criterion: str, edited_rows: Mapping[int | str, Mapping[str, object]]
) -> list[tuple[str, str, bool]]:
    """Turn the link matrix editor's ``edited_rows`` into ``(wrt, cluster, linked)`` changes.

    Cells outside the matrix and values that are not booleans are ignored.
    """
    clusters = [c.id for c in draft.clusters]
    sources = set(link_sources(draft, criterion))
    out = []
    for r, cols in edited_rows.items():
        try:
            i = int(r)
        except (TypeError, ValueError):
            continue
        if not 0 <= i < len(clusters):
            continue
        for col, value in cols.items():
            if col in sources and isinstance(value, bool | np.bool_):
                out.append((col, clusters[i], bool(value)))
    return out


def links_in_words(draft: Draft, criterion: str, lang: str = "en") -> list[str]:
    """Return the network's links as sentences (the figure's text alternative).

    First the clusters compared with respect to every node (the criterion
    itself), then one line per pair of clusters (J -> I) linked through
    comparisons with respect to J or its nodes: every node of J or which
    ones; J -> J is inner dependence.
    """
    _ = translator(lang)
    label = draft_labeller(draft, lang)
    links = effective_links(draft, criterion)
    keys = draft.comparison_by_key
    out = [
        _("{cluster}: its nodes are compared with respect to every node").format(cluster=label(dst.id))
        for dst in draft.clusters
        if (criterion, "nodes", criterion, dst.id) in keys
    ]
    for src in draft.clusters:
        for dst in draft.clusters:
            linked = [
                label(n.id)
                for n in src.nodes
                if links.get((n.id, dst.id), ("", "", criterion))[2] != criterion
            ]
            if not linked:
                continue
            s, t = label(src.id), label(dst.id)
            if len(linked) == len(src.nodes):
                template = (
                    _("inner dependence in {src}: {dst}'s nodes compared with respect to every node of {src}")
                    if src.id == dst.id
                    else _("{src} → {dst}: {dst}'s nodes compared with respect to every node of {src}")
                )
            else:
                template = (
                    _("inner dependence in {src}: {dst}'s nodes compared with respect to {who} of {src}")
                    if src.id == dst.id
                    else _("{src} → {dst}: {dst}'s nodes compared with respect to {who} of {src}")
                )
            out.append(template.format(src=s, dst=t, who=_(", ").join(linked)))
    return out


# --------------------------------------------------------------------------
# problems and results


def problem_texts(problem: Problem, draft: Draft, lang: str = "en") -> tuple[str, str]:
    """Return a problem's message and what to do about it in ``lang`` (names in ``lang`` too)."""
    if problem.text is None or problem.todo is None:
        return problem.message, problem.action
    _ = translator(lang)
    label = draft_labeller(draft, lang)
    return problem.text.render(_, label), problem.todo.render(_, label)


def problem_counts(diagnosis: Diagnosis) -> dict[str, int]:
    """Return how many problems of each severity a diagnosis has."""
    counts = {"blocking": 0, "warning": 0, "info": 0}
    for p in diagnosis.problems:
        counts[p.severity] += 1
    return counts


def limit_table(model: Model, criterion: str, lang: str = "en") -> pd.DataFrame:
    """Return one criterion's limit priorities of the ranked nodes (name, cluster, priority, rank), best first.

    Names in ``lang``; the column names stay English (the page titles them).
    """
    net = criterion_network(model, criterion)
    from anp_core.evaluate import competition_ranks

    df = pd.DataFrame(
        {
            "Node": [model.label(i, lang) for i in net.ranked_ids],
            "Cluster": [model.label(model.cluster_of[i], lang) for i in net.ranked_ids],
            "Limit priority": np.asarray(net.priorities, dtype=float),
            "Rank": competition_ranks(net.priorities),
        },
        index=pd.Index(net.ranked_ids, name="id"),
    )
    return df.sort_values(["Rank", "Limit priority"], ascending=[True, False], kind="stable")


def results_table(model: Model, lang: str = "en") -> pd.DataFrame:
    """Return the composite results under the model's own criterion weights (``anp_core.evaluate``), in ``lang``."""
    _ = translator(lang)
    table = evaluate(model).table()
    names = {c: model.label(c, lang) for c in table.columns if c in model.criterion_by_id}
    table = table.rename(
        columns={
            "name": _("Node"),
            "cluster": _("Cluster"),
            "composite": _("Composite"),
            "rank": _("Rank"),
            **names,
        }
    )
    table[_("Node")] = [model.label(i, lang) for i in table.index]
    table[_("Cluster")] = [model.label(c, lang) for c in table[_("Cluster")]]
    return table


# --------------------------------------------------------------------------
# templates on disk


@dataclass(frozen=True)
class Template:
    """A model file offered as a starting point."""

    path: Path
    name: str
    description: str
    group: str


_MAX_TEMPLATE_BYTES = 5 * 1024 * 1024


def templates(roots: Mapping[str, Path], lang: str | None = None) -> list[Template]:
    """Return the model and draft files under each root (``group -> folder``), sorted by group then name.

    Only the ``name`` and ``description`` are read here, in ``lang`` where
    the file translates them (``translations[lang]``, the rule of
    :func:`anp_core.model_translations.in_language`: an explicit
    translation wins, English included); a file is fully validated when
    opened (:func:`anp_core.draft.load_draft`). Unreadable files are skipped.
    """
    out = []
    for group, root in roots.items():
        if not root.is_dir():
            continue
        for path in sorted(root.glob("*.json")):
            try:
                if path.stat().st_size > _MAX_TEMPLATE_BYTES:
                    continue
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if not isinstance(data, dict) or not isinstance(data.get("name"), str):
                continue
            name = _raw_in_language(data, "name", lang)
            out.append(Template(path, name, _raw_in_language(data, "description", lang), group))
    return out


def _raw_in_language(data: Mapping[str, Any], field: str, lang: str | None) -> str:
    """Return ``data[field]`` of an unvalidated model file in ``lang`` (a non-empty translation wins)."""
    translations = data.get("translations")
    t = translations.get(lang) if lang and isinstance(translations, dict) else None
    value = t.get(field) if isinstance(t, dict) else None
    if isinstance(value, str) and value.strip():
        return value
    own = data.get(field)
    return own if isinstance(own, str) else ""

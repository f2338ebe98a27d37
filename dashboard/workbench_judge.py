"""Model page: judging a draft's matrices pair by pair, and the results once it is a model.

Judgments are chosen on Saaty's verbal scale with "not judged yet" as a
choice (a missing judgment). Beside the pairs: what is still needed for the
matrix to be connected (:func:`anp_core.pairwise.pairs_to_connect`), then
its priorities (Harker's method while judgments are missing), λmax, CR and
the repairs that lower CR most, each one click away (undoable). Results:
each criterion's limit priorities and the limit's diagnosis, and the
composite over the criteria, all from ``anp_core``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from anp_core import RI_TABLES, InvalidJudgmentError
from anp_core import edit_links as lk
from anp_core.draft import CRITERIA_KEY, Draft, describe, matrix_of
from anp_core.draft_problems import Diagnosis
from anp_core.evaluate import criterion_network
from anp_core.i18n import N_
from anp_core.pairwise import pairs_to_connect, validated_matrix
from anp_core.repair import scale_repairs
from dashboard import workbench_state as wb
from dashboard.supermatrix_view import method_text
from dashboard.text import current_language, gettext, label_text
from dashboard.workbench_views import (
    as_judgment,
    comparison_keys,
    comparison_label,
    draft_labeller,
    fmt_judgment,
    judgment_label,
    judgment_options,
    limit_table,
    plain,
    results_table,
    snap,
)


def _pick(d: Draft, diag: Diagnosis) -> Any:
    _ = gettext()
    lang = current_language()
    keys = comparison_keys(d)
    todo = [p.key for p in diag.problems if p.key in keys and p.code in ("disconnected", "missing")]
    wkey = wb.picker(wb.COMPARISON, keys, todo[0] if todo else keys[0])
    return st.selectbox(
        _("Matrix"),
        keys,
        format_func=lambda k: comparison_label(d, k, diag.problems, lang),
        key=wkey,
        on_change=wb.remember,
        args=(wb.COMPARISON, wkey),
        help=_(
            "Every comparison of the model: nodes of a cluster with respect to a node, a cluster or a "
            "criterion; clusters with respect to a cluster; the control criteria."
        ),
    )


def _unjudged(d: Draft, key: Any) -> bool:
    found = matrix_of(d, key)
    return found is not None and any(x is None for row in found[1] for x in row)


def judgments(d: Draft, diag: Diagnosis) -> None:
    """Draw the pair-by-pair editor of one matrix, with its status and repairs."""
    _ = gettext()
    lang = current_language()
    label = draft_labeller(d, lang)
    if not comparison_keys(d):
        st.info(
            _(
                "Nothing to judge yet: link clusters on the Links section; each link is a comparison to judge."
            ),
            icon=":material/info:",
        )
        return
    key = _pick(d, diag)
    todo = [k for k in comparison_keys(d) if k != key and _unjudged(d, k)]
    if todo:
        st.button(
            _("Next matrix to judge ({n} left)").format(n=len(todo)),
            key="wb_next_matrix",
            icon=":material/skip_next:",
            on_click=wb.show,
            args=("Judgments", todo[0]),
        )
    found = matrix_of(d, key)
    if found is None:
        return
    elements, matrix = found
    labels = [label(e) for e in elements]
    r = wb.rev()
    ss = st.session_state
    if key != CRITERIA_KEY and key[1] == "nodes" and key[3] is not None:
        members = [n.id for n in d.cluster_by_id[key[3]].nodes]
        mkey = f"wb_compared:{'|'.join(str(p) for p in key)}:{r}"
        ss.setdefault(mkey, list(elements))
        st.multiselect(
            _("Nodes compared"),
            members,
            format_func=label,
            placeholder=_("Choose the nodes"),
            key=mkey,
            on_change=lambda: wb.apply(lk.set_compared, key, list(ss.get(mkey) or [])),
            help=_("Leave out the nodes this source does not influence (Super Decisions' node connections)."),
        )
    n = len(elements)
    _matrix_status(d, key, elements, matrix, labels)
    st.markdown("###### " + _("Pair by pair"))
    if n < 2:
        st.caption(_("One element: nothing to compare; its priority is 1."))
        return
    st.caption(
        _(
            "1 equal · 3 moderate · 5 strong · 7 very strong · 9 extreme (2, 4, 6, 8 in between), "
            "for the element that dominates; or not judged yet."
        )
    )
    ident = "|".join(str(p) for p in key)
    cols = st.columns(2, gap="medium")
    k = 0
    for i in range(n):
        for j in range(i + 1, n):
            value = matrix[i][j]
            wkey = f"wb_pair:{ident}:{i}:{j}:{r}"
            ss.setdefault(wkey, snap(value))
            a, b = labels[i], labels[j]
            cols[k % 2].selectbox(
                _("{a} vs {b}").format(a=label_text(a), b=label_text(b)),
                judgment_options(value),
                format_func=lambda v, a=a, b=b: judgment_label(v, a, b, lang),
                key=wkey,
                on_change=lambda ei=elements[i], ej=elements[j], w=wkey: wb.apply(
                    lk.set_judgment, key, ei, ej, as_judgment(ss.get(w))
                ),
            )
            k += 1


def _matrix_status(
    d: Draft,
    key: Any,
    elements: tuple[str, ...],
    matrix: tuple[tuple[float | None, ...], ...],
    labels: list[str],
) -> None:
    _ = gettext()
    given = np.array([[x is not None for x in row] for row in matrix], dtype=bool)
    n = len(elements)
    missing = int((~given).sum()) // 2
    total = n * (n - 1) // 2
    need = pairs_to_connect(given)
    if need:
        shown = _(", ").join(_("({a}, {b})").format(a=labels[a], b=labels[b]) for a, b in need)
        st.warning(
            _(
                "{missing} of {total} judgments missing. Still needed for the priorities to be determined "
                "(a smallest set): {pairs}."
            ).format(missing=missing, total=total, pairs=plain(shown)),
            icon=":material/link_off:",
        )
        return
    try:
        pm = validated_matrix(matrix, tuple(labels), describe(d, key))
    except InvalidJudgmentError as err:
        st.error(plain(str(err)))
        return
    table = wb.ri_table()
    ri_name = _(RI_TABLES[table])
    cr = pm.consistency_ratio(table)
    if missing:
        st.info(
            _(
                "{missing} of {total} judgments missing: priorities by Harker's method; λmax and CR of the matrix "
                "completed with w_i / w_j."
            ).format(missing=missing, total=total),
            icon=":material/pending:",
        )
    st.markdown(
        f"λmax **{pm.lambda_max:.4f}** · CI **{pm.ci:.4f}** · CR **{cr:.4f}**",
        help=_(
            "n = {n}. CI = (λmax − n) / (n − 1); CR = CI / RI(n), {table}. λmax = n and CR = 0 for a consistent "
            "matrix."
        ).format(n=n, table=ri_name),
    )
    if n >= 3:
        verdict = _("≤ 0.10: acceptable") if cr <= 0.10 else _("> 0.10: revise")
        st.caption(_("CR {verdict} ({table}).").format(verdict=verdict, table=ri_name))
        st.selectbox(
            _("Random-index table"),
            list(RI_TABLES),
            format_func=lambda t: _(RI_TABLES[t]),
            key=wb.RI_TABLE,
            persist_state="session",
            help=_(
                "Published RI tables disagree (by 11 % at n = 3); every CR on this page uses the one chosen here."
            ),
        )
    prio = pm.priorities()
    st.markdown(
        _("Priorities:")
        + " "
        + " · ".join(f"{plain(name)} **{w:.4f}**" for name, w in zip(labels, prio, strict=True))
    )
    if missing:
        other = pm.priorities("geometric")
        st.caption(
            _(
                "Logarithmic least squares (the other way to complete missing judgments) would give: {values}. "
                "The model uses Harker's method, as Super Decisions does."
            ).format(
                values=" · ".join(f"{plain(name)} {w:.4f}" for name, w in zip(labels, other, strict=True))
            )
        )
    suggestions = [s for s in scale_repairs(pm, table) if s.cr_drop > 1e-9] if cr > 0.10 else []
    if not suggestions:
        return
    st.markdown("###### " + _("Repairs that lower CR most (one judgment each, on the 1-9 scale)"))
    r = wb.rev()
    for k, s in enumerate(suggestions):
        if k == 3:
            rest = st.expander(_("{n} more repairs").format(n=len(suggestions) - 3))
        exact = (
            " · " + _("exactly consistent: {value}").format(value=fmt_judgment(s.consistent))
            if s.consistent is not None and abs(s.consistent - s.suggested) > 1e-6 * s.suggested
            else ""
        )
        (rest if k >= 3 else st.container()).button(
            label_text(
                f"({labels[s.row]}, {labels[s.col]}): {fmt_judgment(s.value)} → {fmt_judgment(s.suggested)} "
                f"· CR {cr:.3f} → {s.cr_after:.3f}{exact}"
            ),
            key=f"wb_fix:{k}:{r}",
            icon=":material/auto_fix_high:",
            on_click=wb.apply,
            args=(lk.set_judgment, key, elements[s.row], elements[s.col], s.suggested),
            help=_(
                "The value of Saaty's 1-9 scale that lowers CR most, every other judgment kept; the exactly "
                "consistent value (Harker solution without this judgment) is shown when it differs. Undoable."
            ),
        )


# --------------------------------------------------------------------------
# results

_PRIORITIES = {
    "row_sums": N_("normalised row sums (Super Decisions)"),
    "sources": N_("columns of the source nodes (a hierarchy's goal)"),
}


_SINKS = {
    "calculus": N_("calculus: normalised powers (Super Decisions' default)"),
    "absorbing": N_("absorbing: 1 on a sink's diagonal"),
    "hierarchy": N_("hierarchy formula (acyclic supermatrices only)"),
}
_DIAGNOSES = {
    "primitive": N_("primitive"),
    "periodic": N_("periodic"),
    "reducible": N_("reducible"),
    "sinks": N_("sinks"),
}


def results(d: Draft, diag: Diagnosis, criterion: str | None) -> None:
    """Draw settings, limit priorities per criterion and the composite, once the draft is a model."""
    ss = st.session_state
    _ = gettext()
    lang = current_language()
    label = draft_labeller(d, lang)
    r = wb.rev()
    # one control per row: the options are sentences, cut off in three narrow columns
    skey = f"wb_sinks:{r}"
    ss.setdefault(skey, d.settings.sinks)
    st.selectbox(
        _("Nodes that link to nothing (sinks)"),
        list(_SINKS),
        format_func=lambda k: _(_SINKS[k]),
        key=skey,
        on_change=lambda: wb.apply(lk.set_settings, sinks=str(ss.get(skey))),
    )
    pkey = f"wb_prio:{r}"
    ss.setdefault(pkey, d.settings.priorities)
    st.selectbox(
        _("Priorities from the limit"),
        list(_PRIORITIES),
        format_func=lambda k: _(_PRIORITIES[k]),
        key=pkey,
        on_change=lambda: wb.apply(lk.set_settings, priorities=str(ss.get(pkey))),
        help=_(
            "Row sums: Super Decisions' reading of the limit matrix. Source columns: the columns of the nodes "
            "nothing links to (a goal), as a hierarchy's answer; both agree when every column of the limit is the "
            "same."
        ),
    )
    rkey = f"wb_ranked:{r}"
    ss.setdefault(rkey, list(d.ranked_clusters))
    st.multiselect(
        _("Rank the nodes of (empty: every cluster)"),
        [c.id for c in d.clusters],
        format_func=label,
        placeholder=_("Every cluster"),
        key=rkey,
        on_change=lambda: wb.apply(lk.set_ranked_clusters, list(ss.get(rkey) or [])),
        help=_("E.g. only the alternatives; their limit priorities are renormalised to sum 1."),
    )
    model = diag.model
    if model is None:
        n = len(diag.blocking)
        st.warning(
            _.ngettext(
                "Not a model yet: {n} problem blocks it (listed beside the network). The limit priorities "
                "appear here as soon as it is solved.",
                "Not a model yet: {n} problems block it (listed beside the network). The limit priorities "
                "appear here as soon as they are solved.",
                n,
            ).format(n=n),
            icon=":material/block:",
        )
        return
    shown = [c for c in model.networked_criteria if criterion is None or c == criterion] or list(
        model.networked_criteria
    )
    for c in shown:
        net = criterion_network(model, c)
        lim = net.limit
        diagnosis = _(_DIAGNOSES.get(lim.diagnosis, lim.diagnosis))
        period = _(", period {period}").format(period=lim.period) if lim.diagnosis == "periodic" else ""
        st.markdown(
            "##### " + _("Limit priorities · {criterion}").format(criterion=plain(model.label(c, lang)))
        )
        read = (
            _("Priorities: normalised row sums of the limit matrix.")
            if model.settings.priorities == "row_sums"
            else _("Priorities: the columns of the source nodes.")
        )
        st.caption(
            _("Limit: {diagnosis}{period}; {method}.").format(
                diagnosis=diagnosis, period=period, method=method_text(lim.method, lang)
            )
            + " "
            + read
        )
        table = limit_table(model, c, lang)
        columns: dict[str, object] = {
            _("Rank"): table["Rank"],
            _("Node"): [plain(x) for x in table["Node"]],
            _("Cluster"): [plain(x) for x in table["Cluster"]],
            _("Limit priority"): [f"{v:.4f}" for v in table["Limit priority"]],
        }
        st.table(pd.DataFrame(columns), border="horizontal", hide_index=True)
    if len(model.control_criteria) > 1:
        st.markdown("##### " + _("Composite over the control criteria"))
        st.caption(_("Criterion weights from the criteria comparison; c_i = Σ_k v_k L_k[i]."))
        table = results_table(model, lang)
        numeric = {
            col: st.column_config.NumberColumn(format="%.4f")
            for col in table.columns
            if col not in (_("Node"), _("Cluster"), _("Rank"))
        }
        st.dataframe(table, hide_index=True, key="wb_composite", column_config=numeric)
    st.button(
        _("Use this model in the dashboard"),
        key="wb_use_bottom",
        icon=":material/rocket_launch:",
        type="primary",
        on_click=wb.use_model,
    )

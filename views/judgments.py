"""Judgments page: pick a pairwise matrix, edit it, watch priorities and consistency.

Reads state, builds the view with ``judgment_ui.matrix_view`` and draws it.
Every edit is a callback of ``judgment_actions`` (validated by anp_core, then
``state.replace_model``), so the Weights page ranking reflects it at once.
Widget keys carry ``judgment_actions.editor_token()`` (pair sliders:
``slider_token()``, so a slider keeps keyboard focus after a move) so reset, undo and
rejected edits rebuild them.
"""

import streamlit as st

from anp_core import RI_TABLES, ANPError
from dashboard import chart_ui, judgment_actions, judgment_nav, judgment_ui, metric_row, model_notes, state
from dashboard.text import current_language, gettext, name_of, plain

state.init()
_ = gettext()
lang = current_language()
#: Session key: the last edit's message and the (model_rev, edit_nonce) it belongs to.
J_SHOWN_MESSAGE = "j_shown_message"

ss = st.session_state
model = state.current_model()

st.title(_("Judgments"))
notice = model_notes.judgments_notice(model, lang)
if notice:
    st.info(notice, icon=":material/science:")

# ----- which matrix -----
if state.J_KIND not in ss:  # first visit: open on a matrix the model has
    first = judgment_nav.first_key(model)
    ss[state.J_KIND] = first[1]
    if first[1] != "criteria":
        ss[state.J_CRITERION], ss[state.J_WRT] = first[0], first[2]
        if first[3]:
            ss[state.J_CLUSTER] = first[3]
networked = list(model.networked_criteria)
clusters = [c.id for c in model.clusters]
state.keep_choice(state.J_KIND, ["nodes", "clusters", "criteria"] if networked else ["criteria"])
state.keep_choice(state.J_CRITERION, networked)
state.keep_choice(state.J_CLUSTER, clusters)

pick = st.columns([1.3, 1, 1, 1.4])
kind = pick[0].radio(
    _("Matrix"),
    list(judgment_nav.KINDS) if networked else ["criteria"],
    format_func=lambda k: _(judgment_nav.KINDS[k]),
    key=state.J_KIND,
    persist_state="session",
)
key: tuple[str, str, str, str | None] = judgment_nav.CRITERIA_KEY
if kind != "criteria":
    criterion = pick[1].selectbox(
        _("Criterion"),
        networked,
        format_func=lambda c: model_notes.criterion_label(model, c, lang),
        key=state.J_CRITERION,
        persist_state="session",
    )
    cluster = None
    if kind == "nodes":
        cluster = pick[2].selectbox(
            _("Cluster"),
            clusters,
            format_func=lambda c: name_of(model, c, lang),
            key=state.J_CLUSTER,
            persist_state="session",
        )
    options = judgment_nav.wrt_options(model, kind, criterion)
    state.keep_choice(state.J_WRT, options)
    wrt = pick[3].selectbox(
        _("With respect to"),
        options,
        format_func=lambda w: judgment_nav.wrt_label(model, (criterion, kind, w, cluster), lang),
        key=state.J_WRT,
        persist_state="session",
        help=_(
            "A comparison with respect to one cluster or one factor overrides the criterion-wide one "
            "for those columns of the supermatrix (✎ = an override exists)."
        ),
    )
    key = (criterion, kind, wrt, cluster)
    outside = model_notes.outside_control_note(model, criterion, lang)
    if outside:
        st.warning(outside, icon=":material/block:")

if judgment_actions.consume_editor(key):
    st.rerun()  # the sidebar was drawn before the edit: draw everything again
token = judgment_actions.editor_token()
try:
    view = judgment_ui.matrix_view(
        model,
        state.baseline_model(),
        key,
        state.keep_choice(state.RI_TABLE, list(RI_TABLES)),
        pair=(ss[state.J_PAIR_ROW], ss[state.J_PAIR_COL]) if state.J_PAIR_ROW in ss else None,
        lang=current_language(),
    )
except ANPError as err:
    st.error(plain(err.render(_, lambda any_id: name_of(model, any_id, current_language()))))
    st.stop()

if view is None:
    absent = judgment_nav.absent_view(model, key, lang)
    st.info(absent.text, icon=":material/call_split:")
    if absent.button:
        st.button(
            absent.button,
            key=f"btn_create:{token}",
            icon=":material/add:",
            on_click=judgment_actions.create_comparison,
            args=(key,),
        )
    st.stop()

ref = view.ref
# The message of the last edit goes in a slot that is always there: an element inserted above the
# editors would shift them in the page's element tree, and the browser would drop keyboard focus.
# It stays until the next edit, undo or reset (a cell committed in the matrix editor can cause two runs).
edit_stamp = (ss[state.MODEL_REV], ss[state.EDIT_NONCE])
if ss.get(state.EDIT_MESSAGE):
    ss[J_SHOWN_MESSAGE] = (ss[state.EDIT_MESSAGE], edit_stamp)
    ss[state.EDIT_MESSAGE] = None
shown = ss.get(J_SHOWN_MESSAGE)
with st.container(key="j_edit_message"):
    if shown and shown[1] == edit_stamp:
        kind_msg, text = shown[0]
        (st.error if kind_msg == "error" else st.success)(text)

head = st.columns([3, 1])
head[0].subheader(view.title)
if view.note:
    head[0].caption(view.note)
if kind != "criteria" and key[2] != key[0]:
    head[1].button(
        _("Delete this override"),
        key=f"btn_delete:{token}",
        icon=":material/delete:",
        on_click=judgment_actions.delete_override,
        args=(key,),
        help=_("The broader comparison applies to these columns again."),
    )
if kind == "criteria":
    st.caption(
        ":material/info: "
        + _(
            "The criteria comparison gives the model's own criterion weights: editing it **replaces the weights "
            "on the Weights page's sliders** with its new priorities (undo brings them back)."
        )
    )
if view.missing:
    st.caption(
        _.ngettext(
            "{n} judgment is not given (?): the priorities come from the given ones (Harker's method), and the "
            "consistency figures from the matrix completed with those priorities.",
            "{n} judgments are not given (?): the priorities come from the given ones (Harker's method), and the "
            "consistency figures from the matrix completed with those priorities.",
            view.missing,
        ).format(n=view.missing)
    )

left, right = st.columns([0.55, 0.45], gap="large")

# ----- pair by pair (verbal scale) -----
with left:
    st.markdown("#### " + _("Pair by pair (Saaty's scale)"))
    st.caption(
        _(
            "1 equal · 3 moderate · 5 strong · 7 very strong · 9 extreme (2, 4, 6, 8 in between). "
            "Slide towards the element that dominates."
        )
    )
    if view.pair_picker:
        n = len(ref.elements)
        ss[state.J_PAIR_ROW], ss[state.J_PAIR_COL] = view.pairs[0].i, view.pairs[0].j
        st.caption(
            _("{n} elements make {pairs} pairs: pick one (the most inconsistent comes first).").format(
                n=n, pairs=f"{n * (n - 1) // 2:,}"
            )
        )
        p1, p2 = st.columns(2)
        p1.selectbox(
            _("Row element"), list(range(n)), format_func=lambda i: ref.labels[i], key=state.J_PAIR_ROW
        )
        p2.selectbox(
            _("Column element"), list(range(n)), format_func=lambda i: ref.labels[i], key=state.J_PAIR_COL
        )
    slider_token = judgment_actions.slider_token()
    for p in view.pairs:
        wkey = state.pair_key(ref.id, p.i, p.j, slider_token)
        if ss.get(wkey, ss) != p.value:  # the model's value, whatever changed it (ss: a sentinel)
            ss[wkey] = p.value
        st.select_slider(
            p.label,
            options=list(p.options),
            format_func=p.option_labels.get,
            key=wkey,
            on_change=judgment_actions.apply_pair,
            args=(ref.key, p.row, p.col, wkey),
        )

# ----- consistency and priorities -----
with right:
    st.markdown("#### " + _("Priorities and consistency"))
    metric_row.metric_row(view.metrics)
    st.selectbox(
        _("Random-index table"),
        list(RI_TABLES),
        format_func=lambda t: _(RI_TABLES[t]),
        key=state.RI_TABLE,
        persist_state="session",
    )
    (st.success if view.verdict_ok else st.warning)(
        view.verdict, icon=":material/check_circle:" if view.verdict_ok else ":material/warning:"
    )
    if view.worst is not None:
        st.markdown(view.worst["text"])
        st.button(
            view.worst["button"],
            key=f"btn_suggest:{token}",
            icon=":material/auto_fix_high:",
            on_click=judgment_actions.set_value,
            args=(ref.key, view.worst["row"], view.worst["col"], view.worst["value"]),
        )
    else:
        st.caption(_("Every judgment agrees with the priorities (no inconsistent judgment to point at)."))
    chart_ui.chart(view.bar, key="j_priorities_chart", text=view.bar_text)  # its data: the table below
    st.dataframe(
        view.priorities,
        hide_index=True,
        key="j_priorities_table",
        column_config={
            # the numbers fit their contents (narrower than "small"), so they stay whole beside a name
            _("Element"): st.column_config.TextColumn(width="medium"),
            _("Priority"): st.column_config.NumberColumn(format="%.4f"),
            _("Loaded"): st.column_config.NumberColumn(
                format="%.4f", help=_("Priority in the model as loaded")
            ),
            "Δ": st.column_config.NumberColumn(format="%+.4f"),
        },
    )

# ----- as a matrix -----
st.markdown("#### " + _("As a matrix"))
st.caption(
    _(
        "Type a judgment into a cell **above the diagonal** (3, 0.2 or 1/5; values above 9 are allowed). "
        "Cells marked '=' are reciprocals, filled in for you; '?' is a judgment not given. Column k is row k's "
        "element."
    )
)
# long names (the editor's row labels) or a wide matrix (the heatmap's cells) need the whole width
mat_left, mat_right = (
    (st.container(), st.container()) if view.full_width else st.columns([0.5, 0.5], gap="large")
)
with mat_left:
    editor_key = state.editor_key(ref.id, token)
    st.data_editor(
        view.frame,
        key=editor_key,
        num_rows="fixed",
        column_config={
            # the row names are labels, not judgments: read-only (a keyboard user starts on them)
            "_index": st.column_config.TextColumn(disabled=True),
            **{
                e: st.column_config.TextColumn(k, width=72, help=plain(label)) for e, k, label in view.columns
            },
        },
        on_change=judgment_actions.apply_editor,
        args=(ref.key, editor_key),
    )
with mat_right:
    if view.heatmap is not None:
        # its data: the matrix editor beside it (and the CSV below)
        chart_ui.chart(view.heatmap, key="j_matrix_heatmap", text=view.heatmap_text)
    else:
        st.info(
            _(
                "A {n} × {n} matrix is too large to draw here; the editor on the left scrolls, and the whole "
                "matrix downloads as CSV."
            ).format(n=len(ref.elements)),
            icon=":material/grid_off:",
        )
    st.download_button(
        _("Download this matrix (CSV)"),
        data=lambda: judgment_ui.matrix_csv(ref),
        file_name=f"{ref.id.replace(':', '_')}.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        key="j_matrix_csv",
    )

overrides = judgment_nav.overrides_table(model, lang)
with st.expander(_("Overrides in this model ({n})").format(n=0 if overrides is None else len(overrides))):
    if overrides is not None:
        st.dataframe(overrides, hide_index=True)
    else:
        st.caption(_("None: every comparison applies to its whole criterion."))

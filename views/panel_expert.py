"""Expert questionnaire: opened from an expert's private link (``?panel=<token>``).

One pair at a time on Saaty's verbal scale; every answer is committed to the
database before the page says "Saved"; CR and the most inconsistent pair are
shown before the expert submits a matrix. The expert reaches only their own
answers: everything is looked up by the token of the link.
"""

import math

import streamlit as st

from dashboard import panel_views as pv
from panel.store import AccessDeniedError, PanelError, get_store
from panel.workbook import WorkbookError, questionnaire_workbook, read_questionnaire

ss = st.session_state
token = st.query_params.get("panel") or ss.get("pe_token")
store = get_store()


def refuse(text: str) -> None:
    """Show a plain refusal and stop (no detail about other panels or experts)."""
    st.title("Expert questionnaire")
    st.error(text, icon=":material/block:")
    st.caption("If you think this is a mistake, ask the facilitator who sent you the link for a new one.")
    st.stop()


if not token:
    refuse("This page opens from the private link your facilitator sent you (it ends with ?panel=…).")
try:
    me = store.expert_state(token)
except AccessDeniedError as err:
    refuse(str(err))
ss["pe_token"] = token
is_open = me.panel.open_now()


def _save(key: str, i: int, j: int, widget: str, pos: int) -> None:
    try:
        saved = store.save_answers(ss["pe_token"], [(key, i, j, ss.get(widget))])
    except PanelError as err:
        ss["pe_msg"] = ("error", f"Not saved: {err}")
        return
    a, b = ss["pe_labels"]
    again = " This matrix was submitted: submit it again after your changes." if saved.reopened else ""
    ss["pe_msg"] = ("success", f"Saved: {a} vs {b} ({saved.saved_at:%H:%M:%S} UTC).{again}")
    ss[f"pe_pair:{key}"] = pos + 1


def _goto(key: str, pos: int | None) -> None:
    ss[f"pe_pair:{key}"] = pos
    ss["pe_msg"] = None


def _submit(key: str, cr: float) -> None:
    try:
        store.submit(ss["pe_token"], key, cr)
    except PanelError as err:
        ss["pe_msg"] = ("error", f"Not submitted: {err}")
        return
    ss["pe_msg"] = ("success", "Submitted. Thank you! You can still change answers until the panel closes.")


def _upload(key: str) -> None:
    file = ss.get(key)
    ss["pe_upload_nonce"] = ss.get("pe_upload_nonce", 0) + 1
    if file is None:
        return
    data = file.getvalue()
    try:
        mine = store.expert_state(ss["pe_token"])
        got = read_questionnaire(data, mine.assignments, mine.panel.public_id, mine.expert.id)
        saved = store.save_answers(ss["pe_token"], got.items, source="workbook")
    except WorkbookError as err:
        ss["pe_msg"] = (
            "error",
            "The workbook was not used; nothing changed:\n\n"
            + "\n".join(f"- {pv.plain(p)}" for p in err.problems[:15]),
        )
        return
    except PanelError as err:
        ss["pe_msg"] = ("error", f"The workbook was not used; nothing changed: {err}")
        return
    ss["pe_msg"] = (
        "success",
        f"Saved {saved.count} answers from the workbook. Check each matrix below and submit it.",
    )


st.title(f"Expert questionnaire: {pv.plain(me.panel.name)}")
done, total, n_sub, n_mat = pv.progress(me)
st.markdown(
    f"Hello **{pv.plain(me.expert.name)}**. You are asked to compare elements of the model "
    f"*{pv.plain(me.panel.model_name)}* **two at a time**: for each pair, say which one matters more "
    "for the question shown, and how much more, on Saaty's scale from 1 (equal) to 9 (extreme). "
    "Each answer is **saved as you go**: you can close this page and come back later with the same link. "
    "Only you see your own answers; the facilitator combines them with the other experts'."
)
if me.panel.intro:
    st.info(pv.plain(me.panel.intro), icon=":material/info:")
if me.panel.deadline:
    st.caption(f"Deadline: {me.panel.deadline:%Y-%m-%d %H:%M} UTC")
if not is_open:
    st.warning(
        "This panel is closed: your answers are shown but can no longer be changed.", icon=":material/lock:"
    )
st.progress(
    done / total if total else 1.0,
    text=f"{done} of {total} pairs answered · {n_sub} of {n_mat} matrices submitted",
)

msg = ss.get("pe_msg")
if msg:
    (st.success if msg[0] == "success" else st.error)(msg[1])

names = [
    f"M{a.matrix.position + 1:02d} · {a.matrix.spec.title} ({pv.assignment_status(a)})"
    for a in me.assignments
]
pick = st.selectbox(
    "Matrix",
    range(len(me.assignments)),
    format_func=lambda k: names[k],
    key="pe_matrix",
    help="The matrices you are asked to judge. Finish and submit each one.",
)
a = me.assignments[pick]
spec = a.matrix.spec
key = a.matrix.key
pairs = pv.pair_list(spec.n)
st.subheader(pv.plain(spec.title))
st.markdown(pv.plain(spec.question))

pos_key = f"pe_pair:{key}"
if pos_key not in ss:
    ss[pos_key] = pv.next_pair(a)
pos = ss[pos_key]
if pos is not None and pos >= len(pairs):
    pos = ss[pos_key] = pv.next_pair(a)

left, right = st.columns([0.58, 0.42], gap="large")
with left:
    st.progress(
        a.n_answered / spec.n_pairs, text=f"{a.n_answered} of {spec.n_pairs} pairs of this matrix answered"
    )
    if pos is not None and is_open:
        i, j = pairs[pos]
        first, second = spec.labels[i], spec.labels[j]
        ss["pe_labels"] = (first, second)
        widget = f"pe_value:{key}:{i}:{j}"
        ss.setdefault(widget, a.answers.get((i, j), 1.0))
        with st.form(f"pe_form:{key}:{i}:{j}", border=True):
            st.markdown(f"**Pair {pos + 1} of {len(pairs)}:** {pv.plain(first)} or {pv.plain(second)}?")
            st.select_slider(
                f"Which matters more: {pv.plain(first)} (left) or {pv.plain(second)} (right)? And how much more?",
                options=list(pv.SCALE_OPTIONS),
                format_func=lambda v, f=first, s=second: pv.option_label(v, f, s),
                key=widget,
            )
            st.form_submit_button(
                "Save and next",
                type="primary",
                icon=":material/save:",
                on_click=_save,
                args=(key, i, j, widget, pos),
                key=f"pe_save:{key}:{i}:{j}",
            )
        nav = st.columns(3)
        nav[0].button(
            "Previous pair", key="pe_prev", on_click=_goto, args=(key, max(pos - 1, 0)), disabled=pos == 0
        )
        nav[1].button(
            "Skip for now",
            key="pe_skip",
            on_click=_goto,
            args=(key, pos + 1 if pos + 1 < len(pairs) else None),
        )
        nav[2].button("Review this matrix", key="pe_review_btn", on_click=_goto, args=(key, None))
    elif is_open:
        st.markdown("**Your answers to this matrix**")
        for k, (i, j) in enumerate(pairs):
            v = a.answers.get((i, j))
            text = pv.option_label(v, spec.labels[i], spec.labels[j]) if v is not None else "not answered"
            row = st.columns([0.75, 0.25])
            row[0].markdown(f"{pv.plain(spec.labels[i])} vs {pv.plain(spec.labels[j])}: **{pv.plain(text)}**")
            row[1].button("Change", key=f"pe_change:{key}:{k}", on_click=_goto, args=(key, k))
    else:
        for i, j in pairs:
            v = a.answers.get((i, j))
            text = pv.option_label(v, spec.labels[i], spec.labels[j]) if v is not None else "not answered"
            st.markdown(f"{pv.plain(spec.labels[i])} vs {pv.plain(spec.labels[j])}: **{pv.plain(text)}**")

with right:
    rv = pv.review(a)
    if rv is None:
        st.info(
            f"Answer the remaining {spec.n_pairs - a.n_answered} pair(s) to see this matrix's priorities "
            "and consistency before you submit it.",
            icon=":material/pending:",
        )
    else:
        st.markdown("**Before you submit**")
        st.dataframe(
            {"Element": list(spec.labels), "Priority": [round(float(x), 4) for x in rv.priorities]},
            hide_index=True,
            key="pe_prio",
        )
        ok = rv.cr <= 0.10
        (st.success if ok else st.warning)(
            f"Consistency ratio CR = {rv.cr:.3f} "
            + ("(≤ 0.10: consistent enough)." if ok else "(> 0.10: some answers contradict each other).")
        )
        if rv.worst is not None:
            i, j, value, consistent = rv.worst
            k = pairs.index((i, j))
            st.markdown(
                f"Most inconsistent answer: **{pv.plain(spec.labels[i])} vs {pv.plain(spec.labels[j])}** = "
                f"{pv.plain(pv.option_label(value, spec.labels[i], spec.labels[j]))}. Your other answers suggest "
                f"about **{pv.plain(pv.option_label(pv.nearest_scale(consistent), spec.labels[i], spec.labels[j]))}**."
            )
            if is_open:
                st.button("Revise this pair", key="pe_revise", on_click=_goto, args=(key, k))
        if a.submitted_at is not None:
            st.success(f"Submitted {a.submitted_at:%Y-%m-%d %H:%M} UTC.", icon=":material/check_circle:")
        if is_open:
            st.button(
                "Submit this matrix" if a.submitted_at is None else "Submit again",
                type="primary",
                key="pe_submit",
                on_click=_submit,
                args=(key, rv.cr if math.isfinite(rv.cr) else 0.0),
                disabled=a.submitted_at is not None,
            )

with st.expander("Work offline (Excel questionnaire)"):
    st.markdown(
        "Download your questionnaire, fill it in (one sheet per matrix), save it as .xlsx and upload it here. "
        "A workbook with a problem is refused as a whole and nothing changes."
    )
    st.download_button(
        "Download my questionnaire (.xlsx)",
        data=lambda: questionnaire_workbook(
            me.panel.public_id, me.panel.name, me.expert.id, me.expert.name, me.assignments, me.panel.intro
        ),
        file_name=f"questionnaire-{me.panel.public_id}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        key="pe_download",
    )
    if is_open:
        up_key = f"pe_upload:{ss.get('pe_upload_nonce', 0)}"
        st.file_uploader(
            "Upload my filled-in questionnaire",
            type=["xlsx"],
            key=up_key,
            on_change=_upload,
            args=(up_key,),
            max_upload_size=2,
        )

"""Expert questionnaire: opened from an expert's private link (``?panel=<token>``, ``&lang=zh`` for Chinese).

One pair at a time on Saaty's verbal scale; every answer is committed to the
database before the page says "Saved"; CR and the most inconsistent pair are
shown before the expert submits a matrix. The expert reaches only their own
answers: everything is looked up by the token of the link. The page speaks
the language of the link (``?lang=``), which the switch at the top changes.
"""

import streamlit as st
from sqlalchemy.orm import Session

from anp_core import ANPError, Model, load_model
from anp_core.i18n import DEFAULT_LANGUAGE, LANGUAGES
from dashboard import panel_views as pv
from dashboard.panel_text import translate_message
from dashboard.panel_upload import sheets_report
from dashboard.text import LANG_KEY, current_language, gettext
from panel.access import expert_by_token
from panel.store import AccessDeniedError, PanelError, get_store
from panel.workbook import WorkbookError, questionnaire_workbook, read_questionnaire

ss = st.session_state
token = st.query_params.get("panel") or ss.get("pe_token")
store = get_store()


def _switch_language() -> None:
    if isinstance(ss.get("pe_matrix"), int):  # the matrix names change language: keep the choice by position
        ss["pe_matrix"] = ss["pe_matrix"]
    chosen = ss.get("pe_lang") or DEFAULT_LANGUAGE
    ss[LANG_KEY] = chosen
    if chosen == DEFAULT_LANGUAGE:
        st.query_params.pop(LANG_KEY, None)
    else:
        st.query_params[LANG_KEY] = chosen


lang = current_language()
st.segmented_control(
    "Language · 语言",
    list(LANGUAGES),
    format_func=LANGUAGES.__getitem__,
    default=lang,
    required=True,
    key="pe_lang",
    on_change=_switch_language,
)
_ = gettext()


@st.cache_resource(max_entries=32, show_spinner=False)
def _parsed_model(public_id: str, _model_json: str) -> Model:
    """Parse the panel's model once per panel (a panel's model never changes)."""
    return load_model(_model_json)


def panel_model(token: str) -> Model | None:
    """Return the model of the expert's panel (for its names in the page's language); None if unreadable."""
    try:
        with Session(store.engine) as s:
            _expert, panel = expert_by_token(s, token)
            return _parsed_model(panel.public_id, panel.model_json)
    except (PanelError, ANPError):
        return None


def refuse(text: str) -> None:
    """Show a plain refusal and stop (no detail about other panels or experts)."""
    st.title(_("Expert questionnaire"))
    st.error(text, icon=":material/block:")
    st.caption(_("If you think this is a mistake, ask the facilitator who sent you the link for a new one."))
    st.stop()


if not token:
    refuse(_("This page opens from the private link your facilitator sent you (it ends with ?panel=…)."))
try:
    me = store.expert_state(token)
except AccessDeniedError as err:
    refuse(translate_message(err, _))
ss["pe_token"] = token
is_open = me.panel.open_now()
model = panel_model(token)


def _save(key: str, i: int, j: int, widget: str, pos: int, first: str, second: str) -> None:
    try:
        saved = store.save_answers(ss["pe_token"], [(key, i, j, ss.get(widget))])
    except PanelError as err:
        ss["pe_msg"] = ("error", _("Not saved: {error}").format(error=translate_message(err, _)))
        return
    text = _("Saved: {first} vs {second} ({time} UTC).").format(
        first=pv.plain(first), second=pv.plain(second), time=f"{saved.saved_at:%H:%M:%S}"
    )
    if saved.reopened:
        text += " " + _("This matrix was submitted: submit it again after your changes.")
    ss["pe_msg"] = ("success", text)
    ss[f"pe_pair:{key}"] = ("after", pos)  # the next unanswered pair, or the review when none is left


def _goto(key: str, pos: int | None) -> None:
    ss[f"pe_pair:{key}"] = pos
    ss["pe_msg"] = None


def _submit(key: str, then: int | None) -> None:
    try:
        store.submit(ss["pe_token"], key)
    except PanelError as err:
        ss["pe_msg"] = ("error", _("Not submitted: {error}").format(error=translate_message(err, _)))
        return
    text = _("Submitted. Thank you! You can still change answers until the panel closes.")
    if then is not None:
        ss["pe_matrix"] = then
        text += " " + _("Next: the matrix shown below.")
    ss["pe_msg"] = ("success", text)


def _upload(key: str) -> None:
    file = ss.get(key)
    ss["pe_upload_nonce"] = ss.get("pe_upload_nonce", 0) + 1
    if file is None:
        return
    data = file.getvalue()
    refused = _("The workbook was not used; nothing changed:")
    try:
        mine = store.expert_state(ss["pe_token"])
        got = read_questionnaire(data, mine.assignments, mine.panel.public_id, mine.expert.id)
        saved = store.save_answers(ss["pe_token"], got.items, source="workbook")
    except WorkbookError as err:
        ss["pe_msg"] = ("error", refused + "\n\n" + "\n".join(f"- {pv.plain(p)}" for p in err.problems[:15]))
        return
    except PanelError as err:
        ss["pe_msg"] = ("error", f"{refused} {pv.plain(translate_message(err, _))}")
        return
    report = sheets_report(got, mine.assignments, model, lang, _)
    ss["pe_msg"] = (
        "success",
        _("Saved {n} answers from the workbook.").format(n=saved.count) + "\n\n" + report,
    )


st.title(_("Expert questionnaire: {panel}").format(panel=pv.plain(me.panel.name)))
done, total, n_sub, n_mat = pv.progress(me)
st.markdown(
    _(
        "Hello **{name}**. You are asked to compare elements of the model *{model}* **two at a time**: for each "
        "pair, say which one matters more for the question shown, and how much more, on Saaty's scale from 1 "
        "(equal) to 9 (extreme). Each answer is **saved as you go**: you can close this page and come back later "
        "with the same link. Only you see your own answers; the facilitator combines them with the other experts'."
    ).format(
        name=pv.plain(me.expert.name),
        model=pv.plain(pv.model_display_name(model, lang, me.panel.model_name)),
    )
)
if me.panel.intro:
    st.info(pv.plain(me.panel.intro), icon=":material/info:")
if me.panel.deadline:
    st.caption(_("Deadline: {time} UTC").format(time=f"{me.panel.deadline:%Y-%m-%d %H:%M}"))
if not is_open:
    st.warning(
        _("This panel is closed: your answers are shown but can no longer be changed."),
        icon=":material/lock:",
    )
st.progress(
    done / total if total else 1.0,
    text=_("{done} of {total} pairs answered · {submitted} of {matrices} matrices submitted").format(
        done=done, total=total, submitted=n_sub, matrices=n_mat
    ),
)

msg = ss.get("pe_msg")
if msg:
    (st.success if msg[0] == "success" else st.error)(msg[1])

# The option names stay the same from run to run (a selectbox finds its choice by name): the status goes below.
names = [
    f"M{x.matrix.position + 1:02d} · {pv.matrix_title(x.matrix.spec, model, lang, _)}" for x in me.assignments
]
if not isinstance(ss.get("pe_matrix", 0), int) or not 0 <= ss.get("pe_matrix", 0) < len(me.assignments):
    ss["pe_matrix"] = 0
pick = st.selectbox(
    _("Matrix"),
    range(len(me.assignments)),
    format_func=lambda k: names[k],
    key="pe_matrix",
    help=_("The matrices you are asked to judge. Finish and submit each one."),
)
a = me.assignments[pick]
waiting = [f"M{x.matrix.position + 1:02d}" for x in me.assignments if x.submitted_at is None and x is not a]
status = _("This matrix: {status}").format(status=pv.assignment_status(a, _))
if waiting:
    status += " · " + _("Other matrices not submitted yet: {matrices}").format(matrices=_(", ").join(waiting))
st.caption(status)
spec = a.matrix.spec
key = a.matrix.key
labels = pv.element_labels(spec, model, lang)
pairs = pv.pair_list(spec.n)
st.subheader(pv.plain(pv.matrix_title(spec, model, lang, _)))
st.markdown(pv.plain(pv.matrix_question(spec, model, lang, _)))

pos_key = f"pe_pair:{key}"
raw = ss.get(pos_key, "first")
if raw == "first":
    pos = pv.next_pair(a)
elif isinstance(raw, tuple):
    pos = pv.next_pair(a, after=raw[1])
else:
    pos = raw
if pos is not None and pos >= len(pairs):
    pos = pv.next_pair(a)
ss[pos_key] = pos

left, right = st.columns([0.58, 0.42], gap="large")
with left:
    st.progress(
        a.n_answered / spec.n_pairs,
        text=_("{done} of {total} pairs of this matrix answered").format(
            done=a.n_answered, total=spec.n_pairs
        ),
    )
    if pos is not None and is_open:
        i, j = pairs[pos]
        first, second = labels[i], labels[j]
        widget = f"pe_value:{key}:{i}:{j}"
        ss.setdefault(widget, a.answers.get((i, j), 1.0))
        with st.form(f"pe_form:{key}:{i}:{j}", border=True):
            st.markdown(
                _("**Pair {k} of {n}:** {first} or {second}?").format(
                    k=pos + 1, n=len(pairs), first=pv.plain(first), second=pv.plain(second)
                )
            )
            st.select_slider(
                _("Which matters more: {first} (left) or {second} (right)? And how much more?").format(
                    first=pv.plain(first), second=pv.plain(second)
                ),
                options=list(pv.SCALE_OPTIONS),
                format_func=lambda v: pv.option_label(v, pv.plain(first), pv.plain(second), _),
                key=widget,
            )
            ends = st.columns(2)
            ends[0].caption("◀ " + _("{name} more important").format(name=pv.plain(first)))
            ends[1].caption(
                _("{name} more important").format(name=pv.plain(second)) + " ▶", text_alignment="right"
            )
            st.form_submit_button(
                _("Save and next"),
                type="primary",
                icon=":material/save:",
                on_click=_save,
                args=(key, i, j, widget, pos, first, second),
                key=f"pe_save:{key}:{i}:{j}",
            )
        skip_to = pv.next_pair(a, after=pos)
        nav = st.columns(3)
        nav[0].button(
            _("Previous pair"), key="pe_prev", on_click=_goto, args=(key, max(pos - 1, 0)), disabled=pos == 0
        )
        nav[1].button(
            _("Skip for now"), key="pe_skip", on_click=_goto, args=(key, None if skip_to == pos else skip_to)
        )
        nav[2].button(_("Review this matrix"), key="pe_review_btn", on_click=_goto, args=(key, None))
    else:
        st.markdown("**" + _("Your answers to this matrix") + "**")
        for k, (i, j) in enumerate(pairs):
            v = a.answers.get((i, j))
            text = pv.option_label(v, labels[i], labels[j], _) if v is not None else _("not answered")
            line = _("{first} vs {second}: **{answer}**").format(
                first=pv.plain(labels[i]), second=pv.plain(labels[j]), answer=pv.plain(text)
            )
            if is_open:
                row = st.columns([0.75, 0.25], vertical_alignment="center")
                row[0].markdown(line)
                row[1].button(
                    _("Revise"),
                    key=f"pe_change:{key}:{k}",
                    on_click=_goto,
                    args=(key, k),
                    help=_("Change your answer to {first} vs {second}").format(
                        first=pv.plain(labels[i]), second=pv.plain(labels[j])
                    ),
                )
            else:
                st.markdown(line)

with right:
    rv = pv.review(a)
    if rv is None:
        st.info(
            _.ngettext(
                "Answer the remaining {n} pair to see this matrix's priorities and consistency before you "
                "submit it.",
                "Answer the remaining {n} pairs to see this matrix's priorities and consistency before you "
                "submit it.",
                spec.n_pairs - a.n_answered,
            ).format(n=spec.n_pairs - a.n_answered),
            icon=":material/pending:",
        )
    else:
        st.markdown(
            "**" + (_("Before you submit") if a.submitted_at is None else _("Your priorities")) + "**"
        )
        st.dataframe(
            {_("Element"): list(labels), _("Priority"): [float(x) for x in rv.priorities]},
            hide_index=True,
            key="pe_prio",
            column_config={_("Priority"): st.column_config.NumberColumn(format=pv.PRIORITY_FORMAT)},
        )
        ok = rv.cr <= 0.10
        if ok:
            st.success(
                _("Consistency ratio CR = {cr} (≤ 0.10: consistent enough).").format(cr=f"{rv.cr:.3f}")
            )
        else:
            st.warning(
                _("Consistency ratio CR = {cr} (> 0.10: some answers contradict each other).").format(
                    cr=f"{rv.cr:.3f}"
                )
            )
        if rv.worst is not None:
            w = rv.worst
            first, second = labels[w.i], labels[w.j]
            st.markdown(
                _(
                    "Most inconsistent answer: **{first} vs {second}** = {answer}. Your other answers suggest "
                    "about **{suggested}** (CR would become {cr})."
                ).format(
                    first=pv.plain(first),
                    second=pv.plain(second),
                    answer=pv.plain(pv.option_label(w.value, first, second, _)),
                    suggested=pv.plain(pv.option_label(w.suggested, first, second, _)),
                    cr=f"{w.cr_after:.3f}",
                )
            )
            if w.tied:
                st.caption(_("Other answers are just as inconsistent: revise the one you are least sure of."))
            if is_open:
                st.button(
                    _("Revise this pair"),
                    key="pe_revise",
                    on_click=_goto,
                    args=(key, pairs.index((w.i, w.j))),
                )
        if a.submitted_at is not None:
            st.success(
                _("Submitted {time} UTC.").format(time=f"{a.submitted_at:%Y-%m-%d %H:%M}"),
                icon=":material/check_circle:",
            )
            if is_open:
                st.caption(_("Changing an answer re-opens this matrix: submit it again afterwards."))
        elif is_open:
            later = [
                x for x in range(len(me.assignments)) if x != pick and me.assignments[x].submitted_at is None
            ]
            st.button(
                _("Submit this matrix"),
                type="primary",
                key="pe_submit",
                on_click=_submit,
                args=(key, later[0] if later else None),
            )

with st.expander(_("Work offline (Excel questionnaire)")):
    st.markdown(
        _(
            "Download your questionnaire, fill it in (one sheet per matrix), save it as .xlsx and upload it here. "
            "A workbook with a problem is refused as a whole and nothing changes. The workbook is in English."
        )
    )
    st.download_button(
        _("Download my questionnaire (.xlsx)"),
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
            _("Upload my filled-in questionnaire"),
            type=["xlsx"],
            key=up_key,
            on_change=_upload,
            args=(up_key,),
            max_upload_size=2,
        )

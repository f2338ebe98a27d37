"""Expert panel (facilitator): create a panel from the current model, share links, watch answers arrive, apply.

The panel is reached through its facilitator secret (``?facilitator=<secret>``,
set in the URL after creation: bookmark it). Results come from
:func:`anp_core.aggregate` through :mod:`panel.results`; applying them goes
through ``Model``'s validation into ``state.replace_model`` (undoable).
"""

import json
from datetime import UTC, datetime, time, timedelta
from urllib.parse import parse_qs, urlsplit

import streamlit as st

from anp_core import ANPError
from anp_core.aggregation_model import model_matrices
from anp_core.i18n import LANGUAGES
from dashboard import panel_views as pv
from dashboard import state
from dashboard.panel_text import consensus_word, translate_message
from dashboard.panel_upload import sheets_report
from dashboard.text import current_language, gettext
from panel.results import apply_to_model, incompatible_matrices, panel_results
from panel.store import AccessDeniedError, PanelError, export_dict, get_store
from panel.workbook import WorkbookError, questionnaire_workbook, read_questionnaire

state.init()
ss = st.session_state
store = get_store()
_ = gettext()
lang = current_language()


def base_url() -> str:
    """Scheme and host of the app as the browser sees it (for the links)."""
    url = st.context.url or ""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else "http://localhost:8501"


def _open_secret(text: str) -> str:
    text = text.strip()
    if "facilitator=" in text:
        return (parse_qs(urlsplit(text).query).get("facilitator") or [""])[0]
    return text


secret = st.query_params.get("facilitator") or ss.get("pf_secret")
st.title(_("Expert panel"))

if not secret:
    model = state.current_model()
    specs = [s for s in model_matrices(model) if s.n >= 2]
    titles = {s.key: pv.matrix_title(s, model, lang, _) for s in specs}
    groups = pv.matrix_groups(model, lang, _)
    all_label = _(pv.ALL_MATRICES)
    st.markdown(
        _(
            "Collect judgments from several people: each expert gets a **private link** to a questionnaire on the "
            "matrices you choose of the current model (**{model}**); you follow the answers here and combine them "
            "into the model's judgments."
        ).format(model=pv.plain(pv.model_display_name(model, lang, model.name)))
    )
    tab_new, tab_open = st.tabs([_("Create a panel"), _("Open a panel")])
    with tab_new, st.form("pf_create"):
        name = st.text_input(
            _("Panel name"), max_chars=200, key="pf_name", placeholder=_("e.g. Trade-war expert round 1")
        )
        intro = st.text_area(
            _("Introduction for the experts (optional)"),
            max_chars=5000,
            key="pf_intro",
            placeholder=_("What the panel is for."),
        )
        chosen = st.multiselect(
            _("Matrices the panel asks about"),
            [s.key for s in specs],
            default=[s.key for s in specs],
            format_func=titles.__getitem__,
            key="pf_matrices",
            help=_(
                "Every matrix of the model is chosen to start with: remove those the experts should not judge."
            ),
        )
        st.markdown(
            _("**Experts** (one row each; weight 1 = equal; *Answers* empty = all the matrices above)")
        )
        rows = st.data_editor(
            [{"Name": _("Expert {k}").format(k=k), "Weight": 1.0, "Answers": []} for k in range(1, 4)],
            num_rows="dynamic",
            key="pf_experts",
            column_config={
                "Name": st.column_config.TextColumn(_("Name"), max_chars=120, required=True),
                "Weight": st.column_config.NumberColumn(
                    _("Weight"), min_value=0.0, max_value=1000.0, step=0.5
                ),
                "Answers": st.column_config.MultiselectColumn(_("Answers"), options=[all_label, *groups]),
            },
        )
        c1, c2, c3 = st.columns(3)
        method = c1.radio(
            _("Default aggregation"), ["aij", "aip"], format_func=str.upper, horizontal=True, key="pf_method"
        )
        has_deadline = c2.checkbox(_("Set a deadline"), key="pf_has_deadline")
        day = c3.date_input(
            _("Deadline (UTC)"), value=datetime.now(UTC).date() + timedelta(days=14), key="pf_day"
        )
        created = st.form_submit_button(_("Create the panel"), type="primary", icon=":material/group_add:")
    if created:
        try:
            experts = pv.parse_experts(rows, groups, chosen, all_label)
            deadline = datetime.combine(day, time(23, 59), tzinfo=UTC) if has_deadline else None
            made = store.create_panel(
                model,
                name or "",
                experts,
                matrices=chosen,
                deadline=deadline,
                intro=intro or "",
                method=method,
            )
        except (PanelError, ValueError) as err:
            st.error(
                _("The panel was not created: {error}").format(error=pv.plain(translate_message(err, _))),
                icon=":material/error:",
            )
        else:
            ss["pf_secret"] = made.facilitator_secret
            ss["pf_links"] = made.expert_tokens
            st.query_params["facilitator"] = made.facilitator_secret
            st.rerun()
    with tab_open:
        text = st.text_input(_("Facilitator link or secret"), type="password", key="pf_open_text")
        if st.button(_("Open"), key="pf_open") and text:
            ss["pf_secret"] = _open_secret(text)
            st.rerun()
    st.stop()

try:
    panel_state = store.panel_state(secret)
except AccessDeniedError as err:
    ss.pop("pf_secret", None)
    st.error(translate_message(err, _), icon=":material/block:")
    st.button(_("Start again"), key="pf_restart", on_click=lambda: st.query_params.clear())
    st.stop()
ss["pf_secret"] = secret
info = panel_state.panel
pmodel = panel_state.model
st.subheader(pv.plain(info.name))
facts = [
    _("Model: {model}").format(model=pv.plain(pv.model_display_name(pmodel, lang, info.model_name))),
    _("{n} matrices").format(n=len(panel_state.matrices)),
    _("{n} experts").format(n=len(panel_state.experts)),
    _("created {time} UTC").format(time=f"{info.created_at:%Y-%m-%d %H:%M}"),
]
if info.deadline:
    facts.append(_("deadline {time} UTC").format(time=f"{info.deadline:%Y-%m-%d %H:%M}"))
if info.closed_at:
    facts.append("**" + _("closed") + "**")
st.caption(" · ".join(facts))

links = ss.get("pf_links")
if links:
    with st.container(border=True):
        st.markdown(
            _(
                "**Private links: copy them now.** Only their fingerprints are stored, so they cannot be shown "
                "again (you can give an expert a new link below). Your own facilitator link is this page's "
                "address: bookmark it."
            )
        )
        link_lang = st.segmented_control(
            _("Language of the questionnaire"),
            list(LANGUAGES),
            format_func=LANGUAGES.__getitem__,
            default=lang,
            required=True,
            key="pf_link_lang",
            help=_("The links open the questionnaire in this language; the expert can switch it at the top."),
        )
        table = pv.expert_links(base_url(), links, link_lang or lang, _)
        for who, link in table.itertuples(index=False):
            st.markdown(f"**{pv.plain(who)}**")
            st.code(link, language=None, wrap_lines=True)
        st.download_button(
            _("Download the links (CSV)"),
            data=table.to_csv(index=False),
            file_name=f"panel-{info.public_id}-links.csv",
            mime="text/csv",
            on_click="ignore",
            key="pf_links_csv",
        )
        st.button(_("I have saved the links"), key="pf_links_done", on_click=lambda: ss.pop("pf_links", None))

ctrl = st.columns([1, 1, 1.2])
method = ctrl[0].radio(
    _("Aggregation"),
    ["aij", "aip"],
    index=0 if info.method == "aij" else 1,
    format_func=lambda m: (
        _("AIJ (geometric mean of judgments)") if m == "aij" else _("AIP (geometric mean of priorities)")
    ),
    key="pf_agg_method",
)
drafts = ctrl[1].checkbox(_("Include answers not yet submitted"), key="pf_drafts")
ctrl[2].button(_("Refresh now"), key="pf_refresh", icon=":material/refresh:")


ss["pf_stamp"] = pv.answers_stamp(panel_state)


@st.fragment(run_every=10)
def live() -> None:
    """Draw who answered what and the overview, re-read every 10 s; redraw the page when answers changed."""
    try:
        st_now = store.panel_state(secret)
    except AccessDeniedError as err:
        st.error(translate_message(err, _))
        return
    if pv.answers_stamp(st_now) != ss.get("pf_stamp"):
        st.rerun()  # new answers: the detail, the ranking and the apply button below change too
    results = panel_results(st_now, method, include_drafts=drafts)
    st.markdown("#### " + _("Who answered what"))
    done = sum(
        all(a.submitted_at is not None for (eid, _m), a in st_now.assignments.items() if eid == e.id)
        for e in st_now.experts
    )
    st.markdown(
        _("**{done} of {n} experts** have submitted all their matrices.").format(
            done=done, n=len(st_now.experts)
        )
    )
    st.caption(_("✓ submitted (with the expert's CR) · answered/asked pairs in progress · – not asked"))
    st.dataframe(pv.status_table(st_now, _), key="pf_status")
    st.markdown("#### " + _("Group result per matrix"))
    st.caption(
        _(
            "Consensus S*: Goepel's AHP consensus indicator (0 = none, 1 = identical priorities; from the Shannon "
            "alpha/beta diversity of the experts' priorities). Most disputed pair: the largest geometric spread of "
            "the experts' judgments (×3 = experts typically a factor 3 apart)."
        )
    )
    st.dataframe(
        pv.results_overview(results, st_now.model, lang, _),
        hide_index=True,
        key="pf_overview",
        row_height=pv.OVERVIEW_ROW_HEIGHT,
        column_config={
            name: (
                st.column_config.NumberColumn(width=width, format=fmt)
                if fmt
                else st.column_config.TextColumn(width=width)
            )
            for name, (width, fmt) in pv.overview_columns(_).items()
        },
    )
    if method == "aip":
        st.caption(
            _(
                "Group CR: not applicable under AIP, where the group matrix is built from the group priorities "
                "and is consistent by construction. Each expert's CR is in the detail below."
            )
        )


live()
results = panel_results(panel_state, method, include_drafts=drafts)
current = panel_state

st.markdown("#### " + _("One matrix in detail"))
if not isinstance(ss.get("pf_detail"), int) or not 0 <= ss["pf_detail"] < len(results):
    ss["pf_detail"] = next((k for k, r in enumerate(results) if r.aggregate is not None), 0)
pick = st.selectbox(
    _("Matrix"),
    range(len(results)),
    format_func=lambda k: (
        f"M{results[k].matrix.position + 1:02d} · {pv.matrix_title(results[k].matrix.spec, pmodel, lang, _)}"
    ),
    key="pf_detail",
)
res = results[pick]
labels = pv.element_labels(res.matrix.spec, pmodel, lang)
if res.aggregate is None:
    st.info(
        pv.plain(translate_message(res.problem or "no answers yet", _)), icon=":material/hourglass_empty:"
    )
else:
    agg = res.aggregate
    d1, d2 = st.columns([0.55, 0.45], gap="large")
    with d1:
        st.plotly_chart(
            pv.expert_priorities_figure(res, labels, _), key="pf_dots", config={"displaylogo": False}
        )
        st.caption(pv.plain(pv.priorities_summary(res, labels, _)))
        with st.expander(_("The chart's data as a table")):
            dots = pv.priorities_table(res, labels, _)
            st.dataframe(
                dots,
                hide_index=True,
                key="pf_dots_table",
                column_config={
                    c: st.column_config.NumberColumn(format=f) for c, f in pv.priority_formats(dots).items()
                },
            )
    with d2:
        c = agg.consensus
        st.metric(_("Consensus S*"), f"{c.s_star:.3f}" if c else "–", help=_("Goepel (2018), AHP-OS"))
        st.caption(
            _("Agreement: {word}").format(word=consensus_word(c.word, _))
            if c
            else _("Needs two experts with complete answers.")
        )
        st.metric(
            _("Group CR"),
            pv.group_cr_text(agg, _),
            help=_(
                "Not applicable under AIP: the group matrix comes from the group priorities, consistent by construction."
            )
            if agg.cr is None
            else None,
        )
        st.dataframe(
            [
                {
                    _("Expert"): e.name,
                    _("Weight"): r.weight,
                    _("Judgments"): f"{r.n_judgments}/{r.n_pairs}",
                    "CR": r.cr,
                    _("Compatibility"): r.compatibility,
                }
                for e, r in zip(res.experts, agg.experts, strict=True)
            ],
            hide_index=True,
            key="pf_experts_detail",
            placeholder="–",
            column_config={
                name: st.column_config.NumberColumn(format="%.3f")
                for name in (_("Weight"), "CR", _("Compatibility"))
            },
        )
        st.caption(
            _(
                "Compatibility (Saaty): 1 = the expert agrees with the group's priorities; above 1.1, far from it."
            )
        )
    st.markdown("**" + _("Where the experts disagree most") + "**")
    spread = pv.spread_rows(res, labels, _)
    if spread:
        st.dataframe(
            spread,
            hide_index=True,
            key="pf_spread",
            column_config={
                c: st.column_config.NumberColumn(format=f) for c, f in pv.spread_formats(_).items()
            },
        )
    else:
        st.caption(_("Nowhere: every expert gave every pair the same judgment."))

ready = [r for r in results if r.aggregate is not None]
st.markdown("#### " + _("Apply to the model"))
model = state.current_model()
if not ready:
    st.caption(_("Nothing to apply yet."))
else:
    missing = incompatible_matrices(model, ready)
    if missing:
        st.warning(
            _(
                "The current model is not the panel's ({n} matrices differ). Load the panel's model first."
            ).format(n=len(missing)),
            icon=":material/swap_horiz:",
        )
        st.button(
            _("Load the panel's model"),
            key="pf_load_model",
            on_click=state.load_new_baseline,
            args=(current.model, f"panel '{info.name}' model"),
        )
    else:
        try:
            group_model = apply_to_model(model, current, ready)
        except ANPError as err:
            st.error(pv.plain(err))
        else:
            with st.expander(
                _("Ranking under the group judgments ({ready} of {total} matrices)").format(
                    ready=len(ready), total=len(results)
                ),
                expanded=True,
            ):
                ranking = pv.ranking_table(model, group_model, lang, _)
                st.dataframe(
                    ranking,
                    hide_index=True,
                    key="pf_ranking",
                    column_config={
                        c: st.column_config.NumberColumn(format=f)
                        for c, f in pv.priority_formats(ranking).items()
                    },
                )

            def _apply() -> None:
                state.replace_model(group_model)
                ss["pf_applied"] = (
                    _("Applied {n} group matrices ({method}). Undo in the sidebar.").format(
                        n=len(ready), method=method.upper()
                    ),
                    group_model.fingerprint,
                )

            st.button(
                _("Apply the group judgments ({method}) to the current model").format(method=method.upper()),
                type="primary",
                icon=":material/done_all:",
                key="pf_apply",
                on_click=_apply,
                disabled=group_model.fingerprint == model.fingerprint,  # the model holds them already
                help=_(
                    "Each matrix gets a note saying where it came from. The sidebar's Undo takes it back."
                ),
            )
    applied = ss.get("pf_applied")
    if applied and applied[1] == model.fingerprint:
        st.success(applied[0], icon=":material/check_circle:")
    elif applied:
        st.info(
            _("The model no longer holds the applied group judgments (undone or edited)."),
            icon=":material/undo:",
        )

with st.expander(_("Manage the panel")):
    st.download_button(
        _("Export the panel (JSON)"),
        data=lambda: json.dumps(export_dict(store.panel_state(secret)), indent=1),
        file_name=f"panel-{info.public_id}.json",
        mime="application/json",
        on_click="ignore",
        key="pf_export",
    )
    who = st.selectbox(
        _("Expert"), range(len(current.experts)), format_func=lambda k: current.experts[k].name, key="pf_who"
    )
    ex = current.experts[who]
    if st.button(_("Give this expert a new link (the old one stops working)"), key="pf_new_link"):
        token = store.new_link(secret, ex.id)
        ss["pf_links"] = ((ex.id, ex.name, token),)
        st.rerun()
    mine = tuple(
        sorted(
            (a for (eid, _m), a in current.assignments.items() if eid == ex.id),
            key=lambda a: a.matrix.position,
        )
    )
    st.download_button(
        _("Questionnaire workbook of {name} (.xlsx)").format(name=pv.plain(ex.name)),
        data=lambda: questionnaire_workbook(info.public_id, info.name, ex.id, ex.name, mine, info.intro),
        file_name=f"questionnaire-{info.public_id}-{ex.id}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        key="pf_wb_download",
    )
    up = st.file_uploader(
        _("Upload {name}'s filled-in workbook").format(name=pv.plain(ex.name)),
        type=["xlsx"],
        key=f"pf_wb_up:{ss.get('pf_up', 0)}",
        max_upload_size=2,
    )
    if up is not None:
        ss["pf_up"] = ss.get("pf_up", 0) + 1
        try:
            got = read_questionnaire(up.getvalue(), mine, info.public_id, ex.id)
            saved = store.save_answers_for(secret, ex.id, got.items)
        except WorkbookError as err:
            st.error(
                _("Refused; nothing changed:")
                + "\n\n"
                + "\n".join(f"- {pv.plain(p)}" for p in err.problems[:15])
            )
        except PanelError as err:
            st.error(_("Refused; nothing changed:") + " " + pv.plain(translate_message(err, _)))
        else:
            st.success(
                _("Saved {n} answers of {name} from the workbook.").format(
                    n=saved.count, name=pv.plain(ex.name)
                )
                + "\n\n"
                + sheets_report(got, mine, pmodel, lang, _)
            )
    st.button(
        _("Close the panel") if info.closed_at is None else _("Open the panel again"),
        key="pf_close",
        on_click=store.set_open,
        args=(secret, info.closed_at is not None),
    )

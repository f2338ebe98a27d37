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
from dashboard import panel_views as pv
from dashboard import state
from panel.results import apply_to_model, incompatible_matrices, panel_results, spread_table
from panel.store import AccessDeniedError, PanelError, export_dict, get_store
from panel.workbook import WorkbookError, questionnaire_workbook, read_questionnaire

state.init()
ss = st.session_state
store = get_store()


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
st.title("Expert panel")

if not secret:
    model = state.current_model()
    specs = [s for s in model_matrices(model) if s.n >= 2]
    groups = pv.matrix_groups(model)
    st.markdown(
        "Collect judgments from several people: each expert gets a **private link** to a questionnaire on the "
        f"matrices you choose of the current model (**{pv.plain(model.name)}**); you follow the answers here "
        "and combine them into the model's judgments."
    )
    tab_new, tab_open = st.tabs(["Create a panel", "Open a panel"])
    with tab_new, st.form("pf_create"):
        name = st.text_input(
            "Panel name", max_chars=200, key="pf_name", placeholder="e.g. Trade-war expert round 1"
        )
        intro = st.text_area(
            "Introduction for the experts (optional)",
            max_chars=5000,
            key="pf_intro",
            placeholder="What the panel is for.",
        )
        chosen = st.multiselect(
            "Matrices the panel asks about",
            [s.key for s in specs],
            default=[s.key for s in specs],
            format_func=lambda k: next(s.title for s in specs if s.key == k),
            key="pf_matrices",
        )
        st.markdown("**Experts** (one row each; weight 1 = equal; *Answers* empty = all the matrices above)")
        rows = st.data_editor(
            [{"Name": f"Expert {k}", "Weight": 1.0, "Answers": []} for k in range(1, 4)],
            num_rows="dynamic",
            key="pf_experts",
            column_config={
                "Name": st.column_config.TextColumn(max_chars=120, required=True),
                "Weight": st.column_config.NumberColumn(min_value=0.0, max_value=1000.0, step=0.5),
                "Answers": st.column_config.MultiselectColumn(options=[pv.ALL_MATRICES, *groups]),
            },
        )
        c1, c2, c3 = st.columns(3)
        method = c1.radio(
            "Default aggregation", ["aij", "aip"], format_func=str.upper, horizontal=True, key="pf_method"
        )
        has_deadline = c2.checkbox("Set a deadline", key="pf_has_deadline")
        day = c3.date_input(
            "Deadline (UTC)", value=datetime.now(UTC).date() + timedelta(days=14), key="pf_day"
        )
        created = st.form_submit_button("Create the panel", type="primary", icon=":material/group_add:")
    if created:
        try:
            experts = pv.parse_experts(rows, groups, chosen)
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
            st.error(f"The panel was not created: {pv.plain(err)}", icon=":material/error:")
        else:
            ss["pf_secret"] = made.facilitator_secret
            ss["pf_links"] = made.expert_tokens
            st.query_params["facilitator"] = made.facilitator_secret
            st.rerun()
    with tab_open:
        text = st.text_input("Facilitator link or secret", type="password", key="pf_open_text")
        if st.button("Open", key="pf_open") and text:
            ss["pf_secret"] = _open_secret(text)
            st.rerun()
    st.stop()

try:
    panel_state = store.panel_state(secret)
except AccessDeniedError as err:
    ss.pop("pf_secret", None)
    st.error(str(err), icon=":material/block:")
    st.button("Start again", key="pf_restart", on_click=lambda: st.query_params.clear())
    st.stop()
ss["pf_secret"] = secret
info = panel_state.panel
st.subheader(pv.plain(info.name))
st.caption(
    f"Model: {pv.plain(info.model_name)} · {len(panel_state.matrices)} matrices · {len(panel_state.experts)} experts · "
    f"created {info.created_at:%Y-%m-%d %H:%M} UTC"
    + (f" · deadline {info.deadline:%Y-%m-%d %H:%M} UTC" if info.deadline else "")
    + (" · **closed**" if info.closed_at else "")
)

links = ss.get("pf_links")
if links:
    with st.container(border=True):
        st.markdown(
            "**Private links: copy them now.** Only their fingerprints are stored, so they cannot be shown again "
            "(you can give an expert a new link below). Your own facilitator link is this page's address: bookmark it."
        )
        st.dataframe(pv.expert_links(base_url(), links), hide_index=True, key="pf_links_table")
        st.download_button(
            "Download the links (CSV)",
            data=pv.expert_links(base_url(), links).to_csv(index=False),
            file_name=f"panel-{info.public_id}-links.csv",
            mime="text/csv",
            on_click="ignore",
            key="pf_links_csv",
        )
        st.button("I have saved the links", key="pf_links_done", on_click=lambda: ss.pop("pf_links", None))

ctrl = st.columns([1, 1, 1.2])
method = ctrl[0].radio(
    "Aggregation",
    ["aij", "aip"],
    index=0 if info.method == "aij" else 1,
    format_func=lambda m: (
        "AIJ (geometric mean of judgments)" if m == "aij" else "AIP (geometric mean of priorities)"
    ),
    key="pf_agg_method",
)
drafts = ctrl[1].checkbox("Include answers not yet submitted", key="pf_drafts")
ctrl[2].button("Refresh now", key="pf_refresh", icon=":material/refresh:")


@st.fragment(run_every=10)
def live() -> None:
    """Draw the live part (status and results), re-read from the database every 10 s."""
    try:
        st_now = store.panel_state(secret)
    except AccessDeniedError as err:
        st.error(str(err))
        return
    results = panel_results(st_now, method, include_drafts=drafts)
    st.markdown("#### Who answered what")
    st.caption("✓ submitted (with the expert's CR) · answered/asked pairs in progress · – not asked")
    st.dataframe(pv.status_table(st_now), key="pf_status")
    st.markdown("#### Group result per matrix")
    st.caption(
        "Consensus S*: Goepel's AHP consensus indicator (0 = none, 1 = identical priorities; from the Shannon "
        "alpha/beta diversity of the experts' priorities). Most disputed pair: the largest geometric spread of the "
        "experts' judgments (×3 = experts typically a factor 3 apart)."
    )
    st.dataframe(
        pv.results_overview(results),
        hide_index=True,
        key="pf_overview",
        column_config={
            "Consensus S*": st.column_config.NumberColumn(format="%.3f"),
            "Group CR": st.column_config.NumberColumn(format="%.3f"),
        },
    )
    ss["pf_results"] = results
    ss["pf_state"] = st_now


live()
results = ss.get("pf_results") or panel_results(panel_state, method, include_drafts=drafts)
current = ss.get("pf_state") or panel_state

st.markdown("#### One matrix in detail")
pick = st.selectbox(
    "Matrix",
    range(len(results)),
    format_func=lambda k: f"M{results[k].matrix.position + 1:02d} · {results[k].matrix.spec.title}",
    key="pf_detail",
)
res = results[pick]
if res.aggregate is None:
    st.info(pv.plain(res.problem or "no result yet"), icon=":material/hourglass_empty:")
else:
    agg = res.aggregate
    d1, d2 = st.columns([0.55, 0.45], gap="large")
    with d1:
        st.plotly_chart(pv.expert_priorities_figure(res), key="pf_dots", config={"displaylogo": False})
        st.caption("Grey circles: each expert's priorities; blue diamonds: the group's.")
    with d2:
        c = agg.consensus
        st.metric("Consensus S*", f"{c.s_star:.3f}" if c else "–", help="Goepel (2018), AHP-OS")
        st.caption(f"Agreement: {c.word}" if c else "Needs two experts with complete answers.")
        st.metric("Group CR", f"{agg.cr:.3f}")
        st.dataframe(
            [
                {
                    "Expert": e.name,
                    "Weight": round(r.weight, 3),
                    "Judgments": f"{r.n_judgments}/{r.n_pairs}",
                    "CR": None if r.cr is None else round(r.cr, 3),
                    "Compatibility": None if r.compatibility is None else round(r.compatibility, 3),
                }
                for e, r in zip(res.experts, agg.experts, strict=True)
            ],
            hide_index=True,
            key="pf_experts_detail",
        )
        st.caption(
            "Compatibility (Saaty): 1 = the expert agrees with the group's priorities; above 1.1, far from it."
        )
    st.markdown("**Where the experts disagree most**")
    st.dataframe(spread_table(res), hide_index=True, key="pf_spread")

ready = [r for r in results if r.aggregate is not None]
st.markdown("#### Apply to the model")
model = state.current_model()
if not ready:
    st.caption("Nothing to apply yet.")
else:
    missing = incompatible_matrices(model, ready)
    if missing:
        st.warning(
            f"The current model is not the panel's ({len(missing)} matrices differ). Load the panel's model first.",
            icon=":material/swap_horiz:",
        )
        st.button(
            "Load the panel's model",
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
                f"Ranking under the group judgments ({len(ready)} of {len(results)} matrices)", expanded=True
            ):
                st.dataframe(pv.ranking_table(model, group_model), hide_index=True, key="pf_ranking")

            def _apply() -> None:
                state.replace_model(group_model)
                ss["pf_applied"] = (
                    f"Applied {len(ready)} group matrices ({method.upper()}). Undo in the sidebar."
                )

            st.button(
                f"Apply the group judgments ({method.upper()}) to the current model",
                type="primary",
                icon=":material/done_all:",
                key="pf_apply",
                on_click=_apply,
                help="Each matrix gets a note saying where it came from. The sidebar's Undo takes it back.",
            )
    if ss.get("pf_applied"):
        st.success(ss["pf_applied"], icon=":material/check_circle:")

with st.expander("Manage the panel"):
    st.download_button(
        "Export the panel (JSON)",
        data=lambda: json.dumps(export_dict(store.panel_state(secret)), indent=1),
        file_name=f"panel-{info.public_id}.json",
        mime="application/json",
        on_click="ignore",
        key="pf_export",
    )
    who = st.selectbox(
        "Expert", range(len(current.experts)), format_func=lambda k: current.experts[k].name, key="pf_who"
    )
    ex = current.experts[who]
    if st.button("Give this expert a new link (the old one stops working)", key="pf_new_link"):
        token = store.new_link(secret, ex.id)
        ss["pf_links"] = ((ex.id, ex.name, token),)
        st.rerun()
    mine = tuple(
        sorted(
            (a for (eid, _), a in current.assignments.items() if eid == ex.id),
            key=lambda a: a.matrix.position,
        )
    )
    st.download_button(
        f"Questionnaire workbook of {pv.plain(ex.name)} (.xlsx)",
        data=lambda: questionnaire_workbook(info.public_id, info.name, ex.id, ex.name, mine, info.intro),
        file_name=f"questionnaire-{info.public_id}-{ex.id}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        key="pf_wb_download",
    )
    up = st.file_uploader(
        f"Upload {pv.plain(ex.name)}'s filled-in workbook",
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
                "Refused; nothing changed:\n\n" + "\n".join(f"- {pv.plain(p)}" for p in err.problems[:15])
            )
        except PanelError as err:
            st.error(f"Refused; nothing changed: {pv.plain(err)}")
        else:
            st.success(f"Saved {saved.count} answers of {pv.plain(ex.name)} from the workbook.")
    st.button(
        "Close the panel" if info.closed_at is None else "Open the panel again",
        key="pf_close",
        on_click=store.set_open,
        args=(secret, info.closed_at is not None),
    )

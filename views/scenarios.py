"""Scenarios: compare named criterion-weight sets; link them to the model's recommendations.

Scenarios on offer: the preset files of ``data/scenarios`` that fit the model,
the model's own weights, the user's own (saved, uploaded) and the current
sliders (``dashboard.scenario_actions``). "Apply to sliders" seeds the Weights
page sliders in a callback; ``dashboard.url_state`` then writes the weights
into the URL, so the address bar is a shareable link.
"""

from urllib.parse import urlencode

import streamlit as st

from anp_core import ANPError
from anp_core.scenarios import compare, dump_scenario
from dashboard import (
    cached,
    figures,
    model_notes,
    scenario_actions,
    scenario_figures,
    scenario_ui,
    state,
    url_state,
)
from dashboard.text import plain

state.init()  # idempotent

ss = st.session_state
model = state.current_model()
names = {f: model.label(f) for f in model.ranked_node_ids}
scenarios = scenario_actions.all_scenarios()
from_files = [s for s in scenarios.values() if s.id in {p.id for p in scenario_actions.presets()}]

st.title("Scenarios")
intro = []
if from_files:
    intro.append(
        "**The preset scenarios' weights are illustrative choices**, each motivated by passages of the source "
        "(quoted below), not results of it; they are offered because this model has their criteria."
    )
else:
    intro.append(
        "No preset scenario of `data/scenarios` fits this model's criteria: compare its own weights, the current "
        "sliders and scenarios you save or upload."
    )
intro.append("Every scenario is evaluated with the current model's judgments (with any edits you made).")
notice = model_notes.judgments_notice(model)
if notice:
    intro.append(notice)
st.info("\n\n".join(intro), icon=":material/info:")
if ss.get(state.SC_MESSAGE):
    kind, text = ss[state.SC_MESSAGE]
    {"success": st.success, "error": st.error}.get(kind, st.info)(text)
    ss[state.SC_MESSAGE] = None

options = list(scenarios)
if state.SC_SELECTED not in ss:
    ss[state.SC_SELECTED] = scenario_actions.default_selection(scenarios)
clean = [s for s in ss[state.SC_SELECTED] if s in scenarios][: scenario_actions.MAX]
if clean != ss[state.SC_SELECTED]:
    ss[state.SC_SELECTED] = clean or scenario_actions.default_selection(scenarios)
selected = st.multiselect(
    f"Scenarios to compare (up to {scenario_actions.MAX}; the first is the reference for rank changes)",
    options,
    format_func=lambda s: scenarios[s].name + (" (yours)" if s in ss[state.SC_CUSTOM] else ""),
    max_selections=scenario_actions.MAX,
    key=state.SC_SELECTED,
    persist_state="session",
)
if not selected:
    st.info("Choose at least one scenario.")
    st.stop()

chosen = [scenarios[s] for s in selected]
snames = {s.id: s.name for s in chosen}
try:
    compared = compare(model, chosen)
    own = cached.evaluation(model)
except ANPError as err:
    st.error(plain(err))
    st.stop()

st.plotly_chart(
    scenario_figures.scenario_bars(compared, snames, names), key="sc_bars", config={"displaylogo": False}
)
if len(chosen) > 1 and len(names) <= scenario_figures.BUMP_LIMIT:
    st.plotly_chart(
        scenario_figures.rank_bump(compared, snames, names, model.cluster_of, figures.cluster_colors(model)),
        key="sc_bump",
        config={"displaylogo": False},
    )
st.subheader("Rank changes")
st.caption(f"Rank under each scenario, and its move against **{plain(chosen[0].name)}** (▲2: two places up).")
ranks = scenario_ui.rank_change_display(compared, snames, names)
st.dataframe(ranks, hide_index=True, key="sc_rank_table", height=min(35 * len(ranks) + 40, 800))

with st.expander("What each scenario assumes, and the passages behind it", expanded=False):
    for sc in chosen:
        tag = "illustrative weights" if sc.illustrative else "weights from the source"
        weights = " · ".join(
            f"{plain(model.label(c))} {w:.3f}" for c, w in sc.criterion_weights.items() if w > 0
        )
        st.markdown(f"**{plain(sc.name)}** ({tag}): {weights}")
        if sc.rationale:
            st.markdown(plain(sc.rationale))
        for q in sc.sources:
            st.markdown(f"> {plain(q.quote)}\n>\n> — paper {plain(q.paper)}, section {plain(q.section)}")

# ----- one scenario: recommendations, apply, share, download -----
st.divider()
state.keep_choice(state.SC_FOCUS, selected[::-1] if len(selected) > 1 else selected)
focus = st.selectbox(
    "Look at one scenario",
    selected,
    format_func=lambda s: scenarios[s].name,
    key=state.SC_FOCUS,
    persist_state="session",
)
sc = scenarios[focus]
comp = compared[(focus, "composite")]
rk = compared[(focus, "rank")]

if model.recommendations:
    st.subheader(f"{plain(sc.name)}: the recommendations and its top factors")
    most = max(2, min(10, len(names)))
    if not 1 <= int(ss[state.SC_TOP_K]) <= most:  # a smaller model than the last one
        ss[state.SC_TOP_K] = min(max(int(ss[state.SC_TOP_K]), 1), most)
    top_k = st.columns([1, 2])[0].slider(
        "Top factors",
        min_value=1,
        max_value=most,
        key=state.SC_TOP_K,
        persist_state="session",
    )
    st.markdown(scenario_ui.recommendation_lines(model, comp, rk, top_k))
    links = scenario_ui.recommendation_links(model, comp, rk, top_k=top_k, baseline=own.composite)
    cols = st.columns(2, gap="medium")
    for k, (_, row) in enumerate(links.iterrows()):
        with cols[k % 2].container(border=True, key=f"sc_rec_{row['Id']}"):
            st.markdown(f"**{plain(row['Section'])} {plain(row['Recommendation'])}**")
            if row["Quote"]:
                st.caption(f"“{plain(row['Quote'])}” ({plain(row['Section'])})")
            change = (
                ""
                if row["Change"] != row["Change"]
                else f" ({row['Change']:+.3f} against the model's own weights)"
            )
            st.markdown(
                f"Top-{top_k} factors it concerns: {plain(row['Top factors'])}  \n"
                f"Weight share of all the factors it concerns: **{row['Weight share']:.3f}**{change}"
            )
    st.caption(
        "The links between recommendations and factors come from the model file's recommendations section "
        "(each link quotes the phrase it rests on); *indirectly* marks a related measure rather than the factor "
        "itself."
    )
else:
    st.caption(
        "This model has no recommendations section (`recommendations` in the model file) to link its top "
        "factors to."
    )

st.subheader("Use, share or keep this scenario")
a1, a2 = st.columns([1, 1], gap="large")
with a1:
    st.button(
        f"Apply to sliders: {plain(sc.name)}",
        key="sc_apply",
        icon=":material/tune:",
        on_click=scenario_actions.apply,
        args=(focus,),
        type="primary",
        disabled=focus == scenario_actions.CURRENT,
        help="Set the Weights page sliders to this scenario's weights (judgments are not changed).",
    )
    st.page_link("views/weights.py", label="Open the Weights page", icon=":material/tune:")
    root = (st.context.url or "").rsplit("/", 1)[0] + "/"
    query = urlencode(url_state.encode(dict(sc.criterion_weights), sc.name))
    st.markdown("Link that opens these weights (Weights page):")
    st.code(f"{root}?{query}", language=None, wrap_lines=True)
with a2:
    mine = focus == scenario_actions.CURRENT
    st.download_button(
        "Download this scenario (JSON)",
        data=dump_scenario(sc if not mine else sc.model_copy(update={"id": "my_scenario"})),
        file_name=f"{sc.id if not mine else 'my_scenario'}.json",
        mime="application/json",
        on_click="ignore",
        icon=":material/download:",
        key="sc_download",
    )
    if focus in ss[state.SC_CUSTOM]:
        st.button(
            "Remove this scenario",
            key="sc_delete",
            icon=":material/delete:",
            on_click=scenario_actions.delete,
            args=(focus,),
        )

s1, s2 = st.columns([1, 1], gap="large")
with s1, st.container(border=True):
    st.markdown("**Save the current sliders as a scenario**")
    current = " · ".join(
        f"{plain(model.label(c))} {w:.3f}" for c, w in state.effective_weights().items() if w > 0
    )
    st.caption(f"Current weights: {current}. Judgment edits are not part of a scenario.")
    st.text_input("Scenario name", key=state.SC_NEW_NAME, max_chars=80, placeholder="e.g. Tariffs at 145 %")
    st.button("Save scenario", key="sc_save", icon=":material/save:", on_click=scenario_actions.save)
with s2, st.container(border=True):
    st.markdown("**Upload a scenario (JSON)**")
    st.caption(
        "A file downloaded here, or written by hand in the same format (data/scenarios holds examples)."
    )
    st.file_uploader(
        "Scenario file",
        type=["json"],
        key=state.scenario_uploader_key(),
        on_change=scenario_actions.upload,
        label_visibility="collapsed",
    )

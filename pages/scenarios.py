"""Scenarios: compare named criterion-weight sets, link them to the paper's recommendations.

Presets come from ``data/scenarios`` (``anp_core.scenarios``); the user's own
are saved from the sliders, uploaded or downloaded as JSON and kept in session
state. "Apply to sliders" seeds the Weights page sliders in a callback
(``state.seed_weights``); ``dashboard.url_state`` then writes the weights into
the URL, so the address bar is a shareable link.
"""

from pathlib import Path
from urllib.parse import urlencode

import streamlit as st

from anp_core import ANPError
from anp_core.scenarios import Scenario, compare, dump_scenario, load_scenario, load_scenarios
from dashboard import figures, scenario_ui, state, url_state, whatif_figures
from dashboard.sidebar import format_problems

state.init()  # idempotent

CUSTOM = "sc_custom"  # dict: id -> Scenario saved or uploaded by the user
SELECTED = "sc_selected"
FOCUS = "sc_focus"
NEW_NAME = "sc_new_name"
UPLOAD_NONCE = "sc_upload_nonce"
MESSAGE = "sc_message"  # (kind, text) left by the last callback
CURRENT = "current"  # pseudo-scenario: the sliders as they are
MAX = 4
SCENARIO_DIR = Path(__file__).resolve().parent.parent / "data" / "scenarios"

ss = st.session_state
model = state.current_model()
names = {f: model.label(f) for f in model.node_ids}
crit_names = {c: model.label(c) for c in model.networked_criteria}
ss.setdefault(CUSTOM, {})
ss.setdefault(UPLOAD_NONCE, 0)
ss.setdefault(MESSAGE, None)


@st.cache_resource(show_spinner=False)
def _presets() -> tuple[Scenario, ...]:
    # Frozen pydantic objects: one parsed copy shared by every session.
    return tuple(load_scenarios(SCENARIO_DIR))


def _current() -> Scenario:
    w = {c: v for c, v in state.effective_weights().items() if v > 0}
    label = ss.get(state.SCENARIO) or "unnamed"
    return Scenario(
        id=CURRENT,
        name=f"Current sliders ({label})",
        rationale="The weights on the Weights page sliders right now.",
        illustrative=True,
        criterion_weights=w,
    )


def _all() -> dict[str, Scenario]:
    out = {s.id: s for s in _presets()}
    out.update(ss[CUSTOM])
    out[CURRENT] = _current()
    return out


def _taken() -> list[str]:
    return [s.id for s in _presets()] + list(ss[CUSTOM]) + [CURRENT]


def _apply(sid: str) -> None:
    sc = _all().get(sid)
    if sc is None:
        return
    try:
        sc.check_against(model)
    except ANPError as err:
        ss[MESSAGE] = ("error", f"**{sc.name}** does not fit the current model: {err}")
        return
    total = sum(sc.criterion_weights.values())
    weights = {c: w / total for c, w in sc.criterion_weights.items()}
    state.seed_weights(weights)
    ss[state.USE_GEO] = weights.get(state.GEO, 0.0) > 0
    if sid != CURRENT:
        ss[state.SCENARIO] = sc.name
    ss[MESSAGE] = ("success", f"The sliders now hold **{sc.name}**: {_fmt_weights(weights)}.")


def _save() -> None:
    try:
        sc = scenario_ui.scenario_from_weights(ss.get(NEW_NAME, ""), state.criterion_weights(), _taken())
    except ANPError as err:
        ss[MESSAGE] = ("error", f"Not saved: {err}.")
        return
    ss[CUSTOM] = {**ss[CUSTOM], sc.id: sc}
    if len(ss.get(SELECTED, [])) < MAX:
        ss[SELECTED] = [*ss.get(SELECTED, []), sc.id]
    ss[FOCUS] = sc.id
    ss[NEW_NAME] = ""
    ss[MESSAGE] = ("success", f"Saved **{sc.name}** ({_fmt_weights(sc.criterion_weights)}).")


def _upload() -> None:
    key = f"sc_upload:{ss[UPLOAD_NONCE]}"
    file = ss.get(key)
    ss[UPLOAD_NONCE] += 1  # a fresh, empty uploader after every attempt
    if file is None:
        return
    fname = getattr(file, "name", "upload")
    try:
        sc = load_scenario(file.getvalue())
        sc.check_against(model)
    except ANPError as err:
        ss[MESSAGE] = (
            "error",
            f"**{fname}** was not loaded; your scenarios are unchanged.\n\n" + format_problems(err),
        )
        return
    if sc.id in {s.id for s in _presets()} or sc.id == CURRENT:
        sc = sc.model_copy(update={"id": scenario_ui.slugify(sc.id, _taken())})
    ss[CUSTOM] = {**ss[CUSTOM], sc.id: sc}
    if sc.id not in ss.get(SELECTED, []) and len(ss.get(SELECTED, [])) < MAX:
        ss[SELECTED] = [*ss.get(SELECTED, []), sc.id]
    ss[MESSAGE] = ("success", f"Loaded **{sc.name}** from {fname}.")


def _delete(sid: str) -> None:
    custom = dict(ss[CUSTOM])
    sc = custom.pop(sid, None)
    ss[CUSTOM] = custom
    ss[SELECTED] = [s for s in ss.get(SELECTED, []) if s != sid]
    if sc is not None:
        ss[MESSAGE] = ("info", f"Removed **{sc.name}**.")


def _fmt_weights(weights: dict[str, float]) -> str:
    return " · ".join(f"{crit_names.get(c, c).split()[0]} {w:.3f}" for c, w in weights.items() if w > 0)


# ----- page -----
st.title("Scenarios")
st.info(
    "**The preset scenarios' weights are illustrative choices made by this project**, each motivated by a "
    "passage of the papers (quoted below), **not results of the paper**. Only the *Paper baseline* is the "
    "paper's: the criterion weights of Table 2 of paper 000. Every scenario is evaluated with the current "
    "model's judgments (reconstructed from Table 2, plus any edits you made).",
    icon=":material/info:",
)
if ss.get(MESSAGE):
    kind, text = ss[MESSAGE]
    {"success": st.success, "error": st.error}.get(kind, st.info)(text)
    ss[MESSAGE] = None

scenarios = _all()
options = list(scenarios)
ss.setdefault(SELECTED, ["baseline", "tariff_escalation", "trade_truce"])
_clean = [s for s in ss[SELECTED] if s in scenarios][:MAX] or ["baseline"]
if _clean != ss[SELECTED]:
    ss[SELECTED] = _clean
selected = st.multiselect(
    f"Scenarios to compare (up to {MAX}; the first is the reference for rank changes)",
    options,
    format_func=lambda s: scenarios[s].name + (" (yours)" if s in ss[CUSTOM] else ""),
    max_selections=MAX,
    key=SELECTED,
    persist_state="session",
)
if not selected:
    st.info("Choose at least one scenario.")
    st.stop()

chosen = [scenarios[s] for s in selected]
snames = {s.id: s.name for s in chosen}
try:
    compared = compare(model, chosen)
except ANPError as err:
    st.error(str(err))
    st.stop()

colors = figures.cluster_colors(model)
st.plotly_chart(
    whatif_figures.scenario_bars(compared, snames, names), key="sc_bars", config={"displaylogo": False}
)
if len(chosen) > 1:
    st.plotly_chart(
        whatif_figures.rank_bump(compared, snames, names, model.cluster_of, colors),
        key="sc_bump",
        config={"displaylogo": False},
    )
st.subheader("Rank changes")
st.caption(f"Rank under each scenario, and its move against **{chosen[0].name}** (▲2: two places up).")
ranks = scenario_ui.rank_change_display(compared, snames, names)
st.dataframe(ranks, hide_index=True, key="sc_rank_table", height=35 * len(ranks) + 40)

with st.expander("What each scenario assumes, and the passages behind it", expanded=False):
    for sc in chosen:
        tag = "the paper's weights" if not sc.illustrative else "illustrative weights"
        st.markdown(f"**{sc.name}** ({tag}): {_fmt_weights(dict(sc.criterion_weights))}")
        if sc.rationale:
            st.markdown(sc.rationale)
        for q in sc.sources:
            st.markdown(f"> {q.quote}\n>\n> — paper {q.paper}, section {q.section}")

# ----- one scenario: recommendations, apply, share, download -----
st.divider()
if ss.get(FOCUS) not in selected:
    ss[FOCUS] = selected[-1] if len(selected) > 1 else selected[0]
focus = st.selectbox(
    "Look at one scenario",
    selected,
    format_func=lambda s: scenarios[s].name,
    key=FOCUS,
    persist_state="session",
)
sc = scenarios[focus]
comp = compared[(focus, "composite")]
rk = compared[(focus, "rank")]
base_comp = compare(model, [s for s in _presets() if s.id == "baseline"])[("baseline", "composite")]

st.subheader(f"{sc.name}: the paper's recommendations and its top factors")
ss.setdefault("sc_top_k", 5)
top_k = st.columns([1, 2])[0].slider(
    "Top factors", min_value=3, max_value=10, key="sc_top_k", persist_state="session"
)
recs = scenario_ui.load_recommendations()
links = scenario_ui.recommendation_links(recs, comp, rk, names, top_k=top_k, baseline=base_comp)
covered: dict[str, list[str]] = {}
for rec in recs:
    for f in rec["factors"]:
        covered.setdefault(f["id"], []).append(
            f"{rec['section']}" + ("" if f["strength"] == "direct" else " (indirectly)")
        )
top_ids = list(comp.sort_values(ascending=False, kind="stable").index[:top_k])
lines = [
    f"{k}. **{names[f]}** (rank {int(rk[f])}, {comp[f]:.3f}): "
    + (
        f"recommendation {', '.join(covered[f])}"
        if f in covered
        else "*not addressed by any 4.2 recommendation*"
    )
    for k, f in enumerate(top_ids, start=1)
]
st.markdown("\n".join(lines))
cols = st.columns(2, gap="medium")
for k, (_, row) in enumerate(links.iterrows()):
    with cols[k % 2].container(border=True, key=f"sc_rec_{row['Section'].replace('.', '_')}"):
        st.markdown(f"**{row['Section']} {row['Recommendation']}**")
        st.caption(f"“{row['Quote']}” (paper 000, {row['Section']})")
        change = (
            "" if row["Change"] != row["Change"] else f" ({row['Change']:+.3f} against the paper baseline)"
        )
        st.markdown(
            f"Top-{top_k} factors it concerns: {row['Top factors']}  \n"
            f"Weight share of all the factors it concerns: **{row['Weight share']:.3f}**{change}"
        )
st.caption(
    "Links between recommendations and factors are this project's reading of section 4.2 (each link quotes the "
    "phrase it rests on, in data/paper/recommendations.json); *indirectly* marks a related measure rather "
    "than the factor itself."
)

st.subheader("Use, share or keep this scenario")
a1, a2 = st.columns([1, 1], gap="large")
with a1:
    st.button(
        f"Apply to sliders: {sc.name}",
        key="sc_apply",
        icon=":material/tune:",
        on_click=_apply,
        args=(focus,),
        type="primary",
        disabled=focus == CURRENT,
        help="Set the Weights page sliders to this scenario's weights (judgments are not changed).",
    )
    st.page_link("pages/weights.py", label="Open the Weights page", icon=":material/tune:")
    root = (st.context.url or "").rsplit("/", 1)[0] + "/"
    query = urlencode(url_state.encode(dict(sc.criterion_weights), sc.name))
    st.markdown("Link that opens these weights (Weights page):")
    st.code(f"{root}?{query}", language=None, wrap_lines=True)
with a2:
    st.download_button(
        "Download this scenario (JSON)",
        data=dump_scenario(sc if focus != CURRENT else sc.model_copy(update={"id": "my_scenario"})),
        file_name=f"{sc.id if focus != CURRENT else 'my_scenario'}.json",
        mime="application/json",
        on_click="ignore",
        icon=":material/download:",
        key="sc_download",
    )
    if focus in ss[CUSTOM]:
        st.button(
            "Remove this scenario", key="sc_delete", icon=":material/delete:", on_click=_delete, args=(focus,)
        )

s1, s2 = st.columns([1, 1], gap="large")
with s1, st.container(border=True):
    st.markdown("**Save the current sliders as a scenario**")
    st.caption(
        f"Current weights: {_fmt_weights(state.effective_weights())}. Judgment edits are not part of a scenario."
    )
    st.text_input("Scenario name", key=NEW_NAME, max_chars=80, placeholder="e.g. Tariffs at 145 %")
    st.button("Save scenario", key="sc_save", icon=":material/save:", on_click=_save)
with s2, st.container(border=True):
    st.markdown("**Upload a scenario (JSON)**")
    st.caption(
        "A file downloaded here, or written by hand in the same format (data/scenarios holds examples)."
    )
    st.file_uploader(
        "Scenario file",
        type=["json"],
        key=f"sc_upload:{ss[UPLOAD_NONCE]}",
        on_change=_upload,
        label_visibility="collapsed",
    )

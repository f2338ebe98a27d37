"""Scenarios page: the scenarios on offer and the callbacks that apply, save, upload or remove one.

Presets come from ``data/scenarios`` and are offered only when they fit the
current model (:func:`dashboard.scenario_ui.offered`); the user's own are
kept in session state. Every message is markdown with outside text escaped.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from anp_core import ANPError
from anp_core.scenarios import Scenario, load_scenario, load_scenarios
from dashboard import scenario_ui, state
from dashboard.sidebar import problems_markdown
from dashboard.text import plain

__all__ = ["CURRENT", "MAX", "all_scenarios", "apply", "delete", "presets", "save", "upload"]

#: Id of the pseudo-scenario "the sliders as they are".
CURRENT = "current"
#: At most this many scenarios are compared at once.
MAX = 4
SCENARIO_DIR = Path(__file__).resolve().parent.parent / "data" / "scenarios"


@st.cache_resource(show_spinner=False)
def presets() -> tuple[Scenario, ...]:
    """Return the preset scenarios of ``data/scenarios`` (frozen: one parsed copy for every session)."""
    return tuple(load_scenarios(SCENARIO_DIR))


def _current() -> Scenario:
    w = {c: v for c, v in state.effective_weights().items() if v > 0}
    label = st.session_state.get(state.SCENARIO) or "unnamed"
    return Scenario(
        id=CURRENT,
        name=f"Current sliders ({label})",
        rationale="The weights on the Weights page sliders right now.",
        illustrative=True,
        criterion_weights=w,
    )


def all_scenarios() -> dict[str, Scenario]:
    """Return every scenario on offer for the current model: data, the user's own that fit, the sliders."""
    model = state.current_model()
    out = {s.id: s for s in scenario_ui.offered(model, presets())}
    out.update({s.id: s for s in scenario_ui.fitting(model, st.session_state[state.SC_CUSTOM].values())})
    out[CURRENT] = _current()
    return out


def _taken() -> list[str]:
    return [s.id for s in presets()] + [scenario_ui.OWN] + list(st.session_state[state.SC_CUSTOM]) + [CURRENT]


def _fmt(weights: dict[str, float]) -> str:
    model = state.current_model()
    return " · ".join(f"{plain(model.label(c))} {w:.3f}" for c, w in weights.items() if w > 0)


def apply(sid: str) -> None:
    """Button callback: put scenario ``sid``'s weights on the sliders."""
    ss = st.session_state
    sc = all_scenarios().get(sid)
    if sc is None:
        return
    total = sum(sc.criterion_weights.values())
    weights = {c: w / total for c, w in sc.criterion_weights.items()}
    state.set_weights(weights, sc.name if sid != CURRENT else str(ss.get(state.SCENARIO) or state.CUSTOM))
    ss[state.SC_MESSAGE] = ("success", f"The sliders now hold **{plain(sc.name)}**: {_fmt(weights)}.")


def save() -> None:
    """Button callback: save the sliders as a scenario named in the text input."""
    ss = st.session_state
    try:
        sc = scenario_ui.scenario_from_weights(
            ss.get(state.SC_NEW_NAME, ""), state.criterion_weights(), _taken()
        )
    except ANPError as err:
        ss[state.SC_MESSAGE] = ("error", f"Not saved: {plain(err)}.")
        return
    ss[state.SC_CUSTOM] = {**ss[state.SC_CUSTOM], sc.id: sc}
    if len(ss.get(state.SC_SELECTED, [])) < MAX:
        ss[state.SC_SELECTED] = [*ss.get(state.SC_SELECTED, []), sc.id]
    ss[state.SC_FOCUS] = sc.id
    ss[state.SC_NEW_NAME] = ""
    ss[state.SC_MESSAGE] = ("success", f"Saved **{plain(sc.name)}** ({_fmt(dict(sc.criterion_weights))}).")


def upload() -> None:
    """Add an uploaded scenario file (uploader callback; validated, and checked against the model)."""
    ss = st.session_state
    key = state.scenario_uploader_key()
    file = ss.get(key)
    ss[state.SC_UPLOAD_NONCE] += 1  # a fresh, empty uploader after every attempt
    if file is None:
        return
    fname = str(getattr(file, "name", "upload"))
    try:
        sc = load_scenario(file.getvalue())
        sc.check_against(state.current_model())
    except ANPError as err:
        ss[state.SC_MESSAGE] = (
            "error",
            problems_markdown(f"**{plain(fname)}** was not loaded; your scenarios are unchanged.", err),
        )
        return
    if sc.id in {s.id for s in presets()} or sc.id in (CURRENT, scenario_ui.OWN):
        sc = sc.model_copy(update={"id": scenario_ui.slugify(sc.id, _taken())})
    ss[state.SC_CUSTOM] = {**ss[state.SC_CUSTOM], sc.id: sc}
    if sc.id not in ss.get(state.SC_SELECTED, []) and len(ss.get(state.SC_SELECTED, [])) < MAX:
        ss[state.SC_SELECTED] = [*ss.get(state.SC_SELECTED, []), sc.id]
    ss[state.SC_MESSAGE] = ("success", f"Loaded **{plain(sc.name)}** from {plain(fname)}.")


def delete(sid: str) -> None:
    """Button callback: remove one of the user's scenarios."""
    ss = st.session_state
    custom = dict(ss[state.SC_CUSTOM])
    sc = custom.pop(sid, None)
    ss[state.SC_CUSTOM] = custom
    ss[state.SC_SELECTED] = [s for s in ss.get(state.SC_SELECTED, []) if s != sid]
    if sc is not None:
        ss[state.SC_MESSAGE] = ("info", f"Removed **{plain(sc.name)}**.")


def default_selection(scenarios: dict[str, Scenario]) -> list[str]:
    """Return the scenarios compared when the page opens: up to three on offer from data, else one and the sliders."""
    data = [s for s in scenarios if s not in (CURRENT,) and s not in st.session_state[state.SC_CUSTOM]]
    return data[:3] if len(data) > 1 else [*data[:1], CURRENT]

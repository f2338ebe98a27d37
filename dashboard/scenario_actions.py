"""Scenarios page: the scenarios on offer and the callbacks that apply, save, upload or remove one.

Presets come from ``data/scenarios`` and are offered only when they fit the
current model (:func:`dashboard.scenario_ui.offered`); the user's own are
kept in session state, with the judgment edits they were saved with
(``overrides``, :mod:`dashboard.scenario_link`). Applying a scenario with
overrides makes the model the opened one plus them (undoable). Every message
is markdown with outside text escaped, in the page's language.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from anp_core import ANPError
from anp_core.scenarios import Scenario, load_scenario, load_scenarios
from dashboard import scenario_ui, state
from dashboard.scenario_link import JudgmentDiff, judgment_diff
from dashboard.sidebar import problems_markdown
from dashboard.text import current_language, gettext, plain

__all__ = [
    "CURRENT",
    "MAX",
    "all_scenarios",
    "apply",
    "delete",
    "diff",
    "effective",
    "presets",
    "save",
    "upload",
]

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
    _ = gettext()
    w = {c: v for c, v in state.effective_weights().items() if v > 0}
    label = st.session_state.get(state.SCENARIO) or _("unnamed")
    return Scenario(
        id=CURRENT,
        name=_("Current sliders ({label})").format(label=label),
        rationale=_("The weights on the Weights page sliders right now, with the current judgments."),
        illustrative=True,
        criterion_weights=w,
    )


def all_scenarios() -> dict[str, Scenario]:
    """Return every scenario on offer for the current model: data, the user's own that fit, the sliders."""
    _ = gettext()
    model = state.current_model()
    out = {
        s.id: s
        for s in scenario_ui.offered(
            model, presets(), own_name=_("Model's own weights"), own_rationale=_(scenario_ui.OWN_RATIONALE)
        )
    }
    custom = st.session_state[state.SC_CUSTOM].values()
    out.update({s.id: s for s in scenario_ui.fitting(model, custom, baseline=state.baseline_model())})
    out[CURRENT] = _current()
    return out


def diff() -> JudgmentDiff:
    """Return the judgment edits of the session (current model against the one opened)."""
    return judgment_diff(state.baseline_model(), state.current_model())


def effective(sc: Scenario) -> scenario_ui.Effective:
    """Return what scenario ``sc`` is evaluated as on the page (:func:`dashboard.scenario_ui.effective`)."""
    return scenario_ui.effective(sc, state.baseline_model(), state.current_model(), diff())


def _taken() -> list[str]:
    return [s.id for s in presets()] + [scenario_ui.OWN] + list(st.session_state[state.SC_CUSTOM]) + [CURRENT]


def _fmt(weights: dict[str, float]) -> str:
    model = state.current_model()
    return " · ".join(f"{plain(model.label(c))} {w:.3f}" for c, w in weights.items() if w > 0)


def apply(sid: str) -> None:
    """Button callback: put scenario ``sid``'s weights on the sliders, and its judgments into the model.

    A scenario with judgment overrides makes the model the opened one plus
    those overrides (one undoable edit); one without leaves the judgments
    as they are.
    """
    _ = gettext()
    ss = st.session_state
    sc = all_scenarios().get(sid)
    if sc is None:
        return
    n = len(sc.overrides)
    if n:
        try:
            new = state.baseline_model().with_comparisons(list(sc.overrides))
        except ANPError as err:
            ss[state.SC_MESSAGE] = ("error", _("Not applied: {error}").format(error=plain(err)))
            return
        if new.fingerprint != state.current_model().fingerprint:
            state.replace_model(new)
    total = sum(sc.criterion_weights.values())
    weights = {c: w / total for c, w in sc.criterion_weights.items()}
    name = sc.name_in(current_language())
    state.set_weights(weights, name if sid != CURRENT else str(ss.get(state.SCENARIO) or state.CUSTOM))
    text = _("The sliders now hold **{name}**: {weights}.").format(name=plain(name), weights=_fmt(weights))
    if n:
        text += " " + _.ngettext(
            "Its {n} judgment matrix replaces the opened model's (**Undo** in the sidebar goes back).",
            "Its {n} judgment matrices replace the opened model's (**Undo** in the sidebar goes back).",
            n,
        ).format(n=n)
    ss[state.SC_MESSAGE] = ("success", text)


def save() -> None:
    """Button callback: save the sliders (and, if asked, the judgment edits) as a scenario named in the text input."""
    _ = gettext()
    ss = st.session_state
    edits = diff() if ss.get(state.SC_WITH_JUDGMENTS) else None
    try:
        sc = scenario_ui.scenario_from_weights(
            ss.get(state.SC_NEW_NAME, ""),
            state.criterion_weights(),
            _taken(),
            note=_("Saved from the dashboard: a user choice, not a result of the model's source."),
            overrides=edits.overrides if edits is not None else (),
        )
    except ANPError as err:
        ss[state.SC_MESSAGE] = ("error", _("Not saved: {error}.").format(error=plain(err)))
        return
    ss[state.SC_CUSTOM] = {**ss[state.SC_CUSTOM], sc.id: sc}
    if len(ss.get(state.SC_SELECTED, [])) < MAX:
        ss[state.SC_SELECTED] = [*ss.get(state.SC_SELECTED, []), sc.id]
    ss[state.SC_FOCUS] = sc.id
    ss[state.SC_NEW_NAME] = ""
    text = _("Saved **{name}** ({weights}).").format(
        name=plain(sc.name), weights=_fmt(dict(sc.criterion_weights))
    )
    if sc.overrides:
        text += " " + _.ngettext(
            "It carries {n} edited judgment matrix.",
            "It carries {n} edited judgment matrices.",
            len(sc.overrides),
        ).format(n=len(sc.overrides))
    if edits is not None and edits.removed:
        text += " " + _.ngettext(
            "{n} removed comparison cannot be part of a scenario; it is not in it.",
            "{n} removed comparisons cannot be part of a scenario; they are not in it.",
            len(edits.removed),
        ).format(n=len(edits.removed))
    ss[state.SC_MESSAGE] = ("success", text)


def upload() -> None:
    """Add an uploaded scenario file (uploader callback; validated, and checked against the model)."""
    _ = gettext()
    ss = st.session_state
    key = state.scenario_uploader_key()
    file = ss.get(key)
    ss[state.SC_UPLOAD_NONCE] += 1  # a fresh, empty uploader after every attempt
    if file is None:
        return
    fname = str(getattr(file, "name", "upload"))
    try:
        sc = load_scenario(file.getvalue())
        sc.check_against(state.baseline_model() if sc.overrides else state.current_model())
    except ANPError as err:
        ss[state.SC_MESSAGE] = (
            "error",
            problems_markdown(
                _("**{file}** was not loaded; your scenarios are unchanged.").format(file=plain(fname)), err
            ),
        )
        return
    if sc.id in {s.id for s in presets()} or sc.id in (CURRENT, scenario_ui.OWN):
        sc = sc.model_copy(update={"id": scenario_ui.slugify(sc.id, _taken())})
    ss[state.SC_CUSTOM] = {**ss[state.SC_CUSTOM], sc.id: sc}
    if sc.id not in ss.get(state.SC_SELECTED, []) and len(ss.get(state.SC_SELECTED, [])) < MAX:
        ss[state.SC_SELECTED] = [*ss.get(state.SC_SELECTED, []), sc.id]
    ss[state.SC_MESSAGE] = (
        "success",
        _("Loaded **{name}** from {file}.").format(
            name=plain(sc.name_in(current_language())), file=plain(fname)
        ),
    )


def delete(sid: str) -> None:
    """Button callback: remove one of the user's scenarios."""
    _ = gettext()
    ss = st.session_state
    custom = dict(ss[state.SC_CUSTOM])
    sc = custom.pop(sid, None)
    ss[state.SC_CUSTOM] = custom
    ss[state.SC_SELECTED] = [s for s in ss.get(state.SC_SELECTED, []) if s != sid]
    if sc is not None:
        ss[state.SC_MESSAGE] = (
            "info",
            _("Removed **{name}**.").format(name=plain(sc.name_in(current_language()))),
        )


def default_selection(scenarios: dict[str, Scenario]) -> list[str]:
    """Return the scenarios compared when the page opens: up to three on offer from data, else one and the sliders."""
    data = [s for s in scenarios if s not in (CURRENT,) and s not in st.session_state[state.SC_CUSTOM]]
    return data[:3] if len(data) > 1 else [*data[:1], CURRENT]

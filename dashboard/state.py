"""Session-state keys and the few functions that read or change them.

Keys (all in ``st.session_state``):

``model``        the current, edited :class:`anp_core.Model` (frozen)
``model_key``    content hash of ``model`` (cache key for st.cache_data)
``baseline``     the model as loaded (the paper's, or an upload): "reset" returns here
``model_source`` where ``baseline`` came from (file name), shown in the sidebar
``model_rev``    int bumped on reset, undo or upload: part of editor widget keys
``undo``         list of previous models (most recent last)
``scenario``     name of the active scenario
``w_<criterion>`` slider values (0..1); ``use_geo`` adds natural geography
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import streamlit as st

from anp_core import Model, dump_model, load_model

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MODEL_PATH = ROOT / "data" / "models" / "cbec_trade_war.json"
GEO = "natural_geography"
UNDO_LIMIT = 50

MODEL = "model"
MODEL_KEY = "model_key"
BASELINE = "baseline"
MODEL_SOURCE = "model_source"
MODEL_REV = "model_rev"
UNDO = "undo"
SCENARIO = "scenario"
USE_GEO = "use_geo"


def weight_key(criterion: str) -> str:
    """Session-state key of a criterion's slider."""
    return f"w_{criterion}"


@st.cache_data(show_spinner=False)
def _bundled_model_text() -> str:
    return DEFAULT_MODEL_PATH.read_text(encoding="utf-8")


def model_hash(model: Model) -> str:
    """Content hash of a model (same content, same hash)."""
    return hashlib.sha256(dump_model(model).encode()).hexdigest()[:16]


def init() -> None:
    """Initialise every key once per session (idempotent)."""
    ss = st.session_state
    if BASELINE not in ss:
        base = load_model(_bundled_model_text())
        ss[BASELINE] = base
        ss[MODEL_SOURCE] = f"{DEFAULT_MODEL_PATH.name} (paper 000, bundled)"
    if MODEL not in ss:
        _set_model(ss[BASELINE])
    ss.setdefault(MODEL_REV, 0)
    ss.setdefault(UNDO, [])
    ss.setdefault(SCENARIO, "Paper baseline")
    ss.setdefault(USE_GEO, False)
    seed_weights(paper_weights(ss[BASELINE]), only_missing=True)


def _set_model(model: Model) -> None:
    st.session_state[MODEL] = model
    st.session_state[MODEL_KEY] = model_hash(model)


def current_model() -> Model:
    """Return the model the user is working on (with every edit applied)."""
    return st.session_state[MODEL]


def paper_weights(model: Model) -> dict[str, float]:
    """Criterion weights from the model's criteria comparison."""
    from anp_core.evaluate import resolve_weights

    return resolve_weights(model, None)


def seed_weights(weights: dict[str, float], *, only_missing: bool = False) -> None:
    """Write slider values (rounded to the 0.01 slider step is NOT done: exact)."""
    ss = st.session_state
    model = ss[MODEL]
    for c in model.networked_criteria:
        key = weight_key(c)
        if only_missing and key in ss:
            continue
        ss[key] = float(weights.get(c, 0.0))


def active_criteria() -> list[str]:
    """Criteria with a slider: the control layer, plus natural geography if toggled."""
    model = current_model()
    crit = list(model.control_criteria)
    if st.session_state.get(USE_GEO) and GEO in model.networked_criteria and GEO not in crit:
        crit.append(GEO)
    return crit


def criterion_weights() -> dict[str, float]:
    """Return the current slider values of the active criteria (not renormalised)."""
    ss = st.session_state
    return {c: float(ss.get(weight_key(c), 0.0)) for c in active_criteria()}


def replace_model(model: Model, *, record_undo: bool = True) -> None:
    """Make ``model`` current (an edit); the previous one goes on the undo stack."""
    ss = st.session_state
    if record_undo:
        ss[UNDO] = [*ss[UNDO], ss[MODEL]][-UNDO_LIMIT:]
    _set_model(model)


def undo() -> None:
    """Go back one edit."""
    ss = st.session_state
    if ss[UNDO]:
        *rest, last = ss[UNDO]
        ss[UNDO] = rest
        _set_model(last)
        ss[MODEL_REV] += 1


def reset_to_baseline() -> None:
    """Drop every edit: the loaded model and its own weights come back."""
    ss = st.session_state
    _set_model(ss[BASELINE])
    ss[UNDO] = []
    ss[MODEL_REV] += 1
    ss[USE_GEO] = False
    ss[SCENARIO] = "Paper baseline" if ss[BASELINE].id == "cbec_trade_war" else "Model baseline"
    seed_weights(paper_weights(ss[BASELINE]))


def load_new_baseline(model: Model, source: str) -> None:
    """Adopt an uploaded model as the new baseline (after validation)."""
    ss = st.session_state
    ss[BASELINE] = model
    ss[MODEL_SOURCE] = source
    reset_to_baseline()
    ss[SCENARIO] = "Uploaded model"

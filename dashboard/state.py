"""Session-state keys and the few functions that read or change them.

Keys (all in ``st.session_state``):

``model``        the current, edited :class:`anp_core.Model` (frozen)
``model_key``    content hash of ``model`` (cache key for st.cache_data)
``baseline``     the model as loaded (the paper's, or an upload): "reset" returns here
``model_source`` where ``baseline`` came from (file name), shown in the sidebar
``model_rev``    int bumped on reset, undo or upload: part of editor widget keys
``undo``         list of previous models (most recent last)
``scenario``     name of the active scenario (a text input in the sidebar)
``w_<criterion>`` slider values (0..1); ``use_geo`` adds natural geography
``edit_nonce``   int bumped after every judgment edit attempt (part of editor keys,
                 so a rejected edit never lingers in a widget)
``edit_message`` ``(kind, text)`` left by the last judgment edit for the page to show
``upload_error`` text of the last rejected upload (shown in the sidebar), or None
``upload_nonce`` int bumped after every upload attempt (clears the uploader)
``ri_table``     id of the random-index table used for CR (see ``anp_core.RI_TABLES``)
``j_kind``, ``j_criterion``, ``j_cluster``, ``j_wrt``
                 the matrix picked on the Judgments page

Widgets that own a key are seeded here with ``setdefault``-like logic and drawn
without ``value=`` (STYLE.md 3.2). Cross-widget updates (rescaling the other
sliders, the geography toggle) happen in callbacks defined here.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from anp_core import DEFAULT_RI_TABLE, Model, load_model

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
EDIT_NONCE = "edit_nonce"
EDIT_MESSAGE = "edit_message"
UPLOAD_ERROR = "upload_error"
UPLOAD_NONCE = "upload_nonce"
RI_TABLE = "ri_table"
J_KIND = "j_kind"
J_CRITERION = "j_criterion"
J_CLUSTER = "j_cluster"
J_WRT = "j_wrt"

PAPER_SCENARIO = "Paper baseline"
WEIGHT_DECIMALS = 3


def weight_key(criterion: str) -> str:
    """Session-state key of a criterion's slider (also its URL parameter name)."""
    return f"w_{criterion}"


@st.cache_data(show_spinner=False)
def _bundled_model_text() -> str:
    return DEFAULT_MODEL_PATH.read_text(encoding="utf-8")


@st.cache_resource(show_spinner=False)
def _bundled_model() -> Model:
    # Models are frozen, so one parsed instance can be shared by all sessions
    # (and its cached lookups are computed once).
    return load_model(_bundled_model_text())


def model_hash(model: Model) -> str:
    """Content fingerprint of a model (same content, same key; computed once per model)."""
    return model.fingerprint


def init() -> None:
    """Initialise every key once per session (idempotent, cheap on reruns)."""
    ss = st.session_state
    if BASELINE not in ss:
        ss[BASELINE] = _bundled_model()
        ss[MODEL_SOURCE] = f"{DEFAULT_MODEL_PATH.name} (paper 000, bundled)"
    if MODEL not in ss:
        _set_model(ss[BASELINE])
    ss.setdefault(MODEL_REV, 0)
    ss.setdefault(UNDO, [])
    ss.setdefault(SCENARIO, PAPER_SCENARIO)
    ss.setdefault(USE_GEO, False)
    ss.setdefault(EDIT_NONCE, 0)
    ss.setdefault(UPLOAD_NONCE, 0)
    ss.setdefault(UPLOAD_ERROR, None)
    ss.setdefault(RI_TABLE, DEFAULT_RI_TABLE)
    model = ss[MODEL]
    if not any(weight_key(c) in ss for c in model.networked_criteria):
        from_url = url_weights(model)
        if from_url:
            seed_weights(from_url)
            ss[USE_GEO] = from_url.get(GEO, 0.0) > 0
    seed_weights(paper_weights(ss[BASELINE]), only_missing=True)


def url_weights(model: Model) -> dict[str, float]:
    """Return the criterion weights a shared URL carries (``?w_political=0.3``), or ``{}``.

    The sliders are bound to the URL, which lists only sliders away from
    their default of 0: so when the URL names any weight, the criteria it
    does not name are at 0. Values that are not numbers in [0, 1] are
    ignored (as the bound slider ignores them); with no valid value the URL
    carries no weights and the paper's apply.
    """
    given: dict[str, float] = {}
    for c in model.networked_criteria:
        raw = st.query_params.get(weight_key(c))
        if raw is None:
            continue
        try:
            v = float(raw)
        except (TypeError, ValueError):
            continue
        if 0.0 <= v <= 1.0:
            given[c] = v
    if not given:
        return {}
    return {c: given.get(c, 0.0) for c in model.networked_criteria}


def _set_model(model: Model) -> None:
    st.session_state[MODEL] = model
    st.session_state[MODEL_KEY] = model_hash(model)


def current_model() -> Model:
    """Return the model the user is working on (with every edit applied)."""
    return st.session_state[MODEL]


def baseline_model() -> Model:
    """Return the model as loaded (the paper's, or the last upload)."""
    return st.session_state[BASELINE]


def paper_weights(model: Model) -> dict[str, float]:
    """Criterion weights from the model's criteria comparison."""
    from anp_core.evaluate import resolve_weights

    return resolve_weights(model, None)


def seed_weights(weights: dict[str, float], *, only_missing: bool = False) -> None:
    """Write slider values, exactly (not rounded to the 0.01 slider step).

    Every networked criterion gets a key; criteria absent from ``weights``
    (natural geography) get 0.
    """
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


def effective_weights() -> dict[str, float]:
    """Return the active criteria's weights renormalised to sum 1 (what is computed).

    If every slider is at 0 the criteria weigh equally (the same rule the
    rescaling callback uses), so the page never has nothing to show.
    """
    w = criterion_weights()
    total = sum(w.values())
    if total <= 0:
        return {c: 1.0 / len(w) for c in w}
    return {c: v / total for c, v in w.items()}


def rescale_others(changed: str) -> None:
    """Slider callback: rescale the other active sliders so all sum to 1.

    The moved slider keeps its new value ``x``; the others share ``1 - x`` in
    proportion to their current values (equally if they are all 0). Shares
    are rounded to 3 decimals (the paper's precision, and short URLs); the
    largest one absorbs the rounding remainder, so the sum stays 1.
    """
    ss = st.session_state
    names = active_criteria()
    x = min(max(float(ss.get(weight_key(changed), 0.0)), 0.0), 1.0)
    others = [n for n in names if n != changed]
    if not others:
        ss[weight_key(changed)] = 1.0
        return
    rest = 1.0 - x
    current = {n: max(float(ss.get(weight_key(n), 0.0)), 0.0) for n in others}
    total = sum(current.values())
    new = {
        n: round(rest * (current[n] / total if total > 0 else 1.0 / len(others)), WEIGHT_DECIMALS)
        for n in others
    }
    biggest = max(others, key=lambda n: new[n])
    new[biggest] = max(round(rest - sum(v for n, v in new.items() if n != biggest), 12), 0.0)
    for n, v in new.items():
        ss[weight_key(n)] = v


def on_geo_toggle() -> None:
    """Toggle callback: natural geography enters at weight 0 or leaves.

    Switching it on sets its weight to 0 (the paper excludes it), so nothing
    changes until the user moves its slider. Switching it off drops its
    weight and rescales the control criteria back to a sum of 1.
    """
    ss = st.session_state
    ss[weight_key(GEO)] = 0.0
    if not ss.get(USE_GEO):
        control = list(current_model().control_criteria)
        total = sum(float(ss.get(weight_key(c), 0.0)) for c in control)
        for c in control:
            v = float(ss.get(weight_key(c), 0.0))
            ss[weight_key(c)] = v / total if total > 0 else 1.0 / len(control)


def reset_weights() -> None:
    """Put the sliders back to the baseline model's own weights (keeps judgments)."""
    ss = st.session_state
    ss[USE_GEO] = False
    seed_weights(paper_weights(ss[BASELINE]))


def _follow_criteria_comparison(old: Model, new: Model) -> None:
    # The sliders start from the criteria comparison: when an edit (or an undo)
    # changes that comparison, the sliders follow its new priorities.
    if old.criteria_comparison != new.criteria_comparison:
        seed_weights(paper_weights(new))


def replace_model(model: Model, *, record_undo: bool = True) -> None:
    """Make ``model`` current (an edit); the previous one goes on the undo stack.

    Call it from a callback or before the Weights sliders are drawn: an edit
    of the criteria comparison also moves the criterion sliders.
    """
    ss = st.session_state
    old = ss[MODEL]
    if record_undo:
        ss[UNDO] = [*ss[UNDO], old][-UNDO_LIMIT:]
    _set_model(model)
    ss[EDIT_NONCE] = ss.get(EDIT_NONCE, 0) + 1
    _follow_criteria_comparison(old, model)


def undo() -> None:
    """Go back one edit."""
    ss = st.session_state
    if ss[UNDO]:
        *rest, last = ss[UNDO]
        ss[UNDO] = rest
        old = ss[MODEL]
        _set_model(last)
        ss[MODEL_REV] += 1
        _follow_criteria_comparison(old, last)


def reset_to_baseline() -> None:
    """Drop every edit: the loaded model and its own weights come back."""
    ss = st.session_state
    _set_model(ss[BASELINE])
    ss[UNDO] = []
    ss[MODEL_REV] += 1
    ss[USE_GEO] = False
    ss[EDIT_MESSAGE] = None
    ss[SCENARIO] = PAPER_SCENARIO if ss[BASELINE].id == "cbec_trade_war" else "Model baseline"
    seed_weights(paper_weights(ss[BASELINE]))


def load_new_baseline(model: Model, source: str) -> None:
    """Adopt an uploaded model as the new baseline (after validation)."""
    ss = st.session_state
    ss[BASELINE] = model
    ss[MODEL_SOURCE] = source
    # Drop slider values of criteria the previous model had, then reseed.
    for key in [k for k in ss if str(k).startswith("w_")]:
        if key[2:] not in model.criterion_by_id:
            del ss[key]
    for key in (J_KIND, J_CRITERION, J_CLUSTER, J_WRT):
        ss.pop(key, None)
    reset_to_baseline()
    ss[SCENARIO] = "Uploaded model"

"""Every session-state key of the dashboard, and the functions that read or change them.

Keys (all in ``st.session_state``); pages and modules use these constants only:

Model and edits
    ``model`` the current, edited :class:`anp_core.Model` (frozen);
    ``baseline`` the model as opened (reset returns here); ``model_source``
    where it came from (shown in the sidebar); ``model_error`` why the
    ``ANP_MODEL`` file could not be opened (its path and the refused
    :class:`~dashboard.model_source.Opened`), or None; ``model_rev`` int bumped on
    reset, undo or upload (part of editor keys); ``undo`` previous models;
    ``edit_nonce`` bumped after every judgment edit attempt; ``edit_message``
    ``(kind, text)`` of the last edit; ``upload_error`` text of the last
    rejected upload; ``upload_nonce`` bumped after every upload attempt.
Weights and scenario
    ``w_<criterion>`` slider values (URL-bound); ``use_<criterion>`` switches a
    criterion outside the control layer on; ``scenario`` the name shown in the
    sidebar; ``scenario_weights`` the weights that name stands for (moving a
    slider away from them makes the name ``Custom``).
URL
    ``url_applied`` the link of this session has been read;
    ``url_message`` why a link's weights or judgments were refused, or None;
    ``url_note`` what a link's judgments changed, or None; ``url_judgments``
    the ``j`` parameter of the current edits, kept per pair of models.
Pages
    ``j_*`` (Judgments), ``ri_table``, ``sens_*`` (Sensitivity), ``mc_*`` and
    ``smaa_*`` (Uncertainty; ``*_job`` a background run,
    :mod:`dashboard.uncertainty_jobs`), ``sc_*`` and ``h2h_*`` (Scenarios),
    ``sm_*`` (Supermatrix), ``eco_*`` (Ecosystem); see the constants below.

Widgets that own a key are seeded here (:func:`init`, ``setdefault``) and drawn
without ``value=`` (STYLE.md 3.2). Cross-widget updates happen in callbacks
defined here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitAPIException

from anp_core import DEFAULT_RI_TABLE, Model, budget, load_model
from anp_core.evaluate import resolve_weights
from anp_core.montecarlo import DEFAULT_DRAWS, DEFAULT_SEED, DEFAULT_SPREAD
from dashboard import model_source
from dashboard.model_source import DEFAULT_MODEL_PATH, Opened

__all__ = ["DEFAULT_MODEL_PATH"]

UNDO_LIMIT = 50
WEIGHT_DECIMALS = 3
#: Scenario name of the model's own criterion weights.
OWN_WEIGHTS = "Model's own weights"
#: Scenario name once the sliders leave the named scenario.
CUSTOM = "Custom"

# ----- model and edits
MODEL = "model"
BASELINE = "baseline"
MODEL_SOURCE = "model_source"
MODEL_ERROR = "model_error"
MODEL_REV = "model_rev"
UNDO = "undo"
EDIT_NONCE = "edit_nonce"
EDIT_MESSAGE = "edit_message"
UPLOAD_ERROR = "upload_error"
UPLOAD_NONCE = "upload_nonce"
# ----- weights and scenario
SCENARIO = "scenario"
SCENARIO_WEIGHTS = "scenario_weights"
SCENARIO_PENDING = "scenario_pending"
# ----- URL
URL_APPLIED = "url_applied"
URL_MESSAGE = "url_message"
URL_NOTE = "url_note"
URL_JUDGMENTS = "url_judgments"
# ----- Judgments page
RI_TABLE = "ri_table"
J_KIND = "j_kind"
J_CRITERION = "j_criterion"
J_CLUSTER = "j_cluster"
J_WRT = "j_wrt"
J_PAIR_ROW = "j_pair_row"
J_PAIR_COL = "j_pair_col"
# ----- Sensitivity page
SENS_CRITERION = "sens_criterion"
SENS_DELTA = "sens_delta"
SENS_TOP_N = "sens_top_n"
# ----- Uncertainty page
MC_RESULTS = "mc_results"
MC_LAST = "mc_last_key"
MC_SPREAD = "mc_spread"
MC_DRAWS = "mc_draws"
MC_SEED = "mc_seed"
MC_DISTRIBUTION = "mc_distribution"
MC_WEIGHTS_MODE = "mc_weights_mode"
MC_VARY = "mc_vary_weights"
MC_CONCENTRATION = "mc_concentration"
MC_BUDGET = "mc_time_budget"
MC_JOB = "mc_job"
# ----- Uncertainty page, SMAA section
SMAA_RESULTS = "smaa_results"
SMAA_LAST = "smaa_last_key"
SMAA_JOB = "smaa_job"
SMAA_DRAWS = "smaa_draws"
SMAA_SEED = "smaa_seed"
SMAA_SPREAD = "smaa_spread"
SMAA_BUDGET = "smaa_time_budget"
SMAA_CONSTRAINT = "smaa_constraint"
SMAA_ORDER = "smaa_order"
SMAA_INTERVAL = "smaa_iv"  # one range slider per criterion: smaa_iv_<criterion>
# ----- Scenarios page
SC_CUSTOM = "sc_custom"
SC_SELECTED = "sc_selected"
SC_FOCUS = "sc_focus"
SC_NEW_NAME = "sc_new_name"
SC_UPLOAD_NONCE = "sc_upload_nonce"
SC_MESSAGE = "sc_message"
SC_TOP_K = "sc_top_k"
SC_WITH_JUDGMENTS = "sc_with_judgments"
SC_LINK = "sc_link"
SC_FIGURES = "sc_figures"  # the page's last charts, by a digest of what they show
# ----- Scenarios page, head-to-head
H2H_MODE = "h2h_mode"
H2H_A = "h2h_a"
H2H_B = "h2h_b"
H2H_SA = "h2h_sa"
H2H_SB = "h2h_sb"
H2H_FACTOR = "h2h_factor"
# ----- Supermatrix page
SM_MODEL = "sm_model"
SM_CRITERION = "sm_criterion"
SM_VALUES = "sm_show_values"
# ----- Ecosystem page
ECO_CRITERION = "eco_criterion"

#: Longest run the Uncertainty page allows (seconds): the engine's budget, or 10 minutes without one.
MAX_RUN_SECONDS = int(budget.current().monte_carlo_seconds or 600)

#: Defaults of the page widgets, seeded once per session.
WIDGET_DEFAULTS: dict[str, Any] = {
    SENS_DELTA: 0.1,
    SENS_TOP_N: 5,
    MC_SPREAD: float(DEFAULT_SPREAD),
    MC_DRAWS: int(DEFAULT_DRAWS),
    MC_SEED: int(DEFAULT_SEED),
    MC_DISTRIBUTION: "loguniform",
    MC_WEIGHTS_MODE: "sliders",
    MC_VARY: False,
    MC_CONCENTRATION: 100.0,
    MC_BUDGET: min(60, MAX_RUN_SECONDS),
    SMAA_DRAWS: 10_000,
    SMAA_SEED: int(DEFAULT_SEED),
    SMAA_SPREAD: float(DEFAULT_SPREAD),
    SMAA_BUDGET: min(60, MAX_RUN_SECONDS),
    SMAA_CONSTRAINT: "none",
    SC_WITH_JUDGMENTS: True,
    SC_TOP_K: 5,
    SM_VALUES: True,
}


def weight_key(criterion: str) -> str:
    """Session-state key of a criterion's slider (also its URL parameter name)."""
    return f"w_{criterion}"


def extra_key(criterion: str) -> str:
    """Key of the switch that adds a criterion outside the control layer."""
    return f"use_{criterion}"


def eco_weight_key(criterion: str) -> str:
    """Key of the Ecosystem page's copy of a criterion slider."""
    return f"eco_w_{criterion}"


def pair_key(matrix_id: str, i: int, j: int, token: str) -> str:
    """Key of the Judgments page's slider for pair ``(i, j)`` of a matrix."""
    return f"pair:{matrix_id}:{i}:{j}:{token}"


def editor_key(matrix_id: str, token: str) -> str:
    """Key of the Judgments page's matrix editor."""
    return f"matrix:{matrix_id}:{token}"


def uploader_key() -> str:
    """Key of the sidebar's file uploader (changes after each upload attempt)."""
    return f"upload:{st.session_state[UPLOAD_NONCE]}"


def scenario_uploader_key() -> str:
    """Key of the Scenarios page's file uploader (changes after each upload attempt)."""
    return f"sc_upload:{st.session_state[SC_UPLOAD_NONCE]}"


# --------------------------------------------------------------------------- models


@st.cache_resource(show_spinner=False, max_entries=16)
def _opened(stamp: tuple[str, int, int], source: str) -> Opened:
    # Keyed by path, size and mtime: a changed file is read again. Models are
    # frozen, so one parsed instance serves every session.
    return model_source.read_model_file(stamp[0], source)


def open_file(path: Path, source: str | None = None) -> Opened:
    """Return the model in ``path`` (cached by file content stamp; never raises)."""
    return _opened(model_source.file_stamp(path), source or path.name)


def example_models() -> list[tuple[Path, Opened]]:
    """Return the example model files (``data/models/examples`` or ``ANP_EXAMPLES``), each opened (cached)."""
    return [(p, open_file(p, f"{p.name} (example)")) for p in model_source.example_files()]


@st.cache_resource(show_spinner=False)
def _bundled() -> Model:
    return load_model(DEFAULT_MODEL_PATH)


def startup() -> tuple[Model, str, tuple[str, Opened] | None]:
    """Return the model to open on, its sidebar label and why ``ANP_MODEL`` was not opened (or None).

    The file named by ``ANP_MODEL`` if it opens; otherwise the bundled model,
    with the file's path and its refusal (:class:`~dashboard.model_source.Opened`,
    whose problems the sidebar shows in the page's language; outside text:
    the caller escapes it).
    """
    path = model_source.startup_path()
    bundled_label = f"{DEFAULT_MODEL_PATH.name} (bundled)"
    if path is None:
        return _bundled(), bundled_label, None
    opened = open_file(path, f"{path.name} ({model_source.MODEL_ENV})")
    if opened.model is None:
        return _bundled(), bundled_label, (str(path), opened)
    return opened.model, opened.source, None


def init() -> None:
    """Initialise every key once per session (idempotent, cheap on reruns)."""
    ss = st.session_state
    if BASELINE not in ss:
        model, source, error = startup()
        ss[BASELINE] = model
        ss[MODEL_SOURCE] = source
        ss[MODEL_ERROR] = error
    if MODEL not in ss:
        ss[MODEL] = ss[BASELINE]
    ss.setdefault(MODEL_REV, 0)
    ss.setdefault(UNDO, [])
    ss.setdefault(EDIT_NONCE, 0)
    ss.setdefault(UPLOAD_NONCE, 0)
    ss.setdefault(UPLOAD_ERROR, None)
    ss.setdefault(RI_TABLE, DEFAULT_RI_TABLE)
    ss.setdefault(URL_MESSAGE, None)
    ss.setdefault(SC_CUSTOM, {})
    ss.setdefault(SC_UPLOAD_NONCE, 0)
    ss.setdefault(SC_MESSAGE, None)
    ss.setdefault(MC_RESULTS, {})
    ss.setdefault(SMAA_RESULTS, {})
    ss.setdefault(URL_NOTE, None)
    for key, value in WIDGET_DEFAULTS.items():
        ss.setdefault(key, value)
    if SCENARIO not in ss:
        ss[SCENARIO] = OWN_WEIGHTS
        ss[SCENARIO_WEIGHTS] = own_weights(ss[BASELINE])
    if SCENARIO_PENDING in ss:
        ss[SCENARIO] = ss.pop(SCENARIO_PENDING)
    seed_weights(own_weights(ss[BASELINE]), only_missing=True)


def keep_choice(key: str, options: list[Any] | tuple[Any, ...]) -> Any:
    """Make the widget key ``key`` hold one of ``options`` (the first if it holds none); return it.

    Call before the widget is drawn (a model change can remove the option a
    selectbox held).
    """
    ss = st.session_state
    if ss.get(key) not in options and options:
        ss[key] = options[0]
    return ss.get(key)


def current_model() -> Model:
    """Return the model the user is working on (with every edit applied)."""
    return st.session_state[MODEL]


def baseline_model() -> Model:
    """Return the model as opened (the bundled one, ``ANP_MODEL``'s or the last upload)."""
    return st.session_state[BASELINE]


def is_edited() -> bool:
    """Return whether the current model differs from the baseline."""
    model, base = current_model(), baseline_model()
    return model is not base and model.fingerprint != base.fingerprint


def own_weights(model: Model) -> dict[str, float]:
    """Criterion weights from the model's criteria comparison."""
    return resolve_weights(model, None)


def extra_criteria(model: Model) -> list[str]:
    """Criteria outside the control layer that have a network (they can be switched on)."""
    control = set(model.control_criteria)
    return [c for c in model.networked_criteria if c not in control]


def seed_weights(weights: Mapping[str, float], *, only_missing: bool = False) -> None:
    """Write slider values, exactly (not rounded to the 0.01 slider step).

    Every networked criterion gets a key; criteria absent from ``weights`` get 0.
    """
    ss = st.session_state
    for c in current_model().networked_criteria:
        key = weight_key(c)
        if only_missing and key in ss:
            continue
        ss[key] = float(weights.get(c, 0.0))


def active_criteria() -> list[str]:
    """Criteria with a slider: the control layer, plus the extra criteria switched on."""
    model = current_model()
    ss = st.session_state
    return list(model.control_criteria) + [c for c in extra_criteria(model) if ss.get(extra_key(c))]


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
    total = math.fsum(w.values())
    if total <= 0:
        return {c: 1.0 / len(w) for c in w}
    return {c: v / total for c, v in w.items()}


def _set_scenario(name: str) -> None:
    # The sidebar's text input owns this key: after it is drawn in a run (an edit
    # applied by the page itself), the name waits for the next run (init).
    ss = st.session_state
    try:
        ss[SCENARIO] = name
    except StreamlitAPIException:
        ss[SCENARIO_PENDING] = name


def name_scenario(name: str, weights: Mapping[str, float] | None = None) -> None:
    """Name the current weights (``weights``: what the name stands for, default the sliders)."""
    ss = st.session_state
    ss[SCENARIO_WEIGHTS] = dict(weights) if weights is not None else criterion_weights()
    _set_scenario(name)


def _same_weights(a: Mapping[str, float], b: Mapping[str, float]) -> bool:
    keys = set(a) | set(b)
    return all(abs(float(a.get(k, 0.0)) - float(b.get(k, 0.0))) < 5e-4 for k in keys)


def follow_scenario() -> None:
    """After a slider move: the name becomes ``Custom`` once the sliders leave the named weights."""
    ss = st.session_state
    if not _same_weights(criterion_weights(), ss.get(SCENARIO_WEIGHTS) or {}):
        _set_scenario(CUSTOM)


def on_scenario_name() -> None:
    """Sidebar text-input callback: the typed name now stands for the sliders' weights."""
    ss = st.session_state
    ss[SCENARIO_WEIGHTS] = criterion_weights()
    if not str(ss.get(SCENARIO) or "").strip():
        ss[SCENARIO] = CUSTOM


def rescale_others(changed: str) -> None:
    """Slider callback: rescale the other active sliders so all sum to 1.

    The moved slider keeps its new value ``x``; the others share ``1 - x`` in
    proportion to their current values (equally if they are all 0). Shares
    are rounded to 3 decimals (short URLs); the largest one absorbs the
    rounding remainder, so the sum stays 1.
    """
    ss = st.session_state
    names = active_criteria()
    x = min(max(float(ss.get(weight_key(changed), 0.0)), 0.0), 1.0)
    others = [n for n in names if n != changed]
    if not others:
        ss[weight_key(changed)] = 1.0
        follow_scenario()
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
    follow_scenario()


def on_extra_toggle(criterion: str) -> None:
    """Switch callback: a criterion outside the control layer enters at weight 0 or leaves.

    Switching it on sets its weight to 0, so nothing changes until the user
    moves its slider. Switching it off drops its weight and rescales the
    other active criteria back to a sum of 1.
    """
    ss = st.session_state
    ss[weight_key(criterion)] = 0.0
    if not ss.get(extra_key(criterion)):
        active = active_criteria()
        total = sum(float(ss.get(weight_key(c), 0.0)) for c in active)
        for c in active:
            v = float(ss.get(weight_key(c), 0.0))
            ss[weight_key(c)] = v / total if total > 0 else 1.0 / len(active)
    follow_scenario()


def set_weights(weights: Mapping[str, float], name: str) -> None:
    """Put ``weights`` on the sliders (switching extra criteria on as needed) under ``name``."""
    ss = st.session_state
    model = current_model()
    for c in extra_criteria(model):
        ss[extra_key(c)] = float(weights.get(c, 0.0)) > 0
    seed_weights(weights)
    name_scenario(name)


def reset_weights() -> None:
    """Put the sliders back to the baseline model's own weights (keeps judgments)."""
    ss = st.session_state
    for c in extra_criteria(current_model()):
        ss[extra_key(c)] = False
    seed_weights(own_weights(baseline_model()))
    name_scenario(OWN_WEIGHTS)


def _follow_criteria_comparison(old: Model, new: Model) -> None:
    # The sliders start from the criteria comparison: when an edit (or an undo)
    # changes that comparison, the sliders follow its new priorities (the
    # edit replaces the slider weights; the Judgments page says so).
    if old.criteria_comparison != new.criteria_comparison:
        seed_weights(own_weights(new))
        name_scenario(CUSTOM)


def replace_model(model: Model, *, record_undo: bool = True) -> None:
    """Make ``model`` current (an edit); the previous one goes on the undo stack.

    Call it from a callback: an edit of the criteria comparison also moves
    the criterion sliders.
    """
    ss = st.session_state
    old = ss[MODEL]
    if record_undo:
        ss[UNDO] = [*ss[UNDO], old][-UNDO_LIMIT:]
    ss[MODEL] = model
    ss[EDIT_NONCE] = ss.get(EDIT_NONCE, 0) + 1
    _follow_criteria_comparison(old, model)


def undo() -> None:
    """Go back one edit."""
    ss = st.session_state
    if ss[UNDO]:
        *rest, last = ss[UNDO]
        ss[UNDO] = rest
        old = ss[MODEL]
        ss[MODEL] = last
        ss[MODEL_REV] += 1
        _follow_criteria_comparison(old, last)


def reset_to_baseline() -> None:
    """Drop every edit: the opened model and its own weights come back."""
    ss = st.session_state
    ss[MODEL] = ss[BASELINE]
    ss[UNDO] = []
    ss[MODEL_REV] += 1
    ss[EDIT_MESSAGE] = None
    reset_weights()


def load_new_baseline(model: Model, source: str) -> None:
    """Adopt a model (an upload, or an example opened from the Supermatrix page) as the new baseline."""
    ss = st.session_state
    ss[BASELINE] = model
    ss[MODEL_SOURCE] = source
    ss[MODEL_ERROR] = None
    # Drop slider values and switches of criteria the previous model had, then reseed.
    for key in [k for k in ss if str(k).startswith(("w_", "use_", "eco_w_"))]:
        del ss[key]
    for key in (
        J_KIND,
        J_CRITERION,
        J_CLUSTER,
        J_WRT,
        J_PAIR_ROW,
        J_PAIR_COL,
        SENS_CRITERION,
        SM_CRITERION,
        ECO_CRITERION,
    ):
        ss.pop(key, None)
    ss.pop(SC_SELECTED, None)  # the Scenarios page picks what fits the new model
    ss[MODEL] = model
    reset_to_baseline()

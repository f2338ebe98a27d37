"""The one reader of the URL: criterion weights and the scenario name, so a shared link reopens them.

The Weights page binds its sliders to the URL (``bind="query-params"``, keys
``w_<criterion>``). Streamlit seeds a bound slider from the URL when the slider
is first drawn, and silently ignores values it cannot parse. This module reads
the raw parameters once per session, **before** any widget does, and:

* a valid link (every known ``w_`` value a number in [0, 1], not all 0) sets
  the sliders' session values to exactly the link's values, so the bound
  sliders, which read the same strings, agree with them; a criterion missing
  from the link weighs 0 (a bound slider at 0, its default, drops out of the
  URL);
* a malformed link (non-numbers, NaN, negatives, values above 1, all zeros, a
  parameter given twice) puts the model's own weights on the sliders, removes
  the ``w_`` parameters from the URL, shows a message saying what was wrong,
  and reruns once so the sliders cannot read the bad values;
* parameters this dashboard does not use (``w_`` of a criterion the model
  lacks, or any other name) are removed from the URL and never shown: the
  message only counts them;
* judgment edits (``j``, :mod:`dashboard.scenario_link`) are checked in full
  against the opened model and applied on top of it as one undoable edit; a
  broken, oversized or hostile value changes nothing, is removed from the
  URL, and a message says what was wrong.

On every later run :func:`apply_query_params` writes the current slider
values into the URL wherever no widget owns those parameters (pages other
than the Weights page), and removes them when the weights are the model's
own; it keeps ``j`` in step with the judgment edits (removed when there are
none, or when they no longer fit :data:`dashboard.scenario_link.MAX_LINK_CHARS`),
so the address bar reopens what the user sees.

:func:`parse` and :func:`encode` are pure functions (tested directly);
:func:`apply_query_params` is the Streamlit glue, called early in ``app.py``
right after ``state.init()``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import streamlit as st
from streamlit.errors import StreamlitAPIException

from dashboard import scenario_link, state
from dashboard.text import LANG_KEY, gettext, plain

__all__ = [
    "APPLIED",
    "JUDGMENTS_PARAM",
    "PREFIX",
    "SCENARIO_PARAM",
    "STREAMLIT_PARAMS",
    "URL_MESSAGE",
    "ParsedLink",
    "apply_query_params",
    "encode",
    "parse",
    "sync_url",
]

#: Prefix of the weight parameters (``w_policy`` ...), the same as the slider keys.
PREFIX = "w_"
#: Query parameter holding the scenario name.
SCENARIO_PARAM = "scenario"
#: Query parameter holding judgment edits (:mod:`dashboard.scenario_link`).
JUDGMENTS_PARAM = scenario_link.PARAM
#: Session keys of this module (defined in dashboard.state), under the names other pages use.
URL_MESSAGE = state.URL_MESSAGE
APPLIED = state.URL_APPLIED
#: Parameters read elsewhere, left alone: Streamlit's own, the panel pages' private links, the
#: interface language (dashboard.text) and the step of the ANP step-by-step page.
STREAMLIT_PARAMS = frozenset({"embed", "embed_options", "panel", "facilitator", LANG_KEY, "step"})

_MAX_NAME = 80
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class ParsedLink:
    """What a URL asks for.

    Attributes
    ----------
    weights : dict or None
        Criterion id -> slider value (missing criteria 0), or None when the
        URL carries no weights or they are malformed.
    scenario : str or None
        The scenario name, cleaned (outside text: escape before showing), or None.
    problems : list of str
        Why the weights were rejected (empty if they were not); they name
        only the model's own criteria, never a value or an unknown name.
    unknown : list of str
        Parameters this dashboard does not use (to remove from the URL).
    """

    weights: dict[str, float] | None
    scenario: str | None
    problems: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


def _values(params: Mapping[str, object], key: str) -> list[str]:
    v = params[key]
    if isinstance(v, str):
        return [v]
    if isinstance(v, list | tuple):
        return [str(x) for x in v]
    return [str(v)]


def _clean_name(raw: str) -> str | None:
    name = _CONTROL.sub(" ", raw).strip()[:_MAX_NAME].strip()
    return name or None


def _same(text: str) -> str:
    return text


def parse(
    params: Mapping[str, object], criteria: Sequence[str], _: Callable[[str], str] = _same
) -> ParsedLink:
    """Validate the weight parameters of a URL.

    Parameters
    ----------
    params : mapping
        Query parameters, each a string or a list of strings (repeated keys).
    criteria : sequence of str
        Criterion ids that may be weighted (the model's networked criteria).
    _ : callable, optional
        Translator of the problems (English by default).

    Returns
    -------
    ParsedLink
        ``weights`` is None if the URL has no usable ``w_`` parameter or if
        any of them is malformed (then ``problems`` says why).

    Examples
    --------
    >>> crit = ["policy", "economic"]
    >>> parse({"w_policy": "0.7", "w_economic": "0.3", "scenario": "Mine"}, crit).weights
    {'policy': 0.7, 'economic': 0.3}
    >>> parse({"w_policy": "0.5"}, crit).weights
    {'policy': 0.5, 'economic': 0.0}
    >>> parse({"w_policy": "abc"}, crit).problems
    ['w_policy is not a number']
    >>> link = parse({"page": "1", "w_x](y)": "1"}, crit)
    >>> link.weights is None, link.unknown
    (True, ['page', 'w_x](y)'])
    """
    scenario = None
    if SCENARIO_PARAM in params:
        vals = _values(params, SCENARIO_PARAM)
        scenario = _clean_name(vals[-1]) if vals else None
    known = list(criteria)
    unknown = [
        str(k)
        for k in params
        if k not in (SCENARIO_PARAM, JUDGMENTS_PARAM)
        and k not in STREAMLIT_PARAMS
        and not (isinstance(k, str) and k.startswith(PREFIX) and k[len(PREFIX) :] in known)
    ]
    keys = [k for k in params if isinstance(k, str) and k.startswith(PREFIX) and k[len(PREFIX) :] in known]
    if not keys:
        return ParsedLink(None, scenario, [], unknown)
    problems: list[str] = []
    given: dict[str, float] = {}
    for key in keys:
        crit = key[len(PREFIX) :]
        vals = _values(params, key)
        if len(vals) != 1:
            problems.append(_("{key} is given {n} times").format(key=key, n=len(vals)))
            continue
        try:
            x = float(vals[0])
        except ValueError:
            problems.append(_("{key} is not a number").format(key=key))
            continue
        if not math.isfinite(x):
            problems.append(_("{key} is not a finite number").format(key=key))
        elif x < 0:
            problems.append(_("{key} is negative; weights are between 0 and 1").format(key=key))
        elif x > 1:
            problems.append(_("{key} is above 1; weights are between 0 and 1").format(key=key))
        else:
            given[crit] = x
    if not problems and sum(given.values()) <= 0:
        problems.append(_("every weight is 0; at least one criterion needs a positive weight"))
    if problems:
        return ParsedLink(None, scenario, problems, unknown)
    return ParsedLink({c: given.get(c, 0.0) for c in known}, scenario, [], unknown)


def _fmt(x: float) -> str:
    text = f"{x:.6f}".rstrip("0").rstrip(".")
    return text or "0"


def encode(weights: Mapping[str, float], scenario: str | None = None) -> dict[str, str]:
    """Return the query parameters that reopen ``weights`` (and the scenario name).

    Weights are written with up to 6 decimals; zero weights are left out (a
    criterion missing from the link weighs 0, as a URL-bound slider at 0 drops
    out of the URL).

    Parameters
    ----------
    weights : mapping
        Criterion id -> weight (slider value), each in [0, 1].
    scenario : str, optional
        Scenario name (``scenario`` parameter).

    Returns
    -------
    dict of str to str
        Parameter name -> value, ready for ``st.query_params.update``.

    Examples
    --------
    >>> encode({"policy": 0.422, "economic": 0.578, "political": 0.0}, "Mine")
    {'w_policy': '0.422', 'w_economic': '0.578', 'scenario': 'Mine'}
    """
    out = {
        f"{PREFIX}{c}": _fmt(float(w)) for c, w in weights.items() if float(w) > 0 and _fmt(float(w)) != "0"
    }
    if scenario:
        name = _clean_name(scenario)
        if name:
            out[SCENARIO_PARAM] = name
    return out


def _is_own(weights: Mapping[str, float], own: Mapping[str, float]) -> bool:
    keys = set(weights) | set(own)
    return all(abs(float(weights.get(k, 0.0)) - float(own.get(k, 0.0))) < 5e-7 for k in keys)


def _raw_params() -> dict[str, object]:
    qp = st.query_params
    return {k: (qp.get_all(k) if len(qp.get_all(k)) != 1 else qp[k]) for k in qp}


def _is_ours(key: str, criteria: Mapping[str, object]) -> bool:
    return key == SCENARIO_PARAM or (key.startswith(PREFIX) and key[len(PREFIX) :] in criteria)


def judgments_param() -> str:
    """Return the ``j`` value of the current judgment edits ("" if none, or too long for a link).

    Kept per pair of model objects in session state (models are immutable),
    so a run that changed nothing costs one comparison.
    """
    ss = st.session_state
    base, model = state.baseline_model(), state.current_model()
    cached = ss.get(state.URL_JUDGMENTS)
    if cached is not None and cached[0] is base and cached[1] is model:
        return str(cached[2])
    text = ""
    if state.is_edited():
        diff = scenario_link.judgment_diff(base, model)
        text = scenario_link.encode_diff(base, diff)
        if len(text) > scenario_link.MAX_LINK_CHARS:
            text = ""
    ss[state.URL_JUDGMENTS] = (base, model, text)
    return text


def _sync_judgments() -> None:
    qp = st.query_params
    wanted = judgments_param()
    have = qp.get(JUDGMENTS_PARAM)
    if wanted and have != wanted:
        qp[JUDGMENTS_PARAM] = wanted
    elif not wanted and JUDGMENTS_PARAM in qp:
        del qp[JUDGMENTS_PARAM]


def _dismiss() -> None:
    st.session_state[state.URL_MESSAGE] = None


def sync_url() -> None:
    """Write the current slider values into the URL where no widget owns them.

    Removes the weight and scenario parameters when the sliders hold the
    baseline model's own weights. Does nothing for parameters bound to a
    widget (the Weights page's sliders keep the URL themselves).
    """
    ss = st.session_state
    model = state.current_model()
    _sync_judgments()
    current = state.criterion_weights()
    if _is_own(current, state.own_weights(state.baseline_model())):
        wanted: dict[str, str] = {}
    else:
        wanted = encode(current, ss.get(state.SCENARIO))
    qp = st.query_params
    ours = [k for k in qp if _is_ours(k, model.criterion_by_id)]
    have = {k: qp[k] for k in ours}
    if have == wanted:
        return
    try:
        for k in ours:
            if k not in wanted:
                del qp[k]
        if wanted:
            qp.update(wanted)
    except StreamlitAPIException:
        # A widget owns these parameters (the Weights page's sliders): it keeps the URL.
        return


def _message(link: ParsedLink) -> str | None:
    _ = gettext()
    parts = []
    if link.problems:
        more = len(link.problems) - 8
        parts.append(
            _("**The link's criterion weights could not be used**, so the model's own weights are shown.")
            + "\n\n"
            + "\n".join(f"- {plain(p)}" for p in link.problems[:8])
            + ("\n- " + _("… and {n} more").format(n=more) if more > 0 else "")
        )
    if link.unknown:
        n = len(link.unknown)
        ngettext = _.ngettext
        parts.append(
            ngettext(
                "The link had {n} parameter this model does not use (another model's criteria, or a "
                "mistyped name); it was ignored.",
                "The link had {n} parameters this model does not use (another model's criteria, or a "
                "mistyped name); they were ignored.",
                n,
            ).format(n=n)
        )
    return "\n\n".join(parts) or None


def _read_judgments(values: list[str]) -> tuple[str | None, str | None]:
    """Apply a link's ``j`` to the opened model (one undoable edit); return (note, problem) as markdown."""
    _ = gettext()
    head = _("**The link's judgment changes could not be used**; the judgments are the model's as opened.")
    if len(values) != 1:
        return None, head + "\n\n- " + _("the judgments are given {n} times").format(n=len(values))
    base = state.baseline_model()
    try:
        link = scenario_link.decode_link(values[0], base, _)
        model = scenario_link.apply_link(base, link, _)
    except scenario_link.LinkError as err:
        return None, head + "\n\n- " + plain(err)
    if state.current_model() is not base:
        state.reset_to_baseline()
    state.replace_model(model)
    note = _.ngettext(
        "This link changes {n} judgment matrix of the model; it is applied (**Undo** in the sidebar "
        "takes it back, the Judgments page shows it).",
        "This link changes {n} judgment matrices of the model; they are applied (**Undo** in the sidebar "
        "takes them back, the Judgments page shows them).",
        link.n_matrices,
    ).format(n=link.n_matrices)
    if link.fingerprint and link.fingerprint != base.fingerprint[: len(link.fingerprint)]:
        note += " " + _(
            "The link was made on another version of this model; every changed judgment still fits it."
        )
    return note, None


def _dismiss_note() -> None:
    st.session_state[state.URL_NOTE] = None


def apply_query_params() -> None:
    """Read a shared link once per session, then keep the URL in step.

    Call early in ``app.py``, right after ``state.init()`` and before any
    widget is drawn. See the module docstring for the rules. A rejected link
    leaves a warning (with a *Dismiss* button) at the top of the page; applied
    judgment edits leave a note.
    """
    ss = st.session_state
    _ = gettext()
    if not ss.get(state.URL_APPLIED):
        ss[state.URL_APPLIED] = True
        model = state.current_model()
        raw = _raw_params()
        link = parse(raw, list(model.networked_criteria), _)
        message = _message(link)
        qp = st.query_params
        if JUDGMENTS_PARAM in raw:
            values = [
                str(v)
                for v in (
                    raw[JUDGMENTS_PARAM] if isinstance(raw[JUDGMENTS_PARAM], list) else [raw[JUDGMENTS_PARAM]]
                )
            ]
            note, problem = _read_judgments(values)
            ss[state.URL_NOTE] = note
            if problem:
                message = problem + ("\n\n" + message if message else "")
                del qp[JUDGMENTS_PARAM]
        ss[state.URL_MESSAGE] = message
        drop = set(link.unknown)
        if link.problems:
            drop |= {k for k in qp if k.startswith(PREFIX) or k == SCENARIO_PARAM}
        for k in [k for k in qp if k in drop]:
            del qp[k]
        if link.problems:
            state.reset_weights()
            # Rerun with the cleaned URL, so no URL-bound slider is seeded from the bad values.
            st.rerun()
        if link.weights is not None:
            state.set_weights(link.weights, link.scenario or _("Shared link"))
        elif link.scenario:
            state.name_scenario(link.scenario)
    else:
        sync_url()
    if ss.get(state.URL_MESSAGE):
        with st.container(key="url_message_box"):
            st.warning(ss[state.URL_MESSAGE], icon=":material/link_off:")
            st.button(_("Dismiss"), key="url_message_dismiss", on_click=_dismiss)
    if ss.get(state.URL_NOTE):
        with st.container(key="url_note_box"):
            st.info(ss[state.URL_NOTE], icon=":material/link:")
            st.button(_("Dismiss"), key="url_note_dismiss", on_click=_dismiss_note)

"""The frame shared by every page: the sidebar (model, scenario, reset, undo, download, upload) and notices.

Drawn from ``app.py`` on every run, so its widgets stay stateful on every page.
Every change happens in a callback; a bad upload leaves the model untouched
and its problems are listed in an ``st.error`` (nothing is raised). Every
piece of outside text (model name, file names, problems) goes through
:func:`dashboard.text.plain`.

The downloads build their files only when clicked (``data`` is a callable,
``on_click="ignore"``: no rerun), from the model and the criterion weights *at
that moment*: a slider moved inside a page's fragment does not redraw the
sidebar, so the callables read the session's state when they run
(:func:`live_reader`), not the values of the last full run.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from anp_core import ANPError, Model, dump_model, evaluate, load_any
from anp_core.excel import model_to_workbook, results_csv
from anp_core.i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, Translator, normalise_language, translator
from dashboard import model_source, state
from dashboard.model_source import Opened
from dashboard.text import LANG_KEY, current_language, gettext, model_name, plain

#: MIME type of an .xlsx workbook.
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def weights_from(ss: Any, model: Model) -> dict[str, float]:
    """Return the effective criterion weights held in a session state ``ss`` (any mapping-like object).

    The same rule as :func:`dashboard.state.effective_weights` (the control
    criteria and the extra criteria switched on; renormalised to sum 1; equal
    weights when every slider is at 0), on an object that can be read outside
    a script run (the session's own state, from a download thread).
    """
    extra = [c for c in state.extra_criteria(model) if state.extra_key(c) in ss and ss[state.extra_key(c)]]
    active = [*model.control_criteria, *extra]
    w = {c: float(ss[state.weight_key(c)]) if state.weight_key(c) in ss else 0.0 for c in active}
    total = math.fsum(w.values())
    if total <= 0:
        return {c: 1.0 / len(w) for c in w}
    return {c: v / total for c, v in w.items()}


def live_reader() -> Callable[[], tuple[Model, dict[str, float]]]:
    """Return a function giving the current model and effective weights when it is called.

    Called during a script run; the function it returns may run later on
    another thread (a download's callable) and reads the session's state
    then. Outside a script run (tests) it returns what is current now.
    """
    ctx = get_script_run_ctx(suppress_warning=True)
    snapshot = (state.current_model(), state.effective_weights())
    if ctx is None:
        return lambda: snapshot
    safe = ctx.session_state

    def read() -> tuple[Model, dict[str, float]]:
        try:
            model = safe[state.MODEL]
            return model, weights_from(safe, model)
        except (KeyError, TypeError, ValueError):
            return snapshot

    return read


def workbook_bytes(model: Model, weights: Mapping[str, float]) -> bytes:
    """Return the model and its results (under ``weights``) as one Excel workbook.

    :func:`anp_core.excel.model_to_workbook`; if the model cannot be evaluated the
    workbook holds the model alone (its sheets read back as a model).
    """
    try:
        ev = evaluate(model, weights)
    except ANPError:
        return model_to_workbook(model)
    return model_to_workbook(model, ev)


def results_bytes(model: Model, weights: Mapping[str, float]) -> bytes:
    """Return the ranked results under ``weights`` as CSV (:func:`anp_core.excel.results_csv`), UTF-8."""
    return results_csv(evaluate(model, weights)).encode("utf-8")


def problems_markdown(head: str, err: ANPError) -> str:
    """Return an engine error as markdown: ``head`` (already markdown), then one bullet per problem."""
    _ = gettext()
    problems = model_source.error_problems(err, _ if _.language != DEFAULT_LANGUAGE else None)
    n = len(problems)
    lines = "\n".join(f"- {plain(line)}" for line in model_source.format_problems(problems, _))
    count = _.ngettext("{n} problem:", "{n} problems:", n).format(n=n)
    return f"{head}\n\n{count}\n\n{lines}"


#: How :mod:`dashboard.state` tags where the model came from (``"<file> (<tag>)"``).
_SOURCE_TAGS = {"bundled": N_("bundled"), "uploaded": N_("uploaded"), "example": N_("example")}
_SOURCE = re.compile(
    rf"^(?P<what>.*) \((?:(?P<tag>bundled|uploaded|example)|(?P<env>{model_source.MODEL_ENV})|Model page: (?P<page>.*))\)$",
    re.DOTALL,
)


def source_text(source: str, lang: str | None = None) -> str:
    r"""Return the sidebar's "Source:" line in the interface language (markdown, outside text escaped).

    ``source`` is the label :mod:`dashboard.state` keeps (``"model.json (bundled)"``,
    ``"x.json (uploaded)"``, ``"Name (Model page: draft)"``, ``"x.json (ANP_MODEL)"``);
    the tag is translated, file and model names are escaped.

    Examples
    --------
    >>> source_text("cbec_trade_war.json (bundled)", "zh")
    '来源：cbec\\_trade\\_war\\.json（内置）'
    >>> source_text("A [x](y) (Model page: draft)", "en")
    'Source: A \\[x\\]\\(y\\) (Model page: draft)'
    """
    _ = translator(lang) if lang is not None else gettext()
    m = _SOURCE.match(source)
    if m is None:
        what = plain(source)
    elif m.group("env"):
        what = _("{file} (set by `{variable}`)").format(file=plain(m.group("what")), variable=m.group("env"))
    elif m.group("tag"):
        what = _("{file} ({how})").format(file=plain(m.group("what")), how=_(_SOURCE_TAGS[m.group("tag")]))
    else:
        what = _("{file} (Model page: {source})").format(
            file=plain(m.group("what")), source=plain(m.group("page"))
        )
    return _("Source: {source}").format(source=what)


def _on_upload() -> None:
    ss = st.session_state
    key = state.uploader_key()
    file = ss.get(key)
    ss[state.UPLOAD_NONCE] += 1  # a fresh, empty uploader after every attempt
    if file is None:
        return
    name = str(getattr(file, "name", "upload"))
    try:
        model = load_any(file.getvalue(), name)
    except ANPError as err:
        _ = gettext()
        ss[state.UPLOAD_ERROR] = problems_markdown(
            _("**{file}** was not loaded; the previous model is kept.").format(file=plain(name)), err
        )
        return
    ss[state.UPLOAD_ERROR] = None
    state.load_new_baseline(model, f"{name} (uploaded)")


def _dismiss_upload_error() -> None:
    st.session_state[state.UPLOAD_ERROR] = None


def _dismiss_model_error() -> None:
    st.session_state[state.MODEL_ERROR] = None


def notices() -> None:
    """Draw, at the top of the main area, why the ``ANP_MODEL`` file was not opened (until dismissed)."""
    error = st.session_state.get(state.MODEL_ERROR)
    if not error:
        return
    _ = gettext()
    with st.container(key="model_error_box"):
        st.error(model_error_markdown(error, _), icon=":material/error:")
        st.button(_("Dismiss"), key="model_error_dismiss", on_click=_dismiss_model_error)


def model_error_markdown(error: tuple[str, Opened], _: Translator) -> str:
    """Return why the ``ANP_MODEL`` file was not opened, in ``_``'s language (markdown, outside text escaped).

    ``error`` is what :func:`dashboard.state.startup` keeps: the file's path
    and its refusal, whose problems are translated where they can be.
    """
    path, opened = error
    problems = opened.translated(_ if _.language != DEFAULT_LANGUAGE else None)
    head = _("{path} could not be opened:").format(path=plain(path))
    lines = "\n".join(f"- {plain(line)}" for line in model_source.format_problems(problems, _))
    return _("**{problem}** The bundled model is shown instead.").format(problem=head) + "\n\n" + lines


def _switch_language() -> None:
    chosen = normalise_language(st.session_state.get("sb_lang"))
    st.session_state[LANG_KEY] = chosen
    if chosen == DEFAULT_LANGUAGE:
        st.query_params.pop(LANG_KEY, None)
    else:
        st.query_params[LANG_KEY] = chosen


def language_switch() -> None:
    """Draw the interface language switch (English / 简体中文); the choice goes into the session and the URL.

    Its label is in both languages, so a reader of either finds it.
    """
    st.segmented_control(
        "Language · 语言",
        list(LANGUAGES),
        format_func=LANGUAGES.__getitem__,
        default=current_language(),
        required=True,
        key="sb_lang",
        on_change=_switch_language,
    )


def scenario_name_in(name: str, lang: str) -> str:
    """Return ``name`` in ``lang`` if it is one the dashboard gives (own weights, custom, a preset scenario's).

    The session keeps the name the user sees in the sidebar's box; the names
    :mod:`dashboard.state` gives and the preset scenarios' names are
    translated (from any interface language), a name the user typed is kept
    as it is.

    Examples
    --------
    >>> (
    ...     scenario_name_in("Model's own weights", "zh"),
    ...     scenario_name_in("自定义", "en"),
    ...     scenario_name_in("Mine", "zh"),
    ...     scenario_name_in("Tariff escalation", "zh"),
    ...     scenario_name_in("关税升级", "en"),
    ... )
    ('模型自身权重', 'Custom', 'Mine', '关税升级', 'Tariff escalation')
    """
    for given in (state.OWN_WEIGHTS, state.CUSTOM):
        if name in {given, *(translator(lang_)(given) for lang_ in LANGUAGES)}:
            return translator(lang)(given)
    from dashboard.scenario_actions import presets  # (it imports this module)

    for sc in presets():  # a preset scenario's name, in the language it has a translation in
        if name in {sc.name, *(t.name for t in sc.translations.values() if t.name)}:
            return sc.name_in(lang)
    return name


#: The names dashboard.state gives a scenario, marked for translation.
_GIVEN_NAMES = (N_("Model's own weights"), N_("Custom"))


def render() -> None:
    """Draw the sidebar (call inside ``with st.sidebar``)."""
    ss = st.session_state
    _ = gettext()
    language_switch()
    # the names the dashboard gives a scenario, in the interface language (before their box is drawn)
    name = ss.get(state.SCENARIO)
    shown = scenario_name_in(name, current_language()) if isinstance(name, str) else name
    if shown != name:
        ss[state.SCENARIO] = shown
    model = state.current_model()
    st.markdown(_("**Model:** {name}").format(name=plain(model_name(model))))
    st.caption(source_text(str(ss[state.MODEL_SOURCE])))
    edits = len(ss[state.UNDO])
    if state.is_edited():
        st.caption(
            ":material/edit: "
            + _.ngettext(
                "judgments edited ({n} edit to undo)", "judgments edited ({n} edits to undo)", edits
            ).format(n=edits)
        )
    st.text_input(
        _("Scenario name"),
        key=state.SCENARIO,
        max_chars=80,
        on_change=state.on_scenario_name,
        help=_("Names the current criterion weights; it becomes *Custom* when the sliders leave them."),
    )
    st.button(
        _("Reset to the loaded model"),
        key="sb_reset",
        icon=":material/restart_alt:",
        on_click=state.reset_to_baseline,
        help=_("Drop every judgment edit and put the criterion weights back to the loaded model's own."),
        width="stretch",
    )
    st.button(
        _("Undo ({n})").format(n=edits) if edits else _("Undo"),
        key="sb_undo",
        icon=":material/undo:",
        on_click=state.undo,
        disabled=edits == 0,
        help=_("Undo the last judgment edit."),
        width="stretch",
    )
    read = live_reader()
    st.download_button(
        _("Download model (JSON)"),
        data=lambda: dump_model(read()[0]),
        file_name=f"{model.id}.json",
        mime="application/json",
        on_click="ignore",
        icon=":material/download:",
        key="sb_download",
        width="stretch",
        help=_("The model with every judgment edit, in the project's JSON format."),
    )
    try:
        evaluable = bool(evaluate(model, state.effective_weights()).criteria)
    except ANPError:
        evaluable = False
    st.download_button(
        _("Download model and results (Excel)"),
        data=lambda: workbook_bytes(*read()),
        file_name=f"{model.id}.xlsx",
        mime=XLSX,
        on_click="ignore",
        icon=":material/table_view:",
        key="sb_download_xlsx",
        width="stretch",
        help=_(
            "One workbook: the model (it reads back as a model), every judgment matrix, the supermatrices of "
            "each criterion, composite weights and ranks under the current criterion weights, and the "
            "sensitivity tables."
        ),
    )
    st.download_button(
        _("Download results (CSV)"),
        data=lambda: results_bytes(*read()),
        file_name=f"{model.id}_results.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/csv:",
        key="sb_download_csv",
        width="stretch",
        disabled=not evaluable,
        help=_(
            "Rank, factor, cluster, the weight under each criterion and the composite weight, under the current criterion weights."
        ),
    )
    st.file_uploader(
        _("Upload a model (JSON, Super Decisions .sdmod or Excel .xlsx)"),
        type=["json", "sdmod", "xlsx"],
        key=state.uploader_key(),
        on_change=_on_upload,
        help=_(
            "A model in the project's JSON format (data/README.md), a Super Decisions .sdmod file or a workbook "
            "written by this tool; 5 MB at most. It is validated before use; a bad file changes nothing."
        ),
    )
    if ss.get(state.UPLOAD_ERROR):
        st.error(ss[state.UPLOAD_ERROR], icon=":material/error:")
        st.button(_("Dismiss"), key="sb_dismiss", on_click=_dismiss_upload_error)

"""The SMAA section of the Uncertainty page: constraints, draws and seed, a background run, three charts and their tables.

Streamlit glue only: the constraints come from :func:`dashboard.smaa_view.constraints_from`
and are checked by the engine (:func:`anp_core.weight_sampling.parse_constraints`)
as the user edits them, so an impossible set is refused with the engine's
message before anything runs; the run is :func:`dashboard.smaa_run.run_smaa`
in a background job (:mod:`dashboard.uncertainty_ui`: progress, Cancel, time
budget, previous results kept); tables from :mod:`dashboard.smaa_view`,
charts from :mod:`dashboard.smaa_figures`, one-sentence summaries from
:mod:`dashboard.text_alternatives`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st

from anp_core import ANPError, Model
from anp_core.weight_sampling import parse_constraints
from dashboard import chart_summaries as ta
from dashboard import metric_row, smaa_figures, smaa_run, smaa_view, state, uncertainty_ui
from dashboard.text import gettext, plain
from dashboard.uncertainty_jobs import Job

__all__ = ["section"]


def _inputs(
    model: Model, criteria: list[str], names: Mapping[str, str]
) -> tuple[dict[str, Any] | None, str | None]:
    """Draw the constraint inputs; return the engine's constraints and the engine's refusal (or None)."""
    _ = gettext()
    ss = st.session_state
    kinds = {
        "none": _("None: every weighting"),
        "order": _("An ordinal ranking of the criteria"),
        "intervals": _("An interval per criterion"),
    }
    if ss.get(state.SMAA_CONSTRAINT) not in kinds:
        ss[state.SMAA_CONSTRAINT] = "none"
    kind = st.radio(
        _("Constraints on the criterion weights"),
        list(kinds),
        format_func=kinds.get,
        key=state.SMAA_CONSTRAINT,
        horizontal=True,
        persist_state="session",
    )
    order: list[str] = []
    intervals: dict[str, tuple[float, float]] = {}
    if kind == "order":
        if any(c not in criteria for c in ss.get(state.SMAA_ORDER, [])):
            ss[state.SMAA_ORDER] = [c for c in ss[state.SMAA_ORDER] if c in criteria]
        order = st.multiselect(
            _("Criteria, most important first (pick them in that order; at least two)"),
            criteria,
            format_func=names.get,
            key=state.SMAA_ORDER,
            persist_state="session",
        )
        st.caption(_("The weights then satisfy first ≥ second ≥ …; criteria left out are free."))
    elif kind == "intervals":
        st.caption(_("Each criterion's weight stays within its range; the full range 0–1 is no constraint."))
        cols = st.columns(min(3, len(criteria)))
        for k, c in enumerate(criteria):
            key = f"{state.SMAA_INTERVAL}_{c}"
            if key not in ss:
                ss[key] = (0.0, 1.0)
            bounds: Any = cols[k % len(cols)].slider(
                plain(names[c]), min_value=0.0, max_value=1.0, step=0.01, key=key, persist_state="session"
            )
            intervals[c] = (float(bounds[0]), float(bounds[1]))
    try:
        constraints = smaa_view.constraints_from(kind, order, intervals, criteria, _)
        parse_constraints(constraints, criteria)
    except ANPError as err:
        return None, err.render(_)
    return constraints, None


def _keep(job: Job) -> uncertainty_ui.StoredRun | None:
    run = job.result
    if run is None:
        return None
    budget = job.inputs[-1]
    return uncertainty_ui.StoredRun(
        run, run.requested, run.result.draws, run.stopped, run.seconds, float(budget), run.phase
    )


def section(model: Model, names: Mapping[str, str], lang: str) -> None:
    """Draw the SMAA section for ``model`` (its current judgments); ``names`` are the factors' in ``lang``."""
    _ = gettext()
    fmt = ta.formats_for(lang)
    ss = st.session_state
    criteria = list(model.control_criteria)
    cnames = {c: model.label(c, lang) for c in criteria}
    st.markdown(
        _(
            "**SMAA** (Lahdelma and Salminen's SMAA-2) asks what the ranking looks like under *every* "
            "admissible weighting of the control criteria instead of one: the weights are drawn uniformly from "
            "all weightings that meet your constraints, the judgments are the current ones, and the factors are "
            "ranked under each draw."
        )
    )
    if len(criteria) < 2:
        st.info(
            _("This model has one control criterion: there is no weighting to vary."), icon=":material/info:"
        )
        return
    constraints, problem = _inputs(model, criteria, cnames)
    if problem:
        st.error(
            _("These constraints cannot be used: {error}").format(error=plain(problem)),
            icon=":material/block:",
        )
    busy = uncertainty_ui.running(state.SMAA_JOB) is not None
    c1, c2, c3, c4 = st.columns(4)
    draws = c1.number_input(
        _("Weight draws"),
        min_value=1_000,
        max_value=200_000,
        step=5_000,
        key=state.SMAA_DRAWS,
        persist_state="session",
        help=_("10,000 give shares to about ±1 %; 100,000 take about a second on a small model."),
    )
    seed = c2.number_input(
        _("Seed"),
        min_value=0,
        max_value=2**31 - 1,
        step=1,
        key=state.SMAA_SEED,
        persist_state="session",
        help=_("The same seed and inputs give exactly the same result."),
    )
    spread = c3.slider(
        _("Judgment spread for the confidence factors"),
        min_value=0.0,
        max_value=3.0,
        step=0.25,
        key=state.SMAA_SPREAD,
        persist_state="session",
        help=_("Doublings, as in the Monte Carlo tab; 0 gives the exact yes/no answer."),
    )
    budget = c4.number_input(
        _("Time budget (s)"),
        min_value=1,
        max_value=state.MAX_RUN_SECONDS,
        step=10,
        key=state.SMAA_BUDGET,
        persist_state="session",
        help=_("The run stops after this many seconds and keeps what it has done."),
    )
    inputs = (
        model.fingerprint,
        json.dumps(constraints, sort_keys=True),
        int(draws),
        int(seed),
        float(spread),
    )
    run = st.button(
        _("Run SMAA"),
        key="smaa_run",
        type="primary",
        icon=":material/play_arrow:",
        disabled=problem is not None or busy,
    )
    if run and problem is None and not busy:
        work_model, n, sd, sp, cons, secs = (
            model,
            int(draws),
            int(seed),
            float(spread),
            constraints,
            float(budget),
        )

        def work(progress: Callable[[float], object], should_stop: Callable[[], bool]) -> smaa_run.SMAARun:
            return smaa_run.run_smaa(
                work_model,
                n,
                sd,
                cons,
                spread=sp,
                progress=progress,
                should_stop=should_stop,
                time_budget=secs,
            )

        uncertainty_ui.start(state.SMAA_JOB, work, (*inputs, secs))
    error = uncertainty_ui.harvest(state.SMAA_JOB, state.SMAA_RESULTS, state.SMAA_LAST, _keep)
    if error:
        st.error(uncertainty_ui.error_text(error), icon=":material/error:")
    busy = uncertainty_ui.running(state.SMAA_JOB) is not None
    if busy:
        uncertainty_ui.progress_panel(
            state.SMAA_JOB,
            _("SMAA, {n} weight draws").format(n=f"{int(ss[state.SMAA_JOB].inputs[2]):,}"),
            previous=bool(ss[state.SMAA_RESULTS]),
        )
    stored = next(
        (v for k, v in reversed(ss[state.SMAA_RESULTS].items()) if k[: len(inputs)] == inputs),
        None,
    )
    if stored is None:
        stored = ss[state.SMAA_RESULTS].get(ss.get(state.SMAA_LAST))
        if stored is None:
            if not busy:
                st.info(_("Choose the constraints and press **Run SMAA**."), icon=":material/play_arrow:")
            return
        st.info(
            _(
                "The inputs or the judgments changed since the last run: press **Run SMAA** to see results for the "
                "current ones. Below: the last run's results, for its own inputs."
            ),
            icon=":material/refresh:",
        )
    _results(stored, names, cnames, fmt)


def _results(
    stored: uncertainty_ui.StoredRun, names: Mapping[str, str], cnames: Mapping[str, str], fmt: ta.Formats
) -> None:
    _ = gettext()
    res = stored.result.result
    st.subheader(_("SMAA results"))
    note = uncertainty_ui.stopped_note(stored)
    if note:
        st.warning(note, icon=":material/timer_off:")
    first = res.counts[:, 0] / res.draws
    metric_row.metric_row(
        [
            (_("Weight draws"), f"{res.draws:,}"),
            (_("Factors that can rank first"), f"{int((first > 0).sum())} / {len(res.node_ids)}"),
            (_("Seconds"), f"{stored.seconds:.1f}"),
        ],
        border=True,
    )
    st.caption(plain(smaa_view.sampling_text(res, cnames, _)) + " " + _("Seed {seed}.").format(seed=res.seed))

    labels = [names.get(n, n) for n in res.node_ids]
    table = smaa_view.acceptability_table(res, names, smaa_figures.HEATMAP_LIMIT, _)
    st.markdown(
        "**"
        + _("Rank acceptability.")
        + "** "
        + _(
            "It answers: if all you know is that the weights meet your constraints, how likely is each rank for each factor?"
        )
    )
    st.plotly_chart(
        smaa_figures.acceptability_heatmap(table, len(res.node_ids), _),
        key="smaa_heatmap",
        config={"displaylogo": False},
    )
    st.caption(plain(ta.acceptability_summary(labels, first, over=_("the weightings"), fmt=fmt, _=_)))
    with st.expander(_("The rank acceptabilities as a table")):
        full = smaa_view.acceptability_table(res, names, None, _)
        st.dataframe(
            full,
            hide_index=True,
            key="smaa_heatmap_table",
            column_config={c: st.column_config.NumberColumn(format="percent") for c in full.columns[1:]},
        )

    st.markdown(
        "**" + _("Central weights.") + "** " + _("It answers: what kind of weighting makes a factor first?")
    )
    st.plotly_chart(
        smaa_figures.central_weights_chart(res, names, cnames, _),
        key="smaa_central",
        config={"displaylogo": False},
    )
    st.caption(
        plain(
            ta.central_weights_summary(
                labels, [cnames.get(c, c) for c in res.criteria], res.central, fmt=fmt, _=_
            )
        )
    )
    central = smaa_view.central_table(res, names, cnames, _)
    with st.expander(_("The central weights as a table")):
        st.dataframe(
            central,
            hide_index=True,
            key="smaa_central_table",
            column_config={
                _("First"): st.column_config.NumberColumn(format="percent"),
                **{cnames.get(c, c): st.column_config.NumberColumn(format="%.3f") for c in res.criteria},
            },
        )

    st.markdown(
        "**"
        + _("Confidence factors.")
        + "** "
        + _(
            "It answers: with a factor's central weights, how sure is its first place once the judgments are "
            "uncertain too (perturbed by the spread chosen above)?"
        )
    )
    st.plotly_chart(
        smaa_figures.confidence_chart(res, names, _), key="smaa_confidence", config={"displaylogo": False}
    )
    st.caption(plain(ta.confidence_summary(labels, res.confidence_values, fmt=fmt, _=_)))

    summary = smaa_view.summary_table(res, names, _)
    st.markdown(
        "**"
        + _("All factors.")
        + "** "
        + _(
            "Holistic acceptability sums the rank acceptabilities with weights falling linearly from rank 1 "
            "(counts fully) to the last rank (counts nothing): one overall score per factor."
        )
    )
    pct = st.column_config.NumberColumn(format="percent", width="small")
    st.dataframe(
        summary,
        hide_index=True,
        key="smaa_summary",
        column_config={
            _("Factor"): st.column_config.TextColumn(),  # as wide as the longest name (it was 400 px)
            _("First"): pct,
            _("Top 3"): pct,
            _("Holistic"): pct,
            _("Confidence"): pct,
        },
        height=min(35 * len(summary) + 40, 700),
    )

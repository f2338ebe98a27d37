"""Uncertainty: Monte Carlo over the judgments, and SMAA over the criterion weights (two tabs).

``anp_core.montecarlo.monte_carlo`` perturbs every judgment of the current
model, draws by draws, and ranks the factors each time; the SMAA tab
(:mod:`dashboard.smaa_ui`) lets the criterion weights range over every
admissible weighting. Both run in the background (:mod:`dashboard.uncertainty_ui`):
progress, a Cancel button, a time budget; results are kept in session state
keyed by their inputs and the model's fingerprint, so they survive page
changes, are never recomputed on a rerun, and stay on screen while a new run
computes. Tables and texts come from ``dashboard.uncertainty_view``.
"""

import math

import streamlit as st

from anp_core.montecarlo import monte_carlo
from dashboard import chart_summaries as ta
from dashboard import (
    metric_row,
    palette,
    scenario_ui,
    smaa_ui,
    state,
    uncertainty_figures,
    uncertainty_ui,
    uncertainty_view,
)
from dashboard.text import current_language, gettext, plain

state.init()  # idempotent

#: Draws per batch: the Cancel button and the progress bar act between batches (the result does not depend on it).
BATCH = 250

ss = st.session_state
_ = gettext()
lang = current_language()
fmt = ta.formats_for(lang)
model = state.current_model()
names = {f: model.label(f, lang) for f in model.ranked_node_ids}
styles = palette.style_map([c.id for c in model.clusters])
dists = uncertainty_view.distributions(_)

st.title(_("Uncertainty of the ranking"))
notice = scenario_ui.judgments_notice(model, lang)
if notice:
    st.warning(
        notice
        + "\n\n"
        + _(
            "The Monte Carlo tab asks: *if each judgment were off by up to the chosen factor, how much would the "
            "ranking move?* The SMAA tab asks: *what if the criterion weights could be any you find admissible?* "
            "Neither recovers the disagreement of the people behind the judgments."
        ),
        icon=":material/science:",
    )
mc_tab, smaa_tab = st.tabs([_("Monte Carlo: uncertain judgments"), _("SMAA: every admissible weighting")])

with smaa_tab:
    smaa_ui.section(model, names, lang)

with mc_tab:
    st.markdown(
        _(
            "Each **draw** multiplies every pairwise judgment (and its reciprocal) by a random factor 2^u, "
            "recomputes every priority vector, supermatrix and limit, and ranks the factors again. "
            "The **spread** *s* is measured in **doublings**: *s* = 1 lets a judgment move by up to a factor of 2 "
            "either way, about **one step of Saaty's scale near “equal”** (1 → 2, or 1 → 1/2); *s* = 2 allows a "
            "factor of 4 (“equal” to “moderate-to-strong”); *s* = 0 perturbs nothing. Higher up the scale one "
            "step is a smaller ratio (7 → 8 is ×1.14), so *s* = 1 there is several steps."
        )
    )

    # ----- inputs (a form: nothing runs until the button) -----
    weights_now = state.effective_weights()
    crit_names = {c: model.label(c, lang) for c in weights_now}
    busy = uncertainty_ui.running(state.MC_JOB) is not None
    with st.form("mc_form", border=True):
        c1, c2, c3, c4 = st.columns(4)
        spread = c1.slider(
            _("Spread s (doublings)"),
            min_value=0.0,
            max_value=3.0,
            step=0.25,
            key=state.MC_SPREAD,
            persist_state="session",
        )
        draws = c2.number_input(
            _("Draws"),
            min_value=100,
            max_value=20_000,
            step=500,
            key=state.MC_DRAWS,
            persist_state="session",
            help=_("1,000–20,000 is typical; 5,000 takes about a second on a small model."),
        )
        seed = c3.number_input(
            _("Seed"),
            min_value=0,
            max_value=2**31 - 1,
            step=1,
            key=state.MC_SEED,
            persist_state="session",
            help=_("The same seed and inputs give exactly the same result."),
        )
        budget = c4.number_input(
            _("Time budget (s)"),
            min_value=1,
            max_value=state.MAX_RUN_SECONDS,
            step=10,
            key=state.MC_BUDGET,
            persist_state="session",
            help=_(
                "The run stops after this many seconds and keeps the draws done (at most {n} s here)."
            ).format(n=state.MAX_RUN_SECONDS),
        )
        distribution = st.radio(
            _("Distribution of the perturbation"),
            list(dists),
            format_func=dists.get,
            key=state.MC_DISTRIBUTION,
            persist_state="session",
            horizontal=True,
        )
        d1, d2 = st.columns(2)
        weights_mode = d1.radio(
            _("Criterion weights"),
            ["sliders", "model"],
            format_func={
                "sliders": _("The sliders' current weights, fixed"),
                "model": _("The model's criteria comparison, perturbed too"),
            }.get,
            key=state.MC_WEIGHTS_MODE,
            persist_state="session",
        )
        vary = d2.checkbox(
            _("Also draw the criterion weights (Dirichlet)"),
            key=state.MC_VARY,
            persist_state="session",
            help=uncertainty_view.dirichlet_help(weights_now, crit_names, _=_),
        )
        concentration = d2.number_input(
            _("Dirichlet concentration c"),
            min_value=1.0,
            max_value=10_000.0,
            step=10.0,
            key=state.MC_CONCENTRATION,
            persist_state="session",
            help=uncertainty_view.dirichlet_help(
                weights_now, crit_names, float(ss[state.MC_CONCENTRATION]), _=_
            ),
        )
        run = st.form_submit_button(
            _("Run Monte Carlo"), type="primary", icon=":material/play_arrow:", disabled=busy, key="mc_run"
        )

    weights = weights_now if weights_mode == "sliders" else None
    conc = float(concentration) if vary else None
    inputs = (
        model.fingerprint,
        tuple(sorted((weights or {}).items())),
        weights_mode,
        float(spread),
        int(draws),
        int(seed),
        distribution,
        conc,
    )

    def _keep(job: uncertainty_ui.Job) -> uncertainty_ui.StoredRun | None:
        mc = job.result
        if mc is None:
            return None
        stopped = None if mc.draws >= mc.requested_draws else ("cancelled" if job.cancelled else "budget")
        return uncertainty_ui.StoredRun(
            mc, mc.requested_draws, mc.draws, stopped, job.seconds, job.inputs[-1]
        )

    if run and not busy:
        work_model, n, s, sd, dist, budget_s = (
            model,
            int(draws),
            float(spread),
            int(seed),
            distribution,
            float(budget),
        )

        def work(progress, should_stop):  # noqa: D103 (the job's computation)
            return monte_carlo(
                work_model,
                n,
                s,
                seed=sd,
                distribution=dist,
                criterion_weights=weights,
                concentration=conc,
                batch_size=BATCH,
                progress=progress,
                should_stop=should_stop,
                time_budget=budget_s,
            )

        uncertainty_ui.start(state.MC_JOB, work, (*inputs, budget_s))

    error = uncertainty_ui.harvest(state.MC_JOB, state.MC_RESULTS, state.MC_LAST, _keep)
    if error:
        st.error(uncertainty_ui.error_text(error), icon=":material/error:")
    busy = uncertainty_ui.running(state.MC_JOB) is not None
    if busy:
        uncertainty_ui.progress_panel(
            state.MC_JOB,
            _("Monte Carlo, {n} draws").format(n=f"{int(ss[state.MC_JOB].inputs[4]):,}"),
            previous=bool(ss[state.MC_RESULTS]),
        )

    shown = next((k for k in reversed(ss[state.MC_RESULTS]) if k[: len(inputs)] == inputs), None)
    if shown is None:
        shown = ss.get(state.MC_LAST)
        if shown not in ss[state.MC_RESULTS]:
            if not busy:
                st.info(_("Choose the inputs and press **Run Monte Carlo**."), icon=":material/play_arrow:")
            st.stop()
        st.info(
            _(
                "The inputs, the sliders or the judgments changed since the last run: press **Run Monte Carlo** "
                "to see results for the current ones. Below: the last run's results, for its own inputs."
            ),
            icon=":material/refresh:",
        )
    stored = ss[state.MC_RESULTS][shown]
    shown_mode, shown_conc = shown[2], shown[7]

    # ----- results -----
    result = stored.result
    base_top = result.factor_ids[int(result.base_composite.argmax())]
    top_name = plain(names[base_top])
    st.subheader(_("Results"))
    note = uncertainty_ui.stopped_note(stored)
    if note:
        st.warning(note, icon=":material/timer_off:")
    metric_row.metric_row(
        [
            (
                _("Top factor stays the same"),
                f"{result.top_factor_stability:.1%}",
                _(
                    "Share of draws in which {name} (first without perturbation) still has the largest "
                    "composite weight. P(top 1) in the table below also counts draws where it ties for first "
                    "at 3 decimals (competition ranks), so it can be a little higher."
                ).format(name=top_name),
            ),
            (
                _("Draws"),
                f"{result.draws:,}",
                _("{done} of the {requested} draws asked for, in {seconds} s.").format(
                    done=f"{result.draws:,}",
                    requested=f"{stored.requested:,}",
                    seconds=f"{stored.seconds:.1f}",
                ),
            ),
            (
                _("Judgments perturbed"),
                f"{result.n_judgments:,}",
                _("Upper-triangle entries of every matrix."),
            ),
            (
                _("Spread (doublings)"),
                f"±{result.spread:g}",
                _("Judgments move by up to ×{factor} either way.").format(factor=f"{2**result.spread:.3g}"),
            ),
        ],
        border=True,
    )
    mode = (
        _("the model's criteria comparison (perturbed)")
        if weights_mode == "model"
        else _("the sliders' weights")
    )
    if conc is not None:
        mode += " " + _("drawn from Dirichlet(c = {c})").format(c=f"{conc:g}")
    st.caption(
        _(
            "{name} keeps the largest composite weight in {share} of the draws (P(top 1) below also counts ties at "
            "3 decimals). Criterion weights: {mode}; {distribution} perturbation; seed {seed}."
        ).format(
            name=top_name,
            share=f"{result.top_factor_stability:.1%}",
            mode=mode,
            distribution=dists[result.distribution].split(":")[0].lower(),
            seed=result.seed,
        )
    )

    table = uncertainty_view.summary_table(result, _)
    st.subheader(_("Stability verdict per factor"))
    st.caption(
        _(
            "*stable*: in at least 90 % of the draws the factor is within one rank of its rank without "
            "perturbation (*Rank*); *fairly stable*: 60–90 %; *uncertain*: below 60 %. P(top k): share of draws "
            "in which the factor ranks k-th or better."
        )
    )
    pct = st.column_config.NumberColumn(format="percent", width="small")
    st.dataframe(
        table,
        hide_index=True,
        key="mc_summary",
        column_config={
            _("Factor"): st.column_config.TextColumn(),  # as wide as the longest name (it was 400 px)
            _("Rank"): st.column_config.NumberColumn(width="small", help=_("Rank without perturbation")),
            _("Verdict"): st.column_config.TextColumn(width="small"),
            _("Within one rank"): st.column_config.ProgressColumn(
                format="percent", min_value=0.0, max_value=1.0
            ),
            _("Median rank"): st.column_config.NumberColumn(format="%.1f", width="small"),
            _("5–95 % ranks"): st.column_config.TextColumn(width="small"),
            _("P(top 1)"): pct,
            _("P(top 3)"): pct,
            _("P(top 5)"): pct,
        },
        height=min(35 * len(table) + 40, 800),
    )

    st.plotly_chart(
        uncertainty_figures.rank_boxplot(
            result.ranks,
            result.factor_ids,
            names,
            result.base_ranks,
            clusters=model.cluster_of,
            styles=styles,
            _=_,
        ),
        key="mc_box",
        config={"displaylogo": False},
    )
    summ = result.summary
    st.caption(
        plain(
            ta.rank_range_summary(
                [names[f] for f in summ.index],
                summ["base_rank"].astype(int).tolist(),
                summ["rank_p05"].astype(int).tolist(),
                summ["rank_p95"].astype(int).tolist(),
                fmt=fmt,
                _=_,
            )
        )
    )
    with st.expander(_("The rank ranges as a table")):
        st.dataframe(
            table[[_("Factor"), _("Rank"), _("Median rank"), _("5–95 % ranks")]],
            hide_index=True,
            key="mc_box_table",
        )

    shares = uncertainty_view.rank_shares(result)
    st.plotly_chart(
        uncertainty_figures.rank_heatmap(
            shares, names, table[_("Rank")], limit=uncertainty_figures.HEATMAP_LIMIT, _=_
        ),
        key="mc_heatmap",
        config={"displaylogo": False},
    )
    st.caption(
        plain(
            ta.acceptability_summary(
                [names[f] for f in shares.index], shares[1].to_numpy(), over=_("the draws"), fmt=fmt, _=_
            )
        )
    )
    with st.expander(_("The rank shares as a table")):
        shown = shares.copy()
        shown.columns = [str(c) for c in shown.columns]
        shown.insert(0, _("Factor"), [names[f] for f in shown.index])
        st.dataframe(
            shown,
            hide_index=True,
            key="mc_heatmap_table",
            column_config={str(c): st.column_config.NumberColumn(format="percent") for c in shares.columns},
        )
    if not math.isclose(result.spread, 0.0) and result.top_factor_stability < 0.5:
        st.warning(
            _(
                "With this spread the first place is a toss-up: {name} keeps it in fewer than half the draws."
            ).format(name=top_name)
        )

"""Uncertainty: Monte Carlo perturbation of the judgments, run on a button.

``anp_core.montecarlo.monte_carlo`` perturbs every judgment of the current
model, draws by draws, and ranks the factors each time. The last results are
kept in session state keyed by their inputs and the model's content hash, so
they survive page changes and are never recomputed on a rerun.
"""

import math

import pandas as pd
import streamlit as st

from anp_core import ANPError
from anp_core.montecarlo import monte_carlo
from dashboard import figures, state, whatif_figures

state.init()  # idempotent

RESULTS = "mc_results"  # dict: input key -> MonteCarloResult (last few runs)
LAST = "mc_last_key"
KEEP = 4
BATCH = 500  # fixed: the random stream depends on the batch size as well as the seed
DISTRIBUTIONS = {
    "loguniform": "Log-uniform: every factor between 2^-s and 2^s equally likely (in log scale)",
    "lognormal": "Log-normal: 2^u, u ~ Normal(0, s/2), about 95 % within 2^±s",
}

ss = st.session_state
model = state.current_model()
names = {f: model.label(f) for f in model.node_ids}
crit_names = {c: model.label(c) for c in model.networked_criteria}
ss.setdefault(RESULTS, {})

st.title("Uncertainty of the ranking")
if state.baseline_model().id == "cbec_trade_war":
    st.warning(
        "**The judgments perturbed here are reconstructed from Table 2, not the experts' own.** Paper 000 "
        "publishes only derived weights; the bundled model rebuilds consistent judgment matrices from them "
        "(CR = 0). This page therefore asks: *if each reconstructed judgment were off by up to the chosen "
        "factor, how much would the ranking move?* It does not recover the experts' real disagreement.",
        icon=":material/science:",
    )
st.markdown(
    "Each **draw** multiplies every pairwise judgment (and its reciprocal) by a random factor 2^u, "
    "recomputes every priority vector, supermatrix and limit, and ranks the factors again. "
    "The **spread** *s* is measured in **doublings**: *s* = 1 lets a judgment move by up to a factor of 2 "
    "either way, about **one step of Saaty's scale near “equal”** (1 → 2, or 1 → 1/2); *s* = 2 allows a factor "
    "of 4 (“equal” to “moderate-to-strong”); *s* = 0 perturbs nothing. Higher up the scale one step is a "
    "smaller ratio (7 → 8 is ×1.14), so *s* = 1 there is several steps."
)

# ----- inputs (a form: nothing runs until the button) -----
# Seeded once, drawn without value= and kept across pages (persist_state), so the
# stored result still matches the inputs when the user comes back.
for _key, _default in {
    "mc_spread": 1.0,
    "mc_draws": 5_000,
    "mc_seed": 0,
    "mc_distribution": "loguniform",
    "mc_weights_mode": "sliders",
    "mc_vary_weights": False,
    "mc_concentration": 100.0,
}.items():
    ss.setdefault(_key, _default)
with st.form("mc_form", border=True):
    c1, c2, c3 = st.columns(3)
    spread = c1.slider(
        "Spread s (doublings)",
        min_value=0.0,
        max_value=3.0,
        step=0.25,
        key="mc_spread",
        persist_state="session",
    )
    draws = c2.number_input(
        "Draws",
        min_value=100,
        max_value=20_000,
        step=500,
        key="mc_draws",
        persist_state="session",
        help="1,000–20,000 is typical; 5,000 takes about a second.",
    )
    seed = c3.number_input(
        "Seed",
        min_value=0,
        max_value=2**31 - 1,
        step=1,
        key="mc_seed",
        persist_state="session",
        help="The same seed and inputs give exactly the same result.",
    )
    distribution = st.radio(
        "Distribution of the perturbation",
        list(DISTRIBUTIONS),
        format_func=DISTRIBUTIONS.get,
        key="mc_distribution",
        persist_state="session",
        horizontal=True,
    )
    d1, d2 = st.columns(2)
    weights_mode = d1.radio(
        "Criterion weights",
        ["sliders", "model"],
        format_func={
            "sliders": "The sliders' current weights, fixed",
            "model": "The model's criteria comparison, perturbed too",
        }.get,
        key="mc_weights_mode",
        persist_state="session",
    )
    vary = d2.checkbox(
        "Also draw the criterion weights (Dirichlet)",
        key="mc_vary_weights",
        persist_state="session",
        help="Each draw's weights ~ Dirichlet(c · v) around the weights v above: larger c, less spread.",
    )
    concentration = d2.number_input(
        "Dirichlet concentration c",
        min_value=1.0,
        max_value=10_000.0,
        step=10.0,
        key="mc_concentration",
        persist_state="session",
        help="c = 100 gives the political weight (0.18) a standard deviation of about 0.04.",
    )
    run = st.form_submit_button("Run Monte Carlo", type="primary", icon=":material/play_arrow:")

weights = state.effective_weights() if weights_mode == "sliders" else None
conc = float(concentration) if vary else None
inputs = (
    ss[state.MODEL_KEY],
    tuple(sorted((weights or {}).items())),
    weights_mode,
    float(spread),
    int(draws),
    int(seed),
    distribution,
    conc,
    BATCH,
)

if run:
    bar = st.progress(0.0, text=f"Drawing {int(draws):,} perturbed models…")
    try:
        result = monte_carlo(
            model,
            int(draws),
            float(spread),
            seed=int(seed),
            distribution=distribution,
            criterion_weights=weights,
            concentration=conc,
            batch_size=BATCH,
            progress=lambda f: bar.progress(min(float(f), 1.0), text=f"{f:.0%} of {int(draws):,} draws"),
        )
    except ANPError as err:
        bar.empty()
        st.error(str(err))
        st.stop()
    bar.empty()
    store = {k: v for k, v in ss[RESULTS].items() if k != inputs}
    store[inputs] = result
    ss[RESULTS] = dict(list(store.items())[-KEEP:])
    ss[LAST] = inputs

result = ss[RESULTS].get(inputs)
if result is None:
    if ss.get(LAST) in ss[RESULTS]:
        st.info(
            "The inputs, the sliders or the judgments changed since the last run: press **Run Monte Carlo** "
            "to see results for the current ones.",
            icon=":material/refresh:",
        )
    else:
        st.info("Choose the inputs and press **Run Monte Carlo**.", icon=":material/play_arrow:")
    st.stop()

# ----- results -----
base_top = result.factor_ids[int(result.base_composite.argmax())]
st.subheader("Results")
m1, m2, m3, m4 = st.columns(4)
m1.metric(
    "Top factor stays the same",
    f"{result.top_factor_stability:.1%}",
    help=(
        f"Share of draws in which {names[base_top]} (first without perturbation) still has the largest "
        "composite weight. P(top 1) in the table below also counts draws where it ties for first "
        "at 3 decimals (competition ranks, as the paper rounds), so it can be a little higher."
    ),
    border=True,
)
m2.metric("Draws", f"{result.draws:,}", border=True)
m3.metric(
    "Judgments perturbed",
    f"{result.n_judgments:,}",
    help="Upper-triangle entries of every matrix.",
    border=True,
)
m4.metric(
    "Spread (doublings)",
    f"±{result.spread:g}",
    help=f"Judgments move by up to ×{2**result.spread:.3g} either way.",
    border=True,
)
mode = "the model's criteria comparison (perturbed)" if weights_mode == "model" else "the sliders' weights"
st.caption(
    f"{names[base_top]} keeps the largest composite weight in {result.top_factor_stability:.1%} of the draws "
    "(P(top 1) below also counts ties at 3 decimals). "
    f"Criterion weights: {mode}{'' if conc is None else f', drawn from Dirichlet(c = {conc:g})'}; "
    f"{DISTRIBUTIONS[result.distribution].split(':')[0].lower()} perturbation; seed {result.seed}."
)

summary = result.summary
table = pd.DataFrame(
    {
        "Factor": summary["name"],
        "Rank": summary["base_rank"].astype(int),
        "Verdict": summary["verdict"],
        "Within one rank": summary["within_one_rank"],
        "Median rank": summary["median_rank"],
        "5–95 % ranks": [
            f"{int(a)}–{int(b)}" for a, b in zip(summary["rank_p05"], summary["rank_p95"], strict=True)
        ],
        "P(top 1)": summary["p_top1"],
        "P(top 3)": summary["p_top3"],
        "P(top 5)": summary["p_top5"],
    },
    index=summary.index,
)
st.subheader("Stability verdict per factor")
st.caption(
    "*stable*: in at least 90 % of the draws the factor is within one rank of its rank without perturbation "
    "(*Rank*); *fairly stable*: 60–90 %; *uncertain*: below 60 %. P(top k): share of draws in which the "
    "factor ranks k-th or better."
)
pct = st.column_config.NumberColumn(format="percent", width="small")
st.dataframe(
    table,
    hide_index=True,
    key="mc_summary",
    column_config={
        "Factor": st.column_config.TextColumn(width="medium"),
        "Rank": st.column_config.NumberColumn(width="small", help="Rank without perturbation"),
        "Verdict": st.column_config.TextColumn(width="small"),
        "Within one rank": st.column_config.ProgressColumn(format="percent", min_value=0.0, max_value=1.0),
        "Median rank": st.column_config.NumberColumn(format="%.1f", width="small"),
        "5–95 % ranks": st.column_config.TextColumn(width="small"),
        "P(top 1)": pct,
        "P(top 3)": pct,
        "P(top 5)": pct,
    },
    height=35 * len(table) + 40,
)

base_ranks = pd.Series(result.base_ranks, index=list(result.factor_ids))
st.plotly_chart(
    whatif_figures.rank_boxplot(
        result.ranks,
        result.factor_ids,
        names,
        result.base_ranks,
        clusters=model.cluster_of,
        colors=figures.cluster_colors(model),
    ),
    key="mc_box",
    config={"displaylogo": False},
)
st.plotly_chart(
    whatif_figures.rank_heatmap(result.rank_distribution, names, base_ranks),
    key="mc_heatmap",
    config={"displaylogo": False},
)
if not math.isclose(result.spread, 0.0) and result.top_factor_stability < 0.5:
    st.warning(
        f"With this spread the first place is a toss-up: {names[base_top]} keeps it in fewer than half the draws."
    )

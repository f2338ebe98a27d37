"""Uncertainty: Monte Carlo perturbation of the judgments, run on a button.

``anp_core.montecarlo.monte_carlo`` perturbs every judgment of the current
model, draws by draws, and ranks the factors each time. The last results are
kept in session state keyed by their inputs and the model's fingerprint, so
they survive page changes and are never recomputed on a rerun. Tables and
texts come from ``dashboard.uncertainty_view``.
"""

import math

import streamlit as st

from anp_core import ANPError
from anp_core.montecarlo import monte_carlo
from dashboard import figures, model_notes, state, uncertainty_figures, uncertainty_view
from dashboard.text import plain

state.init()  # idempotent

KEEP = 4
BATCH = 500  # fixed: the random stream depends on the batch size as well as the seed
DISTRIBUTIONS = uncertainty_view.DISTRIBUTIONS

ss = st.session_state
model = state.current_model()
names = {f: model.label(f) for f in model.ranked_node_ids}

st.title("Uncertainty of the ranking")
notice = model_notes.judgments_notice(model)
if notice:
    st.warning(
        notice
        + "\n\nThis page asks: *if each judgment were off by up to the chosen factor, how much would the "
        "ranking move?* It does not recover the disagreement of the people behind the judgments.",
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
weights_now = state.effective_weights()
with st.form("mc_form", border=True):
    c1, c2, c3 = st.columns(3)
    spread = c1.slider(
        "Spread s (doublings)",
        min_value=0.0,
        max_value=3.0,
        step=0.25,
        key=state.MC_SPREAD,
        persist_state="session",
    )
    draws = c2.number_input(
        "Draws",
        min_value=100,
        max_value=20_000,
        step=500,
        key=state.MC_DRAWS,
        persist_state="session",
        help="1,000–20,000 is typical; 5,000 takes about a second on a small model.",
    )
    seed = c3.number_input(
        "Seed",
        min_value=0,
        max_value=2**31 - 1,
        step=1,
        key=state.MC_SEED,
        persist_state="session",
        help="The same seed and inputs give exactly the same result.",
    )
    distribution = st.radio(
        "Distribution of the perturbation",
        list(DISTRIBUTIONS),
        format_func=DISTRIBUTIONS.get,
        key=state.MC_DISTRIBUTION,
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
        key=state.MC_WEIGHTS_MODE,
        persist_state="session",
    )
    vary = d2.checkbox(
        "Also draw the criterion weights (Dirichlet)",
        key=state.MC_VARY,
        persist_state="session",
        help=uncertainty_view.dirichlet_help(weights_now, {c: model.label(c) for c in weights_now}),
    )
    concentration = d2.number_input(
        "Dirichlet concentration c",
        min_value=1.0,
        max_value=10_000.0,
        step=10.0,
        key=state.MC_CONCENTRATION,
        persist_state="session",
        help=uncertainty_view.dirichlet_help(
            weights_now, {c: model.label(c) for c in weights_now}, float(ss[state.MC_CONCENTRATION])
        ),
    )
    run = st.form_submit_button("Run Monte Carlo", type="primary", icon=":material/play_arrow:")

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
        st.error(plain(err))
        st.stop()
    bar.empty()
    store = {k: v for k, v in ss[state.MC_RESULTS].items() if k != inputs}
    store[inputs] = result
    ss[state.MC_RESULTS] = dict(list(store.items())[-KEEP:])
    ss[state.MC_LAST] = inputs

result = ss[state.MC_RESULTS].get(inputs)
if result is None:
    if ss.get(state.MC_LAST) in ss[state.MC_RESULTS]:
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
top_name = plain(names[base_top])
st.subheader("Results")
m1, m2, m3, m4 = st.columns(4)
m1.metric(
    "Top factor stays the same",
    f"{result.top_factor_stability:.1%}",
    help=(
        f"Share of draws in which {top_name} (first without perturbation) still has the largest "
        "composite weight. P(top 1) in the table below also counts draws where it ties for first "
        "at 3 decimals (competition ranks), so it can be a little higher."
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
    f"{top_name} keeps the largest composite weight in {result.top_factor_stability:.1%} of the draws "
    "(P(top 1) below also counts ties at 3 decimals). "
    f"Criterion weights: {mode}{'' if conc is None else f', drawn from Dirichlet(c = {conc:g})'}; "
    f"{DISTRIBUTIONS[result.distribution].split(':')[0].lower()} perturbation; seed {result.seed}."
)

table = uncertainty_view.summary_table(result)
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
        "Factor": st.column_config.TextColumn(width="large"),
        "Rank": st.column_config.NumberColumn(width="small", help="Rank without perturbation"),
        "Verdict": st.column_config.TextColumn(width="small"),
        "Within one rank": st.column_config.ProgressColumn(format="percent", min_value=0.0, max_value=1.0),
        "Median rank": st.column_config.NumberColumn(format="%.1f", width="small"),
        "5–95 % ranks": st.column_config.TextColumn(width="small"),
        "P(top 1)": pct,
        "P(top 3)": pct,
        "P(top 5)": pct,
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
        colors=figures.cluster_colors(model),
    ),
    key="mc_box",
    config={"displaylogo": False},
)
shares = uncertainty_view.rank_shares(result)
st.plotly_chart(
    uncertainty_figures.rank_heatmap(shares, names, table["Rank"], limit=uncertainty_figures.HEATMAP_LIMIT),
    key="mc_heatmap",
    config={"displaylogo": False},
)
if not math.isclose(result.spread, 0.0) and result.top_factor_stability < 0.5:
    st.warning(
        f"With this spread the first place is a toss-up: {top_name} keeps it in fewer than half the draws."
    )

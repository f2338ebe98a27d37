"""Paper audit: Table 2 as published beside what anp_core recomputes from the model."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from anp_core import ANPError, load_model
from dashboard import audit, cached, state

state.init()  # idempotent

ROW_MOVED = "background-color: #fff3cd"


@st.cache_data(show_spinner=False)
def _table2() -> pd.DataFrame:
    return audit.read_table2()


def _highlight_moves(row: pd.Series) -> list[str]:
    return [ROW_MOVED if row["Rank Δ"] != 0 else ""] * len(row)


st.title("Paper audit: Table 2, published and recomputed")
st.markdown(
    "Paper 000 publishes one results table (Table 2): the criterion weights, each factor's weight under each "
    "criterion, the composite weights and the ranks. This page puts every published number, **as printed**, "
    "beside what **anp_core recomputes from the loaded model**. Differences are always *recomputed − published*."
)
st.info(
    "**The model's judgments are reconstructed, not published.** The paper gives no judgment matrix, so the "
    "bundled model was rebuilt from Table 2 itself (ANP_METHOD.md section 4): under each criterion the published "
    "column is normalised to sum 1, the cluster weights are its cluster sums, and every judgment is the exact "
    "ratio of two of those priorities (consistent matrices, CR = 0, some ratios above Saaty's 9), given with "
    "respect to the criterion as a whole. What this means: recomputing the per-criterion columns gives back "
    "the published ones (normalised) *by construction*, so this audit does **not** verify the experts' "
    "judgments, which are unknown. It checks that Table 2 is arithmetically consistent with itself and with the "
    "ANP synthesis c = Σₖ vₖ Lₖ, and shows where and why it is not.",
    icon=":material/info:",
)

model = state.current_model()
model_key = st.session_state[state.MODEL_KEY]
table = _table2()
note = ""
try:
    # The model's own criteria comparison (the paper's v), not the sliders.
    ev = cached.evaluation(model_key, model, None)
    audit.composite(ev, table)  # raises AuditError if the factors differ from Table 2
except (ANPError, audit.AuditError) as err:
    note = f"The current model cannot be compared with Table 2 ({err}); the bundled paper model is audited instead."
    model = load_model(state.DEFAULT_MODEL_PATH)
    ev = cached.evaluation(state.model_hash(model), model, None)

if note:
    st.warning(note)
elif state.model_hash(model) != state.model_hash(state.baseline_model()) or model.id != "cbec_trade_war":
    st.warning(
        "You are auditing the **current, edited** model: judgment edits show up below as differences from "
        "Table 2. Use *Reset to the paper* in the sidebar to audit the bundled reconstruction."
    )
st.caption(
    "Recomputed with the model's own criterion weights (its criteria comparison), not the sliders of the "
    "Weights page: Table 2 is for the paper's weights."
)

columns = audit.criterion_columns(ev, table)
summary = audit.column_summary(columns)
comp = audit.composite(ev, table)
moves = audit.rank_moves(comp)
cw = audit.criterion_weights(ev, table)
cl = audit.cluster_weights(ev, table)

st.download_button(
    "Download the whole audit as CSV",
    data=lambda: audit.audit_csv(ev, table).encode("utf-8"),
    file_name="table2_audit.csv",
    mime="text/csv",
    on_click="ignore",
    icon=":material/download:",
    key="audit_dl_all",
)

# ---------------------------------------------------------------- criterion weights
st.subheader("1. Criterion weights v")
st.dataframe(
    cw.rename(
        columns={
            "name": "Criterion",
            "published_text": "Published (printed)",
            "published": "Published",
            "recomputed": "Recomputed",
            "difference": "Difference",
        }
    ).style.format({"Published": "{:.3f}", "Recomputed": "{:.6f}", "Difference": "{:+.1e}"}),
    hide_index=True,
    key="audit_criterion_weights",
)
st.markdown(
    f"The recomputed weights are the priorities of the model's 5 × 5 criteria comparison, the consistent matrix "
    f"of the published weights, so they return them exactly (largest difference "
    f"{cw['difference'].abs().max():.1e}, rounding). The published weights sum to "
    f"{cw['published'].sum():.3f}."
)

# ---------------------------------------------------------------- per-criterion columns
st.subheader("2. Weights under each criterion (the limit priorities)")
st.markdown(
    "The published columns do **not** sum to 1: they sum to "
    + ", ".join(
        f"{summary.loc[c, 'published_sum']:.3f} ({model.label(c).split()[0].lower()})" for c in summary.index
    )
    + ", an effect of rounding to 3 decimals. ANP limit priorities sum to 1, so the recomputed column equals the "
    "published column **after normalisation** (divided by its sum): the differences from the normalised values "
    "are rounding noise, while the differences from the printed values are up to "
    f"{summary['max_abs_difference'].max():.4f}."
)
st.dataframe(
    summary.reset_index()
    .assign(criterion=lambda d: [model.label(c) for c in d["criterion"]])
    .rename(
        columns={
            "criterion": "Criterion",
            "published_sum": "Column sum (printed)",
            "recomputed_sum": "Sum (recomputed)",
            "max_abs_difference": "Max |Δ| vs printed",
            "max_abs_difference_normalised": "Max |Δ| vs normalised",
        },
    )
    .style.format(
        {
            "Column sum (printed)": "{:.3f}",
            "Sum (recomputed)": "{:.6f}",
            "Max |Δ| vs printed": "{:.4f}",
            "Max |Δ| vs normalised": "{:.1e}",
        }
    ),
    hide_index=True,
    column_config={
        "Max |Δ| vs printed": st.column_config.NumberColumn(
            help="Largest |recomputed − published| in the column, against the printed values."
        ),
        "Max |Δ| vs normalised": st.column_config.NumberColumn(
            help="Largest |recomputed − published / column sum|: rounding noise for the reconstruction."
        ),
    },
    key="audit_column_summary",
)
gr = columns[(columns["criterion"] == "political") & (columns["factor_id"] == "government_regulation")]
if len(gr) == 1:
    gr_row = gr.iloc[0]
    st.markdown(
        "Note: section 3.2 of the paper says the political environment's conditional weight on government "
        f'regulation "reaches 0.210", while Table 2 prints **{gr_row["published_text"]}** (normalised '
        f"{gr_row['published_normalised']:.4f}; recomputed {gr_row['recomputed']:.4f}). The table is what the "
        "model is built from."
    )
tabs = st.tabs([model.label(c).removesuffix(" environment") for c in audit.CRITERIA])
for tab, crit in zip(tabs, audit.CRITERIA, strict=True):
    part = columns[columns["criterion"] == crit].drop(columns=["criterion", "factor_id", "published"])
    tab.dataframe(
        part.rename(
            columns={
                "factor": "Factor",
                "published_text": "Published",
                "published_normalised": "Published normalised",
                "recomputed": "Recomputed",
                "difference": "Δ vs printed",
                "difference_normalised": "Δ vs normalised",
            }
        ).style.format(
            {
                "Published normalised": "{:.4f}",
                "Recomputed": "{:.4f}",
                "Δ vs printed": "{:+.4f}",
                "Δ vs normalised": "{:+.1e}",
            }
        ),
        hide_index=True,
        key=f"audit_column_{crit}",
        column_config={
            "Factor": st.column_config.TextColumn(width=240),
            "Published": st.column_config.TextColumn(help="As printed in Table 2 (text)."),
            "Published normalised": st.column_config.NumberColumn(help="Printed value / printed column sum."),
            "Δ vs printed": st.column_config.NumberColumn(help="Recomputed − published (printed)."),
            "Δ vs normalised": st.column_config.NumberColumn(help="Recomputed − published normalised."),
        },
    )


# ---------------------------------------------------------------- composite and ranks
st.subheader("3. Composite weights and ranks")
gap = comp["published_sum_gap"].abs()
st.markdown(
    "anp_core computes the composite weight of a factor as **c = Σₖ vₖ Lₖ**: the criterion weights times the "
    "limit priorities (the normalised columns). Two things separate it from the published composite column:\n\n"
    f"1. **The published composite is not Σₖ vₖ · columnₖ of its own printed numbers.** Doing that sum on the "
    f"printed values misses the printed composite by up to {gap.max():.4f} "
    f"({comp.loc[gap.idxmax(), 'factor']}), far more than 3-decimal rounding (at most 0.0005) can explain, "
    "so the paper's composite was not computed from the printed columns (perhaps from unrounded or different "
    "intermediate results, which are not published).\n"
    "2. **Normalisation.** The recomputed value uses the columns divided by their sums (0.990 to 1.014), "
    "which shifts each term by up to about 1 %.\n\n"
    f"Together the recomputed composite differs from the published one by up to "
    f"{comp['difference'].abs().max():.4f}. The inputs are never adjusted to make the published composite "
    "come out. Highlighted rows change rank (competition ranks on 3 decimals, as the paper ranks)."
)
st.plotly_chart(audit.composite_figure(comp), key="audit_composite_chart", config={"displaylogo": False})
NUM = st.column_config.NumberColumn
TXT = st.column_config.TextColumn
shown = comp[
    [
        "factor",
        "published_text",
        "recomputed",
        "difference",
        "published_rank",
        "recomputed_rank",
        "rank_change",
    ]
]
shown = shown.rename(
    columns={
        "factor": "Factor",
        "published_text": "Published",
        "recomputed": "Recomputed",
        "difference": "Δ",
        "published_rank": "Rank (paper)",
        "recomputed_rank": "Rank (new)",
        "rank_change": "Rank Δ",
    }
)
st.dataframe(
    shown.style.apply(_highlight_moves, axis=1).format(
        {"Recomputed": "{:.4f}", "Δ": "{:+.4f}", "Rank Δ": lambda d: f"{d:+d}" if d else "–"}
    ),
    hide_index=True,
    key="audit_composite",
    height=740,
    column_config={
        "Factor": TXT(width=240),
        "Published": TXT(help="The composite weight as printed in Table 2 (text)."),
        "Recomputed": NUM(help="anp_core: c = Σₖ vₖ Lₖ on the loaded model."),
        "Δ": NUM(help="Recomputed − published."),
        "Rank (paper)": NUM(help="Overall rank as printed in Table 2."),
        "Rank (new)": NUM(help="Competition rank of the recomputed composite, rounded to 3 decimals."),
        "Rank Δ": NUM(help="Recomputed − published rank; negative = moves up."),
    },
)
st.caption(
    "*Published* = Table 2 as printed; *Recomputed* = Σₖ vₖ Lₖ from anp_core; *Δ* = recomputed − published; "
    "*Rank Δ* < 0 means the factor moves up."
)
with st.expander("Check point 1: the printed composite against Σₖ vₖ · columnₖ of the printed numbers"):
    check = comp[["factor", "published_text", "published_weighted_sum", "published_sum_gap"]].rename(
        columns={
            "factor": "Factor",
            "published_text": "Published",
            "published_weighted_sum": "Σ v·col (printed)",
            "published_sum_gap": "Σ v·col − published",
        }
    )
    st.dataframe(
        check.style.format({"Σ v·col (printed)": "{:.4f}", "Σ v·col − published": "{:+.4f}"}),
        hide_index=True,
        key="audit_printed_sum",
        height=740,
        column_config={
            "Factor": TXT(width=240),
            "Σ v·col (printed)": NUM(
                help="Σₖ vₖ · columnₖ over the printed Table 2 numbers: arithmetic on published data, "
                "not a recomputation."
            ),
        },
    )
if moves.empty:
    st.success("No factor changes rank.")
else:
    lines = []
    for _, r in moves.iterrows():
        direction = "up" if r["rank_change"] < 0 else "down"
        lines.append(
            f"- **{r['factor']}**: published rank {r['published_rank']} → recomputed "
            f"{r['recomputed_rank']} ({direction}; published {r['published_text']}, recomputed "
            f"{r['recomputed']:.4f})"
        )
    st.markdown(f"**{len(moves)} factors change rank:**\n" + "\n".join(lines))
    st.markdown(
        "The top four (government regulation, comprehensive service platform, electronic payment, consumer "
        "complaints handling) keep their ranks; the moves are among factors whose published composites differ "
        "by 0.001 to 0.005, the size of the discrepancies above."
    )

# ---------------------------------------------------------------- cluster weights
st.subheader("4. Cluster weights")
st.dataframe(
    cl.rename(
        columns={
            "cluster": "Cluster",
            "published_text": "Published (printed)",
            "published": "Published",
            "published_composite_sum": "Sum of printed composites",
            "recomputed": "Recomputed Σ c",
            "difference": "Recomputed − published",
        }
    ).style.format(
        {
            "Published": "{:.3f}",
            "Sum of printed composites": "{:.3f}",
            "Recomputed Σ c": "{:.4f}",
            "Recomputed − published": "{:+.4f}",
        }
    ),
    hide_index=True,
    key="audit_cluster_weights",
)
worst = cl["difference"].abs().idxmax()
st.markdown(
    "A cluster's weight is the sum of its factors' composite weights. The published cluster weights (in "
    "brackets after each cluster name in Table 2) match neither the recomputed sums nor the sums of the printed "
    f"composite weights exactly; the largest gap is {cl.loc[worst, 'cluster']} "
    f"(published {cl.loc[worst, 'published_text']}, sum of printed composites "
    f"{cl.loc[worst, 'published_composite_sum']:.3f}, recomputed {cl.loc[worst, 'recomputed']:.3f})."
)

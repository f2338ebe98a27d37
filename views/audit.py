"""Paper audit: the model's published results table beside what anp_core recomputes from the model.

The published table is the model file's ``published`` section (numbers as
printed); a model without one gets a line saying what the page needs. The
frames come from ``dashboard.audit``; the texts around them are computed
from those frames, never typed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from anp_core import ANPError
from dashboard import audit, audit_text, cached, chart_ui, model_notes, state
from dashboard.text import current_language, gettext, plain

state.init()  # idempotent
_ = gettext()

ROW_MOVED = "background-color: #fff3cd"
NUM = st.column_config.NumberColumn
TXT = st.column_config.TextColumn

model = state.current_model()
st.title(_("Paper audit: published and recomputed"))
if model.published is None:
    st.info(
        "This model carries no published results table (a `published` section in the model file: the numbers "
        "as printed, with their source), so there is nothing to audit it against.",
        icon=":material/fact_check:",
    )
    st.stop()

table = audit.published_table(model)
name = table.title or "the published table"
st.markdown(
    f"The model file carries a published results table (**{plain(name)}**; {plain(table.citation)}): criterion "
    "weights, each node's weight under each criterion, composite weights and ranks. This page puts every "
    "published number, **as printed**, beside what **anp_core recomputes from the current model**. Differences "
    "are always *recomputed − published*."
)
notice = model_notes.judgments_notice(model)
judgments = model.source.judgments if model.source is not None else "unspecified"
if judgments == "reconstructed":
    notice = (notice or "") + (
        "\n\nSo recomputing the per-criterion columns gives back the published ones (normalised) *by "
        "construction*: this audit does **not** verify the judgments, which are unknown. It checks that the "
        "published table is arithmetically consistent with itself and with the ANP synthesis c = Σₖ vₖ Lₖ, and "
        "shows where and why it is not."
    )
if notice:
    st.info(notice, icon=":material/info:")
if table.notes:
    st.caption(f"Notes on the table: {plain(table.notes)}")

try:
    # The model's own criteria comparison, not the sliders: the table is for the model's weights.
    ev = cached.evaluation(model)
    comp = audit.composite(ev, table)
except (ANPError, audit.AuditError) as err:
    st.warning(f"The current model cannot be compared with its published table: {plain(err)}")
    st.stop()
if state.is_edited():
    st.warning(
        "You are auditing the **current, edited** model: judgment edits show up below as differences from the "
        "published table. Use *Reset to the loaded model* in the sidebar to audit the model as loaded."
    )
st.caption(
    "Recomputed with the model's own criterion weights (its criteria comparison), not the sliders of the Weights "
    "page: the published table is for the model's weights."
)

columns = audit.criterion_columns(ev, table)
summary = audit.column_summary(columns)
moves = audit.rank_moves(comp)
cw = audit.criterion_weights(ev, table)
cl = audit.cluster_weights(ev, table)

st.download_button(
    _("Download the whole audit as CSV"),
    data=lambda: audit.audit_csv(ev, table).encode("utf-8"),
    file_name=f"{model.id}_audit.csv",
    mime="text/csv",
    on_click="ignore",
    icon=":material/download:",
    key="audit_dl_all",
)

# ---------------------------------------------------------------- criterion weights
st.subheader("1. Criterion weights v")
if cw.empty:
    st.caption("The table prints no criterion weights this model can weigh.")
else:
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
    st.markdown(audit_text.criterion_weights_text(cw, len(model.control_criteria)))

# ---------------------------------------------------------------- per-criterion columns
st.subheader("2. Weights under each criterion (the limit priorities)")
if summary.empty:
    st.caption("The table prints no per-criterion columns this model can weigh.")
else:
    st.markdown(audit_text.columns_text(summary, model))
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
            "Max |Δ| vs printed": NUM(
                help="Largest |recomputed − published| in the column, against the printed values."
            ),
            "Max |Δ| vs normalised": NUM(help="Largest |recomputed − published / column sum|."),
        },
        key="audit_column_summary",
    )
    crits = list(summary.index)
    for tab, crit in zip(st.tabs([plain(model.label(c)) for c in crits]), crits, strict=True):
        part = columns[columns["criterion"] == crit].drop(columns=["criterion", "factor_id", "published"])
        tab.dataframe(
            part.rename(
                columns={
                    "factor": "Node",
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
                "Node": TXT(width=240),
                "Published": TXT(help="As printed (text)."),
                "Published normalised": NUM(help="Printed value / printed column sum."),
                "Δ vs printed": NUM(help="Recomputed − published (printed)."),
                "Δ vs normalised": NUM(help="Recomputed − published normalised."),
            },
        )


# ---------------------------------------------------------------- composite and ranks
def _highlight_moves(row: pd.Series) -> list[str]:
    moved = row["Rank Δ"] == row["Rank Δ"] and row["Rank Δ"] != 0  # not NaN, not 0
    return [ROW_MOVED if moved else ""] * len(row)


st.subheader(_("3. Composite weights and ranks"))
printed = comp.dropna(subset=["published"])
if printed.empty:
    st.caption("The table prints no composite weights.")
else:
    gap = printed["published_sum_gap"].abs()
    st.markdown(audit_text.composite_text(comp))
    chart_ui.chart(  # its data: the table below
        audit.composite_figure(comp, name),
        key="audit_composite_chart",
        text=audit.composite_summary(comp, current_language()),
    )
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
    ].rename(
        columns={
            "factor": "Node",
            "published_text": "Published",
            "recomputed": "Recomputed",
            "difference": "Δ",
            "published_rank": "Rank (published)",
            "recomputed_rank": "Rank (new)",
            "rank_change": "Rank Δ",
        }
    )
    st.dataframe(
        shown.style.apply(_highlight_moves, axis=1).format(
            {
                "Recomputed": "{:.4f}",
                "Δ": "{:+.4f}",
                "Rank (published)": lambda r: "" if r != r else f"{int(r)}",
                "Rank Δ": lambda d: "" if d != d else (f"{int(d):+d}" if d else "–"),
            }
        ),
        hide_index=True,
        key="audit_composite",
        height=min(35 * len(shown) + 40, 800),
        column_config={
            "Node": TXT(width=240),
            "Published": TXT(help="The composite weight as printed (text)."),
            "Recomputed": NUM(help="anp_core: c = Σₖ vₖ Lₖ on the current model."),
            "Δ": NUM(help="Recomputed − published."),
            "Rank (published)": TXT(help="Overall rank as printed."),
            "Rank (new)": NUM(help="Competition rank of the recomputed composite, rounded to 3 decimals."),
            "Rank Δ": TXT(help="Recomputed − published rank; negative = moves up."),
        },
    )
    st.caption(
        "*Published* = as printed; *Recomputed* = Σₖ vₖ Lₖ from anp_core; *Δ* = recomputed − published; "
        "*Rank Δ* < 0 means the node moves up."
    )
    if gap.notna().any():
        with st.expander("Check: the printed composite against Σₖ vₖ · columnₖ of the printed numbers"):
            check = comp[
                ["factor", "published_text", "published_weighted_sum", "published_sum_gap", "rounding_bound"]
            ]
            st.dataframe(
                check.rename(
                    columns={
                        "factor": "Node",
                        "published_text": "Published",
                        "published_weighted_sum": "Σ v·col (printed)",
                        "published_sum_gap": "Σ v·col − published",
                        "rounding_bound": "Rounding explains up to",
                    }
                ).style.format(
                    {
                        "Σ v·col (printed)": "{:.4f}",
                        "Σ v·col − published": "{:+.4f}",
                        "Rounding explains up to": "{:.4f}",
                    }
                ),
                hide_index=True,
                key="audit_printed_sum",
                height=min(35 * len(check) + 40, 800),
                column_config={
                    "Node": TXT(width=240),
                    "Σ v·col (printed)": NUM(
                        help="Σₖ vₖ · columnₖ over the printed numbers: arithmetic on published data, not a "
                        "recomputation."
                    ),
                    "Rounding explains up to": NUM(
                        help="Σₖ (vₖ hᶜ + cₖ hᵛ + hᵛ hᶜ) + h: half a unit of the last printed digit of each number "
                        "(columns, weights, composite) propagated through the sum."
                    ),
                },
            )
    ranked = comp[np.isfinite(comp["published_rank"])]
    if ranked.empty:
        st.caption("The table prints no ranks.")
    elif moves.empty:
        st.success("No node changes rank.")
    else:
        st.markdown(audit_text.moves_text(comp, moves))

# ---------------------------------------------------------------- cluster weights
st.subheader("4. Cluster weights")
if cl.empty:
    st.caption("The table prints no cluster weights.")
else:
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
    st.markdown(audit_text.cluster_text(cl))

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
from dashboard.text import current_language, gettext, name_of, plain

state.init()  # idempotent
_ = gettext()
lang = current_language()

ROW_MOVED = "background-color: #fff3cd"
NUM = st.column_config.NumberColumn
TXT = st.column_config.TextColumn

model = state.current_model()
st.title(_("Paper audit: published and recomputed"))
if model.published is None:
    st.info(
        _(
            "This model carries no published results table (a `published` section in the model file: the numbers "
            "as printed, with their source), so there is nothing to audit it against."
        ),
        icon=":material/fact_check:",
    )
    st.stop()

table = audit.published_table(model, lang)
name = table.title or _("the published table")
st.markdown(
    _(
        "The model file carries a published results table (**{name}**; {citation}): criterion weights, each "
        "node's weight under each criterion, composite weights and ranks. This page puts every published number, "
        "**as printed**, beside what **`anp_core` recomputes from the current model**. Differences are always "
        "*recomputed − published*."
    ).format(name=plain(name), citation=plain(table.citation))
)
notice = model_notes.judgments_notice(model, lang)
judgments = model.source.judgments if model.source is not None else "unspecified"
if judgments == "reconstructed":
    notice = (notice or "") + (
        "\n\n"
        + _(
            "So recomputing the per-criterion columns gives back the published ones (normalised) *by "
            "construction*: this audit does **not** verify the judgments, which are unknown. It checks that the "
            "published table is arithmetically consistent with itself and with the ANP synthesis c = Σₖ vₖ Lₖ, "
            "and shows where and why it is not."
        )
    )
if notice:
    st.info(notice, icon=":material/info:")
if table.notes:
    st.caption(_("Notes on the table: {notes}").format(notes=plain(table.notes)))

try:
    # The model's own criteria comparison, not the sliders: the table is for the model's weights.
    ev = cached.evaluation(model)
    comp = audit.composite(ev, table)
except (ANPError, audit.AuditError) as err:
    st.warning(
        _("The current model cannot be compared with its published table: {error}").format(error=plain(err))
    )
    st.stop()
if state.is_edited():
    st.warning(
        _(
            "You are auditing the **current, edited** model: judgment edits show up below as differences from the "
            "published table. Use *Reset to the loaded model* in the sidebar to audit the model as loaded."
        )
    )
st.caption(
    _(
        "Recomputed with the model's own criterion weights (its criteria comparison), not the sliders of the "
        "Weights page: the published table is for the model's weights."
    )
)

# the names in the interface language (the frames carry the model's own names)
comp = comp.assign(factor=[name_of(model, str(i), lang) for i in comp.index])
columns = audit.criterion_columns(ev, table)
columns = columns.assign(factor=[name_of(model, str(i), lang) for i in columns["factor_id"]])
summary = audit.column_summary(columns)
moves = audit.rank_moves(comp)
cw = audit.criterion_weights(ev, table)
cw = cw.assign(name=[name_of(model, str(i), lang) for i in cw.index])
cl = audit.cluster_weights(ev, table)
cl = cl.assign(cluster=[name_of(model, str(i), lang) for i in cl.index])

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
st.subheader(_("1. Criterion weights v"))
if cw.empty:
    st.caption(_("The table prints no criterion weights this model can weigh."))
else:
    st.dataframe(
        cw.rename(
            columns={
                "name": _("Criterion"),
                "published_text": _("Published (printed)"),
                "published": _("Published"),
                "recomputed": _("Recomputed"),
                "difference": _("Difference"),
            }
        ).style.format({_("Published"): "{:.3f}", _("Recomputed"): "{:.6f}", _("Difference"): "{:+.1e}"}),
        hide_index=True,
        key="audit_criterion_weights",
    )
    st.markdown(audit_text.criterion_weights_text(cw, len(model.control_criteria), lang))

# ---------------------------------------------------------------- per-criterion columns
st.subheader(_("2. Weights under each criterion (the limit priorities)"))
if summary.empty:
    st.caption(_("The table prints no per-criterion columns this model can weigh."))
else:
    st.markdown(audit_text.columns_text(summary, model, lang))
    vs_printed, vs_normalised = _("Max |Δ| vs printed"), _("Max |Δ| vs normalised")
    st.dataframe(
        summary.reset_index()
        .assign(criterion=lambda d: [name_of(model, c, lang) for c in d["criterion"]])
        .rename(
            columns={
                "criterion": _("Criterion"),
                "published_sum": _("Column sum (printed)"),
                "recomputed_sum": _("Sum (recomputed)"),
                "max_abs_difference": vs_printed,
                "max_abs_difference_normalised": vs_normalised,
            },
        )
        .style.format(
            {
                _("Column sum (printed)"): "{:.3f}",
                _("Sum (recomputed)"): "{:.6f}",
                vs_printed: "{:.4f}",
                vs_normalised: "{:.1e}",
            }
        ),
        hide_index=True,
        column_config={
            vs_printed: NUM(
                help=_("Largest |recomputed − published| in the column, against the printed values.")
            ),
            vs_normalised: NUM(help=_("Largest |recomputed − published / column sum|.")),
        },
        key="audit_column_summary",
    )
    crits = list(summary.index)
    for tab, crit in zip(st.tabs([plain(name_of(model, c, lang)) for c in crits]), crits, strict=True):
        part = columns[columns["criterion"] == crit].drop(columns=["criterion", "factor_id", "published"])
        tab.dataframe(
            part.rename(
                columns={
                    "factor": _("Node"),
                    "published_text": _("Published"),
                    "published_normalised": _("Published normalised"),
                    "recomputed": _("Recomputed"),
                    "difference": _("Δ vs printed"),
                    "difference_normalised": _("Δ vs normalised"),
                }
            ).style.format(
                {
                    _("Published normalised"): "{:.4f}",
                    _("Recomputed"): "{:.4f}",
                    _("Δ vs printed"): "{:+.4f}",
                    _("Δ vs normalised"): "{:+.1e}",
                }
            ),
            hide_index=True,
            key=f"audit_column_{crit}",
            column_config={
                _("Node"): TXT(width=240),
                _("Published"): TXT(help=_("As printed (text).")),
                _("Published normalised"): NUM(help=_("Printed value / printed column sum.")),
                _("Δ vs printed"): NUM(help=_("Recomputed − published (printed).")),
                _("Δ vs normalised"): NUM(help=_("Recomputed − published normalised.")),
            },
        )


# ---------------------------------------------------------------- composite and ranks
RANK_D = _("Rank Δ")


def _highlight_moves(row: pd.Series) -> list[str]:
    moved = row[RANK_D] == row[RANK_D] and row[RANK_D] != 0  # not NaN, not 0
    return [ROW_MOVED if moved else ""] * len(row)


st.subheader(_("3. Composite weights and ranks"))
printed = comp.dropna(subset=["published"])
if printed.empty:
    st.caption(_("The table prints no composite weights."))
else:
    gap = printed["published_sum_gap"].abs()
    st.markdown(audit_text.composite_text(comp, lang))
    chart_ui.chart(  # its data: the table below
        audit.composite_figure(comp, name, lang),
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
            "factor": _("Node"),
            "published_text": _("Published"),
            "recomputed": _("Recomputed"),
            "difference": "Δ",
            "published_rank": _("Rank (published)"),
            "recomputed_rank": _("Rank (new)"),
            "rank_change": RANK_D,
        }
    )
    st.dataframe(
        shown.style.apply(_highlight_moves, axis=1).format(
            {
                _("Recomputed"): "{:.4f}",
                "Δ": "{:+.4f}",
                _("Rank (published)"): lambda r: "" if r != r else f"{int(r)}",
                RANK_D: lambda d: "" if d != d else (f"{int(d):+d}" if d else "–"),
            }
        ),
        hide_index=True,
        key="audit_composite",
        height=min(35 * len(shown) + 40, 800),
        column_config={
            _("Node"): TXT(width=240),
            _("Published"): TXT(help=_("The composite weight as printed (text).")),
            _("Recomputed"): NUM(help=_("`anp_core`: c = Σₖ vₖ Lₖ on the current model.")),
            "Δ": NUM(help=_("Recomputed − published.")),
            _("Rank (published)"): TXT(help=_("Overall rank as printed.")),
            _("Rank (new)"): NUM(
                help=_("Competition rank of the recomputed composite, rounded to 3 decimals.")
            ),
            RANK_D: TXT(help=_("Recomputed − published rank; negative = moves up.")),
        },
    )
    st.caption(
        _(
            "*Published* = as printed; *Recomputed* = Σₖ vₖ Lₖ from `anp_core`; *Δ* = recomputed − published; "
            "*Rank Δ* < 0 means the node moves up."
        )
    )
    if gap.notna().any():
        with st.expander(_("Check: the printed composite against Σₖ vₖ · columnₖ of the printed numbers")):
            check = comp[
                ["factor", "published_text", "published_weighted_sum", "published_sum_gap", "rounding_bound"]
            ]
            v_col, v_gap, rounding = (
                _("Σ v·col (printed)"),
                _("Σ v·col − published"),
                _("Rounding explains up to"),
            )
            st.dataframe(
                check.rename(
                    columns={
                        "factor": _("Node"),
                        "published_text": _("Published"),
                        "published_weighted_sum": v_col,
                        "published_sum_gap": v_gap,
                        "rounding_bound": rounding,
                    }
                ).style.format({v_col: "{:.4f}", v_gap: "{:+.4f}", rounding: "{:.4f}"}),
                hide_index=True,
                key="audit_printed_sum",
                height=min(35 * len(check) + 40, 800),
                column_config={
                    _("Node"): TXT(width=240),
                    v_col: NUM(
                        help=_(
                            "Σₖ vₖ · columnₖ over the printed numbers: arithmetic on published data, not a "
                            "recomputation."
                        )
                    ),
                    rounding: NUM(
                        help=_(
                            "Σₖ (vₖ hᶜ + cₖ hᵛ + hᵛ hᶜ) + h: half a unit of the last printed digit of each number "
                            "(columns, weights, composite) propagated through the sum."
                        )
                    ),
                },
            )
    ranked = comp[np.isfinite(comp["published_rank"])]
    if ranked.empty:
        st.caption(_("The table prints no ranks."))
    elif moves.empty:
        st.success(_("No node changes rank."))
    else:
        st.markdown(audit_text.moves_text(comp, moves, lang))

# ---------------------------------------------------------------- cluster weights
st.subheader(_("4. Cluster weights"))
if cl.empty:
    st.caption(_("The table prints no cluster weights."))
else:
    st.dataframe(
        cl.rename(
            columns={
                "cluster": _("Cluster"),
                "published_text": _("Published (printed)"),
                "published": _("Published"),
                "published_composite_sum": _("Sum of printed composites"),
                "recomputed": _("Recomputed Σ c"),
                "difference": _("Recomputed − published"),
            }
        ).style.format(
            {
                _("Published"): "{:.3f}",
                _("Sum of printed composites"): "{:.3f}",
                _("Recomputed Σ c"): "{:.4f}",
                _("Recomputed − published"): "{:+.4f}",
            }
        ),
        hide_index=True,
        key="audit_cluster_weights",
    )
    st.markdown(audit_text.cluster_text(cl, lang))

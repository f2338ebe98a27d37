"""View builders of the panel pages (pure functions, no Streamlit): questionnaire steps, tables, figures.

Every builder takes the interface's translator ``_`` (English by default) and,
where it names a model's elements, the panel's model and the language, so the
names come out as the model translates them. Text that comes from a
facilitator, a model file or an expert goes through :func:`plain` before
Streamlit renders it as markdown, and through :func:`plot_text` before it
reaches a chart (STYLE.md 3.12); table cells are shown as text and need
neither.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from anp_core import Model, PairwiseMatrix
from anp_core.aggregation import Aggregate
from anp_core.aggregation_model import CRITERIA_KEY, MatrixKey, MatrixSpec
from anp_core.i18n import N_, Translator
from anp_core.repair import scale_repairs
from dashboard import palette
from dashboard.panel_text import EN, VERBAL_TEXT, consensus_word, formats, translate_message
from dashboard.text import plain, plot_label, plot_text
from dashboard.text_alternatives import Phrases, ranking_summary
from panel.results import MatrixResult, expert_matrix
from panel.scale import SCALE_VALUES, side_strength
from panel.store import AssignmentState, ExpertSpec, ExpertState, PanelState

__all__ = [
    "ALL_MATRICES",
    "OVERVIEW_ROW_HEIGHT",
    "PRIORITY_FORMAT",
    "SCALE_OPTIONS",
    "Review",
    "Revision",
    "answers_stamp",
    "assignment_status",
    "element_labels",
    "expert_links",
    "expert_priorities_figure",
    "group_cr_text",
    "matrix_groups",
    "matrix_question",
    "matrix_title",
    "model_display_name",
    "next_pair",
    "option_label",
    "overview_columns",
    "pair_list",
    "parse_experts",
    "plain",
    "priorities_summary",
    "priorities_table",
    "priority_formats",
    "progress",
    "ranking_table",
    "results_overview",
    "review",
    "spread_formats",
    "spread_rows",
    "status_table",
]

#: Marker of the group result in the experts' chart (experts take the palette's styles, open).
GROUP_MARKER = {
    "color": palette.PLOT_TEXT,
    "size": 15,
    "symbol": "diamond",
    "line": {"color": "#FFFFFF", "width": 1},
}
SCALE_OPTIONS: tuple[float, ...] = SCALE_VALUES
#: The experts table's choice for "every matrix of the panel" (shown translated).
ALL_MATRICES = N_("All chosen matrices")


# --------------------------------------------------------------------------- names
def element_labels(spec: MatrixSpec, model: Model | None = None, lang: str = "en") -> tuple[str, ...]:
    """Return the names of a matrix's elements in ``lang`` (the panel's own names without a model)."""
    if model is None:
        return spec.labels
    return tuple(model.label(e, lang) for e in spec.elements)


def _key_names(key: MatrixKey, model: Model, lang: str) -> tuple[str, str, str]:
    criterion, _kind, wrt, cluster = key
    crit = model.label(criterion, lang)
    return crit, crit if wrt == criterion else model.label(wrt, lang), model.label(cluster or "", lang)


def matrix_title(spec: MatrixSpec, model: Model | None = None, lang: str = "en", _: Translator = EN) -> str:
    """Return a matrix's title in ``_``'s language ("Policy: factors of Logistics with respect to Policy")."""
    if spec.key == CRITERIA_KEY:
        return _("Control criteria")
    if model is None:
        return spec.title
    crit, wrt, cluster = _key_names(spec.key, model, lang)
    if spec.key[1] == "clusters":
        return _("{criterion}: clusters with respect to {wrt}").format(criterion=crit, wrt=wrt)
    return _("{criterion}: factors of {cluster} with respect to {wrt}").format(
        criterion=crit, cluster=cluster, wrt=wrt
    )


def matrix_question(
    spec: MatrixSpec, model: Model | None = None, lang: str = "en", _: Translator = EN
) -> str:
    """Return the question an expert answers for a matrix, in ``_``'s language."""
    if spec.key == CRITERIA_KEY:
        return _("Which criterion matters more for the decision, and how much more?")
    if model is None:
        return spec.question
    crit, wrt, cluster = _key_names(spec.key, model, lang)
    if spec.key[1] == "clusters":
        return _("Under {criterion}, which cluster has more influence on {wrt}, and how much more?").format(
            criterion=crit, wrt=wrt
        )
    return _(
        "Under {criterion}, which factor of {cluster} has more influence on {wrt}, and how much more?"
    ).format(criterion=crit, cluster=cluster, wrt=wrt)


def model_display_name(model: Model | None, lang: str, fallback: str) -> str:
    """Return the model's name in ``lang`` where it has one, else ``fallback`` (the name stored with the panel)."""
    if model is None:
        return fallback
    tr = model.translations.get(lang)
    return tr.name if tr is not None and tr.name else fallback


# --------------------------------------------------------------------------- questionnaire
def pair_list(n: int) -> list[tuple[int, int]]:
    """Return the pairs ``(i, j)``, ``i < j``, in questionnaire order."""
    return [(i, j) for i in range(n) for j in range(i + 1, n)]


def option_label(value: float, first: str, second: str, _: Translator = EN) -> str:
    """Return the slider label of a judgment ``a_ij = value`` (which element, how much more).

    Examples
    --------
    >>> option_label(5.0, "A", "B"), option_label(1.0, "A", "B"), option_label(0.25, "A", "B")
    ('A · 5 · strong importance', 'Equal importance', 'B · 4 · moderate to strong')
    """
    side, strength = side_strength(value)
    if strength == 1:
        return _("Equal importance")
    return _("{element} · {strength} · {words}").format(
        element=first if side == 0 else second, strength=strength, words=_(VERBAL_TEXT[strength])
    )


def next_pair(a: AssignmentState, after: int = -1) -> int | None:
    """Return the index (in :func:`pair_list`) of the next unanswered pair after ``after``, wrapping; None if all done."""
    pairs = pair_list(a.matrix.spec.n)
    order = list(range(after + 1, len(pairs))) + list(range(after + 1))
    for k in order:
        if pairs[k] not in a.answers:
            return k
    return None


def progress(state: ExpertState) -> tuple[int, int, int, int]:
    """Return (pairs answered, pairs asked, matrices submitted, matrices asked)."""
    done = sum(a.n_answered for a in state.assignments)
    total = sum(a.matrix.spec.n_pairs for a in state.assignments)
    sub = sum(a.submitted_at is not None for a in state.assignments)
    return done, total, sub, len(state.assignments)


def assignment_status(a: AssignmentState, _: Translator = EN) -> str:
    """Return a short status of one matrix for the expert ("submitted", "3 of 6 answered" …)."""
    if a.submitted_at is not None:
        return _("submitted ✓")
    if a.complete:
        return _("all answered, not submitted")
    return _("{done} of {total} answered").format(done=a.n_answered, total=a.matrix.spec.n_pairs)


@dataclass(frozen=True)
class Revision:
    """The answer to revise first: pair ``(i, j)``, the answer given, the scale point the other answers suggest."""

    i: int
    j: int
    value: float
    suggested: float  # the point of Saaty's scale nearest to what the other answers imply
    cr_after: float  # the matrix's CR with ``suggested`` in place of ``value``
    tied: bool  # another answer is just as inconsistent (always so with three elements)


@dataclass(frozen=True)
class Review:
    """What the expert sees before submitting a complete matrix."""

    priorities: np.ndarray
    cr: float
    worst: Revision | None


def review(a: AssignmentState) -> Review | None:
    """Return priorities, CR and the most inconsistent answer of a complete matrix (None if incomplete).

    The most inconsistent answer is the one whose change alone to a point of
    Saaty's scale lowers the CR most (:func:`anp_core.repair.scale_repairs`:
    every scale value tried for each answer, the others kept); none is named
    when no change on the scale lowers the CR.
    """
    if not a.complete:
        return None
    spec = a.matrix.spec
    pm = PairwiseMatrix(np.array(expert_matrix(a)), spec.labels, name=spec.title)
    cr = pm.cr
    options = scale_repairs(pm) if cr > 1e-9 else []
    worst = None
    for k, s in enumerate(options):
        value = a.answers[(s.row, s.col)]
        if math.isclose(s.suggested, value, rel_tol=1e-9) or s.cr_after >= cr:
            continue
        tied = any(math.isclose(o.cr_drop, s.cr_drop, rel_tol=1e-6) for o in options[:k] + options[k + 1 :])
        worst = Revision(s.row, s.col, value, s.suggested, s.cr_after, tied)
        break
    return Review(pm.priorities(), cr, worst)


# --------------------------------------------------------------------------- facilitator: tables
def _short(position: int) -> str:
    return f"M{position + 1:02d}"


def status_table(state: PanelState, _: Translator = EN) -> pd.DataFrame:
    """Return experts x matrices: '✓ CR 0.05' submitted, '4/6' in progress, '–' not asked."""
    cols: dict[str, list[str]] = {}
    for m in state.matrices:
        col = []
        for e in state.experts:
            a = state.assignments.get((e.id, m.id))
            if a is None:
                col.append("–")
            elif a.submitted_at is not None:
                cr = f" CR {a.submitted_cr:.2f}" if a.submitted_cr is not None else ""
                col.append(f"✓{cr}")
            else:
                col.append(f"{a.n_answered}/{m.spec.n_pairs}")
        cols[_short(m.position)] = col
    df = pd.DataFrame(cols, index=[e.name for e in state.experts])
    df.index.name = _("Expert")
    return df


def answers_stamp(state: PanelState) -> tuple[object, ...]:
    """Return what changes when any answer is saved, changed or submitted (to tell that a redraw is due)."""
    return tuple(
        sorted(
            (key, a.submitted_at, tuple(sorted(a.answers.items()))) for key, a in state.assignments.items()
        )
    )


def group_cr_text(agg: Aggregate | None, _: Translator = EN) -> str:
    """Return the group CR to show: 3 decimals under AIJ, "n/a under AIP" (no group CR there), "–" without a result.

    Under AIP the group matrix is ``w_i / w_j`` of the group priorities,
    consistent by construction, so its CR (always 0) would say nothing.
    """
    if agg is None:
        return "–"
    return _("n/a under AIP") if agg.cr is None else f"{agg.cr:.3f}"


#: Width (pixels) and number format of the overview's columns (English names: :func:`overview_columns`
#: translates them). Without the optional Note they fill the main column at 1280 px (about 820 px);
#: long cells wrap (see ``OVERVIEW_ROW_HEIGHT``).
_OVERVIEW_COLUMNS: dict[str, tuple[int, str | None]] = {
    N_("Matrix"): (50, None),
    N_("Title"): (176, None),
    N_("Submitted"): (76, None),
    N_("Experts used"): (92, None),
    N_("Consensus S*"): (98, "%.3f"),
    N_("Agreement"): (78, None),
    N_("Group CR"): (76, None),
    N_("Most disputed pair"): (168, None),
    N_("Note"): (160, None),
}
#: Row height (px) of the overview: above 4rem Streamlit wraps long cells (two to three lines).
OVERVIEW_ROW_HEIGHT = 70


def overview_columns(_: Translator = EN) -> dict[str, tuple[int, str | None]]:
    """Return {translated column name: (width, number format or None)} of :func:`results_overview`."""
    return {_(name): spec for name, spec in _OVERVIEW_COLUMNS.items()}


def results_overview(
    results: Sequence[MatrixResult], model: Model | None = None, lang: str = "en", _: Translator = EN
) -> pd.DataFrame:
    """Return one row per matrix: experts used, submitted/asked, consensus S* and word, CR, most disputed pair.

    The Note column (why a matrix has no result yet) is left out when no matrix has a note.

    The most disputed pair is :attr:`anp_core.aggregation.Aggregate.most_disputed`
    ("–" when the experts agree on every pair); the group CR is :func:`group_cr_text`.
    """
    rows = []
    for r in results:
        agg = r.aggregate
        top = agg.most_disputed if agg is not None else None
        labels = element_labels(r.matrix.spec, model, lang)
        c = agg.consensus if agg is not None else None
        rows.append(
            {
                _("Matrix"): _short(r.matrix.position),
                _("Title"): matrix_title(r.matrix.spec, model, lang, _),
                _("Submitted"): f"{r.submitted}/{r.assigned}",
                _("Experts used"): len(r.experts),
                _("Consensus S*"): c.s_star if c is not None else math.nan,
                _("Agreement"): consensus_word(c.word, _) if c is not None else "–",
                _("Group CR"): group_cr_text(agg, _),
                _("Most disputed pair"): (
                    _("{first} vs {second} (×{spread})").format(
                        first=labels[top.row], second=labels[top.col], spread=f"{top.geometric_sd:.2f}"
                    )
                    if top is not None
                    else "–"
                ),
                _("Note"): translate_message(r.problem, _) if r.problem else "",
            }
        )
    table = pd.DataFrame(rows)
    if rows and not table[_("Note")].any():
        table = table.drop(columns=_("Note"))  # shown only when a matrix has something to say
    return table


def spread_rows(
    result: MatrixResult, labels: Sequence[str], _: Translator = EN, top: int = 5
) -> list[dict[str, object]]:
    """Return the ``top`` most disputed pairs (largest geometric spread of the judgments) as table rows.

    Only pairs the experts differ on (:attr:`anp_core.agreement.PairSpread.disputed`):
    none when every expert gave every pair the same judgment.
    """
    agg = result.aggregate
    if agg is None:
        return []
    return [
        {
            _("Pair"): _("{first} vs {second}").format(first=labels[d.row], second=labels[d.col]),
            _("Experts"): d.n_judgments,
            _("Spread (×)"): d.geometric_sd,
            _("Lowest"): d.low,
            _("Highest"): d.high,
            _("Group"): float(agg.matrix[d.row, d.col]),
        }
        for d in [d for d in agg.disagreements if d.disputed][:top]
    ]


#: Number formats of :func:`spread_rows`' columns (spreads 2 decimals, judgments 3).
_SPREAD_FORMATS = {N_("Spread (×)"): "%.2f", N_("Lowest"): "%.3f", N_("Highest"): "%.3f", N_("Group"): "%.3f"}
#: Number format of every priority shown in a panel table.
PRIORITY_FORMAT = "%.3f"


def spread_formats(_: Translator = EN) -> dict[str, str]:
    """Return {translated column of :func:`spread_rows`: number format}, one format per column."""
    return {_(name): fmt for name, fmt in _SPREAD_FORMATS.items()}


def priority_formats(table: pd.DataFrame) -> dict[str, str]:
    """Return {column: :data:`PRIORITY_FORMAT`} for every numeric column of a priorities table."""
    return {str(c): PRIORITY_FORMAT for c in table.columns if pd.api.types.is_float_dtype(table[c])}


def priorities_table(result: MatrixResult, labels: Sequence[str], _: Translator = EN) -> pd.DataFrame:
    """Return the data of :func:`expert_priorities_figure`: one row per element, a column per expert and the group."""
    agg = result.aggregate
    data: dict[str, list[object]] = {_("Element"): list(labels)}
    if agg is None:
        return pd.DataFrame(data)
    for e, info in zip(agg.experts, result.experts, strict=True):
        values = e.priorities if e.priorities is not None else np.full(agg.n, np.nan)
        data[info.name] = [float(v) for v in values]
    data[_("Group ({method})").format(method=agg.method.upper())] = [float(v) for v in agg.priorities]
    return pd.DataFrame(data)


def _expert_marker(i: int) -> dict[str, object]:
    s = palette.style(i)
    symbol = s.symbol if s.symbol.endswith("-open") else f"{s.symbol}-open"
    return {"color": s.colour, "size": 11, "symbol": symbol, "line": {"width": 2}}


def expert_priorities_figure(result: MatrixResult, labels: Sequence[str], _: Translator = EN) -> go.Figure:
    """Return a dot plot per element: each expert's priority (open palette marker) and the group's (dark diamond).

    Each expert keeps the colour and symbol of their position among the
    experts used (:func:`dashboard.palette.style`), so nobody is told apart by
    colour alone; the legend names them.
    """
    agg = result.aggregate
    fig = go.Figure()
    if agg is None:
        return fig
    ys = list(range(len(labels)))
    for k, (e, info) in enumerate(zip(agg.experts, result.experts, strict=True)):
        if e.priorities is None:
            continue
        name = plot_text(info.name)
        fig.add_trace(
            go.Scatter(
                x=e.priorities.tolist(),
                y=ys,
                mode="markers",
                name=name,
                text=[name] * len(ys),
                marker=_expert_marker(k),
                hovertemplate="%{text}: %{x:.3f}<extra></extra>",
            )
        )
    group = plot_text(_("Group ({method})").format(method=agg.method.upper()))
    fig.add_trace(
        go.Scatter(
            x=agg.priorities.tolist(),
            y=ys,
            mode="markers",
            name=group,
            text=[group] * len(ys),
            marker=GROUP_MARKER,
            hovertemplate="%{text}: %{x:.3f}<extra></extra>",
        )
    )
    legend_rows = math.ceil((len(result.experts) + 1) / 4)
    fig.update_layout(
        height=110 + 22 * legend_rows + 36 * len(labels),
        margin={"l": 10, "r": 10, "t": 16 + 22 * legend_rows, "b": 10},
        xaxis={"title": {"text": plot_text(_("priority"))}, "rangemode": "tozero"},
        yaxis={
            "tickmode": "array",
            "tickvals": ys,
            "ticktext": [plot_label(x, 28) for x in labels],
            "autorange": "reversed",
        },
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0.0},
        showlegend=True,
    )
    return palette.apply_plot_text(fig)


def priorities_summary(result: MatrixResult, labels: Sequence[str], _: Translator = EN) -> str:
    """One sentence for :func:`expert_priorities_figure`: who leads in the group result, and the widest split.

    The lead comes from :func:`dashboard.text_alternatives.ranking_summary` on
    the group priorities; the widest split is the element whose experts'
    priorities lie farthest apart (largest ``max - min``).
    """
    agg = result.aggregate
    if agg is None:
        return _("The chart has no data.")
    phrases = Phrases(
        leads=_("{name} leads with {value}"),
        tie_lead=_("{names} share the lead with {value}"),
        only=_("{name} is the only item, with {value}"),
        top_hold=_("the top {k} hold {share}"),
        lead_share=_("{first}, {share} of the total"),
        empty=_("The chart has no data."),
        sentence_join=_("; "),
        end="",
    )
    fmt = formats(_)
    lead = ranking_summary(list(labels), agg.priorities, top=3, fmt=fmt, phrases=phrases)
    method = agg.method.upper()
    rows = [e.priorities for e in agg.experts if e.priorities is not None]
    if len(rows) < 2:
        return _("In the group result ({method}), {lead}.").format(method=method, lead=lead)
    stack = np.array(rows)
    gaps = stack.max(axis=0) - stack.min(axis=0)
    k = int(np.argmax(gaps))
    if gaps[k] < 5e-4:  # the same to the three decimals shown: no element to single out
        return _("In the group result ({method}), {lead}; the experts' priorities agree.").format(
            method=method, lead=lead
        )
    return _(
        "In the group result ({method}), {lead}; the experts differ most on {name}, from {low} to {high}."
    ).format(
        method=method,
        lead=lead,
        name=labels[k],
        low=fmt.number(float(stack[:, k].min())),
        high=fmt.number(float(stack[:, k].max())),
    )


# --------------------------------------------------------------------------- facilitator: creating a panel
def matrix_groups(model: Model, lang: str = "en", _: Translator = EN) -> dict[str, tuple[MatrixKey, ...]]:
    """Return named groups of a model's matrices for assigning work: the criteria comparison, each criterion's network."""
    groups: dict[str, tuple[MatrixKey, ...]] = {_("Control criteria"): (CRITERIA_KEY,)}
    for c in model.criteria:
        keys = tuple(comp.key for comp in model.comparisons_for(c.id) if len(comp.elements) >= 2)
        if keys:
            groups[_("Network of {criterion}").format(criterion=model.label(c.id, lang))] = keys
    return groups


def expert_links(
    base_url: str, tokens: Sequence[tuple[int, str, str]], lang: str = "en", _: Translator = EN
) -> pd.DataFrame:
    """Return a table of expert names and private links (shown once, after creation or a new link).

    A link opens the questionnaire in ``lang`` (``&lang=zh``); English links carry no language.
    """
    base = base_url.rstrip("/")
    tail = "" if lang == "en" else f"&lang={lang}"
    return pd.DataFrame(
        {
            _("Expert"): [name for _id, name, _t in tokens],
            _("Private link"): [f"{base}/?panel={t}{tail}" for _id, _n, t in tokens],
        }
    )


def parse_experts(
    rows: Sequence[dict[str, object]],
    groups: dict[str, tuple[MatrixKey, ...]],
    chosen: Sequence[MatrixKey],
    all_label: str = ALL_MATRICES,
) -> list[ExpertSpec]:
    """Turn the experts table of the creation form into ExpertSpecs (blank rows dropped).

    ``Answers`` lists group names; empty or ``all_label`` means every chosen matrix.
    Raises ValueError naming the row for a weight that is not a number.
    """
    out: list[ExpertSpec] = []
    chosen_set = set(chosen)
    for k, row in enumerate(rows, start=1):
        name = str(row.get("Name") or "").strip()
        if not name:
            continue
        raw = row.get("Weight")
        try:
            weight = 1.0 if raw is None or (isinstance(raw, float) and math.isnan(raw)) else float(str(raw))
        except ValueError:
            msg = f"row {k}: weight {str(raw)[:20]!r} is not a number"
            raise ValueError(msg) from None
        picked = [str(g) for g in (row.get("Answers") or []) if str(g) != all_label]  # type: ignore[attr-defined]
        keys: tuple[MatrixKey, ...] | None = None
        if picked:
            keys = tuple(k2 for g in picked for k2 in groups.get(g, ()) if k2 in chosen_set)
        out.append(ExpertSpec(name=name, weight=weight, matrices=keys))
    return out


def ranking_table(model: Model, group_model: Model, lang: str = "en", _: Translator = EN) -> pd.DataFrame:
    """Return the factors ranked under the group judgments beside their rank in ``model``."""
    from anp_core import evaluate

    now, grp = evaluate(model), evaluate(group_model)
    t = pd.DataFrame(
        {
            _("Factor"): [group_model.label(f, lang) for f in grp.factor_ids],
            _("Group weight"): np.asarray(grp.composite_values, dtype=float),
            _("Group rank"): np.asarray(grp.rank_values, dtype=int),
            _("Rank now"): np.asarray(now.rank_values, dtype=int),
        }
    )
    t[_("Change")] = t[_("Rank now")] - t[_("Group rank")]
    return t.sort_values(_("Group rank")).reset_index(drop=True)

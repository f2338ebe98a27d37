"""View builders of the Scenarios page: scenarios, their effects, recommendations.

No Streamlit import: these take anp_core results and return plain pandas
objects, scenarios and markdown (model text escaped), so they are tested
directly (tests/dashboard/). Which preset scenarios are offered, and what the
recommendations say, come from data: presets that fit the model, and the
model file's ``recommendations`` section.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from anp_core import ANPError, Comparison, Model, resolve_weights
from anp_core.i18n import N_
from anp_core.model_schema import Recommendation
from anp_core.scenarios import Scenario, compare
from dashboard.scenario_link import JudgmentDiff
from dashboard.text import plain

__all__ = [
    "OWN",
    "Effective",
    "compare_effective",
    "distinct_names",
    "effective",
    "fitting",
    "judgments_notice",
    "own_scenario",
    "rank_change_display",
    "rank_change_table",
    "recommendation_lines",
    "recommendation_links",
    "scenario_from_weights",
    "slugify",
]

#: Id of the built-in scenario holding the model's own criterion weights.
OWN = "model_weights"


def judgments_notice(model: Model, lang: str = "en") -> str | None:
    """Return where the model's judgments come from (markdown), in ``lang``; None for elicited ones.

    English: :func:`dashboard.model_notes.judgments_notice`; other languages:
    the policy brief's translated sentence (the model's notes have no
    translation in the model format, so they are left out).
    """
    from dashboard import model_notes

    return model_notes.judgments_notice(model, lang)


def slugify(name: str, taken: Sequence[str] = ()) -> str:
    """Return a scenario id (``^[a-z][a-z0-9_]*$``) for ``name``, not in ``taken``.

    Examples
    --------
    >>> slugify("My tariff case!"), slugify("2026 plan"), slugify("Baseline", taken=["baseline"])
    ('my_tariff_case', 's_2026_plan', 'baseline_2')
    """
    base = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")[:60] or "scenario"
    if not base[0].isalpha():
        base = f"s_{base}"
    slug, k = base, 2
    while slug in set(taken):
        slug = f"{base}_{k}"
        k += 1
    return slug


def scenario_from_weights(
    name: str,
    weights: Mapping[str, float],
    taken: Sequence[str] = (),
    note: str = "",
    overrides: Sequence[Comparison] = (),
) -> Scenario:
    """Return a user scenario holding ``weights`` (renormalised to sum 1, zeros dropped) and ``overrides``.

    Parameters
    ----------
    name : str
        Display name (also the source of the id).
    weights : mapping
        Criterion id -> slider value.
    taken : sequence of str
        Ids already in use (a suffix keeps the new id distinct).
    note : str
        Rationale text.
    overrides : sequence of Comparison
        Judgment matrices that replace the opened model's (the user's edits).

    Returns
    -------
    Scenario
        ``illustrative=True``, no sources.

    Raises
    ------
    anp_core.ANPError
        If the name is empty or the weights sum to 0 (a ModelValidationError
        from the scenario schema for other problems).
    """
    from anp_core import ANPError

    clean = " ".join(name.split())[:80]
    if not clean:
        msg = "give the scenario a name"
        raise ANPError(msg)
    total = float(sum(max(float(w), 0.0) for w in weights.values()))
    if total <= 0:
        msg = "the criterion weights sum to 0"
        raise ANPError(msg)
    w = {c: round(float(v) / total, 6) for c, v in weights.items() if float(v) > 0}
    return Scenario(
        id=slugify(clean, taken),
        name=clean,
        rationale=note
        or "Saved from the dashboard's sliders; a user choice, not a result of the model's source.",
        illustrative=True,
        criterion_weights=w,
        overrides=tuple(overrides),
    )


#: The built-in scenario's rationale (translate with ``_``).
OWN_RATIONALE = N_("The priorities of the model's criteria comparison: the weights the model itself gives.")


def own_scenario(model: Model, name: str = "Model's own weights", rationale: str = OWN_RATIONALE) -> Scenario:
    """Return the built-in scenario of the model's own criterion weights (its criteria comparison)."""
    weights = {c: round(w, 6) for c, w in resolve_weights(model, None).items() if w > 0}
    return Scenario(
        id=OWN,
        name=name,
        rationale=rationale,
        illustrative=False,
        criterion_weights=weights,
    )


def fitting(model: Model, scenarios: Iterable[Scenario], baseline: Model | None = None) -> list[Scenario]:
    """Return the scenarios whose criteria (and overrides) the model has, in order.

    A scenario with judgment overrides is checked against ``baseline`` (the
    model as opened, which its overrides replace judgments of), if given.
    """
    out = []
    for sc in scenarios:
        try:
            sc.check_against(baseline if sc.overrides and baseline is not None else model)
        except ANPError:
            continue
        out.append(sc)
    return out


@dataclass(frozen=True)
class Effective:
    """What a scenario is evaluated as on the page: ``evaluate(model, scenario.criterion_weights, scenario.overrides)``.

    ``edits`` says whether the overrides are the user's current judgment
    edits lent to a scenario that carries none of its own.
    """

    model: Model
    scenario: Scenario
    edits: bool = False


def effective(sc: Scenario, baseline: Model, current: Model, diff: JudgmentDiff) -> Effective:
    """Return the model and scenario that reproduce what the page shows for ``sc``.

    A scenario with judgment overrides stands on the model as opened:
    baseline + its overrides. A scenario of weights alone is evaluated with
    the current judgments (the user's edits): baseline + the edits as
    overrides when they rebuild the current model exactly (so the judgment
    effects can be told apart), else the current model itself.

    Parameters
    ----------
    sc : Scenario
    baseline, current : Model
        The model as opened and the edited one.
    diff : JudgmentDiff
        :func:`dashboard.scenario_link.judgment_diff` of the two.
    """
    if sc.overrides or diff.empty:
        return Effective(baseline, sc)
    if diff.exact:
        return Effective(
            baseline, sc.model_copy(update={"overrides": diff.overrides}), edits=bool(diff.overrides)
        )
    return Effective(current, sc)


def distinct_names(names: Mapping[str, str]) -> dict[str, str]:
    """Return the names with a number added to repeats, so each can head a table column.

    Examples
    --------
    >>> distinct_names({"a": "Base", "b": "Base", "c": "Other"})
    {'a': 'Base', 'b': 'Base (2)', 'c': 'Other'}
    """
    seen: dict[str, int] = {}
    out = {}
    for key, name in names.items():
        seen[name] = seen.get(name, 0) + 1
        out[key] = name if seen[name] == 1 else f"{name} ({seen[name]})"
    return out


def compare_effective(items: Sequence[Effective]) -> pd.DataFrame:
    """:func:`anp_core.scenarios.compare` of scenarios that may stand on different models.

    Same columns ``(scenario_id, composite | rank | rank_change)``; rank
    changes are against the first scenario (positive = moves up). Raises
    ANPError as ``compare`` does.
    """
    if not items:
        msg = "compare needs at least one scenario"
        raise ANPError(msg)
    if all(e.model is items[0].model for e in items):
        return compare(items[0].model, [e.scenario for e in items])
    frames = [compare(e.model, [e.scenario]) for e in items]
    out = pd.concat(frames, axis=1)
    first = out[(items[0].scenario.id, "rank")]
    for e in items:
        out[(e.scenario.id, "rank_change")] = first - out[(e.scenario.id, "rank")]
    out.columns.names = ["scenario", "value"]
    return out


def offered(
    model: Model,
    presets: Iterable[Scenario],
    own_name: str = "Model's own weights",
    own_rationale: str = OWN_RATIONALE,
) -> list[Scenario]:
    """Return the scenarios the page offers from data: the fitting presets, and the model's own weights.

    The built-in "Model's own weights" is left out when a fitting preset
    already holds exactly those weights (within 5e-4), so the list has no twin.
    """
    fit = fitting(model, presets)
    own = own_scenario(model, own_name, own_rationale)
    for sc in fit:
        total = sum(sc.criterion_weights.values())
        keys = set(sc.criterion_weights) | set(own.criterion_weights)
        if total > 0 and all(
            abs(sc.criterion_weights.get(k, 0.0) / total - own.criterion_weights.get(k, 0.0)) < 5e-4
            for k in keys
        ):
            return fit
    return [own, *fit]


def recommendation_links(
    model: Model,
    composite: pd.Series,
    ranks: pd.Series,
    *,
    top_k: int = 5,
    baseline: pd.Series | None = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Link a scenario's top factors to the model's recommendations that concern them.

    Parameters
    ----------
    model : Model
        Its ``recommendations`` section (each linked to nodes).
    composite, ranks : Series
        The scenario's composite weights and ranks (index node id).
    top_k : int
        How many top factors count as "top" (by composite weight).
    baseline : Series, optional
        Baseline composite weights, for the share's change.
    lang : str, optional
        Language of the factor names (the model's translations).

    Returns
    -------
    DataFrame
        One row per recommendation, in the file's order: ``Id``, ``Section``,
        ``Recommendation``, ``Top factors`` (the top-k factors it concerns,
        with their ranks; plain text), ``Top count``, ``Weight share`` (sum of
        the composite weights of all its ranked factors), ``Change`` (against
        ``baseline``; NaN without one) and ``Quote``.
    """
    order = composite.sort_values(ascending=False, kind="stable").index[:top_k]
    top = set(order)
    rows = []
    for rec in model.recommendations:
        ids = list(dict.fromkeys(link.node for link in rec.links if link.node in composite.index))
        hits = [f for f in order if f in ids]
        share = float(composite.reindex(ids).sum())
        rows.append(
            {
                "Id": rec.id,
                "Section": rec.section,
                "Recommendation": _recommendation_title(rec, lang),
                "Top factors": ", ".join(f"{model.label(f, lang)} (#{int(ranks[f])})" for f in hits) or "–",
                "Top count": len(set(hits) & top),
                "Weight share": share,
                "Change": share - float(baseline.reindex(ids).sum()) if baseline is not None else np.nan,
                "Quote": rec.quote,
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "Id",
            "Section",
            "Recommendation",
            "Top factors",
            "Top count",
            "Weight share",
            "Change",
            "Quote",
        ],
    )


def _recommendation_title(rec: Recommendation, lang: str | None) -> str:
    """Return a recommendation's title in ``lang`` where the model translates it (``translations[lang].name``)."""
    t = rec.translations.get(lang) if lang else None
    return str(t.name) if t is not None and t.name else str(rec.title)


def recommendation_lines(
    model: Model,
    composite: pd.Series,
    ranks: pd.Series,
    top_k: int,
    _: Callable[[str], str] = str,
    lang: str | None = None,
) -> str:
    """Return the top-k factors as a numbered markdown list, each with the recommendations that concern it.

    ``_`` translates the sentence frames; ``lang`` picks the factor names.
    """
    covered: dict[str, list[str]] = {}
    indirect = _("(indirectly)")
    for rec in model.recommendations:
        label = rec.section or _recommendation_title(rec, lang)
        for link in rec.links:
            covered.setdefault(link.node, []).append(
                plain(label) + ("" if link.strength == "direct" else f" {indirect}")
            )
    top_ids = list(composite.sort_values(ascending=False, kind="stable").index[:top_k])
    lines = []
    for k, f in enumerate(top_ids, start=1):
        head = _("**{name}** (rank {rank}, {value})").format(
            name=plain(model.label(f, lang)), rank=int(ranks[f]), value=f"{composite[f]:.3f}"
        )
        tail = (
            _("addressed by {recommendations}").format(recommendations="; ".join(covered[f]))
            if f in covered
            else _("*not addressed by any recommendation*")
        )
        lines.append(f"{k}. {head}: {tail}")
    return "\n".join(lines)


def rank_change_table(
    compared: pd.DataFrame,
    scenario_names: Mapping[str, str],
    names: Mapping[str, str],
    _: Callable[[str], str] = str,
) -> pd.DataFrame:
    """Return :func:`anp_core.scenarios.compare` as a display table of ranks and rank changes.

    Parameters
    ----------
    compared : DataFrame
        Output of ``compare`` (columns ``(scenario, composite|rank|rank_change)``).
    scenario_names : mapping
        Scenario id -> display name.
    names : mapping
        Factor id -> display name.

    Returns
    -------
    DataFrame
        Index factor id, sorted by the first scenario's rank; columns
        ``Factor``, then per scenario ``<name>: rank`` and, after the first,
        ``<name>: change`` (positive = moves up, against the first scenario).
    """
    ids = list(dict.fromkeys(compared.columns.get_level_values("scenario")))
    out = pd.DataFrame({_("Factor"): [names.get(f, f) for f in compared.index]}, index=compared.index)
    for k, sid in enumerate(ids):
        label = scenario_names.get(sid, sid)
        out[_("{name}: rank").format(name=label)] = compared[(sid, "rank")].astype(int)
        if k:
            out[_("{name}: change").format(name=label)] = compared[(sid, "rank_change")].astype(int)
    first = ids[0]
    order = compared.sort_values([(first, "rank"), (first, "composite")], ascending=[True, False]).index
    return out.loc[order]


def rank_change_display(
    compared: pd.DataFrame,
    scenario_names: Mapping[str, str],
    names: Mapping[str, str],
    _: Callable[[str], str] = str,
) -> pd.DataFrame:
    """Return a compact rank table: one text column per scenario, ``"4 ▲1"`` after the first.

    Parameters
    ----------
    compared : DataFrame
        Output of :func:`anp_core.scenarios.compare`.
    scenario_names : mapping
        Scenario id -> display name.
    names : mapping
        Factor id -> display name.

    Returns
    -------
    DataFrame
        Index factor id, sorted as :func:`rank_change_table`; columns
        ``Factor`` and one per scenario (``"5"`` for the first, ``"4 ▲1"``,
        ``"6 ▼1"`` or ``"5 –"`` for the others: rank and move against the first).
    """
    num = rank_change_table(compared, scenario_names, names, _)
    ids = list(dict.fromkeys(compared.columns.get_level_values("scenario")))
    out = pd.DataFrame({_("Factor"): num[_("Factor")]}, index=num.index)
    for k, sid in enumerate(ids):
        label = scenario_names.get(sid, sid)
        rank = num[_("{name}: rank").format(name=label)]
        if k == 0:
            out[label] = rank.astype(str)
        else:
            ch = num[_("{name}: change").format(name=label)]
            arrows = ["–" if c == 0 else (f"▲{c}" if c > 0 else f"▼{-c}") for c in ch]
            out[label] = [f"{r} {a}" for r, a in zip(rank, arrows, strict=True)]
    return out

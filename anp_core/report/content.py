"""What a policy brief says, computed by anp_core from a model and a scenario (no text, no layout).

:func:`build_brief` evaluates the scenario and the model's own weights, the
top-k thresholds of every criterion (:func:`anp_core.sensitivity.top_change_thresholds`),
the Monte Carlo stability of the top factors (:func:`anp_core.montecarlo.monte_carlo`)
and, when the scenario changes judgments, their effect on their own
(:func:`anp_core.compare.scenario_shift`). The renderer turns it into words.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from anp_core.compare import scenario_shift
from anp_core.errors import ANPError
from anp_core.evaluate import Evaluation, evaluate
from anp_core.model_schema import Model
from anp_core.scenarios import Scenario

__all__ = [
    "Brief",
    "NodeRow",
    "RecommendationItem",
    "StabilityRow",
    "ThresholdRow",
    "build_brief",
    "software_version",
]


@dataclass(frozen=True)
class NodeRow:
    """One ranked node under the scenario, with its baseline and published places."""

    id: str
    cluster: str
    composite: float
    rank: int
    base_composite: float
    base_rank: int
    published_rank: int | None
    judgment_effect: float  # part of (composite - base_composite) due to changed judgments


@dataclass(frozen=True)
class RecommendationItem:
    """A recommendation of the source linked to a top node."""

    id: str
    section: str
    title: str
    quote: str
    strength: str
    evidence: str


@dataclass(frozen=True)
class ThresholdRow:
    """How far one criterion's weight must move before the top k changes (NaN: never)."""

    criterion: str
    top: int
    current: float
    change_above: float
    change_below: float
    smallest_change: float


@dataclass(frozen=True)
class StabilityRow:
    """Monte Carlo stability of one top node."""

    id: str
    base_rank: int
    median_rank: float
    rank_p05: int
    rank_p95: int
    p_top1: float
    p_top3: float
    p_top5: float
    verdict: str


@dataclass(frozen=True)
class Brief:
    """Everything a policy brief reports (see :func:`build_brief`)."""

    model: Model
    scenario_name: str | None  # None: the model's own weights
    scenario_rationale: str
    scenario_illustrative: bool
    custom_weights: bool
    criteria: tuple[str, ...]
    weights: tuple[float, ...]
    base_weights: tuple[float, ...]
    published_weights: Mapping[str, str]
    n_overrides: int
    rows: tuple[NodeRow, ...]  # by scenario rank
    top: tuple[str, ...]
    recommendations: Mapping[str, tuple[RecommendationItem, ...]]
    thresholds: tuple[ThresholdRow, ...]
    stability: tuple[StabilityRow, ...]
    top_factor_stability: float
    mc_draws: int
    mc_spread: float
    mc_seed: int
    mc_judgments: int
    generated: dt.datetime
    version: str
    #: The scenario's name and rationale in other languages (``lang -> (name, rationale)``, "" where not given).
    scenario_translations: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    def scenario_name_in(self, lang: str) -> str | None:
        """Return the scenario's name in ``lang`` where it has a translation, else its own (None: no scenario)."""
        given = self.scenario_translations.get(lang, ("", ""))[0]
        return given or self.scenario_name

    def scenario_rationale_in(self, lang: str) -> str:
        """Return the scenario's rationale in ``lang`` where it has a translation, else its own."""
        return self.scenario_translations.get(lang, ("", ""))[1] or self.scenario_rationale

    @property
    def has_published(self) -> bool:
        """Whether the model carries a published ranking to compare against."""
        return any(r.published_rank is not None for r in self.rows)

    @property
    def judgments_changed(self) -> bool:
        """Whether the scenario's judgment overrides moved any composite weight."""
        return any(abs(r.judgment_effect) > 1e-12 for r in self.rows)


def software_version() -> str:
    """``anp-trade-war <version>`` (and the git commit when run from a checkout)."""
    import subprocess
    import tomllib
    from importlib import metadata
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    try:
        version = metadata.version("anp-trade-war")
    except metadata.PackageNotFoundError:
        try:
            version = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"][
                "version"
            ]
        except (OSError, KeyError, tomllib.TOMLDecodeError):
            version = "unknown"
    out = f"anp-trade-war {version}"
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=3,
            check=False,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = ""
    return f"{out} (commit {commit})" if commit else out


def _recommendations(model: Model, top: tuple[str, ...]) -> dict[str, tuple[RecommendationItem, ...]]:
    out: dict[str, list[RecommendationItem]] = {n: [] for n in top}
    for rec in model.recommendations:
        for link in rec.links:
            if link.node in out:
                out[link.node].append(
                    RecommendationItem(
                        id=rec.id,
                        section=rec.section,
                        title=rec.title,
                        quote=rec.quote,
                        strength=link.strength,
                        evidence=link.evidence,
                    )
                )
    return {n: tuple(sorted(v, key=lambda r: r.strength != "direct")) for n, v in out.items()}


def _thresholds(ev: Evaluation) -> tuple[ThresholdRow, ...]:
    from anp_core.sensitivity import top_change_thresholds

    n = len(ev.model.ranked_node_ids)
    tops = tuple(k for k in (1, 3, 5) if k < n)
    rows = []
    for c in ev.criteria:
        if not tops:
            break
        records: list[dict[Hashable, Any]] = top_change_thresholds(ev, c, tops).to_dict("records")
        for r in records:
            rows.append(
                ThresholdRow(
                    criterion=c,
                    top=int(r["top"]),
                    current=float(r["current"]),
                    change_above=float(r["change_above"]),
                    change_below=float(r["change_below"]),
                    smallest_change=float(r["smallest_change"]),
                )
            )
    return tuple(rows)


def build_brief(
    model: Model,
    *,
    weights: Mapping[str, float] | None = None,
    scenario: Scenario | None = None,
    name: str | None = None,
    top: int = 5,
    mc_draws: int = 2000,
    mc_spread: float = 1.0,
    seed: int = 0,
    generated: dt.datetime | None = None,
) -> Brief:
    """Compute the content of a policy brief.

    Parameters
    ----------
    model : Model
    weights : mapping, optional
        Criterion weights (renormalised); exclusive with ``scenario``.
    scenario : Scenario, optional
        Weights and judgment overrides. Neither: the model's own weights.
    name : str, optional
        What to call ``weights`` (default: "custom weights").
    top : int
        How many top factors get recommendations and a stability row.
    mc_draws, mc_spread, seed : int, float, int
        Monte Carlo over the judgments: every judgment multiplied by
        ``2**u``, ``u ~ U(-mc_spread, mc_spread)``, criterion weights held.
    generated : datetime, optional
        Time stamp of the brief (default: now, UTC).

    Raises
    ------
    ANPError
        On weights or a scenario that do not fit the model, or bad numbers.
    """
    from anp_core.montecarlo import monte_carlo

    if weights is not None and scenario is not None:
        msg = "give weights or a scenario, not both"
        raise ANPError(msg)
    if not 1 <= top <= 50:
        msg = f"top must be between 1 and 50, got {top}"
        raise ANPError(msg)
    if not 10 <= mc_draws <= 100_000:
        msg = f"Monte Carlo draws must be between 10 and 100,000, got {mc_draws}"
        raise ANPError(msg)
    overrides = scenario.overrides if scenario is not None and scenario.overrides else None
    cw = scenario.criterion_weights if scenario is not None else weights
    try:
        ev = evaluate(model, cw, overrides)
    except ANPError as exc:
        what = f"scenario {scenario.name!r}" if scenario is not None else "weights"
        msg = f"{what}: {str(exc).splitlines()[0]}"
        raise ANPError(msg) from None
    base = evaluate(model)
    shift = scenario_shift(model, None, scenario if scenario is not None else (weights or None))
    judgment = dict(zip(shift.node_ids, shift.judgment_effect.sum(axis=1).tolist(), strict=True))
    published = (
        {r.node: r.rank for r in model.published.rows if r.rank is not None} if model.published else {}
    )
    ids = model.ranked_node_ids
    order = np.lexsort((-ev.composite_values, ev.rank_values))
    rows = tuple(
        NodeRow(
            id=ids[i],
            cluster=model.cluster_of[ids[i]],
            composite=float(ev.composite_values[i]),
            rank=int(ev.rank_values[i]),
            base_composite=float(base.composite_values[i]),
            base_rank=int(base.rank_values[i]),
            published_rank=published.get(ids[i]),
            judgment_effect=float(judgment[ids[i]]),
        )
        for i in order
    )
    top_ids = tuple(r.id for r in rows[: min(top, len(rows))])
    eval_model = model.with_comparisons(overrides) if overrides else model
    mc = monte_carlo(
        eval_model,
        mc_draws,
        mc_spread,
        seed=seed,
        criterion_weights=dict(zip(ev.criteria, ev.weights.tolist(), strict=True)),
    )
    summ: dict[Hashable, dict[Hashable, Any]] = mc.summary.to_dict("index")
    stability = tuple(
        StabilityRow(
            id=n,
            base_rank=int(summ[n]["base_rank"]),
            median_rank=float(summ[n]["median_rank"]),
            rank_p05=int(summ[n]["rank_p05"]),
            rank_p95=int(summ[n]["rank_p95"]),
            p_top1=float(summ[n]["p_top1"]),
            p_top3=float(summ[n]["p_top3"]),
            p_top5=float(summ[n]["p_top5"]),
            verdict=str(summ[n]["verdict"]),
        )
        for n in top_ids
    )
    base_w = dict(zip(base.criteria, base.weights.tolist(), strict=True))
    pub_w = dict(model.published.criterion_weights) if model.published else {}
    stamp = generated or dt.datetime.now(dt.UTC)
    return Brief(
        model=model,
        scenario_name=scenario.name
        if scenario is not None
        else (name or None)
        if weights is not None
        else None,
        scenario_rationale=scenario.rationale if scenario is not None else "",
        scenario_illustrative=bool(scenario.illustrative) if scenario is not None else False,
        custom_weights=weights is not None,
        criteria=ev.criteria,
        weights=tuple(float(x) for x in ev.weights),
        base_weights=tuple(float(base_w.get(c, 0.0)) for c in ev.criteria),
        published_weights={c: pub_w[c] for c in ev.criteria if c in pub_w},
        n_overrides=len(overrides or ()),
        rows=rows,
        top=top_ids,
        recommendations=_recommendations(model, top_ids),
        thresholds=_thresholds(ev),
        stability=stability,
        top_factor_stability=float(mc.top_factor_stability),
        mc_draws=int(mc_draws),
        mc_spread=float(mc_spread),
        mc_seed=int(seed),
        mc_judgments=int(mc.n_judgments),
        generated=stamp,
        version=software_version(),
        scenario_translations={lang: (t.name, t.rationale) for lang, t in scenario.translations.items()}
        if scenario is not None
        else {},
    )


def finite(x: float) -> bool:
    """Whether ``x`` is a finite number (thresholds are NaN where nothing changes)."""
    return math.isfinite(x)

"""Engine calls the pages make (anp_core caches them; nothing is cached here).

``anp_core`` keeps one content-keyed, byte-bounded cache of immutable
per-criterion networks, so an evaluation under new slider values costs a
small matrix product, and an edit under one criterion recomputes only that
criterion.
"""

from __future__ import annotations

from collections.abc import Mapping

from anp_core import Evaluation, Model, PairwiseMatrix, evaluate
from anp_core.evaluate import criterion_network
from anp_core.network import CriterionNetwork
from anp_core.pairwise import validated_matrix


def network(model: Model, criterion: str) -> CriterionNetwork:
    """U, C, W and limit of one criterion."""
    return criterion_network(model, criterion)


def evaluation(model: Model, weights: Mapping[str, float] | None = None) -> Evaluation:
    """Evaluate ``model`` under ``weights`` (renormalised; default: its own criteria comparison)."""
    return evaluate(model, weights)


def pairwise(
    matrix: tuple[tuple[float | None, ...], ...], labels: tuple[str, ...], name: str
) -> PairwiseMatrix:
    """Return the validated :class:`PairwiseMatrix` of a comparison's judgments (validated once)."""
    return validated_matrix(matrix, labels, name)

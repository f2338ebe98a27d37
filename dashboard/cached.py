"""Engine calls the pages make (anp_core caches them; nothing is cached here).

``anp_core`` keeps one content-keyed, byte-bounded cache of immutable
per-criterion networks, so an evaluation under new slider values costs a
small matrix product, and an edit under one criterion recomputes only that
criterion. The ``model_key`` arguments are kept for the pages' call sites.
"""

from __future__ import annotations

import pandas as pd

from anp_core import Evaluation, Model, PairwiseMatrix, evaluate
from anp_core.evaluate import criterion_network
from anp_core.network import CriterionNetwork
from anp_core.pairwise import validated_matrix


def network(model_key: str, _model: Model, criterion: str) -> CriterionNetwork:
    """U, C, W and limit of one criterion."""
    return criterion_network(_model, criterion)


def evaluation(model_key: str, model: Model, weights: dict[str, float] | None) -> Evaluation:
    """Evaluate ``model`` under ``weights`` (renormalised)."""
    return evaluate(model, weights)


def baseline_evaluation(model_key: str, model: Model) -> Evaluation:
    """Evaluate ``model`` under its own criteria comparison."""
    return evaluate(model)


def baseline_table(model_key: str, model: Model) -> pd.DataFrame:
    """Return :meth:`Evaluation.table` of :func:`baseline_evaluation`."""
    return evaluate(model).table()


def pairwise(matrix: tuple[tuple[float, ...], ...], labels: tuple[str, ...], name: str) -> PairwiseMatrix:
    """Return the validated :class:`PairwiseMatrix` of a comparison's judgments (validated once)."""
    return validated_matrix(matrix, labels, name)

"""Cached anp_core calls for the pages (keyed by the model's content hash).

Only the per-criterion networks (supermatrices + limits) are cached; the
recombination for new slider values is a 20 x k product and stays uncached.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from anp_core import Evaluation, Model, PairwiseMatrix
from anp_core.evaluate import criterion_network, resolve_weights
from anp_core.network import CriterionNetwork


@st.cache_data(max_entries=512, show_spinner=False)
def network(model_key: str, _model: Model, criterion: str) -> CriterionNetwork:
    """U, C, W and limit of one criterion (``model_key`` is the content hash)."""
    return criterion_network(_model, criterion)


def evaluation(model_key: str, model: Model, weights: dict[str, float] | None) -> Evaluation:
    """Evaluate ``model`` under ``weights`` (renormalised), from cached networks.

    The networks come from anp_core's in-process cache, keyed by the content
    of each criterion's comparisons (so an edit under one criterion recomputes
    only that criterion). A hit there costs microseconds and returns the
    stored object, where ``st.cache_data`` would hash and unpickle a copy per
    criterion on every slider move. ``model_key`` is kept for API stability.
    """
    resolved = resolve_weights(model, weights)
    nets = {c: criterion_network(model, c) for c in resolved}
    return Evaluation(model, resolved, nets)


def baseline_evaluation(model_key: str, model: Model) -> Evaluation:
    """Evaluate ``model`` under its own criteria comparison (the paper's weights).

    The result is memoised on the (frozen) model object itself, so the rank
    table's baseline costs nothing after the first run.
    """
    cached = model.__dict__.get("_dashboard_baseline_eval")
    if cached is None:
        cached = evaluation(model_key, model, None)
        model.__dict__["_dashboard_baseline_eval"] = cached
    return cached


def baseline_table(model_key: str, model: Model) -> pd.DataFrame:
    """Return :meth:`Evaluation.table` of :func:`baseline_evaluation` (memoised, do not mutate)."""
    cached = model.__dict__.get("_dashboard_baseline_table")
    if cached is None:
        cached = baseline_evaluation(model_key, model).table()
        model.__dict__["_dashboard_baseline_table"] = cached
    return cached


def pairwise(matrix: tuple[tuple[float, ...], ...], labels: tuple[str, ...], name: str) -> PairwiseMatrix:
    """Return the validated :class:`PairwiseMatrix` of a comparison's judgments."""
    return _pairwise(matrix, labels, name)


@st.cache_resource(max_entries=256, show_spinner=False)
def _pairwise(matrix: tuple[tuple[float, ...], ...], labels: tuple[str, ...], name: str) -> PairwiseMatrix:
    # cache_resource: the PairwiseMatrix is immutable (read-only values,
    # cached eigen-decomposition), so sharing one instance is safe.
    return PairwiseMatrix(matrix, labels, name=name)

"""Cached anp_core calls for the pages (keyed by the model's content hash).

Only the per-criterion networks (supermatrices + limits) are cached; the
recombination for new slider values is a 20 x k product and stays uncached.
"""

from __future__ import annotations

import streamlit as st

from anp_core import Evaluation, Model
from anp_core.evaluate import criterion_network, resolve_weights
from anp_core.network import CriterionNetwork


@st.cache_data(max_entries=512, show_spinner=False)
def network(model_key: str, _model: Model, criterion: str) -> CriterionNetwork:
    """U, C, W and limit of one criterion (``model_key`` is the content hash)."""
    return criterion_network(_model, criterion)


def evaluation(model_key: str, model: Model, weights: dict[str, float] | None) -> Evaluation:
    """Evaluate ``model`` under ``weights`` (renormalised), from cached networks."""
    resolved = resolve_weights(model, weights)
    nets = {c: network(model_key, model, c) for c in resolved}
    return Evaluation(model, resolved, nets)

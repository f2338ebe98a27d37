"""anp_core: the Analytic Network Process engine (no UI).

Pairwise matrices and consistency (:mod:`anp_core.pairwise`), limit
supermatrices (:mod:`anp_core.limit`), the JSON model format
(:mod:`anp_core.model_file`), per-criterion networks (:mod:`anp_core.network`)
synthesis over control criteria (:mod:`anp_core.evaluate`) and group
judgments: AIJ/AIP aggregation with Goepel's consensus
(:mod:`anp_core.aggregation`, :mod:`anp_core.aggregation_model`).
Conventions: ``ANP_METHOD.md``.
"""

from anp_core.aggregation import Aggregate, Consensus, aggregate, consensus
from anp_core.aggregation_model import aggregate_models, apply_aggregates, model_matrices
from anp_core.errors import (
    ANPError,
    InvalidJudgmentError,
    ModelValidationError,
    NotConvergedError,
    NotStochasticError,
)
from anp_core.evaluate import Evaluation, competition_ranks, evaluate, resolve_weights
from anp_core.limit import LimitResult, limit_matrix
from anp_core.model_file import Comparison, Model, dump_model, load_model, save_model
from anp_core.network import CriterionNetwork, build_network
from anp_core.pairwise import DEFAULT_RI_TABLE, RI_TABLES, PairwiseMatrix, random_index

__all__ = [
    "DEFAULT_RI_TABLE",
    "RI_TABLES",
    "ANPError",
    "Aggregate",
    "Comparison",
    "Consensus",
    "CriterionNetwork",
    "Evaluation",
    "InvalidJudgmentError",
    "LimitResult",
    "Model",
    "ModelValidationError",
    "NotConvergedError",
    "NotStochasticError",
    "PairwiseMatrix",
    "aggregate",
    "aggregate_models",
    "apply_aggregates",
    "build_network",
    "competition_ranks",
    "consensus",
    "dump_model",
    "evaluate",
    "limit_matrix",
    "load_model",
    "model_matrices",
    "random_index",
    "resolve_weights",
    "save_model",
]

"""anp_core: the Analytic Network Process engine (no UI).

Pairwise matrices and consistency (:mod:`anp_core.pairwise`), limit
supermatrices (:mod:`anp_core.limit`), the JSON model format
(:mod:`anp_core.model_file`), per-criterion networks (:mod:`anp_core.network`)
and synthesis over control criteria (:mod:`anp_core.evaluate`).
Conventions: ``ANP_METHOD.md``.
"""

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
    "Comparison",
    "CriterionNetwork",
    "Evaluation",
    "InvalidJudgmentError",
    "LimitResult",
    "Model",
    "ModelValidationError",
    "NotConvergedError",
    "NotStochasticError",
    "PairwiseMatrix",
    "build_network",
    "competition_ranks",
    "dump_model",
    "evaluate",
    "limit_matrix",
    "load_model",
    "random_index",
    "resolve_weights",
    "save_model",
]

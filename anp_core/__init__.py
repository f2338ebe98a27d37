"""anp_core: the Analytic Network Process engine (no UI).

Pairwise matrices and consistency (:mod:`anp_core.pairwise`), limit
supermatrices (:mod:`anp_core.limit`), the JSON model format
(:mod:`anp_core.model_file`), per-criterion networks (:mod:`anp_core.network`)
synthesis over control criteria (:mod:`anp_core.evaluate`) and group
judgments: AIJ/AIP aggregation (:mod:`anp_core.aggregation`,
:mod:`anp_core.aggregation_model`) with Goepel's consensus
(:mod:`anp_core.agreement`), SMAA-2 over the criterion weights
(:func:`anp_core.smaa`), head-to-head comparisons (:mod:`anp_core.compare`)
and one reader for JSON, Super Decisions and Excel models
(:func:`anp_core.load_any`). Conventions: ``ANP_METHOD.md``.
"""

from anp_core.aggregation import Aggregate, Consensus, aggregate, consensus
from anp_core.aggregation_model import aggregate_models, apply_aggregates, model_matrices
from anp_core.compare import head_to_head, scenario_shift
from anp_core.draft import Draft, dump_draft, load_draft, to_model
from anp_core.draft_problems import diagnose
from anp_core.errors import (
    ANPError,
    InvalidJudgmentError,
    ModelValidationError,
    NotConvergedError,
    NotStochasticError,
)
from anp_core.evaluate import Evaluation, competition_ranks, evaluate, resolve_weights
from anp_core.formats import load_any
from anp_core.limit import LimitResult, limit_matrix
from anp_core.model_file import Comparison, Model, dump_model, load_model, save_model
from anp_core.network import CriterionNetwork, build_network
from anp_core.pairwise import DEFAULT_RI_TABLE, RI_TABLES, PairwiseMatrix, random_index
from anp_core.smaa import SMAAResult, smaa

__all__ = [
    "DEFAULT_RI_TABLE",
    "RI_TABLES",
    "ANPError",
    "Aggregate",
    "Comparison",
    "Consensus",
    "CriterionNetwork",
    "Draft",
    "Evaluation",
    "InvalidJudgmentError",
    "LimitResult",
    "Model",
    "ModelValidationError",
    "NotConvergedError",
    "NotStochasticError",
    "PairwiseMatrix",
    "SMAAResult",
    "aggregate",
    "aggregate_models",
    "apply_aggregates",
    "build_network",
    "competition_ranks",
    "consensus",
    "diagnose",
    "dump_draft",
    "dump_model",
    "evaluate",
    "head_to_head",
    "limit_matrix",
    "load_any",
    "load_draft",
    "load_model",
    "model_matrices",
    "random_index",
    "resolve_weights",
    "save_model",
    "scenario_shift",
    "smaa",
    "to_model",
]

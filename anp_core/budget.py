"""Resource budgets: how large a model may be, and how long a computation may run.

A shared server must not let one user's file slow, fill or block everyone
else's sessions: a 162 KB file can describe 5,000 nodes, whose supermatrices
take gigabytes. Models are checked against the budget when they are
validated (:mod:`anp_core.model_checks`), with a message saying which limit
was exceeded and how to raise it on a private deployment.

Defaults suit a shared server; the command line and a private deployment
raise them with environment variables (``ANP_MAX_NODES``,
``ANP_MAX_COMPARISONS``, ``ANP_MAX_MEMORY_MB``) or, in code, with
:func:`override`.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace

from anp_core.i18n import N_
from anp_core.messages import Message, message

__all__ = ["Budget", "current", "memory_estimate", "override", "problem_messages", "problems"]

_BYTES_PER_MATRIX_ENTRY = 8 * 6  # U, W, limit, the solve's copy, scratch: six n x n float arrays


@dataclass(frozen=True)
class Budget:
    """Limits on a model's size and on long computations.

    Attributes
    ----------
    max_nodes : int
        Nodes of the network (the supermatrix is ``n x n``).
    max_comparisons : int
        Judgment matrices in the model.
    max_memory_mb : float
        Estimated working memory of one evaluation (:func:`memory_estimate`).
    monte_carlo_seconds : float or None
        Time after which a Monte Carlo run stops and returns the draws it has
        (``None``: no limit).
    """

    max_nodes: int = 600
    max_comparisons: int = 5_000
    max_memory_mb: float = 512.0
    monte_carlo_seconds: float | None = 120.0


def _from_env() -> Budget:
    b = Budget()
    fields = {
        "ANP_MAX_NODES": "max_nodes",
        "ANP_MAX_COMPARISONS": "max_comparisons",
        "ANP_MAX_MEMORY_MB": "max_memory_mb",
    }
    changes: dict[str, float | int] = {}
    for env, name in fields.items():
        raw = os.environ.get(env)
        if raw is None:
            continue
        try:
            value = float(raw)
        except ValueError:
            continue
        if value > 0:
            changes[name] = int(value) if name != "max_memory_mb" else value
    return replace(b, **changes)  # type: ignore[arg-type]


_default = _from_env()
_local = threading.local()


def current() -> Budget:
    """Return the budget in force in this thread (see :func:`override`)."""
    return getattr(_local, "budget", None) or _default


@contextlib.contextmanager
def override(**limits: float | int | None) -> Iterator[Budget]:
    """Raise or lower limits for the block (this thread only), e.g. ``override(max_nodes=5000)``."""
    previous = getattr(_local, "budget", None)
    _local.budget = replace(current(), **limits)  # type: ignore[arg-type]
    try:
        yield _local.budget
    finally:
        _local.budget = previous


def memory_estimate(n_nodes: int, n_networks: int) -> float:
    """Estimated working memory of one evaluation, in MB: six ``n x n`` arrays per network.

    Examples
    --------
    >>> round(memory_estimate(5000, 1))
    1144
    """
    return n_nodes * n_nodes * _BYTES_PER_MATRIX_ENTRY * max(n_networks, 1) / 2**20


def problems(n_nodes: int, n_comparisons: int, n_networks: int) -> list[tuple[str, str]]:
    """Return ``(path, message)`` for every limit a model of this size exceeds (English).

    :func:`problem_messages` rendered.
    """
    return [(path, text.render()) for path, text in problem_messages(n_nodes, n_comparisons, n_networks)]


def problem_messages(n_nodes: int, n_comparisons: int, n_networks: int) -> list[tuple[str, Message]]:
    """Return ``(path, Message)`` for every limit a model of this size exceeds (translatable).

    Examples
    --------
    >>> with override(max_nodes=10):
    ...     [
    ...         (path, text.render()) for path, text in problem_messages(12, 1, 1)
    ...     ]  # doctest: +NORMALIZE_WHITESPACE
    [('clusters', '12 nodes; the limit is 10 (a private deployment can raise it with the environment
      variable ANP_MAX_NODES)')]
    """
    b = current()
    out: list[tuple[str, Message]] = []
    if n_nodes > b.max_nodes:
        text = message(
            N_(
                "{n} nodes; the limit is {limit} (a private deployment can raise it with the environment "
                "variable {variable})"
            ),
            n=n_nodes,
            limit=b.max_nodes,
            variable="ANP_MAX_NODES",
        )
        out.append(("clusters", text))
    if n_comparisons > b.max_comparisons:
        text = message(
            N_(
                "{n} comparisons; the limit is {limit} (a private deployment can raise it with the "
                "environment variable {variable})"
            ),
            n=n_comparisons,
            limit=b.max_comparisons,
            variable="ANP_MAX_COMPARISONS",
        )
        out.append(("comparisons", text))
    mem = memory_estimate(n_nodes, n_networks)
    if mem > b.max_memory_mb:
        text = message(
            N_(
                "evaluating {networks} networks of {n} nodes needs about {mb} MB; the limit is {limit} MB "
                "(a private deployment can raise it with the environment variable {variable})"
            ),
            networks=n_networks,
            n=n_nodes,
            mb=f"{mem:,.0f}",
            limit=f"{b.max_memory_mb:,.0f}",
            variable="ANP_MAX_MEMORY_MB",
        )
        out.append(("(model)", text))
    return out

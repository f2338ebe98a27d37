"""SMAA-2 in blocks of draws, with progress, a cancel and a time budget (no Streamlit).

:func:`anp_core.smaa.smaa` runs all its draws in one call. The page needs to
show progress, stop on a Cancel button and stop at a time budget, keeping
what is done; so this module calls ``smaa`` on blocks of :data:`BLOCK`
draws and adds them up:

* block ``k`` draws its weights with its own seed, the ``k``-th child of
  ``numpy.random.SeedSequence(seed)`` (the run is reproducible from the seed,
  and independent of how far a cancelled run got); when the constraints
  need hit-and-run, whose chains burn in again in every block, the draws
  after the first block come in three large blocks;
* rank counts add up; the central weight vector of a factor is the mean of
  the weights of the draws where it ranks first, so it is the
  count-weighted mean of the blocks' central vectors;
* the confidence factors need the merged central weights, so they are
  computed once at the end, exactly as :mod:`anp_core.smaa` defines them:
  at its central weights, the share of judgment-perturbed models
  (:func:`anp_core.montecarlo.monte_carlo`, log-uniform, ``spread``
  doublings) in which the factor ranks first; ``spread = 0`` gives the exact
  0/1 indicator.

The merged result is an :class:`anp_core.smaa.SMAAResult`, so the page reads
acceptabilities, central weights, confidence factors and holistic
acceptabilities from the engine's own class.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from anp_core import ANPError, Model
from anp_core.montecarlo import monte_carlo
from anp_core.smaa import SMAAResult, batch_competition_ranks, smaa

__all__ = ["BLOCK", "SMAARun", "run_smaa"]

#: Weight draws per block (one progress step; about 50 ms on the paper's model).
BLOCK = 5_000
_DRAWS_SHARE = 0.5  # share of the progress bar given to the weight draws when confidence factors follow
_CHAIN_BLOCKS = 3  # hit-and-run: the draws after the first block come in this many blocks


@dataclass(frozen=True)
class SMAARun:
    """A (possibly stopped) SMAA run: the engine's result and how far it got.

    Attributes
    ----------
    result : SMAAResult
        Merged over the blocks done (``result.draws`` weight vectors).
    requested : int
        Draws asked for.
    stopped : str or None
        ``"cancelled"`` or ``"budget"`` if the run stopped early, else None.
    phase : str
        Where it stopped: ``"draws"`` or ``"confidence"`` (confidence factors
        not computed are NaN).
    seconds : float
        Wall time of the run.
    """

    result: SMAAResult
    requested: int
    stopped: str | None
    phase: str
    seconds: float


def _seeds(seed: int | None, n: int) -> list[int | None]:
    """Return the seeds of the first ``n`` blocks (the ``k``-th child of ``SeedSequence(seed)``)."""
    if seed is None:
        return [None] * n
    return [int(s.generate_state(1)[0]) for s in np.random.SeedSequence(seed).spawn(n)]


def run_smaa(
    model: Model,
    draws: int,
    seed: int | None,
    constraints: Mapping[str, Any] | None = None,
    *,
    spread: float = 1.0,
    confidence_draws: int = 1_000,
    progress: Callable[[float], object] | None = None,
    should_stop: Callable[[], bool] | None = None,
    time_budget: float | None = None,
) -> SMAARun:
    """Run SMAA-2 block by block (see the module docstring).

    Parameters
    ----------
    model : Model
        The model (judgments as they are).
    draws : int
        Weight vectors to draw (1 to ``anp_core.smaa.MAX_DRAWS``).
    seed : int or None
        Seed of the whole run.
    constraints : mapping, optional
        As :func:`anp_core.smaa.smaa` takes them.
    spread : float
        Judgment perturbation of the confidence factors (doublings).
    confidence_draws : int
        Perturbed models per confidence factor.
    progress : callable, optional
        Called with the fraction done after each block and each factor.
    should_stop : callable, optional
        Returning True stops the run after the current block (a Cancel button).
    time_budget : float, optional
        Seconds after which the run stops the same way.

    Returns
    -------
    SMAARun

    Raises
    ------
    ANPError
        From the engine: bad arguments or impossible constraints (before
        anything is drawn).
    """
    started = time.perf_counter()
    if isinstance(draws, bool) or not isinstance(draws, int) or draws < 1:
        msg = f"draws must be a positive whole number, got {draws!r}"
        raise ANPError(msg)
    if not isinstance(spread, int | float) or not 0 <= spread <= 10:
        msg = f"spread must be between 0 and 10 doublings, got {spread!r}"
        raise ANPError(msg)
    share = 1.0 if spread == 0 else _DRAWS_SHARE

    def over() -> str | None:
        if should_stop is not None and should_stop():
            return "cancelled"
        if time_budget is not None and time.perf_counter() - started > time_budget:
            return "budget"
        return None

    parts: list[SMAAResult] = []
    stopped: str | None = None
    done = 0
    block = BLOCK
    seeds = np.random.SeedSequence(seed).spawn(draws // BLOCK + 1) if seed is not None else None
    while done < draws:
        n = min(block, draws - done)
        s = None if seeds is None else int(seeds[len(parts)].generate_state(1)[0])
        parts.append(smaa(model, draws=n, seed=s, constraints=constraints, spread=0.0, confidence_draws=1))
        if parts[0].method == "hit-and-run":
            # every block burns its chains in again: a few large blocks, not many small ones
            block = max(BLOCK, -(-(draws - BLOCK) // _CHAIN_BLOCKS))
        done += n
        if progress is not None:
            progress(share * done / draws)
        if done < draws:
            stopped = over()
            if stopped:
                break
    first = parts[0]
    counts = np.sum([p.counts for p in parts], axis=0)
    firsts = np.stack([p.counts[:, 0] for p in parts])  # draws at rank 1, per block and node
    sums = np.zeros_like(first.central)
    for p, k in zip(parts, firsts, strict=True):
        sums += np.where(k[:, None] > 0, np.nan_to_num(p.central) * k[:, None], 0.0)
    total = firsts.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        central = sums / total[:, None]
    central[total == 0] = np.nan
    phase = "draws"
    confidence = np.full(len(first.node_ids), np.nan)
    if stopped is None:
        phase = "confidence"
        stopped = _confidence(
            model,
            first,
            central,
            confidence,
            spread=spread,
            draws=confidence_draws,
            seed=seed,
            progress=(lambda f: progress(share + (1 - share) * f)) if progress is not None else None,
            over=over,
            remaining=lambda: (
                None if time_budget is None else max(0.0, time_budget - (time.perf_counter() - started))
            ),
        )
    weights = np.concatenate([p.weights for p in parts])
    weights.flags.writeable = False
    for a in (counts, central, confidence):
        a.flags.writeable = False
    rates = [p.acceptance_rate for p in parts if p.acceptance_rate is not None]
    result = SMAAResult(
        node_ids=first.node_ids,
        criteria=first.criteria,
        limits=first.limits,
        weights=weights,
        counts=counts,
        central=central,
        confidence_values=confidence,
        base_ranks=first.base_ranks,
        constraints=first.constraints,
        method=first.method,
        sampling=first.sampling,
        acceptance_rate=float(np.mean(rates)) if rates else None,
        seed=seed,
        spread=float(spread),
        confidence_draws=int(confidence_draws),
        decimals=first.decimals,
    )
    return SMAARun(result, int(draws), stopped, phase, time.perf_counter() - started)


def _confidence(
    model: Model,
    first: SMAAResult,
    central: np.ndarray,
    out: np.ndarray,
    *,
    spread: float,
    draws: int,
    seed: int | None,
    progress: Callable[[float], object] | None,
    over: Callable[[], str | None],
    remaining: Callable[[], float | None],
) -> str | None:
    """Fill ``out`` with confidence factors (see the module docstring); return why it stopped, or None."""
    todo = [i for i in range(len(central)) if not np.isnan(central[i]).any()]
    for k, i in enumerate(todo):
        wc = central[i]
        if spread == 0:
            out[i] = float(batch_competition_ranks((first.limits @ wc)[None, :], first.decimals)[0, i] == 1)
        else:
            weights = {c: float(x) for c, x in zip(first.criteria, wc, strict=True) if x > 0}
            mc = monte_carlo(
                model,
                draws,
                spread,
                seed=seed,
                criterion_weights=weights,
                should_stop=lambda: over() is not None,
                time_budget=remaining(),
            )
            if mc.stopped is not None:
                return over() or "budget"
            ranks = batch_competition_ranks(mc.composite, first.decimals)
            out[i] = float(np.mean(ranks[:, i] == 1))
        if progress is not None:
            progress((k + 1) / max(len(todo), 1))
        if k + 1 < len(todo):
            why = over()
            if why:
                return why
    return None

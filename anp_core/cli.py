"""Command line: ``anp`` (or ``python -m anp_core``) ``evaluate|sensitivity|montecarlo|smaa|compare|brief|convert|aggregate|check ...``.

A model is a JSON file, a Super Decisions ``.sdmod`` file or an ``.xlsx``
workbook written by ``convert`` (:func:`anp_core.formats.load_any`).

Bad input (an unreadable or invalid model, a bad ``--weights`` value) exits
with status 2 and one line on stderr; nothing else is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from anp_core import cli_files, cli_group, cli_weights
from anp_core.cli_common import Parser, parse_weights
from anp_core.errors import ANPError, ModelValidationError
from anp_core.evaluate import Evaluation, evaluate
from anp_core.formats import load_any
from anp_core.montecarlo import DEFAULT_DRAWS, DEFAULT_SEED, DEFAULT_SPREAD

__all__ = ["build_parser", "console", "main", "parse_weights"]


def _json_result(ev: Evaluation) -> dict[str, object]:
    return {
        "model": ev.model.id,
        "criterion_weights": dict(zip(ev.criteria, ev.weights.tolist(), strict=True)),
        "by_criterion": {
            f: dict(zip(ev.criteria, row.tolist(), strict=True))
            for f, row in zip(ev.model.ranked_node_ids, ev.limits, strict=True)
        },
        "composite": dict(zip(ev.model.ranked_node_ids, ev.composite_values.tolist(), strict=True)),
        "cluster_weights": {k: float(v) for k, v in ev.cluster_weights.items()},
        "ranks": dict(zip(ev.model.ranked_node_ids, ev.rank_values.tolist(), strict=True)),
    }


def _cmd_evaluate(args: argparse.Namespace) -> int:
    model = load_any(args.model)
    weights = parse_weights(args.weights) if args.weights is not None else None
    ev = evaluate(model, weights)
    if args.format == "json":
        print(json.dumps(_json_result(ev), indent=2))
        return 0
    table = ev.table()
    table.insert(2, "cluster_weight", ev.cluster_weights.reindex(table["cluster"]).to_numpy())
    if args.format == "csv":
        print(table.to_csv(float_format="%.6f"), end="")
        return 0
    echo = ", ".join(f"{c}={w:.4f}" for c, w in zip(ev.criteria, ev.weights, strict=True))
    src = "renormalised from --weights" if weights else "from the model's criteria comparison"
    print(f"model: {model.name}")
    print(f"criterion weights ({src}): {echo}")
    shown = table.copy()
    shown["cluster"] = [model.label(c) for c in shown["cluster"]]
    shown.columns.name = None
    with np.printoptions(suppress=True):
        print(shown.to_string(float_format=lambda x: f"{x:.4f}"))
    return 0


def _cmd_sensitivity(args: argparse.Namespace) -> int:
    from anp_core.sensitivity import crossings, curves, end_ties, top_change_thresholds

    model = load_any(args.model)
    weights = parse_weights(args.weights) if args.weights is not None else None
    ev = evaluate(model, weights)
    if args.resolution < 2 or args.resolution > 100_001:
        msg = "--resolution must be between 2 and 100001"
        raise ANPError(msg)
    cur = curves(ev, args.criterion, args.resolution)
    cross = crossings(ev, args.criterion)
    thresholds = top_change_thresholds(ev, args.criterion)
    if args.format == "json":
        out = {
            "criterion": args.criterion,
            "current_weight": float(ev.weights[ev.criteria.index(args.criterion)]),
            "criterion_weights": dict(zip(ev.criteria, ev.weights.tolist(), strict=True)),
            "grid": cur.index.tolist(),
            "curves": {f: cur[f].tolist() for f in cur.columns},
            "crossings": [
                {"t": c.t, "overtaker": c.overtaker, "overtaken": c.overtaken, "value": c.value}
                for c in cross
            ],
            "ties_at_ends": [
                {"t": t.t, "a": t.a, "b": t.b, "value": t.value} for t in end_ties(ev, args.criterion)
            ],
            "top_change": json.loads(thresholds.to_json(orient="records")),
        }
        print(json.dumps(out, indent=2))
        return 0
    names = {f: model.label(f) for f in model.ranked_node_ids}
    crit_name = model.label(args.criterion).lower()
    print(f"criterion: {args.criterion} (current weight {ev.weights[ev.criteria.index(args.criterion)]:.4f})")
    print(f"{len(cross)} crossing point(s) in (0, 1):")
    for c in cross:
        print("  " + c.sentence(names, crit_name))
    ties = end_ties(ev, args.criterion)
    if ties:
        print(f"{len(ties)} pair(s) equal at an end of the range (not crossings):")
        for t in ties:
            print(f"  {names[t.a]} and {names[t.b]} are equal at weight {t.t:g}")
    print("smallest change of the weight that changes the top k:")
    print(thresholds.drop(columns="criterion").to_string(index=False, float_format=lambda x: f"{x:.4f}"))
    return 0


def _cmd_montecarlo(args: argparse.Namespace) -> int:
    from anp_core.montecarlo import monte_carlo

    model = load_any(args.model)
    weights = parse_weights(args.weights) if args.weights is not None else None
    if args.draws > 1_000_000:
        msg = "--draws is limited to 1,000,000"
        raise ANPError(msg)
    show_progress = (args.format == "table" and sys.stderr.isatty()) or args.progress

    def progress(fraction: float) -> None:
        if show_progress:
            print(f"\r{fraction:6.1%} of {args.draws:,} draws", end="", file=sys.stderr, flush=True)

    mc = monte_carlo(
        model,
        args.draws,
        args.spread,
        seed=args.seed,
        distribution=args.distribution,
        criterion_weights=weights,
        concentration=args.concentration,
        progress=progress,
        time_budget=args.time_budget,
    )
    if show_progress:
        print(file=sys.stderr)
    summary = mc.summary
    if args.format == "json":
        out = {
            "draws": mc.draws,
            "spread": mc.spread,
            "seed": mc.seed,
            "distribution": mc.distribution,
            "perturbed_judgments": mc.n_judgments,
            "perturbed": mc.perturbed,
            "requested_draws": mc.requested_draws,
            "stopped": mc.stopped,
            "top_factor_stability": mc.top_factor_stability,
            "factors": json.loads(summary.to_json(orient="index")),
            "rank_distribution": {
                f: dict(zip(map(str, row.index), row.tolist(), strict=True))
                for f, row in mc.rank_distribution.iterrows()
            },
        }
        print(json.dumps(out, indent=2))
        return 0
    print(
        f"{mc.draws:,} draws, spread {mc.spread:g} doublings ({mc.distribution}: each judgment multiplied by "
        f"2^u, |u| <= {mc.spread:g}), seed {mc.seed}"
    )
    print(f"perturbed: {mc.perturbed}")
    if mc.stopped:
        print(f"note: {mc.stopped}")
    print(f"top factor unchanged in {mc.top_factor_stability:.1%} of draws")
    print(summary.to_string(float_format=lambda x: f"{x:.3f}"))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser (exposed for documentation and tests)."""
    prog = "anp" if Path(sys.argv[0]).name == "anp" else "python -m anp_core"
    parser = Parser(prog=prog, description="Analytic Network Process engine")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    ev = sub.add_parser("evaluate", help="ranked composite weights of a model")
    ev.add_argument("model", help="model file: JSON, Super Decisions .sdmod or .xlsx workbook")
    ev.add_argument(
        "--weights",
        help="criterion weights, e.g. policy=0.5,political=0.3 (renormalised; unnamed = 0)",
    )
    ev.add_argument("--format", choices=["table", "csv", "json"], default="table")
    ev.set_defaults(func=_cmd_evaluate)

    se = sub.add_parser(
        "sensitivity", help="composite weights across one criterion's weight, exact crossings"
    )
    se.add_argument("model")
    se.add_argument("--criterion", required=True, help="criterion id, e.g. political")
    se.add_argument("--weights", help="starting criterion weights (default: the model's)")
    se.add_argument("--resolution", type=int, default=101, help="grid points for the curves (default 101)")
    se.add_argument("--format", choices=["table", "json"], default="table")
    se.set_defaults(func=_cmd_sensitivity)

    mc = sub.add_parser("montecarlo", help="rank stability under judgment uncertainty")
    mc.add_argument("model")
    mc.add_argument(
        "--draws", type=int, default=DEFAULT_DRAWS, help=f"default {DEFAULT_DRAWS:,} (as the page)"
    )
    mc.add_argument(
        "--spread",
        type=float,
        default=DEFAULT_SPREAD,
        help="half-width in doublings (1 = factor 2; as the page)",
    )
    mc.add_argument("--seed", type=int, default=DEFAULT_SEED)
    mc.add_argument(
        "--time-budget",
        type=float,
        default=None,
        help="stop after this many seconds and report the draws done (default: no limit)",
    )
    mc.add_argument(
        "--progress", action="store_true", help="show progress on stderr even when not a terminal"
    )
    mc.add_argument("--distribution", choices=["loguniform", "lognormal"], default="loguniform")
    mc.add_argument("--concentration", type=float, default=None, help="Dirichlet concentration for weights")
    mc.add_argument("--weights", help="fixed criterion weights (default: the model's, perturbed)")
    mc.add_argument("--format", choices=["table", "json"], default="table")
    mc.set_defaults(func=_cmd_montecarlo)
    cli_group.add_aggregate_parser(sub)
    cli_files.add_check_parser(sub)

    cv = sub.add_parser(
        "convert", help="convert a model: .sdmod, .json or .xlsx in; .json or .xlsx (model + results) out"
    )
    cv.add_argument("source", help="model file: JSON, Super Decisions .sdmod or .xlsx workbook")
    cv.add_argument("output", help="file to write: .json, or .xlsx (the model, its results and sensitivity)")
    cv.add_argument("--no-results", action="store_true", help="xlsx: write the model sheets only")
    cv.add_argument("--force", action="store_true", help="overwrite the output file if it exists")
    cv.set_defaults(func=cli_files.cmd_convert)
    cli_weights.add_smaa_parser(sub)
    cli_weights.add_compare_parser(sub)
    cli_weights.add_brief_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except ModelValidationError as exc:
        print(f"error: {exc.one_line()}", file=sys.stderr)
    except ANPError as exc:
        print(f"error: {str(exc).splitlines()[0]}", file=sys.stderr)
    except MemoryError:
        print("error: input too large to process", file=sys.stderr)
    except BrokenPipeError:
        # the reader went away (``... | head``): stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    return 2


def console() -> None:
    """Entry point of the installed ``anp`` command (exits with :func:`main`'s status)."""
    sys.exit(main())

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
from typing import Any, NoReturn

import numpy as np
import pandas as pd

from anp_core.errors import ANPError, ModelValidationError
from anp_core.evaluate import Evaluation, evaluate
from anp_core.formats import load_any
from anp_core.montecarlo import DEFAULT_DRAWS, DEFAULT_SEED, DEFAULT_SPREAD

__all__ = ["main", "parse_expert_weights", "parse_interval", "parse_weights"]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def parse_weights(text: str) -> dict[str, float]:
    """Parse ``policy=0.5,political=0.3`` into a dict (values as floats).

    A name given twice, an empty list and a value that is not a number are
    errors (never silently the last one, or nothing).

    Examples
    --------
    >>> parse_weights("policy=0.5, political=0.3")
    {'policy': 0.5, 'political': 0.3}
    """
    out: dict[str, float] = {}
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        name, sep, value = part.partition("=")
        name = name.strip()
        if not sep or not name:
            msg = f"--weights: {part!r} is not name=value"
            raise ANPError(msg)
        if name in out:
            msg = f"--weights: {name!r} given twice"
            raise ANPError(msg)
        try:
            out[name] = float(value)
        except ValueError:
            msg = f"--weights: {value.strip()!r} for {name!r} is not a number"
            raise ANPError(msg) from None
    if not out:
        msg = "--weights: no name=value pairs given"
        raise ANPError(msg)
    return out


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


def parse_expert_weights(text: str, n: int) -> list[float]:
    """Parse ``2,1,1`` (one weight per expert file, in order) for ``aggregate``.

    Examples
    --------
    >>> parse_expert_weights("2, 1,1", 3)
    [2.0, 1.0, 1.0]
    """
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if len(parts) != n:
        msg = f"--weights: {len(parts)} weight(s) for {n} expert file(s); give one per file, in order"
        raise ANPError(msg)
    out: list[float] = []
    for p in parts:
        try:
            v = float(p)
        except ValueError:
            msg = f"--weights: {p!r} is not a number"
            raise ANPError(msg) from None
        if not (v >= 0 and v < float("inf")):
            msg = f"--weights: {p!r} must be a finite number >= 0"
            raise ANPError(msg)
        out.append(v)
    if sum(out) <= 0:
        msg = "--weights: at least one weight must be > 0"
        raise ANPError(msg)
    return out


def _cmd_aggregate(args: argparse.Namespace) -> int:
    from pathlib import Path

    from anp_core.aggregation_model import aggregate_models, key_text
    from anp_core.model_file import dump_model

    models = []
    for path in args.models:
        try:
            models.append(load_any(path))
        except ModelValidationError as exc:
            msg = f"{path}: {exc.one_line()}"
            raise ANPError(msg) from None
    weights = parse_expert_weights(args.weights, len(models)) if args.weights else None
    result = aggregate_models(models, args.method, weights, source=f"{len(models)} expert model files")
    Path(args.output).write_text(dump_model(result.model), encoding="utf-8")
    report: list[dict[str, Any]] = []
    for spec in result.specs:
        res = result.results.get(spec.key)
        if res is None:
            report.append(
                {"matrix": key_text(spec.key), "title": spec.title, "skipped": result.skipped[spec.key]}
            )
            continue
        report.append(
            {
                "matrix": key_text(spec.key),
                "title": spec.title,
                "method": res.method,
                "elements": list(spec.elements),
                "priorities": dict(zip(spec.elements, res.priorities.tolist(), strict=True)),
                "cr": res.cr,
                "consensus_s_star": None if res.consensus is None else res.consensus.s_star,
                "consensus_word": None if res.consensus is None else res.consensus.word,
                "experts": [
                    {
                        "file": str(args.models[e.index]),
                        "weight": e.weight,
                        "judgments": e.n_judgments,
                        "cr": e.cr,
                        "compatibility": e.compatibility,
                        "note": e.note,
                    }
                    for e in res.experts
                ],
                "disagreements": [
                    {"pair": [spec.elements[d.row], spec.elements[d.col]], "geometric_sd": d.geometric_sd}
                    for d in res.disagreements[:3]
                ],
            }
        )
    if args.report:
        Path(args.report).write_text(json.dumps({"method": args.method, "matrices": report}, indent=2) + "\n")
    print(f"{len(models)} experts, {args.method.upper()}; aggregated model written to {args.output}")
    print(f"{'matrix':<58} {'S*':>6} {'CR':>6}  most disputed pair")
    for row in report:
        if "skipped" in row:
            print(f"{str(row['title'])[:58]:<58} skipped: {row['skipped']}")
            continue
        s = row["consensus_s_star"]
        dis = row["disagreements"]
        worst = f"{dis[0]['pair'][0]} vs {dis[0]['pair'][1]} (x{dis[0]['geometric_sd']:.2f})" if dis else "-"
        s_text = f"{s:.3f}" if isinstance(s, float) else "-"
        print(f"{str(row['title'])[:58]:<58} {s_text:>6} {row['cr']:>6.3f}  {worst}")
    return 0


def _add_aggregate_parser(sub: argparse._SubParsersAction[_Parser]) -> None:
    ag = sub.add_parser(
        "aggregate",
        help="aggregate experts' copies of one model (AIJ or AIP) with Goepel's consensus",
    )
    ag.add_argument("models", nargs="+", help="one model JSON file per expert (same matrices)")
    ag.add_argument("-o", "--output", required=True, help="where to write the aggregated model (JSON)")
    ag.add_argument(
        "--method",
        choices=["aij", "aip"],
        default="aij",
        help="aij: geometric mean of judgments (default); aip: geometric mean of priorities",
    )
    ag.add_argument("--weights", help="expert weights, one per file in order, e.g. 2,1,1 (default equal)")
    ag.add_argument("--report", help="also write per-matrix consensus, CRs and disagreements (JSON)")
    ag.set_defaults(func=_cmd_aggregate)


def _cmd_convert(args: argparse.Namespace) -> int:
    from pathlib import Path

    from anp_core.excel import model_to_workbook
    from anp_core.model_file import dump_model

    model = load_any(args.source)
    out = Path(args.output)
    ext = out.suffix.lower()
    if ext not in (".json", ".xlsx"):
        msg = f"convert writes .json or .xlsx, not {ext or 'a file without extension'!r}"
        raise ANPError(msg)
    if out.exists() and not args.force:
        msg = f"{out} exists; add --force to overwrite it"
        raise ANPError(msg)
    if ext == ".json":
        data = dump_model(model).encode("utf-8")
    else:
        ev = None
        if not args.no_results:
            try:
                ev = evaluate(model)
            except ANPError as exc:
                print(f"warning: results left out ({str(exc).splitlines()[0]})", file=sys.stderr)
        data = model_to_workbook(model, ev)
    try:
        out.write_bytes(data)
    except OSError as exc:
        msg = f"cannot write {out}: {exc.strerror}"
        raise ANPError(msg) from None
    print(f"wrote {out} ({model.name}: {len(model.node_ids)} nodes, {len(model.comparisons)} comparisons)")
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    """List what a draft or model still needs, each with what to do; status 1 while something blocks it."""
    from anp_core.draft import load_draft
    from anp_core.formats import read_any

    draft, problems = load_draft(read_any(args.model))
    blocking = sum(1 for p in problems if p.severity == "blocking")
    if args.format == "json":
        rows = [
            {
                "severity": p.severity,
                "code": p.code,
                "where": p.where,
                "message": p.message,
                "action": p.action,
            }
            for p in problems
        ]
        print(json.dumps({"name": draft.name, "complete": not blocking, "problems": rows}, indent=1))
    else:
        state = (
            f"draft: {blocking} problem{'s' if blocking != 1 else ''} block it"
            if blocking
            else "complete model"
        )
        print(f"{draft.name}: {state}")
        for p in problems:
            print(f"[{p.severity}] {p.where}: {p.message}\n    -> {p.action}")
    return 1 if blocking else 0


def _add_check_parser(sub: argparse._SubParsersAction[_Parser]) -> None:
    ch = sub.add_parser(
        "check", help="what a draft or model still needs (status 1 while something blocks it), and what to do"
    )
    ch.add_argument("model", help='draft or model: JSON (a draft has "draft": true), .sdmod or .xlsx')
    ch.add_argument("--format", choices=["table", "json"], default="table")
    ch.set_defaults(func=_cmd_check)


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser (exposed for documentation and tests)."""
    prog = "anp" if Path(sys.argv[0]).name == "anp" else "python -m anp_core"
    parser = _Parser(prog=prog, description="Analytic Network Process engine")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
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
    _add_aggregate_parser(sub)
    _add_check_parser(sub)

    cv = sub.add_parser(
        "convert", help="convert a model: .sdmod, .json or .xlsx in; .json or .xlsx (model + results) out"
    )
    cv.add_argument("source", help="model file: JSON, Super Decisions .sdmod or .xlsx workbook")
    cv.add_argument("output", help="file to write: .json, or .xlsx (the model, its results and sensitivity)")
    cv.add_argument("--no-results", action="store_true", help="xlsx: write the model sheets only")
    cv.add_argument("--force", action="store_true", help="overwrite the output file if it exists")
    cv.set_defaults(func=_cmd_convert)
    _add_smaa_parser(sub)
    _add_compare_parser(sub)
    _add_brief_parser(sub)
    return parser


def parse_interval(text: str) -> tuple[str, list[float]]:
    """Parse ``policy=0.3:0.5`` into ``("policy", [0.3, 0.5])``.

    Examples
    --------
    >>> parse_interval("policy=0.3:0.5")
    ('policy', [0.3, 0.5])
    """
    name, sep, rng = text.partition("=")
    lo, colon, hi = rng.partition(":")
    try:
        if not (sep and colon and name.strip()):
            raise ValueError
        return name.strip(), [float(lo), float(hi)]
    except ValueError:
        msg = f"--interval: {text!r} is not criterion=low:high (e.g. policy=0.3:0.5)"
        raise ANPError(msg) from None


def _smaa_constraints(args: argparse.Namespace) -> dict[str, object] | None:
    out: dict[str, object] = {}
    if args.order:
        out["order"] = [c.strip() for c in args.order.split(",") if c.strip()]
    if args.interval:
        intervals: dict[str, list[float]] = {}
        for text in args.interval:
            name, bounds = parse_interval(text)
            if name in intervals:
                msg = f"--interval: {name!r} given twice"
                raise ANPError(msg)
            intervals[name] = bounds
        out["intervals"] = intervals
    return out or None


def _cmd_smaa(args: argparse.Namespace) -> int:
    from anp_core.smaa import smaa

    model = load_any(args.model)
    criteria = [c.strip() for c in args.criteria.split(",") if c.strip()] if args.criteria else None
    r = smaa(
        model,
        draws=args.draws,
        seed=args.seed,
        constraints=_smaa_constraints(args),
        criteria=criteria,
        spread=args.spread,
        confidence_draws=args.confidence_draws,
        sampler=args.sampler,
    )
    acc = r.acceptability
    if args.format == "json":
        central = r.central_weights
        out = {
            "model": model.id,
            "draws": r.draws,
            "seed": r.seed,
            "criteria": list(r.criteria),
            "constraints": r.constraints.as_dict(),
            "sampling": {"method": r.method, "description": r.sampling, "acceptance_rate": r.acceptance_rate},
            "ranking": "competition ranks of the composite weights rounded to 3 decimals",
            "confidence": {"spread": r.spread, "draws": r.confidence_draws},
            "acceptability": {f: {str(k): float(v) for k, v in row.items()} for f, row in acc.iterrows()},
            "central_weights": {
                f: None if row.isna().any() else {c: float(v) for c, v in row.items()}
                for f, row in central.iterrows()
            },
            "confidence_factors": {f: None if v != v else float(v) for f, v in r.confidence.items()},
            "holistic": {f: float(v) for f, v in r.holistic.items()},
            "base_ranks": dict(zip(r.node_ids, r.base_ranks.tolist(), strict=True)),
        }
        print(json.dumps(out, indent=2))
        return 0
    cons = r.constraints
    parts = []
    if cons.order:
        parts.append(" >= ".join(cons.order))
    parts += [f"{c} in [{lo:g}, {hi:g}]" for c, (lo, hi) in cons.intervals.items()]
    print(f"model: {model.name}")
    print(f"{r.draws} weight draws over {', '.join(r.criteria)}; seed {r.seed}")
    print(f"constraints: {'; '.join(parts) if parts else 'none (the whole simplex)'}")
    print(f"sampling: {r.sampling}")
    print(
        "ranks: competition ranks of the composite weights rounded to 3 decimals (ties share the better rank)"
    )
    conf = (
        f"judgments perturbed by up to {r.spread:g} doubling(s), log-uniform, {r.confidence_draws} draws"
        if r.spread
        else "exact judgments (0 or 1)"
    )
    print(f"confidence factor: share of draws ranking first at the central weights; {conf}")
    shown = min(5, acc.shape[1])
    table = pd.DataFrame({"name": [model.label(f) for f in r.node_ids]}, index=list(r.node_ids))
    table["base"] = r.base_ranks
    for k in range(1, shown + 1):
        table[f"b{k}"] = acc[k].to_numpy()
    table["top3"] = r.top_acceptability(3).to_numpy()
    table["holistic"] = r.holistic.to_numpy()
    table["confidence"] = r.confidence_values
    table = table.sort_values(["holistic", "base"], ascending=[False, True], kind="stable")
    print(f"\nrank acceptability (share of draws holding rank 1..{shown}), by holistic acceptability:")
    print(table.to_string(float_format=lambda x: f"{x:.3f}", na_rep="-"))
    central = r.central_weights.dropna()
    if len(central):
        central.insert(0, "name", [model.label(f) for f in central.index])
        central.index.name = None
        central.columns.name = None
        print("\ncentral weight vectors (mean weights of the draws where the node ranks first):")
        print(central.to_string(float_format=lambda x: f"{x:.3f}"))
    return 0


def _add_smaa_parser(sub: argparse._SubParsersAction[_Parser]) -> None:
    sm = sub.add_parser("smaa", help="SMAA-2: rank acceptability over all admissible criterion weights")
    sm.add_argument("model")
    sm.add_argument("--draws", type=int, default=10_000, help="weight vectors drawn (default 10000)")
    sm.add_argument("--seed", type=int, default=0)
    sm.add_argument("--order", help="criteria most important first, e.g. policy,economic,political")
    sm.add_argument(
        "--interval", action="append", help="weight bounds, e.g. policy=0.3:0.5 (repeat for more criteria)"
    )
    sm.add_argument("--criteria", help="criteria whose weights vary (default: the control criteria)")
    sm.add_argument(
        "--spread", type=float, default=1.0, help="judgment perturbation for confidence factors (doublings)"
    )
    sm.add_argument("--confidence-draws", type=int, default=1_000, help="draws per confidence factor")
    sm.add_argument("--sampler", choices=["auto", "rejection", "hit-and-run"], default="auto")
    sm.add_argument("--format", choices=["table", "json"], default="table")
    sm.set_defaults(func=_cmd_smaa)


def _scenario_arg(text: str) -> tuple[str, object]:
    """``model`` (the model's weights), ``name=value,...`` weights, or a scenario file."""
    from anp_core.scenarios import load_scenario

    if text == "model":
        return "model weights", None
    if "=" in text:
        return text, parse_weights(text)
    sc = load_scenario(text)
    return sc.name, sc


def _cmd_compare(args: argparse.Namespace) -> int:
    from anp_core.compare import head_to_head, scenario_shift
    from anp_core.scenarios import load_scenario

    model = load_any(args.model)
    if bool(args.nodes) == bool(args.scenarios):
        msg = "give either --nodes a,b or --scenarios A B"
        raise ANPError(msg)
    fmt = lambda x: f"{x:.4f}"  # noqa: E731
    if args.nodes:
        nodes = [n.strip() for n in args.nodes.split(",") if n.strip()]
        if len(nodes) != 2:
            msg = "--nodes needs two node ids, e.g. government_regulation,electronic_payment"
            raise ANPError(msg)
        weights, overrides, label = None, None, "the model's weights"
        if args.scenario:
            sc = load_scenario(args.scenario)
            weights, overrides, label = sc.criterion_weights, sc.overrides or None, f"scenario {sc.name!r}"
        elif args.weights:
            weights, label = parse_weights(args.weights), "--weights"
        d = head_to_head(model, nodes[0], nodes[1], weights, overrides)
        table = d.table()
        if args.format == "json":
            out = {
                "a": d.a,
                "b": d.b,
                "composite_a": d.composite_a,
                "composite_b": d.composite_b,
                "difference": d.difference,
                "rank_a": d.rank_a,
                "rank_b": d.rank_b,
                "favouring_a": list(d.favouring_a),
                "favouring_b": list(d.favouring_b),
                "dominance": d.dominance,
                "share_of_uniform_weightings": {"a_ahead": d.share_a_ahead, "b_ahead": d.share_b_ahead},
                "criteria": json.loads(table.to_json(orient="index")),
            }
            print(json.dumps(out, indent=2))
            return 0
        na, nb = model.label(d.a), model.label(d.b)
        print(f"{na} (rank {d.rank_a}, {d.composite_a:.4f}) vs {nb} (rank {d.rank_b}, {d.composite_b:.4f})")
        print(f"criterion weights: {label}; difference {d.difference:+.4f} = sum of the contributions")
        shown = table.copy()
        shown.insert(0, "name", [model.label(c) for c in shown.index])
        shown["favours"] = [model.label(f) if f else "-" for f in shown["favours"]]
        shown.index.name = None
        print(shown.to_string(float_format=fmt, na_rep="-"))
        print("break_even: the criterion's weight at which the two tie (the others keep their proportions)")
        for who, crits in ((na, d.favouring_a), (nb, d.favouring_b)):
            print(f"favour {who}: {', '.join(model.label(c) for c in crits) or 'none'}")
        if d.dominance:
            lead = na if d.dominance == "a" else nb
            print(f"{lead} is ahead under every criterion, so under any weights")
        print(
            f"share of all weightings (uniform on the simplex) with {na} ranked above: {d.share_a_ahead:.1%}; "
            f"{nb} above: {d.share_b_ahead:.1%}"
        )
        return 0
    (la, a), (lb, b) = (_scenario_arg(x) for x in args.scenarios)
    s = scenario_shift(model, a, b)  # type: ignore[arg-type]
    table = s.table()
    if args.format == "json":
        out = {
            "a": la,
            "b": lb,
            "criterion_weights": json.loads(s.weights_table().to_json(orient="index")),
            "judgment_changes": s.has_judgment_changes,
            "nodes": json.loads(table.to_json(orient="index")),
        }
        if args.node:
            out["drivers"] = json.loads(s.drivers(args.node).to_json(orient="index"))
        print(json.dumps(out, indent=2))
        return 0
    print(f"A: {la}\nB: {lb}")
    wt = s.weights_table()
    wt.index = [model.label(c) for c in wt.index]
    print(wt.to_string(float_format=fmt))
    shown = table.head(args.top).copy()
    shown.insert(0, "name", [model.label(n) for n in shown.index])
    shown.index.name = None
    if not s.has_judgment_changes:
        shown = shown.drop(columns="judgment_effect")
    print(f"\nnodes by rank under B (first {len(shown)}); change = weight effect + judgment effect:")
    print(shown.to_string(float_format=fmt))
    if args.node:
        dr = s.drivers(args.node)
        dr.index = [model.label(c) for c in dr.index]
        print(f"\n{model.label(args.node)}: what each criterion did")
        print(dr.to_string(float_format=fmt))
    return 0


def _add_compare_parser(sub: argparse._SubParsersAction[_Parser]) -> None:
    cp = sub.add_parser("compare", help="head-to-head: two nodes, or two scenarios, criterion by criterion")
    cp.add_argument("model")
    cp.add_argument("--nodes", help="two ranked node ids, e.g. government_regulation,electronic_payment")
    cp.add_argument(
        "--scenarios",
        nargs=2,
        metavar=("A", "B"),
        help="two scenarios: a scenario file, name=value weights, or 'model' (the model's weights)",
    )
    cp.add_argument("--weights", help="criterion weights for --nodes (default: the model's)")
    cp.add_argument("--scenario", help="scenario file for --nodes (weights and judgment overrides)")
    cp.add_argument("--node", help="with --scenarios: what each criterion did to this node")
    cp.add_argument("--top", type=int, default=20, help="with --scenarios: nodes shown (default 20)")
    cp.add_argument("--format", choices=["table", "json"], default="table")
    cp.set_defaults(func=_cmd_compare)


def _cmd_brief(args: argparse.Namespace) -> int:
    from anp_core.i18n import LANGUAGES
    from anp_core.report import PDFRendererMissingError, build_brief, write_brief
    from anp_core.scenarios import load_scenario

    model = load_any(args.model)
    if args.weights and args.scenario:
        msg = "give --weights or --scenario, not both"
        raise ANPError(msg)
    if args.lang not in LANGUAGES:
        msg = f"--lang must be one of: {', '.join(LANGUAGES)}"
        raise ANPError(msg)
    scenario = load_scenario(args.scenario) if args.scenario else None
    weights = parse_weights(args.weights) if args.weights else None
    brief = build_brief(
        model, weights=weights, scenario=scenario, top=args.top, mc_draws=args.draws, seed=args.seed
    )
    try:
        path = write_brief(brief, args.output, args.lang)
    except PDFRendererMissingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        msg = f"cannot write {args.output}: {exc.strerror}"
        raise ANPError(msg) from None
    print(f"wrote {path}")
    return 0


def _add_brief_parser(sub: argparse._SubParsersAction[_Parser]) -> None:
    br = sub.add_parser("brief", help="policy brief as self-contained HTML or PDF (headless Chromium)")
    br.add_argument("model")
    br.add_argument("-o", "--output", required=True, help="output file, .pdf or .html")
    br.add_argument("--weights", help="criterion weights, e.g. policy=0.5,political=0.5")
    br.add_argument("--scenario", help="scenario file (weights and judgment overrides)")
    br.add_argument("--lang", default="en", help="language of the brief: en or zh (default en)")
    br.add_argument(
        "--top", type=int, default=5, help="top factors with recommendations and stability (default 5)"
    )
    br.add_argument("--draws", type=int, default=2000, help="Monte Carlo draws for stability (default 2000)")
    br.add_argument("--seed", type=int, default=0)
    br.set_defaults(func=_cmd_brief)


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

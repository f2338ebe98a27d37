"""Command line for expert panels: ``aggregate`` experts' copies of one model (AIJ/AIP)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from anp_core.cli_common import Parser
from anp_core.errors import ANPError, ModelValidationError
from anp_core.formats import load_any


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


def cmd_aggregate(args: argparse.Namespace) -> int:
    """Run ``aggregate``: combine experts' copies of one model into one (AIJ or AIP)."""
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
                "cr": res.cr,  # None under AIP
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
                    if d.disputed
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
        worst = (
            f"{dis[0]['pair'][0]} vs {dis[0]['pair'][1]} (x{dis[0]['geometric_sd']:.2f})" if dis else "none"
        )
        s_text = f"{s:.3f}" if isinstance(s, float) else "-"
        cr = row["cr"]
        cr_text = f"{cr:.3f}" if isinstance(cr, float) else "n/a"
        print(f"{str(row['title'])[:58]:<58} {s_text:>6} {cr_text:>6}  {worst}")
    if args.method == "aip":
        print(
            "CR n/a: under AIP the group matrix comes from the group priorities, consistent by construction."
        )
    return 0


def add_aggregate_parser(sub: argparse._SubParsersAction[Parser]) -> None:
    """Add the ``aggregate`` sub-command to ``sub``."""
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
    ag.set_defaults(func=cmd_aggregate)

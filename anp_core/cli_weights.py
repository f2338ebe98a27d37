"""Command line for weight questions: ``smaa`` (SMAA-2), ``compare`` (head-to-head) and the policy ``brief``."""

from __future__ import annotations

import argparse
import json
import sys

import pandas as pd

from anp_core.cli_common import Parser, parse_weights
from anp_core.errors import ANPError
from anp_core.formats import load_any


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


def cmd_smaa(args: argparse.Namespace) -> int:
    """Run ``smaa``: rank acceptability, central weights and confidence factors (SMAA-2)."""
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


def add_smaa_parser(sub: argparse._SubParsersAction[Parser]) -> None:
    """Add the ``smaa`` sub-command to ``sub``."""
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
    sm.set_defaults(func=cmd_smaa)


def _scenario_arg(text: str) -> tuple[str, object]:
    """``model`` (the model's weights), ``name=value,...`` weights, or a scenario file."""
    from anp_core.scenarios import load_scenario

    if text == "model":
        return "model weights", None
    if "=" in text:
        return text, parse_weights(text)
    sc = load_scenario(text)
    return sc.name, sc


def cmd_compare(args: argparse.Namespace) -> int:
    """Run ``compare``: two nodes, or two scenarios, criterion by criterion."""
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


def add_compare_parser(sub: argparse._SubParsersAction[Parser]) -> None:
    """Add the ``compare`` sub-command to ``sub``."""
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
    cp.set_defaults(func=cmd_compare)


def cmd_brief(args: argparse.Namespace) -> int:
    """Run ``brief``: the policy brief as HTML or PDF."""
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


def add_brief_parser(sub: argparse._SubParsersAction[Parser]) -> None:
    """Add the ``brief`` sub-command to ``sub``."""
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
    br.set_defaults(func=cmd_brief)

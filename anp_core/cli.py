"""Command line: ``python -m anp_core evaluate MODEL.json [...]``.

Bad input (an unreadable or invalid model, a bad ``--weights`` value) exits
with status 2 and one line on stderr; nothing else is printed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import NoReturn

import numpy as np

from anp_core.errors import ANPError, ModelValidationError
from anp_core.evaluate import Evaluation, evaluate
from anp_core.model_file import load_model

__all__ = ["main", "parse_weights"]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def parse_weights(text: str) -> dict[str, float]:
    """Parse ``policy=0.5,political=0.3`` into a dict (values as floats).

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
        if not sep:
            msg = f"--weights: {part!r} is not name=value"
            raise ANPError(msg)
        try:
            out[name.strip()] = float(value)
        except ValueError:
            msg = f"--weights: {value.strip()!r} for {name.strip()!r} is not a number"
            raise ANPError(msg) from None
        if name.strip() in list(out)[:-1]:
            msg = f"--weights: {name.strip()!r} given twice"
            raise ANPError(msg)
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
            for f, row in zip(ev.model.node_ids, ev.limits, strict=True)
        },
        "composite": dict(zip(ev.model.node_ids, ev.composite_values.tolist(), strict=True)),
        "cluster_weights": {k: float(v) for k, v in ev.cluster_weights.items()},
        "ranks": dict(zip(ev.model.node_ids, ev.rank_values.tolist(), strict=True)),
    }


def _cmd_evaluate(args: argparse.Namespace) -> int:
    model = load_model(args.model)
    weights = parse_weights(args.weights) if args.weights else None
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
    with np.printoptions(suppress=True):
        print(shown.to_string(float_format=lambda x: f"{x:.4f}"))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser (exposed for documentation and tests)."""
    parser = _Parser(prog="python -m anp_core", description="Analytic Network Process engine")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    ev = sub.add_parser("evaluate", help="ranked composite weights of a model")
    ev.add_argument("model", help="model JSON file")
    ev.add_argument(
        "--weights",
        help="criterion weights, e.g. policy=0.5,political=0.3 (renormalised; unnamed = 0)",
    )
    ev.add_argument("--format", choices=["table", "csv", "json"], default="table")
    ev.set_defaults(func=_cmd_evaluate)
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
    return 2

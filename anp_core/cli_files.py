"""Command line for model files: ``convert`` between JSON, .sdmod and .xlsx; ``check`` a draft or model."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from anp_core.cli_common import Parser
from anp_core.errors import ANPError
from anp_core.evaluate import evaluate
from anp_core.formats import load_any


def cmd_convert(args: argparse.Namespace) -> int:
    """Run ``convert``: write the source model as .json or .xlsx (model, results, sensitivity)."""
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


def cmd_check(args: argparse.Namespace) -> int:
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
            ("draft: 1 problem blocks it" if blocking == 1 else f"draft: {blocking} problems block it")
            if blocking
            else "complete model"
        )
        print(f"{draft.name}: {state}")
        for p in problems:
            print(f"[{p.severity}] {p.where}: {p.message}\n    -> {p.action}")
    return 1 if blocking else 0


def add_check_parser(sub: argparse._SubParsersAction[Parser]) -> None:
    """Add the ``check`` sub-command to ``sub``."""
    ch = sub.add_parser(
        "check", help="what a draft or model still needs (status 1 while something blocks it), and what to do"
    )
    ch.add_argument("model", help='draft or model: JSON (a draft has "draft": true), .sdmod or .xlsx')
    ch.add_argument("--format", choices=["table", "json"], default="table")
    ch.set_defaults(func=cmd_check)

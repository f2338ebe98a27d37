"""Creating a panel: which matrices are asked, what makes a panel valid, and its rows with their links.

A panel asks the matrices of two or more elements of its model (all of them
by default); each expert answers all of them or a chosen subset. The
facilitator's secret and one token per expert are made here and stored only
as hashes (:mod:`panel.tokens`): :class:`~panel.records.Created` is the only
place they are ever shown.
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from anp_core import Model, dump_model
from anp_core.aggregation_model import MatrixKey, MatrixSpec, key_text, model_matrices
from panel.errors import PanelError
from panel.records import Created, ExpertSpec, as_utc, utc_now
from panel.schema import Assignment, Expert, Panel, PanelMatrix
from panel.tokens import new_token, token_hash

__all__ = ["MAX_EXPERTS", "MAX_NAME", "asked_matrices", "creation_problems", "insert_panel"]

MAX_EXPERTS = 200
MAX_NAME = 120


def asked_matrices(model: Model, matrices: Sequence[MatrixKey] | None) -> list[MatrixSpec]:
    """Return the matrices a panel on ``model`` asks: ``matrices``, or every matrix of two or more elements.

    Raises
    ------
    PanelError
        A key is not a matrix of the model with two or more elements.
    """
    specs = [sp for sp in model_matrices(model) if sp.n >= 2]
    if matrices is not None:
        wanted = set(matrices)
        unknown = wanted - {sp.key for sp in specs}
        if unknown:
            msg = f"not a matrix of this model (or fewer than 2 elements): {key_text(sorted(unknown, key=str)[0])}"
            raise PanelError(msg)
        specs = [sp for sp in specs if sp.key in wanted]
    return specs


def creation_problems(
    name: str,
    experts: Sequence[ExpertSpec],
    specs: Sequence[MatrixSpec],
    deadline: datetime | None,
    intro: str,
    method: str,
) -> list[str]:
    """Return every reason a panel with these settings cannot be created (empty when it can)."""
    out: list[str] = []
    if not name.strip() or len(name) > 200:
        out.append("the panel needs a name of 1-200 characters")
    if not specs:
        out.append("choose at least one matrix (of two or more elements)")
    if not 1 <= len(experts) <= MAX_EXPERTS:
        out.append(f"a panel has 1 to {MAX_EXPERTS} experts")
    names = [e.name.strip() for e in experts]
    if any(not n or len(n) > MAX_NAME for n in names):
        out.append(f"every expert needs a name of 1-{MAX_NAME} characters")
    if len({n.casefold() for n in names}) != len(names):
        out.append("expert names must be different")
    keys = {sp.key for sp in specs}
    for e in experts:
        w = e.weight
        if (
            isinstance(w, bool)
            or not isinstance(w, int | float)
            or not math.isfinite(w)
            or not 0 <= w <= 1000
        ):
            out.append(f"{e.name.strip()[:40]}: weight must be a number from 0 to 1000")
        if e.matrices is not None and (not e.matrices or not set(e.matrices) <= keys):
            out.append(f"{e.name.strip()[:40]}: choose at least one of the panel's matrices")
    if experts and all(isinstance(e.weight, int | float) and e.weight == 0 for e in experts):
        out.append("at least one expert needs a weight above 0")
    if deadline is not None and (as_utc(deadline) or utc_now()) <= utc_now():
        out.append("the deadline must be in the future")
    if len(intro) > 5000:
        out.append("the introduction is limited to 5000 characters")
    if method not in ("aij", "aip"):
        out.append("method must be 'aij' or 'aip'")
    return out


def insert_panel(
    s: Session,
    model: Model,
    name: str,
    experts: Sequence[ExpertSpec],
    specs: Sequence[MatrixSpec],
    *,
    deadline: datetime | None,
    intro: str,
    method: str,
) -> Created:
    """Add a checked panel (see :func:`creation_problems`) to the caller's transaction.

    Returns
    -------
    Created
        The panel's ids, the facilitator's secret and one token per expert:
        shown once, stored hashed.
    """
    secret = new_token("facilitator")
    now = utc_now()
    tokens: list[tuple[int, str, str]] = []
    panel = Panel(
        public_id=secrets.token_hex(6),
        name=name.strip(),
        intro=intro.strip(),
        model_json=dump_model(model),
        model_name=model.name[:200],
        method=method,
        facilitator_hash=token_hash("facilitator", secret),
        created_at=now,
        deadline=as_utc(deadline),
    )
    s.add(panel)
    s.flush()
    rows = []
    for pos, sp in enumerate(specs):
        row = PanelMatrix(panel_id=panel.id, position=pos, key=key_text(sp.key), title=sp.title[:600], n=sp.n)
        s.add(row)
        rows.append(row)
    s.flush()
    by_key = {sp.key: r for sp, r in zip(specs, rows, strict=True)}
    for pos, ex in enumerate(experts):
        token = new_token("expert")
        e = Expert(
            panel_id=panel.id,
            position=pos,
            name=ex.name.strip(),
            weight=float(ex.weight),
            token_hash=token_hash("expert", token),
            created_at=now,
        )
        s.add(e)
        s.flush()
        keys = ex.matrices if ex.matrices is not None else tuple(by_key)
        for k in keys:
            s.add(Assignment(expert_id=e.id, matrix_id=by_key[k].id))
        tokens.append((e.id, e.name, token))
    return Created(panel.id, panel.public_id, secret, tuple(tokens))

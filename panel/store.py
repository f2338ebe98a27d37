"""Every read and write of panels, one transaction each.

An expert reaches only their own assignments, through the token of their
link; the facilitator reaches the panel through its secret. Each write looks
the token up again inside its own transaction, so a regenerated link or a
closed panel takes effect at once. :meth:`PanelStore.save_answers` returns
only after the transaction has committed: the questionnaire says "saved" on
that return, never before.

Errors: :class:`AccessDeniedError` (unknown, replaced or expired link: the page
shows a plain refusal) and :class:`AnswerRejectedError` (a value off Saaty's scale,
a pair or matrix that is not the expert's). Messages never contain a token.

:class:`PanelStore` holds the transactions and reads the states; the work is
done in :mod:`panel.access` (links and secrets), :mod:`panel.creation`
(new panels), :mod:`panel.answers` (saving and submitting judgments),
:mod:`panel.export` (the JSON export) and :mod:`panel.integrity` (table
checks). The records it returns are in :mod:`panel.records`, the errors in
:mod:`panel.errors`; all are re-exported here.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from anp_core import Model, load_model
from anp_core.aggregation_model import MatrixKey, key_text, model_matrices
from panel.access import check_open, expert_by_token, expert_in_panel, panel_by_secret
from panel.answers import Item, check_value, save_items, submit_matrix
from panel.creation import MAX_EXPERTS, MAX_NAME, asked_matrices, creation_problems, insert_panel
from panel.db import get_engine
from panel.errors import AccessDeniedError, AnswerRejectedError, PanelError
from panel.export import export_dict
from panel.integrity import integrity_problems
from panel.records import (
    AssignmentState,
    Created,
    ExpertInfo,
    ExpertSpec,
    ExpertState,
    MatrixInfo,
    Pair,
    PanelInfo,
    PanelState,
    Saved,
    as_utc,
    utc_now,
)
from panel.schema import Answer, Assignment, Expert, Panel, PanelMatrix
from panel.tokens import new_token, token_hash

__all__ = [
    "MAX_EXPERTS",
    "MAX_NAME",
    "AccessDeniedError",
    "AnswerRejectedError",
    "AssignmentState",
    "Created",
    "ExpertInfo",
    "ExpertSpec",
    "ExpertState",
    "MatrixInfo",
    "PanelError",
    "PanelInfo",
    "PanelState",
    "PanelStore",
    "Saved",
    "check_value",
    "export_dict",
    "get_store",
    "integrity_problems",
]

_MODELS_KEPT = 32  # parsed models kept per store (a panel's model is read on every page load)


class PanelStore:
    """Panels in one database (see :mod:`panel.db`)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._write_engine = engine.execution_options(anp_write=True)
        self._models: OrderedDict[tuple[int, str], Model] = OrderedDict()
        self._models_lock = threading.Lock()

    # ----- sessions
    @contextmanager
    def _read(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as s, s.begin():
            yield s

    @contextmanager
    def _write(self) -> Iterator[Session]:
        with Session(self._write_engine, expire_on_commit=False) as s, s.begin():
            yield s

    # ----- reading states
    def _model_of(self, panel: Panel) -> Model:
        key = (panel.id, panel.public_id)
        with self._models_lock:
            model = self._models.get(key)
            if model is not None:
                self._models.move_to_end(key)
                return model
        model = load_model(panel.model_json)
        with self._models_lock:
            self._models[key] = model
            while len(self._models) > _MODELS_KEPT:
                self._models.popitem(last=False)
        return model

    @staticmethod
    def _info(p: Panel) -> PanelInfo:
        created = as_utc(p.created_at)
        assert created is not None
        return PanelInfo(
            id=p.id,
            public_id=p.public_id,
            name=p.name,
            intro=p.intro,
            model_name=p.model_name,
            method=p.method,
            created_at=created,
            deadline=as_utc(p.deadline),
            closed_at=as_utc(p.closed_at),
        )

    def _matrices(self, s: Session, panel: Panel) -> dict[int, MatrixInfo]:
        specs = {key_text(sp.key): sp for sp in model_matrices(self._model_of(panel))}
        rows = s.scalars(select(PanelMatrix).where(PanelMatrix.panel_id == panel.id)).all()
        return {r.id: MatrixInfo(r.id, r.position, specs[r.key]) for r in rows}

    @staticmethod
    def _assignments(
        s: Session, matrices: Mapping[int, MatrixInfo], expert_ids: Sequence[int]
    ) -> dict[tuple[int, int], AssignmentState]:
        if not expert_ids:
            return {}
        asgs = s.scalars(select(Assignment).where(Assignment.expert_id.in_(expert_ids))).all()
        answers: dict[int, dict[Pair, float]] = {a.id: {} for a in asgs}
        for ans in s.scalars(select(Answer).where(Answer.assignment_id.in_([a.id for a in asgs]))).all():
            answers[ans.assignment_id][(ans.row, ans.col)] = float(ans.value)
        return {
            (a.expert_id, a.matrix_id): AssignmentState(
                expert_id=a.expert_id,
                matrix=matrices[a.matrix_id],
                answers=answers[a.id],
                submitted_at=as_utc(a.submitted_at),
                submitted_cr=a.submitted_cr,
            )
            for a in asgs
        }

    # ----- creation
    def create_panel(
        self,
        model: Model,
        name: str,
        experts: Sequence[ExpertSpec],
        *,
        matrices: Sequence[MatrixKey] | None = None,
        deadline: datetime | None = None,
        intro: str = "",
        method: str = "aij",
    ) -> Created:
        """Create a panel on ``model`` and return its secret and expert tokens (shown once, stored hashed).

        ``matrices`` (default: every matrix of two or more elements) are the
        matrices asked; each expert answers ``spec.matrices`` of them (default
        all). Raises PanelError naming the first problem.
        """
        specs = asked_matrices(model, matrices)
        problems = creation_problems(name, experts, specs, deadline, intro, method)
        if problems:
            raise PanelError("; ".join(problems))
        with self._write() as s:
            return insert_panel(s, model, name, experts, specs, deadline=deadline, intro=intro, method=method)

    # ----- expert side
    def expert_state(self, token: object) -> ExpertState:
        """Return the expert's own view (raises AccessDeniedError for a bad link; a closed panel still reads)."""
        with self._read() as s:
            expert, panel = expert_by_token(s, token)
            matrices = self._matrices(s, panel)
            asg = self._assignments(s, matrices, [expert.id])
            ordered = sorted(asg.values(), key=lambda a: a.matrix.position)
            return ExpertState(
                panel=self._info(panel),
                expert=ExpertInfo(expert.id, expert.position, expert.name, expert.weight),
                assignments=tuple(ordered),
            )

    def save_answers(self, token: object, items: Iterable[Item], *, source: str = "web") -> Saved:
        """Validate and commit judgments ``(matrix key, row, col, value)`` of the expert of ``token``.

        All or nothing: any bad item raises AnswerRejectedError and nothing is
        written. A change to a submitted matrix re-opens it (submit again).
        """
        with self._write() as s:
            expert, panel = expert_by_token(s, token)
            check_open(panel)
            return save_items(s, expert, list(items), source)

    def save_answers_for(
        self, secret: object, expert_id: int, items: Iterable[Item], *, source: str = "workbook"
    ) -> Saved:
        """As :meth:`save_answers`, by the facilitator for one of the panel's experts (offline workbooks)."""
        with self._write() as s:
            panel = panel_by_secret(s, secret)
            expert = expert_in_panel(s, panel, expert_id, AnswerRejectedError)
            return save_items(s, expert, list(items), source)

    def submit(self, token: object, key: str) -> tuple[datetime, float]:
        """Mark the expert's matrix ``key`` submitted (every pair must be answered); return the time and its CR.

        The CR is computed from the stored answers (:func:`panel.answers.submit_matrix`).
        """
        with self._write() as s:
            expert, panel = expert_by_token(s, token)
            check_open(panel)
            return submit_matrix(s, expert, key)

    # ----- facilitator side
    def panel_state(self, secret: object) -> PanelState:
        """Return everything the facilitator sees (raises AccessDeniedError for a bad secret)."""
        with self._read() as s:
            panel = panel_by_secret(s, secret)
            matrices = self._matrices(s, panel)
            experts = s.scalars(
                select(Expert).where(Expert.panel_id == panel.id).order_by(Expert.position)
            ).all()
            infos = tuple(ExpertInfo(e.id, e.position, e.name, e.weight) for e in experts)
            return PanelState(
                panel=self._info(panel),
                model=self._model_of(panel),
                matrices=tuple(sorted(matrices.values(), key=lambda m: m.position)),
                experts=infos,
                assignments=self._assignments(s, matrices, [e.id for e in experts]),
            )

    def new_link(self, secret: object, expert_id: int) -> str:
        """Replace an expert's token (the old link stops working at once) and return the new one."""
        token = new_token("expert")
        with self._write() as s:
            panel = panel_by_secret(s, secret)
            expert_in_panel(s, panel, expert_id).token_hash = token_hash("expert", token)
        return token

    def set_open(self, secret: object, is_open: bool) -> None:
        """Close the panel (answers become read-only) or open it again."""
        with self._write() as s:
            panel = panel_by_secret(s, secret)
            panel.closed_at = None if is_open else utc_now()

    def set_deadline(self, secret: object, deadline: datetime | None) -> None:
        """Set or clear the deadline (UTC)."""
        with self._write() as s:
            panel_by_secret(s, secret).deadline = as_utc(deadline)

    def export(self, secret: object) -> dict[str, Any]:
        """Return the panel as a JSON-ready dict: settings, model, experts (no tokens) and every answer."""
        return export_dict(self.panel_state(secret))


_STORES: dict[str, PanelStore] = {}
_STORES_LOCK = threading.Lock()


def get_store(url: str | None = None) -> PanelStore:
    """Return the process-wide store for ``url`` (default: ``ANP_DATABASE_URL`` or the SQLite file)."""
    engine = get_engine(url)
    key = str(engine.url)
    with _STORES_LOCK:
        store = _STORES.get(key)
        if store is None:
            store = _STORES[key] = PanelStore(engine)
        return store

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
"""

from __future__ import annotations

import json
import math
import secrets
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from anp_core import Model, dump_model, load_model
from anp_core.aggregation_model import MatrixKey, MatrixSpec, key_text, model_matrices
from panel.db import get_engine
from panel.scale import SCALE_VALUES, is_scale_value
from panel.schema import Answer, Assignment, Expert, Panel, PanelMatrix
from panel.tokens import looks_like_token, new_token, token_hash

__all__ = [
    "AccessDeniedError",
    "AnswerRejectedError",
    "AssignmentState",
    "Created",
    "ExpertSpec",
    "ExpertState",
    "MatrixInfo",
    "PanelError",
    "PanelState",
    "PanelStore",
    "Saved",
    "check_value",
    "get_store",
]

MAX_EXPERTS = 200
MAX_NAME = 120
Pair = tuple[int, int]


class PanelError(ValueError):
    """Base class of the errors a panel page shows to its user."""


class AccessDeniedError(PanelError):
    """The link is unknown, was replaced, or its panel is closed or past its deadline."""


class AnswerRejectedError(PanelError):
    """A judgment was refused (not on the scale, not the expert's matrix or pair); nothing changed."""


def _now() -> datetime:
    return datetime.now(UTC)


def _utc(dt: datetime | None) -> datetime | None:
    if dt is None:
        return None
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def check_value(value: object) -> float:
    """Return ``value`` as a point of Saaty's scale (1/9 … 9) or raise AnswerRejectedError naming the problem.

    Examples
    --------
    >>> check_value(5), check_value("1/3") == 1 / 3
    (5.0, True)
    """
    if isinstance(value, bool) or value is None:
        msg = f"{value!r} is not a judgment; choose a point of the scale (1/9 … 9)"
        raise AnswerRejectedError(msg)
    if isinstance(value, str):
        text = value.strip()
        try:
            num, _, den = text.partition("/")
            v = float(num) / float(den) if den else float(num)
        except (ValueError, ZeroDivisionError):
            msg = f"{text[:40]!r} is not a number; choose a point of the scale (1/9 … 9)"
            raise AnswerRejectedError(msg) from None
    elif isinstance(value, int | float):
        v = float(value)
    else:
        msg = f"a {type(value).__name__} is not a judgment; choose a point of the scale (1/9 … 9)"
        raise AnswerRejectedError(msg)
    if not math.isfinite(v) or v <= 0:
        msg = f"{v:g} is not allowed: judgments are positive, from 1/9 to 9"
        raise AnswerRejectedError(msg)
    if not is_scale_value(v):
        msg = f"{v:g} is not a point of Saaty's scale (1, 2, … 9 or 1/2 … 1/9)"
        raise AnswerRejectedError(msg)
    return min(SCALE_VALUES, key=lambda s: abs(s - v))


# --------------------------------------------------------------------------- plain results
@dataclass(frozen=True)
class ExpertSpec:
    """An expert to create: display name, weight (>= 0) and the keys of the matrices they answer."""

    name: str
    weight: float = 1.0
    matrices: tuple[MatrixKey, ...] | None = None  # None: every matrix of the panel


@dataclass(frozen=True)
class Created:
    """A new panel: its id, the facilitator's secret and one private token per expert (shown once)."""

    panel_id: int
    public_id: str
    facilitator_secret: str
    expert_tokens: tuple[tuple[int, str, str], ...]  # (expert id, name, token)


@dataclass(frozen=True)
class MatrixInfo:
    """A matrix of a panel: database id, key and what the model says of it."""

    id: int
    position: int
    spec: MatrixSpec

    @property
    def key(self) -> str:
        """Text key of the matrix (see :func:`anp_core.aggregation_model.key_text`)."""
        return key_text(self.spec.key)


@dataclass(frozen=True)
class AssignmentState:
    """One expert's answers to one matrix: ``answers[(i, j)] = a_ij`` for ``i < j``."""

    expert_id: int
    matrix: MatrixInfo
    answers: Mapping[Pair, float]
    submitted_at: datetime | None
    submitted_cr: float | None

    @property
    def n_answered(self) -> int:
        """Number of pairs answered."""
        return len(self.answers)

    @property
    def complete(self) -> bool:
        """Whether every pair is answered."""
        return len(self.answers) == self.matrix.spec.n_pairs


@dataclass(frozen=True)
class PanelInfo:
    """A panel's settings."""

    id: int
    public_id: str
    name: str
    intro: str
    model_name: str
    method: str
    created_at: datetime
    deadline: datetime | None
    closed_at: datetime | None

    def open_now(self, now: datetime | None = None) -> bool:
        """Whether experts may still change answers."""
        now = now or _now()
        return self.closed_at is None and (self.deadline is None or now < self.deadline)


@dataclass(frozen=True)
class ExpertInfo:
    """An expert as the facilitator sees them (never their token)."""

    id: int
    position: int
    name: str
    weight: float


@dataclass(frozen=True)
class ExpertState:
    """What an expert's link shows: the panel, themselves and their own assignments only."""

    panel: PanelInfo
    expert: ExpertInfo
    assignments: tuple[AssignmentState, ...]


@dataclass(frozen=True)
class PanelState:
    """What the facilitator sees: the panel, its model, matrices, experts and every answer."""

    panel: PanelInfo
    model: Model
    matrices: tuple[MatrixInfo, ...]
    experts: tuple[ExpertInfo, ...]
    assignments: Mapping[tuple[int, int], AssignmentState] = field(
        default_factory=dict
    )  # (expert, matrix id)


@dataclass(frozen=True)
class Saved:
    """Acknowledgement of committed answers."""

    count: int
    saved_at: datetime
    reopened: tuple[str, ...] = ()  # matrices that were submitted and changed: submit them again


# --------------------------------------------------------------------------- store
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

    # ----- helpers
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
            while len(self._models) > 32:
                self._models.popitem(last=False)
        return model

    @staticmethod
    def _info(p: Panel) -> PanelInfo:
        created = _utc(p.created_at)
        assert created is not None
        return PanelInfo(
            id=p.id,
            public_id=p.public_id,
            name=p.name,
            intro=p.intro,
            model_name=p.model_name,
            method=p.method,
            created_at=created,
            deadline=_utc(p.deadline),
            closed_at=_utc(p.closed_at),
        )

    def _matrices(self, s: Session, panel: Panel) -> dict[int, MatrixInfo]:
        specs = {key_text(sp.key): sp for sp in model_matrices(self._model_of(panel))}
        rows = s.scalars(select(PanelMatrix).where(PanelMatrix.panel_id == panel.id)).all()
        return {r.id: MatrixInfo(r.id, r.position, specs[r.key]) for r in rows}

    @staticmethod
    def _expert_by_token(s: Session, token: object) -> tuple[Expert, Panel]:
        if not looks_like_token(token):
            msg = "This link is not valid. Check that you copied the whole link, or ask the facilitator for a new one."
            raise AccessDeniedError(msg)
        assert isinstance(token, str)
        row = s.execute(
            select(Expert, Panel)
            .join(Panel, Expert.panel_id == Panel.id)
            .where(Expert.token_hash == token_hash("expert", token))
        ).first()
        if row is None:
            msg = "This link is not valid or was replaced by a newer one. Ask the facilitator for your current link."
            raise AccessDeniedError(msg)
        return row[0], row[1]

    @staticmethod
    def _panel_by_secret(s: Session, secret: object) -> Panel:
        if not looks_like_token(secret):
            msg = "This facilitator link is not valid."
            raise AccessDeniedError(msg)
        assert isinstance(secret, str)
        panel = s.scalars(
            select(Panel).where(Panel.facilitator_hash == token_hash("facilitator", secret))
        ).first()
        if panel is None:
            msg = "This facilitator link is not valid."
            raise AccessDeniedError(msg)
        return panel

    @staticmethod
    def _check_open(panel: Panel) -> None:
        if panel.closed_at is not None:
            msg = "This panel is closed: answers can no longer be changed. The answers you saved were kept."
            raise AccessDeniedError(msg)
        deadline = _utc(panel.deadline)
        if deadline is not None and _now() >= deadline:
            msg = (
                f"This panel's deadline ({deadline:%Y-%m-%d %H:%M} UTC) has passed: answers can no longer be "
                "changed. The answers you saved were kept."
            )
            raise AccessDeniedError(msg)

    def _assignments(
        self, s: Session, matrices: Mapping[int, MatrixInfo], expert_ids: Sequence[int]
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
                submitted_at=_utc(a.submitted_at),
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
        specs = [sp for sp in model_matrices(model) if sp.n >= 2]
        if matrices is not None:
            wanted = set(matrices)
            unknown = wanted - {sp.key for sp in specs}
            if unknown:
                msg = f"not a matrix of this model (or fewer than 2 elements): {key_text(sorted(unknown, key=str)[0])}"
                raise PanelError(msg)
            specs = [sp for sp in specs if sp.key in wanted]
        problems = _creation_problems(name, experts, specs, deadline, intro, method)
        if problems:
            raise PanelError("; ".join(problems))
        secret = new_token("facilitator")
        now = _now()
        tokens: list[tuple[int, str, str]] = []
        with self._write() as s:
            panel = Panel(
                public_id=secrets.token_hex(6),
                name=name.strip(),
                intro=intro.strip(),
                model_json=dump_model(model),
                model_name=model.name[:200],
                method=method,
                facilitator_hash=token_hash("facilitator", secret),
                created_at=now,
                deadline=_utc(deadline),
            )
            s.add(panel)
            s.flush()
            rows = []
            for pos, sp in enumerate(specs):
                row = PanelMatrix(
                    panel_id=panel.id, position=pos, key=key_text(sp.key), title=sp.title[:600], n=sp.n
                )
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
            panel_id, public_id = panel.id, panel.public_id
        return Created(panel_id, public_id, secret, tuple(tokens))

    # ----- expert side
    def expert_state(self, token: object) -> ExpertState:
        """Return the expert's own view (raises AccessDeniedError for a bad link; a closed panel still reads)."""
        with self._read() as s:
            expert, panel = self._expert_by_token(s, token)
            matrices = self._matrices(s, panel)
            asg = self._assignments(s, matrices, [expert.id])
            ordered = sorted(asg.values(), key=lambda a: a.matrix.position)
            return ExpertState(
                panel=self._info(panel),
                expert=ExpertInfo(expert.id, expert.position, expert.name, expert.weight),
                assignments=tuple(ordered),
            )

    def save_answers(
        self, token: object, items: Iterable[tuple[str, int, int, object]], *, source: str = "web"
    ) -> Saved:
        """Validate and commit judgments ``(matrix key, row, col, value)`` of the expert of ``token``.

        All or nothing: any bad item raises AnswerRejectedError and nothing is
        written. A change to a submitted matrix re-opens it (submit again).
        """
        with self._write() as s:
            expert, panel = self._expert_by_token(s, token)
            self._check_open(panel)
            return self._save(s, expert, list(items), source)

    def save_answers_for(
        self,
        secret: object,
        expert_id: int,
        items: Iterable[tuple[str, int, int, object]],
        *,
        source: str = "workbook",
    ) -> Saved:
        """As :meth:`save_answers`, by the facilitator for one of the panel's experts (offline workbooks)."""
        with self._write() as s:
            panel = self._panel_by_secret(s, secret)
            expert = s.get(Expert, expert_id)
            if expert is None or expert.panel_id != panel.id:
                msg = "no such expert in this panel"
                raise AnswerRejectedError(msg)
            return self._save(s, expert, list(items), source)

    def _save(
        self, s: Session, expert: Expert, items: list[tuple[str, int, int, object]], source: str
    ) -> Saved:
        rows = s.execute(
            select(Assignment, PanelMatrix)
            .join(PanelMatrix, Assignment.matrix_id == PanelMatrix.id)
            .where(Assignment.expert_id == expert.id)
        ).all()
        mine = {m.key: (a, m) for a, m in rows}
        clean: dict[tuple[int, int, int], float] = {}
        for key, i, j, raw in items:
            if key not in mine:
                msg = "that matrix is not one of yours"
                raise AnswerRejectedError(msg)
            n = mine[key][1].n
            if not (isinstance(i, int) and isinstance(j, int) and 0 <= i < j < n):
                msg = f"pair ({i}, {j}) is not a pair of this matrix"
                raise AnswerRejectedError(msg)
            clean[(mine[key][0].id, i, j)] = check_value(raw)
        if not clean:
            return Saved(0, _now())
        now = _now()
        old = {
            (a.assignment_id, a.row, a.col): a.value
            for a in s.scalars(select(Answer).where(Answer.assignment_id.in_({k[0] for k in clean}))).all()
        }
        ins = pg_insert if s.get_bind().dialect.name == "postgresql" else sqlite_insert
        for (aid, i, j), v in clean.items():
            stmt = ins(Answer).values(
                assignment_id=aid, row=i, col=j, value=v, source=source, revision=1, updated_at=now
            )
            stmt = stmt.on_conflict_do_update(
                index_elements=["assignment_id", "row", "col"],
                set_={
                    "value": stmt.excluded.value,
                    "source": stmt.excluded.source,
                    "updated_at": stmt.excluded.updated_at,
                    "revision": Answer.revision + 1,
                },
            )
            s.execute(stmt)
        changed = {aid for (aid, i, j), v in clean.items() if old.get((aid, i, j)) != v}
        reopened: list[str] = []
        for key, (a, _m) in mine.items():
            if a.id in changed and a.submitted_at is not None:
                s.execute(
                    update(Assignment)
                    .where(Assignment.id == a.id)
                    .values(submitted_at=None, submitted_cr=None)
                )
                reopened.append(key)
        return Saved(len(clean), now, tuple(reopened))

    def submit(self, token: object, key: str, cr: float) -> datetime:
        """Mark the expert's matrix ``key`` submitted (every pair must be answered); return the time."""
        with self._write() as s:
            expert, panel = self._expert_by_token(s, token)
            self._check_open(panel)
            row = s.execute(
                select(Assignment, PanelMatrix)
                .join(PanelMatrix, Assignment.matrix_id == PanelMatrix.id)
                .where(Assignment.expert_id == expert.id, PanelMatrix.key == key)
            ).first()
            if row is None:
                msg = "that matrix is not one of yours"
                raise AnswerRejectedError(msg)
            a, m = row
            count = (
                s.scalar(select(func.count()).select_from(Answer).where(Answer.assignment_id == a.id)) or 0
            )
            if count < m.n * (m.n - 1) // 2:
                msg = f"{m.n * (m.n - 1) // 2 - count} pair(s) are still unanswered"
                raise AnswerRejectedError(msg)
            now = _now()
            a.submitted_at = now
            a.submitted_cr = float(cr) if math.isfinite(cr) else None
            return now

    # ----- facilitator side
    def panel_state(self, secret: object) -> PanelState:
        """Return everything the facilitator sees (raises AccessDeniedError for a bad secret)."""
        with self._read() as s:
            panel = self._panel_by_secret(s, secret)
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
            panel = self._panel_by_secret(s, secret)
            expert = s.get(Expert, expert_id)
            if expert is None or expert.panel_id != panel.id:
                msg = "no such expert in this panel"
                raise PanelError(msg)
            expert.token_hash = token_hash("expert", token)
        return token

    def set_open(self, secret: object, is_open: bool) -> None:
        """Close the panel (answers become read-only) or open it again."""
        with self._write() as s:
            panel = self._panel_by_secret(s, secret)
            panel.closed_at = None if is_open else _now()

    def set_deadline(self, secret: object, deadline: datetime | None) -> None:
        """Set or clear the deadline (UTC)."""
        with self._write() as s:
            self._panel_by_secret(s, secret).deadline = _utc(deadline)

    def export(self, secret: object) -> dict[str, Any]:
        """Return the panel as a JSON-ready dict: settings, model, experts (no tokens) and every answer."""
        st = self.panel_state(secret)
        return export_dict(st)


def export_dict(st: PanelState) -> dict[str, Any]:
    """Return a panel state as the JSON export format (``format: anp-panel``, version 1)."""
    p = st.panel
    return {
        "format": "anp-panel",
        "version": 1,
        "panel": {
            "id": p.public_id,
            "name": p.name,
            "intro": p.intro,
            "method": p.method,
            "created_at": p.created_at.isoformat(),
            "deadline": p.deadline.isoformat() if p.deadline else None,
            "closed_at": p.closed_at.isoformat() if p.closed_at else None,
        },
        "model": json.loads(dump_model(st.model)),
        "matrices": [
            {"key": m.key, "title": m.spec.title, "elements": list(m.spec.elements)} for m in st.matrices
        ],
        "experts": [
            {
                "name": e.name,
                "weight": e.weight,
                "answers": [
                    {
                        "matrix": a.matrix.key,
                        "submitted_at": a.submitted_at.isoformat() if a.submitted_at else None,
                        "judgments": [
                            {"row": a.matrix.spec.elements[i], "col": a.matrix.spec.elements[j], "value": v}
                            for (i, j), v in sorted(a.answers.items())
                        ],
                    }
                    for (eid, _mid), a in sorted(st.assignments.items(), key=lambda kv: kv[1].matrix.position)
                    if eid == e.id
                ],
            }
            for e in st.experts
        ],
    }


def _creation_problems(
    name: str,
    experts: Sequence[ExpertSpec],
    specs: Sequence[MatrixSpec],
    deadline: datetime | None,
    intro: str,
    method: str,
) -> list[str]:
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
    if deadline is not None and (_utc(deadline) or _now()) <= _now():
        out.append("the deadline must be in the future")
    if len(intro) > 5000:
        out.append("the introduction is limited to 5000 characters")
    if method not in ("aij", "aip"):
        out.append("method must be 'aij' or 'aip'")
    return out


def integrity_problems(engine: Engine) -> list[str]:
    """Return what is inconsistent in the panel tables (empty when the database is consistent).

    Checks every answer's pair against its matrix size and the scale, that
    every submitted assignment is complete, and that every assignment joins
    an expert and a matrix of the same panel.
    """
    out: list[str] = []
    with Session(engine) as s:
        bad_pair = s.scalar(
            select(func.count())
            .select_from(Answer)
            .join(Assignment, Answer.assignment_id == Assignment.id)
            .join(PanelMatrix, Assignment.matrix_id == PanelMatrix.id)
            .where((Answer.col >= PanelMatrix.n) | (Answer.row >= Answer.col) | (Answer.row < 0))
        )
        if bad_pair:
            out.append(f"{bad_pair} answer(s) outside their matrix")
        off = [v for v in s.scalars(select(Answer.value)).all() if not is_scale_value(v)]
        if off:
            out.append(f"{len(off)} answer(s) off the scale")
        cross = s.scalar(
            select(func.count())
            .select_from(Assignment)
            .join(Expert, Assignment.expert_id == Expert.id)
            .join(PanelMatrix, Assignment.matrix_id == PanelMatrix.id)
            .where(Expert.panel_id != PanelMatrix.panel_id)
        )
        if cross:
            out.append(f"{cross} assignment(s) join an expert and a matrix of different panels")
        counts = (
            select(Answer.assignment_id, func.count().label("k")).group_by(Answer.assignment_id).subquery()
        )
        incomplete = s.scalar(
            select(func.count())
            .select_from(Assignment)
            .join(PanelMatrix, Assignment.matrix_id == PanelMatrix.id)
            .outerjoin(counts, counts.c.assignment_id == Assignment.id)
            .where(
                Assignment.submitted_at.is_not(None),
                func.coalesce(counts.c.k, 0) < PanelMatrix.n * (PanelMatrix.n - 1) / 2,
            )
        )
        if incomplete:
            out.append(f"{incomplete} submitted matrix(es) with unanswered pairs")
    return out


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

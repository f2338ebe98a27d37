"""Difficulties a paper names for the factors of a model (seed paper 003), matched by node id; no Streamlit.

A difficulties file (``data/paper/difficulties_*.json``) lists difficulties,
each with the paper's words and the node ids of the factors it hurts, every
link with the phrase that supports it. Nothing here knows a paper or a
model: :func:`matching` keeps the links whose node id the current model
has, so a model that shares no node id with a file shows nothing of it.
A malformed file is reported (:class:`Loaded.problems`), never raised.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from anp_core import Evaluation, Model

__all__ = [
    "DIFFICULTY_FILES",
    "MAX_BYTES",
    "Difficulty",
    "DifficultySet",
    "Link",
    "Loaded",
    "Match",
    "bundled",
    "matching",
    "notes",
    "parse",
    "read",
    "table",
]

#: Where the bundled difficulties files are.
DIFFICULTY_FILES = Path(__file__).resolve().parent.parent / "data" / "paper"
#: A difficulties file larger than this is refused.
MAX_BYTES = 1_000_000


@dataclass(frozen=True)
class Link:
    """One factor a difficulty hurts: its node id, ``direct`` or ``indirect``, and the supporting phrase."""

    factor: str
    strength: str
    evidence: str


@dataclass(frozen=True)
class Difficulty:
    """A difficulty: id, title, where the paper says it, its words and the factors it hurts.

    ``titles``: the title in other languages, ``(language, title)`` pairs
    (the file's optional ``translations``: ``{"zh": {"title": "…"}}``).
    """

    id: str
    title: str
    section: str
    quote: str
    links: tuple[Link, ...]
    titles: tuple[tuple[str, str], ...] = ()

    def title_in(self, lang: str | None) -> str:
        """Return the title in ``lang`` where the file translates it, else the title."""
        return next((t for code, t in self.titles if code == lang), self.title)


@dataclass(frozen=True)
class DifficultySet:
    """The difficulties of one paper (one file)."""

    paper: str
    citation: str
    note: str
    difficulties: tuple[Difficulty, ...]


@dataclass(frozen=True)
class Loaded:
    """The files read: the sets, and one ``(file name, problem)`` per file that could not be used."""

    sets: tuple[DifficultySet, ...]
    problems: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Match:
    """A difficulty with the links whose factor the model has."""

    source: DifficultySet
    difficulty: Difficulty
    links: tuple[Link, ...]


def _text(obj: dict[str, Any], key: str, where: str, *, required: bool = True) -> str:
    value = obj.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        msg = f"{where}: '{key}' must be {'non-empty ' if required else ''}text"
        raise ValueError(msg)
    return value


def _titles(value: object, where: str) -> tuple[tuple[str, str], ...]:
    """Return the optional ``translations`` of a difficulty: ``{language: {"title": text}}``."""
    if value is None:
        return ()
    if not isinstance(value, dict) or len(value) > 20:
        msg = f"{where}: 'translations' must be an object of at most 20 languages"
        raise ValueError(msg)
    out = []
    for lang, t in value.items():
        tw = f"{where}.translations.{str(lang)[:8]}"
        if not isinstance(t, dict):
            msg = f"{tw} must be an object"
            raise ValueError(msg)
        title = _text(t, "title", tw)
        out.append((str(lang), title[:200]))
    return tuple(out)


def parse(data: object) -> DifficultySet:
    """Return the difficulties of a parsed JSON document; raise ValueError naming what is wrong.

    Expected: ``{"paper", "citation", "note", "difficulties": [{"id", "title", "section",
    "quote", "factors": [{"id", "strength": "direct" | "indirect", "evidence"}],
    "translations": {"zh": {"title"}}}]}`` (``translations`` optional).

    Examples
    --------
    >>> s = parse(
    ...     {
    ...         "paper": "9",
    ...         "citation": "c",
    ...         "difficulties": [
    ...             {
    ...                 "id": "d",
    ...                 "title": "D",
    ...                 "quote": "q",
    ...                 "factors": [{"id": "a", "strength": "direct", "evidence": "e"}],
    ...             }
    ...         ],
    ...     }
    ... )
    >>> s.difficulties[0].links[0].factor
    'a'
    >>> parse({"paper": "9", "citation": "c", "difficulties": "x"})
    Traceback (most recent call last):
    ...
    ValueError: 'difficulties' must be a list
    """
    if not isinstance(data, dict):
        msg = "the file must hold a JSON object"
        raise ValueError(msg)
    items = data.get("difficulties")
    if not isinstance(items, list):
        msg = "'difficulties' must be a list"
        raise ValueError(msg)
    out = []
    for k, item in enumerate(items):
        where = f"difficulties[{k}]"
        if not isinstance(item, dict):
            msg = f"{where} must be an object"
            raise ValueError(msg)
        factors = item.get("factors")
        if not isinstance(factors, list):
            msg = f"{where}: 'factors' must be a list"
            raise ValueError(msg)
        links = []
        for j, f in enumerate(factors):
            fw = f"{where}.factors[{j}]"
            if not isinstance(f, dict):
                msg = f"{fw} must be an object"
                raise ValueError(msg)
            strength = _text(f, "strength", fw)
            if strength not in {"direct", "indirect"}:
                msg = f"{fw}: 'strength' must be 'direct' or 'indirect', not {strength[:40]!r}"
                raise ValueError(msg)
            links.append(Link(_text(f, "id", fw), strength, _text(f, "evidence", fw)))
        out.append(
            Difficulty(
                id=_text(item, "id", where),
                title=_text(item, "title", where),
                section=_text(item, "section", where, required=False),
                quote=_text(item, "quote", where),
                links=tuple(links),
                titles=_titles(item.get("translations"), where),
            )
        )
    return DifficultySet(
        paper=_text(data, "paper", "file"),
        citation=_text(data, "citation", "file"),
        note=_text(data, "note", "file", required=False),
        difficulties=tuple(out),
    )


def read(path: Path) -> DifficultySet:
    """Read one difficulties file (at most :data:`MAX_BYTES`); raise ValueError naming what is wrong."""
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        msg = f"cannot read it: {exc.strerror or exc}"
        raise ValueError(msg) from exc
    if len(raw) > MAX_BYTES:
        msg = f"it is over {MAX_BYTES // 1000} kB"
        raise ValueError(msg)
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        msg = f"not valid JSON ({exc})"
        raise ValueError(msg) from exc
    return parse(data)


def bundled(folder: Path = DIFFICULTY_FILES) -> Loaded:
    """Read every ``difficulties_*.json`` of ``folder`` (sorted by name); never raises.

    Memoised on each file's size and modification time, so a page can call it on
    every rerun: a changed file is read again.
    """
    try:
        with os.scandir(folder) as entries:  # one directory read and one stat per file: this runs per rerun
            found = [
                (entry.path, entry.stat())
                for entry in entries
                if entry.name.startswith("difficulties_") and entry.name.endswith(".json")
            ]
        stamps = tuple(sorted((path, st.st_size, st.st_mtime_ns) for path, st in found))
    except OSError:
        stamps = ()
    return _bundled(stamps)


@lru_cache(maxsize=8)
def _bundled(stamps: tuple[tuple[str, int, int], ...]) -> Loaded:
    sets: list[DifficultySet] = []
    problems: list[tuple[str, str]] = []
    for name, _size, _mtime in stamps:
        path = Path(name)
        try:
            sets.append(read(path))
        except ValueError as err:
            problems.append((path.name, str(err)))
    return Loaded(tuple(sets), tuple(problems))


def matching(sets: Sequence[DifficultySet], model: Model) -> list[Match]:
    """Return the difficulties that name at least one node of ``model``, with only those links.

    Data-driven: a link counts when its node id is one of ``model.node_ids``;
    a model sharing no node id with the files gets an empty list.
    """
    ids = set(model.node_ids)
    out = []
    for s in sets:
        for d in s.difficulties:
            links = tuple(link for link in d.links if link.factor in ids)
            if links:
                out.append(Match(s, d, links))
    return out


def notes(matches: Sequence[Match], join: str = "; ", lang: str = "en") -> dict[str, str]:
    """Return factor id -> the titles (in ``lang``) of the difficulties that name it (joined), in file order."""
    out: dict[str, list[str]] = {}
    for m in matches:
        title = m.difficulty.title_in(lang)
        for link in m.links:
            titles = out.setdefault(link.factor, [])
            if title not in titles:
                titles.append(title)
    return {f: join.join(t) for f, t in out.items()}


def table(
    matches: Sequence[Match],
    ev: Evaluation,
    columns: Sequence[str] | None = None,
    lang: str = "en",
    strengths: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Return one row per (difficulty, factor): the factor's current rank and composite weight, the link and its words.

    Parameters
    ----------
    matches : sequence of Match
        From :func:`matching`.
    ev : Evaluation
        The current evaluation (ranks and composite weights of the ranked nodes;
        a factor the results do not rank gets empty cells).
    columns : sequence of str, optional
        Seven column names (default English): difficulty, factor, rank,
        composite, link, evidence, paper.
    lang : str
        Language of the difficulties' titles and the factors' names (where
        the files translate them).
    strengths : mapping, optional
        How the link column says ``direct`` and ``indirect`` (default: as is).
    """
    names = list(
        columns or ("Difficulty", "Factor", "Rank", "Composite", "Link", "The paper's words", "Paper")
    )
    model = ev.model
    composite = dict(zip(model.ranked_node_ids, ev.composite_values.tolist(), strict=True))
    ranks = dict(zip(model.ranked_node_ids, ev.rank_values.tolist(), strict=True))
    rows = [
        (
            m.difficulty.title_in(lang),
            model.label(link.factor, lang),
            ranks.get(link.factor),
            composite.get(link.factor),
            (strengths or {}).get(link.strength, link.strength),
            link.evidence,
            m.source.paper,
        )
        for m in matches
        for link in m.links
    ]
    if not rows:
        return pd.DataFrame(columns=names).astype({names[2]: "Int64", names[3]: float})
    data: dict[str, Any] = dict(zip(names, zip(*rows, strict=True), strict=True))
    data[names[2]] = pd.array(data[names[2]], dtype="Int64")
    data[names[3]] = np.array([np.nan if v is None else v for v in data[names[3]]], dtype=float)
    return pd.DataFrame(data)

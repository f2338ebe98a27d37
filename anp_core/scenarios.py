"""Scenarios: named criterion weights (and optional judgment overrides) as data.

A scenario file is JSON, validated by pydantic like the model format::

    {"schema_version": 1, "id": "tariff_escalation", "name": "Tariff escalation",
     "rationale": "...", "sources": [{"paper": "000", "section": "3.2", "quote": "..."}],
     "illustrative": true, "criterion_weights": {"policy": 0.35, ...}, "overrides": []}

Scenario weights are illustrative choices, not results of the paper, unless
a scenario says otherwise (the paper's baseline).

A scenario may carry its name and rationale in other languages, as a model
does: ``"translations": {"zh": {"name": "...", "rationale": "..."}}``
(optional; either text may be left out). :meth:`Scenario.name_in` and
:meth:`Scenario.rationale_in` read them; a language without a translation
shows the scenario's own text. The id never changes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from anp_core.errors import ANPError, ModelValidationError
from anp_core.evaluate import evaluate
from anp_core.i18n import N_
from anp_core.messages import MessageError, message
from anp_core.model_base import LangCode, _empty
from anp_core.model_checks import model_error_from_pydantic
from anp_core.model_schema import Comparison, Id, LongText, Model, Text
from anp_core.model_translations import in_language

__all__ = [
    "Scenario",
    "ScenarioTranslation",
    "SourceQuote",
    "compare",
    "dump_scenario",
    "load_scenario",
    "load_scenarios",
]

MAX_SCENARIO_BYTES = 1024 * 1024


class SourceQuote(BaseModel):
    """A passage of a seed paper that motivates a scenario."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    paper: Annotated[str, Field(pattern=r"^\d{3}$")]
    section: Text
    quote: LongText


class ScenarioTranslation(BaseModel):
    """A scenario's name and rationale in another language (either may be left out)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    name: Text = Field(default="", exclude_if=_empty)
    rationale: LongText = Field(default="", exclude_if=_empty)


class Scenario(BaseModel):
    """Named criterion weights with a rationale (schema version 1), its texts optionally in other languages."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)
    schema_version: Literal[1] = 1
    id: Id
    name: Text
    rationale: LongText = ""
    sources: tuple[SourceQuote, ...] = ()
    illustrative: bool = True
    criterion_weights: dict[Id, Annotated[float, Field(ge=0, allow_inf_nan=False, strict=True)]]
    overrides: tuple[Comparison, ...] = ()
    translations: Annotated[dict[LangCode, ScenarioTranslation], Field(max_length=20)] = Field(
        default_factory=dict, exclude_if=_empty
    )

    @model_validator(mode="after")
    def _distinct_overrides(self) -> Scenario:
        seen: dict[object, int] = {}
        for i, o in enumerate(self.overrides):
            if o.key in seen:
                raise MessageError(
                    message(
                        N_(
                            "overrides[{i}] has the same (criterion, kind, wrt, cluster) as overrides[{first}]"
                        ),
                        i=i,
                        first=seen[o.key],
                    )
                )
            seen[o.key] = i
        return self

    def name_in(self, lang: str | None) -> str:
        """Return the name in ``lang``: ``translations[lang].name`` where given, else the scenario's own.

        Examples
        --------
        >>> s = Scenario(id="t", name="Truce", criterion_weights={}, translations={"zh": {"name": "休战"}})
        >>> s.name_in("zh"), s.name_in("en"), s.rationale_in("zh")
        ('休战', 'Truce', '')
        """
        return str(in_language(self, "name", lang))

    def rationale_in(self, lang: str | None) -> str:
        """Return the rationale in ``lang``: ``translations[lang].rationale`` where given, else its own."""
        return str(in_language(self, "rationale", lang))

    def in_language(self, lang: str | None) -> Scenario:
        """Return a copy whose ``name`` and ``rationale`` are those of ``lang`` (same id, weights, translations)."""
        name, rationale = self.name_in(lang), self.rationale_in(lang)
        if name == self.name and rationale == self.rationale:
            return self
        return self.model_copy(update={"name": name, "rationale": rationale})

    def check_against(self, model: Model) -> None:
        """Raise ANPError if the weights or overrides do not fit ``model``."""
        evaluate(model, self.criterion_weights, self.overrides or None)


def load_scenario(source: str | Path | bytes | Mapping[str, Any]) -> Scenario:
    """Load and validate one scenario (path, JSON bytes/text or dict)."""
    if isinstance(source, Mapping):
        data: Any = source
    else:
        if isinstance(source, bytes):
            raw = source
        elif isinstance(source, str) and source.lstrip().startswith("{"):
            raw = source.encode()
        else:
            try:
                raw = Path(source).read_bytes()
            except OSError as exc:
                raise ModelValidationError([("(file)", f"cannot read {source}: {exc.strerror}")]) from None
        if len(raw) > MAX_SCENARIO_BYTES:
            raise ModelValidationError([("(file)", f"scenario file is over {MAX_SCENARIO_BYTES // 1024} KB")])
        try:
            data = json.loads(raw.decode("utf-8"), parse_constant=_reject)
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            raise ModelValidationError(
                [("(file)", f"not a valid JSON scenario ({exc.__class__.__name__})")]
            ) from None
    if not isinstance(data, Mapping):
        raise ModelValidationError([("(root)", "a scenario must be a JSON object")])
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise model_error_from_pydantic(exc) from None


def _reject(token: str) -> None:
    raise ValueError(token)


def load_scenarios(folder: str | Path) -> list[Scenario]:
    """Load every ``*.json`` scenario in a folder, baseline first, then by name."""
    items = [load_scenario(p) for p in sorted(Path(folder).glob("*.json"))]
    return sorted(items, key=lambda s: (s.id != "baseline", s.name))


def dump_scenario(scenario: Scenario) -> str:
    """Serialise a scenario to JSON text."""
    return scenario.model_dump_json(indent=1, exclude_defaults=False) + "\n"


def compare(model: Model, scenarios: Sequence[Scenario] | Iterable[Scenario]) -> pd.DataFrame:
    """Composite weights, ranks and rank changes of several scenarios side by side.

    Returns a DataFrame indexed by factor id with columns
    ``(scenario_id, "composite" | "rank" | "rank_change")``; rank changes are
    against the first scenario (positive = moves up). Raises ANPError if a
    scenario does not fit the model.

    Examples
    --------
    >>> from anp_core import load_model
    >>> m = load_model("data/models/cbec_trade_war.json")
    >>> a = Scenario(id="a", name="A", criterion_weights={"policy": 1})
    >>> b = Scenario(id="b", name="B", criterion_weights={"political": 1})
    >>> int(compare(m, [a, b]).loc["product_brand", ("b", "rank_change")])
    12
    """
    scenarios = list(scenarios)
    if not scenarios:
        msg = "compare needs at least one scenario"
        raise ANPError(msg)
    ids = [s.id for s in scenarios]
    if len(set(ids)) != len(ids):
        msg = "scenario ids must be distinct"
        raise ANPError(msg)
    frames = {}
    first = None
    for s in scenarios:
        try:
            ev = evaluate(model, s.criterion_weights, s.overrides or None)
        except ANPError as exc:
            msg = f"scenario {s.name!r}: {str(exc).splitlines()[0]}"
            raise ANPError(msg) from None
        if first is None:
            first = ev.ranks
        frames[s.id] = pd.DataFrame(
            {"composite": ev.composite, "rank": ev.ranks, "rank_change": first - ev.ranks}
        )
    out = pd.concat(frames, axis=1)
    out.columns.names = ["scenario", "value"]
    return out

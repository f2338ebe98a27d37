"""What every class of the model format shares: the frozen pydantic base and the text field types.

:mod:`anp_core.model_schema` (the model's classes) and
:mod:`anp_core.model_translations` (their texts in other languages) build on
these; :mod:`anp_core.model_schema` re-exports the public ones.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from functools import cached_property
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["LangCode", "LongText", "Text"]

Text = Annotated[str, Field(max_length=200)]
LongText = Annotated[str, Field(max_length=5000)]
LangCode = Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$", description="BCP 47, e.g. zh")]


def _empty(value: object) -> bool:
    """Whether an optional field added to the format after its first files is empty (left out when written).

    Files written before such a field existed then round-trip byte for byte.
    """
    return not value


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """Return a copy with ``update`` applied (not validated), without the original's derived values.

        pydantic copies the instance dict, which holds every computed
        ``cached_property`` (digests, lookups); a copy with other content
        must compute its own.
        """
        copied = super().model_copy(update=update, deep=deep)
        for name in _derived_names(type(self)):
            copied.__dict__.pop(name, None)
        return copied


@functools.cache
def _derived_names(cls: type) -> tuple[str, ...]:
    return tuple(name for k in cls.__mro__ for name, v in vars(k).items() if isinstance(v, cached_property))

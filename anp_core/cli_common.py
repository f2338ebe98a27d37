"""What every command-line module shares: the parser class, ``--weights`` parsing, model loading."""

from __future__ import annotations

import argparse
from typing import NoReturn

from anp_core.errors import ANPError

__all__ = ["Parser", "parse_weights"]


class Parser(argparse.ArgumentParser):
    """An ArgumentParser that exits with status 2 and one line on a usage error."""

    def error(self, message: str) -> NoReturn:
        """Exit with status 2 and the message on one line."""
        self.exit(2, f"{self.prog}: error: {message}\n")


def parse_weights(text: str) -> dict[str, float]:
    """Parse ``policy=0.5,political=0.3`` into a dict (values as floats).

    A name given twice, an empty list and a value that is not a number are
    errors (never silently the last one, or nothing).

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
        name = name.strip()
        if not sep or not name:
            msg = f"--weights: {part!r} is not name=value"
            raise ANPError(msg)
        if name in out:
            msg = f"--weights: {name!r} given twice"
            raise ANPError(msg)
        try:
            out[name] = float(value)
        except ValueError:
            msg = f"--weights: {value.strip()!r} for {name!r} is not a number"
            raise ANPError(msg) from None
    if not out:
        msg = "--weights: no name=value pairs given"
        raise ANPError(msg)
    return out

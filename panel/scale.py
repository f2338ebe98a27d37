"""Saaty's fundamental scale as the questionnaire asks it: which element, and how much more.

A judgment ``a_ij`` of element i over element j is stored as a number in
1/9 … 9; the questionnaire shows it as "i is <strength> more important" (or j).
Only the 17 points of the scale are accepted from experts.
"""

from __future__ import annotations

import math

__all__ = [
    "SCALE_VALUES",
    "VERBAL",
    "is_scale_value",
    "scale_value",
    "side_strength",
    "verbal",
]

#: Saaty's verbal scale (1-9); even values are in-betweens (Saaty 1980, table 1.1).
VERBAL: dict[int, str] = {
    1: "equal importance",
    2: "equal to moderate",
    3: "moderate importance",
    4: "moderate to strong",
    5: "strong importance",
    6: "strong to very strong",
    7: "very strong importance",
    8: "very strong to extreme",
    9: "extreme importance",
}

#: The 17 accepted judgments, from "first element extreme" (9) to "second extreme" (1/9).
SCALE_VALUES: tuple[float, ...] = tuple(
    [float(v) for v in range(9, 1, -1)] + [1.0] + [1.0 / v for v in range(2, 10)]
)


def scale_value(side: int, strength: int) -> float:
    """Return ``a_ij`` for "element ``side`` (0 = i, 1 = j) is ``strength`` (1-9) times as important".

    Examples
    --------
    >>> scale_value(0, 5), scale_value(1, 4), scale_value(1, 1)
    (5.0, 0.25, 1.0)
    """
    if strength not in VERBAL or side not in (0, 1):
        msg = f"strength must be a whole number 1-9 and side 0 or 1, got {strength!r}, {side!r}"
        raise ValueError(msg)
    return float(strength) if side == 0 else 1.0 / strength


def is_scale_value(value: float) -> bool:
    """Return whether ``value`` is one of the 17 points of the scale (within 1e-9)."""
    return (
        isinstance(value, int | float)
        and math.isfinite(value)
        and any(math.isclose(value, s, rel_tol=1e-9) for s in SCALE_VALUES)
    )


def side_strength(value: float) -> tuple[int, int]:
    """Inverse of :func:`scale_value`: ``(side, strength)`` of a scale value.

    Examples
    --------
    >>> side_strength(0.2), side_strength(3.0), side_strength(1.0)
    ((1, 5), (0, 3), (0, 1))
    """
    if not is_scale_value(value):
        msg = f"{value!r} is not on Saaty's scale 1/9 … 9"
        raise ValueError(msg)
    if value >= 1.0 - 1e-12:
        return 0, round(value)
    return 1, round(1.0 / value)


def verbal(value: float, first: str, second: str) -> str:
    """Return the judgment in words, e.g. "Tariffs: 5 · strong importance over Logistics".

    Examples
    --------
    >>> verbal(1 / 3, "A", "B")
    'B: 3 · moderate importance over A'
    >>> verbal(1.0, "A", "B")
    'A and B: 1 · equal importance'
    """
    side, strength = side_strength(value)
    if strength == 1:
        return f"{first} and {second}: 1 · {VERBAL[1]}"
    winner, loser = (first, second) if side == 0 else (second, first)
    return f"{winner}: {strength} · {VERBAL[strength]} over {loser}"

"""What a screen reader hears of a Vega-Lite chart's axes, legends, marks and title, in the page's language.

Vega names each axis, legend and mark for assistive technology in English
("X-axis titled 'composite weight' for a linear scale with values from 0.00 to
0.30", "bar"), whatever the page's language. :func:`described` gives every
shown axis and legend a ``description`` of its own and every mark its role,
built from what the specification already holds (the axis title, a fixed
domain, the colour scale's names) and the number of values on an axis of
names, in the words it is given; it can take the title out of the chart's
reading order where the chart's container carries it as its accessible name
(``st.vega_lite_chart(alt=...)``). What it writes stays the same when only
the values move, so a slider move still sends the chart new data only. No
Streamlit import.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

import pyarrow as pa

from anp_core.i18n import translator

__all__ = ["ARIA_TEXT", "aria_text", "described", "nice"]


def _mark_names(_: Any) -> dict[str, str]:
    """Return what a screen reader calls each kind of mark (``ariaRoleDescription``), translated by ``_``."""
    return {
        "bar": _("bar"),
        "tick": _("tick"),
        "text": _("text"),
        "point": _("point"),
        "line": _("line"),
        "rect": _("cell"),
        "rule": _("line across the chart"),
    }


def aria_text(lang: str) -> dict[str, str]:
    """Return the words :func:`described` writes, in ``lang`` (:data:`ARIA_TEXT` is English).

    Examples
    --------
    >>> aria_text("zh")["x"], aria_text("en")["legend"]
    ('X 轴', 'Legend: {names}')
    """
    _ = translator(lang)
    return {
        "x": _("X axis"),
        "y": _("Y axis"),
        "axis_range": _("{axis}: {title}, from {low} to {high}"),
        "axis_titled": _("{axis}: {title}"),
        "axis_span": _("{axis}: from {low} to {high}"),
        "axis_plain": "{axis}",
        # the count's plural forms for n = 1 and for many (English and Chinese have no others)
        "axis_count": _.ngettext("{axis}: {title}, {n} value", "{axis}: {title}, {n} values", 2),
        "axis_count_plain": _.ngettext("{axis}: {n} value", "{axis}: {n} values", 2),
        "axis_count_1": _.ngettext("{axis}: {title}, {n} value", "{axis}: {title}, {n} values", 1),
        "axis_count_plain_1": _.ngettext("{axis}: {n} value", "{axis}: {n} values", 1),
        "legend": _("Legend: {names}"),
        "legend_titled": _("Legend, {title}: {names}"),
        "legend_plain": _("Legend"),
        "separator": _(", "),  # between names in a list
        **{f"mark_{m}": name for m, name in _mark_names(_).items()},
    }


#: The words in English (pages pass translated ones): ``{axis}`` is the ``x`` or ``y`` word.
ARIA_TEXT: dict[str, str] = aria_text("en")

_AXES = ("x", "y")
_LEGENDS = ("color", "fill", "stroke", "shape", "size", "opacity")
_FORMAT = re.compile(r"^(\+?)\.(\d+)([f%])$")  # d3's "+.3f", ".2f", ".0%"
_MINUS = "\u2212"  # d3-format writes negative numbers with the minus sign


def described(
    spec: Mapping[str, Any],
    words: Mapping[str, str] | None = None,
    *,
    named: bool = False,
    data: pa.Table | None = None,
) -> dict[str, Any]:
    """Return a copy of ``spec`` whose axes, legends and marks are described in ``words``.

    * A quantitative axis with a numeric ``scale.domain`` reads
      ``words["axis_range"]`` (``"axis_span"`` without a title): its ends as
      Vega draws them (rounded out to ticks by :func:`nice` unless the scale
      says ``nice: false``), in the axis's ``.Nf``, ``+.Nf`` or ``.N%`` format.
    * An axis of names or numbers reads how many values it has
      (``"axis_count"``), counted in ``data`` (the chart's data): a count that
      stays the same for a model, so the specification does too.
    * Otherwise an axis reads its title (``"axis_titled"``) or only its name
      (``"axis_plain"``). The title is the one Vega-Lite draws: the axis's or
      the encoding's, a list of lines joined, else the field's name.
    * A legend lists the names its scale fixes (``"legend"``, or
      ``"legend_titled"`` after its title), else ``"legend_plain"``.
    * Each mark gets its role in ``words`` (``"mark_bar"`` ...:
      ``ariaRoleDescription``; Vega's is English).

    Layers share their axes and legends: each gets one description, on the
    layer whose title is drawn. Only an encoding of a field has an axis or a
    legend. Axes, legends and marks hidden (``None``) or out of the reading
    order (``aria: false``) are left alone, and so is a description already
    given. ``named``: the chart's container already has the title as its
    accessible name, so the title (and subtitle) drawn in the chart is taken
    out of the reading order, where Vega would read it again as "Title text
    '…'". Layered and single-view specifications only (no concatenation).

    Examples
    --------
    >>> spec = {
    ...     "mark": "bar",
    ...     "encoding": {
    ...         "x": {
    ...             "field": "w",
    ...             "type": "quantitative",
    ...             "title": "weight",
    ...             "scale": {"domain": [0, 0.3]},
    ...             "axis": {"format": ".2f"},
    ...         }
    ...     },
    ... }
    >>> described(spec)["encoding"]["x"]["axis"]["description"]
    'X axis: weight, from 0.00 to 0.30'
    """
    text = {**ARIA_TEXT, **(words or {})}
    out = _copied(spec)
    shared: dict[str, list[dict[str, Any]]] = {}  # layers share their axes and legends
    for unit in _units(out):
        for channel, enc in (unit.get("encoding") or {}).items():
            # only a field gets an axis or a legend (a constant or a condition on a value does not)
            if isinstance(enc, dict) and "field" in enc and channel in _AXES + _LEGENDS:
                shared.setdefault(channel, []).append(enc)
    for unit in _units(out):
        _name_marks(unit, text)
    for channel, encs in shared.items():
        guide = "axis" if channel in _AXES else "legend"
        shown = [e for e in encs if not _unread(e.get(guide, {}))]
        if len(shown) < len(encs) and guide in encs[0]:
            continue  # hidden or out of the reading order where it is first set
        if not shown or any("description" in (e.get(guide) or {}) for e in shown):
            continue
        if guide == "axis":
            _describe_axis(channel, shown, text, data)
        else:
            _describe_legend(shown, text)
    title = out.get("title")
    if named and title:
        out["title"] = {**(title if isinstance(title, dict) else {"text": title}), "aria": False}
    return out


def _copied(spec: Mapping[str, Any]) -> dict[str, Any]:
    """Return ``spec`` with its layers, encodings and channels copied (what :func:`described` writes)."""
    out = dict(spec)
    if isinstance(out.get("encoding"), dict):
        out["encoding"] = {k: dict(v) if isinstance(v, dict) else v for k, v in out["encoding"].items()}
    if isinstance(out.get("layer"), list):
        out["layer"] = [_copied(layer) for layer in out["layer"]]
    return out


def _units(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the specification and every layer in it, nested layers included."""
    found = [spec]
    for layer in spec.get("layer") or []:
        found += _units(layer)
    return found


def _unread(guide: object) -> bool:
    return guide is None or not isinstance(guide, dict) or guide.get("aria") is False


def _title(encs: list[dict[str, Any]]) -> tuple[dict[str, Any], str]:
    """Return the encoding whose title Vega-Lite shows (an explicit one wins) and that title, as one line."""
    for enc in encs:
        for where in (enc.get("axis") or {}, enc.get("legend") or {}, enc):
            if where.get("title") is not None:
                title = where["title"]
                return enc, " ".join(title) if isinstance(title, list) else str(title)
    first = encs[0]
    explicit_none = any("title" in e and e["title"] is None for e in encs)
    return first, "" if explicit_none else str(first.get("field") or "")


def _describe_axis(
    channel: str, encs: list[dict[str, Any]], text: Mapping[str, str], data: pa.Table | None
) -> None:
    enc, title = _title(encs)
    name = text[channel]
    if enc.get("type") == "quantitative":
        scale = next((sc for e in encs if _numeric_pair((sc := e.get("scale") or {}).get("domain"))), None)
        if scale is not None:
            fmt = next((f for e in encs if (f := (e.get("axis") or {}).get("format"))), None)
            low, high = scale["domain"]
            if scale.get("nice", True) is not False:
                low, high = nice(low, high)  # as Vega draws it: the ends rounded out to a tick
            key = "axis_range" if title else "axis_span"
            ends = {"low": _number(low, fmt), "high": _number(high, fmt)}
            description = text[key].format(axis=name, title=title, **ends)
        else:
            description = text["axis_titled" if title else "axis_plain"].format(axis=name, title=title)
    else:
        field = enc.get("field")
        n = len(data.column(field).unique()) if data is not None and field in data.column_names else None
        if n is not None:
            key = ("axis_count" if title else "axis_count_plain") + ("_1" if n == 1 else "")
            description = text[key].format(axis=name, title=title, n=n)
        else:
            description = text["axis_titled" if title else "axis_plain"].format(axis=name, title=title)
    enc["axis"] = {**(enc.get("axis") or {}), "description": description}


def _name_marks(unit: dict[str, Any], text: Mapping[str, str]) -> None:
    """Give the unit's mark its ``ariaRoleDescription`` in ``text``'s language (Vega's is English)."""
    mark = unit.get("mark")
    mark = {"type": mark} if isinstance(mark, str) else mark
    if not isinstance(mark, dict) or mark.get("aria") is False or "ariaRoleDescription" in mark:
        return
    word = text.get(f"mark_{mark.get('type')}")
    if word:
        unit["mark"] = {**mark, "ariaRoleDescription": word}


def nice(low: float, high: float, count: int = 10) -> tuple[float, float]:
    """Return ``[low, high]`` rounded out to ticks, as Vega's ``nice: true`` does (d3's ``linear.nice``).

    Examples
    --------
    >>> nice(0, 1.5), nice(0, 0.75), nice(0, 0.3)
    ((0.0, 1.6), (0.0, 0.8), (0.0, 0.3))
    """
    start, stop = (low, high) if low <= high else (high, low)
    previous = None
    for _ in range(10):
        step = _tick_increment(start, stop, count)
        if step == previous or step == 0:
            break
        if step > 0:
            start, stop = math.floor(start / step) * step, math.ceil(stop / step) * step
        else:
            start, stop = math.ceil(start * step) / step, math.floor(stop * step) / step
        previous = step
    start, stop = float(start) + 0.0, float(stop) + 0.0  # (no negative zero)
    return (start, stop) if low <= high else (stop, start)


def _tick_increment(start: float, stop: float, count: int) -> float:
    """d3-array's ``tickIncrement``: the tick step (negative: its inverse) for about ``count`` ticks."""
    step = (stop - start) / max(0, count)
    if step <= 0 or not math.isfinite(step):
        return 0.0
    power = math.floor(math.log10(step))
    error = step / 10**power
    factor = (
        10 if error >= math.sqrt(50) else 5 if error >= math.sqrt(10) else 2 if error >= math.sqrt(2) else 1
    )
    return factor * 10**power if power >= 0 else -(10**-power) / factor


def _describe_legend(encs: list[dict[str, Any]], text: Mapping[str, str]) -> None:
    enc = next((e for e in encs if _names(e)), encs[0])
    names = text["separator"].join(_names(enc))
    shown, title = _title(encs)
    title = title if shown.get("title") is not None or (shown.get("legend") or {}).get("title") else ""
    if names:
        description = (text["legend_titled"] if title else text["legend"]).format(title=title, names=names)
    else:
        description = text["legend_plain"] + (f": {title}" if title else "")
    enc["legend"] = {**(enc.get("legend") or {}), "description": description}


def _names(enc: dict[str, Any]) -> list[str]:
    """Return the names a legend shows when the scale fixes them (one line each), else []."""
    domain = (enc.get("scale") or {}).get("domain")
    if isinstance(domain, list) and domain and all(isinstance(v, str) for v in domain):
        return [v.replace("\n", " ") for v in domain]
    return []


def _numeric_pair(domain: object) -> bool:
    return (
        isinstance(domain, list | tuple)
        and len(domain) == 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in domain)
    )


def _number(value: float, fmt: object) -> str:
    """Return ``value`` in a d3 ``.Nf``, ``+.Nf`` or ``.N%`` format, else in its shortest form.

    Negative numbers take the minus sign, as d3-format writes them.

    Examples
    --------
    >>> _number(-0.0123, "+.3f"), _number(0.0123, "+.3f"), _number(0.25, ".0%"), _number(1.0, None)
    ('−0.012', '+0.012', '25%', '1')
    """
    m = _FORMAT.match(fmt) if isinstance(fmt, str) else None
    if m is None:
        out = f"{value + 0.0:g}"
    else:
        sign, digits, kind = m.groups()
        scaled = (100 if kind == "%" else 1) * value
        if round(scaled, int(digits)) == 0:
            scaled = 0.0  # no "−0.00"
        out = f"{scaled:{sign}.{int(digits)}f}" + ("%" if kind == "%" else "")
    return out.replace("-", _MINUS)

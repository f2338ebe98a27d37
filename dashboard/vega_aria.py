"""What a screen reader hears of a Vega-Lite chart's axes, legends and title, in the page's language.

Vega names each axis and legend for assistive technology in English
("X-axis titled 'composite weight' for a linear scale with values from 0.00 to
0.30"), whatever the page's language. :func:`described` gives every shown
axis and legend a ``description`` of its own, built from what the
specification already holds (the axis title, a fixed domain, the colour
scale's names) in the words it is given, and can take the title out of the
chart's reading order where the chart's container carries it as its
accessible name (``st.vega_lite_chart(alt=...)``). Nothing here depends on the data, so
a chart whose data moves keeps the same specification. No Streamlit import.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from anp_core.i18n import translator

__all__ = ["ARIA_TEXT", "aria_text", "described"]

#: The words (English; pages pass translated ones): ``{axis}`` is the ``x`` or ``y`` word.
ARIA_TEXT: dict[str, str] = {
    "x": "X axis",
    "y": "Y axis",
    "axis_range": "{axis}: {title}, from {low} to {high}",
    "axis_titled": "{axis}: {title}",
    "axis_span": "{axis}: from {low} to {high}",
    "axis_plain": "{axis}",
    "axis_names": "{axis}: the names",
    "legend": "Legend: {names}",
    "legend_titled": "Legend, {title}: {names}",
    "legend_plain": "Legend",
    "separator": ", ",
}


def aria_text(lang: str) -> dict[str, str]:
    """:data:`ARIA_TEXT` in ``lang``.

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
        "axis_names": _("{axis}: the names"),
        "legend": _("Legend: {names}"),
        "legend_titled": _("Legend, {title}: {names}"),
        "legend_plain": _("Legend"),
        "separator": _(", "),  # between names in a list
    }


_AXES = ("x", "y")
_LEGENDS = ("color", "fill", "stroke", "shape", "size", "opacity")
_FIXED = re.compile(r"^\.(\d+)f$")
_PERCENT = re.compile(r"^\.(\d+)%$")


def described(
    spec: Mapping[str, Any], words: Mapping[str, str] | None = None, *, named: bool = False
) -> dict[str, Any]:
    """Return a copy of ``spec`` whose axes and legends have descriptions in ``words``.

    A quantitative axis with a numeric ``scale.domain`` ``[low, high]`` reads
    ``words["axis_range"]`` (``"axis_span"`` without a title; the ends in the
    axis's ``.Nf`` or ``.N%`` format), another axis with a title
    ``words["axis_titled"]``, a band of names without one ``words["axis_names"]``.
    The title is the one Vega-Lite draws: the axis's or the encoding's, a list
    of lines joined, else the field's name. A legend lists the colour scale's
    ``domain`` when the specification fixes it (``words["legend"]``, or
    ``"legend_titled"`` after its explicit title), else ``words["legend_plain"]``. Layers share their axes and legends: each gets
    one description, on the layer whose title is shown. Axes and legends
    hidden (``None``) or out of the reading order (``aria: false``) where they
    are first set are left alone, and so is a description already given.
    ``named``: the chart's container already
    has the title as its accessible name, so the title (and subtitle) drawn
    in the chart is taken out of the reading order (``aria: false``), where
    Vega would read it again as "Title text '…'".

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
    for channel, encs in shared.items():
        guide = "axis" if channel in _AXES else "legend"
        shown = [e for e in encs if not _unread(e.get(guide, {}))]
        if len(shown) < len(encs) and guide in encs[0]:
            continue  # hidden or out of the reading order where it is first set
        if not shown or any("description" in (e.get(guide) or {}) for e in shown):
            continue
        if guide == "axis":
            _describe_axis(channel, shown, text)
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


def _describe_axis(channel: str, encs: list[dict[str, Any]], text: Mapping[str, str]) -> None:
    enc, title = _title(encs)
    name = text[channel]
    domain = next((d for e in encs if _numeric_pair(d := (e.get("scale") or {}).get("domain"))), None)
    fmt = next((f for e in encs if (f := (e.get("axis") or {}).get("format"))), None)
    quantitative = enc.get("type") == "quantitative"
    if quantitative and domain is not None:
        low, high = (_number(v, fmt) for v in domain)
        key = "axis_range" if title else "axis_span"
        description = text[key].format(axis=name, title=title, low=low, high=high)
    elif title:
        description = text["axis_titled"].format(axis=name, title=title)
    else:
        description = text["axis_plain" if quantitative else "axis_names"].format(axis=name)
    enc["axis"] = {**(enc.get("axis") or {}), "description": description}


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
    """``value`` in a d3 ``.Nf`` or ``.N%`` format; otherwise its shortest form."""
    if isinstance(fmt, str) and (m := _FIXED.match(fmt)):
        return f"{value:.{int(m.group(1))}f}"
    if isinstance(fmt, str) and (m := _PERCENT.match(fmt)):
        return f"{100 * value:.{int(m.group(1))}f}%"
    return f"{value:g}"

"""The Sensitivity page's tables: the crossings of one criterion and how far each criterion can move.

No Streamlit import: these take anp_core results (:mod:`anp_core.sensitivity`)
and return plain pandas frames, tested directly (tests/dashboard/).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pyarrow as pa

from anp_core.i18n import N_, translator
from anp_core.sensitivity import Crossing
from dashboard.arrow_table import table

__all__ = ["TABLE_COLUMNS", "crossing_table", "short_criterion_name", "threshold_table"]


def short_criterion_name(label: str) -> str:
    """Return a criterion's name as used inside a sentence ("the political environment weight").

    The full name, first letter lower-case unless the first word is an
    acronym (or the script has no case).

    Examples
    --------
    >>> short_criterion_name("Political environment"), short_criterion_name("RCEP rules")
    ('political environment', 'RCEP rules')
    >>> short_criterion_name("经济环境")
    '经济环境'
    """
    name = " ".join(label.split())
    first = name.split(" ", 1)[0]
    if first.isupper() and len(first) > 1:
        return name
    return name[:1].lower() + name[1:]


def crossing_table(
    crossings: Sequence[Crossing],
    names: Mapping[str, str],
    criterion_name: str,
    current: float,
    top: Sequence[str] = (),
    lang: str = "en",
) -> pa.Table:
    """Return the crossings as a table of sentences, nearest to the current weight first.

    Parameters
    ----------
    crossings : sequence of Crossing
        :func:`anp_core.sensitivity.crossings` of one criterion.
    names : mapping
        Factor id -> display name.
    criterion_name : str
        Short criterion name used in the sentence ("political").
    current : float
        The criterion's current weight.
    top : sequence of str, optional
        Factor ids of the current top factors (flagged in the table).
    lang : str
        Language of the sentences and of the column names.

    Returns
    -------
    pyarrow.Table
        Columns (named in ``lang``) ``Weight`` (t), ``What happens`` (the
        sentence, t to 4 decimals), ``Rises above`` and ``Falls below`` (the
        two factors' names, as the weight rises past t), ``Move`` (t minus the
        current weight) and ``Top factor involved``.
    """
    _ = translator(lang)
    top_set = set(top)
    sentence = _("{first} overtakes {second} when the {criterion} weight exceeds {t}")
    ordered = sorted(crossings, key=lambda c: c.t)  # stable: equal weights keep their order
    first = [names.get(c.overtaker, c.overtaker) for c in ordered]
    second = [names.get(c.overtaken, c.overtaken) for c in ordered]
    t = np.array([c.t for c in ordered], dtype=float)
    return table(
        {
            _("Weight"): t,
            _("What happens"): [
                sentence.format(first=a, second=b, criterion=criterion_name, t=f"{c.t:.4f}")
                for a, b, c in zip(first, second, ordered, strict=True)
            ],
            _("Rises above"): first,
            _("Falls below"): second,
            _("Move"): t - current,
            _("Top factor involved"): np.array(
                [bool({c.overtaker, c.overtaken} & top_set) for c in ordered], dtype=bool
            ),
        }
    )


#: Columns of :func:`crossing_table` and :func:`threshold_table`, marked for translation (pages show
#: them through ``_``; ``Top {k}: move`` and ``Top {k}: at`` take ``k``).
TABLE_COLUMNS = (
    N_("Weight"),
    N_("What happens"),
    N_("Rises above"),
    N_("Falls below"),
    N_("Move"),
    N_("Top factor involved"),
    N_("Current weight"),
    N_("Top {k}: move"),
    N_("Top {k}: at"),
    N_("Criterion"),
)


def threshold_table(
    thresholds: Iterable[Mapping[str, Any]],
    criterion_names: Mapping[str, str],
    columns: Mapping[str, str] | None = None,
    index_name: str = "Criterion",
) -> pa.Table:
    """Return "how far must each criterion move before the top k changes" as one row per criterion.

    Parameters
    ----------
    thresholds : iterable of mappings
        One record per criterion and k, with the fields of
        :func:`anp_core.sensitivity.top_change_thresholds` (``criterion``,
        ``top``, ``current``, ``change_above``, ``change_below``), e.g. its
        frames' ``to_dict("records")``.
    criterion_names : mapping
        Criterion id -> display name.
    columns, index_name : optional
        Column name -> the name shown (a translation), and the name of the first column.

    Returns
    -------
    pyarrow.Table
        Columns ``index_name`` (the criterion's display name), ``Current weight`` and, per k,
        ``Top k: move`` (the smallest change that alters the set of the top k
        factors, negative when the weight must fall; null if no change in
        [0, 1]) and ``Top k: at`` (the weight at which it happens).

    Examples
    --------
    >>> t = [{"criterion": "p", "top": 1, "current": 0.2, "change_above": 0.5, "change_below": 0.1}]
    >>> threshold_table(t, {"p": "Political"}).to_pylist()
    [{'Criterion': 'Political', 'Current weight': 0.2, 'Top 1: move': -0.1, 'Top 1: at': 0.1}]
    """
    rows: dict[str, dict[str, float]] = {}  # by criterion id: two criteria may share a display name
    for r in thresholds:
        row = rows.setdefault(str(r["criterion"]), {})
        cur = float(r["current"])
        row["Current weight"] = cur
        k = int(r["top"])
        up, down = float(r["change_above"]), float(r["change_below"])
        d_up = up - cur if up == up else np.inf
        d_down = cur - down if down == down else np.inf
        if not np.isfinite(min(d_up, d_down)):
            move, at = np.nan, np.nan
        elif d_down <= d_up:
            move, at = -d_down, down
        else:
            move, at = d_up, up
        row[f"Top {k}: move"] = float(move)
        row[f"Top {k}: at"] = float(at)
    names = list(dict.fromkeys(c for row in rows.values() for c in row))
    shown = columns or {}
    return table(
        {
            index_name: [criterion_names.get(c, c) for c in rows],
            **{shown.get(c, c): np.array([row.get(c, np.nan) for row in rows.values()]) for c in names},
        }
    )

"""View builders of the Supermatrix page: the matrices to show, the diagnosis in words, sinks, large networks.

No Streamlit here. Matrices up to :data:`HEATMAP_LIMIT` nodes are drawn as
heatmaps; larger ones are summarised (cluster blocks and the largest cells)
and offered as CSV. Markdown strings have the model's text escaped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import numpy.typing as npt
import pandas as pd

from anp_core import Model
from anp_core.i18n import N_, translator
from anp_core.network import CriterionNetwork
from dashboard import text_alternatives
from dashboard.text import name_of, plain

__all__ = [
    "DIAGNOSES",
    "DIAGNOSIS_NAMES",
    "HEATMAP_LIMIT",
    "SINK_RULES",
    "block_sums",
    "column_sums_text",
    "convergence_table",
    "convergence_text",
    "heatmap_text",
    "is_rank_one",
    "largest_cells",
    "limit_priorities",
    "localised_frames",
    "method_text",
    "priority_rule_text",
    "sink_text",
]

#: Matrices with more rows than this are summarised instead of drawn cell by cell.
HEATMAP_LIMIT = 60

DIAGNOSES: dict[str, str] = {
    "primitive": N_(
        "**Primitive**: every node can reach every other node through the links "
        "(irreducible) and the cycles have no common period (aperiodic). The powers "
        "Wᵖ converge, and every column of the limit is the same *stationary vector* π "
        "with W π = π. anp_core finds π with one linear solve instead of waiting for "
        "the powers."
    ),
    "periodic": N_(
        "**Periodic (cyclic)**: every node reaches every other, but influence travels "
        "around cycles of a common length d, so the powers keep cycling and never "
        "settle. The limit is the Cesàro average of d consecutive powers, which equals "
        "the stationary vector; an oscillating power is never reported as the limit."
    ),
    "reducible": N_(
        "**Reducible**: some nodes cannot be reached from others. Each *closed class* "
        "(a set that influence never leaves) has its own stationary vector; the other "
        "(transient) columns are mixtures of them, weighted by the probability of "
        "ending up in each class."
    ),
    "sinks": N_(
        "**Sinks**: some columns of W are all zero (nodes that influence nothing, like the "
        "alternatives of a hierarchy), so W loses weight at each power. The model's sink rule "
        "(below) says what the limit does with them."
    ),
}

#: The diagnoses' names as the page shows them (``LimitResult.diagnosis``), marked for translation.
DIAGNOSIS_NAMES: dict[str, str] = {
    "primitive": N_("primitive"),
    "periodic": N_("periodic"),
    "reducible": N_("reducible"),
    "sinks": N_("sinks"),
}

#: What each ``settings.sinks`` rule does with a sink's column.
SINK_RULES: dict[str, str] = {
    "calculus": N_(
        "Under the model's **calculus** rule (Super Decisions' default) the limit is that of the powers with "
        "each column renormalised; a zero column has no normalised powers, so **a sink's column stays zero** "
        "in the limit."
    ),
    "hierarchy": N_(
        "Under the model's **hierarchy** rule (Super Decisions' hierarchy formula) **a sink's column stays "
        "zero** in the limit, as under the calculus rule."
    ),
    "absorbing": N_(
        "Under the model's **absorbing** rule each sink keeps what reaches it: 1 on its own diagonal, so its "
        "column is **not** zero (Saaty's hierarchic composition)."
    ),
}


def column_sums_text(net: CriterionNetwork) -> str:
    """Return the distinct column sums of U (the number of clusters each column links to), as text."""
    sums = sorted({int(np.rint(s)) for s in net.unweighted.sum(axis=0)})
    return ", ".join(str(k) for k in sums)


def is_rank_one(net: CriterionNetwork) -> bool:
    """Return whether every column of W is the same vector (``W = p 1ᵀ``: the first power is the limit)."""
    W = net.weighted
    return bool(W.shape[1] > 0 and np.allclose(W, W[:, :1], rtol=0, atol=1e-12))


def sink_text(model: Model, net: CriterionNetwork, lang: str = "en") -> str | None:
    """Say which limit columns are zero and why (the model's sink rule), or None if there is no sink.

    Examples
    --------
    >>> from tests.support.builders import sink_example
    >>> from anp_core.evaluate import criterion_network
    >>> m = sink_example()
    >>> print(sink_text(m, criterion_network(m, "network")).split(".")[0])
    Zero columns in the limit: **alt1**
    """
    _ = translator(lang)
    lim = net.limit
    if not lim.sinks:
        return None
    names = [name_of(model, i, lang) for i in net.node_ids]
    zero = [j for j in range(len(names)) if not np.any(lim.limit[:, j])]
    sinks = set(lim.sinks)
    rule = model.settings.sinks
    sep = _(", ")
    parts = []
    if zero:
        parts.append(
            _("Zero columns in the limit: {names}.").format(
                names=sep.join(f"**{plain(names[j])}**" for j in zero)
            )
        )
    else:
        parts.append(_("No column of the limit is zero."))
    parts.append(
        _("Sinks (columns of W that are all zero: these nodes link to nothing): {names}.").format(
            names=sep.join(plain(names[j]) for j in sorted(sinks))
        )
    )
    parts.append(_(SINK_RULES[rule]) if rule in SINK_RULES else "")
    feeders = [j for j in zero if j not in sinks]
    if feeders:
        parts.append(
            _(
                "The other zero columns ({names}) send all their influence into sinks, so it is gone after a few "
                "powers."
            ).format(names=sep.join(plain(names[j]) for j in feeders))
        )
    if model.settings.priorities == "sources":
        parts.append(
            _(
                "The priorities are read from the columns of the source nodes (the model's `sources` setting: "
                "Saaty's hierarchic composition), where the weight that reaches each sink is visible."
            )
        )
    else:
        prio = lim.priorities
        parts.append(
            _(
                "A sink still receives weight: the priorities are the normalised row sums of the limit ({values})."
            ).format(
                values=sep.join(f"{plain(names[j])} {prio[j]:.3f}" for j in sorted(sinks)[:8])
                + ("…" if len(sinks) > 8 else "")
            )
        )
    return " ".join(p for p in parts if p)


def priority_rule_text(model: Model, lang: str = "en") -> str:
    """Say how the model reads a criterion's priorities from its limit (``settings.priorities``)."""
    _ = translator(lang)
    if model.settings.priorities == "sources":
        return _(
            "The priorities are read from the columns of the source nodes (those nothing links to, such as a "
            "goal), averaged: the model's `sources` setting, Saaty's hierarchic composition."
        )
    return _(
        "The priorities are the **normalised row sums** of the limit (Super Decisions); when every column of the "
        "limit is the same vector (a connected network) they are that column."
    )


#: The limit methods :mod:`anp_core.limit` reports (``LimitResult.method``), phrase by phrase, marked for
#: translation; a method is translated phrase by phrase and shown as the engine says it if a phrase is new.
METHOD_PHRASES: tuple[str, ...] = (
    N_("sinks made absorbing (1 on the diagonal); "),
    N_("calculus: absorption probabilities (sinks swallow mass) + per-class solve"),
    N_("calculus: normalised powers (no closed class; the mass leaks to sinks)"),
    N_(" + normalised powers for columns reaching no closed class"),
    N_("absorption probabilities + per-class solve"),
    N_("stationary vector by direct solve"),
    N_("hierarchy formula"),
)
_PERIODS = (
    (
        re.compile(r" \(Cesaro average, largest period (\d+)\)"),
        N_(" (Cesaro average, largest period {period})"),
    ),
    (
        re.compile(r"Cesaro average \(period (\d+)\) via stationary solve"),
        N_("Cesaro average (period {period}) via stationary solve"),
    ),
)


def method_text(method: str, lang: str = "en") -> str:
    """Return the engine's limit method (``LimitResult.method``) in ``lang``, as markdown.

    Known phrases are translated; a method holding anything else is shown as
    the engine wrote it, in code format (an identifier, not prose).

    Examples
    --------
    >>> method_text("stationary vector by direct solve", "en")
    'stationary vector by direct solve'
    >>> method_text("Cesaro average (period 2) via stationary solve", "zh")
    '通过求解平稳向量得到切萨罗平均（周期 2）'
    >>> method_text("a new method", "zh")
    '`a new method`'
    """
    if lang == "en":
        return plain(method)
    _ = translator(lang)
    out = method
    for pattern, template in _PERIODS:
        said = _(template)  # a phrase with the period, between NUL marks (translated text)

        def marked(m: re.Match[str], said: str = said) -> str:
            return "\0" + said.format(period=m.group(1)) + "\0"

        out = pattern.sub(marked, out)
    for phrase in sorted(METHOD_PHRASES, key=len, reverse=True):
        out = out.replace(phrase, "\0" + _(phrase) + "\0")
    rest = re.sub("\0[^\0]*\0", "", out)
    if re.search("[A-Za-z]", rest):
        return "`" + method.replace("`", "'") + "`"
    return plain(out.replace("\0", ""))


def block_sums(
    frame: pd.DataFrame, model: Model, node_ids: tuple[str, ...], lang: str = "en"
) -> pd.DataFrame:
    """Sum each cluster block of a node x node matrix (rows: "to" cluster, columns: "from" cluster)."""
    clusters = [model.cluster_of[i] for i in node_ids]
    names = {c.id: name_of(model, c.id, lang) for c in model.clusters}
    values = pd.DataFrame(frame.to_numpy(), index=clusters, columns=clusters)
    out = values.T.groupby(level=0, sort=False).sum().T.groupby(level=0, sort=False).sum()
    out.index = [names[c] for c in out.index]
    out.columns = [names[c] for c in out.columns]
    return out


def largest_cells(frame: pd.DataFrame, k: int = 30, lang: str = "en") -> pd.DataFrame:
    """Return the ``k`` largest cells of a matrix as rows ``To``, ``From``, ``Value`` (names in ``lang``)."""
    _ = translator(lang)
    z = frame.to_numpy(dtype=float)
    flat = np.argsort(-z, axis=None, kind="stable")[:k]
    i, j = np.unravel_index(flat, z.shape)
    keep = z[i, j] > 0
    return pd.DataFrame(
        {
            _("To (row)"): [str(frame.index[a]) for a in i[keep]],
            _("From (column)"): [str(frame.columns[b]) for b in j[keep]],
            _("Value"): z[i, j][keep],
        }
    )


def limit_priorities(model: Model, net: CriterionNetwork, lang: str = "en") -> pd.DataFrame:
    """Return the ranked nodes' limit priorities under the criterion, largest first (names in ``lang``)."""
    _ = translator(lang)
    return pd.DataFrame(
        {
            _("factor"): [name_of(model, f, lang) for f in net.ranked_ids],
            _("cluster"): [name_of(model, model.cluster_of[f], lang) for f in net.ranked_ids],
            _("limit priority"): net.priorities,
        }
    ).sort_values(_("limit priority"), ascending=False, kind="stable")


def localised_frames(
    frames: Mapping[str, pd.DataFrame], model: Model, net: CriterionNetwork, lang: str
) -> dict[str, pd.DataFrame]:
    """Return the network's labelled matrices (``CriterionNetwork.frames``) with names in ``lang``."""
    nodes = [name_of(model, i, lang) for i in net.node_ids]
    clusters = [name_of(model, i, lang) for i in net.cluster_ids]
    out = {}
    for key, frame in frames.items():
        labels = clusters if key == "cluster" else nodes
        out[key] = pd.DataFrame(frame.to_numpy(), index=labels, columns=labels)
    return out


def heatmap_text(frame: pd.DataFrame, lang: str = "en") -> str:
    """Return a matrix heatmap's summary: its largest and smallest non-zero cells, and how many are zero.

    Examples
    --------
    >>> heatmap_text(pd.DataFrame([[0.0, 0.6], [1.0, 0.4]], index=["a", "b"], columns=["a", "b"]))
    'The largest entry is row b, column a = 1.000; the smallest non-zero entry is row b, column b = 0.400; 1 of 4 entries are zero.'
    """
    fmt, phrases = text_alternatives.localised(lang)
    return text_alternatives.heatmap_summary(
        [str(x) for x in frame.index],
        [str(x) for x in frame.columns],
        frame.to_numpy(dtype=float),
        fmt=fmt,
        phrases=phrases,
    )


def convergence_text(residuals: npt.ArrayLike, tol: float, lang: str = "en") -> str:
    """Say how the largest change between successive powers of W falls (the convergence chart's summary).

    ``residuals[k]`` is ``max |W^(k+2) − W^(k+1)|`` (:func:`anp_core.limit.power_residuals`).

    Examples
    --------
    >>> convergence_text([0.5, 0.05, 1e-10, 1e-12], 1e-9)
    'The largest change between two successive powers is 5.0e-01 at p = 1 and 1.0e-12 at p = 4; it is below the tolerance 1e-09 from p = 3 on.'
    """
    _ = translator(lang)
    _fmt, phrases = text_alternatives.localised(lang)
    r = np.asarray(residuals, dtype=float)
    if r.size == 0:
        return phrases.empty
    parts = [
        _(
            "The largest change between two successive powers is {first} at p = 1 and {last} at p = {n}"
        ).format(first=f"{r[0]:.1e}", last=f"{r[-1]:.1e}", n=r.size)
    ]
    above = np.flatnonzero(r > tol)
    if above.size == 0:
        parts.append(_("it is below the tolerance {tol} from the first power on").format(tol=f"{tol:g}"))
    elif above[-1] + 1 < r.size:
        parts.append(
            _("it is below the tolerance {tol} from p = {p} on").format(tol=f"{tol:g}", p=above[-1] + 2)
        )
    else:
        parts.append(_("it is still above the tolerance {tol} at p = {n}").format(tol=f"{tol:g}", n=r.size))
    return phrases.sentence_join.join(parts) + phrases.end


def convergence_table(residuals: npt.ArrayLike, lang: str = "en") -> pd.DataFrame:
    """Return the convergence chart's data: the power p and ``max |W^(p+1) − W^p|``."""
    _ = translator(lang)
    r = np.asarray(residuals, dtype=float)
    return pd.DataFrame({_("power p"): np.arange(1, r.size + 1), "max |W^(p+1) − W^p|": r})

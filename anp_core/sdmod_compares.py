"""Decoding the comparisons block of a Super Decisions ``.sdmod`` file (the text after ``readAllCompares``).

The block holds, in this order: the clusters with their nodes (this order
defines the indices used below), the cluster connection matrix, one cluster
comparison per cluster and one node comparison per (node, cluster) pair.
Each comparison is written as ``size i0,p0 i1,p1 ...`` (element ``i_k`` of
the compared cluster(s) sits at row/column ``p_k`` of the matrix) followed
by the upper triangle of the matrix, row by row; ``0`` is a missing
judgment. A node comparison of size 0 means "no link", size 1 is a single
linked node. Every problem is refused naming its line.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from anp_core.sdmod_rules import MAX_CLUSTERS, MAX_ELEMENTS, refuse

__all__ = ["ComparesBlock", "parse_compares"]

#: A comparison: the element indices at each matrix position, and the full matrix (None = missing).
Judged = tuple[list[int], list[list[float | None]]]


class _Lines:
    """Line cursor over the comparisons block, with clear errors."""

    def __init__(self, text: str, first_line: int) -> None:
        self.lines = text.split("\n")
        self.k = 0
        self.first = first_line

    def where(self) -> str:
        return f"line {self.first + self.k}"

    def raw(self) -> str:
        if self.k >= len(self.lines):
            raise refuse(self.where(), "the comparisons block ends too early")
        s = self.lines[self.k]
        self.k += 1
        return s

    def nonblank(self) -> str:
        while True:
            s = self.raw().strip()
            if s:
                return s

    def integer(self, what: str) -> int:
        s = self.nonblank()
        try:
            v = int(s)
        except ValueError:
            raise refuse(self.where(), f"expected {what} (an integer), found {s[:40]!r}") from None
        if v < 0:
            raise refuse(self.where(), f"{what} is negative")
        return v

    def at_end(self) -> bool:
        while self.k < len(self.lines) and not self.lines[self.k].strip():
            self.k += 1
        return self.k >= len(self.lines)


def _order(cur: _Lines, header: str, limit: int, what: str) -> list[int]:
    """Parse ``size i,p ...``; return ``items[p] = i`` (element index at each position)."""
    toks = header.split()
    try:
        size = int(toks[0])
    except (ValueError, IndexError):
        raise refuse(cur.where(), f"expected the size of {what}, found {header[:40]!r}") from None
    pairs = toks[1:]
    if size < 0 or size > limit or len(pairs) != size:
        raise refuse(cur.where(), f"{what}: size {size} does not match its {len(pairs)} index pairs")
    items = [-1] * size
    seen: set[int] = set()
    for pair in pairs:
        i_s, sep, p_s = pair.partition(",")
        try:
            i, p = int(i_s), int(p_s)
        except ValueError:
            raise refuse(cur.where(), f"{what}: bad index pair {pair[:20]!r}") from None
        if not sep or not 0 <= i < limit or not 0 <= p < size or items[p] >= 0 or i in seen:
            raise refuse(cur.where(), f"{what}: index pair {pair!r} is out of range or repeated")
        items[p] = i
        seen.add(i)
    return items


def _numbers(cur: _Lines, count: int, what: str) -> list[float]:
    out: list[float] = []
    while len(out) < count:
        for tok in cur.nonblank().split():
            try:
                v = float(tok)
            except ValueError:
                raise refuse(cur.where(), f"{what}: {tok[:20]!r} is not a number") from None
            if not math.isfinite(v):
                raise refuse(cur.where(), f"{what}: {tok[:20]!r} is not a finite number")
            out.append(v)
    if len(out) != count:
        raise refuse(cur.where(), f"{what}: expected {count} values, found {len(out)}")
    return out


def _upper(cur: _Lines, size: int, what: str) -> list[list[float | None]]:
    """Read the upper triangle; return the full matrix (``None`` = missing)."""
    m: list[list[float | None]] = [[1.0 if i == j else None for j in range(size)] for i in range(size)]
    for i in range(size - 1):
        row = _numbers(cur, size - 1 - i, what)
        for off, v in enumerate(row):
            j = i + 1 + off
            if v < 0:
                raise refuse(cur.where(), f"{what}: judgment {v} is negative")
            if v > 0:
                m[i][j] = v
                m[j][i] = 1.0 / v
    return m


@dataclass
class ComparesBlock:
    """The decoded comparisons block.

    ``cluster_links`` holds ``(from, to)`` cluster indices; ``cluster_cmp[k]``
    is the comparison of clusters with respect to cluster ``k``;
    ``node_cmp[(a, b, c)]`` the comparison of the nodes of cluster ``c`` with
    respect to node ``b`` of cluster ``a``.
    """

    cluster_names: list[str]
    node_names: list[list[str]]
    cluster_links: set[tuple[int, int]]  # (from, to)
    cluster_cmp: dict[int, Judged]
    node_cmp: dict[tuple[int, int, int], Judged]


def parse_compares(text: str, first_line: int) -> ComparesBlock:
    """Decode the comparisons block.

    Parameters
    ----------
    text : str
        The block's text.
    first_line : int
        Line of the file where the block starts (for messages).

    Raises
    ------
    ModelValidationError
        The block ends too early, holds something other than what its
        place needs, an index out of range or repeated, a negative or
        non-finite judgment; the message names the line.
    """
    cur = _Lines(text, first_line)
    n_cl = cur.integer("the number of clusters")
    if n_cl == 0 or n_cl > MAX_CLUSTERS:
        raise refuse(cur.where(), f"the comparisons block lists {n_cl} clusters")
    cluster_names: list[str] = []
    node_names: list[list[str]] = []
    for _ in range(n_cl):
        cluster_names.append(cur.nonblank())
        k = cur.integer(f"the number of nodes of cluster {cluster_names[-1]!r}")
        if k > MAX_ELEMENTS:
            raise refuse(cur.where(), f"cluster {cluster_names[-1]!r} has {k} nodes")
        node_names.append([cur.nonblank() for _ in range(k)])
    order = _order(cur, cur.nonblank(), n_cl, "the cluster connection matrix")
    if len(order) != n_cl:
        raise refuse(cur.where(), "the cluster connection matrix does not cover every cluster")
    flat = _numbers(cur, n_cl * n_cl, "the cluster connection matrix")
    links = {
        (order[c], order[r]) for r in range(n_cl) for c in range(n_cl) if flat[r * n_cl + c] != 0
    }  # row = cluster linked to, column = cluster linking from
    cluster_cmp: dict[int, Judged] = {}
    for _ in range(n_cl):
        s = cur.nonblank()
        try:
            k = int(s)
        except ValueError:
            raise refuse(cur.where(), f"expected a cluster number, found {s[:40]!r}") from None
        if not 0 <= k < n_cl or k in cluster_cmp:
            raise refuse(
                cur.where(), f"cluster comparison for cluster number {k} is out of range or repeated"
            )
        what = f"the cluster comparison with respect to {cluster_names[k]!r}"
        items = _order(cur, cur.nonblank(), n_cl, what)
        cluster_cmp[k] = (items, _upper(cur, len(items), what))
    node_cmp: dict[tuple[int, int, int], Judged] = {}
    while not cur.at_end():
        s = cur.nonblank()
        try:
            a, b, c = (int(x) for x in s.split(","))
        except ValueError:
            raise refuse(cur.where(), f"expected 'cluster,node,cluster' numbers, found {s[:40]!r}") from None
        if not (0 <= a < n_cl and 0 <= c < n_cl and 0 <= b < len(node_names[a])) or (a, b, c) in node_cmp:
            raise refuse(cur.where(), f"node comparison {s!r} is out of range or repeated")
        what = f"the comparison of {cluster_names[c]!r} with respect to {node_names[a][b]!r}"
        items = _order(cur, cur.nonblank(), len(node_names[c]), what)
        node_cmp[(a, b, c)] = (items, _upper(cur, len(items), what))
    return ComparesBlock(cluster_names, node_names, links, cluster_cmp, node_cmp)

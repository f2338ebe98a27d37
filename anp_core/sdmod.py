"""Import Super Decisions ``.sdmod`` model files.

A ``.sdmod`` file is a Tcl script written by Super Decisions. It is read with
the safe parser of :mod:`anp_core.tcl_lite` (nothing is ever run) and only
the commands Super Decisions writes for a single network are accepted:

* ``makeCluster`` / ``makeNode`` give the clusters and nodes (names and
  descriptions), ``connectClusters`` the cluster links;
* the block after ``c-network readAllCompares`` holds, in this order, the
  clusters with their nodes (this order defines the indices used below), the
  cluster connection matrix, one cluster comparison per cluster and one node
  comparison per (node, cluster) pair. Each comparison is written as
  ``size i0,p0 i1,p1 ...`` (element ``i_k`` of the compared cluster(s) sits at
  row/column ``p_k`` of the matrix) followed by the upper triangle of the
  matrix, row by row; ``0`` is a missing judgment. A node comparison of size
  0 means "no link", size 1 is a single linked node;
* ``catch {limitPowerOptions $net 2 x}`` is Super Decisions' default limit
  (the "calculus" type), mapped to ``settings.sinks = "calculus"``.

What cannot be mapped is refused with :class:`~anp_core.errors.ModelValidationError`
naming it: ratings models, subnetworks (BOCR merits, control criteria with
their own networks), synthesis formulas, resource optimisation, direct-data
entry commands, other limit types, any other command and any Tcl that tries
to run something. Node comparisons whose judgments are all missing (or whose
known judgments do not connect every element) are refused too: their
priorities would not be defined. A cluster comparison with no judgment at
all is left out, so its clusters are weighed equally (the engine's and
Super Decisions' default for uncompared clusters).

How the result is expressed in the model format (``data/README.md``): one
control criterion ``network`` with a 1 x 1 criteria comparison; a node
comparison "nodes of cluster I with respect to node j" becomes
``{"kind": "nodes", "wrt": j, "cluster": I, "elements": [...], "matrix": ...}``
with the elements in the file's matrix order, so the stored upper triangle
is used as it is; a cluster comparison with respect to cluster J becomes
``{"kind": "clusters", "wrt": J, ...}``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from anp_core.errors import ModelValidationError
from anp_core.model_checks import name_key
from anp_core.model_file import MAX_FILE_BYTES, Model, load_model, read_limited
from anp_core.tcl_lite import Command, TclSyntaxError, Word, parse_script

__all__ = ["CRITERION_ID", "load_sdmod", "sdmod_to_dict"]

CRITERION_ID = "network"
_NET = "\x00net"  # value of $net: the (only) network handle
_TOP_NET = "\x00top_net"
_ID_MAX = 64
_NAME_MAX = 200
_DESC_MAX = 5000
_MAX_ELEMENTS = 200
_MAX_CLUSTERS = 200
_MAX_VARS = 10_000

# Commands that only set display properties; their arguments are not used.
_DISPLAY = frozenset(
    {
        "setDefaultCompareMode",
        "clusterChangeColor",
        "setClusterIconUU",
        "setClusterIconFont",
        "setClusterTitleFont",
        "setClusterWinSize",
        "setClusterCompareWord",
        "deIconizeCluster",
        "iconizeCluster",
        "setNodeIconUU",
        "setNodeColor",
        "setNodeFont",
        "setNodeCompareWord",
        "nodeCompareFinished",
        "setNetCompareWord",
        "setNetClusterColor",
        "setNetNodeColor",
        "setNetClusterWinFont",
        "setNetClusterIconFont",
        "setNetNodeFont",
        "recreateNetInsideFrameOnly",
    }
)

# Super Decisions features that cannot be expressed in the model format.
_UNSUPPORTED = {
    "makeNodeHaveSub": "a subnetwork (BOCR merits or control criteria with their own networks)",
    "makeNetFormulaic": "a synthesis formula combining subnetworks (BOCR)",
    "setNetFormula": "a synthesis formula combining subnetworks (BOCR)",
    "setOptimization": "resource optimisation",
    "hideSub": "a subnetwork",
    "networkBusy": "a subnetwork",
    "networkNotBusy": "a subnetwork",
    "lappend": "a subnetwork",
}

# Tcl built-ins that would run code, touch files or the network: never part of a model file.
_TCL_DANGEROUS = frozenset(
    [
        "exec",
        "open",
        "source",
        "eval",
        "uplevel",
        "upvar",
        "proc",
        "rename",
        "interp",
        "load",
        "package",
        "socket",
        "file",
        "cd",
        "glob",
        "pwd",
        "exit",
        "after",
        "vwait",
        "update",
        "fconfigure",
        "fileevent",
        "puts",
        "gets",
        "read",
        "close",
        "chan",
        "namespace",
        "trace",
        "info",
        "subst",
        "apply",
        "coroutine",
        "yield",
        "tailcall",
        "while",
        "for",
        "foreach",
        "if",
        "switch",
        "return",
        "break",
        "continue",
        "error",
        "global",
        "variable",
        "array",
        "dict",
        "string",
        "list",
        "lindex",
        "lreplace",
        "lsearch",
        "lsort",
        "llength",
        "lrange",
        "linsert",
        "concat",
        "join",
        "split",
        "regexp",
        "regsub",
        "format",
        "scan",
        "incr",
        "append",
        "unset",
        "clock",
        "encoding",
        "binary",
    ]
)


@dataclass
class _Cluster:
    name: str
    description: str
    nodes: list[tuple[str, str]] = field(default_factory=list)  # (name, description)


@dataclass
class _Parsed:
    """What the script defines, before the comparisons block is decoded."""

    clusters: dict[str, _Cluster] = field(default_factory=dict)
    node_cluster: dict[str, str] = field(default_factory=dict)
    links: set[tuple[str, str]] = field(default_factory=set)
    compares: tuple[str, int] | None = None  # (block text, first line)
    limit_options: tuple[str, ...] | None = None
    direct_mults: list[tuple[str, str, str]] = field(default_factory=list)
    version: str = ""
    notes: list[str] = field(default_factory=list)


def _refuse(where: str, msg: str) -> ModelValidationError:
    return ModelValidationError([(where, msg)])


# --------------------------------------------------------------------------- script


class _Executor:
    """Walks the parsed commands, resolving ``set`` variables; runs nothing."""

    def __init__(self) -> None:
        self.vars: dict[str, str] = {"net": _NET}
        self.out = _Parsed()

    def value(self, word: Word, line: int) -> str:
        pieces: list[str] = []
        size = 0
        for part in word.parts:
            if part.kind == "text":
                piece = part.value
            elif part.kind == "var":
                if part.value not in self.vars:
                    raise _refuse(f"line {line}", f"variable ${part.value[:40]} is used before it is set")
                piece = self.vars[part.value]
            else:
                piece = self._substitution(part.value, line)
            size += len(piece)
            if size > MAX_FILE_BYTES:
                raise _refuse(
                    f"line {line}", "a value grows beyond 5 MB through variable substitution; refused"
                )
            pieces.append(piece)
        return "".join(pieces)

    @staticmethod
    def _substitution(script: str, line: int) -> str:
        body = " ".join(script.split())
        if body == "getTopNet $net":
            return _TOP_NET
        head = body.split(" ", 1)[0] if body else ""
        if head in _UNSUPPORTED:
            raise _refuse(
                f"line {line}",
                f"{head}: this file uses {_UNSUPPORTED[head]}, which cannot be imported; "
                "only single-network Super Decisions models are supported",
            )
        raise _refuse(
            f"line {line}",
            f"command substitution [{head[:40]} ...] is not allowed in a model file (nothing is run)",
        )

    def args(self, cmd: Command) -> list[str]:
        return [self.value(w, cmd.line) for w in cmd.words[1:]]

    def need(self, cmd: Command, args: list[str], n: int, *, net_first: bool = True) -> None:
        if len(args) != n:
            raise _refuse(f"line {cmd.line}", f"{cmd.name} takes {n} arguments, got {len(args)}")
        if net_first and args[0] != _NET:
            raise _refuse(
                f"line {cmd.line}",
                f"{cmd.name} refers to another network than the model's own: subnetworks are not supported",
            )

    def run(self, commands: list[Command]) -> _Parsed:
        for cmd in commands:
            self.command(cmd)
        return self.out

    def command(self, cmd: Command) -> None:
        name = cmd.name
        where = f"line {cmd.line}"
        if not name:
            raise _refuse(where, "a command name must be plain text")
        if name == "set":
            self._set(cmd)
        elif name in _DISPLAY:
            self.args(cmd)  # checks every variable it uses is defined
        elif name == "makeCluster":
            args = self.args(cmd)
            self.need(cmd, args, 5)
            self._make_cluster(args[3], args[4], cmd.line)
        elif name == "makeNode":
            args = self.args(cmd)
            self.need(cmd, args, 6)
            self._make_node(args[1], args[2], args[3], cmd.line)
        elif name == "connectClusters":
            args = self.args(cmd)
            self.need(cmd, args, 3)
            for c in args[1:]:
                if c not in self.out.clusters:
                    raise _refuse(where, f"connectClusters names an unknown cluster {c!r}")
            self.out.links.add((args[1], args[2]))
        elif name == "setNodeCompareDirectMult":
            args = self.args(cmd)
            self.need(cmd, args, 4)
            self.out.direct_mults.append((args[1], args[2], args[3]))
        elif name == "setFormulaType":
            args = self.args(cmd)
            self.need(cmd, args, 2)
            if args[1].strip() != "0":
                raise _refuse(
                    where,
                    f"synthesis formula type {args[1]!r} (used to combine subnetworks) is not supported",
                )
        elif name == "catch":
            self._catch(cmd)
        elif name == "c-network":
            self._compares(cmd)
        elif name == "ratings":
            self._ratings(cmd)
        elif name in _UNSUPPORTED:
            raise _refuse(
                where,
                f"{name}: this file uses {_UNSUPPORTED[name]}, which cannot be imported; "
                "only single-network Super Decisions models are supported",
            )
        elif name in _TCL_DANGEROUS:
            raise _refuse(
                where,
                f"Tcl command {name!r} is not part of a Super Decisions model file: refused (nothing is run)",
            )
        elif "direct" in name.lower():
            raise _refuse(where, f"{name}: direct-data entry is not supported; use pairwise comparisons")
        else:
            shown = name if len(name) <= 40 else name[:40] + "..."
            raise _refuse(
                where,
                f"unknown command {shown!r}: only the commands Super Decisions writes for a "
                "single network are read",
            )

    def _set(self, cmd: Command) -> None:
        if len(cmd.words) == 2:
            self.args(cmd)
            return
        if len(cmd.words) != 3:
            raise _refuse(f"line {cmd.line}", f"set takes 1 or 2 arguments, got {len(cmd.words) - 1}")
        var = self.value(cmd.words[1], cmd.line)
        val = self.value(cmd.words[2], cmd.line)
        if var == "net":
            raise _refuse(
                f"line {cmd.line}",
                "the file switches to another network (set net ...): subnetworks are not supported",
            )
        if var not in self.vars and len(self.vars) >= _MAX_VARS:
            raise _refuse(f"line {cmd.line}", f"more than {_MAX_VARS:,} variables")
        self.vars[var] = val
        if var == "SAVED_WITH_VERSION":
            self.out.version = val.split(" made on", 1)[0].strip()[:60]

    def _make_cluster(self, name: str, desc: str, line: int) -> None:
        if name in self.out.clusters:
            raise _refuse(f"line {line}", f"cluster {name!r} is defined twice")
        if len(self.out.clusters) >= _MAX_CLUSTERS:
            raise _refuse(f"line {line}", f"more than {_MAX_CLUSTERS} clusters")
        self.out.clusters[name] = _Cluster(name, desc)

    def _make_node(self, cluster: str, name: str, desc: str, line: int) -> None:
        if cluster not in self.out.clusters:
            raise _refuse(f"line {line}", f"node {name!r} is put in an unknown cluster {cluster!r}")
        if name in self.out.node_cluster:
            raise _refuse(f"line {line}", f"node {name!r} is defined twice")
        nodes = self.out.clusters[cluster].nodes
        if len(nodes) >= _MAX_ELEMENTS:
            raise _refuse(f"line {line}", f"cluster {cluster!r} has more than {_MAX_ELEMENTS} nodes")
        nodes.append((name, desc))
        self.out.node_cluster[name] = cluster

    def _catch(self, cmd: Command) -> None:
        where = f"line {cmd.line}"
        if len(cmd.words) != 2 or not cmd.words[1].braced:
            raise _refuse(where, "catch is only accepted around limitPowerOptions")
        inner = parse_script(cmd.words[1].literal or "", cmd.line)
        if len(inner) != 1 or inner[0].name != "limitPowerOptions":
            raise _refuse(where, "catch is only accepted around limitPowerOptions")
        args = self.args(inner[0])
        self.need(inner[0], args, 3)
        if args[1].strip() != "2" or args[2].strip() not in {"0", "1"}:
            raise _refuse(
                where,
                f"limit matrix options {args[1]} {args[2]}: only Super Decisions' default limit "
                "(the calculus type, options 2 0 or 2 1) can be imported",
            )
        self.out.limit_options = (args[1].strip(), args[2].strip())

    def _compares(self, cmd: Command) -> None:
        args = self.args(cmd)
        ok = (
            len(args) == 5
            and args[0] == "readAllCompares"
            and args[1] == "-network"
            and args[2] == _NET
            and args[3] == "-source"
        )
        if not ok:
            raise _refuse(f"line {cmd.line}", "c-network is only accepted as readAllCompares of the model")
        if self.out.compares is not None:
            raise _refuse(f"line {cmd.line}", "the comparisons block appears twice")
        self.out.compares = (args[4], cmd.line)

    def _ratings(self, cmd: Command) -> None:
        args = self.args(cmd)
        if len(args) != 5 or args[0] != "new" or args[2] != _NET or args[3] != "-src":
            raise _refuse(f"line {cmd.line}", "ratings is only accepted as 'ratings new' of the model")
        tokens = args[4].split()
        if any(t != "0" for t in tokens):
            head = tokens[0] if tokens else "?"
            raise _refuse(
                f"line {cmd.line}",
                f"this is a ratings model ({head} ratings criteria with rated alternatives): "
                "ratings are not supported, only pairwise-comparison networks",
            )


# --------------------------------------------------------------------------- compares block


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
            raise _refuse(self.where(), "the comparisons block ends too early")
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
            raise _refuse(self.where(), f"expected {what} (an integer), found {s[:40]!r}") from None
        if v < 0:
            raise _refuse(self.where(), f"{what} is negative")
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
        raise _refuse(cur.where(), f"expected the size of {what}, found {header[:40]!r}") from None
    pairs = toks[1:]
    if size < 0 or size > limit or len(pairs) != size:
        raise _refuse(cur.where(), f"{what}: size {size} does not match its {len(pairs)} index pairs")
    items = [-1] * size
    seen: set[int] = set()
    for pair in pairs:
        i_s, sep, p_s = pair.partition(",")
        try:
            i, p = int(i_s), int(p_s)
        except ValueError:
            raise _refuse(cur.where(), f"{what}: bad index pair {pair[:20]!r}") from None
        if not sep or not 0 <= i < limit or not 0 <= p < size or items[p] >= 0 or i in seen:
            raise _refuse(cur.where(), f"{what}: index pair {pair!r} is out of range or repeated")
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
                raise _refuse(cur.where(), f"{what}: {tok[:20]!r} is not a number") from None
            if not math.isfinite(v):
                raise _refuse(cur.where(), f"{what}: {tok[:20]!r} is not a finite number")
            out.append(v)
    if len(out) != count:
        raise _refuse(cur.where(), f"{what}: expected {count} values, found {len(out)}")
    return out


def _upper(cur: _Lines, size: int, what: str) -> list[list[float | None]]:
    """Read the upper triangle; return the full matrix (``None`` = missing)."""
    m: list[list[float | None]] = [[1.0 if i == j else None for j in range(size)] for i in range(size)]
    for i in range(size - 1):
        row = _numbers(cur, size - 1 - i, what)
        for off, v in enumerate(row):
            j = i + 1 + off
            if v < 0:
                raise _refuse(cur.where(), f"{what}: judgment {v} is negative")
            if v > 0:
                m[i][j] = v
                m[j][i] = 1.0 / v
    return m


@dataclass
class _Compares:
    cluster_names: list[str]
    node_names: list[list[str]]
    cluster_links: set[tuple[int, int]]  # (from, to)
    cluster_cmp: dict[int, tuple[list[int], list[list[float | None]]]]
    node_cmp: dict[tuple[int, int, int], tuple[list[int], list[list[float | None]]]]


def _parse_compares(text: str, first_line: int) -> _Compares:
    cur = _Lines(text, first_line)
    n_cl = cur.integer("the number of clusters")
    if n_cl == 0 or n_cl > _MAX_CLUSTERS:
        raise _refuse(cur.where(), f"the comparisons block lists {n_cl} clusters")
    cluster_names: list[str] = []
    node_names: list[list[str]] = []
    for _ in range(n_cl):
        cluster_names.append(cur.nonblank())
        k = cur.integer(f"the number of nodes of cluster {cluster_names[-1]!r}")
        if k > _MAX_ELEMENTS:
            raise _refuse(cur.where(), f"cluster {cluster_names[-1]!r} has {k} nodes")
        node_names.append([cur.nonblank() for _ in range(k)])
    order = _order(cur, cur.nonblank(), n_cl, "the cluster connection matrix")
    if len(order) != n_cl:
        raise _refuse(cur.where(), "the cluster connection matrix does not cover every cluster")
    flat = _numbers(cur, n_cl * n_cl, "the cluster connection matrix")
    links = {
        (order[c], order[r]) for r in range(n_cl) for c in range(n_cl) if flat[r * n_cl + c] != 0
    }  # row = cluster linked to, column = cluster linking from
    cluster_cmp: dict[int, tuple[list[int], list[list[float | None]]]] = {}
    for _ in range(n_cl):
        s = cur.nonblank()
        try:
            k = int(s)
        except ValueError:
            raise _refuse(cur.where(), f"expected a cluster number, found {s[:40]!r}") from None
        if not 0 <= k < n_cl or k in cluster_cmp:
            raise _refuse(
                cur.where(), f"cluster comparison for cluster number {k} is out of range or repeated"
            )
        what = f"the cluster comparison with respect to {cluster_names[k]!r}"
        items = _order(cur, cur.nonblank(), n_cl, what)
        cluster_cmp[k] = (items, _upper(cur, len(items), what))
    node_cmp: dict[tuple[int, int, int], tuple[list[int], list[list[float | None]]]] = {}
    while not cur.at_end():
        s = cur.nonblank()
        try:
            a, b, c = (int(x) for x in s.split(","))
        except ValueError:
            raise _refuse(cur.where(), f"expected 'cluster,node,cluster' numbers, found {s[:40]!r}") from None
        if not (0 <= a < n_cl and 0 <= c < n_cl and 0 <= b < len(node_names[a])) or (a, b, c) in node_cmp:
            raise _refuse(cur.where(), f"node comparison {s!r} is out of range or repeated")
        what = f"the comparison of {cluster_names[c]!r} with respect to {node_names[a][b]!r}"
        items = _order(cur, cur.nonblank(), len(node_names[c]), what)
        node_cmp[(a, b, c)] = (items, _upper(cur, len(items), what))
    return _Compares(cluster_names, node_names, links, cluster_cmp, node_cmp)


# --------------------------------------------------------------------------- model


def _slug(text: str, fallback: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    s = re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")
    s = re.sub(r"^[^a-z]+", "", s)  # Super Decisions names often start with an ordering number
    return (s or fallback)[: _ID_MAX - 4].rstrip("_") or fallback


class _Ids:
    """Unique ids across the file, derived from names."""

    def __init__(self, reserved: set[str]) -> None:
        self.used = set(reserved)

    def make(self, name: str, fallback: str) -> str:
        base = _slug(name, fallback)
        out, k = base, 2
        while out in self.used:
            out = f"{base}_{k}"
            k += 1
        self.used.add(out)
        return out


def _clip(text: str, limit: int, what: str, notes: list[str]) -> str:
    if len(text) <= limit:
        return text
    notes.append(f"{what} was cut to {limit} characters")
    return text[: limit - 1] + "…"


def _connected(matrix: list[list[float | None]]) -> bool:
    n = len(matrix)
    seen, stack = {0}, [0]
    while stack:
        i = stack.pop()
        for j in range(n):
            if j not in seen and matrix[i][j] is not None:
                seen.add(j)
                stack.append(j)
    return len(seen) == n


def _model_fields() -> Mapping[str, Any]:
    return Model.model_fields


def _optional_fields(sinks: str, ranked: list[str], judgments: str) -> dict[str, Any]:
    """Fields the model format may not have yet (settings, ranked_clusters, source.judgments).

    Switched on automatically: each is emitted only when the installed model
    schema declares it, so the importer keeps working before and after the
    format gains them.
    """
    fields = _model_fields()
    out: dict[str, Any] = {}
    if "settings" in fields:
        out["settings"] = {"sinks": sinks}
    if "ranked_clusters" in fields:
        out["ranked_clusters"] = ranked
    source_type = fields["source"].annotation
    args = getattr(source_type, "__args__", (source_type,))
    if any("judgments" in getattr(a, "model_fields", {}) for a in args):
        out["_judgments"] = judgments
    return out


def _decode(raw: bytes) -> tuple[str, str | None]:
    if b"\x00" in raw:
        raise _refuse("(file)", "this is a binary file, not a Super Decisions .sdmod text file")
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "the file is not UTF-8; it was read as Latin-1"


def sdmod_to_dict(source: str | Path | bytes, filename: str | None = None) -> dict[str, Any]:
    """Convert a Super Decisions ``.sdmod`` file into a model dict (not yet validated).

    Parameters
    ----------
    source : str, Path or bytes
        A path to the file, or its bytes (a ``str`` is a path).
    filename : str, optional
        Name used for the model id and name when ``source`` is bytes.

    Returns
    -------
    dict
        A model in the project's format (schema version 1); pass it to
        :func:`anp_core.load_model` (or use :func:`load_sdmod`).

    Raises
    ------
    ModelValidationError
        The file is over 5 MB, not a well-formed script, uses anything that
        cannot be mapped (ratings, subnetworks, formulas, other limit types,
        unknown or dangerous commands) or has comparisons whose priorities are
        undefined; each problem names its line or comparison.
    """
    if isinstance(source, bytes):
        raw, fname = source, filename or "model.sdmod"
    else:
        path = Path(source)
        fname = filename or path.name
        raw = read_limited(path)  # regular files only, never more than 5 MB + 1 byte
    if len(raw) > MAX_FILE_BYTES:
        raise _refuse("(file)", f"the file is {len(raw) / 1e6:.1f} MB; the limit is 5 MB")
    text, enc_note = _decode(raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "makeCluster" not in text and "readAllCompares" not in text:
        raise _refuse("(file)", "this is not a Super Decisions model file (no makeCluster, no comparisons)")
    try:
        commands = parse_script(text)
    except TclSyntaxError as exc:
        raise _refuse("(file)", f"not a well-formed .sdmod file: {exc}") from None
    parsed = _Executor().run(commands)
    if enc_note:
        parsed.notes.append(enc_note)
    return _build(parsed, fname)


def _build(p: _Parsed, fname: str) -> dict[str, Any]:
    if not p.clusters:
        raise _refuse("(file)", "the file defines no cluster")
    if p.compares is None:
        raise _refuse("(file)", "the file has no comparisons block (c-network readAllCompares)")
    try:
        cmp = _parse_compares(*p.compares)
    except TclSyntaxError as exc:  # pragma: no cover - the block is plain text
        raise _refuse("(file)", str(exc)) from None
    _check_same_structure(p, cmp)
    notes = list(p.notes)
    stem = " ".join(Path(fname).stem.replace("_", " ").split()) or "Super Decisions model"
    ids = _Ids({CRITERION_ID})
    cluster_ids = [ids.make(c, "cluster") for c in cmp.cluster_names]
    node_ids = [[ids.make(n, "node") for n in nodes] for nodes in cmp.node_names]

    clusters = []
    for ci, cname in enumerate(cmp.cluster_names):
        cl = p.clusters[cname]
        descs = dict(cl.nodes)
        clusters.append(
            {
                "id": cluster_ids[ci],
                "name": _clip(cname, _NAME_MAX, f"cluster name {cname[:40]!r}", notes),
                "description": _clip(cl.description, _DESC_MAX, f"description of {cname[:40]!r}", notes),
                "nodes": [
                    {
                        "id": node_ids[ci][k],
                        "name": _clip(nname, _NAME_MAX, f"node name {nname[:40]!r}", notes),
                        "description": _clip(
                            descs[nname], _DESC_MAX, f"description of {nname[:40]!r}", notes
                        ),
                    }
                    for k, nname in enumerate(cmp.node_names[ci])
                ],
            }
        )
    _distinct_names(clusters, notes)

    comparisons: list[dict[str, Any]] = []
    problems: list[tuple[str, str]] = []
    for (a, b, c), (items, matrix) in sorted(cmp.node_cmp.items()):
        if not items:
            continue
        label = f"{cmp.cluster_names[c]!r} with respect to {cmp.node_names[a][b]!r}"
        if (a, c) not in cmp.cluster_links:
            problems.append(
                (f"comparison {label}", f"{cmp.cluster_names[a]!r} is not linked to {cmp.cluster_names[c]!r}")
            )
            continue
        if len(items) > 1 and not _connected(matrix):
            missing = (
                "all missing"
                if all(matrix[i][j] is None for i in range(len(items)) for j in range(len(items)) if i != j)
                else "too few to connect every node"
            )
            problems.append(
                (
                    f"comparison {label}",
                    f"its judgments are {missing}, so its priorities are undefined: complete them in "
                    "Super Decisions",
                )
            )
            continue
        comparisons.append(
            {
                "criterion": CRITERION_ID,
                "kind": "nodes",
                "wrt": node_ids[a][b],
                "cluster": cluster_ids[c],
                "elements": [node_ids[c][i] for i in items],
                "matrix": matrix,
            }
        )
    for k, (items, matrix) in sorted(cmp.cluster_cmp.items()):
        if not items:
            continue
        label = f"clusters with respect to {cmp.cluster_names[k]!r}"
        stray = [cmp.cluster_names[i] for i in items if (k, i) not in cmp.cluster_links]
        if stray:
            problems.append((f"comparison of {label}", f"compares unlinked clusters {stray}"))
            continue
        known = sum(matrix[i][j] is not None for i in range(len(items)) for j in range(len(items)) if i != j)
        if len(items) > 1 and known == 0:
            notes.append(f"the {label} have no judgments: weighed equally")
            continue
        if len(items) > 1 and not _connected(matrix):
            problems.append(
                (
                    f"comparison of {label}",
                    "its judgments are too few to connect every cluster, so its priorities are "
                    "undefined: complete them in Super Decisions",
                )
            )
            continue
        comparisons.append(
            {
                "criterion": CRITERION_ID,
                "kind": "clusters",
                "wrt": cluster_ids[k],
                "elements": [cluster_ids[i] for i in items],
                "matrix": matrix,
            }
        )
    if problems:
        raise ModelValidationError(problems)
    if not any(c["kind"] == "nodes" for c in comparisons):
        raise _refuse("(file)", "the network has no node links, so there is nothing to evaluate")

    for node, cluster, mult in p.direct_mults:
        notes.append(
            f"{node!r} w.r.t. {cluster!r} also stores a direct-data multiplier ({mult}); "
            "the pairwise judgments saved in the file are used"
        )
    if p.limit_options:
        notes.append(f"limit: Super Decisions' calculus type (limitPowerOptions {' '.join(p.limit_options)})")
    alt = [cluster_ids[i] for i, n in enumerate(cmp.cluster_names) if "alternative" in n.lower()]
    ranked = alt if len(alt) == 1 else []
    if ranked:
        notes.append(f"results rank the nodes of cluster {ranked[0]!r} (its name says alternatives)")
    extra = _optional_fields("calculus", ranked, "original")
    judgments = extra.pop("_judgments", None)
    version = f" (saved by Super Decisions {p.version})" if p.version else ""
    source: dict[str, Any] = {
        "citation": _clip(f"Super Decisions model file {fname}{version}", _DESC_MAX, "citation", notes),
        "notes": _clip(
            "Imported from a Super Decisions .sdmod file. " + "; ".join(notes), _DESC_MAX, "notes", []
        ),
    }
    if judgments:
        source["judgments"] = judgments
    name = _clip(stem, _NAME_MAX, "model name", notes)
    return {
        "schema_version": 1,
        "id": _slug(stem, "superdecisions_model"),
        "name": name,
        "description": f"Network imported from the Super Decisions file {fname}.",
        "source": source,
        "criteria": [{"id": CRITERION_ID, "name": name}],
        "criteria_comparison": {"elements": [CRITERION_ID], "matrix": [[1.0]]},
        "clusters": clusters,
        "comparisons": comparisons,
        **extra,
    }


def _distinct_names(clusters: list[dict[str, Any]], notes: list[str]) -> None:
    """Make names that read the same (case, accents) distinct, as the model format requires."""
    for group in (clusters, [n for c in clusters for n in c["nodes"]]):
        seen: set[str] = set()
        for item in group:
            name, k = item["name"], 2
            while name_key(name) in seen:
                name = f"{item['name'][: _NAME_MAX - 8]} ({k})"
                k += 1
            if name != item["name"]:
                notes.append(f"{item['name']!r} reads the same as another name; renamed {name!r}")
                item["name"] = name
            seen.add(name_key(name))


def _check_same_structure(p: _Parsed, cmp: _Compares) -> None:
    listed = {c: set(nodes) for c, nodes in zip(cmp.cluster_names, cmp.node_names, strict=True)}
    made = {c: {n for n, _ in cl.nodes} for c, cl in p.clusters.items()}
    if listed != made:
        diff = sorted(set(listed) ^ set(made)) or sorted(c for c in listed if listed[c] != made.get(c))
        raise _refuse(
            "(file)",
            f"the comparisons block and the makeCluster/makeNode commands disagree on clusters or nodes: {diff[:5]}",
        )
    if any(len(nodes) != len(set(nodes)) for nodes in cmp.node_names):
        raise _refuse("(file)", "the comparisons block lists a node twice")
    index = {c: i for i, c in enumerate(cmp.cluster_names)}
    declared = {(index[a], index[b]) for a, b in p.links}
    if declared != cmp.cluster_links:
        raise _refuse("(file)", "the connectClusters commands and the cluster connection matrix disagree")


def load_sdmod(source: str | Path | bytes, filename: str | None = None) -> Model:
    """Convert and validate a Super Decisions file; see :func:`sdmod_to_dict`.

    Examples
    --------
    >>> m = load_sdmod("tests/fixtures/sdmod/two_cluster_feedback.sdmod")
    >>> m.control_criteria, [c.id for c in m.clusters]
    (('network',), ['criteria', 'options'])
    """
    return load_model(sdmod_to_dict(source, filename))

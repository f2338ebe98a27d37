"""Reading the Tcl structure of a Super Decisions ``.sdmod`` file: clusters, nodes, links, settings.

The script is parsed by :mod:`anp_core.tcl_lite` (nothing is ever run) and
walked command by command, resolving ``set`` variables. ``makeCluster`` and
``makeNode`` give the clusters and nodes (names and descriptions),
``connectClusters`` the cluster links, ``catch {limitPowerOptions ...}`` the
limit type, and the text after ``c-network readAllCompares`` is kept for
:mod:`anp_core.sdmod_compares`. Which commands are accepted, ignored or
refused is in :mod:`anp_core.sdmod_rules`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from anp_core.model_file import MAX_FILE_BYTES
from anp_core.sdmod_rules import (
    DISPLAY_COMMANDS,
    MAX_CLUSTERS,
    MAX_ELEMENTS,
    MAX_VARS,
    TCL_DANGEROUS,
    UNSUPPORTED,
    refuse,
    unsupported,
)
from anp_core.tcl_lite import Command, Word, parse_script

__all__ = ["ParsedScript", "ScriptCluster", "read_script"]

_NET = "\x00net"  # value of $net: the (only) network handle
_TOP_NET = "\x00top_net"


@dataclass
class ScriptCluster:
    """A cluster as ``makeCluster`` and ``makeNode`` define it."""

    name: str
    description: str
    nodes: list[tuple[str, str]] = field(default_factory=list)  # (name, description)


@dataclass
class ParsedScript:
    """What the script defines, before the comparisons block is decoded."""

    clusters: dict[str, ScriptCluster] = field(default_factory=dict)
    node_cluster: dict[str, str] = field(default_factory=dict)
    links: set[tuple[str, str]] = field(default_factory=set)
    compares: tuple[str, int] | None = None  # (block text, first line)
    limit_options: tuple[str, ...] | None = None
    direct_mults: list[tuple[str, str, str]] = field(default_factory=list)
    version: str = ""
    notes: list[str] = field(default_factory=list)


def read_script(text: str) -> ParsedScript:
    """Return what a ``.sdmod`` script defines; run nothing.

    Parameters
    ----------
    text : str
        The file's text, with Unix line ends.

    Raises
    ------
    TclSyntaxError
        The text is not a well-formed Tcl script.
    ModelValidationError
        A command is unknown, dangerous, or uses a feature that cannot be
        mapped; a variable is used before it is set; a definition is
        repeated or over a limit. The message names the line.
    """
    return _Executor().run(parse_script(text))


class _Executor:
    """Walks the parsed commands, resolving ``set`` variables; runs nothing."""

    def __init__(self) -> None:
        self.vars: dict[str, str] = {"net": _NET}
        self.out = ParsedScript()

    def value(self, word: Word, line: int) -> str:
        pieces: list[str] = []
        size = 0
        for part in word.parts:
            if part.kind == "text":
                piece = part.value
            elif part.kind == "var":
                if part.value not in self.vars:
                    raise refuse(f"line {line}", f"variable ${part.value[:40]} is used before it is set")
                piece = self.vars[part.value]
            else:
                piece = self._substitution(part.value, line)
            size += len(piece)
            if size > MAX_FILE_BYTES:
                raise refuse(
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
        if head in UNSUPPORTED:
            raise unsupported(head, f"line {line}")
        raise refuse(
            f"line {line}",
            f"command substitution [{head[:40]} ...] is not allowed in a model file (nothing is run)",
        )

    def args(self, cmd: Command) -> list[str]:
        return [self.value(w, cmd.line) for w in cmd.words[1:]]

    def need(self, cmd: Command, args: list[str], n: int, *, net_first: bool = True) -> None:
        if len(args) != n:
            raise refuse(f"line {cmd.line}", f"{cmd.name} takes {n} arguments, got {len(args)}")
        if net_first and args[0] != _NET:
            raise refuse(
                f"line {cmd.line}",
                f"{cmd.name} refers to another network than the model's own: subnetworks are not supported",
            )

    def run(self, commands: list[Command]) -> ParsedScript:
        for cmd in commands:
            self.command(cmd)
        return self.out

    def command(self, cmd: Command) -> None:
        name = cmd.name
        where = f"line {cmd.line}"
        if not name:
            raise refuse(where, "a command name must be plain text")
        if name == "set":
            self._set(cmd)
        elif name in DISPLAY_COMMANDS:
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
                    raise refuse(where, f"connectClusters names an unknown cluster {c!r}")
            self.out.links.add((args[1], args[2]))
        elif name == "setNodeCompareDirectMult":
            args = self.args(cmd)
            self.need(cmd, args, 4)
            self.out.direct_mults.append((args[1], args[2], args[3]))
        elif name == "setFormulaType":
            args = self.args(cmd)
            self.need(cmd, args, 2)
            if args[1].strip() != "0":
                raise refuse(
                    where,
                    f"synthesis formula type {args[1]!r} (used to combine subnetworks) is not supported",
                )
        elif name == "catch":
            self._catch(cmd)
        elif name == "c-network":
            self._compares(cmd)
        elif name == "ratings":
            self._ratings(cmd)
        elif name in UNSUPPORTED:
            raise unsupported(name, where)
        elif name in TCL_DANGEROUS:
            raise refuse(
                where,
                f"Tcl command {name!r} is not part of a Super Decisions model file: refused (nothing is run)",
            )
        elif "direct" in name.lower():
            raise refuse(where, f"{name}: direct-data entry is not supported; use pairwise comparisons")
        else:
            shown = name if len(name) <= 40 else name[:40] + "..."
            raise refuse(
                where,
                f"unknown command {shown!r}: only the commands Super Decisions writes for a "
                "single network are read",
            )

    def _set(self, cmd: Command) -> None:
        if len(cmd.words) == 2:
            self.args(cmd)
            return
        if len(cmd.words) != 3:
            raise refuse(f"line {cmd.line}", f"set takes 1 or 2 arguments, got {len(cmd.words) - 1}")
        var = self.value(cmd.words[1], cmd.line)
        val = self.value(cmd.words[2], cmd.line)
        if var == "net":
            raise refuse(
                f"line {cmd.line}",
                "the file switches to another network (set net ...): subnetworks are not supported",
            )
        if var not in self.vars and len(self.vars) >= MAX_VARS:
            raise refuse(f"line {cmd.line}", f"more than {MAX_VARS:,} variables")
        self.vars[var] = val
        if var == "SAVED_WITH_VERSION":
            self.out.version = val.split(" made on", 1)[0].strip()[:60]

    def _make_cluster(self, name: str, desc: str, line: int) -> None:
        if name in self.out.clusters:
            raise refuse(f"line {line}", f"cluster {name!r} is defined twice")
        if len(self.out.clusters) >= MAX_CLUSTERS:
            raise refuse(f"line {line}", f"more than {MAX_CLUSTERS} clusters")
        self.out.clusters[name] = ScriptCluster(name, desc)

    def _make_node(self, cluster: str, name: str, desc: str, line: int) -> None:
        if cluster not in self.out.clusters:
            raise refuse(f"line {line}", f"node {name!r} is put in an unknown cluster {cluster!r}")
        if name in self.out.node_cluster:
            raise refuse(f"line {line}", f"node {name!r} is defined twice")
        nodes = self.out.clusters[cluster].nodes
        if len(nodes) >= MAX_ELEMENTS:
            raise refuse(f"line {line}", f"cluster {cluster!r} has more than {MAX_ELEMENTS} nodes")
        nodes.append((name, desc))
        self.out.node_cluster[name] = cluster

    def _catch(self, cmd: Command) -> None:
        where = f"line {cmd.line}"
        if len(cmd.words) != 2 or not cmd.words[1].braced:
            raise refuse(where, "catch is only accepted around limitPowerOptions")
        inner = parse_script(cmd.words[1].literal or "", cmd.line)
        if len(inner) != 1 or inner[0].name != "limitPowerOptions":
            raise refuse(where, "catch is only accepted around limitPowerOptions")
        args = self.args(inner[0])
        self.need(inner[0], args, 3)
        if args[1].strip() != "2" or args[2].strip() not in {"0", "1"}:
            raise refuse(
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
            raise refuse(f"line {cmd.line}", "c-network is only accepted as readAllCompares of the model")
        if self.out.compares is not None:
            raise refuse(f"line {cmd.line}", "the comparisons block appears twice")
        self.out.compares = (args[4], cmd.line)

    def _ratings(self, cmd: Command) -> None:
        args = self.args(cmd)
        if len(args) != 5 or args[0] != "new" or args[2] != _NET or args[3] != "-src":
            raise refuse(f"line {cmd.line}", "ratings is only accepted as 'ratings new' of the model")
        tokens = args[4].split()
        if any(t != "0" for t in tokens):
            head = tokens[0] if tokens else "?"
            raise refuse(
                f"line {cmd.line}",
                f"this is a ratings model ({head} ratings criteria with rated alternatives): "
                "ratings are not supported, only pairwise-comparison networks",
            )

"""What a Super Decisions ``.sdmod`` file may hold: the commands read, ignored and refused, and the limits.

A ``.sdmod`` file is a Tcl script; :mod:`anp_core.sdmod_script` walks it
without running anything. These tables decide what each command is: one that
only sets display properties (its arguments are checked, then ignored), a
Super Decisions feature the model format cannot express (refused, naming the
feature), or a Tcl built-in that would run code, touch files or the network
(refused: never part of a model file). Every refusal is a
:class:`~anp_core.errors.ModelValidationError` naming its line.
"""

from __future__ import annotations

from anp_core.errors import ModelValidationError

__all__ = [
    "DESC_MAX",
    "DISPLAY_COMMANDS",
    "ID_MAX",
    "MAX_CLUSTERS",
    "MAX_ELEMENTS",
    "MAX_VARS",
    "NAME_MAX",
    "TCL_DANGEROUS",
    "UNSUPPORTED",
    "refuse",
    "unsupported",
]

ID_MAX = 64
NAME_MAX = 200
DESC_MAX = 5000
MAX_ELEMENTS = 200
MAX_CLUSTERS = 200
MAX_VARS = 10_000

# Commands that only set display properties; their arguments are not used.
DISPLAY_COMMANDS = frozenset(
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
UNSUPPORTED = {
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
TCL_DANGEROUS = frozenset(
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


def refuse(where: str, msg: str) -> ModelValidationError:
    """Return the error for one problem at ``where`` (``line N``, a comparison or ``(file)``)."""
    return ModelValidationError([(where, msg)])


def unsupported(name: str, where: str) -> ModelValidationError:
    """Return the refusal of the Super Decisions feature that command ``name`` (a key of :data:`UNSUPPORTED`) uses."""
    return refuse(
        where,
        f"{name}: this file uses {UNSUPPORTED[name]}, which cannot be imported; "
        "only single-network Super Decisions models are supported",
    )

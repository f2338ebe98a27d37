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

The result is one control criterion ``network`` whose comparisons are the
file's, in the file's matrix order (:mod:`anp_core.sdmod_mapping` says how).

The work is done in :mod:`anp_core.sdmod_rules` (commands accepted, ignored
and refused; limits), :mod:`anp_core.sdmod_script` (the Tcl structure),
:mod:`anp_core.sdmod_compares` (the comparisons block) and
:mod:`anp_core.sdmod_mapping` (the model format).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from anp_core.model_file import Model, load_model, read_source
from anp_core.sdmod_mapping import CRITERION_ID, model_dict
from anp_core.sdmod_rules import refuse
from anp_core.sdmod_script import read_script
from anp_core.tcl_lite import TclSyntaxError

__all__ = ["CRITERION_ID", "load_sdmod", "sdmod_to_dict"]


def _decode(raw: bytes) -> tuple[str, str | None]:
    if b"\x00" in raw:
        raise refuse("(file)", "this is a binary file, not a Super Decisions .sdmod text file")
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
    fname = filename or ("model.sdmod" if isinstance(source, bytes) else Path(source).name)
    raw = read_source(source)
    text, enc_note = _decode(raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "makeCluster" not in text and "readAllCompares" not in text:
        raise refuse("(file)", "this is not a Super Decisions model file (no makeCluster, no comparisons)")
    try:
        parsed = read_script(text)
    except TclSyntaxError as exc:
        raise refuse("(file)", f"not a well-formed .sdmod file: {exc}") from None
    if enc_note:
        parsed.notes.append(enc_note)
    return model_dict(parsed, fname)


def load_sdmod(source: str | Path | bytes, filename: str | None = None) -> Model:
    """Convert and validate a Super Decisions file; see :func:`sdmod_to_dict`.

    Examples
    --------
    >>> m = load_sdmod("tests/fixtures/sdmod/two_cluster_feedback.sdmod")
    >>> m.control_criteria, [c.id for c in m.clusters]
    (('network',), ['criteria', 'options'])
    """
    return load_model(sdmod_to_dict(source, filename))

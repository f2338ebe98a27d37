"""A model and its results as one Excel workbook, and a model back from it.

Written with openpyxl. The workbook has two kinds of sheets:

* **model sheets**, read back by :func:`workbook_to_dict`: ``Model`` (id,
  name, description and the other top-level fields as JSON text), ``Criteria``,
  ``Clusters`` (one row per node) and ``Judgments`` (every pairwise matrix:
  a ``comparison`` row with kind, criterion, wrt, cluster and note, a row of
  element ids, then one row per element; an empty cell is a missing
  judgment; a judgment may be typed as a number or a fraction such as
  ``1/3``; a blank below the diagonal is filled with the reciprocal);
* **result sheets**, written only: ``Results`` (composite weights, ranks and
  the per-criterion priorities), for each control criterion its unweighted
  (``U``), cluster (``C``), weighted (``W``) and limit (``L``) matrices, and
  the sensitivity tables of :mod:`anp_core.sensitivity` (``Sensitivity``,
  ``Tornado``) when there are two criteria or more.

Reading is defensive (the sheets are an upload): the file is at most 5 MB,
the zip archive is checked before openpyxl opens it (members, uncompressed
size, XML entity declarations), openpyxl parses XML through defusedxml
(installed as a dependency), sheets are read with ``data_only=True`` and a
formula anywhere in a model sheet is refused (formulas are never evaluated),
and sheets, rows and cells are limited. Every problem names its sheet and
cell.

This module is the entry point; the work is done in
:mod:`anp_core.excel_layout` (sheets and columns),
:mod:`anp_core.excel_write` (writing), :mod:`anp_core.excel_read`
(reading) and :mod:`anp_core.excel_guard` (the safety checks and limits).
"""

from __future__ import annotations

from anp_core.excel_guard import (
    MAX_CELLS,
    MAX_MEMBERS,
    MAX_RATIO,
    MAX_ROWS,
    MAX_SHEETS,
    MAX_UNCOMPRESSED,
)
from anp_core.excel_layout import FORMAT_MARKER, FORMAT_VERSION, MODEL_SHEETS
from anp_core.excel_read import load_workbook_model, workbook_to_dict
from anp_core.excel_write import model_to_workbook, results_csv, results_frame

__all__ = [
    "FORMAT_MARKER",
    "FORMAT_VERSION",
    "MAX_CELLS",
    "MAX_MEMBERS",
    "MAX_RATIO",
    "MAX_ROWS",
    "MAX_SHEETS",
    "MAX_UNCOMPRESSED",
    "MODEL_SHEETS",
    "load_workbook_model",
    "model_to_workbook",
    "results_csv",
    "results_frame",
    "workbook_to_dict",
]

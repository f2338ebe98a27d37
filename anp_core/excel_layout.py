"""The model workbook's layout, shared by its writer and its reader.

The format marker and version written on the ``Model`` sheet, the sheets
read back as a model, the columns of the ``Criteria``, ``Clusters`` and
``Judgments`` sheets, and which fields of each item have a column of their
own (the other fields travel as JSON in its ``more`` column). See
:mod:`anp_core.excel` for the whole workbook.
"""

from __future__ import annotations

__all__ = [
    "CLUSTER_COLUMNS",
    "CLUSTER_FIELDS",
    "COMPARISON_FIELDS",
    "CRITERIA_COLUMNS",
    "FORMAT_MARKER",
    "FORMAT_VERSION",
    "JUDGMENT_COLUMNS",
    "MODEL_SHEETS",
    "NODE_FIELDS",
    "SHEET_WIDTHS",
    "TABLE_KEYS",
]

FORMAT_MARKER = "anp_core model workbook"
FORMAT_VERSION = 1
MODEL_SHEETS = ("Model", "Criteria", "Clusters", "Judgments")
#: The model sheets with the columns read from each; wider cells are ignored.
SHEET_WIDTHS = {"Model": 2, "Criteria": 12, "Clusters": 16, "Judgments": 205}
#: Top-level model fields written on a sheet of their own (the others go on ``Model`` as JSON).
TABLE_KEYS = frozenset(
    {
        "schema_version",
        "id",
        "name",
        "description",
        "criteria",
        "criteria_comparison",
        "clusters",
        "comparisons",
    }
)
CRITERIA_COLUMNS = ("id", "name", "description", "examples", "excluded_reason", "more")
CLUSTER_COLUMNS = (
    "cluster_id",
    "cluster_name",
    "cluster_description",
    "cluster_more",
    "node_id",
    "node_name",
    "node_description",
    "node_more",
)
JUDGMENT_COLUMNS = ("comparison", "kind", "criterion", "wrt", "cluster", "note", "more")
#: Fields of a cluster, a node and a comparison that have a column (or rows) of their own.
CLUSTER_FIELDS = ("id", "name", "description", "nodes")
NODE_FIELDS = ("id", "name", "description")
COMPARISON_FIELDS = ("criterion", "kind", "wrt", "cluster", "note", "elements", "matrix")

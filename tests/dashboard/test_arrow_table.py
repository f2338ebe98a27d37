"""Tables sent to the browser as Arrow tables (dashboard.arrow_table)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
from streamlit import dataframe_util

from dashboard.arrow_table import table


def test_missing_values_are_nulls_as_streamlit_makes_them_from_a_dataframe():
    cols = {
        "name": ["a", None, "c"],
        "weight": np.array([0.5, np.nan, 0.25]),
        "rank": np.arange(3),
        "top": np.array([True, False, True]),
        "note": [None, None, None],
    }
    mine = table(cols)
    theirs = pa.Table.from_pandas(pd.DataFrame(cols), preserve_index=False)
    assert mine.column_names == list(cols)
    assert mine.to_pylist() == theirs.to_pylist()
    assert mine["weight"].null_count == 1
    assert [str(f.type) for f in mine.schema] == ["string", "double", "int64", "bool", "string"]


def test_an_empty_table_keeps_its_columns_and_types():
    t = table({"Weight": np.array([], dtype=float), "What happens": []})
    assert t.num_rows == 0
    assert [str(f.type) for f in t.schema] == ["double", "string"]


def test_streamlit_sends_it_as_it_is():
    t = table({"name": ["经济环境", "<b>x</b>"], "value": np.array([1.0, 2.0])})
    sent = pa.ipc.open_stream(dataframe_util.convert_anything_to_arrow_bytes(t)).read_all()
    assert sent.equals(t)  # names are data: nothing escaped, nothing lost

"""Tables the pages send to the browser, built as Arrow tables (no pandas on the way).

Streamlit sends every table (``st.dataframe``, a Vega-Lite chart's data) to
the browser in Arrow's format. Handed a pandas DataFrame, it converts it
first (``pyarrow.Table.from_pandas``); a :class:`pyarrow.Table` goes out as
it is. For a table of the Sensitivity page (84 rows, 11 columns) building the
DataFrame and converting it took 1.08 ms, building the Arrow table and
sending it 0.11 ms (``benchmarks/RESULTS.md``, section 5, has the page's
figures). Tests read a table through ``to_pandas()``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pyarrow as pa

__all__ = ["table"]


def table(columns: Mapping[str, Any]) -> pa.Table:
    """Return an Arrow table of ``columns`` (name -> a list or a 1-D array), in their order.

    Missing values (``None``, and ``NaN`` in a float column) are nulls, as
    Streamlit's conversion of a DataFrame makes them; a column without any
    value is a column of text.

    Examples
    --------
    >>> import numpy as np
    >>> t = table({"name": ["a", None], "weight": np.array([0.5, np.nan]), "note": [None, None]})
    >>> t.to_pydict()
    {'name': ['a', None], 'weight': [0.5, None], 'note': [None, None]}
    >>> [str(f.type) for f in t.schema]
    ['string', 'double', 'string']
    """
    arrays = []
    for values in columns.values():
        array = pa.array(values, from_pandas=True)
        arrays.append(array.cast(pa.string()) if pa.types.is_null(array.type) else array)
    return pa.Table.from_arrays(arrays, names=list(columns))

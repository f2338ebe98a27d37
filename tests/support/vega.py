"""Vega-Lite checks shared by the chart-builder tests: the spec is what Streamlit's frontend can draw."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import altair
import jsonschema


@cache
def vega_lite_schema() -> dict[str, Any]:
    """The Vega-Lite 6 JSON schema that altair ships (Streamlit's frontend draws with Vega-Lite 6)."""
    path = Path(altair.__file__).parent / "vegalite" / "v6" / "schema" / "vega-lite-schema.json"
    return json.loads(path.read_text("utf-8"))


@cache
def _validator() -> Any:
    # jsonschema.validate checks the 1.7 MB schema itself on every call (about 0.3 s); once is enough
    schema = vega_lite_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def valid_vega_lite(chart: Any) -> None:
    """Assert that ``chart`` (a ``dashboard.vega_charts.VegaChart``), its data inline, is valid Vega-Lite 6.

    An unknown property fails here; Vega-Lite itself would drop it without a word.
    """
    _validator().validate({**chart.spec, "data": {"values": chart.data.to_pylist()}})

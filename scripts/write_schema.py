"""Write data/schema/anp-model.v1.schema.json from the pydantic model.

Run ``python -m scripts.write_schema``; a test checks the committed file.
"""

from __future__ import annotations

import json
from pathlib import Path

from anp_core.model_file import json_schema

OUT = Path(__file__).resolve().parent.parent / "data" / "schema" / "anp-model.v1.schema.json"


def main() -> None:
    """Write the schema file."""
    OUT.write_text(json.dumps(json_schema(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT.name}")


if __name__ == "__main__":
    main()

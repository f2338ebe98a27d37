"""Write the JSON Schemas of the model format and of its drafts from the pydantic classes.

Run ``python -m scripts.write_schema``; a test checks the committed files.
"""

from __future__ import annotations

import json
from pathlib import Path

from anp_core.draft import Draft
from anp_core.model_file import json_schema

FOLDER = Path(__file__).resolve().parent.parent / "data" / "schema"
OUT = FOLDER / "anp-model.v1.schema.json"
DRAFT_OUT = FOLDER / "anp-draft.v1.schema.json"


def main() -> None:
    """Write the schema files."""
    for path, schema in ((OUT, json_schema()), (DRAFT_OUT, Draft.model_json_schema())):
        path.write_text(json.dumps(schema, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {path.name}")


if __name__ == "__main__":
    main()

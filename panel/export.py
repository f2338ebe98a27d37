"""A panel as one JSON document (``format: anp-panel``, version 1): settings, model, experts and answers.

Experts appear by name and weight, never with their token; each answer
names its matrix by key and its pair by element ids.
"""

from __future__ import annotations

import json
from typing import Any

from anp_core import dump_model
from panel.records import PanelState

__all__ = ["export_dict"]


def export_dict(st: PanelState) -> dict[str, Any]:
    """Return a panel state as the JSON export format (``format: anp-panel``, version 1)."""
    p = st.panel
    return {
        "format": "anp-panel",
        "version": 1,
        "panel": {
            "id": p.public_id,
            "name": p.name,
            "intro": p.intro,
            "method": p.method,
            "created_at": p.created_at.isoformat(),
            "deadline": p.deadline.isoformat() if p.deadline else None,
            "closed_at": p.closed_at.isoformat() if p.closed_at else None,
        },
        "model": json.loads(dump_model(st.model)),
        "matrices": [
            {"key": m.key, "title": m.spec.title, "elements": list(m.spec.elements)} for m in st.matrices
        ],
        "experts": [
            {
                "name": e.name,
                "weight": e.weight,
                "answers": [
                    {
                        "matrix": a.matrix.key,
                        "submitted_at": a.submitted_at.isoformat() if a.submitted_at else None,
                        "judgments": [
                            {"row": a.matrix.spec.elements[i], "col": a.matrix.spec.elements[j], "value": v}
                            for (i, j), v in sorted(a.answers.items())
                        ],
                    }
                    for (eid, _mid), a in sorted(st.assignments.items(), key=lambda kv: kv[1].matrix.position)
                    if eid == e.id
                ],
            }
            for e in st.experts
        ],
    }

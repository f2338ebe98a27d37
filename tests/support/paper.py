"""Facts of the bundled paper model the tests compare against (paper 000, Table 2)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODEL_PATH = ROOT / "data" / "models" / "cbec_trade_war.json"
TABLE2_PATH = ROOT / "data" / "paper" / "table2.csv"
RECOMMENDATIONS_PATH = ROOT / "data" / "paper" / "recommendations.json"

#: The control criteria, in the model's order.
CRITERIA = ["policy", "economic", "political", "technological", "socio_cultural"]
#: Their weights as printed in Table 2 (the model's own weights return them).
PAPER = {
    "policy": 0.422,
    "economic": 0.242,
    "political": 0.181,
    "technological": 0.106,
    "socio_cultural": 0.049,
}

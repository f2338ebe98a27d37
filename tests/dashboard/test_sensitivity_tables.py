"""The Sensitivity page's tables (dashboard.sensitivity_tables)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from anp_core.sensitivity import crossings, top_change_thresholds
from dashboard import sensitivity_tables
from tests.support.paper import CRITERIA


def test_short_criterion_names_keep_the_full_name():
    assert (
        sensitivity_tables.short_criterion_name("Socio-cultural environment") == "socio-cultural environment"
    )
    assert sensitivity_tables.short_criterion_name("Crit 1") == "crit 1"
    assert sensitivity_tables.short_criterion_name("Crit 2") == "crit 2"  # not cut to their first word
    assert sensitivity_tables.short_criterion_name("RCEP  rules") == "RCEP rules"
    assert sensitivity_tables.short_criterion_name("经济环境") == "经济环境"


def test_crossing_table_sentences_and_moves(ev, names):
    cross = crossings(ev, "economic")
    table = sensitivity_tables.crossing_table(
        cross, names, "economic", 0.242, ["government_regulation"]
    ).to_pandas()
    assert len(table) == len(cross) == 52  # exact count; the two ties at weight 1 are not crossings
    assert list(table["What happens"]) == [c.sentence(names, "economic") for c in cross]
    np.testing.assert_allclose(table["Move"], table["Weight"] - 0.242)
    gr_rows = table[
        (table["Rises above"] == "Government regulation") | (table["Falls below"] == "Government regulation")
    ]
    assert gr_rows["Top factor involved"].all()
    assert table["Top factor involved"].sum() == len(gr_rows)


def test_threshold_table_picks_the_nearer_change(ev):
    frames = pd.concat([top_change_thresholds(ev, c) for c in CRITERIA], ignore_index=True)
    t = sensitivity_tables.threshold_table(frames.to_dict("records"), {c: c for c in CRITERIA})
    assert t.column_names[0] == "Criterion"
    t = t.to_pandas().set_index("Criterion")
    assert list(t.index) == CRITERIA
    assert list(t.columns) == ["Current weight"] + [
        f"Top {k}: {x}" for k in (1, 3, 5) for x in ("move", "at")
    ]
    for _, r in frames.iterrows():
        row = t.loc[r["criterion"]]
        move, at = row[f"Top {r['top']}: move"], row[f"Top {r['top']}: at"]
        assert abs(move) == pytest.approx(r["smallest_change"])
        assert at == pytest.approx(r["current"] + move)
    assert t.loc["political", "Top 1: at"] == pytest.approx(0.1021, abs=5e-5)


def test_crossing_table_names_its_columns_in_the_language(ev, names):
    cross = crossings(ev, "economic")
    en = sensitivity_tables.crossing_table(cross, names, "economic", 0.242).to_pandas()
    zh = sensitivity_tables.crossing_table(cross, names, "经济环境", 0.242, lang="zh").to_pandas()
    assert "权重" in zh.columns
    assert "What happens" not in zh.columns
    assert len(zh.columns) == len(en.columns) == 6
    np.testing.assert_allclose(zh.iloc[:, 0], en["Weight"])
    assert all("经济环境" in s for s in zh.iloc[:, 1])


def test_threshold_table_keeps_two_criteria_that_share_a_name() -> None:
    """Display names need not be unique: each criterion keeps its own row (they were merged into one)."""
    t = [
        {"criterion": "a", "top": 1, "current": 0.2, "change_above": 0.5, "change_below": 0.1},
        {"criterion": "b", "top": 1, "current": 0.6, "change_above": 0.7, "change_below": 0.1},
    ]
    rows = sensitivity_tables.threshold_table(t, {"a": "Market", "b": "Market"}).to_pylist()
    assert rows == [
        {"Criterion": "Market", "Current weight": 0.2, "Top 1: move": pytest.approx(-0.1), "Top 1: at": 0.1},
        {"Criterion": "Market", "Current weight": 0.6, "Top 1: move": pytest.approx(0.1), "Top 1: at": 0.7},
    ]

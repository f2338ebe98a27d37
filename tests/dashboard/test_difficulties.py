"""Difficulties a paper names for a model's factors (dashboard.difficulties): read, matched by node id, tabled."""

from __future__ import annotations

import json

import pytest

from anp_core import evaluate, load_model
from dashboard import difficulties
from tests.support.dashboard_models import feedback_model
from tests.support.paper import ROOT

FILE = ROOT / "data" / "paper" / "difficulties_003.json"


@pytest.fixture(scope="module")
def bundled():
    return difficulties.bundled()


def test_the_bundled_file_reads_without_problems(bundled):
    assert bundled.problems == ()
    (s,) = bundled.sets
    assert s.paper == "003"
    assert [d.title for d in s.difficulties] == [
        "Logistics bottleneck",
        "Talent shortage",
        "Policy coordination",
    ]


def test_every_link_of_the_paper_model_matches_with_its_words(bundled, paper_model):
    data = json.loads(FILE.read_text(encoding="utf-8"))
    matches = difficulties.matching(bundled.sets, paper_model)
    got = {(m.difficulty.id, link.factor, link.evidence) for m in matches for link in m.links}
    expected = {(d["id"], f["id"], f["evidence"]) for d in data["difficulties"] for f in d["factors"]}
    assert got == expected
    notes = difficulties.notes(matches)
    assert notes["government_regulation"] == "Policy coordination"
    assert notes["overseas_warehouses"] == "Logistics bottleneck"
    assert set(notes) == {f for _, f, _ in expected}


def test_a_model_sharing_no_node_id_gets_nothing(bundled):
    """Data-driven: nothing is shown for a model the file does not name (issue 12)."""
    assert difficulties.matching(bundled.sets, feedback_model()) == []
    for path in sorted((ROOT / "data" / "models" / "examples").glob("*.json")):
        assert difficulties.matching(bundled.sets, load_model(path)) == [], path.name


def test_a_model_naming_some_of_the_nodes_gets_only_those(bundled, paper_model):
    keep = {"credit_risk"}  # government regulation, consumer complaints, platform supervision, insurance
    m = paper_model.model_copy(update={"clusters": tuple(c for c in paper_model.clusters if c.id in keep)})
    ids = set(m.node_ids)
    matches = difficulties.matching(bundled.sets, m)
    assert {link.factor for x in matches for link in x.links} == {
        "government_regulation",
        "consumer_complaints",
    } & ids
    assert all(link.factor in ids for x in matches for link in x.links)


def test_table_gives_the_current_rank_and_weight(bundled, paper_model):
    ev = evaluate(paper_model, {"political": 1.0})
    frame = difficulties.table(difficulties.matching(bundled.sets, paper_model), ev)
    row = frame[frame["Factor"] == "Government regulation"].iloc[0]
    assert row["Difficulty"] == "Policy coordination"
    assert row["Rank"] == int(ev.ranks["government_regulation"])
    assert row["Composite"] == pytest.approx(ev.composite["government_regulation"])
    assert row["Link"] == "direct"
    assert row["Paper"] == "003"


def test_titles_in_chinese_where_the_file_translates_them(bundled, paper_model):
    (s,) = bundled.sets
    assert [d.title_in("zh") for d in s.difficulties] == ["物流瓶颈", "人才短缺", "政策协调"]
    assert [d.title_in("fr") for d in s.difficulties] == [d.title for d in s.difficulties]
    matches = difficulties.matching(bundled.sets, paper_model)
    assert difficulties.notes(matches, lang="zh")["overseas_warehouses"] == "物流瓶颈"
    frame = difficulties.table(
        matches, evaluate(paper_model), lang="zh", strengths={"direct": "直接", "indirect": "间接"}
    )
    row = frame[frame["Factor"] == paper_model.label("government_regulation", "zh")].iloc[0]
    assert (row["Difficulty"], row["Link"]) == ("政策协调", "直接")


def _one(**extra):
    item = {"id": "d", "title": "T", "quote": "q", "factors": [], **extra}
    return {"paper": "1", "citation": "c", "difficulties": [item]}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "must hold a JSON object"),
        (_one(translations=[]), "'translations' must be an object"),
        (_one(translations={"zh": "x"}), r"translations\.zh must be an object"),
        (_one(translations={"zh": {"title": ""}}), "'title' must be non-empty text"),
        ({"paper": "1", "citation": "c"}, "'difficulties' must be a list"),
        ({"paper": "1", "citation": "c", "difficulties": [1]}, r"difficulties\[0\] must be an object"),
        (
            {
                "paper": "1",
                "citation": "c",
                "difficulties": [{"id": "d", "title": "T", "quote": "q", "factors": {}}],
            },
            "'factors' must be a list",
        ),
        (
            {
                "paper": "1",
                "citation": "c",
                "difficulties": [
                    {
                        "id": "d",
                        "title": "T",
                        "quote": "q",
                        "factors": [{"id": "a", "strength": "huge", "evidence": "e"}],
                    }
                ],
            },
            "'strength' must be 'direct' or 'indirect'",
        ),
        ({"paper": "", "citation": "c", "difficulties": []}, "'paper' must be non-empty text"),
    ],
)
def test_malformed_files_are_refused_with_what_is_wrong(data, message):
    with pytest.raises(ValueError, match=message):
        difficulties.parse(data)


def test_unreadable_files_are_reported_not_raised(tmp_path):
    (tmp_path / "difficulties_bad.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "difficulties_big.json").write_bytes(b" " * (difficulties.MAX_BYTES + 1))
    (tmp_path / "other.json").write_text("{}", encoding="utf-8")  # not a difficulties file: not read
    loaded = difficulties.bundled(tmp_path)
    assert loaded.sets == ()
    assert [name for name, _ in loaded.problems] == ["difficulties_bad.json", "difficulties_big.json"]
    assert "not valid JSON" in loaded.problems[0][1]
    assert "over" in loaded.problems[1][1]

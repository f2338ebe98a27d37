"""Model page view builders (dashboard.workbench_views): pure functions, no Streamlit."""

from __future__ import annotations

import json

import numpy as np

from anp_core import edit as ed
from anp_core import edit_links as lk
from anp_core.draft import CRITERIA_KEY, to_model
from anp_core.draft_problems import diagnose
from anp_core.evaluate import criterion_network, evaluate
from dashboard.workbench_views import (
    NOT_JUDGED,
    as_judgment,
    column_width,
    comparison_keys,
    comparison_label,
    judgment_label,
    judgment_options,
    limit_table,
    link_edits,
    link_frame,
    link_sources,
    links_in_words,
    plain,
    problem_counts,
    results_table,
    snap,
    source_label,
    templates,
)
from tests.core.test_draft import three_clusters

C = "overall"


def test_plain_defuses_links_images_and_autolinks():
    text = plain("![p](https://evil.example/p.png) [Verify](https://evil.example) www.evil.example *x*")
    assert "](" not in text
    assert "://" not in text.replace("://\u2060", "")  # every scheme separator carries a word joiner
    assert "www." not in text
    assert "\\*x\\*" in text


def test_judgment_options_and_labels():
    opts = judgment_options(None)
    assert opts[0] == NOT_JUDGED
    assert opts[1:] == sorted(opts[1:], reverse=True)
    assert len(opts) == 18
    assert judgment_options(25.0)[1] == 25.0
    assert snap(None) == NOT_JUDGED
    assert snap(1 / 3) == opts[-7]  # exactly the scale option, not a float twin
    assert as_judgment(NOT_JUDGED) is None
    assert as_judgment(3.0) == 3.0
    assert judgment_label(NOT_JUDGED, "A", "B") == "— not judged yet —"
    assert judgment_label(1 / 7, "A", "B") == "B 7 · very strong"
    assert judgment_label(2.5, "A", "B") == "A 2.5 · between scale steps"


def test_link_frame_marks_explicit_links_and_edits_map_back():
    d = lk.set_link(three_clusters(), C, "a1", "c", True).draft
    frame = link_frame(d, C)
    assert list(frame.index) == ["a", "b", "c"]
    per_cluster = ["each:a", "a", "each:b", "b", "each:c", "c"]
    assert list(frame.columns) == link_sources(d, C) == [C, *per_cluster, "a1", "a2", "b1", "b2", "c1", "c2"]
    assert frame.loc["b", "a"]
    assert frame.loc["c", "a1"]
    assert not frame.loc["c", "a2"]
    assert int(frame.to_numpy().sum()) == 5
    edits = link_edits(
        d, C, {0: {"b": True, "nope": True}, "2": {"a1": False}, 9: {"a": True}, 1: {"c": "yes"}}
    )
    assert edits == [("b", "a", True), ("a1", "c", False)]


def test_each_node_source_is_one_matrix_per_node():
    """ "Each node of cluster A" links each node of A with its own matrix; "as a whole" is the shared one."""
    d = three_clusters()
    assert not link_frame(d, C).loc["b", "each:a"]  # A -> B is the shared matrix (wrt cluster a)
    assert link_frame(d, C).loc["b", "a"]
    d = lk.set_link(d, C, "a1", "b", True).draft
    assert not link_frame(d, C).loc["b", "each:a"]  # a2 has no matrix of its own yet
    d = lk.set_link_each(d, C, "a", "b", True).draft
    frame = link_frame(d, C)
    assert frame.loc["b", "each:a"]
    assert frame.loc["b", "a1"]
    assert frame.loc["b", "a2"]
    assert link_edits(d, C, {1: {"each:a": False}}) == [("each:a", "b", False)]


def test_link_column_widths_fit_the_names():
    assert column_width(["Every node, shared"]) > column_width(["Every node"]) >= 60
    long = "Digital infrastructure and cross-border payment settlement"
    assert column_width([long]) >= 8 * len(long)
    assert column_width(["数字基础设施"]) > column_width(["abcdef"])


def test_links_in_words_is_the_figure_text_alternative():
    d = lk.set_compared(three_clusters(), (C, "nodes", "c", "b"), ["b1"]).draft
    d = lk.set_link(d, C, "a1", "a", True).draft
    d = lk.set_link(d, C, C, "b", True).draft
    words = links_in_words(d, C)
    assert words[0] == "B: its nodes are compared with respect to every node"
    assert "A → B: B's nodes compared with respect to every node of A" in words
    assert "inner dependence in A: A's nodes compared with respect to a1 of A" in words


def test_source_labels():
    d = three_clusters()
    assert source_label(d, C, C) == "Every node (all of Overall), one shared matrix"
    assert source_label(d, C, "each:b") == "Each node of cluster B (one matrix per node)"
    assert source_label(d, C, "b") == "Cluster B as a whole (one matrix shared by all its nodes)"
    assert source_label(d, C, "b2") == "Node b2 (B)"


def test_comparison_labels_show_status():
    d = ed.add_criterion(three_clusters(judged=False), "Cost").draft
    keys = comparison_keys(d)
    assert keys[0] == CRITERIA_KEY
    assert len(keys) == 5
    assert comparison_label(d, keys[1]).endswith("· 1 to judge")
    d = lk.set_judgment(d, keys[1], "b1", "b2", 2.0).draft
    assert comparison_label(d, keys[1]).endswith("· done")
    d = ed.add_node(d, "a", "a3").draft
    key = (C, "nodes", "c", "a")
    for (r, c), v in {("a1", "a2"): 5.0, ("a1", "a3"): 1 / 5, ("a2", "a3"): 5.0}.items():
        d = lk.set_judgment(d, key, r, c, v).draft
    label = comparison_label(d, key, diagnose(d).problems)
    assert "CR " in label


def test_limit_and_results_tables_come_from_anp_core(paper_model):
    model = to_model(three_clusters())
    table = limit_table(model, C)
    net = criterion_network(model, C)
    np.testing.assert_allclose(table.loc[list(net.ranked_ids), "Limit priority"], net.priorities)
    assert table["Rank"].tolist() == sorted(table["Rank"].tolist())
    res = results_table(paper_model)
    ev = evaluate(paper_model)
    np.testing.assert_allclose(res.loc[ev.composite.index, "Composite"], ev.composite.to_numpy())
    assert "Policy environment" in res.columns


def test_problem_counts():
    counts = problem_counts(diagnose(three_clusters(judged=False)))
    assert counts == {"blocking": 4, "warning": 0, "info": 1}


def test_templates_lists_model_and_draft_files_and_skips_bad_ones(tmp_path, paper_model):
    good = tmp_path / "ex"
    good.mkdir()
    (good / "b.json").write_text(json.dumps({"name": "Beta", "description": "d"}))
    (good / "a.json").write_text(json.dumps({"name": "Alpha"}))
    (good / "bad.json").write_text("{nope")
    (good / "list.json").write_text("[1]")
    (good / "noname.json").write_text("{}")
    found = templates({"Examples": good, "Missing": tmp_path / "nope"})
    assert [(t.name, t.description, t.group) for t in found] == [
        ("Alpha", "", "Examples"),
        ("Beta", "d", "Examples"),
    ]


def test_templates_read_name_and_description_in_the_language(tmp_path):
    (tmp_path / "a.json").write_text(
        json.dumps(
            {
                "name": "Alpha",
                "description": "Own text.",
                "translations": {
                    "zh": {"name": "甲", "description": "中文说明。"},
                    "fr": {"name": "Alpha FR"},
                },
            }
        ),
        encoding="utf-8",
    )
    (tmp_path / "b.json").write_text(
        json.dumps(
            {
                "name": "货仓",
                "description": "中文",
                "translations": {"en": {"name": "Warehouse", "description": ""}},
            }
        ),
        encoding="utf-8",
    )
    (tmp_path / "c.json").write_text(json.dumps({"name": "Gamma", "translations": "not a mapping"}))

    def read(lang):
        return [(t.name, t.description) for t in templates({"Examples": tmp_path}, lang)]

    assert read("zh") == [("甲", "中文说明。"), ("货仓", "中文"), ("Gamma", "")]
    assert read("fr") == [
        ("Alpha FR", "Own text."),
        ("货仓", "中文"),
        ("Gamma", ""),
    ]  # no description: own text
    assert read("en") == [
        ("Alpha", "Own text."),
        ("Warehouse", "中文"),
        ("Gamma", ""),
    ]  # an empty one falls back
    assert read(None) == [("Alpha", "Own text."), ("货仓", "中文"), ("Gamma", "")]


def test_bundled_templates_and_examples_are_all_named_in_chinese():
    from dashboard.workbench_ui import TEMPLATE_ROOTS

    own = {t.path: t for t in templates(TEMPLATE_ROOTS)}
    zh = templates(TEMPLATE_ROOTS, "zh")
    english = [t for t in zh if t.group in ("Examples", "Templates") and own[t.path].name.isascii()]
    assert len(english) >= 8
    for t in english:  # a Chinese-primary file is already Chinese
        assert t.name != own[t.path].name, t.path
        assert t.description != own[t.path].description, t.path


def test_bundled_templates_open_as_drafts():
    from anp_core.draft import load_draft
    from dashboard.workbench_ui import TEMPLATE_ROOTS

    found = templates(TEMPLATE_ROOTS)
    assert found
    for t in found:
        d, problems = load_draft(t.path)
        assert d.name == t.name
        assert not [p for p in problems if p.severity == "blocking"], t.path

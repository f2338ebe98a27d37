"""AppTest of the Model page: build a network from scratch, judge it, undo/redo, upload, use it."""

from __future__ import annotations

import json

import numpy as np
import pytest

from anp_core import dump_model, load_model
from anp_core.draft import Draft, dump_draft
from anp_core.evaluate import criterion_network
from tests.app.conftest import ROOT, new_app

PAGE = "views/model.py"


def _ok(at):
    assert not at.exception, [e.value for e in at.exception]
    return at


def _button(at, label):
    found = [b for b in at.button if b.label == label]
    assert found, [b.label for b in at.button]
    return found[0]


def _draft(at) -> Draft:
    return at.session_state["wb_draft"]


def _open_page():
    at = _ok(new_app().run())
    return _ok(at.switch_page(PAGE).run())


def _start(at, name="Class network"):
    at.text_input(key="wb_new_model").set_value(name)
    return _ok(_button(at, "Start").click().run())


def _add(at, form_key, name):
    at.text_input(key=f"{form_key}:name").set_value(name)
    label = {"wb_add_cluster": "Add cluster", "wb_add_criterion": "Add criterion"}.get(form_key, "Add node")
    found = [b for b in at.button if b.label == label and form_key in str(b.form_id)]
    assert found, [(b.label, b.form_id) for b in at.button]
    return _ok(found[0].click().run())


def _pick(at, store, value):
    """Choose ``value`` in a selectbox whose choice the page keeps in ``store`` (its key carries wb_rev)."""
    at.selectbox(key=f"{store}:{at.session_state['wb_rev']}").set_value(value)
    return _ok(at.run())


def _section(at, name):
    at.session_state["wb_section"] = name
    return _ok(at.run())


def _build_three_clusters(at):
    """A (a1, a2), B (b1, b2), C (c1, c2); A -> B, B -> C, C -> A and C -> B."""
    at = _start(at)
    for cl in ("A", "B", "C"):
        at = _add(at, "wb_add_cluster", cl)
        cid = cl.lower()
        for k in (1, 2):
            at = _add(at, f"wb_add_node:{cid}", f"{cid}{k}")
    at = _section(at, "Links")
    for wrt, targets in (("a", ["b"]), ("b", ["c"]), ("c", ["a", "b"])):
        at = _pick(at, "wb_link_from", wrt)
        for t in targets:
            rev = at.session_state["wb_rev"]
            at.checkbox(key=f"wb_link:overall:{wrt}:{t}:{rev}").check()
            at = _ok(at.run())
    return at


def _judge_all(at, value=3.0):
    """Judge every missing pair through the page's pair selectboxes."""
    at = _section(at, "Judgments")
    for _ in range(50):
        d = _draft(at)
        todo = [
            (c, i, j)
            for c in d.comparisons
            for i, row in enumerate(c.matrix)
            for j, x in enumerate(row)
            if i < j and x is None
        ]
        if not todo:
            return at
        comp, i, j = todo[0]
        at = _pick(at, "wb_comparison", comp.key)
        ident = "|".join(str(p) for p in comp.key)
        rev = at.session_state["wb_rev"]
        at.selectbox(key=f"wb_pair:{ident}:{i}:{j}:{rev}").set_value(value)
        at = _ok(at.run())
    raise AssertionError("judgments did not complete")


def test_start_panel_shows_without_a_draft():
    at = _open_page()
    assert "wb_draft" not in at.session_state
    labels = [b.label for b in at.button]
    assert "Start" in labels
    assert "Edit the dashboard's model" in labels


def test_build_a_three_cluster_network_from_scratch_and_see_its_limit():
    at = _build_three_clusters(_open_page())
    d = _draft(at)
    assert [c.name for c in d.clusters] == ["A", "B", "C"]
    assert len(d.comparisons) == 4
    blocking = [m.value for m in at.markdown if "Blocks the model" in m.value]
    assert len(blocking) == 4  # one matrix per link, none judged yet
    assert any("primitive" in m.value for m in at.markdown)  # the outlook, from the links alone
    at = _judge_all(at)
    assert not [m.value for m in at.markdown if "Blocks the model" in m.value]
    at = _section(at, "Results")
    (table,) = [t.value for t in at.table if "Limit priority" in t.value.columns]
    model = load_model(dump_model(_model(at)))
    expected = criterion_network(model, "overall").priorities
    got = table.set_index("Node").loc[list(model.node_ids), "Limit priority"].astype(float).to_numpy()
    np.testing.assert_allclose(got, expected, atol=5e-5)  # shown to 4 decimals
    assert any("Limit: primitive" in c.value for c in at.caption)


def _model(at):
    from anp_core.draft import to_model

    return to_model(_draft(at))


def test_undo_and_redo_walk_the_edits():
    at = _start(_open_page())
    at = _add(at, "wb_add_cluster", "A")
    at = _add(at, "wb_add_cluster", "B")
    assert [c.name for c in _draft(at).clusters] == ["A", "B"]
    at = _ok(at.button(key="wb_undo_btn").click().run())
    assert [c.name for c in _draft(at).clusters] == ["A"]
    at = _ok(at.button(key="wb_redo_btn").click().run())
    assert [c.name for c in _draft(at).clusters] == ["A", "B"]
    at = _ok(at.button(key="wb_undo_btn").click().run())
    at = _add(at, "wb_add_cluster", "C")
    assert at.button(key="wb_redo_btn").disabled  # a new edit clears redo


def test_refused_edit_says_why_and_changes_nothing():
    at = _start(_open_page())
    at = _add(at, "wb_add_cluster", "Logistics")
    before = _draft(at)
    at = _add(at, "wb_add_cluster", "logistics")
    assert _draft(at) is before
    assert any("already a cluster named" in e.value for e in at.error)


def test_rename_and_delete_with_what_was_removed():
    at = _build_three_clusters(_open_page())
    at = _section(at, "Structure")
    rev = at.session_state["wb_rev"]
    at.text_input(key=f"wb_name:b:{rev}").set_value("Beta")
    at = _ok(at.run())
    assert _draft(at).label("b") == "Beta"
    rev = at.session_state["wb_rev"]
    at = _ok(at.button(key=f"wb_del:b:{rev}").click().run())
    assert "b" not in {c.id for c in _draft(at).clusters}
    text = " ".join(s.value for s in at.success)
    assert "Deleted cluster Beta and its 2 nodes" in text
    assert "Removed 3 comparisons" in text


def test_inconsistent_matrix_is_listed_with_a_one_click_repair():
    at = _build_three_clusters(_open_page())
    at = _section(at, "Structure")
    at = _add(at, "wb_add_node:a", "a3")
    at = _judge_all(at)
    d = _draft(at)
    key = ("overall", "nodes", "c", "a")
    from anp_core import PairwiseMatrix
    from anp_core import edit_links as lk
    from anp_core.draft import matrix_of

    for (r, c), v in {("a1", "a2"): 5.0, ("a1", "a3"): 1 / 5, ("a2", "a3"): 5.0}.items():
        d = lk.set_judgment(d, key, r, c, v).draft
    at.session_state["wb_draft"] = d
    at = _ok(at.run())
    before = PairwiseMatrix(matrix_of(d, key)[1]).cr
    assert before > 0.10
    # outside text is escaped markdown (dashboard.text.plain): "CR = " arrives as "CR \\= "
    assert any("CR \\= " in m.value and "Warning" in m.value for m in at.markdown)
    repair = [b for b in at.button if b.label.startswith("Apply:")]
    assert len(repair) == 1
    at = _ok(repair[0].click().run())
    after = PairwiseMatrix(matrix_of(_draft(at), key)[1]).cr
    assert after < before
    assert not [b for b in at.button if b.label.startswith("Apply:")] or after > 0.10
    at = _ok(at.button(key="wb_undo_btn").click().run())
    assert _draft(at) == d
    # the same repairs on the Judgments section, best first
    at = _section(at, "Judgments")
    at = _pick(at, "wb_comparison", key)
    fixes = [b for b in at.button if b.key and b.key.startswith("wb_fix:")]
    assert fixes
    assert "CR" in fixes[0].label


def test_link_matrix_editor_links_and_unlinks():
    at = _build_three_clusters(_open_page())
    at = _section(at, "Links")
    rev = at.session_state["wb_rev"]
    # row 0 is cluster A: compare A's nodes with respect to every node, and stop comparing them w.r.t. C
    at.session_state[f"wb_link_matrix:overall:{rev}"] = {
        "edited_rows": {0: {"overall": True, "c": False}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at = _ok(at.run())
    keys = set(_draft(at).comparison_by_key)
    assert ("overall", "nodes", "overall", "a") in keys
    assert ("overall", "nodes", "c", "a") not in keys
    at = _ok(at.button(key="wb_undo_btn").click().run())
    keys = set(_draft(at).comparison_by_key)
    assert ("overall", "nodes", "c", "a") in keys  # both changes were one edit
    assert ("overall", "nodes", "overall", "a") not in keys


def test_cluster_comparison_toggle_and_nodes_compared():
    at = _build_three_clusters(_open_page())
    at = _section(at, "Links")
    at = _pick(at, "wb_link_from", "c")
    rev = at.session_state["wb_rev"]
    at.toggle(key=f"wb_ccomp:overall:c:{rev}").set_value(True)
    at = _ok(at.run())
    comp = _draft(at).comparison_by_key[("overall", "clusters", "c", None)]
    assert comp.elements == ("a", "b")
    at = _section(at, "Judgments")
    key = ("overall", "nodes", "a", "b")
    at = _pick(at, "wb_comparison", key)
    rev = at.session_state["wb_rev"]
    at.multiselect(key=f"wb_compared:overall|nodes|a|b:{rev}").set_value(["b2"])
    at = _ok(at.run())
    assert _draft(at).comparison_by_key[key].elements == ("b2",)
    assert any("now compares b2" in m.value and "involving b1 were removed" in m.value for m in at.success)


def test_two_criteria_weighted_and_composite():
    at = _build_three_clusters(_open_page())
    at = _judge_all(at)
    at = _section(at, "Structure")
    at = _add(at, "wb_add_criterion", "Cost")
    d = _draft(at)
    assert d.control_criteria == ("overall", "cost")
    assert any("Criterion Cost has no network yet" in m.value for m in at.markdown)
    at = _pick(at, "wb_criterion", "cost")
    at = _section(at, "Links")
    at = _pick(at, "wb_link_from", "cost")
    rev = at.session_state["wb_rev"]
    for cl in ("a", "b", "c"):
        rev = at.session_state["wb_rev"]
        at.checkbox(key=f"wb_link:cost:cost:{cl}:{rev}").check()
        at = _ok(at.run())
    at = _judge_all(at, 2.0)
    at = _section(at, "Judgments")
    from anp_core.draft import CRITERIA_KEY

    at = _pick(at, "wb_comparison", CRITERIA_KEY)
    rev = at.session_state["wb_rev"]
    at.selectbox(key=f"wb_pair:|criteria||None:0:1:{rev}").set_value(3.0)
    at = _ok(at.run())
    at = _section(at, "Results")
    composite = [df.value for df in at.dataframe if "Composite" in df.value.columns]
    assert composite
    from anp_core import evaluate

    ev = evaluate(_model(at))
    table = composite[0].set_index("Node")
    np.testing.assert_allclose(
        table.loc[[_model(at).label(i) for i in ev.composite.index], "Composite"], ev.composite, atol=1e-12
    )


def test_names_from_users_are_shown_escaped():
    at = _start(_open_page(), "[Verify](https://evil.example)")
    at = _add(at, "wb_add_cluster", "![p](https://evil.example/p.png)")
    shown = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)
    shown += " ".join(s.value for s in at.success)
    assert "](https://" not in shown
    assert "evil" in shown


def test_download_is_a_draft_until_complete_then_a_model():
    at = _start(_open_page())
    dl = at.download_button(key="wb_download")
    assert dl.label == "Download draft"
    at = _build_three_clusters(_open_page())
    at = _judge_all(at)
    assert at.download_button(key="wb_download").label == "Download model"


def test_upload_a_draft_and_a_bad_file(tmp_path):
    at = _start(_open_page(), "First")
    first = _draft(at)
    bad = json.dumps(
        {
            "schema_version": 1,
            "draft": True,
            "id": "x",
            "name": "X",
            "clusters": [{"id": "a", "name": "A"}, {"id": "a", "name": "B"}],
        }
    )
    at.file_uploader(key=f"wb_upload:{at.session_state['wb_upload_nonce']}").upload(
        "bad.json", bad.encode(), "application/json"
    )
    at = _ok(at.run())
    assert _draft(at) is first
    err = " ".join(e.value for e in at.error)
    assert "bad.json was not opened" in err.replace("\\", "")
    assert "duplicate id" in err
    for garbage in (b"\x00\xff", b"[1]", b"{" * 200):
        at.file_uploader(key=f"wb_upload:{at.session_state['wb_upload_nonce']}").upload(
            "g.json", garbage, "application/json"
        )
        at = _ok(at.run())
        assert _draft(at) is first
        assert at.error
    other = Draft(id="second", name="Second")
    at.file_uploader(key=f"wb_upload:{at.session_state['wb_upload_nonce']}").upload(
        "second.draft.json", dump_draft(other).encode(), "application/json"
    )
    at = _ok(at.run())
    assert _draft(at).name == "Second"
    at = _ok(at.button(key="wb_undo_btn").click().run())
    assert _draft(at) == first


def test_upload_a_super_decisions_file_opens_it_as_a_draft():
    at = _open_page()
    raw = (ROOT / "tests" / "fixtures" / "sdmod" / "two_cluster_feedback.sdmod").read_bytes()
    at.file_uploader(key=f"wb_upload:{at.session_state['wb_upload_nonce']}").upload(
        "two_cluster_feedback.sdmod", raw, "application/octet-stream"
    )
    at = _ok(at.run())
    d = _draft(at)
    assert len(d.clusters) == 2
    assert any("Opened two" in s.value for s in at.success)
    assert at.download_button(key="wb_download").label == "Download model"


def test_use_this_model_puts_it_in_the_dashboard():
    at = _build_three_clusters(_open_page())
    at = _judge_all(at)
    at = _ok(at.button(key="wb_use").click().run())
    assert at.session_state["model"].id == "class_network"
    assert at.session_state["baseline"].id == "class_network"
    at = _ok(at.switch_page("views/weights.py").run())


def test_edit_the_dashboards_model(paper_model):
    at = _open_page()
    at = _ok(_button(at, "Edit the dashboard's model").click().run())
    d = _draft(at)
    assert len(d.node_ids) == len(paper_model.node_ids)
    assert at.download_button(key="wb_download").label == "Download model"


def test_a_large_model_is_edited_one_cluster_at_a_time():
    from anp_core import edit as ed

    d = ed.new_draft("Big")
    for k in range(10):
        d = ed.add_cluster(d, f"Cluster {k}").draft
        d = ed.add_node(d, f"cluster_{k}", f"n{k}").draft
    at = _open_page()
    at.session_state["wb_draft"] = d
    at = _ok(at.run())
    names = [t.value for t in at.text_input if t.key and t.key.startswith("wb_name:")]
    assert names == ["Overall", "Cluster 0", "n0"]
    at = _pick(at, "wb_edit_cluster", "cluster_7")
    names = [t.value for t in at.text_input if t.key and t.key.startswith("wb_name:")]
    assert names == ["Overall", "Cluster 7", "n7"]
    at = _add(at, "wb_add_cluster", "Cluster 10")
    names = [t.value for t in at.text_input if t.key and t.key.startswith("wb_name:")]
    assert names == ["Overall", "Cluster 10"]  # the new cluster is shown, ready for its nodes


@pytest.mark.parametrize("section", ["Structure", "Links", "Judgments", "Results"])
def test_every_section_draws_on_an_empty_draft(section):
    at = _start(_open_page())
    at = _section(at, section)
    assert at.session_state["wb_section"] == section


def test_repairs_stay_on_saatys_scale():
    """A 9-9-9 cycle: the repairs offer a value of the 1-9 scale, never 1/81 or 81."""
    from anp_core import PairwiseMatrix
    from anp_core.draft import matrix_of
    from tests.core.test_repair import _cycle_draft

    at = _open_page()
    d, key = _cycle_draft()
    at.session_state["wb_draft"] = d
    at = _ok(at.run())
    apply = [b for b in at.button if b.label.startswith("Apply:")]
    assert [b.label for b in apply] == ["Apply: 1/9"]
    at = _section(at, "Judgments")
    at = _pick(at, "wb_comparison", key)
    fixes = [b for b in at.button if b.key and b.key.startswith("wb_fix:")]
    assert fixes
    for b in fixes:
        assert "→ 1/81" not in b.label
        assert "→ 81" not in b.label
    assert "exactly consistent\\: 1/81" in fixes[0].label  # escaped markdown
    at = _ok(fixes[0].click().run())
    after = PairwiseMatrix(matrix_of(_draft(at), key)[1])
    assert not after.outside_saaty_scale


def test_refused_add_keeps_what_was_typed():
    """A duplicate name is refused with a clear error and the typed text stays; a good add clears the field."""
    at = _start(_open_page())
    at = _add(at, "wb_add_cluster", "Sites")
    cid = _draft(at).clusters[0].id
    at = _add(at, f"wb_add_node:{cid}", "North")
    assert at.text_input(key=f"wb_add_node:{cid}:name").value == ""
    at = _add(at, f"wb_add_node:{cid}", "North")
    assert at.error, "the refusal is said"
    assert [n.name for n in _draft(at).clusters[0].nodes] == ["North"]
    assert at.text_input(key=f"wb_add_node:{cid}:name").value == "North"


def test_links_each_node_of_a_cluster_gives_one_matrix_per_node():
    """The reviewer's case: "Each node of cluster Factors" -> Sites is one comparison per factor."""
    at = _start(_open_page())
    for cluster, nodes in (
        ("Factors", ("Rent", "Foot traffic", "Safety")),
        ("Sites", ("North", "South", "East")),
    ):
        at = _add(at, "wb_add_cluster", cluster)
        cid = _draft(at).clusters[-1].id
        for n in nodes:
            at = _add(at, f"wb_add_node:{cid}", n)
    factors, sites = (c.id for c in _draft(at).clusters)
    at = _section(at, "Links")
    box = at.selectbox(key=f"wb_link_from:{at.session_state['wb_rev']}")
    assert box.value == f"each:{factors}"  # the first choice is one matrix per node
    assert "Each node of cluster Factors (one matrix per node)" in box.options
    assert "Cluster Factors as a whole (one matrix shared by all its nodes)" in box.options
    at.checkbox(key=f"wb_link:overall:each:{factors}:{sites}:{at.session_state['wb_rev']}").check()
    at = _ok(at.run())
    d = _draft(at)
    wrts = sorted(c.wrt for c in d.comparisons if c.cluster == sites)
    assert wrts == sorted(n.id for n in d.cluster_by_id[factors].nodes)
    assert all(c.wrt != factors for c in d.comparisons)
    # the link matrix shows it, and unticking there removes the three (one undo step)
    rev = at.session_state["wb_rev"]
    at.session_state[f"wb_link_matrix:overall:{rev}"] = {"edited_rows": {1: {f"each:{factors}": False}}}
    at = _ok(at.run())
    assert not [c for c in _draft(at).comparisons if c.cluster == sites]
    at = _ok(at.button(key="wb_undo_btn").click().run())
    assert len([c for c in _draft(at).comparisons if c.cluster == sites]) == 3


def test_long_names_show_in_full_on_the_links_section():
    """Streamlit cuts checkbox and toggle labels to one line: the link list shows each name in full beside its box."""
    from anp_core.draft import load_draft
    from tests.support.dashboard_models import long_names_model

    model = long_names_model()
    at = _open_page()
    at.session_state["wb_draft"] = load_draft(dump_model(model).encode())[0]
    at = _ok(_section(at, "Links"))
    boxes = [b for b in at.checkbox if b.key and b.key.startswith("wb_link:")]
    assert boxes
    shown = " ".join(m.value for m in at.markdown)
    for b in boxes:
        assert b.proto.label_visibility.value == b.proto.label_visibility.COLLAPSED, b.label
    longest = max((c.name for c in model.clusters), key=len)
    assert len(longest) > 150
    assert longest.replace("(", "\\(").replace(")", "\\)") in shown or longest in shown
    assert any(b.label == "Control layer" for b in _ok(_section(at, "Structure")).checkbox)


def test_template_picker_shows_names_and_whole_description_in_the_page_language():
    at = new_app()
    at.query_params["lang"] = "zh"
    at = _ok(_ok(at.run()).switch_page(PAGE).run())
    picker = at.selectbox(key="wb_template")
    coffee = next(o for o in picker.options if "coffee_feedback.json" in o)
    zh = load_model(ROOT / "data/models/examples/coffee_feedback.json").translations["zh"]
    assert coffee.startswith(zh.name), coffee
    _ok(picker.set_value(ROOT / "data/models/examples/coffee_feedback.json").run())
    captions = [c.value for c in at.caption]
    shown = [c for c in captions if "收敛缓慢" in c or "加权超矩阵" in c]
    assert shown, captions
    assert shown[0].replace("\\", "").endswith(zh.description[-20:]), shown[0]  # whole, not cut
    assert not any("Three shops compete" in c for c in captions)

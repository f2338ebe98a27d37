"""Drafts (anp_core.draft, draft_problems, edit, edit_links): valid at every step, loadable, round trips."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anp_core import ANPError, ModelValidationError, PairwiseMatrix, dump_model, evaluate, load_model
from anp_core import edit as ed
from anp_core import edit_links as lk
from anp_core.draft import (
    CRITERIA_KEY,
    Draft,
    dump_draft,
    effective_links,
    from_model,
    load_draft,
    matrix_of,
    to_model,
    wrong_problems,
)
from anp_core.draft_problems import diagnose, placeholder_model
from anp_core.edit import DraftEditError
from anp_core.evaluate import criterion_network
from tests.conftest import count

C = "overall"


def three_clusters(*, judged: bool = True, feedback: bool = True) -> Draft:
    """A (a1, a2) -> B (b1, b2) -> C (c1, c2) -> A, and C -> B: a 3-cluster network with feedback."""
    d = ed.new_draft("Three clusters")
    for name in ("A", "B", "C"):
        d = ed.add_cluster(d, name).draft
        for k in (1, 2):
            d = ed.add_node(d, name.lower(), f"{name.lower()}{k}").draft
    links = [("a", "b"), ("b", "c"), ("c", "a")] + ([("c", "b")] if feedback else [])
    for wrt, target in links:
        d = lk.set_link(d, C, wrt, target, True).draft
    if judged:
        for comp in d.comparisons:
            d = lk.set_judgment(d, comp.key, comp.elements[0], comp.elements[1], 3.0).draft
    return d


# --------------------------------------------------------------------------
# building from scratch


def test_new_draft_is_a_loadable_draft_with_what_to_do():
    d = ed.new_draft("Lunch place")
    assert d.draft
    assert d.id == "lunch_place"
    loaded, problems = load_draft(dump_draft(d))
    assert loaded == d
    codes = [p.code for p in problems]
    assert codes == ["no_clusters", "no_network"]
    assert all(p.action for p in problems)
    with pytest.raises(ModelValidationError, match="no cluster"):
        to_model(d)


def test_three_cluster_network_with_feedback_evaluates():
    d = three_clusters()
    diag = diagnose(d)
    assert diag.complete
    assert not diag.blocking
    model = to_model(d)
    assert load_model(dump_model(model)) == model
    net = criterion_network(model, C)
    assert net.limit.diagnosis == "primitive"
    np.testing.assert_allclose(net.priorities.sum(), 1.0, atol=1e-12)
    ev = evaluate(model)
    assert list(ev.composite.index) == ["a1", "a2", "b1", "b2", "c1", "c2"]


def test_new_link_starts_with_missing_judgments_and_names_pairs_to_judge():
    d = ed.add_node(three_clusters(judged=False), "b", "b3").draft
    key = (C, "nodes", "a", "b")
    elements, matrix = matrix_of(d, key)
    assert elements == ("b1", "b2", "b3")
    assert matrix == ((1.0, None, None), (None, 1.0, None), (None, None, 1.0))
    problem = next(p for p in diagnose(d).problems if p.key == key)
    assert problem.severity == "blocking"
    assert problem.code == "disconnected"
    assert problem.pairs == (("b1", "b2"), ("b1", "b3"))
    assert "(b1, b2), (b1, b3)" in problem.action
    d = lk.set_judgment(d, key, "b1", "b2", 2.0).draft
    d = lk.set_judgment(d, key, "b2", "b3", 2.0).draft
    problem = next(p for p in diagnose(d).problems if p.key == key)
    assert problem.severity == "warning"
    assert problem.code == "missing"
    assert "Harker" in problem.message


def test_node_added_to_a_cluster_joins_its_full_comparisons_only():
    d = three_clusters()
    d = lk.set_compared(d, (C, "nodes", "c", "b"), ["b1"]).draft
    d = ed.add_node(d, "b", "b3").draft
    assert d.comparison_by_key[(C, "nodes", "a", "b")].elements == ("b1", "b2", "b3")
    assert d.comparison_by_key[(C, "nodes", "c", "b")].elements == ("b1",)
    # the given judgment survives, the new pairs are missing
    m = d.comparison_by_key[(C, "nodes", "a", "b")].matrix
    assert m[0][1] == 3.0
    assert m[0][2] is None
    assert m[2][1] is None


def test_set_judgment_rejects_bad_values_and_keeps_reciprocals():
    d = three_clusters(judged=False)
    key = (C, "nodes", "a", "b")
    for bad in (0, -1, float("nan"), float("inf"), True, "3"):
        with pytest.raises(DraftEditError, match="finite numbers > 0"):
            lk.set_judgment(d, key, "b1", "b2", bad)
    with pytest.raises(DraftEditError, match="diagonal"):
        lk.set_judgment(d, key, "b1", "b1", 2.0)
    d = lk.set_judgment(d, key, "b2", "b1", 4.0).draft
    assert matrix_of(d, key)[1] == ((1.0, 0.25), (4.0, 1.0))
    d = lk.set_judgment(d, key, "b2", "b1", None).draft
    assert matrix_of(d, key)[1] == ((1.0, None), (None, 1.0))


def test_names_are_checked_ids_derived():
    d = ed.new_draft("M")
    d = ed.add_cluster(d, "Logistics").draft
    with pytest.raises(DraftEditError, match="already a cluster named"):
        ed.add_cluster(d, " logistics ")
    with pytest.raises(DraftEditError, match="give the cluster a name"):
        ed.add_cluster(d, "   ")
    with pytest.raises(DraftEditError, match="at most 200"):
        ed.add_cluster(d, "x" * 201)
    d = ed.add_node(d, "logistics", "Logistics").draft  # a node may share a cluster's name
    assert d.node_ids == ("logistics_2",)
    d = ed.add_node(d, "logistics", "物流").draft
    assert d.node_ids[-1] == "node"
    d = ed.rename(d, "node", "Warehousing").draft
    assert d.label("node") == "Warehousing"
    assert d.node_ids[-1] == "node"


# --------------------------------------------------------------------------
# deleting says what went


def test_delete_node_rewrites_comparisons_and_says_so():
    d = ed.add_node(three_clusters(), "b", "b3").draft
    d = lk.set_link(d, C, "b3", "a", True).draft  # a node-level link from b3
    edit = ed.delete(d, "b3")
    assert "Removed 1 comparison: Nodes of A with respect to node b3" in edit.message
    assert "Took it out of 2 comparisons" in edit.message
    assert "b3" not in {e for c in edit.draft.comparisons for e in c.elements}
    assert not wrong_problems(edit.draft)


def test_delete_cluster_removes_its_comparisons_and_cluster_rows():
    d = three_clusters()
    d = lk.set_cluster_comparison(d, C, "c", True).draft
    d = lk.set_judgment(d, (C, "clusters", "c", None), "a", "b", 2.0).draft
    edit = ed.delete(d, "b")
    assert edit.message.startswith("Deleted cluster B and its 2 nodes.")
    assert "Nodes of B with respect to cluster A (1 judgment)" in edit.message
    assert "Clusters with respect to cluster C (its row and column for B)" in edit.message
    comp = edit.draft.comparison_by_key[(C, "clusters", "c", None)]
    assert comp.elements == ("a",)
    assert comp.matrix == ((1.0,),)
    assert len(edit.removed) == 4


def test_delete_criterion_removes_its_network_and_its_criteria_judgments():
    d = ed.add_criterion(three_clusters(), "Cost").draft
    d = lk.set_judgment(d, CRITERIA_KEY, "overall", "cost", 3.0).draft
    edit = ed.delete(d, "overall")
    assert "Removed its network: 4 comparisons" in edit.message
    assert "1 judgment against the other criteria" in edit.message
    assert edit.draft.criteria_comparison.elements == ("cost",)
    assert not edit.draft.comparisons


def test_delete_prunes_optional_sections(paper_model):
    d = from_model(paper_model)
    node = paper_model.published.rows[0].node
    edit = ed.delete(d, node)
    assert "published results table" in edit.message
    assert "recommendations" in edit.message
    model = to_model(edit.draft)
    assert node not in {r.node for r in model.published.rows}


# --------------------------------------------------------------------------
# links


def test_effective_links_follow_the_engine_precedence():
    d = three_clusters()
    d = lk.set_link(d, C, "a1", "c", True).draft  # node-level link overrides nothing else
    links = effective_links(d, C)
    assert links[("a1", "b")] == (C, "nodes", "a", "b")
    assert links[("a1", "c")] == (C, "nodes", "a1", "c")
    assert ("a2", "c") not in links
    model = to_model(lk.set_judgment(d, (C, "nodes", "a1", "c"), "c1", "c2", 1.0).draft)
    U = criterion_network(model, C).unweighted
    ids = model.node_ids
    assert U[ids.index("c1"), ids.index("a1")] > 0
    assert U[ids.index("c1"), ids.index("a2")] == 0


def test_cluster_comparison_follows_the_links():
    d = three_clusters()
    with pytest.raises(DraftEditError, match="nothing to compare"):
        lk.set_cluster_comparison(d, C, "a", True)
    d = lk.set_cluster_comparison(d, C, "c", True).draft
    key = (C, "clusters", "c", None)
    assert d.comparison_by_key[key].elements == ("a", "b")
    d = lk.set_judgment(d, key, "a", "b", 2.0).draft
    edit = lk.set_link(d, C, "c", "c", True)  # inner dependence joins the cluster comparison
    assert edit.draft.comparison_by_key[key].elements == ("a", "b", "c")
    assert edit.draft.comparison_by_key[key].matrix[0][1] == 2.0
    assert "now compares A, B, C" in edit.message
    edit = lk.set_link(edit.draft, C, "c", "a", False)
    assert edit.draft.comparison_by_key[key].elements == ("b", "c")


def test_unlinked_cluster_and_unreached_node_are_warned():
    d = ed.add_cluster(three_clusters(), "D").draft
    d = ed.add_node(d, "d", "d1").draft
    d = lk.set_compared(d, (C, "nodes", "a", "b"), ["b1"]).draft
    d = lk.set_compared(d, (C, "nodes", "c", "b"), ["b1"]).draft
    codes = {(p.code, p.severity) for p in diagnose(d).problems}
    assert ("unlinked_cluster", "warning") in codes
    assert ("unreached_node", "warning") in codes
    msgs = " ".join(p.message for p in diagnose(d).problems)
    assert "Nothing links to cluster D" in msgs
    assert "Node b2 (B)" in msgs


# --------------------------------------------------------------------------
# what the limit will do, before and after the judgments


@pytest.mark.parametrize(
    ("feedback", "expected"),
    [(True, "primitive"), (False, "periodic")],
)
def test_limit_outlook_from_links_alone(feedback, expected):
    d = three_clusters(judged=False, feedback=feedback)
    diag = diagnose(d)
    assert not diag.complete
    limit = [p for p in diag.problems if p.code == "limit"]
    assert len(limit) == 1
    assert expected in limit[0].message
    judged = diagnose(three_clusters(judged=True, feedback=feedback))
    assert criterion_network(judged.model, C).limit.diagnosis == expected
    assert placeholder_model(d) is not None


def test_limit_outlook_names_sinks_and_transient_nodes():
    d = three_clusters(judged=False, feedback=False)
    d = lk.set_link(d, C, "c", "a", False).draft  # A -> B -> C, C a sink
    sinks = next(p for p in diagnose(d).problems if p.code == "limit")
    assert "c1, c2 link to nothing (sinks)" in sinks.message
    d = lk.set_link(d, C, "c", "c", True).draft  # C closed, A and B transient
    red = next(p for p in diagnose(d).problems if p.code == "limit")
    assert red.severity == "warning"
    assert "reducible" in red.message
    assert "a1, a2, b1, b2 get 0" in red.message


# --------------------------------------------------------------------------
# consistency, model-wide


def _inconsistent(d: Draft, key, elements, values) -> Draft:
    pairs = [(0, 1), (0, 2), (1, 2)]
    for (i, j), v in zip(pairs, values, strict=True):
        d = lk.set_judgment(d, key, elements[i], elements[j], v).draft
    return d


def test_inconsistent_matrices_sorted_with_a_repair_that_lowers_cr():
    d = three_clusters()
    for node_cluster in ("a", "b"):
        d = ed.add_node(d, node_cluster, f"{node_cluster}3").draft
    d = _inconsistent(d, (C, "nodes", "c", "a"), ("a1", "a2", "a3"), (5.0, 1 / 5, 5.0))
    d = _inconsistent(d, (C, "nodes", "a", "b"), ("b1", "b2", "b3"), (3.0, 1 / 3, 3.0))
    d = _inconsistent(d, (C, "nodes", "c", "b"), ("b1", "b2", "b3"), (2.0, 4.0, 2.0))  # consistent
    bad = [p for p in diagnose(d).problems if p.code == "inconsistent"]
    assert [p.key for p in bad] == [(C, "nodes", "c", "a"), (C, "nodes", "a", "b")]
    assert bad[0].cr > bad[1].cr > 0.10
    for p in bad:
        r = p.repair
        elements, _matrix = matrix_of(d, p.key)
        fixed = lk.set_judgment(d, p.key, elements[r.row], elements[r.col], r.suggested).draft
        cr = PairwiseMatrix(matrix_of(fixed, p.key)[1]).cr
        assert cr == pytest.approx(r.cr_after, abs=1e-9)
        assert cr < p.cr


# --------------------------------------------------------------------------
# loading: incomplete is fine, wrong is refused


def test_model_file_loads_as_draft_and_round_trips(paper_model):
    d, problems = load_draft(dump_model(paper_model).encode())
    assert not [p for p in problems if p.severity == "blocking"]
    assert to_model(d) == paper_model
    assert to_model(load_draft(dump_draft(d))[0]) == paper_model


def _raw(**changes):
    d = json.loads(dump_draft(three_clusters(judged=False)))
    d.update(changes)
    return d


@pytest.mark.parametrize(
    ("mutate", "path", "text"),
    [
        (lambda d: d.__setitem__("extra", 1), "extra", "Extra inputs"),
        (lambda d: d["clusters"].append({"id": "a", "name": "Z"}), "clusters[3].id", "duplicate id 'a'"),
        (lambda d: d["clusters"].append({"id": "z", "name": "a"}), "clusters[3].name", "same name"),
        (
            lambda d: d["comparisons"][0].__setitem__("cluster", "zz"),
            "comparisons[0].cluster",
            "unknown cluster",
        ),
        (
            lambda d: d["comparisons"][0].__setitem__("matrix", [[1, 2], [2, 1]]),
            "comparisons[0].matrix",
            "not reciprocal",
        ),
        (
            lambda d: d["comparisons"][0].__setitem__("matrix", [[1, 2], [None, 1]]),
            "comparisons[0].matrix",
            "missing on both sides",
        ),
        (
            lambda d: d["comparisons"][0].__setitem__("matrix", [[1, 0], [0, 1]]),
            "comparisons[0].matrix",
            "greater than 0",
        ),
        (lambda d: d.__setitem__("ranked_clusters", ["nope"]), "ranked_clusters[0]", "unknown cluster"),
    ],
)
def test_wrong_drafts_are_refused_with_their_path(mutate, path, text):
    raw = _raw()
    mutate(raw)
    with pytest.raises(ModelValidationError) as err:
        load_draft(raw)
    assert any(p.startswith(path) and text in m for p, m in err.value.problems), err.value.problems


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"\xff\xfe", "not UTF-8"),
        (b"{nope", "not valid JSON"),
        (b"[1, 2]", "must be a JSON object"),
        (b'{"a": NaN}', "not a number JSON allows"),
        (b"[" * 100 + b"]" * 100, "nested deeper"),
        (b" " * (5 * 1024 * 1024 + 1), "the limit is 5 MB"),
    ],
)
def test_bad_bytes_are_refused(data, text):
    with pytest.raises(ModelValidationError, match=text):
        load_draft(data)


# --------------------------------------------------------------------------
# property: any sequence of edits keeps the draft loadable and its JSON round-trips

NAMES = ["A", "a", "B", "Beta", "β", "x y", "  ", "Logistics", "物流"]
VALUES = [None, 1.0, 2.0, 3.0, 5.0, 9.0, 1 / 3, 1 / 9, 2.5, 25.0]


def _step(d: Draft, data: st.DataObject) -> Draft:
    ids = [c.id for c in d.criteria] + [c.id for c in d.clusters] + list(d.node_ids)
    crits = [c.id for c in d.criteria] or ["nope"]
    clusters = [c.id for c in d.clusters] or ["nope"]
    op = data.draw(
        st.sampled_from(
            [
                "criterion",
                "cluster",
                "node",
                "node",
                "rename",
                "move",
                "delete",
                "link",
                "link",
                "link",
                "compared",
                "cluster_comparison",
                "judgment",
                "judgment",
                "judgment",
                "control",
                "sinks",
                "ranked",
                "judge_all",
                "judge_all",
            ]
        )
    )
    name = data.draw(st.sampled_from(NAMES))
    pick = st.sampled_from(ids or ["nope"])
    if op == "criterion":
        return ed.add_criterion(d, name, control=data.draw(st.booleans())).draft
    if op == "cluster":
        return ed.add_cluster(d, name).draft
    if op == "node":
        return ed.add_node(d, data.draw(st.sampled_from(clusters)), name).draft
    if op == "rename":
        return ed.rename(d, data.draw(pick), name).draft
    if op == "move":
        return ed.move(d, data.draw(pick), data.draw(st.integers(-2, 2))).draft
    if op == "delete":
        return ed.delete(d, data.draw(pick)).draft
    if op == "link":
        c = data.draw(st.sampled_from(crits))
        wrt = data.draw(st.sampled_from([c, *ids]))
        return lk.set_link(d, c, wrt, data.draw(st.sampled_from(clusters)), data.draw(st.booleans())).draft
    if op == "compared":
        nodes = [c for c in d.comparisons if c.kind == "nodes"]
        if not nodes:
            return d
        comp = data.draw(st.sampled_from(nodes))
        members = [n.id for n in d.cluster_by_id[comp.cluster].nodes]
        return lk.set_compared(d, comp.key, data.draw(st.lists(st.sampled_from(members), unique=True))).draft
    if op == "cluster_comparison":
        c = data.draw(st.sampled_from(crits))
        return lk.set_cluster_comparison(
            d, c, data.draw(st.sampled_from(clusters)), data.draw(st.booleans())
        ).draft
    if op == "judgment":
        keys = ([CRITERIA_KEY] if d.criteria_comparison else []) + [c.key for c in d.comparisons]
        if not keys:
            return d
        key = data.draw(st.sampled_from(keys))
        elements = matrix_of(d, key)[0]
        row, col = data.draw(st.sampled_from(elements)), data.draw(st.sampled_from(elements))
        return lk.set_judgment(d, key, row, col, data.draw(st.sampled_from(VALUES))).draft
    if op == "judge_all":
        keys = ([CRITERIA_KEY] if d.criteria_comparison else []) + [c.key for c in d.comparisons]
        for key in keys:
            elements, matrix = matrix_of(d, key)
            for i, row in enumerate(matrix):
                for j, x in enumerate(row):
                    if i < j and x is None:
                        value = data.draw(st.sampled_from(VALUES[1:]))
                        d = lk.set_judgment(d, key, elements[i], elements[j], value).draft
        return d
    if op == "control":
        return ed.set_control(d, data.draw(st.sampled_from(crits)), data.draw(st.booleans())).draft
    if op == "sinks":
        return lk.set_sinks(
            d, data.draw(st.sampled_from(["calculus", "absorbing", "hierarchy", "bad"]))
        ).draft
    chosen = data.draw(st.lists(st.sampled_from(clusters), unique=True, max_size=3))
    return lk.set_ranked_clusters(d, chosen).draft


def _check_refusal_speaks_chinese(err: DraftEditError, d: Draft) -> None:
    """A refusal is a translatable message: English for ``str``, its template in the Chinese catalog."""
    from anp_core.i18n import translator

    assert str(err) == err.text.render(label=d.label)
    zh = translator("zh")
    if err.text.plural:
        assert zh.ngettext(err.text.template, err.text.plural, 2) != err.text.plural
    else:
        assert zh(err.text.template) != err.text.template, err.text.template


@settings(deadline=None)
@given(st.data())
def test_any_edit_sequence_keeps_a_loadable_draft(data):
    start = data.draw(st.sampled_from(["empty", "no criterion", "unjudged", "complete"]))
    if start in ("empty", "no criterion"):
        d = ed.new_draft("Random", criterion=None if start == "no criterion" else "Overall")
    else:
        d = three_clusters(judged=start == "complete")
    for _ in range(data.draw(st.integers(5, 30))):
        try:
            d = _step(d, data)
        except DraftEditError as err:
            count("draft edits refused")
            _check_refusal_speaks_chinese(err, d)
            continue
        count("draft edits applied")
        assert not wrong_problems(d)
        text = dump_draft(d)
        again, problems = load_draft(text)
        assert again == d
        assert dump_draft(again) == text
        diag = diagnose(d)
        assert [p.code for p in problems] == [p.code for p in diag.problems]
        if diag.complete:
            count("draft edits leaving a complete model")
            model = diag.model
            assert to_model(d) == model
            assert load_model(dump_model(model)) == model
            refused = []
            try:
                evaluate(model)
            except ANPError as err:
                refused.append(str(err))
            # only the 'hierarchy' sink formula may refuse a model (it needs an acyclic supermatrix)
            assert not refused or (model.settings.sinks == "hierarchy" and "hierarchy" in refused[0])
        else:
            with pytest.raises(ModelValidationError):
                to_model(d)


def test_committed_draft_schema_matches_the_code():
    import json

    from anp_core.draft import Draft
    from scripts.write_schema import DRAFT_OUT

    assert json.loads(DRAFT_OUT.read_text()) == Draft.model_json_schema()


def test_load_model_sends_a_draft_to_the_model_page(paper_model):
    import json

    from anp_core import ModelValidationError, dump_model, load_model

    raw = json.loads(dump_model(paper_model))
    raw["draft"] = True
    with pytest.raises(ModelValidationError, match="this is a draft model: open it on the Model page"):
        load_model(raw)


def test_renames_in_a_language_edit_the_translation_shown_in_it(paper_model):
    from anp_core.draft import from_model

    d = from_model(paper_model)
    new = ed.rename(d, "policy", "政策", lang="zh").draft
    assert new.criterion_by_id["policy"].translations["zh"].name == "政策"
    assert new.label("policy") == "Policy environment"  # the model's own name is kept
    assert (
        ed.rename(d, "policy", "Policy", lang="fr").draft.label("policy") == "Policy"
    )  # no translation: the name
    with pytest.raises(DraftEditError, match="already"):
        ed.rename(d, "policy", "经济环境", lang="zh")  # distinct among the Chinese names
    renamed = ed.set_model_info(d, name="新名称", lang="zh").draft
    assert (renamed.name, renamed.translations["zh"].name) == (d.name, "新名称")
    edit = ed.add_cluster(d, "D")
    assert edit.text is not None
    assert edit.text.render(label=edit.draft.label) == edit.message == "Added cluster D; now add its nodes."

"""Judgment edits as data (dashboard.scenario_link): the diff, the link encoding, and hostile links refused."""

from __future__ import annotations

import base64
import itertools
import json
import re
import zlib

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard import scenario_link as sl


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def deflated(obj: object) -> str:
    """A well-formed parameter holding ``obj`` (any JSON), as a crafted link would."""
    text = obj if isinstance(obj, str) else json.dumps(obj)
    z = zlib.compressobj(9, zlib.DEFLATED, -15)
    return _b64(z.compress(text.encode()) + z.flush())


def edited(model, changes):
    """``model`` with judgments ``[(comparison index or 'criteria', i, j, value)]`` set as the Judgments page sets them."""
    for k, i, j, v in changes:
        if k == "criteria":
            key, elements = sl.CRITERIA_KEY, model.criteria_comparison.elements
        else:
            comp = model.comparisons[k]
            key, elements = comp.key, comp.elements
        model = model.with_judgment(key, elements[i], elements[j], v)
    return model


def matrices(model):
    return {c.key: np.array(c.matrix, dtype=float) for c in model.comparisons} | {
        sl.CRITERIA_KEY: np.array(model.criteria_comparison.matrix, dtype=float)
    }


def node_override(model):
    """A node-level override, as the Judgments page creates it (a copy of the comparison it overrides)."""
    from dashboard.judgment_nav import starting_comparison

    c = model.comparisons[5]
    return starting_comparison(model, (c.criterion, "nodes", model.node_ids[0], c.cluster))


# ----- the diff -----


def test_no_edit_is_an_empty_diff(paper_model):
    d = sl.judgment_diff(paper_model, paper_model)
    assert d.empty
    assert d.exact
    assert not d.overrides
    assert sl.encode_diff(paper_model, d) == ""


def test_the_diff_lists_changed_cells_in_both_orientations(paper_model):
    cur = edited(paper_model, [(0, 0, 1, 1 / 3), (0, 2, 0, 7.0), (3, 1, 2, 9.0), ("criteria", 0, 1, 4.0)])
    d = sl.judgment_diff(paper_model, cur)
    assert d.exact
    assert d.criteria_changed
    assert not d.removed
    assert {c.key for c in d.overrides} == {paper_model.comparisons[0].key, paper_model.comparisons[3].key}
    assert d.n_matrices == 3
    first = [c for c in d.cells if c.key == paper_model.comparisons[0].key]
    # (2, 0) = 7 was stored with its reciprocal 1/7 at (0, 2): the cell that rebuilds both exactly is written
    assert sorted((c.i, c.j) for c in first) == [(0, 1), (0, 2)]


def test_a_new_comparison_travels_in_full_and_a_removed_one_is_reported(paper_model):
    new = node_override(paper_model)
    cur = paper_model.with_comparisons([new])
    d = sl.judgment_diff(paper_model, cur)
    assert d.new == (new,)
    assert d.exact
    back = sl.apply_link(paper_model, sl.decode_link(sl.encode_diff(paper_model, d), paper_model))
    got, want = matrices(back), matrices(cur)
    assert got.keys() == want.keys()
    for key, m in want.items():
        np.testing.assert_array_equal(got[key], m)
    assert back.comparison_by_key[new.key].note == ""  # the link carries judgments, never text
    # removed: the baseline has it, the current model not
    d2 = sl.judgment_diff(cur, paper_model)
    assert d2.removed == (new.key,)
    assert not d2.exact


@pytest.mark.parametrize("value", [1 / 3, 7.0, 2.5, 1 / 9, 0.123456789, 1e-6, 1e6])
def test_link_round_trip_rebuilds_the_model_exactly(paper_model, value):
    cur = edited(paper_model, [(0, 0, 1, value), (5, 1, 0, value), ("criteria", 2, 4, value)])
    text = sl.encode_diff(paper_model, sl.judgment_diff(paper_model, cur))
    assert len(text) < 200
    back = sl.apply_link(paper_model, sl.decode_link(text, paper_model))
    assert back.fingerprint == cur.fingerprint


@given(
    st.lists(
        st.tuples(
            st.integers(0, 41),
            st.integers(0, 5),
            st.integers(0, 5),
            st.sampled_from([1 / 9, 1 / 7, 1 / 5, 1 / 3, 1.0, 2.0, 3.0, 5.0, 7.0, 9.0]),
        ),
        max_size=12,
    )
)
def test_any_edits_survive_the_link(paper_model, raw):
    changes = []
    for k, i, j, v in raw:
        n = len(paper_model.comparisons[k].elements)
        if i % n != j % n:
            changes.append((k, i % n, j % n, v))
    cur = edited(paper_model, changes)
    text = sl.encode_diff(paper_model, sl.judgment_diff(paper_model, cur))
    if not text:
        assert cur.fingerprint == paper_model.fingerprint or not changes
        return
    back = sl.apply_link(paper_model, sl.decode_link(text, paper_model))
    got, want = matrices(back), matrices(cur)
    for key, m in want.items():
        np.testing.assert_allclose(got[key], m, rtol=1e-12)


def test_every_judgment_of_the_paper_changed_still_fits_a_link(paper_model):
    cur = paper_model
    for c in paper_model.comparisons:
        for a, b in itertools.combinations(c.elements, 2):
            cur = cur.with_judgment(c.key, a, b, 2.0)
    text = sl.encode_diff(paper_model, sl.judgment_diff(paper_model, cur))
    assert len(text) <= sl.MAX_LINK_CHARS
    assert sl.apply_link(paper_model, sl.decode_link(text, paper_model)).fingerprint == cur.fingerprint


def test_a_scenarios_overrides_encode_as_their_changed_cells(paper_model):
    cur = edited(paper_model, [(1, 0, 1, 5.0)])
    text = sl.encode_link(paper_model, sl.judgment_diff(paper_model, cur).overrides)
    link = sl.decode_link(text, paper_model)
    assert len(link.cells) == 1
    assert link.n_matrices == 1
    assert link.fingerprint == paper_model.fingerprint[:8]


def test_missing_judgments_travel_as_null(paper_model):
    # a comparison of three or more elements can lose one judgment (Harker's method fills it)
    k = next(i for i, c in enumerate(paper_model.comparisons) if len(c.elements) >= 4)
    cur = edited(paper_model, [(k, 0, 1, None)])
    back = sl.apply_link(
        paper_model,
        sl.decode_link(sl.encode_diff(paper_model, sl.judgment_diff(paper_model, cur)), paper_model),
    )
    assert back.comparisons[k].matrix[0][1] is None
    assert back.fingerprint == cur.fingerprint


# ----- hostile links: refused with a message, nothing applied -----

GOOD_KEY = None


def good_entry(model):
    c = model.comparisons[0]
    return [*c.key, [[0, 1, 3]]]


@pytest.mark.parametrize(
    ("make", "why"),
    [
        (lambda m: "", "not valid base64url"),
        (lambda m: "%%%garbage%%%", "not valid base64url"),
        (lambda m: "A", "not valid base64url"),
        (lambda m: "<script>alert(1)</script>", "not valid base64url"),
        (lambda m: "AAAA" * 500, "at most 1,800 are read"),
        (lambda m: _b64(b"hello world, not deflate at all!"), "does not decompress"),
        (lambda m: _b64(zlib.compress(b'{"v":1}')), "does not decompress"),  # zlib header, not raw deflate
        (lambda m: deflated("[1, 2"), "not valid JSON"),
        (lambda m: deflated('{"v": NaN}'), "not valid JSON"),
        (lambda m: deflated('{"v": 1, "v": 1, "c": []}'), "not valid JSON"),
        (lambda m: deflated([1, 2, 3]), "expected fields"),
        (lambda m: deflated({"v": 1, "x": 2}), "expected fields"),
        (lambda m: deflated({"v": 2, "c": [good_entry(m)]}), "unknown format version"),
        (lambda m: deflated({"v": True, "c": [good_entry(m)]}), "unknown format version"),
        (lambda m: deflated({"v": 1}), "changes nothing"),
        (lambda m: deflated({"v": 1, "c": "x"}), "expected fields"),
        (
            lambda m: deflated({"v": 1, "c": [["atlantis", "nodes", "x", None, [[0, 1, 3]]]]}),
            "no such comparison",
        ),
        (lambda m: deflated({"v": 1, "c": [[*m.comparisons[0].key, [[0, 99, 3]]]]}), "outside the matrix"),
        (lambda m: deflated({"v": 1, "c": [[*m.comparisons[0].key, [[1, 1, 3]]]]}), "on its diagonal"),
        (lambda m: deflated({"v": 1, "c": [[*m.comparisons[0].key, [[-1, 1, 3]]]]}), "outside the matrix"),
        (lambda m: deflated({"v": 1, "c": [[*m.comparisons[0].key, [[True, 1, 3]]]]}), "two element numbers"),
        (lambda m: deflated({"v": 1, "c": [[*m.comparisons[0].key, [[0, 1, 1e9]]]]}), "outside 1e-06"),
        (lambda m: deflated({"v": 1, "c": [[*m.comparisons[0].key, [[0, 1, 0]]]]}), "outside 1e-06"),
        (lambda m: deflated({"v": 1, "c": [[*m.comparisons[0].key, [[0, 1, -3]]]]}), "outside 1e-06"),
        (lambda m: deflated({"v": 1, "c": [[*m.comparisons[0].key, [[0, 1, "3"]]]]}), "not a number"),
        (lambda m: deflated({"v": 1, "c": [[*m.comparisons[0].key, [[0, 1, 3], [1, 0, 2]]]]}), "given twice"),
        (lambda m: deflated({"v": 1, "c": [good_entry(m), good_entry(m)]}), "listed twice"),
        (lambda m: deflated({"v": 1, "c": [[*m.comparisons[0].key, []]]}), "expected form"),
        (
            lambda m: deflated({"v": 1, "n": [["policy", "nodes", "policy", "x", ["a"], [[1, 2]]]]}),
            "expected form",
        ),
        (
            lambda m: deflated(
                {"v": 1, "n": [["policy", "nodes", "nowhere", "x", ["a", "b"], [[1, 2], [0.5, 1]]]]}
            ),
            "do not fit this model",
        ),
    ],
    ids=lambda x: x if isinstance(x, str) else None,
)
def test_hostile_links_are_refused_with_a_message(paper_model, make, why):
    def read() -> None:
        sl.apply_link(paper_model, sl.decode_link(make(paper_model), paper_model))

    with pytest.raises(sl.LinkError, match=re.escape(why)) as err:
        read()
    assert "Traceback" not in str(err.value)


def test_a_deflate_bomb_stops_at_the_limit(paper_model):
    z = zlib.compressobj(9, zlib.DEFLATED, -15)
    bomb = z.compress(b"{" + b" " * (1024 * 1024)) + z.flush()
    text = _b64(bomb)
    assert len(text) <= sl.MAX_LINK_CHARS  # small enough to be read: the inflation limit must stop it
    with pytest.raises(sl.LinkError, match="more than 64 KB"):
        sl.decode_link(text, paper_model)


def test_a_judgment_that_breaks_reciprocity_in_a_new_comparison_is_refused(paper_model):
    comp = node_override(paper_model)
    m = [list(r) for r in comp.matrix]
    m[0][1], m[1][0] = 3.0, 3.0  # not reciprocal
    bad = {"v": 1, "n": [[*comp.key, list(comp.elements), m]]}
    with pytest.raises(sl.LinkError, match="do not fit this model"):
        sl.apply_link(paper_model, sl.decode_link(deflated(bad), paper_model))


def test_messages_are_translated_by_the_callers_translator(paper_model):
    with pytest.raises(sl.LinkError, match=r"^XX"):
        sl.decode_link("%%%", paper_model, lambda s: "XX" + s)

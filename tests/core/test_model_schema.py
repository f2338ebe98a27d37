"""anp_core.model_schema: frozen models, derived lookups, edits that return new models."""

from __future__ import annotations

import pytest

from anp_core import ModelValidationError, evaluate


def test_a_copy_with_other_content_computes_its_own_digests(paper_model):
    """A copy made with model_copy once kept the original's cached digest, so an edit hit a stale cache entry."""
    comp = paper_model.comparisons[1]
    digest = comp.digest
    matrix = [list(r) for r in comp.matrix]
    matrix[0][1], matrix[1][0] = 1.0, 1.0
    copied = comp.model_copy(update={"matrix": tuple(tuple(r) for r in matrix)})
    assert copied.digest != digest
    edited = paper_model.with_comparisons([copied])
    assert edited.network_keys["policy"] != paper_model.network_keys["policy"]
    assert edited.fingerprint != paper_model.fingerprint
    assert (evaluate(edited).by_criterion["policy"] != evaluate(paper_model).by_criterion["policy"]).any()


def test_model_copy_drops_every_derived_lookup(paper_model):
    renamed = paper_model.model_copy(update={"name": "Renamed"})
    assert renamed.fingerprint != paper_model.fingerprint
    assert renamed.node_ids == paper_model.node_ids


def test_an_edit_keeps_untouched_comparisons_as_the_same_objects(paper_model):
    key = ("economic", "nodes", "economic", "payment")
    edited = paper_model.with_judgment(key, "electronic_payment", "rmb_internationalization", 2.0)
    same = [a is b for a, b in zip(paper_model.comparisons, edited.comparisons, strict=True)]
    assert same.count(False) == 1


def test_labels_fall_back_to_the_primary_name(paper_model):
    assert paper_model.label("policy", "xx") == paper_model.label("policy")
    assert paper_model.label("no_such_id") == "no_such_id"


def test_with_judgment_refuses_the_diagonal_and_unknown_elements(paper_model):
    key = ("economic", "nodes", "economic", "payment")
    with pytest.raises(ModelValidationError, match="diagonal"):
        paper_model.with_judgment(key, "electronic_payment", "electronic_payment", 2.0)
    with pytest.raises(ModelValidationError, match="not an element"):
        paper_model.with_judgment(key, "electronic_payment", "nowhere", 2.0)

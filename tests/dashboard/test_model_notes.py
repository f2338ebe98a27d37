"""Sentences about a model (dashboard.model_notes), from its optional sections."""

from __future__ import annotations

from dashboard import model_notes
from tests.support.dashboard_models import LINK, feedback_model, payload_model, sink_model


def test_the_notice_follows_source_judgments(paper_model):
    assert model_notes.judgments_notice(paper_model).startswith("The judgments are **reconstructed**")
    assert "Table 2" in model_notes.judgments_notice(paper_model)  # the model's own notes
    assert model_notes.judgments_notice(feedback_model()).startswith("The judgments are **illustrative**")
    assert model_notes.judgments_notice(sink_model()).startswith("The model file does not say")
    original = sink_model().model_copy(update={"source": {"citation": "x", "judgments": "original"}})
    original = sink_model().model_copy(
        update={"source": type(paper_model.source)(citation="x", judgments="original")}
    )
    assert model_notes.judgments_notice(original) is None


def test_outside_the_control_layer(paper_model):
    assert model_notes.outside_control_note(paper_model, "policy") is None
    note = model_notes.outside_control_note(paper_model, "natural_geography")
    assert "immutable" in note
    assert "Weights page" in note
    assert (
        model_notes.criterion_label(paper_model, "natural_geography")
        == "Natural geography (outside the control layer)"
    )


def test_notes_escape_the_models_text():
    m = payload_model()
    assert LINK not in model_notes.judgments_notice(m)
    assert LINK not in model_notes.outside_control_note(m, "natural_geography")

"""What the panel pages say after a workbook is read: which sheets are complete, in progress, left blank."""

from __future__ import annotations

from anp_core import load_model
from anp_core.aggregation_model import CRITERIA_KEY
from anp_core.i18n import translator
from dashboard.panel_upload import sheets_report
from panel.store import ExpertSpec
from panel.workbook import SheetStatus, WorkbookAnswers
from tests.conftest import MODEL_PATH
from tests.dashboard.test_panel_views import store  # noqa: F401  (fixture)


def test_the_report_names_complete_in_progress_and_blank_sheets(store):  # noqa: F811
    model = load_model(MODEL_PATH)
    keys = [CRITERIA_KEY, model.comparisons[1].key, model.comparisons[2].key]
    made = store.create_panel(model, "P", [ExpertSpec("Ann")], matrices=keys)
    mine = store.expert_state(made.expert_tokens[0][2]).assignments
    got = WorkbookAnswers(
        "p",
        1,
        (),
        (),
        tuple(
            SheetStatus(f"M{k + 1:02d}", a.matrix.key, a.matrix.spec.title, n, a.matrix.spec.n_pairs)
            for k, (a, n) in enumerate(zip(mine, (10, 3, 0), strict=True))
        ),
    )
    text = sheets_report(got, mine, model)
    assert "**Complete**: M01\n" in text
    assert "- M02 (Policy environment\\: factors of" in text  # the title, escaped as markdown
    assert f"): 3 of {mine[1].matrix.spec.n_pairs} pairs answered" in text
    assert "**Left blank** (nothing changed): M03" in text
    zh = sheets_report(got, mine, model, "zh", translator("zh"))
    assert "已完成" in zh
    assert "Complete" not in zh

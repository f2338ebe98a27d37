"""A fresh SQLite panel database per test, and a small panel on the paper's model."""

from __future__ import annotations

import pytest

from anp_core import load_model
from anp_core.aggregation_model import CRITERIA_KEY
from panel.store import ExpertSpec, PanelStore
from tests.conftest import MODEL_PATH


@pytest.fixture
def store(tmp_path):
    from panel.db import get_engine

    return PanelStore(get_engine(f"sqlite:///{tmp_path / 'p.sqlite3'}"))


@pytest.fixture
def small_panel(store):
    model = load_model(MODEL_PATH)
    keys = [CRITERIA_KEY, model.comparisons[1].key]
    return store.create_panel(
        model,
        "Small",
        [ExpertSpec("Ann"), ExpertSpec("Bob", 2.0), ExpertSpec("Cy", 1.0, (CRITERIA_KEY,))],
        matrices=keys,
    )

"""Session isolation: two browsers on one server never see each other's model.

Context A uploads an edited model (a renamed factor and a changed judgment
under the political criterion, so its per-criterion limits differ); context B,
open on the same server before and after, keeps the paper's model and
ranking. The engine's caches are keyed by model content, so A's cached
networks cannot serve B.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from anp_core import dump_model, load_model
from tests.browser.test_browser_weights import rank_rows
from tests.support.browser import open_page
from tests.support.paper import MODEL_PATH

pytestmark = pytest.mark.browser

MARK = "Isolation marker factor"


def edited_model_bytes() -> bytes:
    model = load_model(MODEL_PATH)
    key = ("political", "nodes", "political", "credit_risk")
    model = model.with_judgment(key, "insurance_protection", "government_regulation", 9.0)
    data = json.loads(dump_model(model))
    data["clusters"][0]["nodes"][0]["name"] = MARK
    return json.dumps(data).encode()


def open_app(browser, app_url, wait_for_app):
    context = browser.new_context(viewport={"width": 1440, "height": 2300})
    page = context.new_page()
    page.set_default_timeout(30_000)
    open_page(page, app_url, "weights")
    expect(page.get_by_test_id("stVegaLiteChart").first).to_be_visible()
    return context, page


def test_an_upload_in_one_session_never_reaches_another(browser, app_url, wait_for_app, tmp_path):
    ctx_a, a = open_app(browser, app_url, wait_for_app)
    ctx_b, b = open_app(browser, app_url, wait_for_app)
    try:
        b_before = rank_rows(b)
        assert b_before[0][2] == "Government regulation"

        path = tmp_path / "edited.json"
        path.write_bytes(edited_model_bytes())
        a.get_by_test_id("stFileUploader").locator("input[type=file]").set_input_files(str(path))
        wait_for_app(a)
        expect(a.get_by_text(MARK).first).to_be_visible()
        # wait for the rank table's own state (it redraws after the rest of the page), then read it
        expect(a.get_by_test_id("stDataFrame").first.locator("table tbody")).to_contain_text(MARK)
        a_rows = rank_rows(a)
        assert any(MARK in r[2] for r in a_rows)
        assert a_rows != b_before

        b.reload()
        wait_for_app(b)
        expect(b.get_by_test_id("stVegaLiteChart").first).to_be_visible()
        assert rank_rows(b) == b_before
        assert b.get_by_text(MARK).count() == 0

        ctx_c, c = open_app(browser, app_url, wait_for_app)
        try:
            assert rank_rows(c) == b_before
            assert c.get_by_text(MARK).count() == 0
        finally:
            ctx_c.close()
        for p in (a, b):
            assert p.get_by_test_id("stException").count() == 0
        a.screenshot(path=tmp_path / "isolation_a.png", full_page=True)
        b.screenshot(path=tmp_path / "isolation_b.png", full_page=True)
    finally:
        ctx_a.close()
        ctx_b.close()

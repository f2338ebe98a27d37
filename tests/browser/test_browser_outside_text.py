"""Outside text in real Chromium: no live link, no external image, on any page (issue 11, item 5).

A model full of markdown and HTML payloads is uploaded in one browser session
(its file name is one too), and every page is opened: Chromium must render
no ``<a href="https://evil...">`` and no ``<img>`` at all. A shared link with
payloads in its parameter names and values is opened the same way.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from anp_core import dump_model
from tests.support.dashboard_models import payload_model

pytestmark = pytest.mark.browser

PAGES = [
    "Weights",
    "Judgments",
    "Sensitivity",
    "Uncertainty",
    "Scenarios",
    "Supermatrix",
    "Ecosystem",
    "Paper audit",
]
#: Links that leave the page for the payload's host (a heading's own "#..." anchor is not one).
EVIL_LINKS = 'a[href*="://evil"], a[*|href*="://evil"]'


def count_live(page) -> tuple[int, int]:
    """Links to the payload's host, and images of any kind, in the whole document."""
    return page.locator(EVIL_LINKS).count(), page.locator("img").count()


def visit_every_page(page, wait_for_app, tmp_path, tag: str) -> None:
    for title in PAGES:
        page.get_by_test_id("stSidebarNavLink").filter(has_text=title).click()
        wait_for_app(page)
        expect(page.get_by_test_id("stMain").get_by_test_id("stHeading").first).to_be_visible()
        if title == "Uncertainty":
            page.get_by_role("button", name="Run Monte Carlo").click()
            wait_for_app(page)
            expect(
                page.get_by_test_id("stMetric").filter(has_text="Top factor stays the same")
            ).to_have_count(1)
        page.wait_for_timeout(300)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        assert count_live(page) == (0, 0), title
        page.screenshot(path=str(tmp_path / f"{tag}_{title.replace(' ', '_').lower()}.png"), full_page=True)


def test_a_payload_model_renders_no_link_or_image_on_any_page(page, app_url, wait_for_app, tmp_path):
    page.goto(app_url)
    wait_for_app(page)
    path = tmp_path / "[Verify](https:__evil.example) ![p](https:__evil.example_p.png).json"
    path.write_text(dump_model(payload_model()), encoding="utf-8")
    page.get_by_test_id("stFileUploader").locator("input[type=file]").set_input_files(str(path))
    wait_for_app(page)
    expect(page.get_by_test_id("stSidebar").get_by_text("Verify").first).to_be_visible()
    visit_every_page(page, wait_for_app, tmp_path, "payload")


def test_a_payload_link_renders_no_link_or_image(page, app_url, wait_for_app, tmp_path):
    query = urlencode(
        {
            "w_[Official update](https://evil.example/phish)": "0.5",
            "w_![x](https://evil.example/p.png)": "1",
            "scenario": "[Verify account](https://evil.example) ![t](https://evil.example/t.png)",
        }
    )
    page.goto(f"{app_url}/?{query}")
    wait_for_app(page)
    page.wait_for_timeout(500)
    wait_for_app(page)
    warning = page.get_by_test_id("stAlertContentWarning")
    expect(warning).to_contain_text("2 parameters this model does not use")
    assert "evil" not in warning.inner_text()
    assert "phish" not in page.url  # the unknown parameters are dropped from the address
    assert "p.png" not in page.url
    visit_every_page(page, wait_for_app, tmp_path, "link")

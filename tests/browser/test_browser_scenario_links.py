"""A scenario that carries a judgment edit travels by link to a fresh browser (fixtures: tests/browser/conftest.py).

One person edits a judgment on the Judgments page, saves the sliders and the
edit as a scenario, and copies the link the Scenarios page shows; another
person (a fresh browser context, so a fresh session) opens it and finds the
edited judgment on their Judgments page. A broken link is refused with a
message and changes nothing.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.browser import no_exception, screenshot

pytestmark = pytest.mark.browser


def open_url(page, url: str, wait_for_app) -> None:
    page.goto(url)
    wait_for_app(page)
    page.wait_for_timeout(500)
    wait_for_app(page)


def first_pair(page):
    """The first pair slider of the Judgments page (the matrix it opens on)."""
    return page.get_by_test_id("stMain").get_by_test_id("stSlider").first


def test_a_scenario_link_carries_an_edited_judgment_to_a_fresh_session(
    browser, app_url, wait_for_app, tmp_path
):
    a = browser.new_context(viewport={"width": 1440, "height": 2000}).new_page()
    b = browser.new_context(viewport={"width": 1440, "height": 2000}).new_page()
    try:
        a.set_default_timeout(30_000)
        b.set_default_timeout(30_000)
        # ----- person A edits a judgment with the keyboard -----
        open_url(a, f"{app_url}/judgments", wait_for_app)
        no_exception(a)
        pair = first_pair(a)
        before = pair.get_by_test_id("stSliderThumbValue").inner_text()
        pair.get_by_role("slider").focus()
        for _ in range(3):
            a.keyboard.press("ArrowRight")
        wait_for_app(a)
        a.wait_for_timeout(500)
        wait_for_app(a)
        # The consistency verdict may be a success alert too (CR under 0.1):
        # find the edit's own message among them.
        expect(a.get_by_test_id("stAlertContentSuccess").filter(has_text="set to")).to_be_visible()
        edited = first_pair(a).get_by_test_id("stSliderThumbValue").inner_text()
        assert edited != before
        # ----- saves it with the sliders as a scenario and copies the link -----
        a.get_by_test_id("stSidebarNavLink").filter(has_text="Scenarios").click()
        wait_for_app(a)
        expect(a.get_by_test_id("stAlertContentInfo").first).to_contain_text(
            "You have edited 1 judgment matrix"
        )
        name = a.get_by_test_id("stMain").get_by_role("textbox", name="Scenario name")
        name.fill("Edited by keyboard")
        name.press("Enter")
        wait_for_app(a)
        a.get_by_role("button", name="Save scenario").click()
        wait_for_app(a)
        expect(
            a.get_by_test_id("stAlertContentSuccess").filter(has_text="It carries 1 edited judgment matrix")
        ).to_be_visible()
        expect(a.get_by_text("Link that opens these weights and judgments:")).to_be_visible()
        link = a.get_by_test_id("stCode").filter(has_text="j=").inner_text().strip()
        assert link.startswith(app_url)
        assert "&j=" in link
        screenshot(a, tmp_path / "a_scenarios.png")
        # ----- person B opens the link in a fresh context: the judgment is there -----
        open_url(b, link, wait_for_app)
        no_exception(b)
        expect(b.get_by_test_id("stAlertContentInfo").first).to_contain_text(
            "This link changes 1 judgment matrix"
        )
        b.get_by_test_id("stSidebarNavLink").filter(has_text="Judgments").click()
        wait_for_app(b)
        expect(first_pair(b).get_by_test_id("stSliderThumbValue")).to_have_text(edited)
        expect(b.get_by_test_id("stSidebar")).to_contain_text("judgments edited")
        screenshot(b, tmp_path / "b_judgments.png")
    finally:
        a.context.close()
        b.context.close()


def test_a_broken_judgment_link_is_refused_and_changes_nothing(browser, app_url, wait_for_app):
    page = browser.new_context(viewport={"width": 1440, "height": 1600}).new_page()
    try:
        open_url(page, f"{app_url}/judgments?j=%21%21not-a-link%21%21", wait_for_app)
        no_exception(page)
        warning = page.get_by_test_id("stAlertContentWarning").filter(has_text="could not be used")
        expect(warning).to_contain_text("not valid base64url")
        expect(page.get_by_test_id("stSidebar")).not_to_contain_text("judgments edited")
        assert "j=" not in page.url
    finally:
        page.context.close()

"""A deep link as the very first request to a fresh server opens the page inside the frame.

With page scripts in a folder named ``pages/``, Streamlit ran ``/weights`` alone on a cold
server (legacy multipage mode): no sidebar, no ``state.init()``. They live in ``views/``.
"""

from __future__ import annotations

from playwright.sync_api import expect

from tests.support.server import serve


def test_first_request_to_a_cold_server_is_a_deep_link(browser, tmp_path, wait_for_app):
    with serve("app.py", tmp_path / "server.log") as server:
        context = browser.new_context(viewport={"width": 1440, "height": 1600})
        page = context.new_page()
        try:
            page.goto(server.url + "/judgments")
            wait_for_app(page)
            expect(page.get_by_role("heading", name="Judgments")).to_be_visible()
            # the frame ran: our sidebar (model name) and our navigation, not Streamlit's folder list
            expect(page.get_by_test_id("stSidebar")).to_contain_text("Model:")
            expect(page.get_by_test_id("stSidebarNavLink").filter(has_text="Paper audit")).to_have_count(1)
            assert page.get_by_test_id("stException").count() == 0
        finally:
            context.close()

"""A failed browser test keeps its page (tests/browser/conftest.keep_failed_page) for reading after the run."""

from __future__ import annotations

from tests.browser.conftest import keep_failed_page


def test_a_failed_page_is_kept_as_a_screenshot_and_its_html(browser, tmp_path):
    context = browser.new_context(viewport={"width": 400, "height": 300})
    pg = context.new_page()
    pg.set_content("<h1>Weights</h1><p>what the test saw</p>")
    kept = keep_failed_page(pg, "tests/browser/test_x.py::test_y[a/b]", tmp_path / "kept")
    assert [p.suffix for p in kept] == [".png", ".html"]
    png, html = kept
    assert png.read_bytes().startswith(b"\x89PNG")
    assert "what the test saw" in html.read_text(encoding="utf-8")
    assert png.name == "tests_browser_test_x.py_test_y_a_b_.png"  # the test id made a file name
    context.close()
    # a page that is gone keeps nothing and raises nothing
    assert keep_failed_page(pg, "tests/browser/test_x.py::test_z", tmp_path / "kept") == []

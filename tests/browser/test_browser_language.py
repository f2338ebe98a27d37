"""The interface language in a real browser: the sidebar's switch, ``?lang=zh`` across page switches.

Streamlit's ``st.navigation`` rewrites the URL when the user moves to another
page; the frame (``dashboard.text.keep_language_in_url``) puts ``?lang=zh``
back from the session, so the address bar always reopens what the user sees.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from anp_core.i18n import translator
from tests.support.browser import no_exception

ZH = translator("zh")


def nav(page, title: str):
    return page.get_by_test_id("stSidebarNavLink").filter(has_text=title)


def lang_in_url(page) -> str | None:
    m = re.search(r"[?&]lang=([^&#]+)", page.url)
    return m.group(1) if m else None


def test_the_language_follows_the_switch_and_survives_page_switches(page, app_url, wait_for_app):
    page.goto(app_url + "/?lang=zh")
    wait_for_app(page)
    expect(page.get_by_role("heading", name=ZH("Start here"))).to_be_visible()
    expect(nav(page, ZH("Weights"))).to_have_count(1)
    assert page.title() == ZH("ANP explorer")

    nav(page, ZH("Weights")).click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name=ZH("Criterion weights and the ranking"))).to_be_visible()
    page.wait_for_function("() => new URLSearchParams(location.search).get('lang') === 'zh'")
    assert "/weights" in page.url

    nav(page, ZH("Judgments")).click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name=ZH("Judgments"), exact=True)).to_be_visible()
    page.wait_for_function("() => new URLSearchParams(location.search).get('lang') === 'zh'")

    # the switch in the sidebar: English, on the same page, and no ?lang= in the URL
    page.get_by_test_id("stSidebar").get_by_role("radio", name="English").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Judgments", exact=True)).to_be_visible()
    expect(nav(page, "Weights")).to_have_count(1)
    page.wait_for_function("() => !new URLSearchParams(location.search).has('lang')")
    assert "/judgments" in page.url

    nav(page, "Sensitivity").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Sensitivity to the criterion weights")).to_be_visible()
    assert lang_in_url(page) is None

    page.get_by_test_id("stSidebar").get_by_role("radio", name="简体中文").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name=ZH("Sensitivity to the criterion weights"))).to_be_visible()
    page.wait_for_function("() => new URLSearchParams(location.search).get('lang') === 'zh'")

    # the address bar reopens what the user sees
    page.goto(page.url)
    wait_for_app(page)
    expect(page.get_by_role("heading", name=ZH("Sensitivity to the criterion weights"))).to_be_visible()
    no_exception(page)


def test_widget_labels_carry_no_markdown_backslashes(page, app_url, wait_for_app):
    """A label's text is also its aria-label: escaping must not put backslashes there ("0\\.143", "\\&")."""
    for path in ("/weights", "/judgments"):
        page.goto(app_url + path)
        wait_for_app(page)
        expect(page.get_by_test_id("stSlider").first).to_be_visible()
        labels = page.eval_on_selector_all(
            "[aria-label]",
            "els => els.map(e => e.getAttribute('aria-label')).filter(t => t.includes('\\\\'))",
        )
        assert labels == [], labels
        no_exception(page)


#: What a screen reader can reach in the page's charts: aria-labels outside an aria-hidden group.
_CHART_LABELS = """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"] [aria-label]')]
  .filter(e => !e.closest('[aria-hidden="true"]'))
  .map(e => [e.getAttribute('aria-roledescription') || '', e.getAttribute('aria-label')])"""


def test_a_screen_reader_hears_the_charts_axes_and_legend_in_chinese(page, app_url, wait_for_app):
    page.goto(app_url + "/weights?lang=zh")
    wait_for_app(page)
    expect(page.get_by_test_id("stVegaLiteChart").locator("svg.marks")).to_have_count(2)
    labels = page.evaluate(_CHART_LABELS)
    axes = [label for role, label in labels if role == "axis"]
    legends = [label for role, label in labels if role == "legend"]
    assert len(axes) == 4, labels  # x and y of the two charts
    assert all(label.startswith((ZH("X axis"), ZH("Y axis"))) for label in axes), axes
    assert f"{ZH('X axis')}：{ZH('composite weight')}" in " ".join(axes)
    assert legends, labels
    assert all(label.startswith(ZH("Legend")) for label in legends), legends
    # Vega's own English phrases are gone, and the drawn title is read once, as the chart's name
    assert not [label for _, label in labels if re.search(r"axis|legend|Title text", label)], labels
    expect(page.get_by_test_id("stVegaLiteChart").first).to_have_attribute(
        "aria-label", re.compile("^" + re.escape(ZH("Composite weight of each factor")))
    )

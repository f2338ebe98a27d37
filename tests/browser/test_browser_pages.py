"""Supermatrix, Ecosystem, Paper audit and the Judgments charts in real headless Chromium.

Uses the ``app_url`` (a running ``streamlit run app.py``) and ``page`` (a
Playwright page) fixtures of ``tests/browser/conftest.py``. Each test opens its page through the
sidebar link, waits for the plotly chart, checks that no ``stException`` is
shown and saves a full-page screenshot under ``tmp_path``.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import no_exception, screenshot, wait_for_app

pytestmark = pytest.mark.browser


def open_from_sidebar(page: Page, app_url: str, title: str) -> None:
    page.goto(app_url)
    wait_for_app(page)
    page.get_by_test_id("stSidebarNavLink").filter(has_text=title).click()
    wait_for_app(page)


def wait_for_chart(page: Page) -> None:
    chart = (
        page.get_by_test_id("stPlotlyChart").filter(visible=True).first
    )  # charts in hidden tabs do not count
    expect(chart).to_be_visible(timeout=30_000)
    expect(chart.locator(".main-svg").first).to_be_attached(timeout=30_000)  # plotly has drawn


def test_supermatrix_page(page: Page, app_url: str, tmp_path) -> None:
    open_from_sidebar(page, app_url, "Supermatrix")
    expect(page.get_by_role("heading", name="Supermatrix, step by step")).to_be_visible()
    wait_for_chart(page)
    no_exception(page)
    heatmap = page.get_by_test_id("stPlotlyChart").filter(visible=True).first
    expect(heatmap.locator(".ytick text", has_text="Government regulation")).to_have_count(1)
    expect(heatmap.locator(".xtick text", has_text="Market segmentation")).to_have_count(1)
    screenshot(page, tmp_path / "supermatrix.png")

    # Another criterion, then the limit tab.
    page.get_by_test_id("stSelectbox").filter(has_text="Control criterion").click()
    page.get_by_role("option", name="Economic environment").click()
    wait_for_app(page)
    page.get_by_role("tab", name=re.compile("Limit")).click()
    wait_for_chart(page)
    no_exception(page)
    expect(page.get_by_role("combobox", name="Control criterion")).to_have_value("Economic environment")
    limit = page.get_by_test_id("stPlotlyChart").filter(visible=True).first
    # Limit priorities, one row of 20 equal cells each: comprehensive service platform is
    # 0.147 / 0.990 = 0.148 under economic; government regulation 0.178 / 0.991 = 0.180 under policy.
    expect(limit.locator("text", has_text=re.compile(r"^0\.148$"))).to_have_count(20)
    expect(limit.locator("text", has_text=re.compile(r"^0\.180$"))).to_have_count(0)
    expect(page.get_by_text("Download limit supermatrix as CSV")).to_be_visible()
    screenshot(page, tmp_path / "supermatrix_economic_limit.png")


def test_ecosystem_page(page: Page, app_url: str, tmp_path) -> None:
    open_from_sidebar(page, app_url, "Ecosystem")
    expect(
        page.get_by_role("heading", name=re.compile("^Cross-border e-commerce and characteristic"))
    ).to_be_visible()
    wait_for_chart(page)
    no_exception(page)
    chart = page.get_by_test_id("stPlotlyChart").first
    label = chart.locator(".textpoint text", has_text="Government regulation")
    expect(label).to_have_count(1)
    before = label.text_content()
    caption = page.get_by_test_id("stCaptionContainer").filter(has_text="Node size (area)")
    weights_before = caption.inner_text()
    screenshot(page, tmp_path / "ecosystem.png")

    # Raise the political weight: the factor weights drawn in the diagram change.
    slider = page.get_by_test_id("stSlider").filter(has_text="Political").get_by_role("slider")
    for _ in range(5):
        slider.focus()
        page.keyboard.press("ArrowRight")
        wait_for_app(page)
    no_exception(page)
    expect(caption).not_to_have_text(weights_before)
    expect(label).not_to_have_text(before or "")
    screenshot(page, tmp_path / "ecosystem_political_up.png")


def test_audit_page(page: Page, app_url: str, tmp_path) -> None:
    open_from_sidebar(page, app_url, "Paper audit")
    expect(page.get_by_role("heading", name=re.compile("Paper audit"))).to_be_visible()
    wait_for_chart(page)
    no_exception(page)
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
    assert page.get_by_test_id("stDataFrame").count() >= 9
    expect(page.get_by_test_id("stAlertContentInfo").filter(has_text="reconstructed")).to_be_visible()
    expect(page.get_by_text("Download the whole audit as CSV")).to_be_visible()
    screenshot(page, tmp_path / "audit.png")


def test_supermatrix_picker_shows_an_example_converge(page: Page, app_url: str, tmp_path) -> None:
    """The picker lists the example models; one with feedback draws a decaying convergence curve."""
    open_from_sidebar(page, app_url, "Supermatrix")
    wait_for_chart(page)
    picker = page.get_by_test_id("stSelectbox").filter(has_text="Model")
    picker.click()
    options = page.get_by_role("option")
    expect(options.first).to_be_visible()
    names = options.all_inner_texts()
    assert names[0].startswith("The model you are working on")
    assert any(n.startswith("Example: ") for n in names[1:]), names
    feedback = next(k for k, n in enumerate(names) if "feedback" in n.lower() or "coffee" in n.lower())
    options.nth(feedback).click()
    wait_for_app(page)
    wait_for_chart(page)
    no_exception(page)
    expect(page.get_by_test_id("stMarkdownContainer").filter(has_text="Reading the curve")).to_have_count(1)
    screenshot(page, tmp_path / "supermatrix_example.png")


def test_judgments_charts_name_every_bar_and_cell(page: Page, app_url: str, tmp_path) -> None:
    """The Judgments page's Vega charts: a name for each bar and cell, and the cell's sentence on hover."""
    open_from_sidebar(page, app_url, "Judgments")
    charts = page.get_by_test_id("stVegaLiteChart")
    expect(charts).to_have_count(2, timeout=30_000)
    bars, heatmap = charts.nth(0), charts.nth(1)
    expect(bars.locator("[role='graphics-symbol'][aria-label^='Government regulation: 0.5']")).to_have_count(
        1
    )
    cells = heatmap.locator("g.mark-rect [role='graphics-symbol']")
    expect(cells).to_have_count(16)  # the paper's first matrix: 4 x 4
    expect(cells.nth(3)).to_have_attribute(
        "aria-label", "Government regulation over Insurance protection: 25.43"
    )
    # pointing at the judgment written in the cell shows the cell's sentence (not the text mark's fields)
    text = heatmap.locator("g.mark-text text", has_text="25.43").first
    box = text.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page.locator("#vg-tooltip-element")).to_have_text(
        "Government regulation over Insurance protection: 25.43"
    )
    # the priorities table's columns fit its column of the page: no number is cut at its right edge
    table = page.locator('[data-testid="stDataFrame"]:has(th:text-is("Loaded"))')  # (the grid's hidden table)
    scroller = table.locator(".dvn-scroller")
    expect(scroller).to_be_attached()
    overflow = scroller.evaluate("e => e.scrollWidth - e.clientWidth")
    assert overflow <= 1, f"the priorities table is {overflow} px wider than its column"
    no_exception(page)
    screenshot(page, tmp_path / "judgments.png")


#: Is this element's text wider than its box (it, or an element inside it, is cut at its edge)?
IS_CUT = "(e) => [e, ...e.querySelectorAll('*')].some((x) => x.scrollWidth > x.clientWidth + 1)"


def cut(elements) -> list[str]:
    """The text of each of ``elements`` (a locator) that is cut at its box's edge."""
    return elements.evaluate_all(f"(els) => els.filter({IS_CUT}).map((e) => e.textContent)")


@pytest.mark.parametrize("title", ["Judgments", "Supermatrix"])
def test_figures_are_whole_beside_the_sidebar_on_a_narrow_screen(
    page: Page, app_url: str, title: str
) -> None:
    """At 900 px with the sidebar open, every figure's label and value is whole (they wrap, not cut)."""
    page.set_viewport_size({"width": 900, "height": 1400})
    open_from_sidebar(page, app_url, title)
    expect(page.get_by_test_id("stSidebar")).to_be_visible()
    expect(page.get_by_test_id("stMetricValue").first).to_be_visible(timeout=30_000)
    figures = page.locator(
        '[data-testid="stMain"] [data-testid="stMetricValue"], [data-testid="stMain"] [data-testid="stMetricLabel"]'
    )
    assert figures.count() >= 6
    assert cut(figures) == [], "figures cut at their box's edge"
    no_exception(page)


def test_step_by_step_buttons_are_whole_beside_the_sidebar_on_a_narrow_screen(
    page: Page, app_url: str
) -> None:
    """At 900 px with the sidebar open, Back and Next read whole (as shares of columns: "B." and "N.")."""
    page.set_viewport_size({"width": 900, "height": 1000})
    open_from_sidebar(page, app_url, "ANP step by step")
    for name in ("Back", "Next"):
        button = page.get_by_role("button", name=name, exact=True)
        expect(button).to_be_visible()
        assert cut(button) == [], f"{name} is cut"
    no_exception(page)


def test_start_page_routes_are_whole_beside_the_sidebar_on_a_narrow_screen(page: Page, app_url: str) -> None:
    """At 900 px with the sidebar open, every route's page links and brief buttons read whole.

    As thirds of a row of columns they were cut to "1. Scenar" and "Polic…"; the routes now wrap.
    """
    page.set_viewport_size({"width": 900, "height": 1400})
    page.goto(app_url)
    wait_for_app(page)
    links = page.get_by_test_id("stMain").get_by_test_id("stPageLink")
    expect(links.first).to_be_visible()
    assert links.count() >= 11  # three routes of 3 or 4 steps
    downloads = page.get_by_test_id("stMain").get_by_test_id("stDownloadButton")
    assert cut(links.or_(downloads)) == []
    no_exception(page)


def test_scenario_buttons_are_whole_beside_the_sidebar_on_a_narrow_screen(page: Page, app_url: str) -> None:
    """At 900 px with the sidebar open, "Apply to sliders: <name>" and the download wrap, not cut ("Tari…")."""
    page.set_viewport_size({"width": 900, "height": 1400})
    open_from_sidebar(page, app_url, "Scenarios")
    apply = page.get_by_role("button", name="Apply to sliders", exact=False)
    expect(apply).to_be_visible(timeout=30_000)
    for button in (apply, page.get_by_role("button", name="Download this scenario (JSON)")):
        assert cut(button) == [], button.inner_text()
    no_exception(page)


def test_monte_carlo_table_fits_beside_the_sidebar_at_1440_px(page: Page, app_url: str) -> None:
    """The stability table's Factor column is as wide as its longest name (it was 400 px, so the P(top k)
    columns needed a sideways scroll at 1440 px with the sidebar open)."""
    page.set_viewport_size({"width": 1440, "height": 1200})
    open_from_sidebar(page, app_url, "Uncertainty")
    page.get_by_role("button", name="Run Monte Carlo").click()
    expect(page.get_by_role("heading", name="Stability verdict per factor")).to_be_visible(timeout=120_000)
    table = page.locator('[data-testid="stDataFrame"]:has(th:text-is("Verdict"))')
    scroller = table.locator(".dvn-scroller")
    expect(scroller).to_be_attached()
    overflow = scroller.evaluate("e => e.scrollWidth - e.clientWidth")
    assert overflow <= 1, f"the stability table is {overflow} px wider than its column"
    no_exception(page)


def test_no_page_fetches_anything_from_outside(page: Page, app_url: str) -> None:
    """No internet at run time: every page, in both languages, loads only from the app's own server.

    (A ``:material/...`` favicon, for one, makes the browser fetch it from fonts.gstatic.com.)
    """
    outside: list[str] = []
    page.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith((app_url, "data:", "blob:")) else None,
    )
    page.goto(app_url)
    wait_for_app(page)
    links = page.get_by_test_id("stSidebarNavLink")
    paths = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
    assert len(paths) >= 10
    for path in paths:
        for lang in ("en", "zh"):
            page.goto(f"{path.split('?')[0]}?lang={lang}" if path.startswith("http") else f"{app_url}/{path}")
            wait_for_app(page)
    assert outside == []

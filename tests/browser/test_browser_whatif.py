"""What-if pages and shared links in real Chromium (fixtures: tests/browser/conftest.py).

The shared-link tests run against the session's ``app.py`` server (``app_url``).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from playwright.sync_api import expect

from anp_core import load_model
from anp_core.scenarios import load_scenario
from dashboard import sensitivity_lines, url_state
from tests.support.browser import no_exception, wait_for_charts

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "data" / "scenarios"
#: Criterion names as the Effective weights line shows them: in full, never cut to a word.
SHORT = {
    "policy": "Policy environment",
    "economic": "Economic environment",
    "political": "Political environment",
    "technological": "Technological environment",
    "socio_cultural": "Socio-cultural environment",
}


@pytest.fixture
def wpage(browser, app_url, wait_for_app):
    """A fresh page on the What-if server, after one visit of the root URL."""
    context = browser.new_context(viewport={"width": 1440, "height": 2300})
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    pg.goto(app_url + "/")
    wait_for_app(pg)
    yield pg
    context.close()


def open_url(page, url: str, wait_for_app) -> None:
    page.goto(url)
    wait_for_app(page)
    page.wait_for_timeout(500)
    wait_for_app(page)


def effective_weights_text(weights: dict[str, float]) -> str:
    return " · ".join(f"{SHORT[c]} {w:.3f}" for c, w in weights.items())


@pytest.mark.parametrize("sid", ["tariff_escalation", "tech_decoupling"])
def test_a_shared_link_shows_the_scenarios_weights_on_the_weights_page(
    wpage, app_url, wait_for_app, sid, tmp_path
):
    target = load_scenario(SCENARIOS / f"{sid}.json")
    query = urlencode(url_state.encode(target.criterion_weights, target.name))
    open_url(wpage, f"{app_url}/?{query}", wait_for_app)
    no_exception(wpage)
    expect(wpage.get_by_test_id("stMarkdownContainer").filter(has_text="Effective weights")).to_contain_text(
        effective_weights_text(target.criterion_weights)
    )
    sliders = wpage.get_by_test_id("stSlider")
    expect(sliders.filter(has_text="Political environment")).to_contain_text(
        f"{target.criterion_weights['political']:.3f}"
    )
    expect(wpage.get_by_test_id("stSidebar").get_by_role("textbox", name="Scenario name")).to_have_value(
        target.name
    )
    wpage.screenshot(path=str(tmp_path / f"shared_{sid}.png"), full_page=True)


def test_applying_a_scenario_puts_a_shareable_link_in_the_address_bar(wpage, app_url, wait_for_app, browser):
    open_url(wpage, f"{app_url}/scenarios", wait_for_app)
    no_exception(wpage)
    button = wpage.get_by_role("button", name=re.compile(r"^Apply to sliders"))
    name = button.inner_text().split(": ", 1)[1].strip()
    button.click()
    wait_for_app(wpage)
    expect(
        wpage.get_by_test_id("stAlertContentSuccess").filter(has_text="The sliders now hold")
    ).to_be_visible()
    wpage.wait_for_timeout(500)
    query = parse_qs(urlsplit(wpage.url).query)
    assert query["scenario"] == [name]
    weights = {k[2:]: float(v[0]) for k, v in query.items() if k.startswith("w_")}
    assert sum(weights.values()) == pytest.approx(1.0, abs=1e-5)
    # a different person (a fresh browser context) opens the address
    other = browser.new_context(viewport={"width": 1440, "height": 2300}).new_page()
    try:
        open_url(other, wpage.url, wait_for_app)
        no_exception(other)
        full = {c: weights.get(c, 0.0) for c in SHORT}
        expect(other.get_by_test_id("stHeading").filter(has_text="Scenarios")).to_have_count(1)
        other.get_by_test_id("stSidebarNavLink").filter(has_text="Weights").click()
        wait_for_app(other)
        expect(
            other.get_by_test_id("stMarkdownContainer").filter(has_text="Effective weights")
        ).to_contain_text(effective_weights_text(full))
    finally:
        other.context.close()


def test_a_malformed_link_shows_a_warning_and_the_baseline(wpage, app_url, wait_for_app):
    open_url(wpage, f"{app_url}/?w_policy=abc&w_economic=0.9&w_atlantis=1", wait_for_app)
    no_exception(wpage)
    warning = wpage.get_by_test_id("stAlertContentWarning").filter(has_text="could not be used")
    expect(warning).to_contain_text("w_policy is not a number")
    expect(warning).to_contain_text("1 parameter this model does not use")
    expect(warning).not_to_contain_text("atlantis")  # unknown names are dropped, never echoed
    paper = {
        "policy": 0.422,
        "economic": 0.242,
        "political": 0.181,
        "technological": 0.106,
        "socio_cultural": 0.049,
    }
    expect(wpage.get_by_test_id("stMarkdownContainer").filter(has_text="Effective weights")).to_contain_text(
        effective_weights_text(paper)
    )
    assert "w_" not in urlsplit(wpage.url).query


@pytest.mark.parametrize("page_name", ["sensitivity", "uncertainty", "scenarios"])
def test_screenshot_each_what_if_page(wpage, app_url, wait_for_app, page_name, tmp_path):
    open_url(wpage, f"{app_url}/{page_name}", wait_for_app)
    no_exception(wpage)
    if page_name == "uncertainty":
        wpage.get_by_role("button", name="Run Monte Carlo").click()
        wait_for_app(wpage)
        expect(wpage.get_by_test_id("stMetric").filter(has_text="Top factor stays the same")).to_have_count(1)
    expect(
        wpage.locator('[data-testid="stPlotlyChart"], [data-testid="stVegaLiteChart"]').first
    ).to_be_visible()
    wait_for_charts(wpage)
    wpage.wait_for_timeout(1000)
    path = tmp_path / f"{page_name}.png"
    wpage.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 20_000
    no_exception(wpage)


def test_sensitivity_lines_are_drawn_from_one_row_per_line(wpage, app_url, wait_for_app):
    """The browser makes each line's points from its row (a + b t): 20 lines, 2 end markers each, and a hover."""
    open_url(wpage, f"{app_url}/sensitivity", wait_for_app)
    no_exception(wpage)
    chart = wpage.get_by_test_id("stVegaLiteChart").first
    expect(chart.locator("svg.marks")).to_be_attached()
    expect(chart.locator("g.mark-line path")).to_have_count(20)
    # symbol layers: the end markers (40), the hover samples (20 lines x SAMPLES), the crossings
    sizes = [g.locator("path").count() for g in chart.locator("g.mark-symbol").all()]
    assert 40 in sizes
    assert 20 * sensitivity_lines.SAMPLES in sizes
    box = chart.locator("svg.marks").bounding_box()
    assert box is not None
    wpage.mouse.move(box["x"] + box["width"] * 0.4, box["y"] + box["height"] * 0.3)
    tip = wpage.locator("#vg-tooltip-element")
    # the sample nearest the pointer, whichever line it is on: a factor, its weight there and composite
    model = load_model(ROOT / "data/models/cbec_trade_war.json")
    names = "|".join(re.escape(model.label(f)) for f in model.ranked_node_ids)
    expect(tip).to_contain_text(re.compile(f"({names})"))
    expect(tip).to_contain_text(re.compile(r"policy environment weight\s*0\.\d\d"))
    expect(tip).to_contain_text("composite")


def test_sensitivity_tornado_draws_two_bars_per_criterion_and_factor(wpage, app_url, wait_for_app):
    """The tornado (Vega-Lite): 5 top factors x 5 criteria x 2 bars, each named for a screen reader; a hover."""
    open_url(wpage, f"{app_url}/sensitivity", wait_for_app)
    no_exception(wpage)
    chart = wpage.get_by_test_id("stVegaLiteChart").nth(1)
    chart.scroll_into_view_if_needed()
    expect(chart.locator("svg.marks")).to_be_attached()
    bars = chart.locator("g.mark-rect path[role='graphics-symbol']")
    expect(bars).to_have_count(50)
    labels = [bars.nth(i).get_attribute("aria-label") or "" for i in range(bars.count())]
    assert sum("criterion weight −0.1:" in a for a in labels) == 25
    assert sum("criterion weight +0.1:" in a for a in labels) == 25
    assert sum(a.startswith("Government regulation, ") for a in labels) == 10  # each bar names its factor
    expect(chart.locator("g.mark-text text").filter(has_text="Government regulation")).to_have_count(1)
    box = bars.first.bounding_box()
    assert box is not None
    wpage.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tip = wpage.locator("#vg-tooltip-element")
    expect(tip).to_contain_text("criterion weight")
    expect(tip).to_contain_text(re.compile(r"change\s*[+−-]0\.\d{4}"))

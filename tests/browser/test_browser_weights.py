"""Weights and Judgments pages in real headless Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.browser import open_page

pytestmark = pytest.mark.browser


def rank_rows(page) -> list[tuple[str, str, str]]:
    """(rank, change, factor) of each row of the rank table.

    The dataframe is drawn on a canvas; its hidden accessibility table holds
    the visible columns' text.
    """
    table = page.get_by_test_id("stDataFrame").first
    expect(table).to_be_visible()
    rows = table.locator("table tbody tr")
    expect(rows).to_have_count(20)
    out = []
    for r in rows.all():
        cells = [c.text_content() or "" for c in r.locator("td").all()]
        out.append((cells[0].strip(), cells[1].strip(), cells[2].strip()))
    return out


def expect_row(page, i: int, *cells: str) -> None:
    """Wait until row ``i`` of the rank table shows ``cells`` (rank, change, factor): state, not time."""
    row = page.get_by_test_id("stDataFrame").first.locator("table tbody tr").nth(i)
    for k, text in enumerate(cells):
        expect(row.locator("td").nth(k)).to_have_text(text)


def expect_slider(page, label: str, text: str) -> None:
    expect(
        page.get_by_test_id("stSlider").filter(has_text=label).get_by_test_id("stSliderThumbValue")
    ).to_have_text(text)


def slider_value(page, label: str) -> str:
    return (
        page.get_by_test_id("stSlider")
        .filter(has_text=label)
        .get_by_test_id("stSliderThumbValue")
        .inner_text()
    )


def open_weights(page, app_url, wait_for_app):
    open_page(page, app_url, "weights")
    charts = page.get_by_test_id("stVegaLiteChart")
    expect(charts).to_have_count(2)
    for i in range(2):  # Vega has drawn both (an SVG each)
        expect(charts.nth(i).locator("svg.marks")).to_be_visible()


def test_political_slider_by_keyboard_changes_the_ranking(page, app_url, wait_for_app, tmp_path):
    open_weights(page, app_url, wait_for_app)
    expect_slider(page, "Political", "0.181")
    expect_row(page, 4, "5", "–", "Product & brand")
    before = rank_rows(page)
    page.screenshot(path=tmp_path / "weights_default.png", full_page=True)

    thumb = page.get_by_test_id("stSlider").filter(has_text="Political").get_by_role("slider")
    thumb.focus()
    page.keyboard.press("ArrowRight")
    wait_for_app(page)
    expect(
        page.get_by_test_id("stSlider").filter(has_text="Political").get_by_test_id("stSliderThumbValue")
    ).to_have_text("0.190")
    # the others were rescaled proportionally, and the URL carries all the weights
    expect_slider(page, "Policy", "0.418")
    assert "w_political=0.19" in page.url
    assert "w_policy=0.418" in page.url

    thumb.focus()
    page.keyboard.press("End")
    wait_for_app(page)
    expect(
        page.get_by_test_id("stSlider").filter(has_text="Political").get_by_test_id("stSliderThumbValue")
    ).to_have_text("1.000")
    for other in ("Policy", "Economic", "Technological", "Socio-cultural"):
        expect_slider(page, other, "0.000")
    # Product & brand climbs from 5th to 3rd under the political criterion alone
    expect_row(page, 2, "3", "▲2", "Product & brand")
    expect_row(page, 3, "4", "▼1", "Electronic payment")
    assert rank_rows(page) != before
    assert page.get_by_test_id("stException").count() == 0
    page.wait_for_timeout(500)
    page.screenshot(path=tmp_path / "weights_political_max.png", full_page=True)

    # a page round trip keeps the slider values (persist_state + URL binding)
    page.get_by_test_id("stSidebarNavLink").filter(has_text="Judgments").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Judgments")).to_be_visible()
    expect(page.get_by_test_id("stVegaLiteChart").first).to_be_visible()  # the priorities bar
    page.wait_for_timeout(500)
    assert page.get_by_test_id("stException").count() == 0
    page.screenshot(path=tmp_path / "judgments.png", full_page=True)
    page.get_by_test_id("stSidebarNavLink").filter(has_text="Weights").click()
    wait_for_app(page)
    expect(
        page.get_by_test_id("stSlider").filter(has_text="Political").get_by_test_id("stSliderThumbValue")
    ).to_have_text("1.000")
    expect_row(page, 2, "3", "▲2", "Product & brand")
    assert "w_political=1" in page.url


def test_shared_url_opens_with_its_weights(page, app_url, wait_for_app):
    page.goto(f"{app_url}/?w_political=1")
    wait_for_app(page)
    expect(page.get_by_test_id("stVegaLiteChart").first).to_be_visible()
    assert slider_value(page, "Political") == "1.000"
    assert slider_value(page, "Policy") == "0.000"
    assert rank_rows(page)[2] == ("3", "▲2", "Product & brand")
    assert page.get_by_test_id("stException").count() == 0


#: Words (runs of Latin letters) of the top cards that a line break splits: a word whose range has
#: two boxes starts on one line and ends on the next ("Comprehensi" / "ve").
BROKEN_WORDS = """() => {
  const out = [];
  const paragraphs = document.querySelectorAll('[data-testid="stMain"] [data-testid="stMarkdownContainer"] p');
  for (const card of paragraphs) {
    const walker = document.createTreeWalker(card, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.textContent.matchAll(/[A-Za-z]{2,}/g)) {
        const r = document.createRange();
        r.setStart(node, m.index);
        r.setEnd(node, m.index + m[0].length);
        const tops = new Set([...r.getClientRects()].map((b) => Math.round(b.top)));
        if (tops.size > 1) out.push(m[0]);
      }
    }
  }
  return out;
}"""


@pytest.mark.parametrize(("width", "lang"), [(1280, "en"), (900, "en"), (900, "zh")])
def test_top_cards_break_no_word_beside_the_sidebar(page, app_url, width, lang):
    """No word of the page's text is split over two lines (as shares of a row, the top cards broke
    "Comprehensive" at 1280 px with the sidebar open); the cards wrap instead."""
    page.set_viewport_size({"width": width, "height": 1200})
    open_page(page, app_url, f"weights?lang={lang}")
    expect(page.get_by_test_id("stSidebar")).to_be_visible()
    expect(page.get_by_test_id("stMain").get_by_text("#1", exact=False).first).to_be_visible()
    assert page.evaluate(BROKEN_WORDS) == []


#: The composite chart's widest bar and its width, the chart's width, and its y labels Vega cut ("…").
COMPOSITE_BARS = """() => {
  const chart = document.querySelector('[data-testid="stVegaLiteChart"][aria-label^="Composite weight"]');
  const bars = [...chart.querySelectorAll('g.mark-rect.role-mark.layer_0_marks path')]
    .map((p) => p.getBoundingClientRect().width);
  const cut = [...chart.querySelectorAll('g.role-axis-label text')]
    .map((t) => t.textContent).filter((t) => t.endsWith('…'));
  return {widest: Math.max(...bars), chart: chart.getBoundingClientRect().width, cut};
}"""


@pytest.mark.parametrize("width", [900, 1280])
def test_composite_chart_keeps_room_for_its_bars(page, app_url, width):
    """Beside the sidebar at 900 px the factor names took the whole chart and no bar showed: they are cut
    at half the chart's width there, and whole at 1280 px."""
    page.set_viewport_size({"width": width, "height": 1600})
    open_page(page, app_url, "weights")
    # (named, not the first chart on the page: under load the cluster shares may be drawn first)
    chart = page.locator('[data-testid="stVegaLiteChart"][aria-label^="Composite weight"]')
    expect(chart.locator("g.mark-rect.role-mark.layer_0_marks path")).to_have_count(20, timeout=30_000)
    seen = page.evaluate(COMPOSITE_BARS)
    assert seen["widest"] >= 0.1 * seen["chart"], seen  # (the notes need room right of the bars too)
    if width == 1280:
        assert seen["cut"] == []
    else:  # the limit follows the window: made wider, the chart shows the names whole again
        page.set_viewport_size({"width": 1440, "height": 1600})
        page.wait_for_function(f"() => ({COMPOSITE_BARS})().cut.length === 0", timeout=30_000)

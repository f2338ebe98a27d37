"""The Model page in real headless Chromium: build a 3-cluster network with feedback from scratch, see its limit.

A (a1, a2) -> B (b1, b2) -> C (c1, c2) -> A, and C -> B: the feedback loop
B -> C -> B makes the weighted supermatrix primitive. Every step is a user's
(typing, pressing Enter, ticking, choosing on the verbal scale); each wait
is for state (``expect``), never a sleep. The limit priorities the page
shows are compared with what ``anp_core`` computes for the same network.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from anp_core import edit as ed
from anp_core import edit_links as lk
from anp_core.draft import to_model
from anp_core.evaluate import criterion_network

pytestmark = pytest.mark.browser

MAIN_HEIGHT = (
    "() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
    " return m ? m.scrollHeight : document.body.scrollHeight; }"
)
LINKS = (("A", ["B"]), ("B", ["C"]), ("C", ["A", "B"]))


def _expected() -> dict[str, float]:
    """The same network built with anp_core: every judgment 'row element 3 · moderate'."""
    d = ed.new_draft("Class network")
    for cl in "ABC":
        d = ed.add_cluster(d, cl).draft
        for k in (1, 2):
            d = ed.add_node(d, cl.lower(), f"{cl.lower()}{k}").draft
    for src, targets in LINKS:
        for t in targets:
            d = lk.set_link(d, "overall", src.lower(), t.lower(), True).draft
    for comp in d.comparisons:
        d = lk.set_judgment(d, comp.key, comp.elements[0], comp.elements[1], 3.0).draft
    model = to_model(d)
    prio = criterion_network(model, "overall").priorities
    return dict(zip(model.node_ids, prio.tolist(), strict=True))


def _screenshot(page: Page, path) -> None:
    width = page.viewport_size["width"] if page.viewport_size else 1440
    page.set_viewport_size({"width": width, "height": max(900, int(page.evaluate(MAIN_HEIGHT)) + 40)})
    expect(page.get_by_test_id("stPlotlyChart").first.locator(".main-svg").first).to_be_attached()
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 20_000


def _add(page: Page, wait_for_app, label: str, name: str) -> None:
    field = page.get_by_label(label, exact=True)
    field.fill(name)
    field.press("Enter")
    wait_for_app(page)


def test_build_a_three_cluster_network_with_feedback(
    page: Page, app_url: str, wait_for_app, tmp_path
) -> None:
    page.goto(app_url)
    wait_for_app(page)
    page.get_by_test_id("stSidebarNavLink").filter(has_text="Model").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Model", exact=True)).to_be_visible()

    # from scratch
    page.get_by_label("Model name", exact=True).fill("Class network")
    page.get_by_role("button", name="Start").click()
    wait_for_app(page)
    expect(page.get_by_text("Started Class network")).to_be_visible()

    # structure: three clusters of two nodes
    for cl in "ABC":
        _add(page, wait_for_app, "New cluster", cl)
        expect(page.get_by_label(f"New node of {cl}", exact=True)).to_be_visible()
        for k in (1, 2):
            _add(page, wait_for_app, f"New node of {cl}", f"{cl.lower()}{k}")
            expect(page.get_by_text(f"Added node {cl.lower()}{k} to {cl}.")).to_be_visible()
    expect(page.get_by_text("Criterion Overall has no network yet")).to_be_visible()

    # links, with feedback: A -> B -> C -> A and C -> B
    page.get_by_role("radio", name="Links").click()
    wait_for_app(page)
    for src, targets in LINKS:
        page.get_by_test_id("stSelectbox").filter(has_text="Compare with respect to").click()
        name = f"Cluster {src} as a whole (one matrix shared by all its nodes)"  # one matrix per link
        page.get_by_role("option", name=name, exact=True).click()
        wait_for_app(page)
        for t in targets:
            box = page.get_by_test_id("stCheckbox").filter(has_text=re.compile(f"^{t}$"))
            box.locator("label").click()
            wait_for_app(page)
            expect(box.get_by_role("checkbox")).to_be_checked()
    blocking = page.get_by_text("Blocks the model")
    expect(blocking).to_have_count(4)  # one matrix per link, none judged yet
    expect(page.get_by_text(re.compile("weighted supermatrix is primitive"))).to_be_visible()
    _screenshot(page, tmp_path / "model_links.png")

    # judgments on the verbal scale, matrix after matrix
    page.get_by_role("radio", name="Judgments").click()
    wait_for_app(page)
    for left in range(4, 0, -1):
        pair = page.get_by_test_id("stSelectbox").filter(has_text=" vs ").first
        expect(pair.get_by_role("combobox")).to_have_value(re.compile("not judged yet"))
        pair.click()
        page.get_by_role("option").filter(has_text="3 · moderate").first.click()
        wait_for_app(page)
        expect(pair.get_by_role("combobox")).to_have_value(re.compile("3 · moderate"))
        if left > 1:
            page.get_by_role("button", name=re.compile(r"Next matrix to judge")).click()
            wait_for_app(page)
    expect(page.get_by_text("Complete model")).to_be_visible()
    expect(page.get_by_text("Blocks the model")).to_have_count(0)

    # results: the limit priorities, as anp_core computes them
    page.get_by_role("radio", name="Results").click()
    wait_for_app(page)
    table = page.get_by_test_id("stTable")
    expect(table).to_contain_text("Limit priority")
    expect(page.get_by_text(re.compile("Limit: primitive"))).to_be_visible()
    shown = {}
    for row in table.locator("tbody tr").all():
        cells = [c.strip() for c in row.locator("td, th").all_inner_texts()]
        shown[cells[1]] = float(cells[-1])
    expected = _expected()
    assert set(shown) == set(expected)
    np.testing.assert_allclose([shown[k] for k in expected], list(expected.values()), atol=6e-5)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    _screenshot(page, tmp_path / "model_results.png")

    # the dashboard takes it
    page.get_by_role("button", name="Use this model", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_text("Class network is now the dashboard's model")).to_be_visible()
    expect(page.get_by_test_id("stSidebar")).to_contain_text("Class network")

"""Keyboard only (WCAG 2.1, 2.1.1 and 2.4.7): the judgment editor and the sidebar, driven by Tab, arrows, Enter, Space.

No click and no mouse anywhere: a control is reached by pressing Tab until it has the focus
(which also proves it is in the tab order), and operated by keys. Every step waits for the
app's state (Streamlit's idle marker, then ``expect``, which retries); nothing sleeps and reads.
Focus must be visible (the ring of dashboard/focus.css, checked in the computed style and in
the pixels of a screenshot) and must stay where the user was after an edit reruns the page.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import FileChooser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from anp_core import evaluate, load_model
from anp_core.excel import results_frame
from tests.conftest import note
from tests.support.browser import no_exception, open_page, wait_for_app, wait_for_charts
from tests.support.paper import MODEL_PATH, ROOT

pytestmark = pytest.mark.browser

#: The focus ring of dashboard/focus.css: 3 px, solid, the theme's primary colour.
RING = ("solid", "3px", "rgb(31, 95, 139)")
RING_RGB = (31, 95, 139)
MAX_TABS = 160
IN_EDITOR = "(e) => !!(e && e.closest('[class*=\"st-key-matrix\"]'))"
SELECTED_CELL = (
    '() => { const c = document.querySelector(\'[class*="st-key-matrix"] td[aria-selected="true"]\');'
    " return c ? c.id : null; }"
)


def open_for_keys(page: Page, app_url: str, path: str) -> None:
    """Open a page and wait until it is idle, its charts are drawn and its focus style (dashboard/focus.css) is in."""
    open_page(page, app_url, path)
    wait_for_charts(page)
    page.wait_for_function(
        "() => [...document.querySelectorAll('style')].some((s) => s.textContent.includes('#1f5f8b !important'))"
    )


def undo(page: Page, edits: int):
    """The sidebar's Undo button as it reads after ``edits`` edits ("Undo (2)"; "Undo" when there is none)."""
    name = f"Undo ({edits})" if edits else "Undo"
    return page.get_by_test_id("stSidebar").get_by_role("button", name=name, exact=True)


#: A short description of the focused element (tag, test id, widget key, accessible name), for a failing walk.
_FOCUS_STOP = """(e) => {
  if (!e) return "(none)";
  const key = e.closest('[class*="st-key-"]');
  const name = (e.getAttribute('aria-label') || e.innerText || '').replace(/\\s+/g, ' ').trim().slice(0, 40);
  return [e.tagName.toLowerCase(), e.dataset.testid || '', key ? key.className.match(/st-key-\\S+/)[0] : '', name]
    .filter(Boolean).join(' ');
}"""


def tab_until(page: Page, predicate: str, *, key: str = "Tab") -> int:
    """Press ``key`` until ``predicate(document.activeElement)`` (a JS function) holds; return the presses.

    When it is not reached, the message lists where the focus went at each press.
    """
    stops: list[str] = []
    for n in range(1, MAX_TABS + 1):
        page.keyboard.press(key)
        reached, stop = page.evaluate(
            f"() => [!!({predicate})(document.activeElement), ({_FOCUS_STOP})(document.activeElement)]"
        )
        if reached:
            return n
        stops.append(stop)
    walk = "\n".join(f"  {i}: {stop}" for i, stop in enumerate(stops, 1))
    raise AssertionError(f"not reached with {MAX_TABS} presses of {key}; the focus went to:\n{walk}")


def open_file_chooser(page: Page, button: str) -> FileChooser:
    """Press Space on the focused upload ``button`` and return the file chooser it opens.

    Under load a rerun can redraw the sidebar between the focus check and the press, and the
    press is lost; then the keyboard goes back to the button (if the focus left it) and presses
    again, as a user would, and the run's summary says so (with where the focus was).
    """
    try:
        with page.expect_file_chooser(timeout=10_000) as chooser:
            page.keyboard.press("Space")
        return chooser.value
    except PlaywrightTimeoutError:
        where = page.evaluate(f"() => ({_FOCUS_STOP})(document.activeElement)")
        note(f"keyboard upload: no file chooser within 10 s of Space, focus on {where}; pressed again")
    if not page.evaluate(f"() => ({button})(document.activeElement)"):
        tab_until(page, button)
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    return chooser.value


def labelled(text: str) -> str:
    """A predicate: the focused element's accessible name (aria-label, else its text) starts with ``text``."""
    return (
        "(e) => !!e && ((e.getAttribute('aria-label') || e.innerText || '').trim()"
        f".replace(/^[a-z_]+\\s+/, '').startsWith({json.dumps(text)}))"
    )


def type_into_cell(page: Page, text: str) -> None:
    """With a grid cell selected: Enter opens its editor, the text replaces the value, Enter commits it."""
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.tagName === 'TEXTAREA'")
    page.keyboard.press("Control+a")
    page.keyboard.type(text)
    # the editor has taken the text before Enter commits it: the field shows it, and the grid's
    # React state has rendered it (two animation frames later), or Enter would commit the old value
    page.wait_for_function(
        f"() => document.activeElement && document.activeElement.value === {json.dumps(text)}"
    )
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    page.keyboard.press("Enter")


def ring_of(page: Page, js_element: str) -> tuple[str, str, str]:
    """The outline (style, width, colour) of the element ``js_element`` evaluates to (given ``e``, the focus)."""
    return tuple(
        page.evaluate(
            "() => { const e = document.activeElement; const t = ("
            + js_element
            + ")(e); const s = getComputedStyle(t); return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }"
        )
    )


def ring_pixels(page: Page, path: Path) -> tuple[int, int, int]:
    """Screenshot the focused element with a margin (saved to ``path``); return the pixel 3.5 px left of it.

    The ring is drawn 2 to 5 px outside the element's box (outline-offset 2, width 3).
    """
    from PIL import Image

    box = page.evaluate(
        "() => { const r = document.activeElement.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; }"
    )
    x, y, w, h = box
    clip = {"x": max(x - 12, 0), "y": max(y - 12, 0), "width": w + 24, "height": h + 24}
    png = page.screenshot(clip=clip)
    path.write_bytes(png)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return image.getpixel((round(x - 3.5 - clip["x"]), round(y + h / 2 - clip["y"])))


def close_to(rgb: tuple[int, int, int], target: tuple[int, int, int], tol: int = 40) -> bool:
    return all(abs(a - b) <= tol for a, b in zip(rgb, target, strict=True))


# --------------------------------------------------------------------------- the judgment editor


def test_pair_slider_by_arrow_keys_changes_the_judgment_and_keeps_the_focus(page, app_url, tmp_path):
    open_for_keys(page, app_url, "judgments")
    name = "Government regulation vs Consumer complaints handling"
    slider = page.get_by_test_id("stSlider").filter(has_text=name).get_by_role("slider")
    expect(slider).to_have_attribute("aria-label", name)  # no markdown read out
    tab_until(page, labelled(name))
    before = slider.get_attribute("aria-valuetext")
    assert before == "Government regulation 2.145 · between scale steps"  # no escaping read out
    assert ring_of(page, "(e) => e.parentElement.parentElement") == RING  # the thumb is ringed
    ring_pixels(page, tmp_path / "pair-slider-focus.png")

    page.keyboard.press("ArrowLeft")
    wait_for_app(page)
    expect(undo(page, 1)).to_be_visible()
    expect(slider).not_to_have_attribute("aria-valuetext", before)
    expect(slider).to_be_focused()  # the page reran; the keyboard user is still on the slider
    cr = page.get_by_test_id("stMetric").filter(has_text="CR")
    expect(cr).not_to_contain_text("0.0000")  # the priorities and the consistency followed

    page.keyboard.press("ArrowLeft")
    wait_for_app(page)
    expect(undo(page, 2)).to_be_visible()
    expect(slider).to_be_focused()
    no_exception(page)


def test_matrix_editor_takes_a_judgment_by_keyboard(page, app_url):
    open_for_keys(page, app_url, "judgments")
    tab_until(page, f"(e) => !!e && e.dataset.testid === 'data-grid-canvas' && ({IN_EDITOR})(e)")
    for key, cell in (("ArrowRight", "glide-cell-1-0"), ("ArrowRight", "glide-cell-2-0")):
        page.keyboard.press(key)
        page.wait_for_function(f"() => ({SELECTED_CELL})() === {json.dumps(cell)}")
    type_into_cell(page, "1/3")
    wait_for_app(page)
    expect(undo(page, 1)).to_be_visible()
    expect(page.get_by_test_id("stAlert").filter(has_text="updated from the matrix")).to_have_count(1)
    cell = page.locator('[class*="st-key-matrix"] #glide-cell-2-0')
    expect(cell).to_have_text("1/3")
    expect(page.locator('[class*="st-key-matrix"] #glide-cell-1-1')).to_have_text("= 3")  # its reciprocal
    page.wait_for_function(f"() => ({IN_EDITOR})(document.activeElement)")  # focus stayed in the editor

    # a refused value by keyboard: the message names the cell, the model does not change
    page.keyboard.press("ArrowUp")
    page.wait_for_function(f"() => ({SELECTED_CELL})() === 'glide-cell-2-0'")
    type_into_cell(page, "0")
    wait_for_app(page)
    expect(page.get_by_test_id("stAlert").filter(has_text="Matrix not changed")).to_contain_text(
        "Government regulation, Consumer complaints handling"
    )
    expect(undo(page, 1)).to_be_visible()
    expect(cell).to_have_text("1/3")
    no_exception(page)


# --------------------------------------------------------------------------- the sidebar


def test_sidebar_controls_by_keyboard(page, app_url, tmp_path):
    open_for_keys(page, app_url, "weights")
    political = page.get_by_test_id("stSlider").filter(has_text="Political environment").get_by_role("slider")
    tab_until(page, labelled("Political environment"))
    page.keyboard.press("End")  # all the weight on the political criterion (a fragment rerun)
    wait_for_app(page)
    expect(page.get_by_test_id("stSlider").filter(has_text="Political environment")).to_contain_text("1.000")
    expect(political).to_be_focused()

    # the results download follows the slider although the sidebar was not redrawn
    tab_until(page, labelled("Download results (CSV)"), key="Shift+Tab")
    assert ring_of(page, "(e) => e") == RING
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    expected = results_frame(evaluate(load_model(MODEL_PATH), {"political": 1.0}))
    assert [r["id"] for r in rows] == list(expected["id"])
    np.testing.assert_allclose([float(r["composite"]) for r in rows], expected["composite"], atol=1e-6)

    # the workbook download is reachable and works from the keyboard too
    tab_until(page, labelled("Download model and results (Excel)"), key="Shift+Tab")
    with page.expect_download() as info:
        page.keyboard.press("Space")
    assert Path(info.value.path()).read_bytes()[:2] == b"PK"  # an .xlsx (zip) file

    # the scenario name: type, Enter
    tab_until(page, labelled("Scenario name"), key="Shift+Tab")
    page.keyboard.press("Control+a")
    page.keyboard.type("All political")
    page.keyboard.press("Enter")
    wait_for_app(page)
    expect(page.get_by_test_id("stSidebar").get_by_role("textbox", name="Scenario name")).to_have_value(
        "All political"
    )

    # reset by keyboard: the sliders go back to the model's own weights
    tab_until(page, labelled("Reset to the loaded model"))
    page.keyboard.press("Space")
    # the slider's new value shows the reset's run has started; then the idle marker means it has ended
    expect(page.get_by_test_id("stSlider").filter(has_text="Political environment")).to_contain_text("0.181")
    wait_for_app(page)

    # upload by keyboard: the button opens the file chooser
    upload_button = (
        "(e) => !!e && !!e.closest('[data-testid=stFileUploader]') && e.tagName === 'BUTTON'"
        " && e.innerText.trim().endsWith('Upload')"
    )
    tab_until(page, upload_button)
    wait_for_app(page)
    assert page.evaluate(f"() => ({upload_button})(document.activeElement)"), (
        "the focus left the Upload button"
    )
    example = ROOT / "data" / "models" / "examples" / "coffee_feedback.json"
    # Space: with an st.dataframe on the page, Streamlit 1.67's data grid swallows Enter before the
    # uploader's button sees it (docs/accessibility.md, "What is left"); Space opens it on every page
    chooser = open_file_chooser(page, upload_button)
    chooser.set_files(str(example))
    wait_for_app(page)
    name = json.loads(example.read_text(encoding="utf-8"))["name"]
    expect(page.get_by_test_id("stSidebar")).to_contain_text(name)
    no_exception(page)


def test_undo_by_keyboard_after_a_keyboard_edit(page, app_url):
    open_for_keys(page, app_url, "judgments")
    pair = "Government regulation vs Platform supervision"
    slider = page.get_by_test_id("stSlider").filter(has_text=pair).get_by_role("slider")
    before = "Government regulation 4.564 · between scale steps"
    expect(slider).to_have_attribute("aria-valuetext", before)
    tab_until(page, labelled(pair))
    page.keyboard.press("ArrowRight")
    wait_for_app(page)
    expect(undo(page, 1)).to_be_visible()
    tab_until(page, labelled("Undo (1)"), key="Shift+Tab")
    page.keyboard.press("Enter")
    wait_for_app(page)
    expect(undo(page, 0)).to_be_disabled()
    expect(slider).to_have_attribute("aria-valuetext", before)


# --------------------------------------------------------------------------- focus is visible


def test_scenario_picker_by_keyboard(page, app_url):
    """Scenarios page, keys only: add a scenario to the comparison, pick one to look at, apply it to the sliders."""
    open_for_keys(page, app_url, "scenarios")
    tags = (
        page.get_by_test_id("stMultiSelect")
        .filter(has_text="Scenarios to compare")
        .locator('[aria-label^="Remove "]')
    )  # one per scenario
    expect(tags.first).to_be_visible()  # the default comparison is drawn
    before = tags.count()
    tab_until(page, labelled("Scenarios to compare"))
    page.keyboard.press("ArrowDown")  # opens the list on the first scenario not yet compared
    page.keyboard.press("Enter")
    wait_for_app(page)
    expect(tags).to_have_count(before + 1)
    page.keyboard.press("Escape")

    look = page.get_by_role("combobox", name="Look at one scenario")
    first = look.input_value()
    tab_until(page, labelled("Look at one scenario"))
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    wait_for_app(page)
    expect(look).not_to_have_value(first)
    chosen = look.input_value()

    tab_until(page, labelled(f"Apply to sliders: {chosen}"))
    page.keyboard.press("Enter")
    wait_for_app(page)
    expect(page.get_by_test_id("stSidebar").get_by_role("textbox", name="Scenario name")).to_have_value(
        chosen
    )
    no_exception(page)


def test_focus_is_visible_on_every_kind_of_control(page, app_url, tmp_path):
    """The ring of dashboard/focus.css on links, buttons, inputs, sliders and toggles (screenshots in tmp_path)."""
    open_for_keys(page, app_url, "weights")
    checks = [
        ("nav link", labelled("Start here"), "(e) => e", True),
        ("text input", labelled("Scenario name"), "(e) => e.parentElement", False),
        ("button", labelled("Reset to the loaded model"), "(e) => e", True),
        ("download", labelled("Download model (JSON)"), "(e) => e", True),
        ("slider", labelled("Policy environment"), "(e) => e.parentElement.parentElement", False),
        ("toggle", labelled("Add Natural geography"), "(e) => e.closest('label')", False),
    ]
    for name, reach, indicator, pixels in checks:
        tab_until(page, reach)
        assert ring_of(page, indicator) == RING, name
        rgb = ring_pixels(page, tmp_path / f"focus-{name.replace(' ', '-')}.png")
        if pixels:  # on a light control the ring's own pixels show, whatever the computed style says
            assert close_to(rgb, RING_RGB), (name, rgb)

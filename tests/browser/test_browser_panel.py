"""An expert panel end to end in real headless Chromium (issue 13): facilitator, two experts, group result.

The facilitator creates a panel from the loaded model in the browser (two
experts, two of the model's matrices, one expert weighted 2) and hands out
the private links; each expert opens their link in a fresh browser context.
Ann (English, mouse) leaves half-way and comes back to her saved answers,
sees the CR and the most inconsistent pair, revises it and submits; Bob
(Chinese link, keyboard only: Tab, arrow keys on the scale, Enter and Space)
answers and submits everything. The facilitator's live view then shows both
done, the AIJ group result and Goepel's S* (checked against
:func:`anp_core.aggregate` on the answers the test gave), and applies the
group judgments to the model, undoably. An expert's link reaches neither the
other expert's answers nor the facilitator view; a wrong token gets the
plain refusal page. Every stored answer is read back from the database.

Axe-core (WCAG 2.0/2.1 A and AA) checks the facilitator page with a live
panel and the questionnaire in English and Chinese. Screenshots of every
step go to ``PANEL_SHOTS_DIR`` when set (else the test's temporary folder).
"""

from __future__ import annotations

import math
import os
import re
import secrets
from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from anp_core import PairwiseMatrix, aggregate, load_model
from anp_core.aggregation_model import key_text, model_matrices
from anp_core.repair import scale_repairs
from dashboard.panel_views import option_label
from panel.db import get_engine
from panel.scale import SCALE_VALUES
from panel.store import ExpertSpec, PanelStore
from tests.conftest import MODEL_PATH, note
from tests.support.axe import PageReport, chart_text_contrast, require_axe, run_axe
from tests.support.browser import RUN_FINISHED, no_exception, open_expanders, screenshot, wait_for_app
from tests.support.server import serve

pytestmark = pytest.mark.browser

#: The panel asks two 3-element matrices of the paper's model (3 pairs each).
MATRIX_TITLES = (
    "Policy environment: factors of Platform Services with respect to Policy environment",
    "Policy environment: factors of Cross-border Payment with respect to Policy environment",
)
PANEL_NAME = "Round 1 [verify](https://evil.example)"  # must show literally, never as a link
#: Ann's answers, pair by pair (pairs (0, 1), (0, 2), (1, 2)); the first matrix is inconsistent.
ANN = ((7.0, 3.0, 2.0), (3.0, 5.0, 2.0))
#: Bob's answers, as arrow-key presses from "Equal" (negative = ArrowLeft, toward the first element).
BOB_KEYS = ((-2, -2, 1), (2, -1, -4))
EQUAL = SCALE_VALUES.index(1.0)
PAIRS = [(0, 1), (0, 2), (1, 2)]  # the questionnaire's order for three elements


def bob_value(presses: int) -> float:
    return SCALE_VALUES[EQUAL + presses]


# --------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def panel_server(tmp_path_factory):
    """A server of our own, its panel database in a temporary folder: (url, data folder)."""
    data = tmp_path_factory.mktemp("panel-e2e")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ANP_DATA_DIR", str(data))
        mp.delenv("ANP_DATABASE_URL", raising=False)
        try:
            with serve("app.py", data / "server.log") as server:
                mp.undo()  # only the server needed them
                yield server.url, data
        except RuntimeError as exc:
            pytest.fail(str(exc))


@pytest.fixture(scope="module")
def store(panel_server):
    _url, data = panel_server
    return PanelStore(get_engine(f"sqlite:///{data / 'panels.sqlite3'}"))


@pytest.fixture
def shots(tmp_path):
    """``shot(page, name)``: a numbered full-page screenshot."""
    folder = Path(os.environ.get("PANEL_SHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    n = [0]

    def shot(page: Page, name: str) -> None:
        n[0] += 1
        screenshot(page, folder / f"{n[0]:02d}-{name}.png")

    return shot


@pytest.fixture
def new_page(browser):
    """``new_page()``: a page in a fresh browser context (a new person or a new visit); all closed at the end."""
    contexts = []

    def make() -> Page:
        context = browser.new_context(viewport={"width": 1440, "height": 1600})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(30_000)
        return page

    yield make
    folder = os.environ.get("PANEL_SHOTS_DIR")
    for k, c in enumerate(contexts):
        if folder and c.pages:  # how each page was left, to look at after a failure
            c.pages[0].screenshot(path=str(Path(folder) / f"zz-last-{k}.png"), full_page=True)
        c.close()


# --------------------------------------------------------------------------- helpers
def open_url(page: Page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)


def click(page: Page, locator) -> None:
    locator.click()
    wait_for_app(page)


def thumb(page: Page):
    """The questionnaire's scale (an ``input type=range`` whose value text is the verbal judgment)."""
    return page.get_by_test_id("stSlider").locator('input[type="range"]')


def set_scale_with_mouse(page: Page, value: float) -> None:
    """Click the scale's track where ``value`` lies (17 points, first element's extreme on the left)."""
    track = page.get_by_test_id("stSlider").locator('[role="group"] > div').first
    box = stable_box(page, track)
    k = SCALE_VALUES.index(value)
    page.mouse.click(box["x"] + box["width"] * k / (len(SCALE_VALUES) - 1), box["y"] + box["height"] / 2)
    expect(thumb(page)).to_have_value(str(k))


def stable_box(page: Page, locator) -> dict[str, float]:
    """The element's box once the layout has settled (the same on two reads 100 ms apart)."""
    last = None
    for _ in range(50):
        box = locator.bounding_box()
        if box is not None and box == last:
            return box
        last = box
        page.wait_for_timeout(100)
    raise AssertionError(f"{locator} kept moving: {last}")


def focused(page: Page, locator) -> bool:
    return bool(locator.evaluate("el => el === document.activeElement"))


def tab_to(page: Page, locator, limit: int = 40) -> None:
    """Press Tab until ``locator`` has the keyboard focus (as a keyboard user moves through the page)."""
    expect(locator).to_be_visible()
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page, locator):
            return
    raise AssertionError(f"Tab never reached {locator}")


def answer_with_mouse(page: Page, value: float, pair: str) -> None:
    set_scale_with_mouse(page, value)
    click(page, page.get_by_role("button", name="Save and next"))
    expect(page.get_by_test_id("stAlert").filter(has_text=f"Saved: {pair}")).to_be_visible()
    no_exception(page)


def answer_with_keyboard(page: Page, presses: int) -> None:
    """Tab to the scale, move it with the arrow keys, Tab to "Save and next" and press Enter."""
    tab_to(page, thumb(page))
    for _ in range(abs(presses)):
        page.keyboard.press("ArrowLeft" if presses < 0 else "ArrowRight")
    expect(thumb(page)).to_have_value(str(EQUAL + presses))
    tab_to(page, page.get_by_role("button", name="保存并继续"))
    page.keyboard.press("Enter")
    wait_for_app(page)
    expect(page.get_by_test_id("stAlert").filter(has_text="已保存")).to_be_visible()
    no_exception(page)


def shown_cr(page: Page) -> float:
    alert = page.get_by_test_id("stAlert").filter(has_text=re.compile(r"CR = \d"))
    expect(alert).to_be_visible()
    return float(re.search(r"CR = (\d+\.\d+)", alert.inner_text()).group(1))


def literal(text: str) -> re.Pattern[str]:
    """``text`` as the page shows outside text: a word joiner (U+2060) may follow ``://`` (no autolink)."""
    pattern = re.escape(text).replace("://", "://\u2060?")
    return re.compile(pattern.replace("/", r"\/"))  # Playwright passes the pattern on as /.../


def matrix(values) -> np.ndarray:
    ab, ac, bc = values
    return np.array([[1, ab, ac], [1 / ab, 1, bc], [1 / ac, 1 / bc, 1]], dtype=float)


def dataframe_text(page: Page, index: int) -> str:
    """Text of the page's ``index``-th dataframe (drawn on a canvas: its hidden accessibility table)."""
    table = page.get_by_test_id("stDataFrame").nth(index).locator("table")
    expect(table).to_be_attached()
    return table.inner_text()


# --------------------------------------------------------------------------- the story
def create_panel(page: Page, url: str, shot) -> tuple[str, str, str]:
    """The facilitator creates the panel in the browser; return (secret, Ann's link, Bob's Chinese link)."""
    open_url(page, url + "/")
    click(page, page.get_by_test_id("stSidebarNavLink").filter(has_text="Expert panel"))
    expect(page.get_by_role("heading", name="Expert panel")).to_be_visible()
    page.get_by_label("Panel name").fill(PANEL_NAME)
    page.get_by_label("Introduction for the experts (optional)").fill("Please answer *honestly*.")
    chooser = page.get_by_test_id("stMultiSelect")
    chooser.get_by_role("button", name="Clear all").click()
    for title in MATRIX_TITLES:
        chooser.get_by_role("combobox").fill(title)
        page.get_by_role("option", name=title, exact=True).click()
    page.keyboard.press("Escape")
    for title in MATRIX_TITLES:
        expect(chooser.get_by_label(title, exact=True)).to_be_visible()
    edit_experts(page)
    shot(page, "facilitator-creates-a-panel")
    click(page, page.get_by_role("button", name="Create the panel"))
    expect(page).to_have_url(re.compile(r"facilitator="))
    expect(page.get_by_text("Private links: copy them now.")).to_be_visible()
    expect(page.get_by_role("heading", name=literal(PANEL_NAME))).to_be_visible()  # escaped: the text itself
    expect(page.locator('a[href*="evil.example"]')).to_have_count(0)
    links = page.get_by_test_id("stCode")
    expect(links).to_have_count(2)
    for name in ("Ann", "Bob"):
        expect(page.get_by_role("strong").filter(has_text=re.compile(f"^{name}$"))).to_be_visible()
    ann = links.nth(0).inner_text().strip()
    # the links' language (the sidebar has the interface's own switch)
    click(page, page.get_by_test_id("stMain").get_by_role("radio", name="简体中文"))
    expect(links.nth(1)).to_contain_text("&lang=zh")
    bob = links.nth(1).inner_text().strip()
    shot(page, "facilitator-links-in-chinese")
    secret = re.search(r"facilitator=([\w-]+)", page.url).group(1)
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/\?panel=[\w-]{30,}", ann)
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/\?panel=[\w-]{30,}&lang=zh", bob)
    expect(page.get_by_text("0 of 2 experts")).to_be_visible()
    return secret, ann, bob


def edit_experts(page: Page) -> None:
    """In the experts table (a canvas grid): Ann, Bob with weight 2, the third row deleted."""
    grid = page.get_by_test_id("stDataFrame").locator("canvas").first
    expect(grid).to_be_visible()
    box = stable_box(page, grid)
    marker, row = 33, 35  # row-number column and row height of Streamlit's grid, in px
    width = (box["width"] - marker) / 3

    def cell(r: int, c: int) -> tuple[float, float]:
        return box["x"] + marker + width * (c + 0.5), box["y"] + row * (r + 1.5)

    for (r, c), text in (((0, 0), "Ann"), ((1, 0), "Bob"), ((1, 1), "2")):
        open_cell_editor(page, *cell(r, c))
        editor = page.locator(".gdg-input").first
        editor.fill(text)
        page.keyboard.press("Enter")
        expect(editor).to_have_count(0)
    page.mouse.click(box["x"] + marker / 2, box["y"] + row * 3.5)
    page.keyboard.press("Delete")


def open_cell_editor(page: Page, x: float, y: float) -> None:
    """Double-click a grid cell until its editor opens (a first click may only give the grid the focus)."""
    editor = page.locator(".gdg-input")
    for _ in range(4):
        page.mouse.dblclick(x, y)
        try:
            expect(editor).to_be_visible(timeout=1_500)
            return
        except AssertionError:
            continue
    expect(editor).to_be_visible()


def test_a_panel_end_to_end(panel_server, store, new_page, shots):
    url, _data = panel_server
    model = load_model(MODEL_PATH)
    specs = {s.title: s for s in model_matrices(model)}
    labels = [specs[t].labels for t in MATRIX_TITLES]

    fac = new_page()
    secret, ann_link, bob_link = create_panel(fac, url, shots)

    # Ann, in English with the mouse: two pairs, then she leaves
    ann = new_page()
    open_url(ann, ann_link)
    no_exception(ann)
    expect(ann.get_by_role("heading", name=literal(f"Expert questionnaire: {PANEL_NAME}"))).to_be_visible()
    expect(ann.get_by_text("Please answer *honestly*.")).to_be_visible()
    expect(ann.locator('a[href*="evil.example"]')).to_have_count(0)
    a, b, c = labels[0]
    answer_with_mouse(ann, ANN[0][0], f"{a} vs {b}")
    answer_with_mouse(ann, ANN[0][1], f"{a} vs {c}")
    expect(ann.get_by_text("Pair 3 of 3")).to_be_visible()
    shots(ann, "ann-leaves-half-way")
    ann.context.close()

    # ... and comes back with the same link: her two answers are there, the third pair is next
    ann = new_page()
    open_url(ann, ann_link)
    expect(ann.get_by_text("2 of 6 pairs answered")).to_be_visible()
    expect(ann.get_by_text("Pair 3 of 3")).to_be_visible()
    click(ann, ann.get_by_role("button", name="Review this matrix"))
    answers = ann.get_by_test_id("stMarkdown").filter(has_text=" vs ")
    expect(answers.filter(has_text=f"{a} vs {b}: {a} · 7 · very strong importance")).to_be_visible()
    expect(answers.filter(has_text=f"{a} vs {c}: {a} · 3 · moderate importance")).to_be_visible()
    expect(answers.filter(has_text=f"{b} vs {c}: not answered")).to_be_visible()
    shots(ann, "ann-comes-back-to-her-answers")
    click(ann, ann.get_by_role("button", name="Revise", exact=True).nth(2))
    answer_with_mouse(ann, ANN[0][2], f"{b} vs {c}")

    # before submitting: the CR and the answer to revise first, checked against anp_core
    first = PairwiseMatrix(matrix(ANN[0]), labels[0])
    assert shown_cr(ann) == pytest.approx(first.cr, abs=6e-4)
    named = ann.get_by_test_id("stMarkdown").filter(has_text="Most inconsistent answer:")
    expect(named).to_be_visible()
    found = re.search(
        r"Most inconsistent answer: (.+) vs (.+) = .+ suggest about (.+) \(CR would become (\d\.\d+)\)",
        named.inner_text(),
    )
    i, j = labels[0].index(found.group(1)), labels[0].index(found.group(2))
    revised = next(v for v in SCALE_VALUES if option_label(v, labels[0][i], labels[0][j]) == found.group(3))
    repairs = scale_repairs(first)  # each answer's best value on Saaty's scale, best first
    best = next(r for r in repairs if (r.row, r.col) == (i, j))
    assert best.cr_drop == pytest.approx(repairs[0].cr_drop, rel=1e-6)  # among those that lower CR most
    assert revised == pytest.approx(best.suggested)
    tied = sum(math.isclose(r.cr_drop, best.cr_drop, rel_tol=1e-6) for r in repairs) > 1
    ann_first = list(ANN[0])
    ann_first[PAIRS.index((i, j))] = revised
    after = PairwiseMatrix(matrix(ann_first), labels[0])
    assert float(found.group(4)) == pytest.approx(after.cr, abs=6e-4)
    assert after.cr < first.cr
    expect(ann.get_by_text("Other answers are just as inconsistent")).to_have_count(1 if tied else 0)
    shots(ann, "ann-sees-cr-and-most-inconsistent-pair")
    click(ann, ann.get_by_role("button", name="Revise this pair"))
    expect(ann.get_by_text(f"Pair {PAIRS.index((i, j)) + 1} of 3")).to_be_visible()
    answer_with_mouse(ann, revised, f"{labels[0][i]} vs {labels[0][j]}")
    assert shown_cr(ann) == pytest.approx(after.cr, abs=6e-4)
    verdict = "consistent enough" if after.cr <= 0.1 else "some answers contradict each other"
    expect(ann.get_by_text(verdict)).to_be_visible()
    shots(ann, "ann-revised-one-pair")
    click(ann, ann.get_by_role("button", name="Submit this matrix"))
    expect(ann.get_by_test_id("stAlert").filter(has_text="Submitted. Thank you!")).to_be_visible()
    a2, b2, c2 = labels[1]
    expect(ann.get_by_role("heading", name=MATRIX_TITLES[1])).to_be_visible()  # on to the next matrix
    for value, pair in zip(ANN[1], (f"{a2} vs {b2}", f"{a2} vs {c2}", f"{b2} vs {c2}"), strict=True):
        answer_with_mouse(ann, value, pair)
    click(ann, ann.get_by_role("button", name="Submit this matrix"))
    expect(ann.get_by_text("6 of 6 pairs answered · 2 of 2 matrices submitted")).to_be_visible()
    shots(ann, "ann-submitted-everything")
    expect(ann.get_by_text("Bob")).to_have_count(0)  # nothing of the other expert on her page

    # Bob, from the Chinese link, with the keyboard only
    bob = new_page()
    open_url(bob, bob_link)
    expect(bob.get_by_role("heading", name="专家问卷")).to_be_visible()
    for m, presses in enumerate(BOB_KEYS):
        for p in presses:
            answer_with_keyboard(bob, p)
        if m == 0:
            shots(bob, "bob-keyboard-review-in-chinese")
        submit = bob.get_by_role("button", name="提交该矩阵")
        tab_to(bob, submit)
        bob.keyboard.press("Space")
        wait_for_app(bob)
        expect(bob.get_by_test_id("stAlert").filter(has_text="已提交")).to_be_visible()
    expect(bob.get_by_text("已回答 6/6 对 · 已提交 2/2 个矩阵")).to_be_visible()
    shots(bob, "bob-submitted-everything")

    # the facilitator's live view (re-read every 10 s): both done, AIJ and S* as anp_core computes them
    bob_answers = [tuple(bob_value(p) for p in keys) for keys in BOB_KEYS]
    expect(fac.get_by_text("2 of 2 experts")).to_be_visible()
    wait_for_app(fac)
    expected = aggregate([matrix(ann_first), matrix(bob_answers[0])], "aij", [1.0, 2.0], labels=labels[0])
    metrics = fac.get_by_test_id("stMetric")
    expect(metrics.filter(has_text="Consensus S*")).to_contain_text(f"{expected.consensus.s_star:.3f}")
    expect(metrics.filter(has_text="Group CR")).to_contain_text(f"{expected.cr:.3f}")
    lead = labels[0][int(np.argmax(expected.priorities))]
    expect(fac.get_by_text(f"In the group result (AIJ), {lead} leads with")).to_be_visible()
    expect(fac.get_by_test_id("stPlotlyChart").locator(".main-svg").first).to_be_attached()
    # who answered what: the grid's hidden table (its text) follows the canvas by up to a few hundred ms,
    # so wait for the four ticks rather than read it once
    table = fac.get_by_test_id("stDataFrame").nth(0).locator("table")
    expect(table).to_contain_text(re.compile("(✓[^✓]*){4}"), timeout=30_000)  # the view re-reads every 10 s
    status = dataframe_text(fac, 0)
    assert status.count("✓") == 4, status
    shots(fac, "facilitator-live-view-both-done")

    click(fac, fac.get_by_role("button", name="Apply the group judgments (AIJ) to the current model"))
    expect(fac.get_by_text("Applied 2 group matrices (AIJ). Undo in the sidebar.")).to_be_visible()
    undo = fac.get_by_test_id("stSidebar").get_by_role("button", name="Undo")
    expect(undo).to_be_enabled()
    shots(fac, "facilitator-applied-group-judgments")
    click(fac, undo)
    expect(fac.get_by_text("The model no longer holds the applied group judgments")).to_be_visible()
    expect(undo).to_be_disabled()
    no_exception(fac)

    # every answer stored as given, each under its own expert
    state = store.panel_state(secret)
    by_name = {e.name: e.id for e in state.experts}
    assert {e.name: e.weight for e in state.experts} == {"Ann": 1.0, "Bob": 2.0}
    for m, (given_ann, given_bob) in enumerate(zip((ann_first, ANN[1]), bob_answers, strict=True)):
        mid = state.matrices[m].id
        for who, given in (("Ann", given_ann), ("Bob", given_bob)):
            stored = state.assignments[(by_name[who], mid)].answers
            assert stored == pytest.approx(dict(zip(PAIRS, given, strict=True)))
            assert state.assignments[(by_name[who], mid)].submitted_at is not None
    assert [key_text(m.spec.key) for m in state.matrices] == [key_text(specs[t].key) for t in MATRIX_TITLES]

    # an expert's link reaches nothing else
    ann_token = re.search(r"panel=([\w-]+)", ann_link).group(1)
    other = new_page()
    open_url(other, f"{url}/panel_facilitator?panel={ann_token}")
    expect(other.get_by_role("heading", name=literal(f"Expert questionnaire: {PANEL_NAME}"))).to_be_visible()
    expect(other.get_by_test_id("stSidebarNavLink")).to_have_count(0)
    expect(other.get_by_text("Bob")).to_have_count(0)
    open_url(other, f"{url}/")
    open_url(other, f"{url}/panel_facilitator?facilitator={ann_token}")
    expect(other.get_by_test_id("stAlert")).to_contain_text("This facilitator link is not valid.")
    expect(other.get_by_text("Who answered what")).to_have_count(0)
    shots(other, "expert-token-as-facilitator-refused")


def test_a_wrong_token_gets_the_plain_refusal_page(panel_server, new_page, shots):
    url, _data = panel_server
    page = new_page()
    for link in (f"{url}/?panel={secrets.token_urlsafe(32)}", f"{url}/?panel=%3Cscript%3E"):
        open_url(page, link)
        expect(page.get_by_role("heading", name="Expert questionnaire")).to_be_visible()
        expect(page.get_by_test_id("stAlert")).to_contain_text("This link is not valid")
        expect(page.get_by_test_id("stSlider")).to_have_count(0)
        expect(page.get_by_test_id("stSidebarNavLink")).to_have_count(0)
        no_exception(page)
    open_url(page, f"{url}/?panel={secrets.token_urlsafe(32)}&lang=zh")
    expect(page.get_by_test_id("stAlert")).to_contain_text("该链接无效")
    shots(page, "wrong-token-refused")


# --------------------------------------------------------------------------- accessibility
def settle(page: Page) -> None:
    """Wait for the run to finish, every chart to be drawn and the expanders to be open."""
    expect(page.locator(RUN_FINISHED)).to_be_attached()
    open_expanders(page)
    charts = page.get_by_test_id("stPlotlyChart")
    for k in range(charts.count()):
        expect(charts.nth(k).locator(".main-svg").first).to_be_attached()
    page.wait_for_timeout(300)


def test_the_panel_pages_have_no_serious_accessibility_violation(panel_server, store, new_page):
    axe_js = require_axe()
    url, _data = panel_server
    model = load_model(MODEL_PATH)
    specs = {s.title: s for s in model_matrices(model)}
    keys = [specs[t].key for t in MATRIX_TITLES]
    made = store.create_panel(
        model,
        "Axe <b>panel</b>",
        [ExpertSpec("Ann"), ExpertSpec("Bob", 2.0), ExpertSpec("Cy")],
        matrices=keys,
    )
    for (_, _, token), values in zip(made.expert_tokens[:2], ((5, 1 / 3, 5), (3, 3, 0.5)), strict=True):
        for k in keys:
            store.save_answers(
                token, [(key_text(k), i, j, v) for (i, j), v in zip(PAIRS, values, strict=True)]
            )
            store.submit(token, key_text(k))
    reports = []
    page = new_page()
    open_url(page, f"{url}/")
    open_url(page, f"{url}/panel_facilitator?facilitator={made.facilitator_secret}")
    expect(page.get_by_text("2 of 3 experts")).to_be_visible()
    # settle() waits for the charts it finds; under load none may be on the page yet when it looks
    expect(page.get_by_test_id("stPlotlyChart").first.locator(".main-svg").first).to_be_attached(
        timeout=30_000
    )
    settle(page)
    report = PageReport("Expert panel (live panel)")
    report.add(run_axe(page, axe_js))
    report.add_chart_text(chart_text_contrast(page))
    reports.append(report)
    assert len(report.chart_text) > 5, "no chart text found: the contrast check is not looking"
    for lang in ("en", "zh"):
        for who, state in ((0, "review"), (2, "pair")):
            page = new_page()
            open_url(
                page, f"{url}/?panel={made.expert_tokens[who][2]}" + ("&lang=zh" if lang == "zh" else "")
            )
            expect(
                page.get_by_test_id("stSlider" if state == "pair" else "stDataFrame").first
            ).to_be_visible()
            settle(page)
            report = PageReport(f"Questionnaire ({lang}, {state})")
            report.add(run_axe(page, axe_js))
            reports.append(report)
    note(
        "\n".join(
            f"axe {r.page}: {len(r.findings)} finding(s), {len(r.blocking)} serious/critical" for r in reports
        )
    )
    failures = [f"{r.page}: {f.describe()}" for r in reports for f in r.blocking]
    failures += [f"{r.page}: {c.describe()}" for r in reports for c in r.chart_text_failing]
    assert not failures, "\n".join(failures)

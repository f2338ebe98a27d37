"""axe-core in a Playwright page: run the WCAG 2.0/2.1 A and AA rules and sort what they find.

axe-core comes from the npm registry into ``tools/axe/node_modules`` (``npm ci --prefix
tools/axe``; ``.ci/run`` does it). :func:`require_axe` skips a test when it is missing on a
developer's machine and fails it in CI (``CI`` set), so CI can never pass by skipping.

Nothing is excused. A *grouped* ``st.navigation`` sidebar renders its ``<li>`` items inside
``<div>`` sections of ``ul[data-testid=stSidebarNavItems]`` (axe rules ``list`` and ``listitem``);
``app.py`` uses one flat list of pages instead, which Streamlit renders as a proper list
(docs/accessibility.md). :data:`STREAMLIT_NAV_MARKUP` stays empty; the classification in the
page is kept so a future Streamlit markup problem can be named precisely if it appears.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
AXE_DIR = ROOT / "tools" / "axe"
AXE_JS = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"

#: WCAG 2.0 and 2.1, levels A and AA (axe-core's tag names).
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
#: Impacts that fail the test.
BLOCKING = ("serious", "critical")
#: (axe rule id, CSS selector): the nodes of Streamlit's own navigation markup that a rule may flag.
STREAMLIT_NAV_MARKUP: tuple[tuple[str, str], ...] = ()

_RUN_AXE = """
async ([tags, excused]) => {
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  const out = [];
  for (const v of result.violations) {
    for (const n of v.nodes) {
      const sel = n.target[n.target.length - 1];
      let el = null;
      try { el = typeof sel === "string" ? document.querySelector(sel) : null; } catch (e) { el = null; }
      const nav = excused.some(([rule, css]) => rule === v.id && el !== null && el.matches(css));
      const data = (n.any.find((c) => c.data && c.data.contrastRatio) || {}).data || null;
      out.push({
        rule: v.id, impact: n.impact || v.impact, help: v.help,
        target: JSON.stringify(n.target), html: n.html.slice(0, 200),
        text: el ? (el.innerText || "").trim().slice(0, 80) : "",
        streamlit_nav: nav,
        contrast: data ? {fg: data.fgColor, bg: data.bgColor, ratio: data.contrastRatio,
                          size: data.fontSize, weight: data.fontWeight,
                          expected: data.expectedContrastRatio} : null,
      });
    }
  }
  return out;
}
"""


class AxeMissingError(RuntimeError):
    """axe-core is not installed in ``tools/axe/node_modules``."""


def axe_source() -> str:
    """Return the text of ``axe.min.js``; raise :class:`AxeMissingError` (with the command to run) if absent."""
    if not AXE_JS.is_file():
        msg = f"axe-core is not installed ({AXE_JS.relative_to(ROOT)} is missing): run `npm ci --prefix tools/axe`"
        raise AxeMissingError(msg)
    return AXE_JS.read_text(encoding="utf-8")


def require_axe() -> str:
    """Return axe's source, or skip the calling test (fail it when ``CI`` is set)."""
    import pytest

    try:
        return axe_source()
    except AxeMissingError as err:
        if os.environ.get("CI"):
            pytest.fail(f"{err} (CI must install it: .ci/run)")
        pytest.skip(str(err))
    raise AssertionError("unreachable")  # pragma: no cover


@dataclass(frozen=True)
class Finding:
    """One node that one axe rule flagged."""

    rule: str
    impact: str
    help: str
    target: str
    html: str
    text: str
    streamlit_nav: bool
    contrast: dict[str, Any] | None = None

    @property
    def blocking(self) -> bool:
        """Serious or critical, in the project's own content (the test fails on these)."""
        return self.impact in BLOCKING and not self.streamlit_nav

    def describe(self) -> str:
        """One line: rule, impact, the element and, for contrast, the colours and ratio."""
        where = self.text or self.html
        line = f"{self.rule} ({self.impact}): {where!r}"
        if self.contrast:
            c = self.contrast
            line += f" — {c['fg']} on {c['bg']}, {c['ratio']}:1 (needs {c['expected']}, {c['size']})"
        return line


@dataclass
class PageReport:
    """What axe found on one page (in every state the test showed: each tab, expanders open)."""

    page: str
    findings: list[Finding] = field(default_factory=list)
    exceptions: int = 0  # stException elements seen (not an axe finding, but it hides the page's content)
    chart_text: list[ChartText] = field(default_factory=list)  # every chart text checked, in every state

    def add_chart_text(self, found: list[ChartText]) -> None:
        """Add chart texts not seen yet (same kind, text and colours)."""
        seen = {(c.kind, c.text, c.fill, c.bg) for c in self.chart_text}
        self.chart_text.extend(c for c in found if (c.kind, c.text, c.fill, c.bg) not in seen)

    @property
    def chart_text_failing(self) -> list[ChartText]:
        """Chart texts below the contrast they need."""
        return [c for c in self.chart_text if c.ratio < c.needed]

    def add(self, found: list[Finding]) -> None:
        """Add findings not seen yet (same rule, element and markup)."""
        seen = {(f.rule, f.target, f.html) for f in self.findings}
        self.findings.extend(f for f in found if (f.rule, f.target, f.html) not in seen)

    def count(self, *, nav: bool) -> int:
        """Serious and critical nodes, in Streamlit's nav markup (``nav``) or in our own content."""
        return sum(f.impact in BLOCKING and f.streamlit_nav == nav for f in self.findings)

    @property
    def blocking(self) -> list[Finding]:
        """The findings that fail the test."""
        return [f for f in self.findings if f.blocking]

    def rules(self) -> Counter[str]:
        """Serious/critical nodes per rule id in our own content."""
        return Counter(f.rule for f in self.blocking)


def run_axe(page: Any, source: str) -> list[Finding]:
    """Run axe-core (WCAG 2.0/2.1 A and AA) on ``page``'s document; return every violation node."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=source)
    rows = page.evaluate(_RUN_AXE, [list(WCAG_TAGS), [list(x) for x in STREAMLIT_NAV_MARKUP]])
    return [Finding(**row) for row in rows]


def chart_table(reports: list[PageReport], title: str) -> str:
    """Per page: chart texts checked, those below AA, and their colours."""
    width = max([len(r.page) for r in reports] + [4])
    lines = [title, f"{'page':<{width}}  checked  below  colours below AA"]
    for r in reports:
        bad = r.chart_text_failing
        kinds = sorted({f"{c.fill} {c.ratio:.2f}:1" for c in bad})
        lines.append(f"{r.page:<{width}}  {len(r.chart_text):>7}  {len(bad):>5}  {', '.join(kinds) or '-'}")
    return "\n".join(lines)


def table(reports: list[PageReport], title: str) -> str:
    """A plain-text table: per page, serious/critical nodes in our content and in Streamlit's nav markup."""
    width = max([len(r.page) for r in reports] + [4])
    lines = [title, f"{'page':<{width}}  own  nav  own rules"]
    for r in reports:
        rules = ", ".join(f"{k} {n}" for k, n in sorted(r.rules().items())) or "-"
        if r.exceptions:
            rules += f" (and {r.exceptions} exception shown)"
        lines.append(f"{r.page:<{width}}  {r.count(nav=False):>3}  {r.count(nav=True):>3}  {rules}")
    own = sum(r.count(nav=False) for r in reports)
    nav = sum(r.count(nav=True) for r in reports)
    lines.append(f"{'total':<{width}}  {own:>3}  {nav:>3}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- chart text
#: Plotly text drawn on the chart's own background (not inside a bar or a heatmap cell):
#: axis ticks and titles, legend, chart title, annotations without a box, scatter labels.
_CHART_TEXT = """
() => {
  const hex = (c) => {
    const m = c && c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const v = m[1].split(",").map((x) => parseFloat(x));
    if (v.length === 4 && v[3] === 0) return null;
    return "#" + v.slice(0, 3).map((x) => Math.round(x).toString(16).padStart(2, "0")).join("");
  };
  const kinds = /^(x\\d*tick|y\\d*tick|y[0-9a-f]*tick|g?title|x\\d*title|y[0-9a-f]*title|legendtext|annotation-text|textpoint)$/;
  const out = [];
  for (const chart of document.querySelectorAll('[data-testid="stPlotlyChart"]')) {
    if (!chart.checkVisibility()) continue;
    const svg = chart.querySelector(".main-svg");
    if (!svg) continue;
    const paper = hex(getComputedStyle(svg).backgroundColor) || "#ffffff";
    const rect = chart.querySelector("rect.bg");
    const plot = (rect && hex(getComputedStyle(rect).fill)) || paper;
    for (const t of chart.querySelectorAll("text")) {
      const text = (t.textContent || "").trim();
      if (!text || !t.checkVisibility()) continue;
      const own = (t.getAttribute("class") || "").split(/\\s+/)[0];
      const parent = ((t.parentNode && t.parentNode.getAttribute && t.parentNode.getAttribute("class")) || "").split(/\\s+/)[0];
      const kind = kinds.test(own) ? own : kinds.test(parent) ? parent : null;
      if (!kind) continue;
      if (kind === "annotation-text") {
        const box = t.closest(".annotation") && t.closest(".annotation").querySelector("rect.bg");
        if (box && hex(getComputedStyle(box).fill)) continue;  // drawn on its own box: not checked here
      }
      const cs = getComputedStyle(t);
      const fill = hex(cs.fill);
      if (!fill || parseFloat(cs.fillOpacity) < 1 || parseFloat(cs.opacity) < 1) {
        out.push({kind, text: text.slice(0, 60), fill: cs.fill, bg: paper, size: parseFloat(cs.fontSize), bold: false, translucent: true});
        continue;
      }
      out.push({kind, text: text.slice(0, 60), fill, bg: kind === "textpoint" ? plot : paper,
                size: parseFloat(cs.fontSize), bold: parseInt(cs.fontWeight, 10) >= 700, translucent: false});
    }
  }
  // Vega-Lite charts (SVG): a text sits on the last opaque rect mark drawn before it under its centre
  // (a heatmap's cell), else on the chart's background (labels beside bars, not on them)
  for (const chart of document.querySelectorAll('[data-testid="stVegaLiteChart"]')) {
    if (!chart.checkVisibility()) continue;
    const svg = chart.querySelector("svg.marks");
    if (!svg) continue;
    const paper = hex(getComputedStyle(svg).backgroundColor) || "#ffffff";
    const boxes = [];
    for (const m of svg.querySelectorAll("g.mark-rect path, g.mark-rect rect")) {
      const ms = getComputedStyle(m);
      const fill = hex(ms.fill);
      if (fill && parseFloat(ms.fillOpacity) >= 1 && parseFloat(ms.opacity) >= 1) boxes.push({m, fill, r: m.getBoundingClientRect()});
    }
    const under = (t) => {
      const r = t.getBoundingClientRect();
      const x = r.left + r.width / 2, y = r.top + r.height / 2;
      let bg = paper;
      for (const b of boxes) {
        const before = b.m.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING;
        if (before && x >= b.r.left && x <= b.r.right && y >= b.r.top && y <= b.r.bottom) bg = b.fill;
      }
      return bg;
    };
    for (const t of svg.querySelectorAll("text")) {
      const text = (t.textContent || "").trim();
      // Vega hides axis labels that would overlap with opacity 0: not drawn, not checked
      if (!text || !t.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
      const group = t.closest("g.mark-text");
      const kind = "vega " + ((group && (group.getAttribute("class") || "").split(/\\s+/).find((c) => c.startsWith("role-"))) || "text");
      const cs = getComputedStyle(t);
      const fill = hex(cs.fill);
      const translucent = !fill || parseFloat(cs.fillOpacity) < 1 || parseFloat(cs.opacity) < 1;
      out.push({kind, text: text.slice(0, 60), fill: fill || cs.fill, bg: under(t), size: parseFloat(cs.fontSize),
                bold: parseInt(cs.fontWeight, 10) >= 700, translucent});
    }
  }
  return out;
}
"""


@dataclass(frozen=True)
class ChartText:
    """One piece of chart text and its contrast with the background it is drawn on."""

    kind: str
    text: str
    fill: str
    bg: str
    ratio: float
    needed: float

    def describe(self) -> str:
        """One line: kind, text, colours, ratio and the ratio needed."""
        return f"chart {self.kind} {self.text!r}: {self.fill} on {self.bg}, {self.ratio:.2f}:1 (needs {self.needed}:1)"


def chart_text_contrast(page: Any) -> list[ChartText]:
    """Contrast of every visible chart's text on its background (WCAG 1.4.3: 4.5:1, large text 3:1).

    axe-core leaves SVG text whose background it cannot compute as "incomplete"; plotly's
    text is all of that kind. Large text is >= 24 px, or >= 18.66 px bold. Translucent
    text is reported as failing (its colour depends on what lies under it).
    """
    from dashboard.palette import contrast_ratio

    out = []
    for row in page.evaluate(_CHART_TEXT):
        large = row["size"] >= 24 or (row["bold"] and row["size"] >= 18.66)
        needed = 3.0 if large else 4.5
        ratio = 1.0 if row["translucent"] else contrast_ratio(row["fill"], row["bg"])
        out.append(ChartText(row["kind"], row["text"], row["fill"], row["bg"], ratio, needed))
    return out

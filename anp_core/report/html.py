"""The policy brief as one self-contained HTML file (inline CSS and SVG, no scripts, no links out).

Every string is translated with :func:`anp_core.i18n.translator`; names come
from the model (``Model.label(id, lang)``); every piece of model or scenario
text is HTML-escaped. Print CSS lays it out on A4 for the PDF renderer.
"""

from __future__ import annotations

import math

from anp_core.i18n import Translator, translator
from anp_core.model_schema import in_language
from anp_core.report import svg
from anp_core.report.content import Brief, NodeRow, StabilityRow, ThresholdRow
from anp_core.report.html_text import CSS, JUDGMENT_SOURCES, STRENGTHS, VERDICTS, T, _e, _figure, _table

__all__ = ["JUDGMENT_SOURCES", "render_html"]

RANKING_ROWS = 25
CHART_BARS = 15
SLOPE_TOP = 10


def _change(row: NodeRow, _: Translator) -> str:
    d = row.base_rank - row.rank
    if d > 0:
        return f'<span class="up">▲ {d}</span>'
    if d < 0:
        return f'<span class="down">▼ {-d}</span>'
    return "="


def _threshold_end(t: ThresholdRow) -> float:
    """Return the weight at which the top changes first (above or below the current one, the nearer)."""
    if math.isfinite(t.change_above) and abs(t.change_above - t.current - t.smallest_change) < 1e-12:
        return t.change_above
    return t.change_below


class _Writer:
    """Render one brief in one language."""

    def __init__(self, brief: Brief, lang: str) -> None:
        self.b = brief
        self.lang = lang
        self.t = translator(lang)
        self.m = brief.model

    # --- helpers -----------------------------------------------------------------------------
    def name(self, any_id: str) -> str:
        return self.m.label(any_id, self.lang)

    def num(self, x: float, decimals: int = 3) -> str:
        return self.t.number(x, decimals)

    def pct(self, x: float, decimals: int = 1) -> str:
        return self.t.percent(x, decimals)

    @property
    def model_name(self) -> str:
        tr = self.m.translations.get(self.lang)
        return tr.name if tr and tr.name else self.m.name

    @property
    def scenario_label(self) -> str:
        _ = self.t
        name = self.b.scenario_name_in(self.lang)
        if name is not None:
            return name
        return _("Custom weights") if self.b.custom_weights else _("The model's own weights")

    # --- sections ----------------------------------------------------------------------------
    def header(self) -> str:
        _ = self.t
        stamp = self.b.generated.strftime("%Y-%m-%d %H:%M UTC")
        meta = _("Scenario: {scenario} · generated {date}").format(scenario=self.scenario_label, date=stamp)
        return (
            f"<header><h1>{_e(_(T.policy_brief))}</h1>"
            f'<p class="subtitle">{_e(self.model_name)}</p><p class="meta">{_e(meta)}</p></header>'
        )

    def glance(self) -> str:
        _ = self.t
        b = self.b
        items = []
        top3 = b.rows[:3]
        listed = _("; ").join(
            _("{name} ({value})").format(name=self.name(r.id), value=self.num(r.composite)) for r in top3
        )
        items.append(_("The top factors are: {factors}.").format(factors=listed))
        movers = sorted(
            (r for r in b.rows if r.rank != r.base_rank), key=lambda r: -abs(r.base_rank - r.rank)
        )
        if b.scenario_name is None and not b.custom_weights:
            pass
        elif not movers:
            items.append(_("The ranking is the same as under the model's own weights."))
        else:
            parts = []
            for r in movers[:3]:
                key = (
                    _("{factor} rises from rank {a} to {b}")
                    if r.rank < r.base_rank
                    else _("{factor} falls from rank {a} to {b}")
                )
                parts.append(key.format(factor=self.name(r.id), a=r.base_rank, b=r.rank))
            items.append(_("Against the model's own weights: {changes}.").format(changes=_("; ").join(parts)))
        if b.stability:
            items.append(
                _(
                    "With every judgment perturbed (up to ×{factor} either way, {draws} draws), "
                    "the top factor stays first in {share} of draws."
                ).format(
                    factor=self.num(2**b.mc_spread, 2),
                    draws=b.mc_draws,
                    share=self.pct(b.top_factor_stability),
                )
            )
        firsts = [t for t in b.thresholds if t.top == 1 and math.isfinite(t.smallest_change)]
        if firsts:
            t = min(firsts, key=lambda x: x.smallest_change)
            items.append(
                _(
                    "The top factor changes soonest when the weight of {criterion} moves from {current} to {to} "
                    "(the other criteria keeping their proportions)."
                ).format(
                    criterion=self.name(t.criterion),
                    current=self.num(t.current),
                    to=self.num(_threshold_end(t)),
                )
            )
        elif b.thresholds:
            items.append(_("No single criterion weight, moved anywhere from 0 to 1, changes the top factor."))
        lis = "".join(f"<li>{_e(i)}</li>" for i in items)
        return f'<section class="glance"><h2>{_e(_(T.at_a_glance))}</h2><ul>{lis}</ul></section>'

    def scenario(self) -> str:
        _ = self.t
        b = self.b
        out = [f"<section><h2>{_e(_(T.the_scenario_and_its_weights))}</h2>"]
        out.append(f"<p><strong>{_e(self.scenario_label)}</strong></p>")
        rationale = b.scenario_rationale_in(self.lang)
        if rationale:
            out.append(f"<p>{_e(rationale)}</p>")
        if b.scenario_illustrative:
            out.append(f'<p class="note">{_e(_(T.the_scenario_weights_are_illustrative))}</p>')
        if b.n_overrides:
            out.append(
                "<p>"
                + _e(
                    _(
                        "This scenario also changes {n} judgment matrices; their effect is shown below."
                    ).format(n=b.n_overrides)
                )
                + "</p>"
            )
        head = [(_e(_("Criterion")), False), (_e(_("Scenario weight")), True), (_e(_("Model weight")), True)]
        if b.published_weights:
            head.append((_e(_("Published weight")), True))
        rows = []
        for c, w, bw in zip(b.criteria, b.weights, b.base_weights, strict=True):
            r = [_e(self.name(c)), self.num(w), self.num(bw)]
            if b.published_weights:
                r.append(_e(b.published_weights.get(c, "–")))
            rows.append(r)
        out.append(_table(head, rows))
        labels = [self.name(c) for c in b.criteria]
        series = [(_("Scenario"), list(b.weights), svg.BLUE), (_("Model"), list(b.base_weights), svg.ORANGE)]
        desc = "; ".join(
            f"{lab}: {self.num(w)} / {self.num(bw)}"
            for lab, w, bw in zip(labels, b.weights, b.base_weights, strict=True)
        )
        chart = svg.grouped_bars(
            labels,
            series,
            title=_("Criterion weights: scenario and model"),
            desc=desc,
            fmt=self.num,
            ident="weights",
        )
        out.append(
            _figure(
                chart, _("Criterion weights, scenario against the model's own (the table above lists them).")
            )
        )
        out.append("</section>")
        return "".join(out)

    def ranking(self) -> str:
        _ = self.t
        b = self.b
        out = [f"<section><h2>{_e(_(T.the_ranking_and_how_it))}</h2>"]
        out.append(
            "<p>"
            + _e(
                _(
                    "Composite weight of each factor under the scenario (the weighted sum of its limit priorities "
                    "under every criterion), ranked as the study ranks: weights rounded to 3 decimals, ties share a rank."
                )
            )
            + "</p>"
        )
        shown = b.rows[:CHART_BARS]
        labels = [self.name(r.id) for r in shown]
        desc = "; ".join(
            _("{factor}: {weight} (model: {base})").format(
                factor=lab, weight=self.num(r.composite), base=self.num(r.base_composite)
            )
            for lab, r in zip(labels, shown, strict=True)
        )
        chart = svg.bar_chart(
            labels,
            [r.composite for r in shown],
            markers=[r.base_composite for r in shown],
            bar_label=_("Scenario"),
            marker_label=_("Model's own weights"),
            title=_("Composite weights of the top {n} factors").format(n=len(shown)),
            desc=desc,
            fmt=self.num,
            ident="composite",
        )
        out.append(
            _figure(
                chart,
                _("Bars: the scenario; black ticks: the model's own weights. All values are in the table."),
            )
        )
        head = [
            (_e(_("Rank")), True),
            (_e(_("Factor")), False),
            (_e(_("Cluster")), False),
            (_e(_("Weight")), True),
            (_e(_("Model rank")), True),
            (_e(_("Change")), True),
        ]
        if b.has_published:
            head.append((_e(_("Published rank")), True))
        rows = []
        for r in b.rows[:RANKING_ROWS]:
            cells = [
                str(r.rank),
                _e(self.name(r.id)),
                _e(self.name(r.cluster)),
                self.num(r.composite),
                str(r.base_rank),
                _change(r, self.t),
            ]
            if b.has_published:
                cells.append(str(r.published_rank) if r.published_rank is not None else "–")
            rows.append(cells)
        out.append(_table(head, rows))
        if len(b.rows) > RANKING_ROWS:
            more = _("{n} more factors are not listed; the command line and the dashboard list them all.")
            out.append(f'<p class="note">{_e(more.format(n=len(b.rows) - RANKING_ROWS))}</p>')
        if b.scenario_name is not None or b.custom_weights:
            out.append(self._slope())
        if b.judgments_changed:
            out.append(self._judgment_effects())
        out.append("</section>")
        return "".join(out)

    def _slope(self) -> str:
        _ = self.t
        rows = [r for r in self.b.rows if r.rank <= SLOPE_TOP or r.base_rank <= SLOPE_TOP]
        labels = [self.name(r.id) for r in rows]
        desc = "; ".join(
            _("{factor}: rank {a} → {b}").format(factor=lab, a=r.base_rank, b=r.rank)
            for lab, r in zip(labels, rows, strict=True)
        )
        chart = svg.slope_chart(
            labels,
            [r.base_rank for r in rows],
            [r.rank for r in rows],
            left_title=_("Model"),
            right_title=_("Scenario"),
            title=_("Rank changes among the top {n}").format(n=SLOPE_TOP),
            desc=desc,
            ident="slope",
        )
        return _figure(
            chart,
            _("Ranks under the model's own weights (left) and the scenario (right); ▲ up, ▼ down, = same."),
        )

    def _judgment_effects(self) -> str:
        _ = self.t
        rows = sorted(self.b.rows, key=lambda r: -abs(r.judgment_effect))[:8]
        head = [
            (_e(_("Factor")), False),
            (_e(_("Change of weight")), True),
            (_e(_("Due to the changed judgments")), True),
        ]
        body = [
            [_e(self.name(r.id)), self.num(r.composite - r.base_composite, 4), self.num(r.judgment_effect, 4)]
            for r in rows
        ]
        intro = _(
            "What the scenario's judgment changes did on their own: the part of each change of weight that remains "
            "when the new criterion weights are applied to the unchanged judgments and subtracted."
        )
        return f"<h3>{_e(_(T.effect_of_the_changed_judgments))}</h3><p>{_e(intro)}</p>" + _table(head, body)

    def recommendations(self) -> str:
        _ = self.t
        b = self.b
        out = [f"<section><h2>{_e(_(T.top_factors_and_what_the))}</h2>"]
        if not self.m.recommendations:
            out.append(f"<p>{_e(_(T.this_model_links_no_recommendations))}</p></section>")
            return "".join(out)
        rows = {r.id: r for r in b.rows}
        for n in b.top:
            r = rows[n]
            out.append(
                f"<h3>{r.rank}. {_e(_(T.name_value).format(name=self.name(n), value=self.num(r.composite)))}</h3>"
            )
            recs = b.recommendations.get(n, ())
            if not recs:
                out.append(f'<p class="note">{_e(_(T.the_model_links_no_recommendation))}</p>')
            for rec in recs:
                title = rec.title
                match = next((x for x in self.m.recommendations if x.id == rec.id), None)
                if match is not None and self.lang in match.translations:
                    title = match.translations[self.lang].name
                strength = _(STRENGTHS.get(rec.strength, rec.strength))
                line = (
                    f"<strong>{_e(rec.section)}</strong> {_e(title)} <span class=note>({_e(strength)})</span>"
                )
                quote = f'<div class="quote">“{_e(rec.quote)}”</div>' if rec.quote else ""
                evidence = (
                    f'<div class="note">{_e(_(T.link_evidence).format(evidence=rec.evidence))}</div>'
                    if rec.evidence
                    else ""
                )
                out.append(f'<div class="rec">{line}{quote}{evidence}</div>')
        if self.lang != "en":
            out.append(f'<p class="note">{_e(_(T.quotations_are_the_source_text))}</p>')
        out.append("</section>")
        return "".join(out)

    def thresholds(self) -> str:
        _ = self.t
        b = self.b
        if not b.thresholds:
            return ""
        tops = sorted({t.top for t in b.thresholds})
        out = [f'<section class="keep"><h2>{_e(_(T.how_far_the_weights_must))}</h2>']
        out.append(
            "<p>"
            + _e(
                _(
                    "For each criterion, the smallest change of its weight (the other criteria keeping their "
                    "proportions) after which the set of the top k factors is different; “–” means no weight from "
                    "0 to 1 changes it."
                )
            )
            + "</p>"
        )
        head = [(_e(_("Criterion")), False), (_e(_("Weight")), True)] + [
            (_e(_("Top {k}").format(k=k)), True) for k in tops
        ]
        rows = []
        for c in b.criteria:
            mine = {t.top: t for t in b.thresholds if t.criterion == c}
            if not mine:
                continue
            cells = [_e(self.name(c)), self.num(next(iter(mine.values())).current)]
            for k in tops:
                t = mine.get(k)
                if t is None or not math.isfinite(t.smallest_change):
                    cells.append("–")
                    continue
                to = _threshold_end(t)
                up = to > t.current
                cells.append(
                    _e(
                        _("{sign}{delta} (to {to})").format(
                            sign="+" if up else "−", delta=self.num(t.smallest_change), to=self.num(to)
                        )
                    )
                )
            rows.append(cells)
        out.append(_table(head, rows))
        out.append("</section>")
        return "".join(out)

    def stability(self) -> str:
        _ = self.t
        b = self.b
        if not b.stability:
            return ""
        out = [f"<section><h2>{_e(_(T.stability_of_the_top_factors))}</h2>"]
        out.append(
            "<p>"
            + _e(
                _(
                    "Monte Carlo: in each of {draws} draws every one of the {j} pairwise judgments was multiplied "
                    "by a random factor between 1/{f} and {f} (log-uniform), the criterion weights held at the "
                    "scenario's; seed {seed}. Verdict: stable when the factor stays within one rank of its place in "
                    "at least nine draws out of ten, fairly stable in at least six out of ten."
                ).format(draws=b.mc_draws, j=b.mc_judgments, f=self.num(2**b.mc_spread, 2), seed=b.mc_seed)
            )
            + "</p>"
        )
        # only the top-k shares that can differ from 1 (a model with 3 ranked nodes has no "top 5")
        tops = [k for k in (1, 3, 5) if k < len(b.rows)] or [1]
        names = {1: _("P(first)"), 3: _("P(top 3)"), 5: _("P(top 5)")}
        colours = {1: svg.BLUE, 3: svg.ORANGE, 5: svg.GREEN}

        def share(s: StabilityRow, k: int) -> float:
            return {1: s.p_top1, 3: s.p_top3, 5: s.p_top5}[k]

        head = [
            (_e(_("Factor")), False),
            (_e(_("Rank")), True),
            (_e(_("Median rank")), True),
            (_e(_("Rank range (5th–95th percentile)")), True),
            *[(_e(names[k]), True) for k in tops],
            (_e(_("Verdict")), False),
        ]
        rows = [
            [
                _e(self.name(s.id)),
                str(s.base_rank),
                self.num(s.median_rank, 1),
                f"{s.rank_p05}–{s.rank_p95}",
                *[self.pct(share(s, k)) for k in tops],
                _e(_(VERDICTS.get(s.verdict, s.verdict))),
            ]
            for s in b.stability
        ]
        out.append(_table(head, rows))
        labels = [self.name(s.id) for s in b.stability]
        series = [(names[k], [share(s, k) for s in b.stability], colours[k]) for k in tops]
        desc = "; ".join(
            f"{lab}: " + ", ".join(f"{names[k]} {self.pct(share(s, k))}" for k in tops)
            for lab, s in zip(labels, b.stability, strict=True)
        )
        chart = svg.grouped_bars(
            labels,
            series,
            title=_("Probability of staying first or in the top ranks"),
            desc=desc,
            fmt=lambda x: self.pct(x, 0),
            vmax=1.0,
            ident="stability",
        )
        out.append(
            _figure(
                chart,
                _(
                    "Share of Monte Carlo draws in which each top factor ranks first, or in the top 3 and top 5."
                ),
            )
        )
        out.append("</section>")
        return "".join(out)

    def caveat(self) -> str:
        _ = self.t
        src = self.m.source
        parts = []
        if src is None:
            parts.append(_e(_(JUDGMENT_SOURCES["unspecified"])))
        elif src.judgments != "original":
            parts.append(_e(_(JUDGMENT_SOURCES[src.judgments])))
            # the notes in the brief's language where the model translates them (else as written)
            notes = in_language(src, "notes", self.lang)
            if notes:
                parts.append(_e(notes))
        if self.b.scenario_illustrative:
            parts.append(_e(_("The scenario weights are illustrative choices, not results of the study.")))
        if not parts:
            return ""
        body = "".join(f"<p>{p}</p>" for p in parts)
        return f'<section class="caveat"><h2>{_e(_(T.about_the_judgments))}</h2>{body}</section>'

    def footer(self) -> str:
        _ = self.t
        b = self.b
        weights = ", ".join(f"{c}={w:.6f}" for c, w in zip(b.criteria, b.weights, strict=True))
        items = [
            (_(T.model), f"{self.m.name} ({self.m.id})"),
            (_("Model fingerprint"), self.m.fingerprint),
            (_("Criterion weights"), weights),
            (
                _("Monte Carlo"),
                _.ngettext(
                    "{draws} draws, spread {spread} doubling, seed {seed}",
                    "{draws} draws, spread {spread} doublings, seed {seed}",
                    1 if b.mc_spread == 1 else 2,
                ).format(draws=b.mc_draws, spread=b.mc_spread, seed=b.mc_seed),
            ),
            (_("Software"), b.version),
            (_("Generated"), b.generated.strftime("%Y-%m-%d %H:%M:%S UTC")),
        ]
        if self.m.source is not None:
            items.insert(1, (_("Source"), self.m.source.citation))
        dl = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in items)
        return f"<footer><h2>{_e(_(T.reproducibility))}</h2><dl>{dl}</dl></footer>"

    def document(self) -> str:
        _ = self.t
        html_lang = "zh-Hans" if self.lang == "zh" else self.lang
        title = _("Policy brief") + " — " + self.model_name
        parts = [
            self.header(),
            self.glance(),
            self.scenario(),
            self.ranking(),
            self.recommendations(),
            self.thresholds(),
            self.stability(),
            self.caveat(),
            self.footer(),
        ]
        return (
            f'<!DOCTYPE html>\n<html lang="{html_lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(title)}</title><style>{CSS}</style></head><body><main>"
            + "".join(parts)
            + "</main></body></html>\n"
        )


def render_html(brief: Brief, lang: str = "en") -> str:
    """Return the brief as a self-contained HTML document in ``lang`` (``en`` or ``zh``)."""
    return _Writer(brief, lang).document()

"""Scenarios: compare named criterion-weight sets (and judgment changes), link them to recommendations, share them.

Scenarios on offer: the preset files of ``data/scenarios`` that fit the
model, the model's own weights, the user's own (saved, with or without the
judgment edits; uploaded) and the current sliders (``dashboard.scenario_actions``).
A scenario of weights alone is evaluated with the current judgments; one
that carries judgment changes stands on the opened model plus its changes
(``dashboard.scenario_ui.effective``). "Apply" seeds the Weights page
sliders (and the judgments) in a callback; the share link carries the
weights and, compactly, the changed judgments (``dashboard.scenario_link``);
the policy brief and the head-to-head sit below.
"""

import hashlib
from collections.abc import Callable
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from anp_core import ANPError
from anp_core.compare import scenario_shift
from anp_core.scenarios import dump_scenario
from dashboard import (
    brief_ui,
    cached,
    compare_figures,
    compare_ui,
    palette,
    scenario_actions,
    scenario_figures,
    scenario_link,
    scenario_ui,
    state,
    url_state,
)
from dashboard import chart_summaries as ta
from dashboard.text import current_language, gettext, plain

state.init()  # idempotent

ss = st.session_state
_ = gettext()
lang = current_language()
fmt = ta.formats_for(lang)
phrases = ta.phrases_for(_)
model, base = state.current_model(), state.baseline_model()
diff = scenario_actions.diff()
names = {f: model.label(f, lang) for f in model.ranked_node_ids}
cnames = {c: model.label(c, lang) for c in model.networked_criteria}
styles = palette.style_map([c.id for c in model.clusters])
scenarios = scenario_actions.all_scenarios()
preset_ids = {p.id for p in scenario_actions.presets()}
from_files = [s for s in scenarios.values() if s.id in preset_ids]


def sname(sid: str) -> str:
    """Display name of a scenario (the built-in ones in the page's language)."""
    return scenarios[sid].name_in(lang)


def figure(
    name: str, data: pd.DataFrame, labels: dict[str, str], build: Callable[[], go.Figure]
) -> go.Figure:
    """Build a chart once per content: a rerun that changes nothing it shows (focus, head-to-head) reuses it."""
    digest = hashlib.sha256(pd.util.hash_pandas_object(data, index=True).to_numpy().tobytes()).hexdigest()
    key = (name, digest, tuple(labels.items()), lang, model.fingerprint)
    cache = ss.setdefault(state.SC_FIGURES, {})
    if key not in cache:
        for old in [k for k in cache if k[0] == name]:
            del cache[old]
        cache[key] = build()
    return cache[key]


st.title(_("Scenarios"))
intro = []
if from_files:
    intro.append(
        _(
            "**The preset scenarios' weights are illustrative choices**, each motivated by passages of the source "
            "(quoted below), not results of it; they are offered because this model has their criteria."
        )
    )
else:
    intro.append(
        _(
            "No preset scenario of `data/scenarios` fits this model's criteria: compare its own weights, the "
            "current sliders and scenarios you save or upload."
        )
    )
intro.append(
    _(
        "A scenario of weights alone is evaluated with the current model's judgments (with any edits you made); "
        "a scenario that carries judgment changes is evaluated on the model as opened plus its changes."
    )
)
if not diff.empty:
    intro.append(
        _.ngettext(
            "You have edited {n} judgment matrix since the model was opened.",
            "You have edited {n} judgment matrices since the model was opened.",
            diff.n_matrices,
        ).format(n=diff.n_matrices)
    )
notice = scenario_ui.judgments_notice(model, lang)
if notice:
    intro.append(notice)
st.info("\n\n".join(intro), icon=":material/info:")
if ss.get(state.SC_MESSAGE):
    kind, text = ss[state.SC_MESSAGE]
    {"success": st.success, "error": st.error}.get(kind, st.info)(text)
    ss[state.SC_MESSAGE] = None

options = list(scenarios)
if state.SC_SELECTED not in ss:
    ss[state.SC_SELECTED] = scenario_actions.default_selection(scenarios)
clean = [s for s in ss[state.SC_SELECTED] if s in scenarios][: scenario_actions.MAX]
if clean != ss[state.SC_SELECTED]:
    ss[state.SC_SELECTED] = clean or scenario_actions.default_selection(scenarios)
yours = _("(yours)")
carries = _("(with judgments)")
selected = st.multiselect(
    _("Scenarios to compare (up to {n}; the first is the reference for rank changes)").format(
        n=scenario_actions.MAX
    ),
    options,
    format_func=lambda s: " ".join(
        [sname(s)]
        + ([yours] if s in ss[state.SC_CUSTOM] else [])
        + ([carries] if scenarios[s].overrides else [])
    ),
    max_selections=scenario_actions.MAX,
    key=state.SC_SELECTED,
    persist_state="session",
)
if not selected:
    st.info(_("Choose at least one scenario."))
    st.stop()

items = {s: scenario_actions.effective(scenarios[s]) for s in selected}
snames = scenario_ui.distinct_names({s: sname(s) for s in selected})
try:
    compared = scenario_ui.compare_effective(list(items.values()))
except ANPError as err:
    st.error(plain(err))
    st.stop()

# ----- composite weights, ranks, rank changes -----
st.plotly_chart(
    figure("bars", compared, snames, lambda: scenario_figures.scenario_bars(compared, snames, names, _)),
    key="sc_bars",
    config={"displaylogo": False},
)
st.caption(
    plain(
        _("; ").join(
            f"{snames[s]}: "
            + ta.ranking_summary(
                [names[f] for f in compared.index],
                compared[(s, "composite")].to_numpy(),
                fmt=fmt,
                phrases=phrases,
            ).rstrip(_("."))
            for s in selected
        )
        + _(".")
    )
)
with st.expander(_("The composite weights as a table")):
    weights_table = compared.xs("composite", axis=1, level="value").rename(columns=snames)
    weights_table.insert(0, _("Factor"), [names[f] for f in weights_table.index])
    st.dataframe(
        weights_table.sort_values(snames[selected[0]], ascending=False),
        hide_index=True,
        key="sc_bars_table",
        column_config={snames[s]: st.column_config.NumberColumn(format="%.4f") for s in selected},
    )

# scenarios that carry judgments of their own (not the user's edits lent to weights-only ones)
with_judgments = [s for s in selected if scenarios[s].overrides]
if (len(selected) > 1 or with_judgments) and len(names) <= scenario_figures.BUMP_LIMIT:
    bump_items, bump_names = [], {}
    for s in selected:
        e = items[s]
        if s in with_judgments:
            alone = e.scenario.model_copy(update={"id": f"{s}__weights_only", "overrides": ()})
            bump_items.append(scenario_ui.Effective(e.model, alone))
            bump_names[alone.id] = _("{name}: weights only").format(name=snames[s])
        bump_items.append(e)
        bump_names[s] = snames[s]
    bumped = scenario_ui.compare_effective(bump_items)
    st.plotly_chart(
        figure(
            "bump",
            bumped,
            bump_names,
            lambda: scenario_figures.rank_bump(bumped, bump_names, names, model.cluster_of, styles, _),
        ),
        key="sc_bump",
        config={"displaylogo": False},
    )
    cols = list(bump_names)
    st.caption(
        plain(
            ta.scenario_change_summary(
                [names[f] for f in bumped.index],
                bumped[(cols[0], "rank")].astype(int).tolist(),
                bumped[(cols[-1], "rank")].astype(int).tolist(),
                scenario=bump_names[cols[-1]],
                baseline=bump_names[cols[0]],
                fmt=fmt,
                phrases=phrases,
            )
        )
        + (
            " "
            + _(
                "A column “weights only” holds a scenario's weights without its judgment changes: the step from it "
                "to the next column is what the judgment changes did on their own."
            )
            if with_judgments
            else ""
        )
    )
st.subheader(_("Rank changes"))
st.caption(
    _("Rank under each scenario, and its move against **{name}** (▲2: two places up).").format(
        name=plain(snames[selected[0]])
    )
)
ranks = scenario_ui.rank_change_display(compared, snames, names, _)
st.dataframe(ranks, hide_index=True, key="sc_rank_table", height=min(35 * len(ranks) + 40, 800))

with st.expander(_("What each scenario assumes, and the passages behind it"), expanded=False):
    for s in selected:
        sc = scenarios[s]
        tag = _("illustrative weights") if sc.illustrative else _("weights from the source")
        weights = " · ".join(
            f"{plain(cnames.get(c, c))} {w:.3f}" for c, w in sc.criterion_weights.items() if w > 0
        )
        st.markdown(f"**{plain(sc.name_in(lang))}** ({tag}): {weights}")
        if sc.overrides:
            st.markdown(
                _.ngettext(
                    "It carries {n} judgment matrix of its own.",
                    "It carries {n} judgment matrices of its own.",
                    len(sc.overrides),
                ).format(n=len(sc.overrides))
            )
        elif items[s].edits:
            st.markdown(_("Evaluated with your judgment edits."))
        if sc.rationale_in(lang):
            st.markdown(plain(sc.rationale_in(lang)))
        for q in sc.sources:
            st.markdown(
                f"> {plain(q.quote)}\n>\n> — "
                + _("paper {paper}, section {section}").format(paper=plain(q.paper), section=plain(q.section))
            )

# ----- one scenario: what its judgments did, recommendations, apply, share, brief, download -----
st.divider()
state.keep_choice(state.SC_FOCUS, selected[::-1] if len(selected) > 1 else selected)
focus = st.selectbox(
    _("Look at one scenario"),
    selected,
    format_func=sname,
    key=state.SC_FOCUS,
    persist_state="session",
)
sc = scenarios[focus]
eff = items[focus]
comp = compared[(focus, "composite")]
rk = compared[(focus, "rank")]

if eff.scenario.overrides:
    st.subheader(
        _("{name}: what the weights and the judgment changes did").format(name=plain(sc.name_in(lang)))
    )
    shift = scenario_shift(eff.model, None, eff.scenario)
    table = shift.table()
    labels = [names[f] for f in table.index]
    st.plotly_chart(
        compare_figures.effect_bars(
            labels,
            table["weight_effect"].to_numpy(),
            table["judgment_effect"].to_numpy(),
            title=_("Change of each factor's composite weight against the model's own weights"),
            axis=_("change of composite weight"),
            _=_,
        ),
        key="sc_effects",
        config={"displaylogo": False},
    )
    st.caption(
        plain(
            ta.effects_summary(
                labels,
                table["weight_effect"].to_numpy(),
                table["judgment_effect"].to_numpy(),
                what=_("Against the model's own weights and judgments:"),
                fmt=fmt,
                _=_,
            )
        )
    )
    with st.expander(_("The weight and judgment effects as a table")):
        shown = table[
            ["composite_a", "composite_b", "weight_effect", "judgment_effect", "rank_a", "rank_b"]
        ].copy()
        shown.columns = [
            _("Composite (model)"),
            _("Composite (scenario)"),
            _("Weight effect"),
            _("Judgment effect"),
            _("Rank (model)"),
            _("Rank (scenario)"),
        ]
        shown.insert(0, _("Factor"), labels)
        num = st.column_config.NumberColumn(format="%.4f")
        st.dataframe(
            shown,
            hide_index=True,
            key="sc_effects_table",
            column_config=dict.fromkeys(shown.columns[1:5], num),
        )

if model.recommendations:
    st.subheader(_("{name}: the recommendations and its top factors").format(name=plain(sc.name_in(lang))))
    most = max(2, min(10, len(names)))
    if not 1 <= int(ss[state.SC_TOP_K]) <= most:  # a smaller model than the last one
        ss[state.SC_TOP_K] = min(max(int(ss[state.SC_TOP_K]), 1), most)
    top_k = st.columns([1, 2])[0].slider(
        _("Top factors"),
        min_value=1,
        max_value=most,
        key=state.SC_TOP_K,
        persist_state="session",
    )
    st.markdown(scenario_ui.recommendation_lines(model, comp, rk, top_k, _=_, lang=lang))
    links = scenario_ui.recommendation_links(
        model, comp, rk, top_k=top_k, baseline=cached.evaluation(model).composite, lang=lang
    )
    cols = st.columns(2, gap="medium")
    for k, (_i, row) in enumerate(links.iterrows()):
        with cols[k % 2].container(border=True, key=f"sc_rec_{row['Id']}"):
            st.markdown(f"**{plain(row['Section'])} {plain(row['Recommendation'])}**")
            if row["Quote"]:
                st.caption(f"“{plain(row['Quote'])}” ({plain(row['Section'])})")
            change = (
                ""
                if row["Change"] != row["Change"]
                else " "
                + _("({change} against the model's own weights)").format(change=f"{row['Change']:+.3f}")
            )
            st.markdown(
                _("Top-{k} factors it concerns: {factors}").format(k=top_k, factors=plain(row["Top factors"]))
                + "  \n"
                + _("Weight share of all the factors it concerns: **{share}**").format(
                    share=f"{row['Weight share']:.3f}"
                )
                + change
            )
    st.caption(
        _(
            "The links between recommendations and factors come from the model file's recommendations section "
            "(each link quotes the phrase it rests on); *indirectly* marks a related measure rather than the "
            "factor itself."
        )
    )
else:
    st.caption(
        _(
            "This model has no recommendations section (`recommendations` in the model file) to link its top "
            "factors to."
        )
    )

st.subheader(_("Use, share or keep this scenario"))
a1, a2 = st.columns([1, 1], gap="large")
with a1:
    st.button(
        _("Apply to sliders: {name}").format(name=plain(sc.name_in(lang))),
        key="sc_apply",
        icon=":material/tune:",
        on_click=scenario_actions.apply,
        args=(focus,),
        type="primary",
        wrap=True,  # the scenario's name is the point: a narrow column wraps it, never cuts it
        disabled=focus == scenario_actions.CURRENT,
        help=(
            _(
                "Set the Weights page sliders to this scenario's weights and put its judgment changes in the model (undoable)."
            )
            if sc.overrides
            else _("Set the Weights page sliders to this scenario's weights (judgments are not changed).")
        ),
    )
    st.page_link("views/weights.py", label=_("Open the Weights page"), icon=":material/tune:")
    # the link: weights, name and, compactly, the judgments this scenario is evaluated with
    if sc.overrides:
        j = scenario_link.encode_link(base, sc.overrides)
    elif eff.edits or (diff.criteria_changed and diff.exact):
        j = scenario_link.encode_diff(base, diff)
    else:
        j = ""
    params = url_state.encode(dict(sc.criterion_weights), sc.name_in(lang))
    root = (st.context.url or "").rsplit("/", 1)[0] + "/"
    if eff.model is not base:
        st.warning(
            _(
                "Your judgment edits include a removed comparison or a change of structure, which a link cannot "
                "carry. Download the model (sidebar) to share them."
            ),
            icon=":material/link_off:",
        )
    elif len(j) > scenario_link.MAX_LINK_CHARS:
        st.warning(
            _(
                "This scenario's judgment changes are too many for a link ({n} characters; at most {limit}). "
                "Download the scenario file instead and share it: **Upload a scenario** below opens it."
            ).format(n=f"{len(j):,}", limit=f"{scenario_link.MAX_LINK_CHARS:,}"),
            icon=":material/link_off:",
        )
    else:
        if j:
            params[url_state.JUDGMENTS_PARAM] = j
        link = f"{root}?{urlencode(params)}"
        ss[state.SC_LINK] = link
        st.markdown(
            _("Link that opens these weights and judgments:")
            if j
            else _("Link that opens these weights (Weights page):")
        )
        st.code(link, language=None, wrap_lines=True)
        if j and not sc.overrides:
            st.caption(
                _("The link also carries your judgment edits, as this scenario is evaluated with them.")
            )
with a2:
    keep = eff.scenario if focus == scenario_actions.CURRENT else sc
    mine = focus == scenario_actions.CURRENT
    st.download_button(
        _("Download this scenario (JSON)"),
        data=dump_scenario(keep if not mine else keep.model_copy(update={"id": "my_scenario"})),
        file_name=f"{sc.id if not mine else 'my_scenario'}.json",
        mime="application/json",
        on_click="ignore",
        icon=":material/download:",
        key="sc_download",
        wrap=True,
    )
    if focus in ss[state.SC_CUSTOM]:
        st.button(
            _("Remove this scenario"),
            key="sc_delete",
            icon=":material/delete:",
            on_click=scenario_actions.delete,
            args=(focus,),
        )
with st.container(border=True, key="sc_brief"):
    st.markdown("**" + _("Policy brief of this scenario") + "**")
    st.caption(
        _(
            "Its weights, the ranking and how it changed against the model's own weights, the top factors with "
            "their recommendations, how far each weight must move to change the top, and the stability of the top "
            "under judgment uncertainty; with judgment changes, what they did on their own."
        )
    )
    brief_ui.downloads(
        brief_ui.BriefRequest(eff.model, scenario=eff.scenario),
        key="sc_brief",
        file_stem=f"{model.id}_{sc.id}_brief",
        lang=lang,
    )

s1, s2 = st.columns([1, 1], gap="large")
with s1, st.container(border=True):
    st.markdown("**" + _("Save the current sliders as a scenario") + "**")
    current = " · ".join(
        f"{plain(cnames.get(c, c))} {w:.3f}" for c, w in state.effective_weights().items() if w > 0
    )
    st.caption(_("Current weights: {weights}.").format(weights=current))
    st.text_input(
        _("Scenario name"), key=state.SC_NEW_NAME, max_chars=80, placeholder=_("e.g. Tariffs at 145 %")
    )
    if diff.overrides:
        st.checkbox(
            _.ngettext(
                "Include my edit of {n} judgment matrix",
                "Include my edits of {n} judgment matrices",
                len(diff.overrides),
            ).format(n=len(diff.overrides)),
            key=state.SC_WITH_JUDGMENTS,
            help=_(
                "The scenario then carries the changed matrices; applying it puts them back into the model."
            ),
        )
    else:
        st.caption(
            _(
                "No judgment edits to include: edit judgments on the Judgments page to save them with a scenario."
            )
        )
    if diff.removed:
        st.caption(
            _.ngettext(
                "{n} comparison you removed cannot be part of a scenario.",
                "{n} comparisons you removed cannot be part of a scenario.",
                len(diff.removed),
            ).format(n=len(diff.removed))
        )
    st.button(_("Save scenario"), key="sc_save", icon=":material/save:", on_click=scenario_actions.save)
with s2, st.container(border=True):
    st.markdown("**" + _("Upload a scenario (JSON)") + "**")
    st.caption(
        _("A file downloaded here, or written by hand in the same format (data/scenarios holds examples).")
    )
    st.file_uploader(
        _("Scenario file"),
        type=["json"],
        key=state.scenario_uploader_key(),
        on_change=scenario_actions.upload,
        label_visibility="collapsed",
    )

st.divider()
compare_ui.section(items, focus, names, cnames, lang)

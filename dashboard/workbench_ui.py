"""Model page sections drawn with Streamlit: start, structure, links, the network and its problems.

Each function draws one part of the page from the current draft; every
change goes through a callback in :mod:`dashboard.workbench_state`, which
runs a pure edit operation of :mod:`anp_core.edit` or
:mod:`anp_core.edit_links`. Widget keys carry ``wb_rev`` so they are rebuilt
from the draft after every edit, undo and redo. Names users typed are shown
through :func:`dashboard.workbench_views.plain`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st

from anp_core import ANPError, ModelValidationError, dump_model
from anp_core import edit as ed
from anp_core import edit_links as lk
from anp_core.draft import Draft, dump_draft, from_model, load_draft, matrix_of
from anp_core.draft_problems import Diagnosis, Problem
from anp_core.i18n import N_
from dashboard import state
from dashboard import workbench_state as wb
from dashboard.text import current_language, gettext, label_text, model_name
from dashboard.workbench_figure import network_figure
from dashboard.workbench_views import (
    draft_labeller,
    fmt_judgment,
    links_in_words,
    plain,
    problem_counts,
    problem_texts,
    templates,
)

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_ROOTS = {
    "Examples": ROOT / "data" / "models" / "examples",
    "Templates": ROOT / "data" / "models" / "templates",
    "Bundled": ROOT / "data" / "models",
}


#: Above this many clusters or nodes the structure editor shows one cluster at a time.
MANY_CLUSTERS = 8
MANY_NODES = 40


def _seed(key: str, value: Any) -> str:
    st.session_state.setdefault(key, value)
    return key


def rename(d: Draft, any_id: str, name: str) -> ed.Edit:
    """Rename in the interface's language: the translated name a page in that language shows, else the name."""
    return ed.rename(d, any_id, name, lang=current_language())


# --------------------------------------------------------------------------
# starting points


def _start_scratch() -> None:
    ss = st.session_state
    _ = gettext()
    try:
        new = ed.new_draft(
            str(ss.get("wb_new_model", "")), criterion=str(ss.get("wb_new_criterion_name") or _("Overall"))
        )
    except ANPError as err:
        wb.say("error", _("Not started: {error}").format(error=wb.error_text(err, current_language())))
        return
    wb.open_draft(
        new,
        _("started from scratch"),
        _("Started {name}: add clusters and their nodes (Structure).").format(name=new.name),
    )


def _open_template() -> None:
    path = st.session_state.get("wb_template")
    if not isinstance(path, Path):
        return
    _ = gettext()
    try:
        new, problems = load_draft(path)
    except ModelValidationError as err:
        wb.say(
            "error",
            _("{file} cannot be opened:").format(file=plain(path.name)) + "\n\n" + wb.problems_text(err),
            markdown=True,
        )
        return
    blocking = sum(1 for p in problems if p.severity == "blocking")
    if blocking:
        said = _.ngettext(
            "Opened {name} from {file}: {n} problem to solve.",
            "Opened {name} from {file}: {n} problems to solve.",
            blocking,
        )
    else:
        said = _("Opened {name} from {file}: a complete model.")
    wb.open_draft(
        new,
        _("template {file}").format(file=path.name),
        said.format(name=model_name(new, current_language()), file=path.name, n=blocking),
    )


def _open_current() -> None:
    _ = gettext()
    model = state.current_model()
    name = model_name(model, current_language())
    wb.open_draft(
        from_model(model),
        _("the dashboard's model ({name})").format(name=name),
        _("Opened {name} for editing.").format(name=name),
    )


def start_panel() -> None:
    """Draw the ways to start: from scratch, from a template, the dashboard's model, a file."""
    _ = gettext()
    lang = current_language()
    cols = st.columns(3, gap="large")
    with cols[0], st.form("wb_start_form", border=True):
        st.markdown("**" + _("From scratch") + "**")
        st.text_input(
            _("Model name"),
            key="wb_new_model",
            placeholder=_("e.g. Choosing an export market"),
            max_chars=200,
        )
        st.text_input(
            _("First control criterion"),
            key="wb_new_criterion_name",
            placeholder=_("Overall"),
            help=_("Every network is built under a control criterion; keep 'Overall' for a single network."),
            max_chars=200,
        )
        st.form_submit_button(_("Start"), icon=":material/add:", on_click=_start_scratch, type="primary")
    with cols[1], st.container(border=True):
        st.markdown("**" + _("From a template or example") + "**")
        found = templates(TEMPLATE_ROOTS, lang)
        if found:
            by_path = {t.path: t for t in found}
            groups = {"Examples": _("example"), "Templates": _("template"), "Bundled": _("bundled")}
            st.selectbox(
                _("Template"),
                list(by_path),
                format_func=lambda p: _("{name} ({group}: {file})").format(
                    name=by_path[p].name,
                    group=groups.get(by_path[p].group, by_path[p].group.lower()),
                    file=p.name,
                ),
                key="wb_template",
            )
            chosen = by_path.get(st.session_state.get("wb_template"))  # type: ignore[arg-type]
            if chosen is not None and chosen.description:
                st.caption(plain(chosen.description))  # whole: a cut description reads as a bug
            st.button(
                _("Open template"),
                key="wb_open_template",
                icon=":material/file_open:",
                on_click=_open_template,
            )
        else:
            st.caption(_("No templates installed (data/models/examples, data/models/templates)."))
    with cols[2], st.container(border=True):
        st.markdown("**" + _("An existing model") + "**")
        st.button(
            _("Edit the dashboard's model"),
            key="wb_open_current",
            icon=":material/edit:",
            on_click=_open_current,
            help=_(
                "A copy of the model the other pages show ({name}); it changes there only when you press 'Use "
                "this model'."
            ).format(name=plain(model_name(state.current_model(), lang))),
        )
        st.file_uploader(
            _("Open a draft or model"),
            type=["json", "sdmod", "xlsx"],
            key=wb.uploader_key(),
            on_change=wb.on_upload,
            help=_(
                "A draft or model downloaded from this page (JSON), any model file (data/README.md), a Super "
                "Decisions .sdmod file or a workbook written by the convert command. Nothing changes if it is "
                "refused."
            ),
        )


# --------------------------------------------------------------------------
# toolbar


def toolbar(d: Draft, diag: Diagnosis) -> None:
    """Undo, redo, download (draft or model) and 'Use this model'."""
    ss = st.session_state
    _ = gettext()
    # one row that wraps, each button as wide as its label: in fixed columns the labels were cut
    bar = st.container(horizontal=True, vertical_alignment="center")
    cols = [bar] * 5
    n_undo, n_redo = len(ss[wb.UNDO]), len(ss[wb.REDO])
    cols[0].button(
        _("Undo ({n})").format(n=n_undo) if n_undo else _("Undo"),
        key="wb_undo_btn",
        icon=":material/undo:",
        on_click=wb.undo,
        disabled=not n_undo,
        width="content",
    )
    cols[1].button(
        _("Redo ({n})").format(n=n_redo) if n_redo else _("Redo"),
        key="wb_redo_btn",
        icon=":material/redo:",
        on_click=wb.redo,
        disabled=not n_redo,
        width="content",
    )
    model = diag.model
    cols[2].download_button(
        _("Download model") if model is not None else _("Download draft"),
        data=(lambda: dump_model(model)) if model is not None else (lambda: dump_draft(d)),
        file_name=f"{d.id}.json" if model is not None else f"{d.id}.draft.json",
        mime="application/json",
        on_click="ignore",
        icon=":material/download:",
        key="wb_download",
        width="content",
        help=_('JSON in the model format; a draft carries `"draft": true` and opens here again.'),
    )
    cols[3].button(
        _("Use this model"),
        key="wb_use",
        icon=":material/rocket_launch:",
        type="primary",
        on_click=wb.use_model,
        disabled=model is None,
        width="content",
        help=_("Make it the dashboard's model: the Weights, Judgments and other pages show it.")
        if model is not None
        else _("Solve the problems that block it first."),
    )
    counts = problem_counts(diag)
    if model is not None:
        cols[4].markdown(
            ":material/check_circle: **"
            + _("Complete model")
            + "**"
            + (
                " · "
                + _.ngettext("{n} warning", "{n} warnings", counts["warning"]).format(n=counts["warning"])
                if counts["warning"]
                else ""
            )
        )
    else:
        cols[4].markdown(
            ":material/block: **"
            + _("Draft")
            + "** · "
            + _.ngettext("{n} problem blocks it", "{n} problems block it", counts["blocking"]).format(
                n=counts["blocking"]
            )
        )


def message() -> None:
    """Show the last action's message once."""
    msg = st.session_state.get(wb.MESSAGE)
    if not msg:
        return
    kind, text = msg
    {"success": st.success, "error": st.error}.get(kind, st.info)(text)
    st.session_state[wb.MESSAGE] = None


# --------------------------------------------------------------------------
# structure


def _row_buttons(cols: list[Any], any_id: str, name: str, index: int, last: int, delete_help: str) -> None:
    _ = gettext()
    r = wb.rev()
    cols[0].button(
        "↑",
        key=f"wb_up:{any_id}:{r}",
        help=_("Move {name} up").format(name=name),
        on_click=wb.apply,
        args=(ed.move, any_id, -1),
        disabled=index == 0,
        type="tertiary",
    )
    cols[1].button(
        "↓",
        key=f"wb_down:{any_id}:{r}",
        help=_("Move {name} down").format(name=name),
        on_click=wb.apply,
        args=(ed.move, any_id, 1),
        disabled=index == last,
        type="tertiary",
    )
    cols[2].button(
        ":material/delete:",
        key=f"wb_del:{any_id}:{r}",
        help=delete_help.format(name=name),
        on_click=wb.apply,
        args=(ed.delete, any_id),
        type="tertiary",
    )


def _add_form(form_key: str, label: str, button: str, placeholder: str, op: Any, *args: Any) -> None:
    input_key = f"{form_key}:name"

    def submit() -> None:
        name = st.session_state.get(input_key, "")
        before = wb.draft()
        wb.apply(op, *args, name, lang=current_language())  # names distinct in the page's language too
        if wb.draft() is not before:
            st.session_state[input_key] = ""  # added: ready for the next name; refused: the text stays to fix

    with st.form(form_key, border=False):
        row = st.container(horizontal=True, vertical_alignment="bottom")  # the button as wide as its label
        row.text_input(label, key=input_key, placeholder=placeholder, max_chars=200, width="stretch")
        row.form_submit_button(button, on_click=submit, icon=":material/add:", width="content")


def _add_cluster(d: Draft, name: str, *, lang: str | None = None) -> ed.Edit:
    """Add a cluster and show it in the structure editor (a large model shows one cluster at a time)."""
    result = ed.add_cluster(d, name, lang=lang)
    st.session_state[wb.EDIT_CLUSTER] = result.draft.clusters[-1].id
    return result


def structure(d: Draft) -> None:
    """Draw the model's name, its criteria, and its clusters with their nodes."""
    _ = gettext()
    lang = current_language()
    label = draft_labeller(d, lang)
    r = wb.rev()
    st.text_input(
        _("Model name"),
        key=_seed(f"wb_model_name:{r}", model_name(d, lang)),
        on_change=lambda: wb.apply(
            ed.set_model_info, name=st.session_state.get(f"wb_model_name:{r}", ""), lang=current_language()
        ),
        max_chars=200,
    )
    st.markdown("##### " + _("Control criteria"))
    st.caption(
        _(
            "Every network is built under a control criterion, and the criteria are weighed against each other. "
            "With a single criterion the model is one network."
        )
    )
    control = set(d.control_criteria)
    for i, c in enumerate(d.criteria):
        # the checkbox under the name, full width: in a narrow column of its own its label was cut
        cols = st.columns([8.5, 0.5, 0.5, 0.5], vertical_alignment="top", gap="small")
        name_key = _seed(f"wb_name:{c.id}:{r}", label(c.id))
        cols[0].text_input(
            _("Name of criterion {n}").format(n=i + 1),
            key=name_key,
            on_change=wb.apply_from,
            args=(rename, name_key, c.id),
            label_visibility="collapsed",
            max_chars=200,
        )
        ctl_key = _seed(f"wb_control:{c.id}:{r}", c.id in control)
        cols[0].checkbox(
            _("Control layer"),
            key=ctl_key,
            on_change=lambda cid=c.id, k=ctl_key: wb.apply(
                ed.set_control, cid, bool(st.session_state.get(k))
            ),
            help=_(
                "Criteria in the control layer are weighed against each other; one outside keeps its network "
                "but gets no weight."
            ),
        )
        _row_buttons(
            cols[1:],
            c.id,
            plain(label(c.id)),
            i,
            len(d.criteria) - 1,
            _("Delete {name} and its network (undo brings it back)"),
        )
    _add_form(
        "wb_add_criterion", _("New criterion"), _("Add criterion"), _("e.g. Benefits"), ed.add_criterion
    )

    st.markdown("##### " + _("Clusters and their nodes"))
    if not d.clusters:
        st.caption(_("No cluster yet. A cluster groups nodes of one kind (criteria, actors, alternatives…)."))
    shown = list(enumerate(d.clusters))
    if len(d.clusters) > MANY_CLUSTERS or len(d.node_ids) > MANY_NODES:
        ids = [c.id for c in d.clusters]
        sizes = {c.id: len(c.nodes) for c in d.clusters}
        pick = wb.picker(wb.EDIT_CLUSTER, ids, ids[0])
        chosen = st.selectbox(
            _("Cluster to edit ({clusters} clusters, {nodes} nodes)").format(
                clusters=len(ids), nodes=len(d.node_ids)
            ),
            ids,
            format_func=lambda c: _.ngettext("{name} ({n} node)", "{name} ({n} nodes)", sizes[c]).format(
                name=label(c), n=sizes[c]
            ),
            key=pick,
            on_change=wb.remember,
            args=(wb.EDIT_CLUSTER, pick),
            help=_("A large model is edited one cluster at a time, so the page stays quick."),
        )
        shown = [(ids.index(chosen), d.cluster_by_id[chosen])]
    for i, cl in shown:
        with st.container(border=True):
            cols = st.columns([8.5, 0.5, 0.5, 0.5], vertical_alignment="bottom", gap="small")
            name_key = _seed(f"wb_name:{cl.id}:{r}", label(cl.id))
            cols[0].text_input(
                _("Cluster {n} name").format(n=i + 1),
                key=name_key,
                on_change=wb.apply_from,
                args=(rename, name_key, cl.id),
                max_chars=200,
            )
            _row_buttons(
                cols[1:],
                cl.id,
                plain(label(cl.id)),
                i,
                len(d.clusters) - 1,
                _("Delete {name} and its nodes (undo brings it back)"),
            )
            for k, n in enumerate(cl.nodes):
                cols = st.columns([0.3, 8.2, 0.5, 0.5, 0.5], vertical_alignment="center", gap="small")
                cols[0].markdown("↳")
                node_key = _seed(f"wb_name:{n.id}:{r}", label(n.id))
                cols[1].text_input(
                    _("Node {n} of {cluster}").format(n=k + 1, cluster=label_text(label(cl.id))),
                    key=node_key,
                    on_change=wb.apply_from,
                    args=(rename, node_key, n.id),
                    label_visibility="collapsed",
                    max_chars=200,
                )
                _row_buttons(
                    cols[2:],
                    n.id,
                    plain(label(n.id)),
                    k,
                    len(cl.nodes) - 1,
                    _("Delete {name} (undo brings it back)"),
                )
            _add_form(
                f"wb_add_node:{cl.id}",
                _("New node of {cluster}").format(cluster=label_text(label(cl.id))),
                _("Add node"),
                _("e.g. Price"),
                ed.add_node,
                cl.id,
            )
    _add_form("wb_add_cluster", _("New cluster"), _("Add cluster"), _("e.g. Alternatives"), _add_cluster)


# --------------------------------------------------------------------------
# network and problems


def network(d: Draft, criterion: str | None, *, plot_width: int = 460) -> None:
    """Draw the network figure and its text alternative."""
    _ = gettext()
    lang = current_language()
    st.plotly_chart(
        network_figure(d, criterion, plot_width=plot_width, lang=lang),
        key="wb_network",
        config={"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}},
    )
    words = links_in_words(d, criterion, lang) if criterion else []
    with st.expander(_("The network in words")):
        if words:
            st.markdown("\n".join(f"- {plain(w)}" for w in words))
        else:
            st.caption(_("No link yet."))


_SEVERITY = {
    "blocking": (":material/block:", N_("Blocks the model")),
    "warning": (":material/warning:", N_("Warning")),
    "info": (":material/info:", N_("Note")),
}


def _problem_line(d: Draft, p: Problem) -> str:
    """Return the problem as markdown: severity, what is wrong, what to do (in the interface's language)."""
    _ = gettext()
    icon, severity = _SEVERITY[p.severity]
    text, todo = problem_texts(p, d, current_language())
    return f"{icon} **{_(severity)}** · {plain(text)}  \n→ {plain(todo)}"


def _problem(d: Draft, p: Problem, k: int) -> None:
    _ = gettext()
    with st.container(border=True):
        st.markdown(_problem_line(d, p))
        row = st.container(horizontal=True)  # buttons as wide as their labels (never cut)
        cols = [row, row]
        r = wb.rev()
        if p.key is not None:
            cols[0].button(
                _("Open in Judgments"),
                key=f"wb_goto:{k}:{r}",
                icon=":material/arrow_forward:",
                on_click=wb.show,
                args=("Judgments", p.key),
            )
        if p.repair is not None and p.key is not None:
            found = matrix_of(d, p.key)
            if found is not None:
                rp = p.repair
                elements = found[0]
                label = draft_labeller(d, current_language())
                cols[1].button(
                    _("Apply: {value}").format(value=fmt_judgment(rp.suggested)),
                    key=f"wb_repair:{k}:{r}",
                    icon=":material/auto_fix_high:",
                    help=plain(
                        _("Set ({row}, {col}) to {value}: CR {before:.3f} → {after:.3f} (undoable)").format(
                            row=label(elements[rp.row]),
                            col=label(elements[rp.col]),
                            value=fmt_judgment(rp.suggested),
                            before=p.cr or 0.0,
                            after=rp.cr_after,
                        )
                    ),
                    on_click=wb.apply,
                    args=(lk.set_judgment, p.key, elements[rp.row], elements[rp.col], rp.suggested),
                )


def problems(d: Draft, diag: Diagnosis) -> None:
    """Draw the list of problems, blocking first, each with what to do; the limit outlook apart."""
    _ = gettext()
    todo = [p for p in diag.problems if p.code != "limit"]
    limit = [p for p in diag.problems if p.code == "limit"]
    counts = problem_counts(diag)
    warnings = sum(1 for p in todo if p.severity == "warning")
    st.markdown(
        "##### "
        + _.ngettext(
            "Problems · {blocking} blocking, {warnings} warning",
            "Problems · {blocking} blocking, {warnings} warnings",
            warnings,
        ).format(blocking=counts["blocking"], warnings=warnings)
    )
    if not todo:
        st.success(_("Nothing to fix."), icon=":material/check_circle:")
    else:
        with st.container(height=min(560, 120 + 110 * len(todo)), border=False):
            for k, p in enumerate(todo):
                _problem(d, p, k)
    st.markdown("##### " + _("What the limit will do"))
    if not limit:
        st.caption(_("Shown once every cluster has nodes and a criterion has a network."))
    for p in limit:
        st.markdown(_problem_line(d, p))
    if limit and diag.model is None:
        st.caption(_("From the links alone: the judgments change the numbers, not this."))

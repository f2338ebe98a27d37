"""Refused draft edits (anp_core.edit*, DraftEditError) speak the interface's language; ``str`` stays English."""

from __future__ import annotations

import io
import re
import tokenize

import pytest

from anp_core import edit as ed
from anp_core import edit_links as lk
from anp_core.draft import CRITERIA_KEY
from anp_core.edit import DraftEditError
from anp_core.edit_base import either_label
from anp_core.i18n import translator
from anp_core.messages import nmessage
from anp_core.model_schema import Translation
from tests.conftest import ROOT
from tests.core.test_draft import three_clusters

C = "overall"
LATIN = re.compile(r"[A-Za-z]{3,}")


def _refusals():
    d = three_clusters(judged=False)
    key = next(c.key for c in d.comparisons)
    yield "empty name", d, lambda: ed.add_cluster(d, "   ")
    yield "name twice", d, lambda: ed.add_cluster(d, "a")
    yield "name too long", d, lambda: ed.add_node(d, "a", "x" * 300)
    yield "name not text", d, lambda: ed.add_criterion(d, 3)  # type: ignore[arg-type]
    yield "unknown cluster", d, lambda: ed.add_node(d, "nowhere", "n1")
    yield "unknown id", d, lambda: ed.rename(d, "nowhere", "N")
    yield "bad judgment", d, lambda: lk.set_judgment(d, key, key_el(d, key, 0), key_el(d, key, 1), -2.0)
    yield "diagonal", d, lambda: lk.set_judgment(d, key, key_el(d, key, 0), key_el(d, key, 0), 2.0)
    yield "not a pair", d, lambda: lk.set_judgment(d, key, "b1", "c1", 2.0)
    yield (
        "no criteria comparison",
        ed.new_draft("M", criterion=None),
        lambda: lk.set_judgment(ed.new_draft("M", criterion=None), CRITERIA_KEY, "x", "y", 2.0),
    )
    yield "nothing to compare", d, lambda: lk.set_cluster_comparison(d, C, "b", True)
    yield "compare none", d, lambda: lk.set_compared(d, key, ())
    yield "unknown setting", d, lambda: lk.set_settings(d, sinks="sideways")
    yield "listed twice", d, lambda: lk.set_ranked_clusters(d, ["a", "a"])
    empty = ed.add_cluster(d, "Empty").draft
    yield "link an empty cluster", empty, lambda: lk.set_link(empty, C, "a", "empty", True)


def key_el(d, key, i):
    return d.comparison_by_key[key].elements[i]


@pytest.mark.parametrize(
    ("case", "draft", "edit"), list(_refusals()), ids=lambda x: x if isinstance(x, str) else ""
)
def test_a_refused_edit_is_a_message_translated_into_chinese(case, draft, edit):
    with pytest.raises(DraftEditError) as info:
        edit()
    err = info.value
    english = str(err)
    assert english == err.text.render(label=draft.label)
    assert LATIN.search(english)
    zh = err.text.render(translator("zh"), draft.label)
    assert zh != english
    # what is left in Latin letters is names, ids and setting values the user gave, never the sentence
    given = [
        *map(str, draft.all_ids()),
        *_names(draft),
        "row_sums",
        "sources",
        "sideways",
        "nowhere",
        "x" * 300,
    ]
    given += ["calculus", "absorbing", "hierarchy", "sinks"]
    for word in sorted(given, key=len, reverse=True):
        zh = zh.replace(word, " ")
    assert not LATIN.findall(zh), (case, zh)


def _names(draft):
    return [draft.label(i) for i in draft.all_ids()]


def test_names_in_a_refusal_follow_the_interface_language():
    d = three_clusters(judged=False)
    d = ed.rename(d, "a", "Alpha").draft
    d = d.model_copy(
        update={
            "clusters": tuple(
                c.model_copy(update={"translations": {"zh": {"name": "甲组"}}}) if c.id == "a" else c
                for c in d.clusters
            )
        }
    )
    with pytest.raises(DraftEditError) as info:
        lk.set_compared(d, next(c.key for c in d.comparisons if c.cluster == "a"), ("b1",))
    err = info.value
    assert "Alpha" in str(err)
    labels = {"a": "甲组"}
    zh = err.text.render(translator("zh"), lambda i: labels.get(i, d.label(i)))
    assert "甲组" in zh
    assert "Alpha" not in zh
    assert "不在元素组" in zh


def test_counts_choose_singular_or_plural_in_english_and_one_form_in_chinese():
    one = nmessage(
        "{wrt} links to {n} cluster: there is nothing to compare",
        "{wrt} links to {n} clusters: there is nothing to compare",
        1,
        wrt="A",
    )
    two = nmessage(
        "{wrt} links to {n} cluster: there is nothing to compare",
        "{wrt} links to {n} clusters: there is nothing to compare",
        0,
        wrt="A",
    )
    assert one.render() == "A links to 1 cluster: there is nothing to compare"
    assert two.render(translator("en")) == "A links to 0 clusters: there is nothing to compare"
    assert two.render(translator("zh")) == "A只关联到 0 个元素组：没有可比较的内容"


def test_no_hand_built_plural_is_left_in_the_edits_and_the_model_page():
    """ "judgment(s)" and the like: a count's sentence is chosen by ngettext/nmessage."""
    files = [
        *sorted((ROOT / "anp_core").glob("edit*.py")),
        *sorted((ROOT / "dashboard").glob("workbench_*.py")),
        *sorted((ROOT / "anp_core" / "report").glob("*.py")),
    ]
    found = []
    for p in files:
        tokens = tokenize.generate_tokens(io.StringIO(p.read_text(encoding="utf-8")).readline)
        for tok in tokens:
            if tok.type == tokenize.STRING and re.search(
                r"[a-z]\((?:s|es)\)", re.sub(r"\{[^{}]*\}", "", tok.string)
            ):
                found.append(f"{p.name}:{tok.start[0]}: {tok.string[:60]}")
    assert not found


def test_every_refusal_in_the_edits_is_a_message_not_an_f_string():
    bad = []
    for p in sorted((ROOT / "anp_core").glob("edit*.py")):
        text = p.read_text(encoding="utf-8")
        bad += [
            f"{p.name}: {m.group(0)}" for m in re.finditer(r"(?:_fail|DraftEditError)\(\s*f?\"[^\"]*", text)
        ]
    assert not bad


def _done_edits():
    d = three_clusters(judged=True)
    key = next(c.key for c in d.comparisons if c.kind == "nodes" and len(c.elements) == 2)
    cc = lk.set_cluster_comparison(d, C, "c", True)
    yield "cluster comparison", d, cc
    yield "cluster comparison twice", cc.draft, lk.set_cluster_comparison(cc.draft, C, "c", True)
    yield "cluster comparison off", cc.draft, lk.set_cluster_comparison(cc.draft, C, "c", False)
    yield "no cluster comparison", d, lk.set_cluster_comparison(d, C, "c", False)
    yield "unlink with a cluster comparison", cc.draft, lk.set_link(cc.draft, C, "c", "b", False)
    yield "no such link", d, lk.set_link(d, C, "a", "a", False)
    yield "compare one", d, lk.set_compared(d, key, (d.comparison_by_key[key].elements[0],))
    yield "compare the same", d, lk.set_compared(d, key, d.comparison_by_key[key].elements)
    yield "settings", d, lk.set_settings(d, sinks="absorbing", priorities="sources")
    yield "settings unchanged", d, lk.set_settings(d)
    yield "delete a node", d, ed.delete(d, "a1")
    yield "delete a cluster", d, ed.delete(d, "b")
    two = ed.add_criterion(d, "Cost").draft
    yield "delete a criterion", two, ed.delete(two, C)


@pytest.mark.parametrize(
    ("case", "before", "done"), list(_done_edits()), ids=lambda x: x if isinstance(x, str) else ""
)
def test_what_an_edit_did_is_a_message_translated_into_chinese(case, before, done):
    """Deletions, link and comparison changes and settings: each edit says what it did in both languages."""
    assert done.text is not None, case
    label = either_label(done.draft, before)
    assert done.message == done.text.render(label=label)
    assert "(s)" not in done.message
    zh = done.text.render(translator("zh"), label)
    for name in sorted({*map(label, before.all_ids()), *before.all_ids()}, key=len, reverse=True):
        zh = zh.replace(name, " ")
    assert not LATIN.findall(zh), (case, zh)


def test_a_deletion_names_what_it_deleted_and_counts_in_english():
    d = three_clusters(judged=True)
    done = ed.delete(d, "b")
    assert done.message.startswith("Deleted cluster B and its 2 nodes.")
    assert "b1" not in done.draft.all_ids()
    assert len(done.removed) >= 1


def test_a_new_name_must_differ_from_the_names_shown_in_the_interface_language():
    """On a Chinese page, a cluster may not be named as another cluster's Chinese name (both would read the same)."""
    d = three_clusters(judged=False)
    d = d.model_copy(
        update={
            "clusters": tuple(
                c.model_copy(update={"translations": {"zh": Translation(name="甲组")}}) if c.id == "a" else c
                for c in d.clusters
            )
        }
    )
    assert ed.add_cluster(d, "甲组").draft.clusters[-1].name == "甲组"  # no language: primary names only
    with pytest.raises(DraftEditError) as info:
        ed.add_cluster(d, "甲组", lang="zh")
    assert "甲组" in info.value.text.render(translator("zh"))
    with pytest.raises(DraftEditError):
        ed.rename(d, "b", "甲组", lang="zh")  # b has no Chinese name: its own name may not read as A's
    assert ed.add_node(d, "a", "甲组", lang="zh").draft  # a node may share a cluster's name

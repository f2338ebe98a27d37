"""Interface languages: every marked string translated, catalogs read at run time, locale numbers."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from anp_core import load_model
from anp_core.i18n import (
    LANGUAGES,
    LOCALE_DIR,
    format_number,
    format_percent,
    load_translator,
    normalise_language,
    placeholders,
    translator,
)
from tests.conftest import MODEL_PATH, ROOT

KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None, "nmessage": (1, 2)}


def extracted() -> dict[str, list[str]]:
    """Every string marked for translation in the code, as ``pybabel extract -F babel.cfg`` finds it."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)
    out: dict[str, list[str]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS
    ):
        ids = message if isinstance(message, tuple) else (message,)
        out.setdefault(ids[0], []).append(f"{filename}:{lineno}")
    return out


@pytest.fixture(scope="module")
def messages():
    found = extracted()
    assert len(found) > 100  # the extraction really looked at the code
    return found


@pytest.fixture(scope="module")
def zh_catalog():
    with (LOCALE_DIR / "zh" / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f, locale="zh_Hans_CN")


def test_every_marked_string_has_a_chinese_translation(messages, zh_catalog):
    problems = []
    for msgid, where in sorted(messages.items()):
        entry = zh_catalog.get(msgid)
        if entry is None:
            problems.append(f"missing: {msgid!r} ({where[0]})")
        elif not entry.string:
            problems.append(f"empty: {msgid!r} ({where[0]})")
        elif entry.fuzzy:
            problems.append(f"fuzzy (not confirmed): {msgid!r} ({where[0]})")
    assert not problems, (
        "strings without a Chinese translation; run `make i18n` (README, Translations) and translate them "
        "in anp_core/locale/zh/LC_MESSAGES/messages.po:\n" + "\n".join(problems)
    )


def test_no_string_is_marked_inside_an_f_string():
    """Babel cannot see ``_("...")`` inside an f-string: such a text would never be translated."""
    import io
    import re
    import tokenize

    call = re.compile(r"""(?<![A-Za-z0-9_])(?:_|N_|gettext|ngettext|nmessage)\(\s*[rbuRBU]?['"]""")
    found = []
    with (ROOT / "babel.cfg").open(encoding="utf-8") as f:
        method_map, _ = parse_mapping_cfg(f)
    patterns = [pat for pat, method in method_map if method == "python"]
    files = {p for pat in patterns for p in ROOT.glob(pat.replace("**.py", "**/*.py"))}
    assert len(files) > 20
    for path in sorted(files):
        tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
        for tok in tokens:
            if (
                tok.type == tokenize.STRING
                and re.match(r"(?i)r?f|fr", tok.string)
                and call.search(tok.string)
            ):
                found.append(f"{path.relative_to(ROOT)}:{tok.start[0]}")
    assert not found, (
        "move these _() calls out of the f-string (e.g. a variable, or N_ at module level):\n"
        + "\n".join(found)
    )


def test_translations_keep_the_placeholders(zh_catalog):
    bad = [
        f"{m.id!r}: {sorted(placeholders(m.id))} vs {sorted(placeholders(m.string))}"
        for m in zh_catalog
        if m.id and isinstance(m.id, str) and m.string and placeholders(m.id) != placeholders(m.string)
    ]
    assert not bad, "\n".join(bad)


def test_the_template_lists_every_marked_string(messages):
    with (LOCALE_DIR / "messages.pot").open("rb") as f:
        pot = read_po(f)
    ids = {m.id[0] if isinstance(m.id, tuple) else m.id for m in pot if m.id}  # a plural entry: its singular
    missing = sorted(set(messages) - ids)
    assert not missing, f"anp_core/locale/messages.pot is out of date (run `make i18n`): {missing[:5]}"


def test_translator_translates_and_falls_back():
    zh = translator("zh")
    assert zh("Policy brief") == "政策简报"
    assert zh("Step {i} of {n}").format(i=2, n=8) == "第 2 步，共 8 步"
    assert zh("no such message") == "no such message"
    en = translator("en")
    assert en("Policy brief") == "Policy brief"
    assert translator("zh-CN") is translator("zh")
    assert zh.ngettext("one factor", "{n} factors", 3) == "{n} factors"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("zh", "zh"),
        ("zh-CN", "zh"),
        ("zh_Hans", "zh"),
        ("ZH", "zh"),
        ("en-GB", "en"),
        ("fr", "en"),
        ("", "en"),
        (None, "en"),
        (3, "en"),
        ("<script>", "en"),
        ("z" * 10_000, "en"),
    ],
)
def test_languages_are_normalised(value, expected):
    assert normalise_language(value) == expected
    assert expected in LANGUAGES


def test_fuzzy_and_plural_entries(tmp_path: Path):
    po = tmp_path / "zh" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
        '#, fuzzy\nmsgid "Rank"\nmsgstr "排"\n\n'
        'msgid "Weight"\nmsgstr "权重"\n\n'
        'msgid "one factor"\nmsgid_plural "{n} factors"\nmsgstr[0] "{n} 个因素"\n',
        encoding="utf-8",
    )
    t = load_translator("zh", tmp_path)
    assert t("Rank") == "Rank"  # a fuzzy translation is not used
    assert t("Weight") == "权重"
    assert t.ngettext("one factor", "{n} factors", 1) == "{n} 个因素"
    assert t.ngettext("one factor", "{n} factors", 5) == "{n} 个因素"
    assert load_translator("zh", tmp_path / "nowhere")("Weight") == "Weight"


def test_numbers_follow_the_locale():
    assert format_number(1234.5678, "en", 2) == "1,234.57"
    assert format_number(0.1415, "zh") == "0.142"
    assert format_number(2, "en", 0) == "2"
    assert format_percent(0.9, "en") == "90.0%"
    assert format_percent(0.456, "zh", 0) == "46%"
    assert format_number(math.nan, "en") == "–"
    assert format_percent(math.inf, "zh") == "–"
    assert translator("zh").number(0.5) == "0.500"


def test_the_paper_model_names_everything_in_chinese():
    model = load_model(MODEL_PATH)
    assert "zh" in model.languages
    zh = model.names_in("zh")
    ids = [c.id for c in model.criteria] + [c.id for c in model.clusters] + list(model.node_ids)
    assert not [i for i in ids if i not in zh]
    # one term per concept: no two criteria, clusters or factors share a Chinese name
    for group in ([c.id for c in model.criteria], [c.id for c in model.clusters], list(model.node_ids)):
        names = [zh[i] for i in group]
        assert len(set(names)) == len(names), names
    assert model.label("overseas_warehouses", "zh") == "海外仓"
    assert model.label("policy", "zh") == "政策环境"
    assert all(r.translations.get("zh") for r in model.recommendations)
    assert model.translations["zh"].name

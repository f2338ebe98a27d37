"""The Tcl-subset reader: words, quoting, substitutions kept as parts (never run)."""

from __future__ import annotations

import pytest

from anp_core.tcl_lite import Part, TclSyntaxError, parse_script


def words(script: str) -> list[list[str | None]]:
    return [[w.literal for w in c.words] for c in parse_script(script)]


def test_braces_are_literal_and_nest():
    assert words("set a {x {y z} $v [cmd]}") == [["set", "a", "x {y z} $v [cmd]"]]


def test_quotes_escapes_and_continuations():
    assert words('set a "x \\"q\\" \\t"') == [["set", "a", 'x "q" \t']]
    assert words("set a b\\\n   c") == [["set", "a", "b", "c"]]


def test_separators_comments_and_line_numbers():
    cmds = parse_script("# comment {\nset a 1; set b 2\n\nset c {\n}\nset d 4")
    assert [c.name for c in cmds] == ["set", "set", "set", "set"]
    assert [c.line for c in cmds] == [2, 2, 4, 6]


def test_substitutions_are_parts_not_values():
    (cmd,) = parse_script('puts "a$b${c d}[e f]"')
    assert cmd.words[1].parts == (
        Part("text", "a"),
        Part("var", "b"),
        Part("var", "c d"),
        Part("cmd", "e f"),
    )
    assert cmd.words[1].literal is None


@pytest.mark.parametrize(
    ("script", "message"),
    [
        ("set a {b", "missing close-brace"),
        ('set a "b', "missing close-quote"),
        ("set a [b", "missing close-bracket"),
        ("set a {b}c", "extra characters after close-brace"),
        ('set a "b"c', "extra characters after close-quote"),
        ("set " + "{" * 40 + "}" * 40, "nested deeper"),
        ("set" + " a" * 70, "more than 64 words"),
    ],
)
def test_malformed_scripts_name_the_problem(script, message):
    with pytest.raises(TclSyntaxError, match=message):
        parse_script(script)

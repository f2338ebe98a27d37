"""A small, safe reader for the Tcl subset that Super Decisions writes.

A Super Decisions ``.sdmod`` file is a Tcl script. This module **parses** it
into commands and words and never runs anything: there is no ``eval``, no
interpreter and no command substitution except the one harmless idiom the
files open with (``[getTopNet $net]``), which the caller resolves.

Grammar (the subset of Tcl's "dodekalogue" used by the files):

* a script is a sequence of commands separated by newlines or ``;``;
* a command is a sequence of words separated by spaces or tabs; a ``#`` where
  a command starts begins a comment that runs to the end of the line;
* a word is ``{braced}`` (taken literally, braces nest, no substitution),
  ``"quoted"`` or bare; quoted and bare words may hold ``$name`` /
  ``${name}`` variable references, backslash escapes and ``[command]``
  substitutions (kept as parts for the caller to accept or refuse);
* a backslash-newline (and the blanks after it) is one space.

Limits make hostile input fail fast with a clear message: brace nesting is
at most :data:`MAX_DEPTH` deep, a command has at most :data:`MAX_WORDS`
words and a script at most :data:`MAX_COMMANDS` commands. The scanner is a
single loop over the text (no recursion), so its cost is linear in the size.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from anp_core.errors import ANPError

__all__ = [
    "MAX_COMMANDS",
    "MAX_DEPTH",
    "MAX_WORDS",
    "Command",
    "Part",
    "TclSyntaxError",
    "Word",
    "parse_script",
]

MAX_DEPTH = 32
MAX_WORDS = 64
MAX_PARTS = 10_000
MAX_COMMANDS = 50_000
MAX_TOTAL_WORDS = 200_000

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
_PLAIN_BARE = re.compile(r"[^ \t\r\f\v\n;\\$\[]*")
_BRACE_SPECIAL = re.compile(r"[\\{}\n]")
_VAR_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


class TclSyntaxError(ANPError):
    """The text is not a well-formed script of the supported Tcl subset."""


class Part(NamedTuple):
    """One piece of a word: literal text, a variable reference or a ``[command]``."""

    kind: str  # "text", "var" or "cmd"
    value: str


class Word(NamedTuple):
    """A word of a command; ``braced`` words are literal (one text part)."""

    parts: tuple[Part, ...]
    braced: bool = False

    @property
    def literal(self) -> str | None:
        """The word's text when it needs no substitution, else ``None``."""
        if all(p.kind == "text" for p in self.parts):
            return "".join(p.value for p in self.parts)
        return None


class Command(NamedTuple):
    """A command: its words and the (1-based) line it starts on."""

    words: tuple[Word, ...]
    line: int

    @property
    def name(self) -> str:
        """The command name (first word) as written; ``""`` if it is not literal."""
        return self.words[0].literal or ""


class _Scanner:
    """Single-pass scanner over ``text`` producing :class:`Command` objects."""

    def __init__(self, text: str, first_line: int = 1) -> None:
        self.text = text
        self.n = len(text)
        self.i = 0
        self.line = first_line

    def error(self, msg: str, line: int | None = None) -> TclSyntaxError:
        return TclSyntaxError(f"line {line or self.line}: {msg}")

    def _advance(self, k: int = 1) -> None:
        self.line += self.text.count("\n", self.i, self.i + k)
        self.i += k

    def _skip_blanks(self) -> None:
        # spaces, tabs and backslash-newline continuations between words
        text, n = self.text, self.n
        while self.i < n:
            c = text[self.i]
            if c in " \t\r\f\v":
                self.i += 1
            elif c == "\\" and self.i + 1 < n and text[self.i + 1] == "\n":
                self._advance(2)
            else:
                return

    def commands(self) -> list[Command]:
        out: list[Command] = []
        total = 0
        text, n = self.text, self.n
        while True:
            # skip separators and comments between commands
            while self.i < n:
                c = text[self.i]
                if c in " \t\r\f\v;":
                    self.i += 1
                elif c == "\n":
                    self._advance()
                elif c == "\\" and self.i + 1 < n and text[self.i + 1] == "\n":
                    self._advance(2)
                elif c == "#":
                    end = text.find("\n", self.i)
                    self.i = n if end < 0 else end
                else:
                    break
            if self.i >= n:
                return out
            start_line = self.line
            words: list[Word] = []
            while self.i < n and text[self.i] not in "\n;":
                if len(words) >= MAX_WORDS:
                    raise self.error(f"a command has more than {MAX_WORDS} words", start_line)
                words.append(self._word())
                self._skip_blanks()
            total += len(words)
            if total > MAX_TOTAL_WORDS:
                raise self.error(f"more than {MAX_TOTAL_WORDS:,} words in the script")
            out.append(Command(tuple(words), start_line))
            if len(out) > MAX_COMMANDS:
                raise self.error(f"more than {MAX_COMMANDS:,} commands")

    def _word(self) -> Word:
        c = self.text[self.i]
        if c == "{":
            return self._braced()
        if c == '"':
            return self._quoted()
        return self._bare()

    def _braced(self) -> Word:
        text, n = self.text, self.n
        start_line = self.line
        depth = 0
        buf: list[str] = []
        j = self.i
        while j < n:
            m = _BRACE_SPECIAL.search(text, j)
            if m is None:
                break
            if m.start() > j:
                buf.append(text[j : m.start()])
                j = m.start()
            c = text[j]
            if c == "\\" and j + 1 < n:
                if text[j + 1] == "\n":  # backslash-newline is a space, even in braces
                    k = j + 2
                    while k < n and text[k] in " \t":
                        k += 1
                    buf.append(" ")
                    self.line += 1
                    j = k
                    continue
                buf.append(text[j : j + 2])  # kept literally; an escaped brace does not nest
                j += 2
                continue
            if c == "{":
                depth += 1
                if depth > MAX_DEPTH:
                    raise self.error(f"braces nested deeper than {MAX_DEPTH} levels", self.line)
                if depth > 1:
                    buf.append(c)
            elif c == "}":
                depth -= 1
                if depth == 0:
                    j += 1
                    after = text[j] if j < n else "\n"
                    if after not in " \t\r\n;":
                        raise self.error(f"extra characters after close-brace: {after!r}")
                    self.i = j
                    return Word((Part("text", "".join(buf)),), braced=True)
                buf.append(c)
            else:
                if c == "\n":
                    self.line += 1
                buf.append(c)
            j += 1
        raise self.error("missing close-brace for the brace opened here", start_line)

    def _quoted(self) -> Word:
        start_line = self.line
        self.i += 1  # opening quote
        parts = self._substituted(stop='"')
        if self.i >= self.n:
            raise self.error("missing close-quote for the quote opened here", start_line)
        self.i += 1  # closing quote
        if self.i < self.n and self.text[self.i] not in " \t\r\n;":
            raise self.error(f"extra characters after close-quote: {self.text[self.i]!r}")
        return Word(tuple(parts))

    def _bare(self) -> Word:
        m = _PLAIN_BARE.match(self.text, self.i)
        end = m.end() if m else self.i
        if end > self.i and (end >= self.n or self.text[end] in " \t\r\f\v\n;"):
            word = self.text[self.i : end]
            self.i = end
            return Word((Part("text", word),))
        return Word(tuple(self._substituted(stop=None)))

    def _substituted(self, stop: str | None) -> list[Part]:
        """Scan until ``stop`` (a quote) or, for bare words, a blank or separator."""
        text, n = self.text, self.n
        parts: list[Part] = []
        buf: list[str] = []

        def flush() -> None:
            if buf:
                parts.append(Part("text", "".join(buf)))
                buf.clear()

        while self.i < n:
            c = text[self.i]
            if stop is None and c in " \t\r\n;":
                break
            if c == stop:
                break
            if c == "\\" and self.i + 1 < n:
                nxt = text[self.i + 1]
                if nxt == "\n" and stop is None:
                    break  # a backslash-newline separates words, as a space would
                if nxt == "\n":
                    k = self.i + 2
                    while k < n and text[k] in " \t":
                        k += 1
                    buf.append(" ")
                    self.line += 1
                    self.i = k
                    continue
                buf.append(_ESCAPES.get(nxt, nxt))
                self.i += 2
                continue
            if len(parts) > MAX_PARTS:
                raise self.error(f"a word has more than {MAX_PARTS:,} substitutions")
            if c == "$":
                name = self._var_name()
                if name is None:
                    buf.append("$")
                    self.i += 1
                else:
                    flush()
                    parts.append(Part("var", name))
                continue
            if c == "[":
                flush()
                parts.append(Part("cmd", self._bracketed()))
                continue
            if c == "\n":
                self.line += 1
            buf.append(c)
            self.i += 1
        flush()
        if not parts:
            parts.append(Part("text", ""))
        return parts

    def _var_name(self) -> str | None:
        text, n = self.text, self.n
        j = self.i + 1
        if j < n and text[j] == "{":
            end = text.find("}", j + 1)
            if end < 0:
                raise self.error("missing close-brace in ${...} variable reference")
            self.i = end + 1
            return text[j + 1 : end]
        k = j
        while k < n and (text[k] in _VAR_CHARS or (text[k] == ":" and text[k : k + 2] == "::")):
            k += 2 if text[k] == ":" else 1
        if k == j:
            return None
        self.i = k
        return text[j:k]

    def _bracketed(self) -> str:
        """Return the text of a ``[...]`` command substitution (not run)."""
        text, n = self.text, self.n
        start_line = self.line
        depth = 0
        j = self.i
        while j < n:
            c = text[j]
            if c == "\\":
                j += 2
                continue
            if c in "[{":
                depth += 1
                if depth > MAX_DEPTH:
                    raise self.error(f"brackets nested deeper than {MAX_DEPTH} levels")
            elif c in "]}":
                depth -= 1
                if depth == 0:
                    body = text[self.i + 1 : j]
                    self.line += body.count("\n")
                    self.i = j + 1
                    return body
            j += 1
        raise self.error("missing close-bracket for the bracket opened here", start_line)


def parse_script(text: str, first_line: int = 1) -> list[Command]:
    r"""Split a script into commands (nothing is evaluated).

    Parameters
    ----------
    text : str
        The script.
    first_line : int, default 1
        Line number of the script's first line (for nested bodies).

    Returns
    -------
    list of Command

    Raises
    ------
    TclSyntaxError
        Unbalanced braces, quotes or brackets, nesting deeper than
        :data:`MAX_DEPTH`, or more than :data:`MAX_WORDS` words in a command;
        the message gives the line.

    Examples
    --------
    >>> cmds = parse_script("set name {1Flood Control}\nmakeNode $net $clusterName $name")
    >>> [c.name for c in cmds], cmds[0].words[2].literal
    (['set', 'makeNode'], '1Flood Control')
    >>> cmds[1].words[1].parts
    (Part(kind='var', value='net'),)
    """
    return _Scanner(text, first_line).commands()

"""Interface languages: gettext catalogs read with Babel, and locale-aware numbers.

Strings are marked in the code with ``_("...")`` (translated at once) or
``N_("...")`` (marked only, for module-level constants translated later) and
extracted by ``pybabel extract`` into ``locale/messages.pot``; each language
has ``locale/<lang>/LC_MESSAGES/messages.po``. The ``.po`` files are read at
run time with :func:`babel.messages.pofile.read_po`, so there is no compile
step. Fuzzy entries are not used (the English text is shown until a
translator confirms them). Placeholders use :meth:`str.format` names::

    _ = translator("zh")
    _("{name} ranks {rank}").format(name=..., rank=...)

Numbers follow the language's locale (Babel's CLDR data): :func:`format_number`
and :func:`format_percent`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po
from babel.numbers import NumberPattern, parse_pattern
from babel.numbers import format_percent as _babel_percent

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "LOCALE_DIR",
    "N_",
    "Translator",
    "babel_locale",
    "format_number",
    "format_percent",
    "load_translator",
    "normalise_language",
    "placeholders",
    "read_catalog",
    "translator",
]

#: Interface languages: code -> name in that language (for a language switch).
LANGUAGES: Mapping[str, str] = MappingProxyType({"en": "English", "zh": "简体中文"})
DEFAULT_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"
_LOCALES = {"en": "en_US", "zh": "zh_Hans_CN"}
_FIELD = re.compile(r"(?<!\{)\{([^{}:!]*)(?:[:!][^{}]*)?\}(?!\})")


def N_(message: str) -> str:  # noqa: N802 (the gettext convention)
    """Mark ``message`` for extraction without translating it (translate it later with ``_``)."""
    return message


def normalise_language(value: object) -> str:
    """Return a supported language code for ``value`` (``zh-CN``, ``zh_Hans``, ``ZH`` -> ``zh``).

    Anything else, including None or a hostile URL value, gives the default.

    Examples
    --------
    >>> (
    ...     normalise_language("zh-CN"),
    ...     normalise_language("EN"),
    ...     normalise_language("fr"),
    ...     normalise_language(None),
    ... )
    ('zh', 'en', 'en', 'en')
    """
    if not isinstance(value, str):
        return DEFAULT_LANGUAGE
    code = value.strip().replace("_", "-").split("-")[0].lower()[:8]
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def babel_locale(language: str) -> Locale:
    """Babel locale of an interface language (``zh`` is Simplified Chinese, China)."""
    return Locale.parse(_LOCALES[normalise_language(language)])


def read_catalog(language: str, locale_dir: Path = LOCALE_DIR) -> Catalog | None:
    """Read ``<locale_dir>/<language>/LC_MESSAGES/messages.po``, or None if there is none."""
    path = locale_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.is_file():
        return None
    with path.open("rb") as f:
        return read_po(f, locale=_LOCALES.get(language, language), domain=DOMAIN)


def placeholders(text: str) -> frozenset[str]:
    """Return the :meth:`str.format` field names in ``text`` (``{{`` escapes excluded).

    Examples
    --------
    >>> sorted(placeholders("{name} is {rank:d} of {{n}}"))
    ['name', 'rank']
    """
    return frozenset(_FIELD.findall(text))


@dataclass(frozen=True)
class Translator:
    """Translations of one language; call it as ``_`` (``gettext``)."""

    language: str
    messages: Mapping[str, str] = field(default_factory=dict)
    plural_forms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    plural_index: Callable[[int], int] = lambda n: int(n != 1)

    def gettext(self, message: str) -> str:
        """Return the translation of ``message``, or ``message`` itself when there is none."""
        return self.messages.get(message) or message

    __call__ = gettext

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """Return the translation for count ``n`` (the English rule as fallback)."""
        forms = self.plural_forms.get(singular)
        if forms:
            i = min(max(self.plural_index(n), 0), len(forms) - 1)
            if forms[i]:
                return forms[i]
        return singular if n == 1 else plural

    def number(self, value: float, decimals: int = 3) -> str:
        """``value`` with ``decimals`` decimals in this language's locale (see :func:`format_number`)."""
        return format_number(value, self.language, decimals)

    def percent(self, value: float, decimals: int = 1) -> str:
        """``value`` (a share, 0.5 = 50 %) as a percentage in this language's locale."""
        return format_percent(value, self.language, decimals)


def translator(language: object = None) -> Translator:
    """Return the (cached) translator of ``language`` (normalised; English for unknown codes).

    Examples
    --------
    >>> translator("zh")("Rank")
    '排名'
    >>> translator("en")("Rank"), translator("xx").language
    ('Rank', 'en')
    """
    return _cached_translator(normalise_language(language))


@lru_cache(maxsize=len(LANGUAGES))
def _cached_translator(lang: str) -> Translator:
    return load_translator(lang)


def load_translator(lang: str, locale_dir: Path = LOCALE_DIR) -> Translator:
    """Build the translator of a supported language from its catalog in ``locale_dir`` (uncached)."""
    catalog = read_catalog(lang, locale_dir) if lang != DEFAULT_LANGUAGE else None
    if catalog is None:
        return Translator(lang)
    messages: dict[str, str] = {}
    plurals: dict[str, tuple[str, ...]] = {}
    for msg in catalog:
        if not msg.id or msg.fuzzy:
            continue
        if isinstance(msg.id, str):
            if msg.string:
                messages[msg.id] = str(msg.string)
            continue
        forms = tuple(msg.string) if isinstance(msg.string, tuple | list) else (str(msg.string),)
        if any(forms):
            plurals[str(msg.id[0])] = forms
    rule = get_plural(_LOCALES[lang])
    index = _plural_index(rule.plural_expr)
    return Translator(lang, MappingProxyType(messages), MappingProxyType(plurals), index)


def _plural_index(expr: str) -> Callable[[int], int]:
    """Return the locale's gettext plural expression as a function (always ``0`` for Chinese)."""
    import gettext

    rule: Callable[[int], int] = gettext.c2py(expr)
    return rule


def format_number(value: float, language: str, decimals: int = 3) -> str:
    """``value`` with exactly ``decimals`` decimals and grouped thousands, per locale.

    Non-finite values print as an en dash.

    Examples
    --------
    >>> format_number(1234.5678, "en", 2), format_number(0.1, "zh")
    ('1,234.57', '0.100')
    """
    if not math.isfinite(value):
        return "–"
    return str(_number_pattern(decimals).apply(value, babel_locale(language)))


@lru_cache(maxsize=16)
def _number_pattern(decimals: int) -> NumberPattern:
    """Return the parsed Babel pattern of :func:`format_number` (``format_decimal`` parses it per call)."""
    return parse_pattern("#,##0" + ("." + "0" * decimals if decimals > 0 else ""))


def format_percent(value: float, language: str, decimals: int = 1) -> str:
    """``value`` (a share) as a percentage with ``decimals`` decimals, per locale.

    Examples
    --------
    >>> format_percent(0.4567, "en"), format_percent(0.4567, "zh", 0)
    ('45.7%', '46%')
    """
    if not math.isfinite(value):
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "") + "%"
    return str(_babel_percent(value, format=pattern, locale=babel_locale(language)))

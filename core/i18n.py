"""Every text a user reads, in French and English.

Messages live in ``data/i18n/*.toml``, one file per area of the product, each message a
table with ``fr`` and ``en`` (``tests/test_i18n.py`` checks that no language is missing).
French is the default.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache

from core.refdata import DATA

LANGS = ("fr", "en")
DEFAULT_LANG = "fr"


@lru_cache(maxsize=1)
def messages() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for path in sorted((DATA / "i18n").glob("*.toml")):
        with path.open("rb") as fh:
            table = tomllib.load(fh)
        for key, value in table.items():
            if key in merged:
                raise RuntimeError(f"Message key {key!r} is defined twice (again in {path.name}).")
            merged[key] = value
    return merged


class MessageError(ValueError):
    """An error whose text is a message key, shown in the reader's language.

    Every error the engine explains to a person belongs to this family (briefs, database,
    exports, approvals, plans, uploads, the CLI's own). ``str(error)`` is the English text
    (logs, tracebacks); ``error.message(lang)``, or the error passed as a parameter of
    ``t()``, the text for the screen or terminal; ``key`` and ``params`` stay available.
    """

    def __init__(self, key: str, **params):
        super().__init__(t(key, "en", **params))
        self.key = key
        self.params = params

    def message(self, lang: str = DEFAULT_LANG) -> str:
        return t(self.key, lang, **self.params)


def t(key: str, lang: str = DEFAULT_LANG, /, **params) -> str:
    """The message ``key`` in ``lang``, formatted with ``params``.

    A ``MessageError`` among ``params`` is rendered in ``lang`` too, so that
    ``t("frame.db_error", lang, error=exc)`` reads in one language. An unknown key returns
    the key itself, so a missing message shows up on screen (and in the guard test)
    instead of crashing the page.
    """
    entry = messages().get(key)
    if entry is None:
        return key
    text = entry.get(lang if lang in LANGS else DEFAULT_LANG) or entry.get(DEFAULT_LANG, key)
    if not params:
        return text
    text = agree_counts(text, params, lang)
    return text.format(**{name: value.message(lang) if isinstance(value, MessageError) else value
                          for name, value in params.items()})


_COUNTED = re.compile(r"\{(\w+)[^{}]*\}|\((s|x)\)")


def _plural(count: int, lang: str) -> bool:
    """French counts 0 and 1 as one ("0 publication"), English only 1 (CLDR plural rules)."""
    return abs(count) >= 2 if lang == "fr" else abs(count) != 1


def agree_counts(text: str, params: dict, lang: str) -> str:
    """"{count} publication(s) créée(s)" written as the count says: "1 publication créée",
    "3 publications créées". Each "(s)" or "(x)" agrees with the last whole number before it;
    one with no number before it stays as written."""
    count = None

    def repl(m: re.Match) -> str:
        nonlocal count
        if m[1] is not None:
            value = params.get(m[1])
            if isinstance(value, int) and not isinstance(value, bool):
                count = value
            return m[0]
        if count is None:
            return m[0]
        return m[2] if _plural(count, lang) else ""

    return _COUNTED.sub(repl, text)

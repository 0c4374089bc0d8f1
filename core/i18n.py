"""Every text a user reads, in French and English.

Messages live in ``data/i18n/*.toml``, one file per area of the product, each message a
table with ``fr`` and ``en`` (``tests/test_i18n.py`` checks that no language is missing).
French is the default.
"""

from __future__ import annotations

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
    return text.format(**{name: value.message(lang) if isinstance(value, MessageError) else value
                          for name, value in params.items()})

"""Reference data shipped in ``data/``: loaded once, exposed as constants.

Every figure or rule in those files (a number, a date rule, a list) names where it comes
from: a URL, a law, a book or standard, or "Calame's choice, because ...". Three ways:

- ``source = "..."`` in a table covers the figures of that table and of every table below
  it (a section source). The file's top-level ``source`` describes the file and covers only
  the figures written at the top level, never the sections;
- ``sources = { key = "..." }`` in a table, the top level included, covers the figures or
  the sections it names, one by one;
- a word list (``.txt``, ``.tsv``) has a ``# source: ...`` comment line in its header.

``tests/test_data_sources.py`` checks that no figure is left without one. This module only
reads the files; other modules load their own lists through ``load()`` (network rules,
moments, templates…), so that there is one reader and one cache for all of ``data/``.
"""

from __future__ import annotations

import csv
import tomllib
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


class RefDataError(RuntimeError):
    pass


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """Parse ``data/<name>`` (TOML). Raises with the file and the parser's position."""
    path = DATA / name
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError as exc:
        raise RefDataError(f"Reference file {path} is missing; reinstall Calame.") from exc
    except tomllib.TOMLDecodeError as exc:
        raise RefDataError(f"Reference file {path} is not valid TOML: {exc}") from exc


@lru_cache(maxsize=None)
def load_csv(name: str) -> tuple[dict, ...]:
    path = DATA / name
    with path.open(encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(row for row in fh if not row.startswith("#")))


@lru_cache(maxsize=None)
def load_words(name: str) -> frozenset[str]:
    """A word list: one entry a line, ``#`` starts a comment, case kept as written."""
    path = DATA / name
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(line)
    return frozenset(words)


def entries(name: str) -> dict[str, dict]:
    """The tables of a TOML file, without its top-level ``source``, ``sources`` and scalars."""
    return {k: v for k, v in load(name).items() if isinstance(v, dict) and k != "sources"}


def label(table: dict[str, dict], key: str, lang: str) -> str:
    """The label of ``key`` in ``lang`` (falls back to French, then to the key itself)."""
    entry = table.get(key)
    if not entry:
        return key
    return entry.get(lang) or entry.get("fr") or entry.get("label") or key


SECTORS = entries("sectors.toml")
OBJECTIVES = entries("objectives.toml")
NETWORKS = entries("networks.toml")
FUNNEL_STAGES = entries("funnel_stages.toml")
POST_STATUSES = entries("post_statuses.toml")
COUNTRIES = entries("countries.toml")
TONES = entries("tones.toml")
LANGUAGES = entries("languages.toml")
ADDRESS_FORMS = ("tu", "vous")

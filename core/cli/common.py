"""What every subcommand shares: the CLI's error, the reader's language, brand and file
arguments, JSON output. Only ``core/cli/`` parses arguments and prints."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from core import brief as brief_mod
from core.i18n import t
from core.language.clean import InputError, read_upload


class CliError(Exception):
    """A message for the terminal, already in the reader's language; the command exits 2."""


def ui_lang(args) -> str:
    return getattr(args, "ui", None) or os.environ.get("CALAME_LANG", "fr")


def open_db():
    """The migrated database module (``core.db``)."""
    from core import db

    db.upgrade()
    return db


def brand_arg(name: str, *, session, lang: str):
    """The brand a ``--brand`` option names (name or id), or a CliError that says how to list them."""
    from core.brands import get_brand

    brand = get_brand(name, session=session)
    if brand is None:
        raise CliError(t("brand.not_found", lang, name=name))
    return brand


def print_json(value) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def report(problems, path, lang) -> None:
    """Every problem of a brief file with its line, then their count (standard error)."""
    for problem in problems:
        print(problem.render(lang, path), file=sys.stderr)
    print(t("cli.problem_count", lang, count=len(problems), path=path), file=sys.stderr)


def read_brief(path: str, lang: str) -> tuple[str, dict, list]:
    """(text, data, problems) of a brief file; a CliError when it cannot be read or parsed."""
    p = Path(path)
    if not p.is_file():
        raise CliError(t("cli.file_not_found", lang, path=path))
    try:
        text = brief_mod.read_text(p)
        data, problems = brief_mod.validate_text(text)
    except brief_mod.BriefError as exc:
        raise CliError(f"{path}: {exc}") from exc
    return text, data, problems


def read_paths(paths, ui: str = "fr") -> list[tuple[str, list[str]]]:
    """(path as given, its texts) for each path; ``-`` reads standard input. Raises a
    CliError with a message in ``ui`` for a missing or unreadable file."""
    out = []
    for path in paths:
        if path == "-":
            data = sys.stdin.buffer.read()
            name = "stdin.txt"
        else:
            p = Path(path)
            if not p.is_file():
                raise CliError(t("cli.file_not_found", ui, path=path))
            try:
                data = p.read_bytes()
            except OSError as exc:
                raise CliError(f"{path}: {exc.strerror}") from exc
            name = p.name if p.suffix else p.name + ".txt"
        try:
            out.append((path, read_upload(name, data)))
        except InputError as exc:
            raise CliError(exc.message(ui)) from exc
    return out

"""What every subcommand shares: the CLI's error, the reader's language, input and output
files, dates, brand arguments, JSON output. Only ``core/cli/`` parses arguments and prints."""

from __future__ import annotations

import csv
import errno
import json
import os
import sys
from datetime import date
from pathlib import Path

from core import brief as brief_mod
from core.i18n import MessageError, t
from core.language.clean import read_upload

# Calame's choice: an editorial calendar is planned around the present, and at the far ends
# of Python's dates (years 1 and 9999) month ends and time-zone conversions overflow.
FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2099, 12, 31)


class CliError(MessageError):
    """What stops a command (exit 2), with a message key of ``data/i18n/cli.toml``."""


def ui_lang(args) -> str:
    return getattr(args, "ui", None) or os.environ.get("CALAME_LANG", "fr")


def open_db():
    """The migrated database module (``core.db``)."""
    from core import db

    db.upgrade()
    return db


def brand_arg(name: str, *, session):
    """The brand a ``--brand`` option names (name or id), or a CliError that says how to list them."""
    from core.brands import get_brand

    brand = get_brand(name, session=session)
    if brand is None:
        raise CliError("brand.not_found", name=name)
    return brand


def day_arg(value: str, option: str) -> date:
    """The day an option gives as YYYY-MM-DD, between FIRST_DAY and LAST_DAY."""
    try:
        day = date.fromisoformat(value)
    except (TypeError, ValueError):
        day = None
    if day is None or not FIRST_DAY <= day <= LAST_DAY:
        raise CliError("cli.bad_date", option=option, value=value,
                       first=FIRST_DAY.isoformat(), last=LAST_DAY.isoformat())
    return day


def file_error(exc: OSError, path: str, *, writing: bool = False) -> CliError:
    """The CliError that says why ``path`` could not be read or written, and what to do."""
    if exc.errno == errno.ENOENT:
        if writing:
            return CliError("cli.no_folder", path=path, folder=str(Path(path).parent))
        return CliError("cli.file_not_found", path=path)
    if exc.errno == errno.EISDIR:
        return CliError("cli.is_directory", path=path)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return CliError("cli.permission_denied", path=path)
    if exc.errno == errno.ENOTDIR:
        return CliError("cli.not_a_folder", path=path)
    if exc.errno == errno.ENOSPC:
        return CliError("cli.disk_full", path=path)
    return CliError("cli.file_error", path=path, detail=exc.strerror or str(exc))


def read_input(path: str) -> bytes:
    """The bytes of an input file (``-``: standard input), or a CliError that says why not."""
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise file_error(exc, path) from exc


def read_utf8(path: str) -> str:
    """An input file's text, which must be UTF-8 (with or without BOM)."""
    data = read_input(path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CliError("cli.not_utf8", path=path, position=exc.start + 1) from exc


def write_output(path: str, data: bytes) -> None:
    try:
        Path(path).write_bytes(data)
    except OSError as exc:
        raise file_error(exc, path, writing=True) from exc


def print_json(value) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def report(problems, path, lang) -> None:
    """Every problem of a brief file with its line, then their count (standard error)."""
    for problem in problems:
        print(problem.render(lang, path), file=sys.stderr)
    print(t("cli.problem_count", lang, count=len(problems), path=path), file=sys.stderr)


def read_brief(path: str) -> tuple[str, dict, list]:
    """(text, data, problems) of a brief file; a CliError when it cannot be read or parsed."""
    try:
        text = brief_mod.read_text(Path(path))
        data, problems = brief_mod.validate_text(text)
    except OSError as exc:
        raise file_error(exc, path) from exc
    except brief_mod.BriefError as exc:
        raise CliError("cli.in_file", path=path, error=exc) from exc
    return text, data, problems


def read_paths(paths) -> list[tuple[str, list[str]]]:
    """(path as given, its texts) for each path; ``-`` reads standard input. A file that
    cannot be read stops the command with a CliError or the reader's ``InputError``."""
    out = []
    for path in paths:
        data = read_input(path)
        name = "stdin.txt" if path == "-" else Path(path).name
        if not Path(name).suffix:
            name += ".txt"
        try:
            out.append((path, read_upload(name, data)))
        except csv.Error as exc:
            raise CliError("cli.bad_csv", path=path, detail=str(exc)) from exc
    return out

"""``python -m core``: Calame's command line. Every subcommand is listed in docs/cli.md.

Foundation commands live here; the engine's modules add theirs through an
``add_cli(subparsers)`` function, listed in ``EXTENSIONS``. Exit codes: 0 success,
1 the input has problems (reported), 2 the command could not run (usage, unreadable file,
database unavailable).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from pathlib import Path

from core import brief as brief_mod
from core.i18n import LANGS, t

EXTENSIONS: list[str] = ["core.export_docx", "core.approvals", "core.planner", "core.scoring", "core.keywords", "core.readability"]


class CliError(Exception):
    """A message for the terminal; the command exits with status 2."""


def brand_arg(name: str, *, session, lang: str):
    """The brand a ``--brand`` option names (name or id), or a CliError that says how to list them."""
    from core.brands import get_brand

    brand = get_brand(name, session=session)
    if brand is None:
        raise CliError(t("brand.not_found", lang, name=name))
    return brand


def ui_lang(args) -> str:
    return getattr(args, "ui", None) or os.environ.get("CALAME_LANG", "fr")


def _db():
    from core import db

    db.upgrade()
    return db


def cmd_db_upgrade(args) -> int:
    from core import db

    db.upgrade()
    print(t("cli.db_ready", ui_lang(args), url=db.database_url()), file=sys.stderr)
    return 0


def cmd_demo(args) -> int:
    from core import db, demo

    db.upgrade()
    if args.if_empty and not db.is_empty():
        print(t("cli.demo_skipped", ui_lang(args)), file=sys.stderr)
        return 0
    name = demo.load_demo()
    print(t("cli.demo_loaded", ui_lang(args), name=name), file=sys.stderr)
    return 0


def cmd_brands(args) -> int:
    from core.brands import list_brands

    db = _db()
    with db.transaction() as session:
        brands = list_brands(session=session, include_archived=args.all)
        for brand in brands:
            flag = " (archived)" if brand.archived else ""
            print(f"{brand.id}\t{brand.name}{flag}")
    return 0


def cmd_brief_export(args) -> int:
    from core.brands import brief_of

    db = _db()
    with db.transaction() as session:
        brand = brand_arg(args.brand, session=session, lang=ui_lang(args))
        text = brief_mod.dumps(brief_of(brand.id, session=session))
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _read_brief(path: str, lang: str) -> tuple[str, dict, list]:
    p = Path(path)
    if not p.is_file():
        raise CliError(t("cli.file_not_found", lang, path=path))
    try:
        text = brief_mod.read_text(p)
        data, problems = brief_mod.validate_text(text)
    except brief_mod.BriefError as exc:
        raise CliError(f"{path}: {exc}") from exc
    return text, data, problems


def _report(problems, path, lang) -> None:
    for problem in problems:
        print(problem.render(lang, path), file=sys.stderr)
    print(t("cli.problem_count", lang, count=len(problems), path=path), file=sys.stderr)


def cmd_brief_validate(args) -> int:
    lang = ui_lang(args)
    _, _, problems = _read_brief(args.file, lang)
    if problems:
        _report(problems, args.file, lang)
        return 1
    print(t("cli.brief_valid", lang, path=args.file), file=sys.stderr)
    return 0


def cmd_brief_import(args) -> int:
    from core.brands import save_brief

    lang = ui_lang(args)
    _, data, problems = _read_brief(args.file, lang)
    if problems:
        _report(problems, args.file, lang)
        return 1
    db = _db()
    with db.transaction() as session:
        brand = save_brief(data, session=session)
        name = brand.name
    print(t("cli.brief_imported", lang, name=name), file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m core",
        description="Calame: content strategy and editorial planning (docs/cli.md).",
    )
    parser.add_argument("--ui", choices=LANGS, help="language of messages (default: $CALAME_LANG or fr)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("db", help="database maintenance")
    dbsub = p.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    dbsub.add_parser("upgrade", help="create or migrate the database ($DATABASE_URL)").set_defaults(
        func=cmd_db_upgrade)

    p = sub.add_parser("demo", help="load the demo brand (Maison Lila)")
    p.add_argument("--if-empty", action="store_true", help="only when the database has no brand")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("brands", help="list the brands")
    p.add_argument("--all", action="store_true", help="include archived brands")
    p.set_defaults(func=cmd_brands)

    p = sub.add_parser("brief", help="export, import or validate a brand brief (TOML)")
    bsub = p.add_subparsers(dest="brief_command", metavar="ACTION", required=True)
    e = bsub.add_parser("export", help="print a brand's brief as TOML")
    e.add_argument("brand", help="brand name or id")
    e.add_argument("--out", help="write to this file instead of standard output")
    e.set_defaults(func=cmd_brief_export)
    i = bsub.add_parser("import", help="create or update a brand from a brief file")
    i.add_argument("file")
    i.set_defaults(func=cmd_brief_import)
    v = bsub.add_parser("validate", help="report every problem of a brief file, with its line")
    v.add_argument("file")
    v.set_defaults(func=cmd_brief_validate)

    for name in EXTENSIONS:
        importlib.import_module(name).add_cli(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from core.db import DatabaseError

    try:
        return args.func(args)
    except (CliError, DatabaseError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130


def print_json(value) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")

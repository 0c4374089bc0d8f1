"""``db``, ``demo``, ``brands`` and ``brief``: the database, the demo brand and brand briefs."""

from __future__ import annotations

import sys

from core import brief as brief_mod
from core import db, demo
from core.brands import brief_of, list_brands, save_brief
from core.cli.common import brand_arg, open_db, read_brief, report, ui_lang, write_output
from core.i18n import t


def cmd_db_upgrade(args) -> int:
    db.upgrade()
    print(t("cli.db_ready", ui_lang(args), url=db.display_url(db.database_url())), file=sys.stderr)
    return 0


def cmd_demo(args) -> int:
    db.upgrade()
    if args.if_empty and not db.is_empty():
        print(t("cli.demo_skipped", ui_lang(args)), file=sys.stderr)
        return 0
    name = demo.load_demo()
    print(t("cli.demo_loaded", ui_lang(args), name=name), file=sys.stderr)
    return 0


def cmd_brands(args) -> int:
    lang = ui_lang(args)
    with open_db().transaction() as session:
        brands = list_brands(session=session, include_archived=args.all)
    for brand in brands:
        flag = " " + t("cli.archived", lang) if brand.archived else ""
        print(f"{brand.id}\t{brand.name}{flag}")
    if not brands:
        print(t("cli.no_brands", lang), file=sys.stderr)
    return 0


def cmd_brief_export(args) -> int:
    with open_db().transaction() as session:
        brand = brand_arg(args.brand, session=session)
        text = brief_mod.dumps(brief_of(brand.id, session=session))
    if args.out:
        write_output(args.out, text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    return 0


def cmd_brief_validate(args) -> int:
    lang = ui_lang(args)
    _, _, problems = read_brief(args.file)
    if problems:
        report(problems, args.file, lang)
        return 1
    print(t("cli.brief_valid", lang, path=args.file), file=sys.stderr)
    return 0


def cmd_brief_import(args) -> int:
    lang = ui_lang(args)
    _, data, problems = read_brief(args.file)
    if problems:
        report(problems, args.file, lang)
        return 1
    with open_db().transaction() as session:
        name = save_brief(data, session=session).name
    print(t("cli.brief_imported", lang, name=name), file=sys.stderr)
    return 0


def add(sub) -> None:
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

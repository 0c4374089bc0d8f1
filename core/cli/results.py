"""``results import``: the networks' exports read back into the brand's measured posts."""

from __future__ import annotations

import os
import sys
from datetime import date

from core.cli.common import brand_arg, day_arg, open_db, print_json, read_input, ui_lang
from core.i18n import t
from core.results.store import Source, import_exports

def _exported_on(path: str, given: date | None) -> date:
    """The day the file was exported: ``--exported-on``, else the day it was downloaded
    (its modification date)."""
    if given is not None or path == "-":
        return given or date.today()
    return date.fromtimestamp(os.stat(path).st_mtime)

def cmd_import(args) -> int:
    lang = ui_lang(args)
    given = day_arg(args.exported_on, "--exported-on") if args.exported_on else None
    sources = [Source(path, read_input(path), _exported_on(path, given)) for path in args.files]
    with open_db().transaction() as session:
        brand = brand_arg(args.brand, session=session)
        # A file that cannot be read at all (binary, damaged workbook) stops the command:
        # its InputError or ResultsError names the file (exit 2).
        result = import_exports(brand, sources, session=session, dry_run=args.dry_run)
    for file, line, issue in result.errors:
        key = "results.error_line" if line else "results.error_file"
        print(t(key, lang, file=file, line=line, message=issue.message(lang)), file=sys.stderr)
    if args.json:
        print_json(result.to_dict(lang))
    else:
        for item in result.files:
            print(t("results.file_line", lang, path=item["path"], format=item["format"] or "?"))
        print(t("results.summary", lang, brand=result.brand, rows=result.rows, matched=result.matched,
                to_confirm=result.to_confirm, unmatched=result.unmatched, already_imported=result.already_imported))
    if result.errors:
        print(t("results.nothing_written", lang), file=sys.stderr)
        return 1
    if args.dry_run:
        print(t("results.dry_run_note", lang), file=sys.stderr)
    return 0

def add(sub) -> None:
    p = sub.add_parser("results", help="import the networks' exports of what the posts did")
    rsub = p.add_subparsers(dest="results_command", metavar="ACTION", required=True)
    i = rsub.add_parser("import", help="read Meta, LinkedIn, X, TikTok Studio or YouTube Studio exports")
    i.add_argument("files", nargs="+", metavar="FILE")
    i.add_argument("--brand", required=True, help="the brand whose plan the posts are matched to (name or id)")
    i.add_argument("--dry-run", action="store_true", help="count what would be imported, write nothing")
    i.add_argument("--json", action="store_true", help="print the counts as JSON")
    i.add_argument("--exported-on", metavar="YYYY-MM-DD",
                   help="the day the files were exported (default: each file's modification date)")
    i.set_defaults(func=cmd_import)


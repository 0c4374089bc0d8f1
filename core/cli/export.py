"""``export docx|ics|csv`` and ``import-csv``: the calendar out to the client or a
scheduler, and a generic CSV back in."""

from __future__ import annotations

import sys

from core.accounts import review
from core.cli.common import (CliError, brand_arg, day_arg, open_db, print_json, read_brief, read_input,
                             report, ui_lang, write_output)
from core.client.calendar import collect
from core.client.docx_export import export_brand, export_brief
from core.client.exports import import_csv, preview_csv, to_csv, to_hootsuite, to_ics
from core.i18n import MessageError, t
from core.planning.planner import PlanError


def cmd_export_docx(args) -> int:
    lang = ui_lang(args)
    if args.brief:
        if not args.start:
            raise CliError("docx.cli_need_start")
        start = day_arg(args.start, "--start")
        _, data, problems = read_brief(args.brief)
        if problems:
            report(problems, args.brief, lang)
            return 1
        try:
            result = export_brief(data, start, int(args.months or 1), seed=args.seed)
        except PlanError as exc:
            print(t("cli.error", lang, message=exc), file=sys.stderr)
            return 1
    else:
        if not (args.brand and args.date_from and args.date_to):
            raise CliError("docx.cli_need_brand")
        period_from, period_to = day_arg(args.date_from, "--from"), day_arg(args.date_to, "--to")
        with open_db().transaction() as session:
            brand = brand_arg(args.brand, session=session)
            result = export_brand(brand.id, period_from, period_to, session=session,
                                  created_by=args.by or "", only_reviewed=args.only_reviewed)
    out = args.out or result.filename
    write_output(out, result.data)
    _left_out(list(getattr(result, "left_out", ())), lang)
    print(t("docx.cli_done", lang, path=str(out), count=result.count, token=result.token), file=sys.stderr)
    return 0


def _calendar(args):
    period_from, period_to = day_arg(args.date_from, "--from"), day_arg(args.date_to, "--to")
    with open_db().transaction() as session:
        brand = brand_arg(args.brand, session=session)
        return review.for_client(collect(brand.id, period_from, period_to, session=session), session=session,
                                 only_reviewed=args.only_reviewed)  # unreviewed posts never go out


def _left_out(refs: list[str], lang: str) -> None:
    if refs:
        print(t("review.cli_left_out", lang, count=len(refs), refs=", ".join(refs)), file=sys.stderr)


def _write(args, data: bytes, count: int, lang: str) -> None:
    if args.out:
        write_output(args.out, data)
        print(t("exports.cli_written", lang, path=args.out, count=count), file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)


def cmd_ics(args) -> int:
    lang = ui_lang(args)
    cal = _calendar(args)
    _left_out(cal.left_out, lang)
    _write(args, to_ics(cal, lang=lang), len(cal.posts), lang)
    return 0


def cmd_csv(args) -> int:
    lang = ui_lang(args)
    cal = _calendar(args)
    _left_out(cal.left_out, lang)
    if args.hootsuite:
        result = to_hootsuite(cal, lang=lang)
        _write(args, result.data, result.count, lang)
        if result.problems:
            print(t("exports.cli_problems", lang, count=len(result.problems)), file=sys.stderr)
            for ref, message in result.problems:
                print(f"  {ref}: {message}", file=sys.stderr)
            return 1
        return 0
    try:
        data = to_csv(cal, sep=args.sep, lang=lang)
    except ValueError as exc:  # an unknown separator, already in the reader's language
        print(t("cli.error", lang, message=exc), file=sys.stderr)
        return 2
    _write(args, data, len(cal.posts), lang)
    return 0


def cmd_import_csv(args) -> int:
    lang = ui_lang(args)
    data = read_input(args.file)
    try:
        with open_db().transaction() as session:
            brand = brand_arg(args.brand, session=session)
            if args.dry_run:
                rows, created, updated = preview_csv(data, brand.id, session=session, lang=lang), 0, 0
            else:
                rows, created, updated = import_csv(data, brand.id, session=session, saved_by=args.by or "",
                                                    lang=lang)
    except MessageError:
        raise
    except ValueError as exc:  # the whole file is unusable (empty, not text, columns missing)
        print(t("cli.error", lang, message=t("cli.in_file", lang, path=args.file, error=exc)),
              file=sys.stderr)
        return 2
    errors = [r for r in rows if r.errors]
    if args.json:
        print_json({"dry_run": bool(args.dry_run), "created": created, "updated": updated,
                    "rows": [{"line": r.line, "ref": r.ref, "action": r.action, "errors": r.errors}
                             for r in rows]})
    else:
        for r in errors:
            print(f"{args.file}:{r.line}: " + "; ".join(r.errors), file=sys.stderr)
        print(t("csv.import_done", lang, created=created, updated=updated, errors=len(errors)),
              file=sys.stderr)
    return 1 if errors else 0


def add(sub) -> None:
    p = sub.add_parser("export", help="export the calendar (Word for the client, ICS, CSV)")
    esub = p.add_subparsers(dest="export_command", metavar="FORMAT", required=True)
    d = esub.add_parser("docx", help="the client's Word calendar, to approve and send back")
    d.add_argument("--brand", help="brand name or id")
    d.add_argument("--from", dest="date_from", help="first day, YYYY-MM-DD")
    d.add_argument("--to", dest="date_to", help="last day, YYYY-MM-DD (included)")
    d.add_argument("--out", help="the .docx to write (default: a name with brand and period)")
    d.add_argument("--by", help="who sends it (recorded with the export)")
    d.add_argument("--brief", help="plan this brief file and export it, without the database")
    d.add_argument("--start", help="with --brief: first day of the plan, YYYY-MM-DD")
    d.add_argument("--months", type=int, default=1, help="with --brief: number of months")
    d.add_argument("--seed", type=int, default=0, help="with --brief: the planner's seed")
    d.add_argument("--only-reviewed", action="store_true", help="leave out the posts awaiting an internal review")
    d.set_defaults(func=cmd_export_docx)
    for name, func, help_ in (("ics", cmd_ics, "an .ics calendar (Google Calendar, Outlook)"),
                              ("csv", cmd_csv, "a CSV of the plan (generic, or --hootsuite)")):
        p = esub.add_parser(name, help=help_)
        p.add_argument("--brand", required=True)
        p.add_argument("--from", dest="date_from", required=True)
        p.add_argument("--to", dest="date_to", required=True)
        p.add_argument("--out", help="file to write (default: standard output)")
        p.add_argument("--only-reviewed", action="store_true", help="leave out the posts awaiting an internal review")
        if name == "csv":
            p.add_argument("--sep", default=",", help="',' (default) or ';' for French Excel")
            p.add_argument("--hootsuite", action="store_true", help="Hootsuite bulk-composer format")
        p.set_defaults(func=func)
    p = sub.add_parser("import-csv", help="create or update posts from a generic CSV (preview with --dry-run)")
    p.add_argument("file")
    p.add_argument("--brand", required=True)
    p.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
    p.add_argument("--json", action="store_true")
    p.add_argument("--by", help="who imports (recorded as the author of the posts created or changed)")
    p.set_defaults(func=cmd_import_csv)

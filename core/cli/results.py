"""``results import``: the networks' exports read back into the brand's measured posts."""

from __future__ import annotations

import os
import sys
from datetime import date

from core.cli.common import brand_arg, day_arg, open_db, print_json, read_input, ui_lang, write_output
from core.i18n import t
from core.results.proposals import DEFAULT_FLOOR
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

def _interval(row: dict, lang: str) -> str:
    from core.results.words import signed_percent

    if row["interval"] is None:
        return t("report.insufficient", lang)
    low, high = row["interval"]
    return t("report.cli_interval", lang, low=signed_percent(low, lang), high=signed_percent(high, lang),
             verdict=t(f"report.{row['evidence']}", lang))


def _print_report(data: dict, lang: str) -> None:
    from core.results.targets import METRICS
    from core.results.words import number, percent, signed_percent

    def figure(row, key):
        value = row[key]
        if value is None:
            return "—"
        return percent(value, lang) if row["unit"] == "rate" else (
            number(value, lang, 1) + ("\u202f%" if lang == "fr" else "%") if row["unit"] == "growth" else number(value, lang))

    print(t("report.cli_title", lang, brand=data["brand"], start=data["from"], end=data["to"], posts=data["posts"]))
    print(t("report.cli_objectives", lang))
    for row in data["objectives"]:
        metric = METRICS.get(row["metric"], {}).get(lang, row["kpi"]) if row["metric"] else row["kpi"]
        print(t("report.cli_objective", lang, objective=row["label"], metric=metric, actual=figure(row, "actual"),
                expected=figure(row, "expected"), status=t(f"report.status.{row['status']}", lang)))
    for dimension, rows in data["by"].items():
        print(t(f"report.by.{dimension}", lang))
        if not rows:
            print(t("report.cli_no_posts", lang))
        for row in rows:
            print(t("report.cli_row", lang, label=row["label"], posts=row["posts"],
                    value=signed_percent(row["value"], lang), interval=_interval(row, lang)))
    print(t("report.best_times", lang))
    for row in data["best_times"]["cells"]:
        print(t("report.cli_row", lang, label=row["label"], posts=row["posts"],
                value=signed_percent(row["value"], lang), interval=_interval(row, lang)))
    print(t("report.cli_proposals", lang, count=len(data["proposals"])))
    for item in data["proposals"]:
        print(t("report.cli_proposal", lang, id=item["id"], kind=t(f"proposal.kind.{item['kind']}", lang),
                proposal=item["proposal"]))


def cmd_report(args) -> int:
    from core.results.docx_report import report_docx
    from core.results.proposals import propose, to_dict
    from core.results.report import build_report

    lang = ui_lang(args)
    start, end = day_arg(args.start, "--from"), day_arg(args.end, "--to")
    with open_db().transaction() as session:
        brand = brand_arg(args.brand, session=session)
        report = build_report(brand.id, start, end, session=session, lang=lang)
        report.proposals = [to_dict(p, lang) for p in propose(report, brand.id, session=session, floor=args.floor)]
        data = report.to_dict()
        if args.out:  # written inside the transaction: a file that cannot be written stores no proposal
            write_output(args.out, report_docx(report, brand.id, session=session))
            print(t("report.written", lang, path=args.out), file=sys.stderr)
    if args.json:
        print_json(data)
    else:
        _print_report(data, lang)
    return 0


def cmd_proposals(args) -> int:
    from core.results.proposals import list_proposals, to_dict

    lang = ui_lang(args)
    with open_db().transaction() as session:
        brand = brand_arg(args.brand, session=session)
        items = [to_dict(p, lang) for p in list_proposals(brand.id, session=session,
                                                          status=None if args.all else "proposed")]
    if args.json:
        print_json(items)
        return 0
    if not items:
        print(t("report.no_proposals", lang), file=sys.stderr)
    for item in items:
        print(t("report.cli_proposal_full", lang, id=item["id"], kind=t(f"proposal.kind.{item['kind']}", lang),
                status=t(f"proposal.status.{item['status']}", lang), numbers=item["numbers"],
                proposal=item["proposal"], why=item["why"]))
    return 0


def cmd_decide(args) -> int:
    from core.results.proposals import decide

    lang = ui_lang(args)
    with open_db().transaction() as session:
        proposal = decide(args.id, args.results_command == "accept", session=session, by=args.by or "")
        status = proposal.status
    print(t("report.decided", lang, id=args.id, status=t(f"proposal.status.{status}", lang)))
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
    r = rsub.add_parser("report", help="the period's KPIs against the objectives, breakdowns and proposals")
    r.add_argument("--brand", required=True, help="the brand (name or id)")
    r.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD", help="first day of the period")
    r.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD", help="last day of the period")
    r.add_argument("--json", action="store_true", help="print the report as JSON")
    r.add_argument("--out", metavar="FILE.docx", help="also write the client report (Word)")
    r.add_argument("--floor", type=float, default=DEFAULT_FLOOR, metavar="POINTS",
                   help=f"no pillar's share proposed below this (default {DEFAULT_FLOOR:g} points)")
    r.set_defaults(func=cmd_report)
    p = rsub.add_parser("proposals", help="list the proposals (waiting ones, or --all)")
    p.add_argument("--brand", required=True, help="the brand (name or id)")
    p.add_argument("--all", action="store_true", help="also the accepted and refused ones")
    p.add_argument("--json", action="store_true", help="print them as JSON")
    p.set_defaults(func=cmd_proposals)
    for name, text in (("accept", "accept a proposal: the next re-plan follows it"),
                       ("refuse", "refuse a proposal: nothing changes")):
        d = rsub.add_parser(name, help=text)
        d.add_argument("id", type=int, metavar="ID", help="the proposal's number (results proposals)")
        d.add_argument("--by", metavar="NAME", help="who decides (kept with the decision)")
        d.set_defaults(func=cmd_decide)


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
            shown = f"{item['format']} « {item['mapping']} »" if item.get("mapping") else item["format"] or "?"
            print(t("results.file_line", lang, path=item["path"], format=shown))
        print(t("results.summary", lang, brand=result.brand, rows=result.rows, matched=result.matched,
                to_confirm=result.to_confirm, unmatched=result.unmatched, already_imported=result.already_imported))
    if result.errors:
        print(t("results.nothing_written", lang), file=sys.stderr)
        return 1
    if args.dry_run:
        print(t("results.dry_run_note", lang), file=sys.stderr)
    return 0

def _changes(args) -> dict[str, str]:
    """``--set field=column`` options as {field: column} ("" maps nothing to the field)."""
    from core.results.mapping import MappingError

    changes = {}
    for item in args.set or []:
        field, sep, column = item.partition("=")
        if not sep or not field.strip():
            raise MappingError("results.mapping_bad_set", value=item)
        changes[field.strip()] = column.strip()
    return changes


def _print_mapping(proposal, mapping: dict, lang: str) -> None:
    from core.labels import network

    print(t("results.map_columns", lang, name=proposal.file, line=proposal.line))
    for column in proposal.columns:
        print(t("results.map_column", lang, column=column.name, samples=" | ".join(column.samples) or "—"))
    print(t("results.map_proposed", lang))
    for field, column in mapping["columns"].items():
        print(t("results.map_field", lang, field=t(f"mapping.field.{field}", lang), code=field, column=column))
    if mapping.get("network"):
        print(t("results.map_network_fixed", lang, network=network(mapping["network"], lang)))
    order = {True: "day_first", False: "month_first"}.get(mapping.get("day_first"), proposal.dates)
    print(t("results.map_dates", lang, order=t(f"mapping.dates.{order}", lang)))


def cmd_map(args) -> int:
    from zoneinfo import ZoneInfo

    from core.accounts import context
    from core.results.mapping import MappingError, check, preview, propose, save, saved_for, with_changes

    lang = ui_lang(args)
    data = read_input(args.file)
    proposal = propose(data, args.file)
    if proposal.known_format:
        raise MappingError("results.mapping_known_format", name=args.file)
    day_first = True if args.dayfirst else False if args.monthfirst else None
    with open_db().transaction() as session:
        brand = brand_arg(args.brand, session=session)
        saved = saved_for(proposal, brand.id, session=session)
        mapping = with_changes(proposal, columns=_changes(args), network=args.network, day_first=day_first,
                               base=saved[1] if saved else None)
        if args.save:
            actor = context.current()
            record = save(brand.id, data, args.file, mapping, session=session, name=args.name or "",
                          by=actor.name if actor else "")
            name = record.name
        brand_name, tz = brand.name, ZoneInfo(brand.timezone or "Europe/Paris")
    problem = None
    try:
        check(mapping, proposal)
    except MappingError as exc:
        problem = exc
    read = None if problem else preview(data, args.file, mapping, tz=tz, exported_on=date.today())
    if args.json:
        print_json(proposal.to_dict() | {"mapping": mapping, "problem": problem.message(lang) if problem else None,
                                         "preview": {"rows": len(read.rows), "issues": len(read.issues)} if read else None,
                                         "saved": name if args.save else None})
    else:
        _print_mapping(proposal, mapping, lang)
        if read is not None:
            print(t("results.map_preview", lang, rows=len(read.rows), issues=len(read.issues)))
            for issue in read.issues[:5]:
                key = "results.error_line" if issue.line else "results.error_file"
                print(t(key, lang, file=args.file, line=issue.line, message=issue.message(lang)), file=sys.stderr)
    if problem:
        print(t("results.map_invalid", lang, message=problem.message(lang)), file=sys.stderr)
        return 1
    if args.save:
        print(t("results.map_saved", lang, name=name, brand=brand_name), file=sys.stderr)
    else:
        print(t("results.map_not_saved", lang), file=sys.stderr)
    return 0


def cmd_mappings(args) -> int:
    from core.results.mapping import delete, list_mappings

    lang = ui_lang(args)
    with open_db().transaction() as session:
        brand = brand_arg(args.brand, session=session)
        if args.delete:
            delete(brand.id, args.delete, session=session)
        items = [m.to_dict() for m in list_mappings(brand.id, session=session)]
        brand_name = brand.name
    if args.delete:
        print(t("results.mapping_deleted", lang, name=args.delete, brand=brand_name), file=sys.stderr)
    if args.json:
        print_json(items)
        return 0
    if not items:
        print(t("results.mappings_none", lang, brand=brand_name), file=sys.stderr)
    for item in items:
        fields = ", ".join(f"{t(f'mapping.field.{f}', lang)} ← {c}" for f, c in item["mapping"]["columns"].items())
        print(t("results.mappings_line", lang, name=item["name"], fields=fields, by=item["created_by"] or "—",
                at=(item["created_at"] or "")[:10]))
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
    m = rsub.add_parser("map", help="propose (and --save) which column of another export is which field")
    m.add_argument("file", metavar="FILE", help="a CSV or workbook no known format reads")
    m.add_argument("--brand", required=True, help="the brand the mapping is saved for (name or id)")
    m.add_argument("--set", action="append", metavar="FIELD=COLUMN",
                   help="map a field to a column (repeatable; FIELD= maps nothing to it)")
    m.add_argument("--network", metavar="NETWORK", help="the file's network, when no column or link says it")
    order = m.add_mutually_exclusive_group()
    order.add_argument("--dayfirst", action="store_true", help="dates are day/month (31/03/2027)")
    order.add_argument("--monthfirst", action="store_true", help="dates are month/day (03/31/2027)")
    m.add_argument("--save", action="store_true", help="save the mapping for the brand")
    m.add_argument("--name", metavar="NAME", help="the saved mapping's name (default: the file's name)")
    m.add_argument("--json", action="store_true", help="print the columns and the mapping as JSON")
    m.set_defaults(func=cmd_map)
    ms = rsub.add_parser("mappings", help="list (or --delete) the brand's saved mappings")
    ms.add_argument("--brand", required=True, help="the brand (name or id)")
    ms.add_argument("--delete", metavar="NAME", help="delete the mapping of that name")
    ms.add_argument("--json", action="store_true", help="print them as JSON")
    ms.set_defaults(func=cmd_mappings)
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


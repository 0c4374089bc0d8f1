"""``approvals import|tacit``: the client's answered Word calendar, and tacit approval."""

from __future__ import annotations

import sys
from dataclasses import asdict

from core.cli.common import brand_arg, day_arg, open_db, print_json, read_input, ui_lang
from core.client.docx_answer import ApprovalError, apply_tacit, import_docx, render_plan, tacit_plan
from core.i18n import t


def cmd_import(args) -> int:
    return import_answer(args, import_docx, ApprovalError)


def import_answer(args, importer, error: type[Exception]) -> int:
    """Read a client's answer (the Word calendar, the HTML review file's answers) with
    ``importer``, apply it or preview it (``--dry-run``), and print its plan; exit 1 while a row
    conflicts or cannot be read."""
    lang = ui_lang(args)
    data = read_input(args.file)
    try:
        with open_db().transaction() as session:
            brand_id = brand_arg(args.brand, session=session).id if args.brand else None
            accept = True if args.accept_all_text else set(args.accept_text or ())
            plan = importer(data, session=session, brand_id=brand_id, dry_run=args.dry_run,
                            accept_text=accept, decided_by=args.by or "", lang=lang)
    except error as exc:
        print(t("cli.in_file", lang, path=args.file, error=exc), file=sys.stderr)
        return 1
    if args.json:
        print_json(plan.to_dict() | {"dry_run": bool(args.dry_run)})
    else:
        print(render_plan(plan, lang))
        if args.dry_run:
            print(t("approvals.dry_run_note", lang), file=sys.stderr)
    totals = plan.totals()
    return 1 if totals["conflicts"] or totals["unknown"] or totals["unreadable"] else 0


def cmd_tacit(args) -> int:
    lang = ui_lang(args)
    today = day_arg(args.today, "--today") if args.today else None
    try:
        with open_db().transaction() as session:
            brand = brand_arg(args.brand, session=session)
            if args.dry_run:
                plan = tacit_plan(brand.id, session=session, today=today, lang=lang)
            else:
                plan = apply_tacit(brand.id, session=session, today=today, lang=lang)
    except ApprovalError as exc:
        print(exc.message(lang), file=sys.stderr)
        return 1
    if args.json:
        print_json(asdict(plan) | {"dry_run": bool(args.dry_run)})
    else:
        print(t("approvals.tacit_done" if not args.dry_run else "approvals.tacit_preview", lang,
                count=len(plan.refs), date=plan.deadline.isoformat(), refs=", ".join(plan.refs) or "-"))
    return 0


def add(sub) -> None:
    p = sub.add_parser("approvals", help="read the client's answered Word calendar; tacit approval")
    asub = p.add_subparsers(dest="approvals_command", metavar="ACTION", required=True)
    i = asub.add_parser("import", help="import the decisions and comments of an answered .docx")
    i.add_argument("file")
    i.add_argument("--dry-run", action="store_true", help="show what would change, write nothing")
    i.add_argument("--json", action="store_true", help="print the changes as JSON")
    i.add_argument("--brand", help="refuse the file unless it is this brand's (name or id)")
    i.add_argument("--accept-text", action="append", metavar="REF",
                   help="take the client's text edit of this post (repeatable)")
    i.add_argument("--accept-all-text", action="store_true", help="take every client text edit")
    i.add_argument("--by", help="who decided (default: the name in the validation block)")
    i.set_defaults(func=cmd_import)
    tc = asub.add_parser("tacit", help="after the deadline, validate the posts without an answer")
    tc.add_argument("--brand", required=True)
    tc.add_argument("--dry-run", action="store_true")
    tc.add_argument("--json", action="store_true")
    tc.add_argument("--today", help="YYYY-MM-DD (default: today in the brand's time zone)")
    tc.set_defaults(func=cmd_tacit)

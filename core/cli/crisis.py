"""``crisis start|end|debrief`` and ``crisis file export|import``: suspend a brand's posts
when a bad buzz starts, give them back for approval when it ends, write the Word debrief,
and carry the crisis file prepared in calm times as TOML (docs/cli.md, docs/crisis.md)."""

from __future__ import annotations

import sys

from core import refdata
from core.cli.common import CliError, brand_arg, open_db, print_json, read_utf8, ui_lang, write_output
from core.crisis.course import assess, crisis_of
from core.crisis.debrief import build_debrief
from core.crisis.file import InvalidCrisisFile, dumps, import_text, load_file
from core.crisis.playbook import crisis_kind, gravity_grid, gravity_level, strategies, window, window_hours
from core.crisis.suspension import end_crisis, start_crisis
from core.i18n import t


def cmd_start(args) -> int:
    lang = ui_lang(args)
    # Checked before the database is opened: a bad window, gravity or type changes nothing.
    hours = window_hours(args.hours)
    gravity = gravity_level(args.gravity) if args.gravity is not None else None
    kind = crisis_kind(args.type) if args.type is not None else None
    with open_db().transaction() as session:
        brand = brand_arg(args.brand, session=session)
        started = start_crisis(brand.id, hours, session=session, by=args.by or "", gravity=gravity, kind=kind)
        if args.risk:  # an unknown risk rolls the whole start back
            crisis = assess(crisis_of(brand.id, started.crisis_id, session=session), session=session,
                            gravity=gravity, kind=kind, risk=args.risk, by=args.by or "")
            started.gravity, started.kind, started.risk = crisis.gravity, crisis.kind, crisis.risk
    if args.json:
        print_json(started.to_dict())
        return 0
    print(t("crisis.started", lang, id=started.crisis_id, brand=started.brand, count=len(started.suspended),
            until=started.until.strftime("%Y-%m-%d %H:%M")))
    if started.gravity or started.kind:
        print(t("crisis.assessed_line", lang, gravity=started.gravity or "-",
                kind=t(f"crisis.kind.{started.kind}", lang) if started.kind else "-"))
    for post in started.suspended:
        key = "crisis.suspended_scheduled" if post["status"] == "programme" else "crisis.suspended_line"
        print(t(key, lang, ref=post["ref"], status=refdata.label(refdata.POST_STATUSES, post["status"], lang)))
    return 0


def cmd_end(args) -> int:
    lang = ui_lang(args)
    with open_db().transaction() as session:
        brand = brand_arg(args.brand, session=session)
        ended = end_crisis(brand.id, session=session, by=args.by or "")
    if args.json:
        print_json(ended.to_dict())
        return 0
    print(t("crisis.ended", lang, id=ended.crisis_id, brand=ended.brand, count=len(ended.resumed),
            refs=", ".join(ended.resumed) or "-"))
    if ended.overdue:
        print(t("crisis.overdue", lang, refs=", ".join(ended.overdue)))
    for ref, when in ended.proposed.items():
        print(t("crisis.proposed_line", lang, ref=ref, when=when.strftime("%Y-%m-%d %H:%M")))
    for post in ended.left:
        print(t(f"crisis.left_{post['reason']}", lang, ref=post["ref"],
                status=refdata.label(refdata.POST_STATUSES, post["status"], lang)))
    return 0


def cmd_debrief(args) -> int:
    lang = ui_lang(args)
    if not args.out.lower().endswith(".docx"):
        raise CliError("cli.crisis_debrief_ext", path=args.out)
    with open_db().transaction() as session:
        brand = brand_arg(args.brand, session=session)
        made = build_debrief(brand.id, args.crisis, session=session, lang=args.lang or lang)
    write_output(args.out, made.data)
    if args.json:
        print_json({"brand": brand.name, "crisis_id": made.crisis_id, "events": made.events, "out": args.out})
        return 0
    print(t("cli.crisis_debrief_written", lang, path=args.out, id=made.crisis_id, events=made.events))
    return 0


def cmd_file_export(args) -> int:
    with open_db().transaction() as session:
        brand = brand_arg(args.brand, session=session)
        text = dumps(load_file(brand.id, session=session))
    if args.file == "-":
        sys.stdout.write(text)
    else:
        write_output(args.file, text.encode("utf-8"))
    return 0


def cmd_file_import(args) -> int:
    lang = ui_lang(args)
    text = read_utf8(args.file)
    try:
        with open_db().transaction() as session:
            brand = brand_arg(args.brand, session=session)
            saved = import_text(brand.id, text, session=session, by=args.by or "")
    except InvalidCrisisFile as exc:
        for problem in exc.problems:
            print(problem.render(lang, args.file), file=sys.stderr)
        print(t("cli.problem_count", lang, count=len(exc.problems), path=args.file), file=sys.stderr)
        return 1
    print(t("cli.crisis_file_imported", lang, brand=brand.name, risks=len(saved["risks"]), team=len(saved["team"]),
            version=saved["version"]), file=sys.stderr)
    return 0


def add(sub) -> None:
    bounds = window()
    p = sub.add_parser("crisis", help="crisis: suspend the brand's posts, then give them back for approval")
    csub = p.add_subparsers(dest="crisis_command", metavar="ACTION", required=True)
    s = csub.add_parser("start", help="open a crisis: suspend the approved and scheduled posts of the window")
    s.add_argument("--brand", required=True, help="the brand's name or id")
    s.add_argument("--hours", default=str(bounds["default_hours"]),
                   help=f"the window, {bounds['min_hours']} to {bounds['max_hours']} hours "
                        f"(default {bounds['default_hours']})")
    s.add_argument("--gravity", help=f"the gravity, {', '.join(map(str, gravity_grid()))} (the playbook's grid)")
    s.add_argument("--type", help=f"the crisis type: {', '.join(strategies())} (SCCT)")
    s.add_argument("--risk", help="the crisis file's risk it matches (brings its gravity and type)")
    s.add_argument("--by", help="who opens the crisis (written in its log)")
    s.add_argument("--json", action="store_true",
                   help='print {"brand", "crisis_id", "suspended", "until", "gravity", "type", "risk"}')
    s.set_defaults(func=cmd_start)
    e = csub.add_parser("end", help="close the crisis: the suspended posts go back to « à valider »")
    e.add_argument("--brand", required=True, help="the brand's name or id")
    e.add_argument("--by", help="who closes the crisis (written in its log)")
    e.add_argument("--json", action="store_true", help="print what was resumed, left or is overdue")
    e.set_defaults(func=cmd_end)
    d = csub.add_parser("debrief", help="write the Word debrief of the brand's latest (or a given) crisis")
    d.add_argument("--brand", required=True, help="the brand's name or id")
    d.add_argument("--out", required=True, help="the .docx file to write")
    d.add_argument("--crisis", type=int, help="the crisis's number (default: the brand's latest)")
    d.add_argument("--lang", choices=["fr", "en"], help="the document's language (default: the interface's)")
    d.add_argument("--json", action="store_true", help='print {"brand", "crisis_id", "events", "out"}')
    d.set_defaults(func=cmd_debrief)
    f = csub.add_parser("file", help="the crisis file prepared in calm times, as TOML")
    fsub = f.add_subparsers(dest="crisis_file_command", metavar="ACTION", required=True)
    x = fsub.add_parser("export", help="write the brand's crisis file (TOML)")
    x.add_argument("brand", help="the brand's name or id")
    x.add_argument("file", help="the .toml file to write (- for standard output)")
    x.set_defaults(func=cmd_file_export)
    i = fsub.add_parser("import", help="replace the brand's crisis file with a TOML file, refused whole on any problem")
    i.add_argument("brand", help="the brand's name or id")
    i.add_argument("file", help="the .toml file to read (- for standard input)")
    i.add_argument("--by", help="who imports it (recorded with the file)")
    i.set_defaults(func=cmd_file_import)

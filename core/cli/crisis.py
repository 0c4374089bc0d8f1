"""``crisis start|end``: suspend a brand's posts when a bad buzz starts, give them back for
approval when it ends (docs/cli.md, docs/crisis.md)."""

from __future__ import annotations

from core import refdata
from core.cli.common import brand_arg, open_db, print_json, ui_lang
from core.crisis.playbook import window, window_hours
from core.crisis.suspension import end_crisis, start_crisis
from core.i18n import t


def cmd_start(args) -> int:
    lang = ui_lang(args)
    hours = window_hours(args.hours)  # before the database is opened: a bad window changes nothing
    with open_db().transaction() as session:
        brand = brand_arg(args.brand, session=session)
        started = start_crisis(brand.id, hours, session=session, by=args.by or "")
    if args.json:
        print_json(started.to_dict())
        return 0
    print(t("crisis.started", lang, id=started.crisis_id, brand=started.brand, count=len(started.suspended),
            until=started.until.strftime("%Y-%m-%d %H:%M")))
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
    for post in ended.left:
        print(t(f"crisis.left_{post['reason']}", lang, ref=post["ref"],
                status=refdata.label(refdata.POST_STATUSES, post["status"], lang)))
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
    s.add_argument("--by", help="who opens the crisis (written in its log)")
    s.add_argument("--json", action="store_true", help='print {"brand", "crisis_id", "suspended", "until"}')
    s.set_defaults(func=cmd_start)
    e = csub.add_parser("end", help="close the crisis: the suspended posts go back to « à valider »")
    e.add_argument("--brand", required=True, help="the brand's name or id")
    e.add_argument("--by", help="who closes the crisis (written in its log)")
    e.add_argument("--json", action="store_true", help="print what was resumed, left or is overdue")
    e.set_defaults(func=cmd_end)

"""``media plan``: which posts to sponsor in a period, within a budget (docs/cli.md, docs/media.md)."""

from __future__ import annotations

from core import refdata
from core.cli.common import brand_arg, day_arg, open_db, print_json, read_input, ui_lang
from core.i18n import t
from core.media.allocation import parse_split
from core.media.plan import media_plan, parse_budget, save_media_plan, warning_dict
from core.media.costs import read_costs, save_costs
from core.media.rules import currency_of, money


def cmd_plan(args) -> int:
    lang = ui_lang(args)
    start, end = day_arg(args.date_from, "--from"), day_arg(args.date_to, "--to")
    split = parse_split(args.split) if args.split else None
    budget = parse_budget(args.budget)  # before the database is opened: a bad argument changes nothing
    db = open_db()
    with db.transaction() as session:
        brand = brand_arg(args.brand, session=session)
        plan = media_plan(brand.id, budget, start, end, session=session, currency=args.currency,
                          split=split, lang=lang)
        saved = save_media_plan(plan, brand.id, session=session) if args.save else None
    if args.json:
        print_json(plan.to_dict(lang))
        return 0
    cur = plan.currency
    spent = sum(line.amount for line in plan.allocation.lines)
    print(t("media.cli_summary", lang, brand=plan.brand, start=start.strftime("%d/%m/%Y"),
            end=end.strftime("%d/%m/%Y"), spent=money(spent, cur, lang), budget=money(plan.budget, cur, lang),
            unallocated=money(plan.allocation.unallocated, cur, lang), lines=len(plan.allocation.lines)))
    for row, line in zip(plan.to_dict(lang)["lines"], plan.allocation.lines):
        aud = row["audience"]
        who = f"{aud['persona'] or '-'}, {aud['age_min']}-{aud['age_max']}, {', '.join(aud['places'])}"
        print(t("media.cli_line", lang, ref=row["ref"], network=refdata.label(refdata.NETWORKS, row["network"], lang),
                amount=money(line.amount, cur, lang), daily=money(line.daily, cur, lang),
                start=line.candidate.start.strftime("%d/%m/%Y"), end=line.end.strftime("%d/%m/%Y"),
                audience=who, reason=row["reason"]))
    for warning in plan.warnings + plan.allocation.warnings:
        print("! " + warning_dict(warning, lang, cur)["message"])
    if saved is not None:
        print(t("media.cli_saved", lang, count=saved))
    return 0


def cmd_costs(args) -> int:
    lang = ui_lang(args)
    data = read_input(args.file)
    with open_db().transaction() as session:
        brand = brand_arg(args.brand, session=session)
        totals = read_costs(data, args.file, brand_currency=currency_of(brand.country))
        saved = save_costs(brand.id, totals, args.file, session=session)
        rows = [{"network": c.network, "currency": c.currency, "spent": c.spent,
                 "cpm": round(c.spent / c.impressions * 1000, 2) if c.impressions else None,
                 "cpc": round(c.spent / c.clicks, 2) if c.clicks else None,
                 "cpe": round(c.spent / c.engagements, 3) if c.engagements else None} for c in saved]
    if args.json:
        print_json({"brand": brand.name, "file": args.file, "networks": rows})
        return 0
    listed = ", ".join(f"{refdata.label(refdata.NETWORKS, r['network'], lang)} "
                       f"({money(r['spent'], r['currency'], lang)})" for r in rows) or "-"
    print(t("media.costs_saved", lang, name=args.file, networks=listed))
    return 0


def add(sub) -> None:
    p = sub.add_parser("media", help="media planning: which posts to sponsor, for whom, for how much")
    msub = p.add_subparsers(dest="media_command", metavar="ACTION", required=True)
    m = msub.add_parser("plan", help="propose paid lines for a period within a budget")
    m.add_argument("--brand", required=True, help="the brand's name or id")
    m.add_argument("--budget", required=True, help="the media budget of the period, in the brand's currency")
    m.add_argument("--from", dest="date_from", required=True, help="first day, YYYY-MM-DD")
    m.add_argument("--to", dest="date_to", required=True, help="last day, YYYY-MM-DD")
    m.add_argument("--currency", help="the budget's currency; refused unless it is the brand's (EUR, CHF, CAD, GBP, USD)")
    m.add_argument("--split", help="proven/growing/test shares in percent, adding up to 100 (default 70/20/10)")
    m.add_argument("--save", action="store_true", help="store the lines for the client's approval (replaces undecided ones)")
    m.add_argument("--json", action="store_true",
                   help='print {"brand", "budget", "currency", "lines", "unallocated", "warnings"}')
    m.set_defaults(func=cmd_plan)
    c = msub.add_parser("costs", help="the brand's own costs, from its ads manager's export")
    csub = c.add_subparsers(dest="costs_command", metavar="ACTION", required=True)
    ci = csub.add_parser("import", help="read a Meta Ads Manager or LinkedIn Campaign Manager CSV export")
    ci.add_argument("file", help="the exported CSV file (- for standard input)")
    ci.add_argument("--brand", required=True, help="the brand's name or id")
    ci.add_argument("--json", action="store_true", help='print {"brand", "file", "networks": [...]}')
    ci.set_defaults(func=cmd_costs)

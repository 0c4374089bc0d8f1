"""``plan``: a seasonal calendar for a brief, written to the database or printed as JSON."""

from __future__ import annotations

import sys

from core.brands import save_brief
from core.cli.common import day_arg, open_db, print_json, read_brief, report, ui_lang
from core.i18n import t
from core.planning.planner import MAX_MONTHS, PlanError, plan_brand, plan_brief, public_post


def cmd_plan(args) -> int:
    lang = ui_lang(args)
    start = day_arg(args.start, "--start")
    _, data, problems = read_brief(args.file)
    if problems:
        report(problems, args.file, lang)
        return 1
    options = {"ui_lang": lang}
    try:
        if args.json:
            result = plan_brief(data, start, args.months, seed=args.seed, score=not args.no_score,
                                options=options)
            print_json({"brand": data["brand"]["name"], "start": start.isoformat(), "months": args.months,
                        "posts": [public_post(p) for p in result.posts], "warnings": result.warnings})
        else:
            with open_db().transaction() as session:
                brand = save_brief(data, session=session)
                result = plan_brand(brand.id, start, args.months, session=session, seed=args.seed,
                                    score=not args.no_score, options=options)
                name = brand.name
            for warning in result.warnings:
                print(f"! {warning}", file=sys.stderr)
            print(t("plan.cli_done", lang, count=len(result.posts), name=name), file=sys.stderr)
    except PlanError as exc:
        print(t("cli.error", lang, message=exc), file=sys.stderr)
        return 1
    return 0


def add(sub) -> None:
    p = sub.add_parser("plan", help="plan a seasonal calendar for a brief (docs/cli.md)")
    p.add_argument("file", help="brief TOML file (docs/brief-format.md), with its optional [plan] section")
    p.add_argument("--start", required=True, help="first day, YYYY-MM-DD")
    p.add_argument("--months", required=True, type=int, help=f"number of months, 1 to {MAX_MONTHS}")
    p.add_argument("--seed", type=int, default=0, help="random seed (same seed, same plan)")
    p.add_argument("--json", action="store_true", help="print the plan as JSON instead of writing it")
    p.add_argument("--no-score", action="store_true", help="skip scoring the drafts")
    p.set_defaults(func=cmd_plan)

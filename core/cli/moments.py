"""``moments``: the moments of a year for a country and a sector (docs/cli.md)."""

from __future__ import annotations

import sys

from core import refdata
from core.cli.common import CliError, print_json, ui_lang
from core.i18n import t
from core.planning.moments import year_moments

# the years the property tests resolve every rule for
FIRST_YEAR, LAST_YEAR = 2000, 2100


def add(subparsers) -> None:
    p = subparsers.add_parser("moments", help="the moments of a year for a country and a sector")
    p.add_argument("--country", required=True, help="FR, BE, CH, CA (Quebec), LU, GB or US")
    p.add_argument("--year", required=True, help=f"{FIRST_YEAR} to {LAST_YEAR}")
    p.add_argument("--sector", help="a sector of data/sectors.toml (default: none, every general moment)")
    p.add_argument("--lang", choices=("fr", "en"), help="language of the names (default: the --ui language)")
    p.add_argument("--json", action="store_true", help="print JSON (docs/cli.md)")
    p.set_defaults(func=cmd_moments)


def _checked(args) -> tuple[str, int, str | None]:
    country = (args.country or "").strip().upper()
    if country not in refdata.COUNTRIES:
        raise CliError("moments.bad_country", country=args.country, valid=", ".join(refdata.COUNTRIES))
    try:
        year = int(str(args.year).strip())
    except ValueError:
        year = None
    if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
        raise CliError("moments.bad_year", year=args.year, low=FIRST_YEAR, high=LAST_YEAR)
    sector = args.sector.strip() if args.sector else None
    if sector is not None and sector not in refdata.SECTORS:
        raise CliError("moments.bad_sector", sector=args.sector, valid=", ".join(refdata.SECTORS))
    return country, year, sector


def cmd_moments(args) -> int:
    ui = ui_lang(args)
    lang = args.lang or (ui if ui in ("fr", "en") else "fr")
    country, year, sector = _checked(args)
    found = year_moments(country, year, sector=sector)
    rows = [{"key": m.key, "name": m.label(lang), "start": m.start.isoformat(), "end": m.end.isoformat(),
             "kind": m.kind, "tags": list(m.tags), "lead_weeks": m.lead_weeks, "source": m.source} for m in found]
    if args.json:
        print_json({"country": country, "year": year, "moments": rows})
        return 0
    for r in rows:
        span = r["start"] if r["end"] == r["start"] else f"{r['start']}..{r['end']}"
        print(f"{span}\t{r['kind']}\t{r['key']}\t{r['name']}")
    print(t("moments.count", ui, count=len(rows), country=country, year=year), file=sys.stderr)
    return 0

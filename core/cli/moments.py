"""``moments``: the moments of a year for a country and a sector, or for a brand (docs/cli.md)."""

from __future__ import annotations

import sys

from core import refdata
from core.cli.common import CliError, brand_arg, open_db, print_json, ui_lang
from core.i18n import t
from core.planning import moment_prefs
from core.planning.moments import year_moments

# the years the property tests resolve every rule for
FIRST_YEAR, LAST_YEAR = 2000, 2100


def add(subparsers) -> None:
    p = subparsers.add_parser("moments", help="the moments of a year for a country and a sector, or a brand")
    p.add_argument("--country", help="FR, BE, CH, CA (Quebec), LU, GB or US (default: the --brand's country)")
    p.add_argument("--year", required=True, help=f"{FIRST_YEAR} to {LAST_YEAR}")
    p.add_argument("--sector", help="a sector of data/sectors.toml (default: the --brand's, else none)")
    p.add_argument("--brand", help="a brand (name or id): its followed and skipped moments and its own")
    p.add_argument("--lang", choices=("fr", "en"), help="language of the names (default: the --ui language)")
    p.add_argument("--json", action="store_true", help="print JSON (docs/cli.md)")
    p.set_defaults(func=cmd_moments)


def _brand_brief(name: str) -> tuple[dict, str, str]:
    """The brand's moment preferences as brief sections, with its country and sector."""
    db = open_db()
    with db.transaction() as session:
        brand = brand_arg(name, session=session)
        return moment_prefs.stored_preferences(brand) | {"brand": {"sector": brand.sector}}, brand.country, brand.sector


def _checked(args) -> tuple[str, int, str | None, dict | None]:
    brief, brand_country, brand_sector = None, None, None
    if args.brand:
        brief, brand_country, brand_sector = _brand_brief(args.brand)
    if not args.country and brand_country is None:
        raise CliError("moments.no_country", valid=", ".join(refdata.COUNTRIES))
    country = (args.country or brand_country or "").strip().upper()
    if country not in refdata.COUNTRIES:
        raise CliError("moments.bad_country", country=args.country or brand_country, valid=", ".join(refdata.COUNTRIES))
    try:
        year = int(str(args.year).strip())
    except ValueError:
        year = None
    if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
        raise CliError("moments.bad_year", year=args.year, low=FIRST_YEAR, high=LAST_YEAR)
    sector = args.sector.strip() if args.sector else (brand_sector or None)
    if sector is not None and sector not in refdata.SECTORS:
        raise CliError("moments.bad_sector", sector=args.sector, valid=", ".join(refdata.SECTORS))
    return country, year, sector, brief


def cmd_moments(args) -> int:
    ui = ui_lang(args)
    lang = args.lang or (ui if ui in ("fr", "en") else "fr")
    country, year, sector, brief = _checked(args)
    found = year_moments(country, year, sector=sector) if brief is None else \
        moment_prefs.year_moments(country, year, brief, sector=sector)
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

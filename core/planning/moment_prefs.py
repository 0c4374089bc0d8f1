"""A brand's own say on its calendar: the moments it follows or skips, its own moments
(anniversary, launches, trade fairs, open days), its quiet periods and public holidays.

They are the brief's ``[moments]`` section and ``[[brand_moments]]`` items (``docs/moments.md``),
stored as ``Brand.moment_settings`` and ``Brand.brand_moments``. ``check`` gives the brief's
validation its problems; ``apply`` turns the year's moments into the brand's; ``quiet_days``
says which days get no post. The sector's defaults (a B2B brand slows down in August and
posts on no public holiday) are in ``data/quiet_periods.toml``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache

from core import families, refdata
from core.i18n import MessageError

QUIET_FILE = "quiet_periods.toml"
KINDS = ("anniversaire", "lancement", "salon", "webinaire", "portes_ouvertes", "soldes_privees", "autre")
PUBLIC_HOLIDAYS = ("post", "quiet", "sector")
SETTINGS_DEFAULTS = {"follow": [], "skip": [], "quiet": None, "public_holidays": "sector"}
BRAND_MOMENT_DEFAULTS = {"name": "", "start": "", "end": "", "kind": "autre", "lead_weeks": 2}
MAX_LEAD_WEEKS = 26
MAX_ITEMS = 200
MAX_NAME = 80
MAX_SPAN_DAYS = 120  # a brand's moment is an event, not a season
PERIOD_RE = re.compile(r"^(\d{2})-(\d{2})/(\d{2})-(\d{2})$")
DAY_RE = re.compile(r"^(?:(\d{4})-)?(\d{2})-(\d{2})$")
BRAND_KIND = "marque"
# a brand moment of these kinds sells: its posts promote, in an event or promotion format
SELLING_KINDS = ("lancement", "soldes_privees")


# -- checks ---------------------------------------------------------------------------

def _valid_day(month: int, day: int, year: int = 2024) -> bool:
    """Whether MM-DD exists (29 February does, in leap years; 2024 is one)."""
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def parse_day(text: str) -> tuple[int | None, int, int] | None:
    """``"03-14"`` → (None, 3, 14) (every year); ``"2027-03-14"`` → (2027, 3, 14) (once); None when wrong."""
    m = DAY_RE.match(text.strip()) if isinstance(text, str) else None
    if not m:
        return None
    year = int(m[1]) if m[1] else None
    month, day = int(m[2]), int(m[3])
    if year is not None and not 2000 <= year <= 2100:
        return None
    if not _valid_day(month, day, year or 2024):
        return None
    return year, month, day


def parse_period(text: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """``"08-01/08-22"`` → ((8, 1), (8, 22)); a period may run over the new year (``"12-24/01-02"``)."""
    m = PERIOD_RE.match(text.strip()) if isinstance(text, str) else None
    if not m:
        return None
    a, b = (int(m[1]), int(m[2])), (int(m[3]), int(m[4]))
    if not (_valid_day(*a) and _valid_day(*b)):
        return None
    return a, b


@lru_cache(maxsize=1)
def known_names() -> tuple[frozenset, frozenset]:
    """The moment keys (library and sector campaigns) and the tags (sectors and causes) a brief may name."""
    from core.planning.moments import SEASONALITY_FILE, moment_table

    keys = set(moment_table())
    for profile in refdata.entries(SEASONALITY_FILE).values():
        keys.update(c["key"] for c in profile.get("campaigns", []))
    tags = set(refdata.entries("moment_tags.toml")) | set(refdata.SECTORS)
    for spec in moment_table().values():
        tags.update(spec.get("tags", ()))
    return frozenset(keys), frozenset(tags)


def _bad_text(value) -> bool:
    return any(unicodedata.category(c) == "Cc" for c in value)


def check(brief: dict) -> list[tuple[str, str, dict]]:
    """The problems of ``[moments]`` and ``[[brand_moments]]`` as (path, message key, params)."""
    out: list[tuple[str, str, dict]] = []
    raw = brief.get("moments")
    if raw is not None and not isinstance(raw, dict):
        return [("moments", "brief.not_table", {})]
    for name in raw or {}:
        if name not in SETTINGS_DEFAULTS:
            out.append((f"moments.{name}", "brief.unknown_field",
                        {"field": name, "valid": ", ".join(sorted(SETTINGS_DEFAULTS))}))
    settings = {**SETTINGS_DEFAULTS, **(raw or {})}
    keys, tags = known_names()
    lists = {}
    for field_name in ("follow", "skip"):
        value = settings[field_name]
        if not isinstance(value, list):
            out.append((f"moments.{field_name}", "brief.not_list", {}))
            continue
        if len(value) > MAX_ITEMS:
            out.append((f"moments.{field_name}", "brief.too_many", {"limit": MAX_ITEMS}))
        lists[field_name] = set()
        for i, item in enumerate(value):
            path = f"moments.{field_name}[{i}]"
            if not isinstance(item, str):
                out.append((path, "brief.not_text", {}))
            elif item not in keys and item not in tags:
                out.append((path, "brief.unknown_moment", {"value": item[:80], "tags": ", ".join(sorted(tags))}))
            else:
                lists[field_name].add(item)
    for both in sorted(lists.get("follow", set()) & lists.get("skip", set())):
        out.append(("moments.skip", "brief.follow_and_skip", {"value": both}))
    quiet = settings["quiet"]
    if quiet is not None:
        if not isinstance(quiet, list):
            out.append(("moments.quiet", "brief.not_list", {}))
        else:
            if len(quiet) > MAX_ITEMS:
                out.append(("moments.quiet", "brief.too_many", {"limit": MAX_ITEMS}))
            for i, period in enumerate(quiet[:MAX_ITEMS]):
                if parse_period(period) is None:
                    out.append((f"moments.quiet[{i}]", "brief.bad_period", {"value": str(period)[:40]}))
    if settings["public_holidays"] not in PUBLIC_HOLIDAYS:
        out.append(("moments.public_holidays", "brief.invalid_choice",
                    {"value": settings["public_holidays"], "valid": ", ".join(PUBLIC_HOLIDAYS)}))

    items = brief.get("brand_moments")
    if items is None:
        return out
    if not isinstance(items, list):
        return out + [("brand_moments", "brief.not_list", {})]
    if len(items) > MAX_ITEMS:
        out.append(("brand_moments", "brief.too_many", {"limit": MAX_ITEMS}))
    seen: set[str] = set()
    for i, item in enumerate(items):
        path = f"brand_moments[{i + 1}]"
        if not isinstance(item, dict):
            out.append((path, "brief.not_table", {}))
            continue
        for name in item:
            if name not in BRAND_MOMENT_DEFAULTS:
                out.append((f"{path}.{name}", "brief.unknown_field",
                            {"field": name, "valid": ", ".join(sorted(BRAND_MOMENT_DEFAULTS))}))
        out += _check_brand_moment(path, {**BRAND_MOMENT_DEFAULTS, **item}, seen)
    return out


def _check_brand_moment(path: str, item: dict, seen: set) -> list[tuple[str, str, dict]]:
    out = []
    name = item["name"]
    if not isinstance(name, str) or not name.strip():
        out.append((f"{path}.name", "brief.required" if name in ("", None) else "brief.not_text", {}))
    elif len(name) > MAX_NAME:
        out.append((f"{path}.name", "brief.too_long", {"limit": MAX_NAME, "length": len(name)}))
    elif _bad_text(name):
        out.append((f"{path}.name", "brief.control_chars", {}))
    elif name.strip().lower() in seen:
        out.append((f"{path}.name", "brief.duplicate", {"value": name}))
    else:
        seen.add(name.strip().lower())
    start = parse_day(item["start"]) if item["start"] not in ("", None) else None
    if item["start"] in ("", None):
        out.append((f"{path}.start", "brief.required", {}))
    elif start is None:
        out.append((f"{path}.start", "brief.bad_moment_day", {"value": str(item["start"])[:40]}))
    end_text = item["end"]
    if end_text not in ("", None):
        end = parse_day(end_text)
        if end is None:
            out.append((f"{path}.end", "brief.bad_moment_day", {"value": str(end_text)[:40]}))
        elif start is not None:
            if (start[0] is None) != (end[0] is None):
                out.append((f"{path}.end", "brief.moment_day_forms", {"start": item["start"], "end": end_text}))
            elif start[0] is not None and date(*end) < date(*start):
                out.append((f"{path}.end", "brief.moment_end_before", {"start": item["start"], "end": end_text}))
            elif _span(start, end) > MAX_SPAN_DAYS:
                out.append((f"{path}.end", "brief.moment_too_long", {"limit": MAX_SPAN_DAYS}))
    if item["kind"] not in KINDS:
        out.append((f"{path}.kind", "brief.invalid_choice", {"value": item["kind"], "valid": ", ".join(KINDS)}))
    lead = item["lead_weeks"]
    if isinstance(lead, bool) or not isinstance(lead, int):
        out.append((f"{path}.lead_weeks", "brief.not_integer", {"value": lead}))
    elif not 0 <= lead <= MAX_LEAD_WEEKS:
        out.append((f"{path}.lead_weeks", "brief.out_of_range", {"value": lead, "low": 0, "high": MAX_LEAD_WEEKS}))
    return out


def _span(start: tuple, end: tuple) -> int:
    """Days from ``start`` to ``end`` inclusive; an every-year moment may run over the new year."""
    year = start[0] or 2023
    first = date(year, start[1], start[2])
    last = date(end[0] or year, end[1], end[2])
    if last < first:
        last = date(year + 1, end[1], end[2])
    return (last - first).days + 1


# -- the brand's moments ----------------------------------------------------------------

def settings_of(brief: dict) -> dict:
    """The brief's ``[moments]`` section with its defaults."""
    raw = brief.get("moments") if isinstance(brief.get("moments"), dict) else {}
    return {**SETTINGS_DEFAULTS, **raw}


def brand_moment_items(brief: dict) -> list[dict]:
    items = brief.get("brand_moments") if isinstance(brief.get("brand_moments"), list) else []
    return [{**BRAND_MOMENT_DEFAULTS, **i} for i in items if isinstance(i, dict)]


def slug(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "_", folded).strip("_")[:60] or "moment"


def brand_moments_between(brief: dict, start: date, end: date) -> list:
    """The brand's own moments whose first day falls in [start, end], as ``Moment``s of kind ``marque``."""
    from core.planning.moments import Moment

    out = []
    for item in brand_moment_items(brief):
        first = parse_day(item["start"])
        if first is None or not str(item["name"]).strip():
            continue
        last = parse_day(item["end"]) if item["end"] else None
        years = [first[0]] if first[0] is not None else range(start.year - 1, end.year + 1)
        for year in years:
            month, day = first[1], first[2]
            if (month, day) == (2, 29) and not _valid_day(2, 29, year):
                day = 28
            day_one = date(year, month, day)
            if not start <= day_one <= end:
                continue
            duration = _span((year, month, day), (last[0] or year, last[1], last[2])) if last else 1
            lead = item["lead_weeks"] if isinstance(item["lead_weeks"], int) else 2
            out.append(Moment(f"{BRAND_KIND}_{slug(item['name'])}", day_one, item["name"], item["name"], BRAND_KIND,
                              duration, lead, 3, "brief", (BRAND_KIND, item["kind"])))
    return out


def followed(moment, brief: dict) -> bool:
    """Whether the brief's ``follow`` names this moment (by key or tag)."""
    return _matches(moment, set(settings_of(brief)["follow"] or ()))


def _matches(moment, names: set) -> bool:
    return moment.key in names or any(tag in names for tag in moment.tags)


def _day_of(value) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def sales_starts(brief: dict, start: date, end: date) -> list[date]:
    """The first days of the brand's own selling seasons around [start, end]: a sales
    target's period (an objective's ``period_start``, else its KPI's words read by
    ``core.results.targets.parse_kpi`` as of ``start``), and the first month of each run of
    months a product is in season. A target over more than ``max_target_days`` (a year's
    sales) says no season."""
    from core.planning.lead_times import table
    from core.results.targets import parse_kpi

    spec = table()["sales_season"]
    out = set()
    for objective in brief.get("objectives") or []:
        if not isinstance(objective, dict):
            continue
        first, last = _day_of(objective.get("period_start")), _day_of(objective.get("period_end"))
        metric = objective.get("metric")
        if first is None:
            target = parse_kpi(str(objective.get("kpi") or ""), today=start)
            if target is None:
                continue
            first, last, metric = target.period_start, target.period_end, target.metric
        if metric == "sales" and first and last and (last - first).days <= int(spec["max_target_days"]):
            out.add(first)
    for offer in brief.get("offers") or []:
        if not isinstance(offer, dict) or (offer.get("kind") or "produit") != "produit":
            continue
        months = {m for m in offer.get("months") or [] if isinstance(m, int) and 1 <= m <= 12}
        for month in months if len(months) < 12 else ():
            if (month - 2) % 12 + 1 not in months:  # the first month of a run (October for Oct.-Feb.)
                out.update(date(year, month, 1) for year in range(start.year - 1, end.year + 2))
    return sorted(out)


def _in_season(found: list, brief: dict, start: date, end: date) -> list:
    """The sector's collection campaigns (``[sales_season]`` of ``data/lead_times.toml``)
    launched on the first day of the brand's selling season when that comes first, up to
    ``max_advance_days`` before: a summer collection whose sales target starts in March is
    launched on 1 March, not on 15 April; its last day stays."""
    from core.planning.lead_times import table

    spec = table()["sales_season"]
    movable = set(spec["campaigns"])
    if not any(m.key in movable for m in found):
        return found
    starts = sales_starts(brief, start, end)
    out = []
    for m in found:
        if m.key in movable:
            earlier = [d for d in starts if 0 < (m.start - d).days <= int(spec["max_advance_days"])]
            if earlier:
                m = replace(m, start=earlier[0], duration=(m.end - earlier[0]).days + 1)
        out.append(m)
    return out


def _word_pattern(words, plural: str = "") -> re.Pattern:
    """One pattern for a list of a data file's words, folded: a word ending in * matches the
    start of a word, any other the whole word (with ``plural``, e.g. ``[sx]?``, after it)."""
    from core.language.text import fold

    def part(word: str) -> str:
        if word.endswith("*"):
            return r"(?<!\w)" + re.escape(fold(word[:-1]))
        return r"(?<!\w)" + re.escape(fold(word)) + plural + r"(?!\w)"

    return re.compile("|".join(part(w) for w in words))


@lru_cache(maxsize=1)
def _needs() -> dict[str, re.Pattern]:
    """The moments about one product or practice and the words a brand must say to get them
    (``data/moment_needs.toml``), one pattern a moment."""
    return {key: _word_pattern(spec["words"], r"[sx]?") for key, spec in refdata.entries("moment_needs.toml").items()}


@lru_cache(maxsize=1)
def _need_sectors() -> dict[str, frozenset]:
    """The sectors that get a moment of ``data/moment_needs.toml`` whatever their texts say
    (``sectors``: a fashion shop has something to give on Mother's Day without saying « cadeau »)."""
    return {key: frozenset(spec.get("sectors") or ()) for key, spec in refdata.entries("moment_needs.toml").items()}


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    return []


def brand_text(brief: dict) -> str:
    """What the brand says of itself, folded: its name and sector description, promise,
    differentiators and hashtags, offers and rubrics. Personas are left out: their hobbies
    shape an angle, never the brand's subject."""
    from core.language.text import fold

    brand = brief.get("brand") or {}
    parts = [brand.get("name"), brand.get("sector_other"), brand.get("description"), brand.get("brand_hashtag"),
             *_strings(brief.get("message") or {}), *_strings(brief.get("offers") or []),
             *_strings([{k: v for k, v in r.items() if k != "items"} if isinstance(r, dict) else r
                        for r in brief.get("rubrics") or []])]  # an episode's subject is not the brand's subject
    return fold(" ".join(str(p) for p in parts if p))


@lru_cache(maxsize=1)
def _cause_words() -> dict[str, re.Pattern]:
    """The causes whose words make a cause day a brand's own (``words`` in ``data/moment_tags.toml``)."""
    return {tag: _word_pattern(spec["words"])
            for tag, spec in refdata.entries("moment_tags.toml").items() if isinstance(spec, dict) and spec.get("words")}


def _names_other_causes(tags, text: str) -> bool:
    """Whether a cause day is about causes with words (``data/moment_tags.toml``) of which the
    charity's texts say none: the day is another charity's."""
    rx = _cause_words()
    causes = [tag for tag in tags if tag in rx]
    return bool(causes) and not any(rx[tag].search(text) for tag in causes)


def names_a_cause(tags, text: str) -> bool:
    """Whether a brand's folded texts name one of a cause day's causes (« réfugiés » for
    ``refugies``): the day is then the brand's, as if its brief followed it."""
    rx = _cause_words()
    return any(tag in rx and rx[tag].search(text) for tag in tags)


def fits_products(key: str, text: str, sector: str | None = None) -> bool:
    """Whether a brand whose folded texts are ``text`` gets the moment ``key``: always, unless
    the moment is about one product or practice the texts never name (``_needs``), or is a gift
    day and the brand's sector sells no gift (``sectors``) and its texts name nothing one gives
    (a vegetable-box farm on Valentine's Day)."""
    rx = _needs().get(key)
    return rx is None or (sector or "") in _need_sectors()[key] or bool(rx.search(text))


def celebrates_practice(key: str) -> bool:
    """Whether a moment celebrates a product or practice (``data/moment_needs.toml``): a brand
    that gets it does that thing, so its post speaks of its offer, unlike a campaign's."""
    return key in _needs() and not _need_sectors()[key]


def apply(found: list, brief: dict, start: date, end: date) -> list:
    """The year's moments as the brand wants them: ``skip`` removes a moment (by key or tag;
    it wins over ``follow``), ``follow`` raises a moment the sector ignores or only shows to
    a post (weight 2), a moment about a product or practice the brand never names is left
    out unless followed (``fits_products``: no Chandeleur for a brewery), the sector's
    collection campaigns start with the brand's selling season (``_in_season``), and the
    brand's own moments are added (a campaign, weight 3)."""
    settings = settings_of(brief)
    follow, skip = set(settings["follow"] or ()), set(settings["skip"] or ())
    text = brand_text(brief)
    sector = calendar_sector(brief)
    out = []
    found = _in_season(found, brief, start, end)
    for m in found:
        if m.kind != "holiday" and not _matches(m, follow) and not fits_products(m.key, text, sector):
            continue
        if (sector == "association" and m.kind == "awareness" and not _matches(m, follow)
                and _names_other_causes(m.tags, text)):
            continue  # an animal shelter relays animal days, not the homeless' or poverty's
        if m.weight < 2 and m.kind == "awareness" and not _matches(m, skip) and names_a_cause(m.tags, text):
            m = replace(m, weight=2)  # a refugee charity's texts say « réfugiés »: World Refugee Day is its own
        if m.kind == "holiday" or not _matches(m, skip):
            out.append(replace(m, weight=2) if m.kind != "holiday" and m.weight < 2 and _matches(m, follow) else m)
    out += brand_moments_between(brief, start, end)
    return sorted(out, key=lambda m: (m.start, m.key))


def year_moments(country: str, year: int, brief: dict, *, sector: str | None = None) -> list:
    """``core.planning.moments.year_moments`` as a brand sees it: what it skips left out, what
    it follows kept, its own moments added."""
    from core.planning.moments import moments_for

    first, last = date(year, 1, 1), date(year, 12, 31)
    found = apply(moments_for(country, first, last, sector=sector), brief, first, last)
    return [m for m in found if m.weight >= 1 or m.kind == "holiday"]


# -- quiet days -----------------------------------------------------------------------

def sector_quiet(sector: str | None) -> dict:
    """The sector's quiet periods and public-holiday choice (``data/quiet_periods.toml``)."""
    table = refdata.entries(QUIET_FILE)
    return table.get(sector or "") or table["default"]


def calendar_sector(brief: dict) -> str:
    """The sector whose quiet periods and publishing days a brand keeps: its own, or
    ``b2b_saas`` for a brand of no known sector (``autre``, empty or free text) that speaks
    to businesses: LinkedIn its only social network, or a KPI counted in leads (the
    ``b2b_signals`` of ``[autre]`` in ``data/sectors.toml``). A brief's own
    ``publishing_days``, ``quiet`` and ``public_holidays`` still win. Any other brand of no
    known sector keeps the calendar of the listed sector its description's family names
    (``by_family``: a florist's is e-commerce's)."""
    brand = brief.get("brand") or {}
    sector = brand.get("sector") or "autre"
    if sector in refdata.SECTORS and sector != "autre":
        return sector
    signals = refdata.SECTORS["autre"].get("b2b_signals", {})
    networks = {c.get("network") for c in brief.get("channels") or [] if isinstance(c, dict)} - {None, ""}
    social = networks - set(signals.get("neutral_networks", ()))
    if social and social <= set(signals.get("networks", ())):
        return signals.get("sector", "b2b_saas")
    words = [str(w).lower() for w in signals.get("kpi_words", ())]
    for objective in brief.get("objectives") or []:
        text = str((objective or {}).get("kpi") or "").lower() if isinstance(objective, dict) else ""
        if any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text) for w in words):
            return signals.get("sector", "b2b_saas")
    family = families.family_of(sector, brand.get("sector_other") or "")
    return refdata.SECTORS["autre"].get("by_family", {}).get(family or "", sector)


def quiet_periods(brief: dict) -> list[str]:
    settings = settings_of(brief)
    if settings["quiet"] is not None:
        return list(settings["quiet"])
    return list(sector_quiet(calendar_sector(brief)).get("quiet", []))


def holidays_quiet(brief: dict) -> bool:
    choice = settings_of(brief)["public_holidays"]
    if choice == "sector":
        choice = sector_quiet(calendar_sector(brief)).get("public_holidays", "post")
    return choice == "quiet"


def quiet_days(brief: dict, start: date, end: date, holidays=()) -> set[date]:
    """Every day of [start, end) with no post: the quiet periods, and the public holidays
    (``holidays``: their dates) when the brand or its sector keeps them quiet."""
    days: set[date] = set()
    for text in quiet_periods(brief):
        period = parse_period(text)
        if period is None:
            continue
        (m1, d1), (m2, d2) = period
        for year in range(start.year - 1, end.year + 1):
            first = date(year, m1, min(d1, 28) if (m1, d1) == (2, 29) and not _valid_day(2, 29, year) else d1)
            end_year = year if (m2, d2) >= (m1, d1) else year + 1
            last = date(end_year, m2, min(d2, 28) if (m2, d2) == (2, 29) and not _valid_day(2, 29, end_year) else d2)
            day = max(first, start)
            while day <= last and day < end:
                days.add(day)
                day += timedelta(days=1)
    if holidays_quiet(brief):
        days.update(d for d in holidays if start <= d < end)
    return days


# -- storage --------------------------------------------------------------------------

class MomentChoiceError(MessageError):
    """A follow/skip choice refused, with the message key of its first problem."""


def save_moment_choice(brand_id: int, key: str, follow: bool | None, *, session) -> dict:
    """Tick or untick one moment on the Editorial line screen: ``follow=True`` adds ``key``
    to the brand's ``follow`` list, ``False`` to its ``skip`` list, ``None`` back to the
    sector's choice. Returns the brand's ``[moments]`` section as stored; a key that is not
    a moment is refused (``MomentChoiceError``) and nothing is written."""
    from core.models import Brand, utcnow

    brand = session.get(Brand, brand_id)
    if brand is None:
        raise MomentChoiceError("plan.no_brand", brand=brand_id)
    settings = {**SETTINGS_DEFAULTS, **dict(brand.moment_settings or {})}
    follow_list = [k for k in settings["follow"] if k != key]
    skip_list = [k for k in settings["skip"] if k != key]
    if follow is True:
        follow_list.append(key)
    elif follow is False:
        skip_list.append(key)
    settings.update(follow=follow_list, skip=skip_list)
    problems = check({"moments": settings})
    if problems:
        path, message_key, params = problems[0]
        raise MomentChoiceError(message_key, **params)
    brand.moment_settings = {k: v for k, v in settings.items() if v is not None}
    brand.updated_at = utcnow()
    session.add(brand)
    session.flush()
    return dict(brand.moment_settings)


def save_preferences(brand_id: int, brief: dict, *, session) -> dict:
    """Validate and store a brief's ``[moments]`` and ``[[brand_moments]]`` with the brand
    (``MomentChoiceError`` with the first problem, nothing written, when they are wrong)."""
    from core.models import Brand, utcnow

    brand = session.get(Brand, brand_id)
    if brand is None:
        raise MomentChoiceError("plan.no_brand", brand=brand_id)
    problems = check(brief)
    if problems:
        path, message_key, params = problems[0]
        raise MomentChoiceError(message_key, **params)
    brand.moment_settings = {k: v for k, v in settings_of(brief).items() if v is not None}
    brand.brand_moments = brand_moment_items(brief)
    brand.updated_at = utcnow()
    session.add(brand)
    session.flush()
    return stored_preferences(brand)


def stored_preferences(brand) -> dict:
    """The ``[moments]`` section and ``[[brand_moments]]`` stored with a brand, as brief sections."""
    return {"moments": {**SETTINGS_DEFAULTS, **dict(getattr(brand, "moment_settings", None) or {})},
            "brand_moments": [dict(i) for i in getattr(brand, "brand_moments", None) or []]}

"""Exports for the team's tools: ICS calendars, a generic CSV, Hootsuite's bulk CSV; CSV import.

- ICS: one event per post, UID ``<ref>@calame`` and SEQUENCE = the post's version, so that a
  calendar re-imported after a change updates its events instead of duplicating them.
- Generic CSV: UTF-8 with a BOM (Excel detects the encoding) and ``,`` or ``;`` (French
  Excel) as separator; the same columns are read back by ``preview_csv`` / ``import_csv``,
  which save only the rows that differ from the database: an export re-imported unchanged
  changes nothing.
- Hootsuite bulk composer: three columns (date and time, message, link), no header;
  rows that break Hootsuite's rules are left out and reported, never sent to fail there.

Both CSVs neutralise a cell that a spreadsheet would run as a formula (OWASP, "CSV
Injection": a cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
gets a leading ``'``); the generic CSV's import takes that quote off again.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from core import labels, networks, refdata
from core.client.calendar import clean
from core.i18n import t
from core.language.text import InputError, decode_bytes, read_csv
from core.models import Brand, Persona, Pillar, Post

CSV_COLUMNS = ("ref", "date", "time", "network", "format", "pillar", "persona", "objective",
               "status", "text", "hashtags", "visual_brief", "link", "event", "version")
REQUIRED = ("date", "time", "network")
MAX_CSV_BYTES = 10_000_000
MAX_TEXT = 20_000
YEARS = (2000, 2099)  # a publishing date outside these years is a typing mistake
# OWASP, "CSV Injection" (owasp.org/www-community/attacks/CSV_Injection): a cell beginning
# with one of these is run as a formula by Excel, LibreOffice and Google Sheets. A cell that
# already begins with quotes before one gets one more, so that the import can undo it.
FORMULA_START = re.compile(r"'*[=+\-@\t\r]")

# Hootsuite's bulk composer rules. Source: Hootsuite Help Center, "Bulk schedule posts"
# (CSV of date/time, message, optional URL; at most 350 posts a file; times in 5-minute
# steps; at least 10 minutes in the future; no duplicate messages). Text limits and the way
# each network counts (X weighs URLs and emoji) come from data/network_rules.toml through
# core.networks, with their sources.
HOOTSUITE_MAX_POSTS = 350
HOOTSUITE_MIN_AHEAD = timedelta(minutes=10)
HOOTSUITE_NETWORKS = ("facebook", "instagram", "linkedin", "x", "pinterest", "tiktok", "youtube", "threads")
HOOTSUITE_DATE = "%d/%m/%Y %H:%M"  # "Day/Month/Year" chosen in Hootsuite's upload dialog


def base_url() -> str:
    return os.environ.get("CALAME_BASE_URL", "http://localhost:8501").rstrip("/")


def _local(post: dict, tz: ZoneInfo) -> datetime:
    when = post["publish_at"]
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.astimezone(tz)


def _hashtags(tags) -> str:
    return " ".join(h if h.startswith("#") else f"#{h}" for h in tags or [] if h)


def neutralise(cell) -> str:
    """``cell`` as a spreadsheet shows it as text, never runs it: a leading ``'`` (OWASP)."""
    cell = "" if cell is None else str(cell)
    return "'" + cell if FORMULA_START.match(cell) else cell


def unneutralise(cell: str) -> str:
    """The value ``neutralise`` wrote ``cell`` for."""
    return cell[1:] if cell.startswith("'") and FORMULA_START.match(cell[1:]) else cell


# ---------------------------------------------------------------- ICS

def to_ics(calendar, *, lang: str = "fr", duration_minutes: int = 30) -> bytes:
    """An iCalendar file of ``calendar`` (a ``core.client.docx_export.Calendar``)."""
    from icalendar import Calendar as ICal
    from icalendar import Event

    tz = calendar.tz
    brand = calendar.brief["brand"]["name"]
    cal = ICal()
    cal.add("prodid", "-//Calame//Calendrier editorial//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", t("ics.calendar_name", lang, brand=brand))
    cal.add("x-wr-timezone", str(tz))
    now = datetime.now(timezone.utc)
    for post in calendar.posts:
        start = _local(post, tz)
        network = refdata.label(refdata.NETWORKS, post["network"], lang)
        text = clean(post["text"])
        title = (text.split("\n", 1)[0][:60] or post.get("format") or post["ref"]).strip()
        url = f"{base_url()}/redaction?ref={post['ref']}"
        event = Event()
        event.add("uid", f"{post['ref']}@calame")
        event.add("sequence", int(post.get("version") or 1))
        event.add("dtstamp", now)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=duration_minutes))
        event.add("summary", t("ics.summary", lang, network=network, ref=post["ref"], title=title))
        parts = [text, _hashtags(post.get("hashtags")), post.get("link", ""),
                 t("ics.open_in_calame", lang, url=url)]
        event.add("description", "\n\n".join(p for p in parts if p))
        event.add("url", url)
        event.add("categories", [network])
        event.add("status", "CONFIRMED" if post.get("status") in ("valide", "programme", "publie")
                  else "TENTATIVE")
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


# ---------------------------------------------------------------- generic CSV

def _check_sep(sep: str, lang: str) -> str:
    if sep not in (",", ";"):
        raise ValueError(t("csv.bad_separator", lang, value=sep))
    return sep


def to_csv(calendar, *, sep: str = ",", lang: str = "fr") -> bytes:
    """The plan as CSV, UTF-8 with BOM; ``sep=';'`` for French Excel. Networks, formats,
    objectives and statuses are written as labels in ``lang`` (the file is read by people);
    ``import_csv`` reads labels of either language as well as codes."""
    _check_sep(sep, lang)
    tz = calendar.tz
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for post in calendar.posts:
        when = _local(post, tz)
        writer.writerow([neutralise(cell) for cell in (
            post["ref"], when.date().isoformat(), when.strftime("%H:%M"), labels.network(post["network"], lang),
            labels.fmt(post.get("format", ""), lang), post.get("pillar", ""), post.get("persona", ""),
            labels.objective(post.get("objective", ""), lang), labels.status(post.get("status", ""), lang),
            clean(post["text"]),
            _hashtags(post.get("hashtags")), clean(post.get("visual_brief", "")),
            post.get("link", ""), post.get("event", ""), post.get("version", ""),
        )])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# ---------------------------------------------------------------- Hootsuite

@dataclass
class HootsuiteExport:
    data: bytes
    count: int
    problems: list[tuple[str, str]]  # (ref, message)


def to_hootsuite(calendar, *, now: datetime | None = None, lang: str = "fr") -> HootsuiteExport:
    tz = calendar.tz
    now = now or datetime.now(timezone.utc)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    problems: list[tuple[str, str]] = []
    seen: dict[str, str] = {}
    count = 0
    for post in calendar.posts:
        ref, network = post["ref"], post["network"]
        label = refdata.label(refdata.NETWORKS, network, lang)
        when = _local(post, tz)
        message = clean(post["text"]).strip()
        tags = _hashtags(post.get("hashtags"))
        if tags and tags not in message:
            message = f"{message}\n\n{tags}" if message else tags
        rules = networks.rules(network) if network in HOOTSUITE_NETWORKS else None
        limit = rules.max_length if rules else None
        length = networks.length(message, rules) if rules else len(message)
        if rules is None:
            problems.append((ref, t("hootsuite.not_supported", lang, network=label)))
        elif when < now + HOOTSUITE_MIN_AHEAD:
            problems.append((ref, t("hootsuite.past", lang, minutes=10)))
        elif when.minute % 5 or when.second:
            problems.append((ref, t("hootsuite.step", lang, time=when.strftime("%H:%M"))))
        elif not message:
            problems.append((ref, t("hootsuite.empty", lang)))
        elif limit and length > limit:
            problems.append((ref, t("hootsuite.too_long", lang, length=length, limit=limit,
                                    network=label)))
        elif message in seen:
            problems.append((ref, t("hootsuite.duplicate", lang, other=seen[message])))
        elif count >= HOOTSUITE_MAX_POSTS:
            problems.append((ref, t("hootsuite.too_many", lang, limit=HOOTSUITE_MAX_POSTS)))
        else:
            seen[message] = ref
            writer.writerow([when.strftime(HOOTSUITE_DATE), neutralise(message), neutralise(post.get("link", ""))])
            count += 1
    return HootsuiteExport(data=out.getvalue().encode("utf-8"), count=count, problems=problems)


# ---------------------------------------------------------------- CSV import

@dataclass
class CsvRow:
    line: int
    ref: str
    action: str  # "create", "update", "unchanged", "error"
    fields: dict = field(default_factory=dict)  # to create, or the changes of an update
    errors: list[str] = field(default_factory=list)
    version: int | None = None


# The post field each CSV column fills (date and time together fill publish_at).
COLUMN_OF = {"publish_at": "date", "network": "network", "status": "status", "text": "text",
             "format": "format", "objective": "objective", "visual_brief": "visual_brief", "link": "link",
             "event": "event", "hashtags": "hashtags", "pillar_id": "pillar", "persona_id": "persona"}


def _read(data: bytes, lang: str) -> list[list[str]]:
    """The rows of an uploaded CSV (``core.language.text`` decodes it and finds its
    separator), its errors in this module's words."""
    if len(data) > MAX_CSV_BYTES:
        raise ValueError(t("csv.too_large", lang, size=len(data) // 1_000_000, limit=MAX_CSV_BYTES // 1_000_000))
    try:
        text = decode_bytes(data)
    except InputError as exc:
        raise ValueError(t("csv.not_utf8", lang)) from exc
    if not text.strip():
        raise ValueError(t("csv.empty", lang))
    try:
        return read_csv(text)
    except InputError as exc:
        key = "csv.cell_too_large" if exc.key == "text.csv_cell_too_large" else "csv.malformed"
        raise ValueError(t(key, lang, **exc.params)) from exc


def _minute(when: datetime | None, tz: ZoneInfo) -> datetime | None:
    return when.astimezone(tz).replace(second=0, microsecond=0) if when is not None else None


def _tags(tags) -> list[str]:
    return _hashtags(tags).split()


def _current(post: Post, name: str, tz: ZoneInfo):
    """The value of ``post``'s field ``name`` as the CSV export writes it."""
    value = getattr(post, name)
    if name == "publish_at":
        return _minute(value, tz)
    if name == "hashtags":
        return _tags(value)
    if name == "event":
        return clean(value).strip()[:60]
    if isinstance(value, str):
        return clean(value).strip()
    return value


def _changes(post: Post, fields: dict, columns: set[str], tz: ZoneInfo) -> dict:
    """The fields of a row that differ from ``post``, among the columns the file has."""
    return {name: value for name, value in fields.items()
            if COLUMN_OF[name] in columns and _current(post, name, tz) != (
                _tags(value) if name == "hashtags" else value)}


def _slot(when: datetime | None, network: str, text: str, tz: ZoneInfo) -> tuple:
    """What identifies a post written without a reference: its minute, network and text."""
    return (_minute(when, tz), network, clean(text).strip())


def preview_csv(data: bytes, brand_id: int, *, session: Session, lang: str = "fr") -> list[CsvRow]:
    """Every row of a generic CSV, checked: what it would create or update, or its errors.

    A row with a reference updates that post with the cells that differ (none: unchanged).
    A row without one creates a post, unless a post of the brand has its date, time,
    network and text: then it is that post (an earlier import of the same file).
    """
    header, *records = _read(data, lang)
    columns = [c.strip().lower() for c in header]
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise ValueError(t("csv.missing_columns", lang, columns=", ".join(missing),
                           known=", ".join(CSV_COLUMNS)))
    present = set(columns)
    brand = session.get(Brand, brand_id)
    tz = ZoneInfo(brand.timezone or "Europe/Paris")
    pillars = {p.name.strip().lower(): p.id for p in session.exec(select(Pillar).where(Pillar.brand_id == brand_id))}
    personas = {p.name.strip().lower(): p.id for p in session.exec(select(Persona).where(Persona.brand_id == brand_id))}
    existing = {p.ref: p for p in session.exec(select(Post).where(Post.brand_id == brand_id))}
    slots: dict[tuple, Post] = {}
    for post in existing.values():
        slots.setdefault(_slot(post.publish_at, post.network, post.text, tz), post)
    rows: list[CsvRow] = []
    refs_seen: set[str] = set()
    new_slots: dict[tuple, int] = {}
    for line, record in enumerate(records, start=2):
        rec = {k: unneutralise(clean(v).strip()).strip() for k, v in zip(columns, record) if k}
        ref = rec.get("ref", "")
        row = CsvRow(line=line, ref=ref, action="create")
        try:
            day = date.fromisoformat(rec.get("date", ""))
            hour = time.fromisoformat(rec.get("time", "") or "00:00")
            row.fields["publish_at"] = datetime.combine(day, hour, tzinfo=tz)
            if not YEARS[0] <= day.year <= YEARS[1]:
                row.errors.append(t("csv.row_bad_year", lang, value=rec.get("date", ""), first=YEARS[0],
                                    last=YEARS[1]))
        except ValueError:
            row.errors.append(t("csv.row_bad_date", lang, value=f"{rec.get('date', '')} {rec.get('time', '')}".strip()))
        network = labels.code_of("network", rec.get("network", "")) or rec.get("network", "").lower()
        if network not in refdata.NETWORKS:
            row.errors.append(t("csv.row_bad_network", lang, value=network, valid=", ".join(refdata.NETWORKS)))
        row.fields["network"] = network
        status = labels.code_of("status", rec.get("status", "")) or rec.get("status", "") or "brouillon"
        if status not in refdata.POST_STATUSES:
            row.errors.append(t("csv.row_bad_status", lang, value=status, valid=", ".join(refdata.POST_STATUSES)))
        row.fields["status"] = status
        text_value = rec.get("text", "")
        if len(text_value) > MAX_TEXT:
            row.errors.append(t("csv.row_text_too_long", lang, length=len(text_value), limit=MAX_TEXT))
        row.fields.update({
            "text": text_value,
            "format": labels.code_of("format", rec.get("format", "")) or rec.get("format", ""),
            "objective": labels.code_of("objective", rec.get("objective", "")) or rec.get("objective", ""),
            "visual_brief": rec.get("visual_brief", ""), "link": rec.get("link", ""),
            "event": rec.get("event", "")[:60],
            "hashtags": [h for h in rec.get("hashtags", "").replace(",", " ").split() if h],
            "pillar_id": pillars.get(rec.get("pillar", "").lower()),
            "persona_id": personas.get(rec.get("persona", "").lower()),
        })
        version = rec.get("version", "")
        if version and not re.fullmatch(r"[0-9]{1,9}", version):
            row.errors.append(t("csv.row_bad_version", lang, value=version))
            version = ""
        post = None
        if ref:
            if ref in refs_seen:
                row.errors.append(t("csv.row_duplicate_ref", lang, value=ref))
            refs_seen.add(ref)
            post = existing.get(ref)
            if post is None:
                row.errors.append(t("csv.row_unknown_ref", lang, value=ref))
            elif version and int(version) != post.version:
                row.errors.append(t("csv.row_conflict", lang, ref=ref, expected=version, current=post.version))
        elif "publish_at" in row.fields:
            slot = _slot(row.fields["publish_at"], network, text_value, tz)
            post = slots.get(slot)
            if slot in new_slots:
                row.errors.append(t("csv.row_duplicate_row", lang, line=new_slots[slot]))
            new_slots.setdefault(slot, line)
        if post is not None:
            row.ref, row.version = post.ref, post.version
            row.fields = _changes(post, row.fields, present, tz)
            row.action = "update" if row.fields else "unchanged"
        if row.errors:
            row.action = "error"
        rows.append(row)
    return rows


def import_csv(data: bytes, brand_id: int, *, session: Session, saved_by: str,
               lang: str = "fr") -> tuple[list[CsvRow], int, int]:
    """Create or update the valid rows (rows with errors are skipped and reported).

    ``saved_by`` is the person importing: the author of every post created or changed.
    """
    from core.posts import create_post, save_post

    rows = preview_csv(data, brand_id, session=session, lang=lang)
    created = updated = 0
    existing = {p.ref: p.id for p in session.exec(select(Post).where(Post.brand_id == brand_id))}
    for row in rows:
        if row.action == "create":
            row.ref = create_post(brand_id, session=session, saved_by=saved_by, **row.fields).ref
            created += 1
        elif row.action == "update":
            save_post(existing[row.ref], row.version, row.fields, session=session, saved_by=saved_by)
            updated += 1
    return rows, created, updated

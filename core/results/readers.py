"""Read one export file into rows of measured figures, or say exactly why not.

Text exports go through ``core.language.text`` (``decode_bytes``: UTF-8 with or without
BOM, UTF-16; ``read_csv``: ``,`` ``;`` or tab); spreadsheets (.xlsx, .xls) through
``python-calamine``. The header is the first of the first rows that a format of
``core.results.formats`` recognises, so a note above it (LinkedIn) or a preamble line does
not matter. A file no format recognises is read by the brand's saved mapping whose header
signature it has (``core.results.mapping``). Every problem is an ``Issue`` with its line; a
file with any issue is not imported at all (``core.results.store``), so nothing is
half-imported.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from zoneinfo import ZoneInfo

from python_calamine import CalamineError, CalamineWorkbook

from core.language.text import CSV_DELIMITERS, InputError, decode_bytes, read_csv
from core.results.formats import FORMATS, Format, Header, header_key, recognise
from core.results.numbers import (ResultsError, is_unknown, parse_duration, parse_number, parse_when)

HEADER_SEARCH_ROWS = 6
#: Figures above this are refused as absurd: no post is seen ten billion times.
ABSURD_COUNT = 10_000_000_000
LIFETIME = frozenset({"lifetime", "duree de vie", "a vie", "toute la periode", "total"})
#: The tools whose exports are read, as their users know them (never the formats' codes).
TOOLS = "Meta Business Suite, LinkedIn, X, TikTok Studio, YouTube Studio"
_SPREADSHEET_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")
#: How each of Calame's fields is read, as the fixed formats read it (a mapped file's too).
FIELD_KINDS = {"network": "network"} | {c.field: c.kind for fmt in reversed(FORMATS) for c in fmt.columns}


@dataclass
class Row:
    """One post of an export: who it is on the network, when it went out, what it did."""

    line: int
    network: str
    external_id: str
    permalink: str
    published_at: datetime | None
    time_known: bool
    text: str
    post_type: str
    as_of: date | None  # the row's own date when the export gives one (else the file's)
    metrics: dict[str, float] = field(default_factory=dict)  # only the values the export knows
    anchor: str = ""  # a mapped file without id or link: its time and text name the post

    @property
    def key(self) -> str:
        """What names the post on its network for good: its id, else its cleaned link (else,
        for a brand's own mapped file, its publication time and text)."""
        return self.external_id or self.permalink or self.anchor


@dataclass
class Issue:
    line: int  # 0: the file as a whole
    key: str
    params: dict

    def message(self, lang: str) -> str:
        from core.i18n import t

        return t(self.key, lang, **self.params)


@dataclass
class ExportFile:
    name: str
    format: str  # a FORMAT_NAMES entry, "" when not recognised
    language: str | None
    rows: list[Row]
    issues: list[Issue]
    missing: list[str]  # metrics the format knows that this file has no column for
    mapping: str = ""  # the brand's saved mapping that read it (format "mapping")


def clean_permalink(url: str) -> str:
    """A post's link as it stays: https, lower-case host without ``www.``/``m.``, no
    ``utm_…``/``igsh`` parameters, no fragment, no trailing slash."""
    url = (url or "").strip()
    if not url:
        return ""
    if "://" not in url:
        url = "https://" + url
    parts = urlsplit(url)
    host = parts.netloc.lower()
    for prefix in ("www.", "m.", "mobile."):
        host = host.removeprefix(prefix)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not k.lower().startswith("utm_") and k.lower() not in ("igsh", "igshid", "si", "s", "t")]
    return urlunsplit(("https", host, parts.path.rstrip("/"), urlencode(query), ""))


_ID_IN_LINK = (
    re.compile(r"urn:li:(?:activity|share|ugcPost):(\d+)"),  # LinkedIn
    re.compile(r"/video/(\d+)"),  # TikTok
    re.compile(r"/status/(\d+)"),  # X
    re.compile(r"[?&]v=([\w-]{11})"),  # YouTube
)


def id_from_link(link: str) -> str:
    for pattern in _ID_IN_LINK:
        if match := pattern.search(link):
            return match[1]
    return ""


def header_signature(cells: list) -> str:
    """A header row's signature: its folded column names, sorted, joined by ``|``. Two files
    with the same columns in another order have the same signature."""
    return "|".join(sorted({header_key(c) for c in cells if not is_unknown(c) and header_key(c)}))


def _known_header(cells: list, mappings: dict | None) -> bool:
    return bool(recognise(cells)) or bool(mappings) and header_signature(cells) in mappings


def table_of(data: bytes, name: str, mappings: dict | None = None) -> list[tuple[int, list]]:
    """(line, cells) of every non-blank row: a spreadsheet's first sheet holding a known
    header (a fixed format's, or one of ``mappings``), or a CSV text."""
    if data.startswith(_SPREADSHEET_MAGIC):
        try:
            book = CalamineWorkbook.from_filelike(io.BytesIO(data))
            sheets = [book.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in book.sheet_names]
        except (CalamineError, ValueError, OSError) as exc:
            raise ResultsError("results.bad_spreadsheet", name=name, detail=" ".join(str(exc).split())) from exc
        numbered = [[(i, row) for i, row in enumerate(rows, start=1) if any(not is_unknown(c) for c in row)]
                    for rows in sheets]
        for rows in numbered:
            if any(_known_header(cells, mappings) for _, cells in rows[:HEADER_SEARCH_ROWS]):
                return rows
        return numbered[0] if numbered else []
    text = decode_bytes(data, name)
    return list(enumerate(read_csv(text, name=name, delimiter=_delimiter(text, mappings)), start=1))


def _delimiter(text: str, mappings: dict | None = None) -> str | None:
    """The separator under which the first lines hold a known header. The sniffer alone
    takes ``;`` files for ``,`` ones when a header says "Réactions, commentaires et partages"."""
    head = text[:8192].splitlines()[:HEADER_SEARCH_ROWS]
    for delimiter in CSV_DELIMITERS:
        try:
            if any(_known_header(cells, mappings) for cells in csv.reader(head, delimiter=delimiter)):
                return delimiter
        except csv.Error:
            continue
    return None


@dataclass(frozen=True)
class Mapped:
    """How a brand's saved mapping reads a file (``core.results.mapping``)."""

    name: str
    header: Header
    day_first: bool | None
    decimal: str


def mapped_header(cells: list, mapping: dict, name: str = "") -> Mapped:
    """The header a saved mapping makes of this header row: each mapped column with its
    field and kind, the fixed network if any."""
    from core.results.formats import Column

    index_of = {header_key(c): i for i, c in enumerate(cells) if not is_unknown(c)}
    columns = {}
    for field_name, column in mapping.get("columns", {}).items():
        index = index_of.get(header_key(column))
        if index is not None:
            kind = FIELD_KINDS.get(field_name, field_name)
            if kind in ("rate", "percent"):  # "Taux (%)" holds 4.5 for 4.5 %; "Taux" holds 4,5 % or 0.045
                kind = "percent" if "%" in str(column) else "rate"
            columns[index] = Column(field_name, kind, (str(column),))
    fmt = Format("mapping", mapping.get("network") or None, (), tuple(columns.values()))
    keys = tuple(header_key(c) if c is not None else "" for c in cells)
    return Mapped(name, Header(fmt, columns, None, keys), mapping.get("day_first"), mapping.get("decimal") or ".")


def read_export(data: bytes, name: str, *, tz: ZoneInfo, exported_on: date,
                mappings: dict[str, tuple[str, dict]] | None = None) -> ExportFile:
    """The rows of one export. Raises ``InputError``/``ResultsError`` when the file cannot
    be read at all (binary, damaged spreadsheet); an unknown or empty export, and every bad
    row, come back as issues. ``mappings``: the brand's saved mappings, signature -> (name,
    mapping), tried when no fixed format recognises the header."""
    table = table_of(data, name, mappings)
    if not table:
        return ExportFile(name, "", None, [], [Issue(0, "results.empty_file", {"name": name})], [])
    found = next(((i, h) for i, (_, cells) in enumerate(table[:HEADER_SEARCH_ROWS]) if (h := recognise(cells))), None)
    mapped = None
    if found is None and mappings:
        for i, (_, cells) in enumerate(table[:HEADER_SEARCH_ROWS]):
            if (saved := mappings.get(header_signature(cells))) is not None:
                mapped = mapped_header(cells, saved[1], saved[0])
                found = (i, mapped.header)
                break
    if found is None:
        return ExportFile(name, "", None, [], [Issue(table[0][0], "results.unknown_format",
                                                     {"name": name, "formats": TOOLS})], [])
    start, header = found
    fmt = header.format
    body = table[start + 1:]
    named = {c.field for c in header.columns.values()}
    missing = [c.field for c in fmt.columns if c.kind in ("count", "rate", "percent", "seconds", "hours")
               and c.field not in named]
    day_first = _day_first(header, body)
    if mapped is not None and mapped.day_first is not None:
        day_first = mapped.day_first
    rows, issues = [], []
    width = len(table[start][1])
    for line, cells in body:
        if fmt.name == "youtube" and cells and header_key(cells[0] or "") in ("total", "totaux"):
            continue
        if len(cells) < width:  # a cut-off file: its last row lacks cells
            issues.append(Issue(line, "results.short_row", {"count": len(cells), "expected": width}))
            continue
        try:
            row = _row(line, cells, header, day_first=day_first, tz=tz, exported_on=exported_on,
                       decimal=mapped.decimal if mapped else None)
        except ResultsError as exc:
            issues.append(Issue(line, exc.key, exc.params))
            continue
        if row is not None:
            rows.append(row)
    if not rows and not issues:
        issues.append(Issue(0, "results.no_rows", {"name": name}))
    return ExportFile(name, fmt.name, header.language, rows, issues, missing, mapped.name if mapped else "")


def _day_first(header: Header, body) -> bool | None:
    """The day/month order of this file's dates: what its dates prove (a 13 or more in
    first or second place), else the order of the header's language, else unknown."""
    index = next((i for i, c in header.columns.items() if c.kind == "published"), None)
    seen = set()
    for _, cells in body:
        if index is None or index >= len(cells) or not isinstance(cells[index], str):
            continue
        match = re.match(r"\D*?(\d{1,2})[/.\-](\d{1,2})[/.\-]\d{2,4}", cells[index])
        if match:
            a, b = int(match[1]), int(match[2])
            if a > 12:
                seen.add(True)
            elif b > 12:
                seen.add(False)
    if len(seen) == 1:
        return seen.pop()
    return {"fr": True, "en": False}.get(header.language or "")


#: Networks by a link's host, for a mapped file whose rows do not say their network.
HOSTS = (("instagram.com", "instagram"), ("facebook.com", "facebook"), ("fb.com", "facebook"),
         ("fb.watch", "facebook"), ("linkedin.com", "linkedin"), ("lnkd.in", "linkedin"), ("x.com", "x"),
         ("twitter.com", "x"), ("tiktok.com", "tiktok"), ("youtube.com", "youtube"), ("youtu.be", "youtube"),
         ("pinterest.", "pinterest"), ("threads.net", "threads"), ("threads.com", "threads"), ("bsky.app", "bluesky"))
#: What exports write for a network besides its name (« Twitter », « IG »…).
NETWORK_WORDS = {"twitter": "x", "fb": "facebook", "ig": "instagram", "insta": "instagram", "li": "linkedin",
                 "yt": "youtube", "tt": "tiktok", "x twitter": "x", "twitter x": "x"}


def network_of_link(permalink: str) -> str:
    host = urlsplit(permalink).netloc if permalink else ""
    return next((code for part, code in HOSTS if host == part or host.endswith("." + part)
                 or (part.endswith(".") and part in host)), "")


def network_of_cell(cell) -> str:
    """The network a cell names (« Instagram », "LinkedIn", « Twitter », « FB »), or ""."""
    from core.labels import code_of

    text = "" if is_unknown(cell) else header_key(str(cell)).replace("(", " ").replace(")", " ")
    text = " ".join(text.split())
    return code_of("network", text) or NETWORK_WORDS.get(text, "") or code_of("network", text.split(" ")[0]) or ""


def _network(fmt: Format, header: Header, permalink: str) -> str:
    if fmt.network:
        return fmt.network
    if fmt.name == "mapping":
        return network_of_link(permalink)
    host = urlsplit(permalink).netloc if permalink else ""
    if "instagram.com" in host:
        return "instagram"
    if "facebook.com" in host or host.endswith("fb.com") or host == "fb.watch":
        return "facebook"
    instagram_columns = {"account username", "nom d'utilisateur du compte", "account id", "identifiant du compte"}
    return "instagram" if instagram_columns & set(header.keys) else "facebook"


def _row(line, cells, header: Header, *, day_first, tz, exported_on, decimal=None) -> Row | None:
    fmt = header.format
    decimal = decimal or ("," if header.language == "fr" else ".")
    values: dict[str, object] = {}
    for index, column in header.columns.items():
        if index < len(cells):
            values[column.field] = cells[index]
    text_of = lambda f: "" if is_unknown(values.get(f)) else str(values[f]).strip()  # noqa: E731
    permalink = clean_permalink(text_of("permalink"))
    external_id = text_of("id")
    if isinstance(values.get("id"), float) and float(values["id"]).is_integer():
        external_id = str(int(values["id"]))
    external_id = external_id.removeprefix("'") or id_from_link(permalink)
    if fmt.name == "youtube" and external_id and not permalink:
        permalink = f"https://youtube.com/watch?v={external_id}"
    if not external_id and not permalink and fmt.name != "mapping":
        raise ResultsError("results.no_identity")
    as_of = None
    raw_date = values.get("as_of")
    if fmt.name == "meta" and not is_unknown(raw_date) and header_key(str(raw_date)) not in LIFETIME:
        as_of = parse_when(raw_date, day_first=day_first, tz=tz, exported_on=exported_on).at.date()
    published = values.get("published")
    when = None if is_unknown(published) else parse_when(
        published, day_first=day_first, tz=tz, exported_on=as_of or exported_on)
    network = _network(fmt, header, permalink)
    anchor = ""
    if fmt.name == "mapping":
        if text_of("network") and not fmt.network:  # the row's own word, else its link's host
            network = network_of_cell(values["network"])
            if not network:
                raise ResultsError("results.bad_network", value=text_of("network"))
        if not network:
            raise ResultsError("results.no_network")
        if not external_id and not permalink:
            if when is None:
                raise ResultsError("results.no_identity")
            text = " ".join(header_key(text_of("text")).split()[:12])
            anchor = f"{when.at:%Y-%m-%dT%H:%M%z} {text}".strip()[:500]
    metrics: dict[str, float] = {}
    for index, column in header.columns.items():
        if column.kind not in ("count", "rate", "percent", "seconds", "hours") or index >= len(cells):
            continue
        value = _metric(cells[index], column.kind, decimal, column.en[0])
        if value is not None:
            metrics[column.field] = value
    return Row(line=line, network=network, external_id=external_id,
               permalink=permalink, published_at=when.at if when else None,
               time_known=bool(when and when.time_known), text=text_of("text") or text_of("title"),
               post_type=text_of("type"), as_of=as_of, metrics=metrics, anchor=anchor)


def _metric(cell, kind: str, decimal: str, column: str) -> float | None:
    try:
        value = parse_duration(cell) if kind == "seconds" else parse_number(cell, decimal=decimal)
    except ValueError:
        raise ResultsError("results.bad_number", column=column, value=str(cell)) from None
    if value is None:
        return None
    if value < 0:
        raise ResultsError("results.negative", column=column, value=str(cell))
    if kind == "percent" and not (isinstance(cell, str) and "%" in cell):
        value /= 100
    if (kind in ("rate", "percent") and value > 1) or value > ABSURD_COUNT:
        raise ResultsError("results.absurd", column=column, value=str(cell))
    return value


__all__ = ["ExportFile", "InputError", "Issue", "Row", "clean_permalink", "header_signature", "id_from_link",
           "mapped_header", "read_export", "table_of"]

"""A brand's own export read once a person has said which column is which.

An agency's monthly sheet or a scheduling tool's analytics have columns no fixed format of
``core.results.formats`` knows. ``propose`` lists the file's columns with samples and
proposes, by header similarity to the words the fixed formats and common exports use, which
column holds each of Calame's fields; the date order is what the dates prove, and said to be
unknown (never guessed) when they prove nothing. ``check`` refuses a mapping that could not
import (no time and no id or link, no metric, no network, an unknown column); ``save`` keeps
it for the brand under the file's header signature, so ``core.results.store`` reads the next
file with the same columns as a known format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from rapidfuzz import fuzz
from sqlmodel import Session, select

from core.i18n import MessageError
from core.models import ResultMapping, utcnow
from core.networks import known_networks
from core.results.formats import FORMATS, header_key, recognise
from core.results.numbers import is_unknown
from core.results.readers import (HEADER_SEARCH_ROWS, ExportFile, header_signature, read_export,
                                  table_of)


class MappingError(MessageError):
    """A mapping that cannot read its file (``data/i18n/results.toml``, ``results.mapping_*``)."""


#: The fields a post is named and placed by, then the metrics, in the order a person reads them.
IDENTITY = ("published", "network", "permalink", "id", "text", "type")
METRICS = ("impressions", "reach", "views", "video_views", "interactions", "reactions", "likes", "comments",
           "shares", "saves", "reposts", "replies", "follows", "clicks", "link_clicks", "profile_clicks",
           "engagements", "engagement_rate", "ctr", "avg_watch_seconds", "duration_seconds", "watch_hours")
FIELDS = IDENTITY + METRICS
#: Below this similarity (rapidfuzz ``ratio`` of folded headers, 0..100) no field is proposed.
THRESHOLD = 86.0
SAMPLES = 3

#: Header words beyond the fixed formats' ones: what agencies' sheets and scheduling tools
#: (Hootsuite, Agorapulse, Metricool, Sprout Social analytics exports) call the same fields.
#: A word listed here wins over a fixed format's use of it (« Date » is the publication date
#: in a sheet, not Meta's export date; « Contenu » the text, not YouTube's video id).
EXTRA = {
    "published": (("Date", "Date de publication", "Date et heure", "Date/heure", "Publié le", "Date de mise en ligne",
                   "Jour de publication", "Heure de publication"),
                  ("Date", "Publication date", "Published", "Published at", "Date published", "Publish date",
                   "Post date", "Post time", "Sent date", "Created", "Created at", "Date (GMT)", "Date (UTC)")),
    "network": (("Réseau", "Réseau social", "Plateforme", "Canal"),
                ("Network", "Social network", "Platform", "Channel", "Social Network")),
    "permalink": (("Lien", "Lien du post", "Lien de la publication", "URL de la publication", "Permalien", "URL"),
                  ("Link", "Post link", "Post URL", "URL", "Permalink")),
    "id": (("Identifiant", "ID", "Identifiant du post"), ("ID", "Post ID", "Message ID")),
    "text": (("Texte", "Message", "Publication", "Légende", "Contenu", "Texte du post"),
             ("Text", "Message", "Post", "Caption", "Content", "Post message", "Post text")),
    "type": (("Type", "Format", "Type de contenu"), ("Type", "Format", "Content type", "Post type")),
    "reach": (("Portée", "Couverture", "Personnes atteintes"), ("Reach", "Accounts reached", "People reached")),
    "impressions": (("Impressions",), ("Impressions",)),
    "views": (("Vues", "Vues totales"), ("Views", "Total views")),
    "video_views": (("Vues de vidéo", "Vues des vidéos"), ("Video views",)),
    "interactions": (("Interactions",), ("Interactions",)),
    "reactions": (("Réactions",), ("Reactions",)),
    "likes": (("J'aime", "Mentions J'aime", "Likes"), ("Likes",)),
    "comments": (("Commentaires",), ("Comments",)),
    "shares": (("Partages",), ("Shares",)),
    "saves": (("Enregistrements", "Sauvegardes"), ("Saves", "Saved")),
    "reposts": (("Republications", "Reposts", "Retweets"), ("Reposts", "Retweets")),
    "follows": (("Abonnés gagnés", "Nouveaux abonnés"), ("New followers", "Follows")),
    "clicks": (("Clics",), ("Clicks", "Total clicks")),
    "link_clicks": (("Clics sur le lien", "Clics sur les liens", "Clics lien"), ("Link clicks", "URL clicks")),
    "engagements": (("Engagements", "Engagement"), ("Engagements", "Engagement", "Total engagements")),
    "engagement_rate": (("Taux d'engagement", "Taux d'engagement (%)"),
                        ("Engagement rate", "Engagement rate (%)", "Engagement rate (per impression)")),
}


def _vocabulary() -> dict[str, tuple[str, str]]:
    """Folded header -> (field, language: "fr", "en" or "" when both spell it alike)."""
    words: dict[str, tuple[str, str]] = {}
    for fmt in FORMATS:
        for key, (column, lang) in fmt.headers().items():
            if column.field in FIELDS:
                words.setdefault(key, (column.field, lang))
    for name, (fr, en) in EXTRA.items():
        for lang, spellings in (("fr", fr), ("en", en)):
            for spelling in spellings:
                key = header_key(spelling)
                both = key in {header_key(s) for s in (en if lang == "fr" else fr)}
                words[key] = (name, "" if both else lang)
    return words


VOCABULARY = _vocabulary()


@dataclass
class FileColumn:
    name: str
    samples: list[str]


@dataclass
class Proposal:
    """What ``propose`` read of a file: its columns and the mapping it proposes."""

    file: str
    line: int  # the header's line in the file
    signature: str
    columns: list[FileColumn]
    mapping: dict  # {"columns": {field: column}, "network": "", "day_first": bool | None, "decimal": "," or "."}
    dates: str  # "day_first", "month_first", "ambiguous" (to be said), "unneeded" (ISO, words), "none"
    known_format: str = ""  # a fixed format already reads this file: no mapping needed

    def to_dict(self) -> dict:
        return {"file": self.file, "line": self.line, "columns": [{"name": c.name, "samples": c.samples}
                                                                 for c in self.columns],
                "mapping": self.mapping, "dates": self.dates, "known_format": self.known_format}


def _text(cell) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.strftime("%Y-%m-%d %H:%M")
    if isinstance(cell, date):
        return cell.isoformat()
    return " ".join(str(cell).split())


def _header_line(table: list[tuple[int, list]]) -> int:
    """Which of the first rows is the header: the first holding the most named cells (a title
    row above, « Rapport mensuel — mars 2027 », names one), text only."""
    head = table[:HEADER_SEARCH_ROWS]
    named = [sum(isinstance(c, str) and not is_unknown(c) for c in cells) for _, cells in head]
    best = max(named)
    return next(i for i, n in enumerate(named) if n == best)


def similarity(header: str, word: str) -> float:
    """How alike a file's folded header and a known one are (0..100): the header as written,
    and without what it says in brackets (« Date (GMT) », « Portée (organique) »)."""
    bare = " ".join(re.sub(r"\([^)]*\)", " ", header).split())
    return max(fuzz.ratio(header, word), fuzz.ratio(bare, word) if bare else 0.0)


def propose_columns(names: list[str]) -> tuple[dict[str, str], str | None]:
    """The column proposed for each field (each column and each field at most once, the
    closest pairs first), and the language the matched headers are written in."""
    pairs = []
    for index, name in enumerate(names):
        key = header_key(name)
        if not key:
            continue
        for word, (name_field, lang) in VOCABULARY.items():
            score = similarity(key, word)
            if score >= THRESHOLD:
                pairs.append((-score, index, FIELDS.index(name_field), name_field, lang))
    pairs.sort()
    chosen: dict[str, str] = {}
    used: set[int] = set()
    votes = {"fr": 0, "en": 0}
    for _, index, _, name_field, lang in pairs:
        if index in used or name_field in chosen:
            continue
        chosen[name_field] = names[index]
        used.add(index)
        if lang:
            votes[lang] += 1
    language = None if votes["fr"] == votes["en"] else max(votes, key=votes.get)
    return {f: chosen[f] for f in FIELDS if f in chosen}, language


_NUMERIC_DATE = re.compile(r"^\D*?(\d{1,2})[/.\-](\d{1,2})[/.\-]\d{2,4}")


def date_order(cells: list) -> str:
    """What a column's dates prove: ``day_first`` (a first number above 12), ``month_first``
    (a second one above 12), ``ambiguous`` (numeric dates that prove neither, or both),
    ``unneeded`` (ISO dates, months in words, the spreadsheet's own dates), ``none``."""
    seen, numeric, other = set(), False, False
    for cell in cells:
        if is_unknown(cell):
            continue
        if isinstance(cell, (date, datetime)) or not isinstance(cell, str):
            other = True
            continue
        match = _NUMERIC_DATE.match(cell.strip())
        if not match or re.match(r"^\d{4}-", cell.strip()):
            other = True
            continue
        numeric = True
        a, b = int(match[1]), int(match[2])
        if a > 12:
            seen.add("day_first")
        elif b > 12:
            seen.add("month_first")
    if len(seen) == 1:
        return seen.pop()
    if numeric:
        return "ambiguous"
    return "unneeded" if other else "none"


def _decimal(names: list[str], body: list[list], mapping: dict, language: str | None) -> str:
    """The decimal mark of the metric columns: what a cell shows (``12,5``, ``4.2``), else the
    headers' language (French a comma), else a point."""
    metric_indexes = [names.index(c) for f, c in mapping.items() if f in METRICS]
    for cells in body:
        for index in metric_indexes:
            cell = cells[index] if index < len(cells) else None
            if isinstance(cell, str):
                if re.search(r"\d,\d{1,2}(?:\s*%)?$", cell.strip()) or re.search(r"\d\.\d{3},", cell):
                    return ","
                if re.search(r"\d\.\d{1,2}(?:\s*%)?$", cell.strip()) or re.search(r"\d,\d{3}\.", cell):
                    return "."
    return "," if language == "fr" else "."


def read_table(data: bytes, name: str) -> tuple[int, list[str], list[list]]:
    """(header line, column names, body rows) of a file Calame has no format for."""
    table = table_of(data, name)
    if not table:
        raise MappingError("results.empty_file", name=name)
    start = _header_line(table)
    line, cells = table[start]
    names = [_text(c) if not is_unknown(c) else "" for c in cells]
    return line, names, [cells for _, cells in table[start + 1:]]


def propose(data: bytes, name: str) -> Proposal:
    """The file's columns with samples and the proposed mapping (see the module's docstring)."""
    table = table_of(data, name)
    if not table:
        raise MappingError("results.empty_file", name=name)
    known = next((h.format.name for _, cells in table[:HEADER_SEARCH_ROWS] if (h := recognise(cells))), "")
    line, names, body = read_table(data, name)
    columns = [FileColumn(n, [_text(cells[i]) for cells in body if i < len(cells) and not is_unknown(cells[i])][:SAMPLES])
               for i, n in enumerate(names) if n]
    chosen, language = propose_columns(names)
    dates = "none"
    if "published" in chosen:
        index = names.index(chosen["published"])
        dates = date_order([cells[index] if index < len(cells) else None for cells in body])
    mapping = {"columns": chosen, "network": "",
               "day_first": {"day_first": True, "month_first": False}.get(dates),
               "decimal": _decimal(names, body, chosen, language)}
    return Proposal(name, line, header_signature(names), columns, mapping, dates, known)


def saved_for(proposal: Proposal, brand_id: int, *, session: Session) -> tuple[str, dict] | None:
    """(name, mapping) the brand saved for this file's columns, if any: the wizard starts from it."""
    return saved_mappings(brand_id, session=session).get(proposal.signature)


def with_changes(proposal: Proposal, *, columns: dict[str, str] | None = None, network: str | None = None,
                 day_first: bool | None = None, base: dict | None = None) -> dict:
    """The proposal's mapping (or ``base``, a saved one) with a person's choices: ``columns``
    field -> column ("" to map nothing to that field), the fixed network, the date order."""
    base = base or proposal.mapping
    mapping = {**base, "columns": dict(base["columns"])}
    for name_field, column in (columns or {}).items():
        if name_field not in FIELDS:
            raise MappingError("results.mapping_unknown_field", field=name_field, fields=", ".join(FIELDS))
        if column:
            mapping["columns"][name_field] = column
        else:
            mapping["columns"].pop(name_field, None)
    if network is not None:
        mapping["network"] = network
    if day_first is not None:
        mapping["day_first"] = day_first
    mapping["columns"] = {f: mapping["columns"][f] for f in FIELDS if f in mapping["columns"]}
    return mapping


def check(mapping: dict, proposal: Proposal) -> None:
    """Refuse a mapping that cannot import its file, with the message key that says why."""
    names = {header_key(c.name): c.name for c in proposal.columns}
    columns = mapping.get("columns", {})
    for name_field, column in columns.items():
        if name_field not in FIELDS:
            raise MappingError("results.mapping_unknown_field", field=name_field, fields=", ".join(FIELDS))
        if header_key(column) not in names:
            raise MappingError("results.mapping_unknown_column", column=column,
                               columns=", ".join(c.name for c in proposal.columns))
    twice = [c for c in {header_key(c) for c in columns.values()} if list(map(header_key, columns.values())).count(c) > 1]
    if twice:
        raise MappingError("results.mapping_column_twice", column=names[twice[0]])
    if not {"published", "id", "permalink"} & set(columns):
        raise MappingError("results.mapping_no_identity")
    if not set(METRICS) & set(columns):
        raise MappingError("results.mapping_no_metric")
    network = mapping.get("network") or ""
    if network and network not in known_networks():
        raise MappingError("results.mapping_bad_network", network=network, networks=", ".join(known_networks()))
    if not network and not {"network", "permalink"} & set(columns):
        raise MappingError("results.mapping_no_network")
    if "published" in columns and proposal.dates == "ambiguous" and mapping.get("day_first") is None:
        raise MappingError("results.mapping_date_order", column=columns["published"])


def preview(data: bytes, name: str, mapping: dict, *, tz: ZoneInfo, exported_on: date) -> ExportFile:
    """The file read with ``mapping``, as the import would read it (nothing written)."""
    line, names, _ = read_table(data, name)
    return read_export(data, name, tz=tz, exported_on=exported_on,
                       mappings={header_signature(names): ("", mapping)})


@dataclass
class Saved:
    name: str
    columns: list[str]
    mapping: dict = field(default_factory=dict)
    created_by: str = ""
    created_at: datetime | None = None

    def to_dict(self) -> dict:
        return {"name": self.name, "columns": self.columns, "mapping": self.mapping, "created_by": self.created_by,
                "created_at": self.created_at.isoformat() if self.created_at else None}


def save(brand_id: int, data: bytes, file: str, mapping: dict, *, session: Session, name: str = "",
         by: str = "") -> ResultMapping:
    """Keep ``mapping`` for the brand under the file's signature (replacing the one saved for
    the same columns); ``name`` defaults to the file's name without its extension."""
    proposal = propose(data, file)
    if proposal.known_format:
        raise MappingError("results.mapping_known_format", name=file)
    check(mapping, proposal)
    name = " ".join((name or re.sub(r"\.[^.]*$", "", file.rsplit("/", 1)[-1])).split())[:120]
    if not name:
        raise MappingError("results.mapping_no_name")
    taken = session.exec(select(ResultMapping).where(ResultMapping.brand_id == brand_id,
                                                     ResultMapping.name == name)).first()
    if taken is not None and taken.signature != proposal.signature:
        raise MappingError("results.mapping_name_taken", name=name)
    record = session.exec(select(ResultMapping).where(ResultMapping.brand_id == brand_id,
                                                      ResultMapping.signature == proposal.signature)).first()
    if record is None:
        record = ResultMapping(brand_id=brand_id, signature=proposal.signature, name=name)
        session.add(record)
    record.name, record.mapping, record.created_by, record.created_at = name, mapping, by[:120], utcnow()
    session.flush()
    return record


def saved_mappings(brand_id: int, *, session: Session) -> dict[str, tuple[str, dict]]:
    """signature -> (name, mapping) of the brand's saved mappings (``read_export``'s ``mappings``)."""
    return {m.signature: (m.name, m.mapping) for m in session.exec(
        select(ResultMapping).where(ResultMapping.brand_id == brand_id))}


def list_mappings(brand_id: int, *, session: Session) -> list[Saved]:
    return [Saved(m.name, m.signature.split("|"), m.mapping, m.created_by, m.created_at) for m in session.exec(
        select(ResultMapping).where(ResultMapping.brand_id == brand_id).order_by(ResultMapping.name))]


def delete(brand_id: int, name: str, *, session: Session) -> None:
    record = session.exec(select(ResultMapping).where(ResultMapping.brand_id == brand_id,
                                                      ResultMapping.name == name)).first()
    if record is None:
        raise MappingError("results.mapping_not_found", name=name)
    session.delete(record)
    session.flush()

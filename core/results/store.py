"""Import exports into the database: every figure kept with its source, nothing twice.

``import_exports`` reads every file, matches every exported post (``core.results.matching``)
and counts what would change before it writes anything; when any file or row has a problem,
or on a dry run, nothing is written. The caller runs it inside one transaction
(``core.db.transaction``), so an import lands whole or not at all.

A row counts once, in one of: ``matched`` (to a planned post, by id or automatically),
``to_confirm``, ``unmatched`` (published outside the plan), ``already_imported`` (its post is
known and every figure is already stored at that export date with that value), or an error.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, case, insert, or_
from sqlmodel import Session, select

from core import fields
from core.i18n import MessageError
from core.models import Brand, MeasuredPost, Post, Reading, ResultImport, utcnow
from core.results.mapping import saved_mappings
from core.results.matching import WINDOW, Match, Measured, Planned, match_all
from core.results.readers import ExportFile, Issue, Row, read_export

MATCHED = ("id", "auto", "confirmed")


@dataclass
class Source:
    path: str  # as the user gave it (shown in errors)
    data: bytes
    exported_on: date


@dataclass
class ImportResult:
    brand: str
    files: list[dict] = field(default_factory=list)
    rows: int = 0
    matched: int = 0
    to_confirm: int = 0
    unmatched: int = 0
    already_imported: int = 0
    errors: list[tuple[str, int, Issue]] = field(default_factory=list)
    written: bool = False

    def to_dict(self, lang: str) -> dict:
        return {"brand": self.brand, "files": self.files, "rows": self.rows, "matched": self.matched,
                "to_confirm": self.to_confirm, "unmatched": self.unmatched,
                "already_imported": self.already_imported,
                "errors": [{"file": f, "line": line, "message": issue.message(lang)} for f, line, issue in self.errors]}


def age_days(published_at: datetime | None, exported_on: date, tz: ZoneInfo) -> float | None:
    """The post's age at the end of the export day, in days."""
    if published_at is None:
        return None
    end = datetime.combine(exported_on + timedelta(days=1), time(0), tz)
    return round((end - published_at).total_seconds() / 86400, 2)


def import_exports(brand: Brand, sources: list[Source], *, session: Session, dry_run: bool = False,
                   progress: Callable[[int, int], None] | None = None) -> ImportResult:
    """``progress(done, total)`` is told after each file read and after the matching (the
    screen's progress bar): ``total`` is the number of files plus one."""
    tz = ZoneInfo(brand.timezone or "Europe/Paris")
    result = ImportResult(brand=brand.name)
    exports: list[tuple[Source, ExportFile]] = []
    mappings = saved_mappings(brand.id, session=session)  # the brand's own files, read as known formats
    for index, source in enumerate(sources):
        if progress:
            progress(index, len(sources) + 1)
        export = read_export(source.data, source.path, tz=tz, exported_on=source.exported_on, mappings=mappings)
        result.files.append({"path": source.path, "format": export.format}
                            | ({"mapping": export.mapping} if export.mapping else {}))
        result.errors += [(source.path, issue.line, issue) for issue in export.issues]
        result.rows += len(export.rows)
        exports.append((source, export))
    rows = [(source, row) for source, export in exports for row in export.rows]
    result.errors += _other_brands(brand, exports, session=session)
    known = _known(brand.id, {(r.network, r.key) for _, r in rows}, session=session)
    decisions = _decide(brand.id, rows, known, session=session)
    if progress:
        progress(len(sources), len(sources) + 1)
    stored = _stored_readings([m.id for m in known.values()], session=session)
    seen: set[tuple] = set()  # rows already counted in this run (overlapping exports)
    for source, row in rows:
        key = (row.network, row.key)
        exported_on = row.as_of or source.exported_on
        figures = (key, exported_on, tuple(sorted(row.metrics.items())))
        if figures in seen or (key in known and all(stored.get((known[key].id, metric, exported_on)) == value
                                                    for metric, value in row.metrics.items())):
            result.already_imported += 1
            continue
        seen.add(figures)
        kind = known[key].match if key in known else decisions[key].match
        if kind in MATCHED:
            result.matched += 1
        elif kind == "to_confirm":
            result.to_confirm += 1
        else:
            result.unmatched += 1
    if result.errors or dry_run:
        return result
    _write(brand, exports, known, decisions, tz, session=session)
    result.written = True
    return result


def _other_brands(brand: Brand, exports, *, session) -> list[tuple[str, int, Issue]]:
    """A file whose posts are already another brand's measured posts is that brand's export
    (a CM with several clients picked the wrong brand): the whole file is refused, naming
    the brand it belongs to."""
    keys = {row.key for _, export in exports for row in export.rows}
    if not keys:
        return []
    owners: dict[tuple[str, str], str] = {}
    found = session.exec(select(MeasuredPost.network, MeasuredPost.key, Brand.name)
                         .join(Brand, MeasuredPost.brand_id == Brand.id)
                         .where(MeasuredPost.brand_id != brand.id, MeasuredPost.key.in_(keys)))
    for network, key, name in found:
        owners[(network, key)] = name
    issues = []
    for source, export in exports:
        theirs = [owners[(r.network, r.key)] for r in export.rows if (r.network, r.key) in owners]
        if theirs:
            other = max(set(theirs), key=theirs.count)
            issues.append((source.path, 0, Issue(0, "results.other_brand", {
                "name": source.path, "count": len(theirs), "rows": len(export.rows), "other": other,
                "brand": brand.name})))
    return issues


def _known(brand_id: int, keys: set, *, session) -> dict[tuple[str, str], MeasuredPost]:
    if not keys:
        return {}
    found = session.exec(select(MeasuredPost).where(
        MeasuredPost.brand_id == brand_id, MeasuredPost.key.in_({k for _, k in keys}))).all()
    return {(m.network, m.key): m for m in found if (m.network, m.key) in keys}


def _stored_readings(ids: list[int], *, session) -> dict[tuple[int, str, date], float]:
    if not ids:
        return {}
    return {(r.measured_post_id, r.metric, r.exported_on): r.value
            for r in session.exec(select(Reading).where(Reading.measured_post_id.in_(ids)))}


def _decide(brand_id: int, rows: list[tuple[Source, Row]], known: dict, *, session):
    """The match of every exported post not yet known: by id or link, else by time and text."""
    new: dict[tuple[str, str], Row] = {}
    for _, row in rows:
        new.setdefault((row.network, row.key), row)
    for key in known:
        new.pop(key, None)
    decisions: dict = {}
    if not new:
        return decisions
    ids = {r.external_id for r in new.values() if r.external_id}
    links = {r.permalink for r in new.values() if r.permalink}
    by_identity = session.exec(select(Post).where(Post.brand_id == brand_id, or_(
        Post.external_id.in_(ids or {""}) & (Post.external_id != ""),
        Post.permalink.in_(links or {""}) & (Post.permalink != "")))).all()
    for key, row in list(new.items()):
        post = next((p for p in by_identity if (row.external_id and p.external_id == row.external_id)
                     or (row.permalink and p.permalink == row.permalink)), None)
        if post is not None:
            decisions[key] = Match(post.id, "id", 100.0)
            del new[key]
    times = [r.published_at for r in new.values() if r.published_at is not None]
    planned = []
    if times:
        taken = select(MeasuredPost.post_id).where(MeasuredPost.brand_id == brand_id, MeasuredPost.post_id.is_not(None))
        claimed = {d.post_id for d in decisions.values()}
        planned = [Planned(*p) for p in session.exec(select(Post.id, Post.network, Post.publish_at, Post.text).where(
            Post.brand_id == brand_id, Post.publish_at >= min(times) - WINDOW, Post.publish_at <= max(times) + WINDOW,
            Post.id.not_in(taken))) if p[0] not in claimed]
    decisions.update(match_all([Measured(k, r.published_at, r.text) for k, r in new.items()], planned))
    return decisions


def _write(brand: Brand, exports, known: dict, decisions: dict, tz: ZoneInfo, *, session) -> None:
    """Everything in a few statements: one insert for the new measured posts (cleaned as
    the ORM would, ``core.fields.clean``), one update for the planned posts they name, one
    query for the readings already stored, one insert for the new readings (a statement a
    row took 10 s for a year of exports)."""
    measured = {key: item.id for key, item in known.items()}
    new_rows: dict[tuple[str, str], Row] = {}
    for _, export in exports:
        for row in export.rows:
            key = (row.network, row.key)
            if key not in measured:
                new_rows.setdefault(key, row)
    if new_rows:
        now = utcnow()
        values = [fields.clean(MeasuredPost, {
            "brand_id": brand.id, "network": row.network, "key": row.key, "external_id": row.external_id,
            "permalink": row.permalink, "published_at": row.published_at, "text": row.text,
            "post_type": row.post_type[:60], "post_id": decisions[key].post_id, "match": decisions[key].match,
            "match_score": decisions[key].score, "created_at": now}) for key, row in new_rows.items()]
        ids = session.execute(insert(MeasuredPost).returning(MeasuredPost.id, sort_by_parameter_order=True),
                              values).scalars().all()
        measured.update(zip(new_rows, ids))
        marks = [{"pid": decisions[key].post_id, "eid": row.external_id, "plink": row.permalink}
                 for key, row in new_rows.items() if decisions[key].match in MATCHED]
        if marks:  # the network's id and link, kept on the planned post once known
            post = Post.__table__
            session.execute(post.update().where(post.c.id == bindparam("pid")).values(
                external_id=case((post.c.external_id == "", bindparam("eid")), else_=post.c.external_id),
                permalink=case((post.c.permalink == "", bindparam("plink")), else_=post.c.permalink)), marks)
    records = {}
    for source, export in exports:
        digest = hashlib.sha256(source.data).hexdigest()
        record = session.exec(select(ResultImport).where(ResultImport.brand_id == brand.id,
                                                         ResultImport.sha256 == digest)).first()
        if record is None:
            record = ResultImport(brand_id=brand.id, file_name=source.path.rsplit("/", 1)[-1], sha256=digest,
                                  format=export.format, exported_on=source.exported_on, rows=len(export.rows))
            session.add(record)
        records[id(source)] = record
    session.flush()
    existing = {(r.measured_post_id, r.metric, r.exported_on): r for r in session.exec(
        select(Reading).where(Reading.measured_post_id.in_([m.id for m in known.values()])))} if known else {}
    fresh: dict[tuple, dict] = {}
    for source, export in exports:
        record = records[id(source)]
        for row in export.rows:
            item_id = measured[(row.network, row.key)]
            exported_on = row.as_of or source.exported_on
            for metric, value in row.metrics.items():
                where = (item_id, metric, exported_on)
                reading = existing.get(where)
                if reading is not None:
                    if reading.value != value:
                        reading.value, reading.import_id, reading.source_row = value, record.id, row.line
                    continue
                # a later row of this import for the same figure replaces the earlier one
                fresh[where] = {"measured_post_id": item_id, "metric": metric, "value": value,
                                "exported_on": exported_on, "age_days": age_days(row.published_at, exported_on, tz),
                                "import_id": record.id, "source_row": row.line}
    session.flush()
    if fresh:  # numbers, days and short metric names: nothing the ORM's cleaning would change
        session.execute(insert(Reading), list(fresh.values()))


class MatchError(MessageError):
    pass


@dataclass
class Waiting:
    """A measured post in the middle band, shown with the planned post it probably is."""

    measured_id: int
    network: str
    published_at: datetime | None
    text: str
    score: float | None
    post_id: int
    post_ref: str
    post_publish_at: datetime | None
    post_text: str


def waiting_matches(brand_id: int, *, session: Session) -> list[Waiting]:
    rows = session.exec(select(MeasuredPost, Post).join(Post, MeasuredPost.post_id == Post.id).where(
        MeasuredPost.brand_id == brand_id, MeasuredPost.match == "to_confirm").order_by(MeasuredPost.published_at))
    return [Waiting(m.id, m.network, m.published_at, m.text, m.match_score, p.id, p.ref, p.publish_at, p.text)
            for m, p in rows]


def confirm_match(measured_id: int, accept: bool, *, session: Session) -> MeasuredPost:
    """A person's decision on a middle-band match: ``confirmed`` (the planned post takes the
    network's id and link, as an automatic match does) or published outside the plan."""
    item = session.get(MeasuredPost, measured_id)
    if item is None or item.match != "to_confirm":
        raise MatchError("results.not_waiting", id=measured_id)
    if accept:
        post = session.get(Post, item.post_id)
        if post is None:  # deleted from the plan since
            raise MatchError("results.not_waiting", id=measured_id)
        item.match = "confirmed"
        post.external_id = post.external_id or item.external_id
        post.permalink = post.permalink or item.permalink
    else:
        item.match, item.post_id = "outside_plan", None
    session.flush()
    return item

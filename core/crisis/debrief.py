"""The Word debrief of a crisis: its summary (gravity, type, strategy, prepared risk), the
timeline read from the log, what was said, the checkpoints, what worked and what to change
in the crisis file, and the suspended posts with their rescheduling. Labels and dates in
the reader's language (French by default), times in the brand's time zone, no internal code:
everything a client may read is a label."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import datetime

from docx import Document
from docx.shared import Pt
from sqlmodel import Session, select

from core import refdata
from core.client.docx_export import day_text
from core.crisis.course import checklist, crisis_of
from core.crisis.playbook import checkpoints, families, gravity_grid, strategies
from core.crisis.suspension import brand_or_refuse, crisis_log, local_time
from core.i18n import t
from core.models import Post

MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass
class Debrief:
    data: bytes
    filename: str
    crisis_id: int
    events: int


def when_text(when: datetime | None, brand, lang: str) -> str:
    """``mardi 10 mars 2027 à 10 h 00`` (French), ``Wednesday 10 March 2027, 10:00`` (English)."""
    if when is None:
        return "—"
    local = local_time(when, brand)
    day = day_text(local.date(), lang)
    if lang == "fr":
        return f"{day} à {local.hour}\u00a0h\u00a0{local.minute:02d}"
    return f"{day}, {local:%H:%M}"


def _status(key: str, lang: str) -> str:
    return refdata.label(refdata.POST_STATUSES, key, lang) if key else "—"


def _checkpoint(key: str, lang: str) -> str:
    return t(f"crisis.checkpoint.{key}", lang)


def event_text(event: str, details: dict, brand, lang: str) -> str:
    """One log line in words: what happened, with its labels (never a status code)."""
    d = dict(details)
    if "status" in d:
        d["status"] = _status(d["status"], lang)
    if "kind" in d:
        d["kind"] = t(f"crisis.kind.{d['kind']}", lang)
    if "checkpoint" in d:
        d["checkpoint"] = _checkpoint(d["checkpoint"], lang)
    if "template" in d:
        d["template"] = t(f"crisis.template.{d['template']}", lang) if d["template"] else t("crisis.template.none", lang)
    for name in ("until", "to"):
        if name in d:
            d[name] = when_text(datetime.fromisoformat(d[name]), brand, lang)
    if event == "started":
        parts = [t("crisis.log.started", lang, hours=d["hours"], until=d["until"])]
        parts += [t(f"crisis.log.started_{k}", lang, value=d[k]) for k in ("gravity", "kind", "risk") if k in d]
        return " ".join(parts)
    if event == "assessed":
        return " ".join(t(f"crisis.log.started_{k}", lang, value=d[k]) for k in ("gravity", "kind", "risk") if k in d)
    if event == "said":
        return t("crisis.log.said", lang, template=d["template"])
    return t(f"crisis.log.{event}", lang, **{k: v for k, v in d.items()})


def _heading(doc, text: str, level: int = 1) -> None:
    doc.add_heading(text, level=level)


def _table(doc, header: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row):
            cell.text = text


def _filename(brand_name: str, crisis_id: int) -> str:
    stem = re.sub(r"[^\w-]+", "-", brand_name).strip("-") or "marque"
    return f"{stem}-debrief-crise-{crisis_id}.docx"


def build_debrief(brand_id: int, crisis_id: int | None = None, *, session: Session, lang: str = "fr") -> Debrief:
    """The debrief of crisis ``crisis_id`` of the brand (its latest when None), as .docx bytes."""
    lang = lang if lang in ("fr", "en") else "fr"
    brand = brand_or_refuse(brand_id, session)
    crisis = crisis_of(brand_id, crisis_id, session=session)
    entries = crisis_log(crisis.id, session=session)
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.add_heading(t("crisis.debrief.title", lang, brand=brand.name), level=0)
    doc.add_paragraph(t("crisis.debrief.period", lang, id=crisis.id, start=when_text(crisis.started_at, brand, lang),
                        end=when_text(crisis.ended_at, brand, lang) if crisis.ended_at
                        else t("crisis.debrief.still_open", lang), tz=brand.timezone))

    _heading(doc, t("crisis.debrief.summary", lang))
    grid, kinds = gravity_grid(), strategies()
    not_set = t("crisis.debrief.not_set", lang)
    summary = [
        (t("crisis.debrief.gravity", lang),
         f"{crisis.gravity} — {grid[crisis.gravity][lang]}" if crisis.gravity in grid else not_set),
        (t("crisis.debrief.kind", lang), t(f"crisis.kind.{crisis.kind}", lang) if crisis.kind in kinds else not_set),
        (t("crisis.debrief.strategy", lang),
         families()[kinds[crisis.kind]["family"]][lang] if crisis.kind in kinds else not_set),
        (t("crisis.debrief.risk", lang), crisis.risk or not_set),
        (t("crisis.debrief.window", lang), t("crisis.debrief.window_value", lang, hours=crisis.hours,
                                             until=when_text(crisis.until, brand, lang))),
        (t("crisis.debrief.suspended_count", lang), str(len(crisis.suspended))),
    ]
    _table(doc, [t("crisis.debrief.item", lang), t("crisis.debrief.value", lang)], [list(r) for r in summary])

    _heading(doc, t("crisis.debrief.timeline", lang))
    _table(doc, [t("crisis.debrief.when", lang), t("crisis.debrief.who", lang), t("crisis.debrief.what", lang)],
           [[when_text(e.at, brand, lang), e.author or "—", event_text(e.event, e.details, brand, lang)]
            for e in entries])

    _heading(doc, t("crisis.debrief.said", lang))
    said = [e for e in entries if e.event == "said"]
    if not said:
        doc.add_paragraph(t("crisis.debrief.nothing_said", lang))
    for e in said:
        template = e.details.get("template")
        title = t(f"crisis.template.{template}", lang) if template else t("crisis.template.none", lang)
        doc.add_paragraph(f"{when_text(e.at, brand, lang)} — {title} ({e.author or '—'})").runs[0].bold = True
        for line in e.details.get("text", "").split("\n"):
            doc.add_paragraph(line, style="Quote")

    _heading(doc, t("crisis.debrief.checklist", lang))
    points = {p.key: p for p in checkpoints()}
    _table(doc, [t("crisis.debrief.checkpoint", lang), t("crisis.debrief.due", lang), t("crisis.debrief.done", lang)],
           [[f"{_checkpoint(s.key, lang)} — {points[s.key].label[lang]}", when_text(s.due, brand, lang),
             t("crisis.debrief.done_at", lang, when=when_text(s.done_at, brand, lang), by=s.done_by or "—")
             if s.done else t("crisis.debrief.not_done", lang)] for s in checklist(crisis, brand)])

    _heading(doc, t("crisis.debrief.worked", lang))
    doc.add_paragraph(crisis.lessons.get("worked") or t("crisis.debrief.not_written", lang))
    _heading(doc, t("crisis.debrief.change", lang))
    doc.add_paragraph(crisis.lessons.get("change") or t("crisis.debrief.not_written", lang))

    _heading(doc, t("crisis.debrief.posts", lang))
    rescheduled = {e.details["ref"]: e.details["to"] for e in entries if e.event == "rescheduled"}
    ids = [item["post_id"] for item in crisis.suspended]
    posts = {p.id: p for p in session.exec(select(Post).where(Post.id.in_(ids)))} if ids else {}
    rows = []
    for item in crisis.suspended:
        post = posts.get(item["post_id"])
        if item["ref"] in rescheduled:
            new = t("crisis.debrief.accepted", lang, when=when_text(datetime.fromisoformat(rescheduled[item["ref"]]),
                                                                   brand, lang))
        elif item["ref"] in crisis.proposals:
            new = t("crisis.debrief.proposed", lang, when=when_text(datetime.fromisoformat(crisis.proposals[item["ref"]]),
                                                                   brand, lang))
        elif post is None:
            new = t("crisis.debrief.deleted", lang)
        else:
            new = t("crisis.debrief.kept", lang)
        planned = datetime.fromisoformat(item["publish_at"]) if item.get("publish_at") else (post.publish_at if post
                                                                                               else None)
        rows.append([item["ref"], _status(item["status"], lang), when_text(planned, brand, lang),
                     new, _status(post.status, lang) if post else "—"])
    if rows:
        _table(doc, [t("crisis.debrief.ref", lang), t("crisis.debrief.before", lang), t("crisis.debrief.date", lang),
                     t("crisis.debrief.new_date", lang), t("crisis.debrief.now", lang)], rows)
    else:
        doc.add_paragraph(t("crisis.debrief.no_posts", lang))
    out = io.BytesIO()
    doc.save(out)
    return Debrief(out.getvalue(), _filename(brand.name, crisis.id), crisis.id, len(entries))

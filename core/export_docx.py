"""The client's Word calendar: a document a client can read, answer in Word, and send back.

Layout: landscape pages, the brand and period in the header, page numbers in the footer,
a title page with the instructions for answering, a one-page summary of the editorial line
(with a chart of the planned mix), one section per month with one table row per post, and a
validation block. Each row ends with a **Décision** cell holding a Word drop-down content
control (``w:sdt`` + ``w:dropDownList``) and an empty **Commentaire** cell.

Speed: python-docx's ``table.cell(r, c)`` rebuilds the cell grid on every call (quadratic
in rows) and ``add_row().cells`` is slow too, so the rows are built at the XML level: one
prepared row is deep-copied with lxml and its text nodes filled (``bench/export_docx.py``).

Every export records an ``ExportSnapshot`` (who, when, which posts, their text and
version) and embeds its token twice in the document (the core property ``identifier`` and
a hidden paragraph), so that ``core.approvals`` recognises a Calame document, its brand and
what the client saw, even after Word or LibreOffice re-saved it.
"""

from __future__ import annotations

import copy
import io
import re
import secrets
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import format_date
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from sqlmodel import Session, select

from core import refdata
from core.i18n import LANGS, MessageError, t
from core.models import Brand, ExportSnapshot, Persona, Pillar

TOKEN_PREFIX = "calame-export:"
DECISION_TAG = "calame-decision"
COLUMNS = ("ref", "network", "pillar", "text", "extras", "visual", "decision", "comment")
WIDTHS_CM = (3.6, 2.5, 3.0, 7.4, 3.5, 3.1, 2.4, 3.4)  # 28.9 cm minus margins on A4 landscape
REF_RE = re.compile(r"^(CAL-\d{4}-\d{2}-\d{3,}|IDEE-\d{4,})$")
# XML 1.0 forbids these code points; Word refuses a document that holds them.
FORBIDDEN_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
W_T, W_R, W_BR = qn("w:t"), qn("w:r"), qn("w:br")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


class ExportError(MessageError):
    """An export refused, with a message key for ``core.i18n.t``."""


def clean(text) -> str:
    """Text Word accepts: forbidden control characters removed, line ends made ``\\n``."""
    if text is None:
        return ""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    return FORBIDDEN_RE.sub("", text)


def doc_lang(brief: dict) -> str:
    """The client reads the document in the brand's first language (French by default)."""
    for code in brief.get("brand", {}).get("languages") or []:
        if code in LANGS:
            return code
    return "fr"


def business_days_after(start: date, days: int, country: str = "FR") -> date:
    """``start`` plus ``days`` business days (weekends and the country's public holidays skipped)."""
    import holidays

    try:
        off = holidays.country_holidays(country or "FR", years=range(start.year, start.year + 2))
    except NotImplementedError:
        off = {}
    current, left = start, days
    while left > 0:
        current += timedelta(days=1)
        if current.weekday() < 5 and current not in off:
            left -= 1
    return current


def decision_labels(lang: str) -> list[tuple[str, str]]:
    """(status key, label) of the drop-down, in the order the client sees them."""
    return [(key, refdata.label(refdata.POST_STATUSES, key, lang))
            for key, entry in refdata.POST_STATUSES.items() if entry.get("client")]


@dataclass
class Calendar:
    """What goes into a client document: the brief, the period and the posts as dicts."""

    brief: dict
    period_from: date
    period_to: date
    posts: list[dict]
    sent_on: date = field(default_factory=date.today)
    token: str = field(default_factory=lambda: secrets.token_hex(16))

    @property
    def lang(self) -> str:
        return doc_lang(self.brief)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.brief["brand"].get("timezone") or "Europe/Paris")

    def tacit_deadline(self) -> date | None:
        days = self.brief["brand"].get("tacit_approval_days")
        if not days:
            return None
        return business_days_after(self.sent_on, int(days), self.brief["brand"].get("country") or "FR")


# ---------------------------------------------------------------- gathering the posts

def post_dict(post, pillars: dict, personas: dict) -> dict:
    """The fields of a post the client may see (never notes, deadlines or scores)."""
    return {
        "ref": post.ref, "post_id": post.id, "version": post.version,
        "publish_at": post.publish_at, "network": post.network, "format": post.format,
        "pillar": pillars.get(post.pillar_id, ""), "persona": personas.get(post.persona_id, ""),
        "text": clean(post.text), "hashtags": [clean(h) for h in post.hashtags],
        "visual_brief": clean(post.visual_brief), "link": clean(post.link), "status": post.status,
    }


def period_bounds(period_from: date, period_to: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    if period_to < period_from:
        raise ExportError("docx.bad_period", start=period_from.isoformat(), end=period_to.isoformat())
    start = datetime.combine(period_from, time(0), tzinfo=tz)
    end = datetime.combine(period_to + timedelta(days=1), time(0), tzinfo=tz)
    return start, end


def collect(brand_id: int, period_from: date, period_to: date, *, session: Session) -> Calendar:
    from core.brands import brief_of
    from core.posts import posts_between

    brand = session.get(Brand, brand_id)
    if brand is None:
        raise ExportError("docx.brand_not_found", brand=brand_id)
    brief = brief_of(brand_id, session=session)
    tz = ZoneInfo(brand.timezone or "Europe/Paris")
    start, end = period_bounds(period_from, period_to, tz)
    pillars = {p.id: p.name for p in session.exec(select(Pillar).where(Pillar.brand_id == brand_id))}
    personas = {p.id: p.name for p in session.exec(select(Persona).where(Persona.brand_id == brand_id))}
    posts = [post_dict(p, pillars, personas)
             for p in posts_between(brand_id, start, end, session=session) if p.status != "idee"]
    return Calendar(brief=brief, period_from=period_from, period_to=period_to, posts=posts)


def snapshot_posts(calendar: Calendar) -> list[dict]:
    return [{"ref": p["ref"], "post_id": p.get("post_id"), "version": p.get("version"),
             "text": p["text"], "status": p.get("status", ""), "hashtags": list(p["hashtags"])}
            for p in calendar.posts]


@dataclass
class ExportResult:
    data: bytes
    token: str
    snapshot_id: int | None
    count: int
    filename: str


def export_brand(brand_id: int, period_from: date, period_to: date, *, session: Session,
                 created_by: str = "", sent_on: date | None = None) -> ExportResult:
    """Build the client document for a brand's period and record what it holds.

    ``sent_on`` (default: today in the brand's time zone) is the date the document states
    and the tacit-approval deadline counts from; the snapshot is dated that day.
    """
    calendar = collect(brand_id, period_from, period_to, session=session)
    now = datetime.now(calendar.tz)
    calendar.sent_on = sent_on or now.date()
    created_at = datetime.combine(calendar.sent_on, now.timetz())
    data = build(calendar)
    snap = ExportSnapshot(brand_id=brand_id, token=calendar.token, period_from=period_from,
                          period_to=period_to, created_by=created_by, posts=snapshot_posts(calendar),
                          created_at=created_at)
    session.add(snap)
    session.flush()
    return ExportResult(data=data, token=calendar.token, snapshot_id=snap.id,
                        count=len(calendar.posts), filename=filename(calendar))


def filename(calendar: Calendar) -> str:
    name = re.sub(r"[^\w-]+", "-", calendar.brief["brand"]["name"]).strip("-") or "calendrier"
    return f"{name}-calendrier-{calendar.period_from:%Y-%m-%d}-{calendar.period_to:%Y-%m-%d}.docx"


# ---------------------------------------------------------------- the document

@lru_cache(maxsize=4096)
def day_text(d: date, lang: str, pattern: str = "EEEE d MMMM y") -> str:
    """A date in words; French writes the first of the month « 1er »."""
    if lang == "fr" and d.day == 1:
        pattern = pattern.replace("d ", "d'er' ", 1)
    return format_date(d, pattern, locale=lang)


def _fmt_day(d: date, lang: str) -> str:
    return day_text(d, lang)


def _period_text(calendar: Calendar) -> str:
    lang = calendar.lang
    return t("docx.period", lang, start=day_text(calendar.period_from, lang, "d MMMM y"),
             end=day_text(calendar.period_to, lang, "d MMMM y"))


def _field(paragraph, instr: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice compute on display."""
    for kind, text in (("begin", None), ("instr", instr), ("separate", None), ("text", "1"),
                       ("end", None)):
        run = paragraph.add_run()
        if kind == "instr":
            node = parse_xml(f'<w:instrText {nsdecls("w")} xml:space="preserve"> {text} </w:instrText>')
        elif kind == "text":
            node = parse_xml(f'<w:t {nsdecls("w")}>{text}</w:t>')
        else:
            node = parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="{kind}"/>')
        run._r.append(node)


def _setup_page(doc, calendar: Calendar) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(1.2))
    section.top_margin, section.bottom_margin = Cm(1.5), Cm(1.3)
    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(9.5)
    lang = calendar.lang
    header = section.header.paragraphs[0]
    header.text = f"{clean(calendar.brief['brand']['name'])} · {t('docx.title', lang)} · {_period_text(calendar)}"
    header.runs[0].font.size = Pt(8)
    header.runs[0].font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(t("docx.page", lang) + " ")
    _field(footer, "PAGE")
    footer.add_run(" / ")
    _field(footer, "NUMPAGES")
    core = doc.core_properties
    core.title = f"{clean(calendar.brief['brand']['name'])} – {t('docx.title', lang)}"
    core.subject = _period_text(calendar)
    core.author = "Calame"
    core.identifier = TOKEN_PREFIX + calendar.token
    core.language = lang


def _title_page(doc, calendar: Calendar) -> None:
    lang = calendar.lang
    brand = calendar.brief["brand"]
    doc.add_paragraph().paragraph_format.space_before = Pt(60)
    title = doc.add_paragraph(style="Title")
    title.add_run(clean(brand["name"]))
    doc.add_paragraph(t("docx.title", lang), style="Subtitle")
    doc.add_paragraph(_period_text(calendar))
    doc.add_paragraph(t("docx.sent_on", lang, date=_fmt_day(calendar.sent_on, lang),
                        count=len(calendar.posts)))
    deadline = calendar.tacit_deadline()
    if deadline:
        doc.add_paragraph(t("docx.answer_by", lang, date=_fmt_day(deadline, lang)))
    doc.add_heading(t("docx.howto_title", lang), level=2)
    labels = " / ".join(label for _, label in decision_labels(lang))
    for key in ("docx.howto_pick", "docx.howto_type", "docx.howto_comment", "docx.howto_text",
                "docx.howto_return"):
        doc.add_paragraph(t(key, lang, labels=labels), style="List Bullet")
    marker = doc.add_paragraph()
    run = marker.add_run(TOKEN_PREFIX + calendar.token)
    run.font.hidden = True
    run.font.size = Pt(1)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _planned_mix(calendar: Calendar) -> tuple[str, list[tuple[str, int, float | None, str]]]:
    """(dimension, [(label, planned posts, target %, colour)]): by pillar, else by network."""
    pillars = {p["name"]: p for p in calendar.brief.get("pillars") or []}
    counts: dict[str, int] = {}
    if pillars or any(p["pillar"] for p in calendar.posts):
        for post in calendar.posts:
            name = post["pillar"] or t("docx.no_pillar", calendar.lang)
            counts[name] = counts.get(name, 0) + 1
        names = list(pillars) + [n for n in counts if n not in pillars]
        return "pillar", [(n, counts.get(n, 0), pillars[n]["target_share"] if n in pillars else None,
                           pillars[n]["colour"] if n in pillars else "#9E9E9E") for n in names]
    for post in calendar.posts:
        counts[post["network"]] = counts.get(post["network"], 0) + 1
    palette = ["#4C78A8", "#F58518", "#54A24B", "#E45756", "#72B7B2", "#B279A2", "#FF9DA6", "#9D755D"]
    return "network", [(refdata.label(refdata.NETWORKS, n, calendar.lang), c, None, palette[i % 8])
                       for i, (n, c) in enumerate(sorted(counts.items(), key=lambda kv: -kv[1]))]


def chart_png(rows: list[tuple[str, int, float | None, str]], lang: str) -> bytes:
    """A horizontal bar chart of the planned mix (share of posts), with the target as a tick.

    Drawn with Pillow (already installed with Streamlit) rather than matplotlib.
    """
    from PIL import Image, ImageDraw, ImageFont

    def font(size):
        try:
            return ImageFont.truetype(str(FONT), size)
        except OSError:
            return ImageFont.load_default()

    small, big = font(22), font(26)
    total = sum(r[1] for r in rows) or 1
    width, left, bar_w, line = 1500, 460, 760, 60
    height = 120 + line * max(len(rows), 1)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    draw.text((20, 20), t("docx.chart_title", lang), fill="#222222", font=big)
    for i, (label, count, target, colour) in enumerate(rows):
        y = 90 + i * line
        share = 100.0 * count / total
        draw.text((20, y + 8), label[:34], fill="#222222", font=small)
        draw.rectangle((left, y, left + max(2, int(bar_w * share / 100)), y + 38), fill=colour)
        caption = f"{share:.0f} %"
        if target is not None:
            x = left + int(bar_w * target / 100)
            draw.line((x, y - 6, x, y + 50), fill="#000000", width=5)
            caption += " · " + t("docx.chart_target", lang, target=f"{target:.0f}")
        draw.text((left + bar_w + 20, y + 8), caption, fill="#222222", font=small)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def _simple_table(doc, header: list[str], rows: list[list[str]], widths: list[float]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text, w in zip(table.rows[0].cells, header, widths):
        cell.width = Cm(w)
        cell.paragraphs[0].add_run(text).bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, text, w in zip(cells, values, widths):
            cell.width = Cm(w)
            cell.text = clean(text)


def _summary_page(doc, calendar: Calendar) -> None:
    lang, brief = calendar.lang, calendar.brief
    doc.add_heading(t("docx.summary_title", lang), level=1)
    objectives = brief.get("objectives") or []
    if objectives:
        doc.add_heading(t("docx.objectives", lang), level=3)
        _simple_table(doc, [t("docx.objective", lang), t("docx.kpi", lang)],
                      [[refdata.label(refdata.OBJECTIVES, o["kind"], lang), o.get("kpi", "")]
                       for o in objectives], [8, 18])
    personas = brief.get("personas") or []
    if personas:
        doc.add_heading(t("docx.personas", lang), level=3)
        for p in personas:
            para = doc.add_paragraph(style="List Bullet")
            para.add_run(clean(p["name"])).bold = True
            ages = ""
            if p.get("age_min") and p.get("age_max"):
                ages = t("docx.ages", lang, low=p["age_min"], high=p["age_max"])
            para.add_run(f"{ages} : {clean(p.get('description', ''))}" if lang == "fr"
                         else f"{ages}: {clean(p.get('description', ''))}")
    channels = brief.get("channels") or []
    if channels:
        doc.add_heading(t("docx.networks", lang), level=3)
        planned: dict[str, int] = {}
        for post in calendar.posts:
            planned[post["network"]] = planned.get(post["network"], 0) + 1
        doc.add_paragraph(" · ".join(
            t("docx.frequency", lang, network=refdata.label(refdata.NETWORKS, c["network"], lang),
              per_week=f"{c['posts_per_week']:g}", planned=planned.get(c["network"], 0))
            for c in channels))
    dimension, rows = _planned_mix(calendar)
    pillars = brief.get("pillars") or []
    if pillars:
        doc.add_heading(t("docx.pillars", lang), level=3)
        doc.add_paragraph(" · ".join(f"{clean(p['name'])} ({p['target_share']:g} %)" for p in pillars))
    if rows:
        doc.add_paragraph().add_run().add_picture(io.BytesIO(chart_png(rows, lang)), width=Cm(17))
        doc.add_paragraph(t(f"docx.chart_caption_{dimension}", lang)).runs[0].italic = True


# ---- the calendar table, built at the XML level

def _cell_xml(width_cm: float, paragraphs: int, shade: str | None = None, decision: str = "") -> str:
    twips = int(width_cm * 567)
    shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{shade}"/>' if shade else ""
    if decision:
        body = f'<w:p><w:pPr><w:spacing w:after="0"/></w:pPr>{decision}</w:p>'
    else:
        body = "".join('<w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
                       '<w:r><w:t xml:space="preserve"></w:t></w:r></w:p>' for _ in range(paragraphs))
        if paragraphs == 0:
            body = '<w:p><w:pPr><w:spacing w:after="0"/></w:pPr></w:p>'
    return f'<w:tc><w:tcPr><w:tcW w:w="{twips}" w:type="dxa"/>{shading}</w:tcPr>{body}</w:tc>'


def decision_sdt(lang: str) -> str:
    """A Word drop-down content control, empty (showing its placeholder) by default."""
    items = "".join(f'<w:listItem w:displayText="{label}" w:value="{key}"/>'
                    for key, label in decision_labels(lang))
    placeholder = t("docx.pick", lang)
    return (f'<w:sdt><w:sdtPr><w:alias w:val="{t("docx.col_decision", lang)}"/>'
            f'<w:tag w:val="{DECISION_TAG}"/><w:showingPlcHdr/>'
            f'<w:dropDownList>{items}</w:dropDownList></w:sdtPr>'
            f'<w:sdtContent><w:r><w:rPr><w:color w:val="808080"/></w:rPr>'
            f'<w:t>{placeholder}</w:t></w:r></w:sdtContent></w:sdt>')


# Text slots of the prepared row, in document order: (column, paragraphs).
ROW_SLOTS = (("ref", 3), ("network", 2), ("pillar", 2), ("text", 1), ("extras", 2),
             ("visual", 1))


def prepared_row(lang: str):
    cells = [_cell_xml(w, n, shade="F2F2F2" if col == "ref" else None)
             for (col, n), w in zip(ROW_SLOTS, WIDTHS_CM)]
    cells.append(_cell_xml(WIDTHS_CM[6], 0, shade="FFF8E1", decision=decision_sdt(lang)))
    cells.append(_cell_xml(WIDTHS_CM[7], 0, shade="FFF8E1"))
    row = parse_xml(f'<w:tr {nsdecls("w")}><w:trPr><w:cantSplit/></w:trPr>{"".join(cells)}</w:tr>')
    # the reference is bold
    ref_run = row.find(f"{qn('w:tc')}/{qn('w:p')}/{W_R}")
    ref_run.insert(0, parse_xml(f'<w:rPr {nsdecls("w")}><w:b/></w:rPr>'))
    return row


def _header_row(lang: str):
    cells = "".join(
        f'<w:tc><w:tcPr><w:tcW w:w="{int(w * 567)}" w:type="dxa"/>'
        f'<w:shd w:val="clear" w:color="auto" w:fill="{"F9A825" if col in ("decision", "comment") else "D9E2F3"}"/>'
        f'</w:tcPr><w:p><w:pPr><w:spacing w:after="0"/></w:pPr><w:r><w:rPr><w:b/></w:rPr>'
        f'<w:t xml:space="preserve">{_xml_escape(t("docx.col_" + col, lang))}</w:t></w:r></w:p></w:tc>'
        for col, w in zip(COLUMNS, WIDTHS_CM))
    return parse_xml(f'<w:tr {nsdecls("w")}><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{cells}</w:tr>')


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _new_table(doc, lang: str):
    grid = "".join(f'<w:gridCol w:w="{int(w * 567)}"/>' for w in WIDTHS_CM)
    borders = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>'
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    tbl = parse_xml(
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{int(sum(WIDTHS_CM) * 567)}" w:type="dxa"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="70" w:type="dxa"/><w:right w:w="70" w:type="dxa"/></w:tblCellMar>'
        f'<w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid></w:tbl>')
    tbl.append(_header_row(lang))
    doc.element.body.insert(len(doc.element.body) - 1, tbl)  # before the final sectPr
    return tbl


def _set(t_el, value: str) -> None:
    """Fill a ``w:t``; line breaks become ``w:br`` in the same run."""
    if "\n" not in value:
        t_el.text = value
        return
    lines = value.split("\n")
    t_el.text = lines[0]
    run = t_el.getparent()
    for line in lines[1:]:
        run.append(run.makeelement(W_BR, {}))
        extra = run.makeelement(W_T, {XML_SPACE: "preserve"})
        extra.text = line
        run.append(extra)


def row_values(post: dict, lang: str, tz: ZoneInfo) -> list[str]:
    """The texts of a row's slots, in the prepared row's order."""
    when = post["publish_at"]
    if when is not None and when.tzinfo is None:
        when = when.replace(tzinfo=ZoneInfo("UTC"))
    local = when.astimezone(tz) if when is not None else None
    hashtags = " ".join(h if h.startswith("#") else f"#{h}" for h in post.get("hashtags") or [] if h)
    return [
        post["ref"],
        day_text(local.date(), lang, "EEEE d MMMM") if local else "",
        local.strftime("%H:%M") if local else "",
        refdata.label(refdata.NETWORKS, post.get("network", ""), lang),
        clean(post.get("format", "")).replace("_", " "),
        clean(post.get("pillar", "")),
        clean(post.get("persona", "")),
        clean(post.get("text", "")),
        clean(hashtags),
        clean(post.get("link", "")),
        clean(post.get("visual_brief", "")),
    ]


def fill_table(tbl, posts: list[dict], lang: str, tz: ZoneInfo) -> None:
    """Append one row per post by deep-copying a prepared row and filling its text nodes."""
    template = prepared_row(lang)
    slots = [el for el in template.iter(W_T)][:11]  # the decision placeholder comes after
    assert len(slots) == 11
    for post in posts:
        row = copy.deepcopy(template)
        texts = list(row.iter(W_T))
        for t_el, value in zip(texts, row_values(post, lang, tz)):
            if value:
                _set(t_el, value)
        tbl.append(row)


def _months(calendar: Calendar) -> list[tuple[date, list[dict]]]:
    groups: dict[tuple[int, int], list[dict]] = {}
    tz = calendar.tz
    for post in calendar.posts:
        local = post["publish_at"].astimezone(tz)
        groups.setdefault((local.year, local.month), []).append(post)
    month = date(calendar.period_from.year, calendar.period_from.month, 1)
    result = []
    while month <= calendar.period_to:
        result.append((month, groups.get((month.year, month.month), [])))
        month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return result


def _validation_block(doc, calendar: Calendar) -> None:
    lang = calendar.lang
    doc.add_section(WD_SECTION.NEW_PAGE)
    doc.add_heading(t("docx.validation_title", lang), level=1)
    doc.add_paragraph(t("docx.validation_intro", lang))
    for key in ("docx.global_all", "docx.global_reserve"):
        doc.add_paragraph("☐ " + t(key, lang))
    for key in ("docx.sign_name", "docx.sign_date", "docx.sign_signature"):
        doc.add_paragraph(t(key, lang) + " ______________________________________")
    deadline = calendar.tacit_deadline()
    if deadline:
        days = calendar.brief["brand"]["tacit_approval_days"]
        para = doc.add_paragraph()
        para.add_run(t("docx.tacit_rule", lang, days=days, date=_fmt_day(deadline, lang))).bold = True


def _paragraph(doc, text: str, style_id: str | None = None) -> None:
    """A paragraph appended at the XML level (python-docx looks styles up by name slowly)."""
    style = f'<w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>' if style_id else ""
    p = parse_xml(f'<w:p {nsdecls("w")}>{style}<w:r><w:t xml:space="preserve">'
                  f'{_xml_escape(clean(text))}</w:t></w:r></w:p>')
    body = doc.element.body
    body.insert(len(body) - 1, p)


def build(calendar: Calendar) -> bytes:
    """The .docx bytes of ``calendar``."""
    lang = calendar.lang
    doc = Document()
    _setup_page(doc, calendar)
    _title_page(doc, calendar)
    _summary_page(doc, calendar)
    heading_style = doc.styles["Heading 1"].style_id
    for month, posts in _months(calendar):
        doc.add_section(WD_SECTION.NEW_PAGE)
        _paragraph(doc, format_date(month, "LLLL y", locale=lang).capitalize(), heading_style)
        if not posts:
            _paragraph(doc, t("docx.no_posts_month", lang))
            continue
        _paragraph(doc, t("docx.month_count", lang, count=len(posts)))
        tbl = _new_table(doc, lang)
        fill_table(tbl, posts, lang, calendar.tz)
    _validation_block(doc, calendar)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def build_naive(calendar: Calendar) -> bytes:
    """The same table filled cell by cell with ``table.cell(r, c)``: the benchmark's baseline."""
    lang = calendar.lang
    doc = Document()
    _setup_page(doc, calendar)
    table = doc.add_table(rows=len(calendar.posts) + 1, cols=len(COLUMNS))
    table.style = "Table Grid"
    for c, col in enumerate(COLUMNS):
        table.cell(0, c).text = t("docx.col_" + col, lang)
    for r, post in enumerate(calendar.posts, start=1):
        v = row_values(post, lang, calendar.tz)
        cells = ["\n".join(v[0:3]), "\n".join(v[3:5]), "\n".join(v[5:7]), v[7], "\n".join(v[8:10]),
                 v[10], t("docx.pick", lang), ""]
        for c, value in enumerate(cells):
            table.cell(r, c).text = value
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- command line

def _parse_date(value: str, lang: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ExportError("docx.bad_date", value=value) from exc


def cmd_export_docx(args) -> int:
    from core import db
    from core.cli import CliError, brand_arg, ui_lang

    lang = ui_lang(args)
    try:
        if args.brief:
            result = _export_from_brief(args, lang)
        else:
            if not (args.brand and args.date_from and args.date_to):
                raise CliError(t("docx.cli_need_brand", lang))
            db.upgrade()
            with db.transaction() as session:
                brand = brand_arg(args.brand, session=session, lang=lang)
                result = export_brand(brand.id, _parse_date(args.date_from, lang),
                                      _parse_date(args.date_to, lang), session=session,
                                      created_by=args.by or "")
    except ExportError as exc:
        raise CliError(exc.message(lang)) from exc
    out = Path(args.out or result.filename)
    out.write_bytes(result.data)
    import sys

    print(t("docx.cli_done", lang, path=str(out), count=result.count, token=result.token),
          file=sys.stderr)
    return 0


def _export_from_brief(args, lang: str) -> ExportResult:
    """Plan from a brief file and export, in a temporary database (scripts, benchmarks)."""
    import tempfile

    from core import brief as brief_mod
    from core import db
    from core.brands import save_brief
    from core.cli import CliError

    try:
        from core import planner
    except ImportError as exc:
        raise CliError(t("docx.cli_planner_missing", lang)) from exc
    if not args.start:
        raise CliError(t("docx.cli_need_start", lang))
    start = _parse_date(args.start, lang)
    months = int(args.months or 1)
    data, problems = brief_mod.validate_text(brief_mod.read_text(Path(args.brief)))
    if problems:
        raise CliError("; ".join(p.render(lang, args.brief) for p in problems))
    with tempfile.TemporaryDirectory() as tmp:
        engine = db.make_engine(f"sqlite:///{Path(tmp) / 'calame.db'}")
        db.upgrade(engine)
        with db.transaction(engine) as session:
            brand = save_brief(data, session=session)
            brand_id = brand.id
        with db.transaction(engine) as session:
            planner.plan_brand(brand_id, start, months, session=session, seed=args.seed, score=False)
        end = date(start.year + (start.month + months - 1) // 12, (start.month + months - 1) % 12 + 1, 1)
        with db.transaction(engine) as session:
            result = export_brand(brand_id, start, end - timedelta(days=1), session=session)
        engine.dispose()
    return result


def add_cli(sub) -> None:
    p = sub.add_parser("export", help="export the calendar (Word for the client, ICS, CSV)")
    esub = p.add_subparsers(dest="export_command", metavar="FORMAT", required=True)
    d = esub.add_parser("docx", help="the client's Word calendar, to approve and send back")
    d.add_argument("--brand", help="brand name or id")
    d.add_argument("--from", dest="date_from", help="first day, YYYY-MM-DD")
    d.add_argument("--to", dest="date_to", help="last day, YYYY-MM-DD (included)")
    d.add_argument("--out", help="the .docx to write (default: a name with brand and period)")
    d.add_argument("--by", help="who sends it (recorded with the export)")
    d.add_argument("--brief", help="plan this brief file and export it, without the database")
    d.add_argument("--start", help="with --brief: first day of the plan, YYYY-MM-DD")
    d.add_argument("--months", type=int, default=1, help="with --brief: number of months")
    d.add_argument("--seed", type=int, default=0, help="with --brief: the planner's seed")
    d.set_defaults(func=cmd_export_docx)
    from core import exports

    exports.add_export_cli(esub, sub)

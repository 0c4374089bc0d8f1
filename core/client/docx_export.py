"""The client's Word calendar: a document a client can read, answer in Word, and send back.

Layout: landscape pages, the agency's logo and name, the brand and period in the header,
page numbers in the footer, a title page with the instructions for answering, a one-page
summary of the editorial line (with a chart of the planned mix), one section per month with
one table row per post, and a validation block. A row starts with the post's text, the
widest cell, then one compact cell for the reference, date, time, network, format and
pillar, the hashtags and link, and the visual (its thumbnail when the post has one, else its
description); it ends with a **Décision** cell holding a Word drop-down content control
(``w:sdt`` + ``w:dropDownList``) and an empty **Commentaire** cell. That is layout 2
(``core.client.calendar.LAYOUT_COLUMNS``), marked hidden in the document for the answer
reader; documents sent before it (layout 1, the reference first) are still read.

Speed: python-docx's ``table.cell(r, c)`` rebuilds the cell grid on every call (quadratic
in rows) and ``add_row().cells`` is slow too, so the rows are built at the XML level: one
prepared row is deep-copied with lxml and its text nodes filled (``bench/export_docx.py``).

Every export records an ``ExportSnapshot`` (who, when, which posts, their text and
version) and embeds its token twice in the document (the core property ``identifier`` and
a hidden paragraph), so that ``core.client.docx_answer`` recognises a Calame document, its brand and
what the client saw, even after Word or LibreOffice re-saved it.
"""

from __future__ import annotations

import copy
import io
import re
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import format_date
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from sqlmodel import Session

from core import db, labels, refdata
from core.accounts import review
from core.brands import save_brief
from core.client.calendar import (LAYOUT, LAYOUT_COLUMNS, LAYOUT_PREFIX, TOKEN_PREFIX, Calendar, clean, collect,
                                  decision_labels, snapshot_posts)
from core.dates import add_months, month_starts
from core.i18n import t
from core.media.rules import money
from core.models import ExportSnapshot
from core.planning import planner

DECISION_TAG = "calame-decision"
COLUMNS = LAYOUT_COLUMNS[LAYOUT]
# The columns' order is what core.client.docx_answer reads back (a new order is a new layout
# there); their widths are shares of the page's text area, the text taking the most.
SHARES = (0.43, 0.13, 0.10, 0.18, 0.065, 0.095)
TEXT, EXTRAS, VISUAL = COLUMNS.index("text"), COLUMNS.index("extras"), COLUMNS.index("visual")
THUMB_CM = (2.6, 2.2)  # the thumbnail's largest width and height in its cell
LOGO_CM = 0.9  # the logo's height in the header
PAPERS = {"a4": (29.7, 21.0), "letter": (27.94, 21.59)}  # landscape, cm
LETTER_COUNTRIES = {"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "CR", "PA"}  # where Letter is the usual paper
MARGIN_CM = 1.2
GUARD_CM = 0.3  # the cells' own padding sticks out of the grid: kept inside the margins
META_PT = 8  # the metadata cells' font: compact
TEXT_PT = 9  # the post text's, the widest cell: as the client will read it, a little smaller than the body
CHAR_CM = 0.18  # the width of a character at 8 pt (Calibri/Carlito, wide letters included)
W_T, W_R, W_BR = qn("w:t"), qn("w:r"), qn("w:br")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


# ---------------------------------------------------------------- gathering the posts


@dataclass
class ExportResult:
    data: bytes
    token: str
    snapshot_id: int | None
    count: int
    filename: str
    left_out: tuple = ()  # posts awaiting their internal review, left out (only_reviewed)


def export_brand(brand_id: int, period_from: date, period_to: date, *, session: Session,
                 created_by: str = "", sent_on: date | None = None, only_reviewed: bool = False) -> ExportResult:
    """Build the client document for a brand's period and record what it holds.

    ``sent_on`` (default: today in the brand's time zone) is the date the document states
    and the tacit-approval deadline counts from; the snapshot is dated that day. A post
    awaiting its internal review refuses the export (``ReviewPending``, listing them), or
    with ``only_reviewed`` stays out of the document and the snapshot (core.accounts.review).
    """
    calendar = review.for_client(collect(brand_id, period_from, period_to, session=session), session=session,
                                 only_reviewed=only_reviewed)
    now = datetime.now(calendar.tz)
    calendar.sent_on = sent_on or now.date()
    created_at = datetime.combine(calendar.sent_on, now.timetz())
    data = build(calendar, author=created_by)
    snap = ExportSnapshot(brand_id=brand_id, token=calendar.token, period_from=period_from,
                          period_to=period_to, created_by=created_by, posts=snapshot_posts(calendar),
                          created_at=created_at)
    session.add(snap)
    session.flush()
    return ExportResult(data=data, token=calendar.token, snapshot_id=snap.id,
                        count=len(calendar.posts), filename=filename(calendar), left_out=tuple(calendar.left_out))


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


def paper(calendar: Calendar) -> str:
    """US Letter for the brands of the countries that use it, A4 everywhere else."""
    return "letter" if (calendar.brief["brand"].get("country") or "FR").upper() in LETTER_COUNTRIES else "a4"


def widths(calendar: Calendar) -> tuple[float, ...]:
    """The columns' widths (cm): the page's text area shared out, so that the table never
    crosses the margins; the hashtags' column is widened to hold the longest hashtag on one
    line (Word breaks a word that does not fit), taken from the text's column."""
    page_w, _ = PAPERS[paper(calendar)]
    area = page_w - 2 * MARGIN_CM - GUARD_CM
    cols = [area * share for share in SHARES]
    longest = max((len(h) for p in calendar.posts for h in p.get("hashtags") or []), default=0)
    need = min(longest * CHAR_CM + 0.4, area * 0.2)
    if need > cols[EXTRAS]:
        cols[TEXT] -= need - cols[EXTRAS]
        cols[EXTRAS] = need
    return tuple(round(c, 2) for c in cols)


def _setup_page(doc, calendar: Calendar) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    page_w, page_h = PAPERS[paper(calendar)]
    section.page_width, section.page_height = Cm(page_w), Cm(page_h)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(MARGIN_CM))
    section.top_margin, section.bottom_margin = Cm(1.5), Cm(1.3)
    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(9.5)
    lang = calendar.lang
    header = section.header.paragraphs[0]
    if calendar.logo:
        header.add_run().add_picture(io.BytesIO(calendar.logo), height=Cm(LOGO_CM))
        header.add_run("  ")
    brand = clean(calendar.brief["brand"]["name"])
    agency = clean(calendar.agency).strip()
    names = f"{agency} · {brand}" if agency and agency != brand else brand
    run = header.add_run(f"{names} · {t('docx.title', lang)} · {_period_text(calendar)}")
    run.font.size = Pt(8)
    run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(t("docx.page", lang) + " ")
    _field(footer, "PAGE")
    footer.add_run(" / ")
    _field(footer, "NUMPAGES")
    core = doc.core_properties
    core.title = f"{clean(calendar.brief['brand']['name'])} – {t('docx.title', lang)}"
    core.subject = _period_text(calendar)
    core.author = clean(calendar.agency).strip()[:120] or clean(calendar.brief["brand"]["name"])
    core.identifier = TOKEN_PREFIX + calendar.token
    core.language = lang


def _title_page(doc, calendar: Calendar) -> None:
    lang = calendar.lang
    brand = calendar.brief["brand"]
    doc.add_paragraph().paragraph_format.space_before = Pt(60)
    agency = clean(calendar.agency).strip()
    if calendar.logo:
        doc.add_paragraph().add_run().add_picture(io.BytesIO(calendar.logo), height=Cm(2.2))
    title = doc.add_paragraph(style="Title")
    title.add_run(clean(brand["name"]))
    doc.add_paragraph(t("docx.title", lang), style="Subtitle")
    doc.add_paragraph(_period_text(calendar))
    if agency and agency != clean(brand["name"]):
        doc.add_paragraph(t("docx.prepared_by", lang, agency=agency))
    doc.add_paragraph(labels.plural("docx.sent_on", lang, len(calendar.posts),
                                    date=_fmt_day(calendar.sent_on, lang)))
    deadline = calendar.tacit_deadline()
    if deadline:
        doc.add_paragraph(t("docx.answer_by", lang, date=_fmt_day(deadline, lang)))
    doc.add_heading(t("docx.howto_title", lang), level=2)
    choices = " / ".join(label for _, label in decision_labels(lang))
    for key in ("docx.howto_pick", "docx.howto_type", "docx.howto_comment", "docx.howto_text",
                "docx.howto_return"):
        doc.add_paragraph(t(key, lang, labels=choices), style="List Bullet")
    marker = doc.add_paragraph()
    run = marker.add_run(f"{TOKEN_PREFIX}{calendar.token} {LAYOUT_PREFIX}{LAYOUT}")
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
    # Word draws a table's border one cell padding (108 twips) left of the margin: indented
    # by as much, the border sits on the margin.
    table._tbl.tblPr.append(parse_xml(f'<w:tblInd {nsdecls("w")} w:w="108" w:type="dxa"/>'))
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
    area = PAPERS[paper(calendar)][0] - 2 * MARGIN_CM - GUARD_CM
    doc.add_heading(t("docx.summary_title", lang), level=1)
    objectives = brief.get("objectives") or []
    if objectives:
        doc.add_heading(t("docx.objectives", lang), level=3)
        _simple_table(doc, [t("docx.objective", lang), t("docx.kpi", lang)],
                      [[refdata.label(refdata.OBJECTIVES, o["kind"], lang), o.get("kpi", "")]
                       for o in objectives], [area * 0.3, area * 0.7])
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
            labels.plural("docx.frequency", lang, planned.get(c["network"], 0),
                          network=labels.network(c["network"], lang),
                          per_week=labels.number(c["posts_per_week"], lang))
            for c in channels))
    dimension, rows = _planned_mix(calendar)
    pillars = brief.get("pillars") or []
    if pillars:
        doc.add_heading(t("docx.pillars", lang), level=3)
        doc.add_paragraph(" · ".join(f"{clean(p['name'])} ({labels.number(p['target_share'], lang)}\u00a0%)" for p in pillars))
    if rows:
        doc.add_paragraph().add_run().add_picture(io.BytesIO(chart_png(rows, lang)), width=Cm(17))
        doc.add_paragraph(t(f"docx.chart_caption_{dimension}", lang)).runs[0].italic = True


# ---- the calendar table, built at the XML level

def _cell_xml(width_cm: float, paragraphs: int, shade: str | None = None, decision: str = "",
              size_pt: float | None = None) -> str:
    twips = int(width_cm * 567)
    shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{shade}"/>' if shade else ""
    size = f'<w:rPr><w:sz w:val="{int(size_pt * 2)}"/></w:rPr>' if size_pt else ""
    spacing = '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
    if decision:
        body = f'<w:p><w:pPr>{spacing}</w:pPr>{decision}</w:p>'
    else:
        body = "".join(f'<w:p><w:pPr>{spacing}</w:pPr>'
                       f'<w:r>{size}<w:t xml:space="preserve"></w:t></w:r></w:p>' for _ in range(paragraphs))
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


# Text slots of the prepared row, in document order: (column, paragraphs). The meta cell's
# first paragraph is the reference (bold: what the answer reader looks for), its second the
# date, time, network, format, pillar and persona, one a line.
ROW_SLOTS = (("text", 1), ("meta", 2), ("extras", 1), ("visual", 1))
SLOTS = sum(n for _, n in ROW_SLOTS)


def prepared_row(lang: str, cols: tuple[float, ...]):
    cells = [_cell_xml(w, n, shade="F2F2F2" if col == "meta" else None, size_pt=TEXT_PT if col == "text" else META_PT)
             for (col, n), w in zip(ROW_SLOTS, cols)]
    cells.append(_cell_xml(cols[COLUMNS.index("decision")], 0, shade="FFF8E1", decision=decision_sdt(lang)))
    cells.append(_cell_xml(cols[COLUMNS.index("comment")], 0, shade="FFF8E1"))
    row = parse_xml(f'<w:tr {nsdecls("w")}><w:trPr><w:cantSplit/></w:trPr>{"".join(cells)}</w:tr>')
    # the reference is bold
    ref_run = row.findall(qn("w:tc"))[COLUMNS.index("meta")].find(f"{qn('w:p')}/{W_R}")
    ref_run.find(qn("w:rPr")).insert(0, parse_xml(f'<w:b {nsdecls("w")}/>'))
    return row


def _header_row(lang: str, cols: tuple[float, ...]):
    cells = "".join(
        f'<w:tc><w:tcPr><w:tcW w:w="{int(w * 567)}" w:type="dxa"/>'
        f'<w:shd w:val="clear" w:color="auto" w:fill="{"F9A825" if col in ("decision", "comment") else "D9E2F3"}"/>'
        f'</w:tcPr><w:p><w:pPr><w:spacing w:after="0"/></w:pPr><w:r><w:rPr><w:b/><w:sz w:val="{META_PT * 2}"/></w:rPr>'
        f'<w:t xml:space="preserve">{_xml_escape(t("docx.col_" + col, lang))}</w:t></w:r></w:p></w:tc>'
        for col, w in zip(COLUMNS, cols))
    return parse_xml(f'<w:tr {nsdecls("w")}><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{cells}</w:tr>')


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _new_table(doc, lang: str, cols: tuple[float, ...]):
    grid = "".join(f'<w:gridCol w:w="{int(w * 567)}"/>' for w in cols)
    borders = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>'
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    tbl = parse_xml(
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{int(sum(cols) * 567)}" w:type="dxa"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="70" w:type="dxa"/><w:right w:w="70" w:type="dxa"/></w:tblCellMar>'
        f'<w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid></w:tbl>')
    tbl.append(_header_row(lang, cols))
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
    """The texts a row shows, field by field: reference, day, time, network, format, pillar,
    persona, text, hashtags, link, visual (its description and the paid line)."""
    when = post["publish_at"]
    if when is not None and when.tzinfo is None:
        when = when.replace(tzinfo=ZoneInfo("UTC"))
    local = when.astimezone(tz) if when is not None else None
    hashtags = " ".join(h if h.startswith("#") else f"#{h}" for h in post.get("hashtags") or [] if h)
    return [
        post["ref"],
        day_text(local.date(), lang, "EEE d MMMM") if local else "",
        local.strftime("%H:%M") if local else "",
        labels.network(post.get("network", ""), lang),
        clean(labels.fmt(post.get("format", ""), lang)),
        clean(post.get("pillar", "")),
        clean(post.get("persona", "")),
        clean(post.get("text", "")),
        clean(hashtags),
        clean(post.get("link", "")),
        "\n".join(v for v in (clean(post.get("visual_brief", "")), sponsored(post.get("sponsor"), lang)) if v),
    ]


def _set_lines(t_el, value: str) -> None:
    """Fill a ``w:t`` with a multi-line text, one paragraph a line: an empty line becomes an
    empty paragraph a third as high (a post's blank lines would otherwise take a page in
    five). The answer reader joins the paragraphs with line ends: the text reads back as it was."""
    lines = value.split("\n")
    t_el.text = lines[0]
    paragraph = t_el.getparent().getparent()
    template = copy.deepcopy(paragraph)
    anchor = paragraph
    for line in lines[1:]:
        new = copy.deepcopy(template)
        if line:
            next(new.iter(W_T)).text = line
        else:
            for run in new.findall(W_R):
                new.remove(run)
            new.find(qn("w:pPr")).append(parse_xml(f'<w:rPr {nsdecls("w")}><w:sz w:val="6"/></w:rPr>'))
        anchor.addnext(new)
        anchor = new


def cell_values(post: dict, lang: str, tz: ZoneInfo) -> list[str]:
    """The texts of a row's slots, in the prepared row's order (``ROW_SLOTS``): empty lines
    of the compact cells are left out, so that a row is as high as its text needs. With a
    thumbnail, the visual's cell shows it instead of the description (the paid line stays)."""
    ref, day, hour, network, fmt, pillar, persona, text, hashtags, link, visual = row_values(post, lang, tz)
    lines = lambda *parts: "\n".join(p for p in parts if p)  # noqa: E731
    joined = lambda *parts: " · ".join(p for p in parts if p)  # noqa: E731
    if post.get("thumb"):
        visual = sponsored(post.get("sponsor"), lang)
    return [text, ref, lines(joined(day, hour), joined(network, fmt), joined(pillar, persona)),
            lines(hashtags, link), visual]


def _thumbnail_run(part, thumb: bytes, col_cm: float):
    """A run holding the thumbnail, as large as the cell allows within ``THUMB_CM``."""
    from PIL import Image

    with Image.open(io.BytesIO(thumb)) as image:
        w_px, h_px = image.size
    width = min(THUMB_CM[0], col_cm - 0.35)
    height = width * h_px / w_px
    if height > THUMB_CM[1]:
        height, width = THUMB_CM[1], THUMB_CM[1] * w_px / h_px
    inline = part.new_pic_inline(io.BytesIO(thumb), Cm(width), Cm(height))
    run = parse_xml(f'<w:r {nsdecls("w")}><w:drawing/></w:r>')
    run[0].append(inline)
    return run


def sponsored(line: dict | None, lang: str) -> str:
    """The paid line shown with a post, for the client to approve with it (core.media.approval)."""
    if not line:
        return ""
    who = line.get("audience") or {}
    audience = ", ".join(x for x in (who.get("persona", ""),
                                     f"{who.get('age_min', 18)}–{who.get('age_max', 65)}", *who.get("places", [])) if x)
    return t("docx.sponsored", lang, amount=money(line["amount"], line["currency"], lang),
             daily=money(line["daily"], line["currency"], lang),
             start=day_text(date.fromisoformat(line["start"]), lang, "d MMMM"),
             end=day_text(date.fromisoformat(line["end"]), lang, "d MMMM"), audience=clean(audience))


def fill_table(tbl, posts: list[dict], lang: str, tz: ZoneInfo, cols: tuple[float, ...], part=None) -> None:
    """Append one row per post by deep-copying a prepared row and filling its text nodes;
    ``part`` (the document's) holds the thumbnails' images."""
    template = prepared_row(lang, cols)
    slots = [el for el in template.iter(W_T)][:SLOTS]  # the decision placeholder comes after
    assert len(slots) == SLOTS
    for post in posts:
        row = copy.deepcopy(template)
        texts = list(row.iter(W_T))[:SLOTS]
        for index, (t_el, value) in enumerate(zip(texts, cell_values(post, lang, tz))):
            if value:
                (_set_lines if index == 0 else _set)(t_el, value)
        if post.get("thumb") and part is not None:
            cell = row.findall(qn("w:tc"))[VISUAL]
            paragraph = cell.find(qn("w:p"))
            picture = copy.deepcopy(paragraph)
            for run in picture.findall(W_R):
                picture.remove(run)
            picture.append(_thumbnail_run(part, post["thumb"], cols[VISUAL]))
            paragraph.addprevious(picture)
            if not "".join(t.text or "" for t in paragraph.iter(W_T)):
                cell.remove(paragraph)
        tbl.append(row)


def _months(calendar: Calendar) -> list[tuple[date, list[dict]]]:
    groups: dict[tuple[int, int], list[dict]] = {}
    tz = calendar.tz
    for post in calendar.posts:
        local = post["publish_at"].astimezone(tz)
        groups.setdefault((local.year, local.month), []).append(post)
    return [(month, groups.get((month.year, month.month), []))
            for month in month_starts(calendar.period_from, calendar.period_to)]


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


def build(calendar: Calendar, author: str = "") -> bytes:
    """The .docx bytes of ``calendar``. The file's author is the agency (the workspace's
    name), else the brand, never "Calame"; ``author`` (the person who sent it) is its "last
    modified by"."""
    lang = calendar.lang
    doc = Document()
    _setup_page(doc, calendar)
    doc.core_properties.last_modified_by = clean(author).strip()[:120] or doc.core_properties.author
    _title_page(doc, calendar)
    _summary_page(doc, calendar)
    heading_style = doc.styles["Heading 1"].style_id
    for month, posts in _months(calendar):
        doc.add_section(WD_SECTION.NEW_PAGE)
        _paragraph(doc, format_date(month, "LLLL y", locale=lang).capitalize(), heading_style)
        if not posts:
            _paragraph(doc, t("docx.no_posts_month", lang))
            continue
        _paragraph(doc, labels.plural("docx.month_count", lang, len(posts)))
        cols = widths(calendar)
        tbl = _new_table(doc, lang, cols)
        fill_table(tbl, posts, lang, calendar.tz, cols, doc.part)
    _validation_block(doc, calendar)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def export_brief(data: dict, start: date, months: int, *, seed: int = 0) -> ExportResult:
    """Plan a validated brief and export it, in a temporary database (scripts, benchmarks)."""
    with tempfile.TemporaryDirectory() as tmp:
        engine = db.make_engine(f"sqlite:///{Path(tmp) / 'calame.db'}")
        db.upgrade(engine)
        with db.transaction(engine) as session:
            brand_id = save_brief(data, session=session).id
        with db.transaction(engine) as session:
            planner.plan_brand(brand_id, start, months, session=session, seed=seed, score=False)
        end = add_months(start, months)
        with db.transaction(engine) as session:
            result = export_brand(brand_id, start, end - timedelta(days=1), session=session)
        engine.dispose()
    return result

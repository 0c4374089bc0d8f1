"""The client's results report, in Word: what the posts did against what was planned.

Summary; KPIs against target (red, amber, green; previous period; 90-day baseline); per
network; pillars, personas and formats planned against published; the breakdowns with their
intervals; best times; top and bottom three posts; the recommendations (accepted proposals)
and a methods page (definitions, formulas, source files, what "preuve insuffisante" means).
Charts are drawn with Pillow, installed with Streamlit, like the calendar's mix chart
(``core.client.docx_export.chart_png``): matplotlib would add a dependency and a second of
import to a document that must be built in under two.
"""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm, Pt
from sqlmodel import Session, select

from core import refdata
from core.i18n import t
from core.models import Proposal, ResultImport
from core.results.measures import RATES
from core.results.proposals import explain
from core.results.report import Report
from core.results.targets import METRICS
from core.results.words import number, percent, signed_percent

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
STATUS_FILL = {"green": "C8E6C9", "amber": "FFE0B2", "red": "FFCDD2"}


def _clean(text: str) -> str:
    """Text Word can hold: no control characters (XML 1.0 refuses them)."""
    return "".join(c for c in str(text) if c in "\t\n" or ord(c) >= 32)


def _table(doc, header: list[str], rows: list[list[str]], fills: list[str | None] | None = None) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header):
        cell.paragraphs[0].add_run(text).bold = True
    for index, values in enumerate(rows):
        cells = table.add_row().cells
        for cell, text in zip(cells, values):
            cell.text = _clean(text)
        fill = fills[index] if fills else None
        if fill:
            cells[-1]._tc.get_or_add_tcPr().append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:fill="{fill}"/>'))
    doc.add_paragraph()


def _font(size: int):
    from PIL import ImageFont

    try:
        return ImageFont.truetype(str(FONT), size)
    except OSError:
        return ImageFont.load_default()


def lift_chart(title: str, rows: list[dict], lang: str) -> bytes:
    """Each group's shrunk gap to the usual as a dot, its 90 % interval as a line, 0 marked."""
    from PIL import Image, ImageDraw

    small, big = _font(22), _font(26)
    shown = rows[:12]
    values = [x for r in shown for x in ([r["value"]] + (r["interval"] or [])) if x is not None] or [0.0]
    span = max(0.25, max(abs(min(values)), abs(max(values)))) * 1.1
    width, left, plot, line = 1500, 520, 700, 56
    height = 130 + line * max(len(shown), 1)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    draw.text((20, 20), title, fill="#222222", font=big)
    zero = left + plot // 2

    def x_of(v: float) -> int:
        return int(zero + (plot / 2) * v / span)

    draw.line((zero, 80, zero, height - 20), fill="#888888", width=2)
    for i, row in enumerate(shown):
        y = 95 + i * line
        draw.text((20, y), _clean(row["label"])[:36], fill="#222222", font=small)
        if row["interval"]:
            low, high = row["interval"]
            colour = "#2E7D32" if low > 0 else "#C62828" if high < 0 else "#546E7A"
            draw.line((x_of(low), y + 14, x_of(high), y + 14), fill=colour, width=6)
        else:
            colour = "#B0BEC5"
        if row["value"] is not None:
            cx = x_of(row["value"])
            draw.ellipse((cx - 10, y + 4, cx + 10, y + 24), fill=colour)
        caption = signed_percent(row["value"], lang) + f" · n = {row['posts']}"
        if not row["interval"]:
            caption += " · " + t("report.insufficient", lang)
        draw.text((left + plot + 30, y), caption, fill="#222222", font=small)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def _figure(row: dict, key: str, lang: str) -> str:
    value = row.get(key)
    if value is None:
        return "—"
    if row["unit"] == "rate":
        return percent(value, lang)
    if row["unit"] == "growth":
        return number(value, lang, 1) + ("\u202f%" if lang == "fr" else "%")
    return number(value, lang)


def _interval(row: dict, lang: str) -> str:
    if not row["interval"]:
        return t("report.insufficient", lang)
    low, high = row["interval"]
    return t("docx_report.interval", lang, low=signed_percent(low, lang), high=signed_percent(high, lang))


def report_docx(report: Report, brand_id: int, *, session: Session) -> bytes:
    """The Word document of ``report`` (its proposals already stored)."""
    lang = report.lang
    data = report.to_dict()
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    doc.styles["Normal"].font.size = Pt(10)
    period = t("docx_report.period", lang, start=_day(report.start, lang), end=_day(report.end, lang))
    doc.add_heading(t("docx_report.title", lang, brand=report.brand), 0)
    doc.add_paragraph(period)

    doc.add_heading(t("docx_report.summary", lang), 1)
    statuses = [row["status"] for row in data["objectives"]]
    best = next((g for g in data["by"]["pillar"] if g["evidence"] == "above"), None)
    best_cell = next((c for c in data["best_times"]["cells"] if c["evidence"] == "above"), None)
    accepted = [p for p in session.exec(select(Proposal).where(Proposal.brand_id == brand_id,
                                                               Proposal.status == "accepted").order_by(Proposal.id))]
    lines = [t("docx_report.summary_posts", lang, posts=data["posts"], previous=data["previous_posts"]),
             t("docx_report.summary_objectives", lang, total=len(statuses), green=statuses.count("green"),
               amber=statuses.count("amber"), red=statuses.count("red"))]
    if data["paid_posts"]:
        lines.append(t("docx_report.summary_paid", lang, count=len(data["paid_posts"]),
                       refs=", ".join(data["paid_posts"][:10])))
    if best:
        lines.append(t("docx_report.summary_pillar", lang, pillar=best["label"], value=signed_percent(best["value"], lang)))
    if best_cell:
        lines.append(t("docx_report.summary_time", lang, cell=best_cell["label"],
                       value=signed_percent(best_cell["value"], lang)))
    lines.append(t("docx_report.summary_proposals", lang, accepted=len(accepted), waiting=len(data["proposals"])))
    for text in lines:
        doc.add_paragraph(text, style="List Bullet")

    doc.add_heading(t("docx_report.kpis", lang), 1)
    rows, fills = [], []
    for row in data["objectives"]:
        metric = METRICS.get(row["metric"], {}).get(lang, "") if row["metric"] else ""
        network = refdata.label(refdata.NETWORKS, row["network"], lang) if row["network"] else t("docx_report.all_networks", lang)
        rows.append([row["label"], row["kpi"], f"{metric} · {network}" if metric else "—", _figure(row, "target", lang),
                     _figure(row, "expected", lang), _figure(row, "actual", lang), _figure(row, "previous", lang),
                     _figure(row, "baseline_90", lang), t(f"report.status.{row['status']}", lang)])
        fills.append(STATUS_FILL.get(row["status"]))
    _table(doc, [t(f"docx_report.kpi_{k}", lang) for k in
                 ("objective", "text", "metric", "target", "expected", "actual", "previous", "baseline", "status")],
           rows, fills)

    doc.add_heading(t("docx_report.networks", lang), 1)
    _table(doc, [t(f"docx_report.net_{k}", lang) for k in ("network", "posts", "rate", "formula", "gap", "interval")],
           [[g["label"], str(g["posts"]), percent(g["rate"], lang), _formula(g["key"], lang),
             signed_percent(g["value"], lang), _interval(g, lang)] for g in data["by"]["network"]])

    doc.add_heading(t("docx_report.mix", lang), 1)
    for dimension in ("pillar", "persona", "format"):
        doc.add_heading(t(f"report.by.{dimension}", lang), 2)
        _table(doc, [t(f"docx_report.mix_{k}", lang) for k in ("name", "target", "planned", "actual")],
               [[m["label"], "—" if m["target"] is None else number(m["target"], lang) + "\u202f%",
                 "—" if m["planned"] is None else number(m["planned"], lang, 1) + "\u202f%",
                 "—" if m["actual"] is None else number(m["actual"], lang, 1) + "\u202f%"] for m in data["mix"][dimension]])

    doc.add_heading(t("docx_report.breakdowns", lang), 1)
    doc.add_paragraph(t("docx_report.breakdowns_intro", lang))
    for dimension in ("pillar", "format", "persona", "moment", "daypart"):
        rows = data["by"][dimension]
        doc.add_heading(t(f"report.by.{dimension}", lang), 2)
        if dimension in ("pillar", "format") and rows:
            doc.add_picture(io.BytesIO(lift_chart(t(f"report.by.{dimension}", lang), rows, lang)), width=Cm(22))
        _table(doc, [t(f"docx_report.by_{k}", lang) for k in ("name", "posts", "rate", "gap", "interval")],
               [[g["label"], str(g["posts"]), percent(g["rate"], lang), signed_percent(g["value"], lang),
                 _interval(g, lang)] for g in rows])

    doc.add_heading(t("report.best_times", lang), 1)
    cells = data["best_times"]["cells"]
    if cells:
        doc.add_picture(io.BytesIO(lift_chart(t("report.best_times", lang), cells, lang)), width=Cm(22))
    _table(doc, [t(f"docx_report.by_{k}", lang) for k in ("name", "posts", "gap", "interval", "personas")],
           [[c["label"], str(c["posts"]), signed_percent(c["value"], lang), _interval(c, lang),
             t("docx_report.yes" if c["personas_active"] else "docx_report.no", lang)] for c in cells])
    if data["best_times"]["detectable_effect"] is not None:
        doc.add_paragraph(t("docx_report.detectable", lang,
                            effect=signed_percent(data["best_times"]["detectable_effect"], lang)))

    for key, posts in (("top", data["top"]), ("bottom", data["bottom"])):
        doc.add_heading(t(f"docx_report.{key}", lang), 1)
        _table(doc, [t(f"docx_report.post_{k}", lang) for k in ("ref", "network", "date", "text", "rate", "gap")],
               [[p["ref"] or t("report.outside_plan", lang), refdata.label(refdata.NETWORKS, p["network"], lang),
                 p["published_at"][:10], p["text"][:90], percent(p["rate"], lang), signed_percent(p["lift"], lang)]
                for p in posts])

    doc.add_heading(t("docx_report.recommendations", lang), 1)
    if not accepted:
        doc.add_paragraph(t("docx_report.no_recommendation", lang))
    for proposal in accepted:
        parts = explain(proposal, lang)
        doc.add_heading(t(f"proposal.kind.{proposal.kind}", lang), 2)
        for part in ("numbers", "proposal", "why"):
            paragraph = doc.add_paragraph()
            paragraph.add_run(t(f"proposal.heading.{part}", lang) + ("\u00a0: " if lang == "fr" else ": ")).bold = True
            paragraph.add_run(_clean(parts[part]))

    doc.add_page_break()
    doc.add_heading(t("docx_report.methods", lang), 1)
    for key in ("methods_rate", "methods_lift", "methods_shrinkage", "methods_insufficient", "methods_status"):
        doc.add_paragraph(t(f"docx_report.{key}", lang))
    _table(doc, [t("docx_report.net_network", lang), t("docx_report.net_formula", lang)],
           [[refdata.label(refdata.NETWORKS, n, lang), _formula(n, lang)] for n in RATES])
    doc.add_heading(t("docx_report.sources", lang), 2)
    imports = session.exec(select(ResultImport).where(ResultImport.brand_id == brand_id).order_by(ResultImport.id)).all()
    _table(doc, [t(f"docx_report.src_{k}", lang) for k in ("file", "format", "exported", "rows")],
           [[i.file_name, t(f"docx_report.format.{i.format}", lang), _day(i.exported_on, lang), str(i.rows)]
            for i in imports])
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _formula(network: str, lang: str) -> str:
    formula = RATES.get(network)
    if not formula:
        return "—"
    names = " + ".join(t(f"docx_report.metric.{m}", lang) for m in formula["numerator"])
    return t("docx_report.formula", lang, numerator=names, denominator=t(f"docx_report.metric.{formula['denominator']}", lang))


def _day(day, lang: str) -> str:
    from babel.dates import format_date

    return format_date(day, "d MMMM y", locale="fr_FR" if lang == "fr" else "en_GB")


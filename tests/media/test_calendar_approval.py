"""The client approves the spend with the post: the Word calendar shows each post's paid line,
and the client's decision on the post decides the line it saw, never a line changed since."""

from __future__ import annotations

import io
import subprocess
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from docx import Document
from sqlmodel import select

from core import db
from core.client.docx_answer import import_docx
from core.client.docx_export import export_brand
from core.models import MediaLine
from core.posts import create_post
from tests.test_approvals import calendar_rows, pick

PARIS = ZoneInfo("Europe/Paris")
AUDIENCE = {"persona": "Camille, citadine active", "age_min": 28, "age_max": 40, "interests": [], "places": ["France"]}


def _sent(engine, brand_id):
    with db.transaction(engine) as s:
        posts = [create_post(brand_id, session=s, publish_at=datetime(2027, 3, 4 + 7 * i, 12, 30, tzinfo=PARIS),
                             network="instagram", text=text, status="a_valider")
                 for i, text in enumerate(["Les soldes de printemps commencent : la robe Lila à -30 %.",
                                           "La combinaison Rosa, en lin lavé, revient.",
                                           "Nos retouches offertes jusqu’à dimanche."])]
        for post, amount in zip(posts, (300.0, 150.0, 105.0)):
            s.add(MediaLine(brand_id=brand_id, post_id=post.id, ref=post.ref, network="instagram", tier="growing",
                            objective="conversion", amount=amount, daily=round(amount / 7, 2), currency="EUR",
                            start=post.publish_at.astimezone(PARIS).date(),
                            end=post.publish_at.astimezone(PARIS).date().replace(day=post.publish_at.day + 6),
                            audience=AUDIENCE, reason={"key": "media.reason_flagged", "params": {}}))
    with db.transaction(engine) as s:
        return export_brand(brand_id, date(2027, 3, 1), date(2027, 3, 31), session=s, sent_on=date(2027, 2, 20))


def test_the_word_calendar_shows_each_posts_paid_line_in_the_clients_language(engine, demo_brand):
    data = _sent(engine, demo_brand).data
    text = "\n".join(p.text for tbl in Document(io.BytesIO(data)).tables for row in tbl.rows for cell in row.cells
                     for p in cell.paragraphs)
    assert ("Sponsorisé\u00a0: 300\u00a0€ (42,86\u00a0€ par jour) du 4 mars au 10 mars, "
            "pour Camille, citadine active, 28–40, France") in text


def test_approving_the_post_approves_its_spend_and_a_line_changed_since_stays_proposed(engine, demo_brand):
    data = _sent(engine, demo_brand).data
    doc = Document(io.BytesIO(data))
    rows = calendar_rows(doc)
    pick(rows[0], "Validé")
    pick(rows[1], "Refusé")
    pick(rows[2], "Validé")
    out = io.BytesIO()
    doc.save(out)
    with db.transaction(engine) as s:  # the agency raises the third line after sending the calendar
        third = s.exec(select(MediaLine).where(MediaLine.amount == 105.0)).one()
        third.amount = 210.0
        s.add(third)
    with db.transaction(engine) as s:
        plan = import_docx(out.getvalue(), session=s, brand_id=demo_brand, decided_by="Sophie Martin")
    assert plan.lines_decided == 2
    with db.transaction(engine) as s:
        lines = {line.amount: (line.status, line.decided_by) for line in s.exec(select(MediaLine))}
    assert lines == {300.0: ("valide", "Sophie Martin"), 150.0: ("refuse", "Sophie Martin"), 210.0: ("propose", "")}


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_the_spend_decision_survives_a_libreoffice_re_save(engine, demo_brand, tmp_path):
    doc = Document(io.BytesIO(_sent(engine, demo_brand).data))
    rows = calendar_rows(doc)
    pick(rows[0], "Validé")
    pick(rows[1], "Refusé")
    source = tmp_path / "reponse-client.docx"
    doc.save(source)
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
         "--convert-to", "docx", "--outdir", str(tmp_path / "lo"), str(source)], capture_output=True, text=True,
        timeout=180)
    assert done.returncode == 0, done.stderr
    resaved = (tmp_path / "lo" / "reponse-client.docx").read_bytes()
    assert "Sponsorisé\u00a0: 300\u00a0€" in "\n".join(
        p.text for tbl in Document(io.BytesIO(resaved)).tables for row in tbl.rows for cell in row.cells
        for p in cell.paragraphs)
    with db.transaction(engine) as s:
        assert import_docx(resaved, session=s, brand_id=demo_brand).lines_decided == 2
    with db.transaction(engine) as s:
        assert sorted((line.amount, line.status) for line in s.exec(select(MediaLine))) == [
            (105.0, "propose"), (150.0, "refuse"), (300.0, "valide")]

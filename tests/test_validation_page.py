import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from docx import Document
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from core import db, demo
from core.models import ExportSnapshot, Post
from core.posts import create_post
from tests.apptest import shown
from tests.conftest import ROOT

PARIS = ZoneInfo("Europe/Paris")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def app(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'calame.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    engine = db.make_engine(url)
    db.upgrade(engine)
    demo.load_demo(engine)
    with db.transaction(engine) as s:
        for day, network, text in [(2, "instagram", "Nos robes d'été arrivent ☀️ « Lila »"),
                                   (9, "facebook", "Hélène nous a demandé : « quelle taille choisir ? »")]:
            create_post(1, session=s, publish_at=datetime(2027, 3, day, 12, 30, tzinfo=PARIS), network=network,
                        text=text, status="a_valider")
    from pages import frame

    frame.get_engine.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/validation.py").run()
    at.date_input(key="validation_period").set_value((date(2027, 3, 1), date(2027, 3, 31))).run()
    yield at, engine
    frame.get_engine.clear()
    engine.dispose()


def test_the_validation_screen_prepares_the_word_calendar_and_records_the_export(app):
    at, engine = app
    assert not at.exception
    assert at.title[0].value == "Validation client"
    assert at.caption[0].value == "2 publications datées sur la période."
    at.button(key="validation_prepare").click().run()
    assert not at.exception
    assert "Document prêt : 2 publications." in [c.value for c in at.caption][1]
    with db.transaction(engine) as s:
        snaps = s.exec(select(ExportSnapshot)).all()
    assert [[p["ref"] for p in snap.posts] for snap in snaps] == [["LILA-2027-03-001", "LILA-2027-03-002"]]


def test_an_answered_document_is_previewed_then_applied(app):
    at, engine = app
    at.button(key="validation_prepare").click().run()
    from core.client.docx_export import export_brand

    with db.transaction(engine) as s:
        data = export_brand(1, date(2027, 3, 1), date(2027, 3, 31), session=s).data
    doc = Document(io.BytesIO(data))
    sdt = next(doc.element.body.iter(W + "sdt"))
    sdt.find(W + "sdtPr").remove(sdt.find(W + "sdtPr/" + W + "showingPlcHdr"))
    next(sdt.iter(W + "t")).text = "Refusé"
    out = io.BytesIO()
    doc.save(out)
    at.file_uploader(key="validation_upload").set_value(("reponse.docx", out.getvalue(), "application/octet-stream")).run()
    assert not at.exception
    table = at.dataframe[0].value
    assert table.to_dict("records") == [{"Référence": "LILA-2027-03-001", "Statut actuel": "À valider",
                                         "Nouveau statut": "Refusé", "Commentaires": "", "À résoudre": ""}]
    at.button(key="validation_apply").click().run()
    assert not at.exception
    assert at.success[0].value == "Changements appliqués : 1 statut, 0 commentaire."
    with db.transaction(engine) as s:
        assert [(p.ref, p.status) for p in s.exec(select(Post).order_by(Post.ref))] == [
            ("LILA-2027-03-001", "refuse"), ("LILA-2027-03-002", "a_valider")]


def test_an_answered_document_is_read_once_not_at_every_rerun(app, monkeypatch):
    from core.client import docx_answer

    at, engine = app
    data = docx_answer_of(engine)
    reads = []
    real = docx_answer.read_answer
    monkeypatch.setattr(docx_answer, "read_answer", lambda content: reads.append(len(content)) or real(content))
    at.file_uploader(key="validation_upload").set_value(("reponse.docx", data, "application/octet-stream")).run()
    at.radio(key="validation_sep").set_value(",").run()
    at.run()
    assert not at.exception
    assert len(reads) == 1
    at.button(key="validation_apply").click().run()
    assert not at.exception
    assert len(reads) == 3  # applying reads it against the database of that moment, then the new preview


def docx_answer_of(engine) -> bytes:
    """The March export, answered "Refusé" on its first row."""
    from core.client.docx_export import export_brand

    with db.transaction(engine) as s:
        data = export_brand(1, date(2027, 3, 1), date(2027, 3, 31), session=s).data
    doc = Document(io.BytesIO(data))
    sdt = next(doc.element.body.iter(W + "sdt"))
    sdt.find(W + "sdtPr").remove(sdt.find(W + "sdtPr/" + W + "showingPlcHdr"))
    next(sdt.iter(W + "t")).text = "Refusé"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_a_file_that_is_not_a_word_document_is_refused_with_a_clear_message(app):
    at, _ = app
    at.file_uploader(key="validation_upload").set_value(("plan.csv", b"date;texte\n2027-03-01;Bonjour", "text/csv")).run()
    assert shown(at.error[0].value) == ("plan.csv\u00a0: Ce fichier n'est pas un document Word (.docx). Importez le .docx "
                                 "exporté par Calame et renvoyé par le client.")


def test_a_spreadsheet_is_previewed_row_by_row_then_its_valid_rows_imported_once(app, monkeypatch):
    from core.client import exports

    at, engine = app
    previews = []
    real = exports.preview_csv
    monkeypatch.setattr(exports, "preview_csv", lambda *a, **k: previews.append(1) or real(*a, **k))
    data = ("ref;date;time;network;text\n"
            ";2027-03-20;18:30;instagram;Les coulisses de l'atelier 🧵\n"
            ";2027-02-30;10:00;facebook;Date impossible\n").encode("utf-8")
    at.file_uploader(key="validation_csv_upload").set_value(("plan.csv", data, "text/csv")).run()
    at.run()
    assert not at.exception
    assert len(previews) == 1  # read once, not at every rerun
    assert at.dataframe[0].value.to_dict("records") == [
        {"Ligne": 2, "Référence": "", "Action": "création", "Erreurs": ""},
        {"Ligne": 3, "Référence": "", "Action": "ignorée",
         "Erreurs": "date ou heure illisible « 2027-02-30 10:00 » (attendu AAAA-MM-JJ et HH:MM)"}]
    at.button(key="validation_csv_apply").click().run()
    assert [s.value for s in at.success] == ["1 publication créée, 0 mise à jour, 1 ligne en erreur."]
    at.run()
    with db.transaction(engine) as s:
        assert [p.text for p in s.exec(select(Post).order_by(Post.id))][2:] == ["Les coulisses de l'atelier 🧵"]

import hashlib
from datetime import date
from pathlib import Path

from sqlmodel import select

from core import db
from core.models import MeasuredPost, ResultMapping
from core.results.mapping import propose
from tests.apptest import by_label

FILES = Path(__file__).resolve().parent / "mapping_files"


def upload(at, name: str, data: bytes):
    at.date_input(key="results_exported_on").set_value(date(2027, 3, 31)).run()
    at.file_uploader(key="results_upload").set_value([(name, data, "text/csv")]).run()


def tag(data: bytes) -> str:
    return hashlib.sha1(propose(data, "x").signature.encode()).hexdigest()[:8]


def test_an_unknown_sheet_opens_the_wizard_prefilled_and_save_and_import_reads_it(app):
    at, engine = app
    data = (FILES / "tableau_agence_mars.csv").read_bytes()
    upload(at, "tableau_agence_mars.csv", data)
    assert not at.exception
    assert [s.value for s in at.subheader][1] == "Faire correspondre les colonnes"
    assert {f: by_label(at.selectbox, label).value for f, label in (
        ("published", "Date de publication"), ("network", "Réseau"), ("permalink", "Lien de la publication"),
        ("reach", "Portée"), ("likes", "J’aime"), ("impressions", "Impressions"))} == {
        "published": "Date de publication", "network": "Réseau", "permalink": "Lien", "reach": "Portée",
        "likes": "J'aime", "impressions": ""}
    assert by_label(at.selectbox, "Réseau du fichier").value == ""
    assert by_label(at.radio, "Ordre des dates").value is True
    preview = next(d.value for d in at.dataframe if "Publiée le" in d.value.columns)
    assert list(preview.columns) == ["Réseau", "Publiée le", "Portée", "J’aime", "Commentaires", "Partages",
                                     "Lien ou identifiant", "Texte"]
    assert list(preview.iloc[3]) == ["Facebook", "21/03/2027 18:00", "1\u202f204", "64", "5", "—",
                                     "https://facebook.com/maisonlila/posts/pfbid02aBcD",
                                     "Atelier ouvert samedi : venez voir les robes de la collectio"]
    shown = " ".join(str(v) for d in at.dataframe for v in d.value.to_numpy().ravel())
    assert "published" not in shown and "permalink" not in shown  # the fields' codes stay off the screen
    by_label(at.button, "Enregistrer la correspondance et importer").click().run()
    assert not at.exception
    assert at.success[0].value == "Import terminé\u00a0: 4 lignes, 1 rapprochée, 0 à confirmer, 3 hors plan."
    with db.transaction(engine) as s:
        assert [(m.name, m.brand_id) for m in s.exec(select(ResultMapping))] == [("tableau_agence_mars", 1)]
        assert len(s.exec(select(MeasuredPost)).all()) == 4
    files = next(d.value for d in at.dataframe if "Format reconnu" in d.value.columns)
    assert list(files["Format reconnu"]) == ["Correspondance enregistrée de la marque « tableau_agence_mars »"]
    assert "Faire correspondre les colonnes" not in [s.value for s in at.subheader]


def test_dates_that_prove_no_order_keep_the_button_off_until_the_order_is_chosen(app):
    at, engine = app
    data = ("Date;Canal;Lien;Vues\n"
            "03/04/2027;TikTok;https://www.tiktok.com/@maisonlila/video/7345678901234567890;15 230\n").encode()
    upload(at, "tiktok_agence.csv", data)
    assert not at.exception
    assert by_label(at.radio, "Ordre des dates").value is None
    assert [w.value for w in at.warning] == [
        "Rien n’a été importé : corrigez les lignes signalées (ou retirez le fichier) et relancez l’import.",
        "Les dates de la colonne « Date » peuvent se lire jour/mois ou mois/jour et aucune ne le prouve\u00a0: dites "
        "l’ordre (jour d’abord ou mois d’abord)."]
    assert by_label(at.button, "Enregistrer la correspondance et importer").disabled
    by_label(at.radio, "Ordre des dates").set_value(True).run()
    preview = next(d.value for d in at.dataframe if "Publiée le" in d.value.columns)
    assert list(preview.iloc[0])[:2] == ["TikTok", "03/04/2027"]
    assert not by_label(at.button, "Enregistrer la correspondance et importer").disabled

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel import select

from core import db
from core.models import MeasuredPost, Proposal

DATA = Path(__file__).resolve().parent.parent / "data" / "results"
PARIS = ZoneInfo("Europe/Paris")


def table_with(at, column: str):
    """The first table on screen with that column (AppTest does not keep a dataframe's key)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def upload(at, *names):
    at.date_input(key="results_exported_on").set_value(date(2027, 3, 22)).run()
    at.file_uploader(key="results_upload").set_value(
        [(name, (DATA / name).read_bytes(), "text/csv") for name in names]).run()


def test_an_export_is_previewed_without_writing_then_imported_and_reported(app):
    at, engine = app
    assert at.info[0].value == "Aucun chiffre importé pour cette marque\u00a0: importez un export ci-dessus."
    upload(at, "meta_instagram_en.csv", "x_legacy.csv")
    assert not at.exception
    assert [(m.label, m.value) for m in at.metric] == [
        ("Lignes lues", "4"), ("Rapprochées du plan", "1"), ("À confirmer", "0"), ("Hors plan", "3"),
        ("Déjà importées", "0")]
    with db.transaction(engine) as s:
        assert s.exec(select(MeasuredPost)).all() == []
    at.button(key="results_import").click().run()
    assert not at.exception
    assert at.success[0].value == "Import terminé\u00a0: 4 lignes, 1 rapprochée, 0 à confirmer, 3 hors plan."
    with db.transaction(engine) as s:
        assert len(s.exec(select(MeasuredPost)).all()) == 4
    at.date_input(key="results_period").set_value((date(2027, 3, 1), date(2027, 3, 31))).run()
    objectives = table_with(at, "Objectif")
    assert list(objectives["Objectif"]) == ["Notoriété / visibilité", "Conversion / ventes", "Fidélisation"]
    assert list(objectives["Statut"])[1] == "⚪ Non mesuré par les exports des réseaux"
    at.radio(key="results_dimension").set_value("network").run()
    table = table_with(at, "Groupe")
    rows = sorted(zip(table["Groupe"], table["Publications"], table["Intervalle à 90\u00a0%"]))
    assert [r[:2] for r in rows] == [("Instagram", 3), ("X (Twitter)", 1)]
    assert rows[0][2].startswith("de ") and rows[1][2] == "preuve insuffisante"


def test_a_file_that_is_not_an_export_is_reported_and_nothing_can_be_imported(app):
    at, engine = app
    at.file_uploader(key="results_upload").set_value([("budget.csv", "mois;montant\nmars;1200\n".encode(), "text/csv")]).run()
    assert not at.exception
    assert at.error[0].value == ("budget.csv, ligne 1 : budget.csv n’est pas un export reconnu\u00a0: ses colonnes ne sont celles "
                                 "d’aucun des formats lus (Meta Business Suite, LinkedIn, X, TikTok Studio, YouTube Studio). "
                                 "Exportez les publications depuis l’outil du réseau, sans renommer les colonnes, ou "
                                 "indiquez une fois pour cette marque quelle colonne est quoi\u00a0: sur l’écran « Résultats » "
                                 "(correspondance des colonnes) ou avec python -m core results map budget.csv --brand MARQUE.")
    assert not [b for b in at.button if b.key == "results_import"]


def test_a_middle_band_match_is_confirmed_by_a_person(app):
    at, engine = app
    with db.transaction(engine) as s:
        s.add(MeasuredPost(brand_id=1, network="instagram", key="18034567890123456", external_id="18034567890123456",
                           published_at=datetime(2027, 3, 9, 19, 4, tzinfo=PARIS), text="Coulisses de l'atelier",
                           post_id=1, match="to_confirm", match_score=71.5))
    at.run()
    assert at.subheader[1].value == "À confirmer (1)"
    at.button(key="results_confirm_1_1").click().run()
    assert not at.exception
    with db.transaction(engine) as s:
        assert s.get(MeasuredPost, 1).match == "confirmed"
    assert "À confirmer (1)" not in [h.value for h in at.subheader]


def test_a_proposal_is_explained_in_three_parts_and_accepted_by_the_manager(app):
    at, engine = app
    with db.transaction(engine) as s:
        s.add(MeasuredPost(brand_id=1, network="x", key="1", external_id="1", text="Soldes",
                           published_at=datetime(2027, 3, 11, 9, 0, tzinfo=PARIS), match="outside_plan"))
        s.add(Proposal(brand_id=1, kind="format", subject="reel", change={"format": "reel", "direction": "more"},
                       evidence={"format": {"label": "Reel", "posts": 12, "value": 31.0, "low": 8.0, "high": 57.0}},
                       period_from=date(2027, 1, 1), period_to=date(2027, 3, 31)))
    at.run()
    from pages.frame import md

    texts = [m.value for m in at.markdown]
    assert "*Ce que Calame propose*\u00a0: " + md("Prévoir davantage de «\u00a0Reel / vidéo courte\u00a0» au prochain "
                                                 "plan.") in texts
    at.button(key="results_decide_1_1").click().run()
    assert not at.exception
    with db.transaction(engine) as s:
        assert s.get(Proposal, 1).status == "accepted"

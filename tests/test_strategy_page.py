from sqlmodel import select

from core.models import Brand, Persona
from tests.apptest import by_label, fresh_app, shown, stored

PAGES = ["pages/strategy.py", "pages/keywords.py", "pages/editorial_line.py", "pages/calendar.py",
         "pages/editor.py", "pages/validation.py"]


def new_persona_prefix(at) -> str:
    """Key prefix of the "add a persona" widgets (strat_<brand id>_newp_)."""
    return next(w.key for w in at.text_input if w.key and w.key.endswith("_newp_name"))[: -len("name")]



def test_first_start_shows_the_demo_brand_strategy_in_french(monkeypatch, tmp_path):
    at = fresh_app(monkeypatch, tmp_path).run()
    assert not at.exception
    assert [h.value for h in at.header] == ["Maison Lila"]
    assert at.title[0].value == "Stratégie"
    assert by_label(at.selectbox, "Secteur").value == "mode"
    assert [e.label for e in at.expander][1:4] == [
        "Camille, citadine active", "Hélène, fidèle de la boutique", "Inès, étudiante inspirée"]


def test_every_page_opens_in_both_languages(monkeypatch, tmp_path):
    at = fresh_app(monkeypatch, tmp_path).run()
    for lang in ("fr", "en"):
        at.sidebar.radio[0].set_value(lang).run()
        for page in PAGES:
            at.switch_page(page).run()
            assert not at.exception, (lang, page, at.exception)
            assert at.title, (lang, page)
    assert at.title[0].value != ""


def test_creating_a_brand_and_a_persona_through_the_widgets_persists_them(monkeypatch, tmp_path):
    at = fresh_app(monkeypatch, tmp_path).run()
    by_label(at.text_input, "Nom de la nouvelle marque").input("Boulangerie Marcel")
    at.button(key="FormSubmitter:strat_create-Créer la marque").click().run()
    assert not at.exception
    assert [h.value for h in at.header] == ["Boulangerie Marcel"]
    assert at.sidebar.selectbox[0].format_func(at.sidebar.selectbox[0].value) == "Boulangerie Marcel"

    prefix = new_persona_prefix(at)
    at.text_input(key=prefix + "name").input("Paul, amateur de viennoiseries")
    at.number_input(key=prefix + "age_min").set_value(25)
    at.number_input(key=prefix + "age_max").set_value(45)
    at.text_area(key=prefix + "interests").input("pain au levain\ncroissants")
    at.multiselect(key=prefix + "networks").set_value(["instagram", "facebook"])
    at.text_input(key=prefix + "hours").input("07:00-08:30, 18:00-19:30")
    at.button(key=prefix + "add").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Stratégie enregistrée."]

    rows = stored(select(Persona.name, Persona.age_min, Persona.age_max, Persona.interests, Persona.networks,
                         Persona.active_hours).join(Brand).where(Brand.name == "Boulangerie Marcel"))
    assert [tuple(r) for r in rows] == [("Paul, amateur de viennoiseries", 25, 45, ["pain au levain", "croissants"],
                                         ["instagram", "facebook"], ["07:00-08:30", "18:00-19:30"])]


def test_an_invalid_persona_is_explained_in_the_ui_language_and_what_was_typed_stays(monkeypatch, tmp_path):
    at = fresh_app(monkeypatch, tmp_path).run()
    at.sidebar.radio[0].set_value("en").run()
    prefix = new_persona_prefix(at)
    at.text_input(key=prefix + "name").input("Jeanne")
    at.number_input(key=prefix + "age_min").set_value(60)
    at.number_input(key=prefix + "age_max").set_value(30)
    at.text_input(key=prefix + "hours").input("25:00-26:00")
    at.button(key=prefix + "add").click().run()
    assert not at.exception
    message = shown(at.error[0].value)
    assert message.startswith("Nothing was saved: 2 field(s) to fix. What you typed is kept.")
    assert "**Persona 4 — Maximum age** : The maximum age (30) is below the minimum age (60)." in message
    assert "**Persona 4 — Active hours** : Invalid time range \"25:00-26:00\"" in message
    assert at.text_input(key=prefix + "name").value == "Jeanne"
    assert at.number_input(key=prefix + "age_min").value == 60
    assert stored(select(Persona.name).where(Persona.name == "Jeanne")) == []

    at.sidebar.radio[0].set_value("fr").run()
    at.button(key=prefix + "add").click().run()
    assert "L'âge maximum (30) est inférieur à l'âge minimum (60)." in at.error[0].value


def test_typed_values_survive_a_trip_to_another_page(monkeypatch, tmp_path):
    at = fresh_app(monkeypatch, tmp_path).run()
    hashtag = by_label(at.text_input, "Hashtag de marque")
    hashtag.input("#LilaPrintemps")
    at.switch_page("pages/calendar.py").run()
    at.switch_page("pages/strategy.py").run()
    assert by_label(at.text_input, "Hashtag de marque").value == "#LilaPrintemps"


def test_saving_the_brief_form_stores_tone_and_objectives(monkeypatch, tmp_path):
    at = fresh_app(monkeypatch, tmp_path).run()
    by_label(at.text_input, "Hashtag de marque").input("#LilaEte")
    by_label(at.radio, "Adresse au lecteur").set_value("tu")
    by_label(at.toggle, "Emojis autorisés").set_value(False)
    next(b for b in at.button if b.label == "Enregistrer la stratégie").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Stratégie enregistrée."]
    assert [tuple(r) for r in stored(select(Brand.brand_hashtag, Brand.address, Brand.emojis))] == [
        ("#LilaEte", "tu", False)]

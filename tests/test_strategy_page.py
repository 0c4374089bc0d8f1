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
    assert [w.value for w in at.warning] == [
        "Aucune offre pour l'instant : le plan se fera quand même, mais les brouillons ne parleront que des "
        "mots-clés et des piliers. Ajoutez vos produits, services ou causes ci-dessous."]

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
    assert message.startswith("Nothing was saved: 2 fields to fix. What you typed is kept.")
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


def offer_keys(at, suffix: str) -> str:
    """Key of the "add an offer" widget ``suffix`` (strat_<brand id>_newo_<suffix>)."""
    return next(w.key for w in [*at.text_input, *at.selectbox, *at.button]
                if w.key and w.key.endswith("_newo_" + suffix))


def stored_offers() -> list[dict]:
    return stored(select(Brand.offers).where(Brand.name == "Maison Lila"))[0]


def test_the_demo_offers_and_rubric_are_shown_by_their_labels_in_french_and_english(monkeypatch, tmp_path):
    at = fresh_app(monkeypatch, tmp_path).run()
    titles = [e.label for e in at.expander]
    assert titles[titles.index("robe Lila · Produit · 129 €"):][:3] == [
        "robe Lila · Produit · 129 €", "chemise Anna · Produit · 89 €", "pantalon Jules · Produit · 99 €"]
    assert "retouches offertes · Service" in titles
    kind = next(s for s in at.selectbox if s.key and s.key.endswith("_o0_0_kind"))
    assert (kind.label, kind.format_func(kind.value), kind.options) == (
        "Type", "Produit", ["Produit", "Service", "Programme", "Cause", "Événement"])
    months = next(m for m in at.multiselect if m.key and m.key.endswith("_o0_0_months"))
    assert [months.format_func(m) for m in months.value] == ["Mars", "Avril", "Mai", "Juin", "Juillet", "Août"]
    rubrics = next(d for d in at.data_editor if "_rub_" in (d.key or ""))
    assert rubrics.value.to_dict("records")[0]["weekday"] == 1
    assert by_label(at.text_input, "Promesse").value.startswith("Des vêtements en lin qui durent")

    at.sidebar.radio[0].set_value("en").run()
    kind = next(s for s in at.selectbox if s.key and s.key.endswith("_o0_0_kind"))
    gender = next(s for s in at.selectbox if s.key and s.key.endswith("_o0_0_gender"))
    assert (kind.label, kind.format_func(kind.value), gender.format_func(gender.value)) == (
        "Kind", "Product", "Feminine")
    assert "robe Lila · Product · 129 €" in [e.label for e in at.expander]


def test_adding_an_offer_through_the_widgets_saves_it_whole(monkeypatch, tmp_path):
    at = fresh_app(monkeypatch, tmp_path).run()
    at.text_input(key=offer_keys(at, "name")).input("carte cadeau")
    at.selectbox(key=offer_keys(at, "kind")).set_value("service")
    at.selectbox(key=offer_keys(at, "gender")).set_value("f")
    at.text_input(key=offer_keys(at, "description")).input("une carte à offrir, valable un an en boutique et en ligne")
    at.text_area(key=offer_keys(at, "name")[: -len("name")] + "proofs").input(
        "valable sur toute la collection\nenvoyée par e-mail en 5 minutes")
    at.multiselect(key=offer_keys(at, "name")[: -len("name")] + "months").set_value([11, 12])
    at.text_input(key=offer_keys(at, "price")).input("de 30 à 200 €")
    at.text_input(key=offer_keys(at, "link")).input("https://maisonlila.fr/carte-cadeau")
    at.text_input(key=offer_keys(at, "hashtag")).input("#CarteCadeauLila")
    at.button(key=offer_keys(at, "add")).click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Stratégie enregistrée."]
    offers = stored_offers()
    assert len(offers) == 9
    assert offers[-1] == {
        "name": "carte cadeau", "kind": "service", "gender": "f", "number": "s", "article": "",
        "description": "une carte à offrir, valable un an en boutique et en ligne",
        "proofs": ["valable sur toute la collection", "envoyée par e-mail en 5 minutes"], "price": "de 30 à 200 €",
        "months": [11, 12], "link": "https://maisonlila.fr/carte-cadeau", "hashtag": "#CarteCadeauLila",
        "proof_kinds": [], "included": None, "action": ""}
    assert "carte cadeau · Service · de 30 à 200 €" in [e.label for e in at.expander]
    assert at.text_input(key=offer_keys(at, "name")).value == ""


def test_a_bad_offer_shows_what_to_fix_in_the_ui_language_and_keeps_what_was_typed(monkeypatch, tmp_path):
    at = fresh_app(monkeypatch, tmp_path).run()
    at.text_input(key=offer_keys(at, "name")).input("R")
    at.text_input(key=offer_keys(at, "link")).input("maisonlila.fr/r")
    at.button(key=offer_keys(at, "add")).click().run()
    assert not at.exception
    message = shown(at.error[0].value)
    assert message.startswith("Rien n'a été enregistré : 2 champs à corriger. Vos saisies sont conservées.")
    assert "**Offre 9 — Nom de l'offre** : Nom d'offre « R » trop court" in message
    assert "**Offre 9 — Lien** : Lien « maisonlila.fr/r » invalide" in message
    assert (at.text_input(key=offer_keys(at, "name")).value, at.text_input(key=offer_keys(at, "link")).value) == (
        "R", "maisonlila.fr/r")
    assert len(stored_offers()) == 8

    at.sidebar.radio[0].set_value("en").run()
    at.button(key=offer_keys(at, "add")).click().run()
    assert "**Offer 9 — Link** : Invalid link \"maisonlila.fr/r\"" in shown(at.error[0].value)


def test_editing_an_offer_changes_it_alone_and_a_bad_edit_keeps_the_typed_value(monkeypatch, tmp_path):
    at = fresh_app(monkeypatch, tmp_path).run()
    prefix = next(w.key for w in at.text_input if w.key and w.key.endswith("_o0_1_price"))[: -len("price")]
    at.text_input(key=prefix + "price").input("79 €")
    at.button(key=prefix + "save").click().run()
    assert not at.exception
    assert [(o["name"], o["price"]) for o in stored_offers()][:3] == [
        ("robe Lila", "129 €"), ("chemise Anna", "79 €"), ("pantalon Jules", "99 €")]

    prefix = next(w.key for w in at.text_input if w.key and w.key.endswith("_0_hashtag") and "_o1_" in w.key)
    at.text_input(key=prefix).input("#robe lila")
    at.button(key=prefix[: -len("hashtag")] + "save").click().run()
    assert "Hashtag « #robe lila » invalide" in shown(at.error[0].value)
    assert at.text_input(key=prefix).value == "#robe lila"
    assert stored_offers()[0]["hashtag"] == "#RobeLila"


def test_the_message_and_a_new_rubric_are_saved_with_the_strategy(monkeypatch, tmp_path):
    at = fresh_app(monkeypatch, tmp_path).run()
    by_label(at.text_input, "Promesse").input("Le lin lyonnais qui dure")
    by_label(at.text_area, "Banque de hashtags").input("#lin #FabriquéÀLyon\n#Été")
    rubrics = next(d for d in at.data_editor if "_rub_" in (d.key or ""))
    at.session_state[rubrics.key] = {"edited_rows": {}, "deleted_rows": [], "added_rows": [
        {"name": "la recette du jeudi", "weekday": 3, "networks": ["instagram"], "description": "une tenue, trois façons"}]}
    at.run()
    # a rubric with a name gets its text area of subjects, one a line
    tips = by_label(at.text_area, "Prochains sujets de «\u00a0le conseil entretien du mardi\u00a0» (un par ligne)")
    assert tips.value.splitlines()[0] == (
        "laver le lin à 30\u00a0°C : une eau tiède suffit, et les fibres gardent leur tenue lavage après lavage")
    by_label(at.text_area, "Prochains sujets de «\u00a0la recette du jeudi\u00a0» (un par ligne)").input(
        "la robe Lila : ceinturée, avec des sandales plates\n\n  la chemise Anna : ouverte sur un débardeur ; manches roulées  ")
    next(b for b in at.button if b.label == "Enregistrer la stratégie").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Stratégie enregistrée."]
    message, rubrics = stored(select(Brand.message, Brand.rubrics))[0]
    assert (message["promise"], message["hashtags"]) == ("Le lin lyonnais qui dure", ["#lin", "#FabriquéÀLyon", "#Été"])
    assert [r["items"][:1] for r in rubrics][:1] == [[tips.value.splitlines()[0]]]
    assert len(rubrics[0]["items"]) == 12
    assert [{k: v for k, v in r.items() if k != "items"} for r in rubrics] == [
        {"name": "le conseil entretien du mardi", "weekday": 1, "networks": ["instagram", "facebook"],
         "description": "laver, repasser (ou pas), ranger le lin"},
        {"name": "la recette du jeudi", "weekday": 3, "networks": ["instagram"], "description": "une tenue, trois façons"}]
    assert rubrics[1]["items"] == ["la robe Lila : ceinturée, avec des sandales plates",
                                   "la chemise Anna : ouverte sur un débardeur ; manches roulées"]
    at.run()  # the saved subjects come back from the database, one a line
    assert by_label(at.text_area, "Prochains sujets de «\u00a0la recette du jeudi\u00a0» (un par ligne)").value \
        .splitlines() == rubrics[1]["items"]


def test_a_bad_hashtag_in_the_message_is_explained_and_nothing_is_saved(monkeypatch, tmp_path):
    at = fresh_app(monkeypatch, tmp_path).run()
    by_label(at.text_area, "Banque de hashtags").input("#lin #mode-éthique")
    next(b for b in at.button if b.label == "Enregistrer la stratégie").click().run()
    assert not at.exception
    assert "**Banque de hashtags** : Hashtag « #mode-éthique » invalide" in shown(at.error[0].value)
    assert by_label(at.text_area, "Banque de hashtags").value == "#lin #mode-éthique"
    assert stored(select(Brand.message))[0]["hashtags"] == ["#lin", "#ModeÉthique", "#FabriquéÀLyon", "#SlowFashion", "#Lyon"]


def test_a_rubric_without_a_name_is_refused_and_its_row_stays_in_the_table(monkeypatch, tmp_path):
    at = fresh_app(monkeypatch, tmp_path).run()
    rubrics = next(d for d in at.data_editor if "_rub_" in (d.key or ""))
    edits = {"edited_rows": {}, "deleted_rows": [], "added_rows": [{"weekday": 4, "description": "la tenue du vendredi"}]}
    at.session_state[rubrics.key] = edits
    at.run()
    next(b for b in at.button if b.label == "Enregistrer la stratégie").click().run()
    assert not at.exception
    assert "**Rubrique 2 — Nom de la rubrique** : Ce champ est obligatoire." in shown(at.error[0].value)
    assert next(d for d in at.data_editor if "_rub_" in (d.key or "")).key == rubrics.key
    assert at.session_state[rubrics.key] == edits  # the table still shows the added row
    assert len(stored(select(Brand.rubrics))[0]) == 1


def test_the_brands_reference_code_is_changed_on_the_strategy_screen_and_a_bad_one_is_explained(monkeypatch, tmp_path):
    at = fresh_app(monkeypatch, tmp_path).run()
    code = by_label(at.text_input, "Code des références")
    assert code.value == "LILA"
    code.input("LI")
    next(b for b in at.button if b.key and b.key.endswith("_code_form-Changer le code")).click().run()
    assert [e.value for e in at.error] == [
        "Code « LI » refusé\u00a0: de 3 à 6 lettres ou chiffres sans accent, en commençant par une lettre (par exemple LILA)."]
    by_label(at.text_input, "Code des références").input("lilas")
    next(b for b in at.button if b.key and b.key.endswith("_code_form-Changer le code")).click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [
        "Code changé\u00a0: les références LILA-… s’écrivent maintenant LILAS-…, et les anciennes mènent toujours "
        "à leur publication."]
    assert stored(select(Brand.code)) == ["LILAS"]

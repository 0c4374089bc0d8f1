"""What a draft says: calls to action that fit the network and the sector, openings that give
what they promise, polls with their answers, giveaways with their rules, network-native parts,
French names built right, and UK or US spelling."""

import re
from datetime import date

from core.language import parts
from core.networks import length
from core.planning import copy_formats, english
from core.planning.drafts import DraftWriter, Slot
from core.planning.french import brand_noun, moment_noun

LOGICIEL = {"name": "logiciel de paie Paylane", "kind": "service", "gender": "m",
            "description": "un logiciel de paie en ligne relié aux secrétariats sociaux",
            "proofs": ["une synchronisation avec les principaux secrétariats sociaux",
                       "une indexation automatique des barèmes"],
            "link": "https://paylane.be/paie"}
MESSAGE = {"promise": "Des fiches de paie justes du premier coup",
           "differentiators": ["une conformité belge mise à jour à chaque index", "des données hébergées en Belgique"]}
TABLE = {"name": "table d'hôte du midi", "kind": "produit", "gender": "f",
         "description": "une entrée, un plat et un café pour 24 $", "proofs": ["une carte qui change chaque lundi"],
         "price": "24 $"}


def slot(**kw):
    base = dict(day=date(2027, 3, 2), network="linkedin", format="image_texte", intent="inform",
                objective="notoriete", pillar="Expertise", persona_pains=["indexation des salaires"])
    return Slot(**{**base, **kw})


def b2b(**kw):
    return DraftWriter(brand_name="Paylane", sector="b2b_saas", emojis=False, offers=[LOGICIEL], message=MESSAGE, **kw)


def margot():
    return DraftWriter(brand_name="Bistro Chez Margot", sector="restauration", address="tu", offers=[TABLE],
                       pains=["attendre une table", "menus trop chers"])


def test_a_b2b_brand_never_asks_for_a_like_or_a_tag_on_linkedin():
    w = b2b()
    ctas = {w.write(slot(day=date(2027, 3, d)), seed=0).cta for d in range(1, 29)}
    assert not [c for c in ctas if re.search(r"Identifiez|like|sous le coude", c)]
    assert len(ctas) >= 6


def test_a_b2b_conversion_post_asks_for_a_demo_of_the_software_and_never_invents_a_free_trial():
    w = b2b()
    texts = [w.write(slot(objective="conversion", day=date(2027, 4, d)), seed=0).text for d in range(1, 29)]
    assert not [t for t in texts if re.search(r"14 jours|essai gratuit|20 minutes|30 minutes", t)]
    assert any("démo du logiciel de paie Paylane" in t for t in texts)


def test_an_opening_that_announces_three_points_gives_three_points():
    logiciel = {**LOGICIEL, "proofs": [*LOGICIEL["proofs"], "des fiches de paie en néerlandais et en français"]}
    w = DraftWriter(brand_name="Paylane", sector="b2b_saas", emojis=False, offers=[logiciel], message=MESSAGE)
    texts = [w.write(slot(day=date(2027, 5, d), network="facebook"), seed=0).text for d in range(1, 29)]
    announced = [t for t in texts if re.search(r"en (trois|quatre) (points|raisons)", t)]
    assert announced
    for text in announced:
        n = {"trois": 3, "quatre": 4}[re.search(r"en (trois|quatre)", text)[1]]
        assert len(re.findall(r"^– ", text, re.M)) == n, text


def test_the_brands_differentiators_are_given_only_for_the_offer_named_after_the_brand():
    module = {"name": "module de pointage", "kind": "service", "gender": "m",
              "description": "un pointage sur mobile qui alimente directement la paie",
              "proofs": ["des prestations importées sans ressaisie"]}
    w = DraftWriter(brand_name="Paylane", sector="b2b_saas", emojis=False, offers=[module], message=MESSAGE)
    texts = [w.write(slot(day=date(2027, 5, d), network="facebook"), seed=0).text for d in range(1, 29)]
    assert not [t for t in texts if re.search(r"(?i)données hébergées en Belgique|conformité belge", t)]
    assert not [t for t in texts if re.search(r"en (deux|trois|quatre) (points|raisons)", t)]


def test_a_poll_has_two_answers_from_the_brief_and_a_way_to_vote():
    draft = margot().write(slot(network="instagram", format="sondage", intent="converse"), seed=0)
    assert "Qu’est-ce qui te pèse le plus\u202f?\n" in draft.text
    assert re.search(r"A\. (Attendre une table|Menus trop chers)\nB\. (Attendre une table|Menus trop chers)", draft.text)
    assert "en commentaire" in draft.text


def test_a_brand_with_nothing_to_poll_about_gets_no_poll():
    w = DraftWriter(brand_name="Maison Lila", sector="mode", offers=[{"name": "robe Lila", "gender": "f"}])
    assert "sondage" in w.excluded_formats
    assert "sondage" not in margot().excluded_formats


def test_a_giveaway_names_the_prize_how_to_enter_and_the_closing_date_from_the_slot():
    draft = margot().write(slot(network="instagram", format="jeu_concours", intent="promote",
                                day=date(2027, 2, 9)), seed=0)
    assert "une table d’hôte du midi" in draft.text
    assert "mardi 16 février" in draft.text and "mercredi 17 février" in draft.text
    assert "règlement" in draft.text.lower() and "commente" in draft.text


def test_a_question_post_opens_on_a_real_question():
    w = b2b()
    for d in range(1, 10):
        opening = w.write(slot(format="question", intent="entertain", day=date(2027, 6, d)), seed=0).opening
        assert opening.endswith("?"), opening


def test_no_post_says_the_same_sentence_or_the_same_proof_twice():
    w = margot()
    for d in range(1, 29):
        text = w.write(slot(network="facebook", format="conseil", day=date(2027, 7, d)), seed=0).text
        sentences = [s.strip().lower() for s in re.split(r"(?<=[.!?])\s+|\n+", text) if len(s.split()) >= 3]
        assert len(sentences) == len(set(sentences)), text
        assert text.lower().count("une carte qui change chaque lundi") <= 1, text


def test_a_brand_named_after_its_place_is_au_bistro_never_chez_bistro():
    bistro, paylane, margot_ = brand_noun("Bistro Chez Margot"), brand_noun("Paylane"), brand_noun("Chez Margot")
    assert [bistro.form("chez"), bistro.form("de"), bistro.form("")] == [
        "au Bistro Chez Margot", "du Bistro Chez Margot", "le Bistro Chez Margot"]
    assert [paylane.form("chez"), paylane.form("de"), margot_.form("chez")] == ["chez Paylane", "de Paylane", "Chez Margot"]
    w = margot()
    texts = [w.write(slot(network="instagram", intent="promote", day=date(2027, 8, d)), seed=0).text for d in range(1, 29)]
    assert not [t for t in texts if re.search(r"chez Bistro|de Bistro", t)]


def test_a_moment_without_an_entry_gets_its_article_and_agrees():
    salons = moment_noun("salons_pro", "Salons professionnels du printemps")
    rentree = moment_noun("rentree_be", "Rentrée scolaire (Fédération Wallonie-Bruxelles)")
    assert [salons.form(""), salons.agree(["bat son", "battent leur"])] == [
        "les salons professionnels du printemps", "battent leur"]
    assert [rentree.form(""), rentree.form("de")] == ["la rentrée scolaire", "de la rentrée scolaire"]
    assert moment_noun("bf", "Black Friday").form("") == "Black Friday"


def test_a_newsletter_has_a_subject_a_preheader_and_short_titled_sections():
    draft = b2b().write(slot(network="newsletter", format="newsletter"), seed=0)
    split = parts.split(draft.text)
    assert split.keys == {"subject", "preheader"}
    assert 0 < len(split.get("subject")) <= 60 and 0 < len(split.get("preheader")) <= 100
    sections = split.body.split("\n\n")[1:-1]
    assert 2 <= len(sections) <= 3 and all("\n" in s for s in sections)
    assert "Partagez ce post" not in draft.text


def test_a_blog_slot_has_a_title_an_seo_title_a_meta_description_its_keyphrase_and_an_outline():
    draft = b2b().write(slot(network="blog", format="article", keyword="logiciel de paie"), seed=0)
    split = parts.split(draft.text)
    assert split.keys == {"title", "seo_title", "meta_description", "keyphrase", "outline"}
    assert split.get("keyphrase") == "logiciel de paie"
    assert split.get("seo_title").lower().startswith("logiciel de paie") and len(split.get("seo_title")) <= 60
    assert "logiciel de paie" in split.get("meta_description").lower() and len(split.get("meta_description")) <= 155
    assert len(split.get("outline").split(" / ")) >= 3


def test_a_pin_has_a_title():
    draft = margot().write(slot(network="pinterest", format="epingle", intent="inspire"), seed=0)
    title = parts.split(draft.text).get("title")
    assert title and len(title) <= 100 and "table d’hôte du midi" in title.lower()


def test_an_x_post_fits_280_characters_counted_the_x_way_with_its_hashtags():
    long = "Une phrase assez longue pour remplir un post sur X, avec un lien https://exemple.fr/une/page/tres/longue 🎉"
    text, tags = copy_formats.fit_x([long, long + " encore", "Dites-nous tout."], ["#Paylane", "#RH", "#paie"])
    assert length(text + "\n\n" + " ".join(tags), "x") <= 280
    assert text.startswith(long) and text.endswith("Dites-nous tout.")
    w = b2b(brand_hashtag="#Paylane")
    for d in range(1, 29):
        draft = w.write(slot(network="x", day=date(2027, 9, d)), seed=0)
        assert length(draft.text + "\n\n" + " ".join(draft.hashtags), "x") <= 280


def test_a_visual_brief_shows_the_software_for_a_b2b_service_and_the_dish_for_a_restaurant():
    soft = b2b().write(slot(format="image_texte"), seed=0).visual_brief
    dish = margot().write(slot(network="instagram", format="image_texte"), seed=0).visual_brief
    assert "capture d’écran du logiciel de paie Paylane" in soft and "1:1" in soft
    assert "la table d’hôte du midi en situation, à table ou au comptoir, vue de trois quarts" in dish and "4:5" in dish
    assert "fond uni" not in soft + dish


def test_english_spelling_follows_the_country():
    text = "Our favourite colour, personalised for you at the centre."
    assert english.spell(text, "US") == "Our favorite color, personalized for you at the center."
    assert english.spell(text, "CA") == "Our favourite colour, personalized for you at the centre."
    assert english.spell(text, "GB") == text

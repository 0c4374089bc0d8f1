"""A format gives what it promises: a carousel its slides, a reel its shots, a letter three
sections, a testimonial a customer's words (or no testimonial at all); a story never asks for a
comment; an offer for companies goes to the persona who buys for one."""

from datetime import date

from core.language import parts
from core.planning import copy_formats
from core.planning.drafts import DraftWriter, Slot
from core.planning.planner import plan_brief
from core.brief import normalise

ALCHIMISTE = {"name": "salle Le Testament de l'Alchimiste", "kind": "produit", "article": "aucun",
              "description": "une salle d'une heure dans le laboratoire d'un alchimiste lyonnais du XVIe siècle, de 3 à 6 joueurs",
              "proofs": ["taux de réussite de 38 %", "décors construits par d'anciens décorateurs du Théâtre des Célestins"],
              "proof_kinds": ["figure", "making"], "price": "à partir de 24 € par joueur",
              "link": "https://leverrou-lyon.fr/alchimiste", "action": "reservation"}
TEAM = {"name": "formule team building", "kind": "service", "gender": "f",
        "description": "une soirée d'équipe avec deux salles en parallèle, débrief et apéritif au bar",
        "proofs": ["jusqu'à 40 personnes en rotation", "facture au nom de l'entreprise"],
        "price": "à partir de 45 € par personne", "link": "https://leverrou-lyon.fr/entreprises", "action": "devis"}
LEA = {"name": "Léa, étudiante en bande",
       "description": "22 ans, étudiante à Lyon 3, sort avec sa bande le vendredi et cherche des idées d'anniversaire."}
KARIM = {"name": "Karim, manager d'équipe",
         "description": "38 ans, manager dans une ESN à la Part-Dieu, cherche une activité de cohésion pour douze personnes."}


def verrou(**kw):
    return DraftWriter(brand_name="Le Verrou", sector="culture", address="tu", offers=[ALCHIMISTE, TEAM], **kw)


def slot(**kw):
    base = dict(day=date(2027, 3, 2), network="instagram", format="carrousel", intent="inform",
                objective="conversion", pillar="Nos salles")
    return Slot(**{**base, **kw})


def test_a_carousel_gives_one_line_a_slide_from_the_offers_description_proofs_and_price():
    w = verrou()
    text = w.write(slot(audience="private"), seed=0).text
    split = parts.split(text)
    slides = [split.get(k) for k in copy_formats.SLIDE_KEYS if split.get(k)]
    assert slides == ["Salle Le Testament de l’Alchimiste, en détail",
                      "Une salle d’une heure dans le laboratoire d’un alchimiste lyonnais du XVIe siècle, de 3 à 6 joueurs",
                      "Décors construits par d’anciens décorateurs du Théâtre des Célestins",
                      "Taux de réussite de 38\u00a0%",
                      "Le tarif\u00a0: à partir de 24\u00a0€ par joueur",
                      "L’appel à l’action de la légende, avec le logo"]  # the cover, four ideas, the call
    assert text.startswith("Visuel 1\u00a0: ")


def test_a_reel_gives_its_shots_with_their_seconds_within_thirty():
    w = verrou()
    text = w.write(slot(format="reel", audience="private"), seed=0).text
    split = parts.split(text)
    shots = [split.get(k) for k in copy_formats.SHOT_KEYS if split.get(k)]
    assert shots == ["La salle Le Testament de l’Alchimiste en gros plan, son nom à l’écran (0–3\u00a0s)",
                     "Une salle d’une heure dans le laboratoire d’un alchimiste lyonnais du XVIe siècle, de 3 à 6 joueurs (3–8\u00a0s)",
                     "Décors construits par d’anciens décorateurs du Théâtre des Célestins (8–13\u00a0s)",
                     "Taux de réussite de 38\u00a0% (13–18\u00a0s)",
                     "Le tarif\u00a0: à partir de 24\u00a0€ par joueur (18–23\u00a0s)",
                     "L’appel à l’action de la légende à l’écran, avec le logo (23–27\u00a0s)"]


def test_a_subject_with_too_little_to_show_gets_no_made_up_slides():
    thin = {"name": "carte cadeau", "kind": "produit", "gender": "f", "description": "une carte cadeau valable un an"}
    w = DraftWriter(brand_name="Le Verrou", sector="culture", address="tu", offers=[thin])
    assert copy_formats.SLIDE_KEYS[0] not in parts.split(w.write(slot(), seed=0).text).keys


def test_the_company_offer_goes_to_the_manager_and_never_to_the_student():
    assert copy_formats.persona_audiences([LEA, KARIM]) == {"Léa, étudiante en bande": "private",
                                                            "Karim, manager d'équipe": "pro"}
    assert (copy_formats.offer_audience(TEAM), copy_formats.offer_audience(ALCHIMISTE)) == ("pro", "private")
    w = verrou()
    for_lea = {w.write(slot(network="tiktok", format="image_texte", audience="private",
                            day=date(2027, 3, d)), seed=0).link for d in range(1, 15)}
    for_karim = {w.write(slot(network="facebook", format="image_texte", audience="pro",
                              day=date(2027, 4, d)), seed=0).link for d in range(1, 15)}
    assert (for_lea, for_karim) == ({"https://leverrou-lyon.fr/alchimiste"}, {"https://leverrou-lyon.fr/entreprises"})


def test_personas_who_all_buy_the_same_way_keep_every_offer():
    sophie = {"name": "Sophie, propriétaire à Balma", "description": "Propriétaire de 45 ans d'une maison des années 80."}
    assert copy_formats.persona_audiences([LEA, sophie]) == {}


def test_a_testimonial_is_written_from_a_customers_words():
    quoted = {**ALCHIMISTE, "proofs": [*ALCHIMISTE["proofs"], "« On a eu des frissons jusqu'à la dernière minute » — Inès, 24 ans"]}
    assert copy_formats.quotes(quoted) == [("On a eu des frissons jusqu'à la dernière minute", "Inès, 24 ans")]
    w = DraftWriter(brand_name="Le Verrou", sector="culture", address="tu", offers=[quoted])
    text = w.write(slot(format="temoignage"), seed=0).text
    assert "«\u00a0On a eu des frissons jusqu’à la dernière minute\u00a0» — Inès, 24 ans" in text


def test_without_a_customers_words_no_post_is_called_a_testimonial_and_its_slots_ask_for_reviews():
    brief = normalise({
        "format": "calame-brief/1",
        "brand": {"name": "Le Verrou", "sector": "culture", "languages": ["fr"]},
        "tone": {"address": "tu"},
        "objectives": [{"kind": "e_reputation", "priority": 1, "kpi": "Note Google de 4,8 avec 800 avis"}],
        "channels": [{"network": "instagram", "posts_per_week": 5.0}, {"network": "tiktok", "posts_per_week": 3.0}],
        "offers": [ALCHIMISTE, {**TEAM, "kind": "produit"}],
    })
    posts = plan_brief(brief, date(2027, 1, 1), 6, score=False).posts
    assert [p["format"] for p in posts if p["format"] == "temoignage"] == []
    asked = [p for p in posts if "avec l’accord de leurs auteurs" in p["text"]]
    assert asked and {p["format"] for p in asked} == {"image_texte"}
    assert not [p for p in asked if "citation" in p["visual_brief"]]


def test_a_thin_letter_gives_news_of_the_other_offers_for_the_same_readers():
    bar = {"name": "bar à jeux", "kind": "service", "gender": "m",
           "description": "un bar à cocktails avec plus de 300 jeux de société à emprunter sur place",
           "link": "https://leverrou-lyon.fr/bar"}
    thin = {"name": "carte cadeau", "kind": "produit", "gender": "f", "description": "une carte cadeau valable un an"}
    w = DraftWriter(brand_name="Le Verrou", sector="culture", address="tu", offers=[thin, bar, TEAM],
                    channels=["newsletter"])
    text = w.write(slot(network="newsletter", format="newsletter", audience="private"), seed=0).text
    assert "👀 Aussi chez Le Verrou\nLa carte cadeau\u00a0: une carte cadeau valable un an." in text
    assert "team building" not in text


def test_an_enigma_answered_in_the_comments_is_never_planned_as_a_story_nor_as_behind_the_scenes():
    brief = normalise({
        "format": "calame-brief/1",
        "brand": {"name": "Le Verrou", "sector": "culture", "languages": ["fr"]},
        "tone": {"address": "tu"},
        "channels": [{"network": "instagram", "posts_per_week": 5.0}],
        "offers": [ALCHIMISTE],
        "rubrics": [{"name": "l'énigme du vendredi", "weekday": 4, "networks": ["instagram"],
                     "description": "une petite énigme à résoudre en commentaire, solution le lundi"}],
    })
    posts = plan_brief(brief, date(2027, 1, 1), 6, score=False).posts
    formats = {p["format"] for p in posts if p.get("rubric")}
    assert formats and not formats & {"story", "coulisses", "temoignage"}

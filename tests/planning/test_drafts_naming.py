"""Drafts name a brief's offers as French and English do: a common noun with its article, a
proper name bare, a verb phrase only at the head of a line, a description that restates the
name never glued to it with a colon."""

from datetime import date, timedelta

from core.planning import english
from core.planning.drafts import DraftWriter, Slot, _circular, _desc_rest, render
from core.planning.french import fill, offer_noun

TRABOULE = {"name": "salle Traboule 404", "kind": "produit", "article": "aucun",
            "description": "une salle futuriste où il faut pirater une IA cachée sous le Vieux Lyon, de 2 à 5 joueurs",
            "proofs": ["la salle préférée des joueurs confirmés"], "proof_kinds": ["benefit"],
            "price": "à partir de 26 € par joueur"}
MENTOR = {"name": "devenir mentor", "kind": "service", "article": "aucun",
          "description": "un engagement bénévole de deux heures toutes les deux semaines pendant six mois",
          "proofs": ["une formation de deux heures avant le premier binôme"]}
LIVRAISON = {"name": "livraison à domicile", "kind": "service", "gender": "f",
             "description": "une livraison le jeudi soir à Nantes, Rezé, Vertou et Saint-Sébastien",
             "proofs": ["3 € par livraison"], "price": "3 € par livraison"}


def _fill(template: str, offer: dict) -> str | None:
    return fill(template, {"topic": offer_noun(offer)})


def test_a_room_named_salle_traboule_404_takes_la_even_when_the_brief_says_aucun():
    assert _fill("On te montre {topic} en situation.", TRABOULE) == "On te montre la salle Traboule 404 en situation."
    assert _fill("Ce qu'on aime dans {topic} : le décor.", TRABOULE) == "Ce qu'on aime dans la salle Traboule 404 : le décor."
    assert _fill("Le côté pratique {topic.de} : tout.", TRABOULE) == "Le côté pratique de la salle Traboule 404 : tout."


def test_the_participle_agrees_with_the_feminine_salle():
    template = "Tu as adopté {topic} ? {topic~Photographié|Photographiée|Photographiés|Photographiées} par toi, c'est mieux."
    assert _fill(template, TRABOULE) == ("Tu as adopté la salle Traboule 404 ? Photographiée par toi, c'est mieux.")


def test_a_true_proper_name_declared_without_article_stays_bare():
    netflix = {"name": "Netflix", "article": "aucun"}
    assert _fill("On te montre {topic} en situation.", netflix) == "On te montre Netflix en situation."
    assert _fill("Un mot sur {topic}.", {"name": "Lila Studio", "article": "aucun"}) == "Un mot sur Lila Studio."


def test_an_infinitive_name_never_fills_a_noun_slot():
    assert _fill("Un mot sur {topic} : {proof}.", MENTOR) is None
    assert _fill("Faites connaître {topic} autour de vous.", MENTOR) is None
    assert _fill("Le côté pratique {topic.de}.", MENTOR) is None


def test_an_infinitive_name_heads_a_line_before_a_comma_or_a_colon():
    assert _fill("{topic}, {topic~c'est|ce sont} un engagement.", MENTOR) == "devenir mentor, c'est un engagement."
    line = render("{e:💡 }{topic}, {topic~c'est|ce sont} {desc}.", {"desc": MENTOR["description"]},
                  nouns={"topic": offer_noun(MENTOR)})
    assert line == ("💡 Devenir mentor, c’est un engagement bénévole de deux heures toutes les deux semaines "
                    "pendant six mois.")


def test_a_coordinated_name_gives_each_noun_its_article():
    exam = {"name": "examen complet et nettoyage", "gender": "m"}
    assert _fill("On vous présente {topic}.", exam) == "On vous présente l'examen complet et le nettoyage."
    assert _fill("Le côté pratique {topic.de} : {topic~compris|comprise|compris|comprises}.", exam) == \
        "Le côté pratique de l'examen complet et du nettoyage : compris."


def test_a_noun_with_its_complements_is_not_split_at_et():
    assert _fill("Un mot sur {topic}.", {"name": "module congés et absences", "gender": "m"}) == \
        "Un mot sur le module congés et absences."
    assert _fill("Un mot sur {topic}.", {"name": "ateliers CV et entretien", "gender": "m"}) == \
        "Un mot sur les ateliers CV et entretien."


def test_an_english_common_noun_name_takes_our_even_when_declared_without_article():
    box = english.offer_noun({"name": "Christmas gift box", "article": "aucun"})
    assert fill("What to know about {topic.our}: two coffees.", {"topic": box}) == \
        "What to know about our Christmas gift box: two coffees."
    bike = english.offer_noun({"name": "Ribble Gravel AL", "article": "aucun"})
    assert fill("A closer look at {topic.our}.", {"topic": bike}) == "A closer look at Ribble Gravel AL."


def test_an_english_verb_phrase_name_only_heads_a_line():
    mentor = english.offer_noun({"name": "Become a mentor"})
    assert mentor.verbal
    assert fill("A word on {topic.our}.", {"topic": mentor}) is None
    assert fill("{topic.our}: two hours a fortnight.", {"topic": mentor}) == "Become a mentor: two hours a fortnight."
    assert not english.verbal("support plan") and not english.verbal("home brewing class")


def test_a_description_whose_head_noun_is_the_names_is_circular():
    assert _circular("livraison à domicile", LIVRAISON["description"])
    assert _circular("blanchiment dentaire", "un blanchiment professionnel en clinique ou à domicile avec gouttières sur mesure")
    assert not _circular("urgences dentaires", "des plages réservées chaque jour pour les douleurs, fractures et abcès")


def test_a_restating_description_loses_its_head_only_when_the_rest_still_reads():
    assert _desc_rest("une table en chêne massif, dessinée à Nantes") == "en chêne massif, dessinée à Nantes"
    # an adjective alone after the colon is a fragment: « Le baume à lèvres : nourrissant en tube carton »
    assert _desc_rest("un blanchiment professionnel en clinique") == ""
    assert _desc_rest("un baume nourrissant en tube carton, à la cire et au miel de ruchers wallons") == ""
    assert _desc_rest("un gîte à 10 minutes du lac d'Annecy") == "à 10 minutes du lac d'Annecy"
    # « Le bar à jeux : à cocktails avec… » would hang: « bar à cocktails » is one compound noun
    assert _desc_rest("un bar à cocktails avec plus de 300 jeux de société à emprunter sur place") == ""


def test_a_named_product_told_by_its_kind_is_not_circular():
    assert _circular("brunch du samedi", "un brunch servi le samedi") == 2
    assert not _circular("robe Lila", "une robe portefeuille en lin lavé")
    assert not _circular("salle Traboule 404", TRABOULE["description"])


def test_no_draft_of_a_year_writes_the_delivery_then_a_colon_then_a_delivery():
    writer = DraftWriter(brand_name="Les Paniers de la Sèvre", sector="alimentation", offers=[LIVRAISON], address="tu")
    texts = []
    for i in range(20):
        day = date(2027, 1, 4) + timedelta(days=7 * i)
        for fmt, intent in (("image_texte", "inform"), ("story", "promote"), ("conseil", "inform")):
            texts.append(writer.write(Slot(day=day, network="instagram", format=fmt, intent=intent,
                                           objective="conversion", pillar="Offres"), seed=i).text)
    assert not [t for t in texts if "domicile\u00a0: une livraison" in t or "domicile, une livraison" in t]
    assert any("une livraison le jeudi soir" in t.lower() for t in texts)

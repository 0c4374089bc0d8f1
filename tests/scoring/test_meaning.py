"""What a sentence fails to say although every word of it is right (core.scoring.rules.meaning),
a call whose act the offer does not allow (core.scoring.rules.sense), and a form letter's
wording (core.scoring.rules.tone).

Examples are written by hand for an invented market-garden farm, an escape game and a hotel;
none is a sentence of the graded review sets, which measure these rules.
"""

from __future__ import annotations

from tests.scoring.helpers import found, run

FERME = {"brand": {"name": "Ferme des Quatre Vents", "brand_hashtag": "#QuatreVents", "sector": "restauration"},
         "tone": {"address": "vous", "emojis": True},
         "offers": [{"name": "panier de saison", "kind": "produit", "price": "18 €",
                     "description": "un panier de 5 à 6 légumes de la semaine"},
                    {"name": "journée portes ouvertes", "kind": "evenement", "price": "gratuit",
                     "description": "une visite des serres et des champs"}]}
ESCAPE = {"brand": {"name": "Clé des Songes", "brand_hashtag": "#CleDesSonges", "sector": "culture"},
          "tone": {"address": "tu", "emojis": True},
          "offers": [{"name": "salle Faubourg 1920", "kind": "service", "price": "25 € par joueur",
                      "description": "une enquête d’une heure dans un atelier d’horloger"},
                     {"name": "carte cadeau", "kind": "produit", "price": "50 €",
                      "description": "une partie à offrir, valable un an"}]}
HOTEL = {"brand": {"name": "Hôtel du Grand Lac", "sector": "tourisme"},
         "tone": {"address": "vous", "emojis": False},
         "offers": [{"name": "chambre Panorama", "kind": "produit", "price": "180 € la nuit",
                     "description": "une chambre de 30 m² avec balcon face au lac"}]}


def meaning(text, network="facebook", **kw):
    return found(run(text, network, grammar=False, **kw), "coherence.")


def test_a_description_that_says_its_name_head_noun_again_is_a_tautology():
    assert meaning("La livraison à domicile : une livraison le mardi soir, dans tout le canton.") == [
        ("coherence.tautology", "une livraison le mardi soir, dans tout le canton.")]
    assert meaning("Nos ateliers du samedi, c’est un atelier de deux heures pour toute la famille.") == [
        ("coherence.tautology", "un atelier de deux heures pour toute la famille.")]


def test_a_description_that_says_what_the_thing_is_made_of_or_a_named_product_told_by_its_kind_is_not():
    assert meaning("La livraison à domicile : vos légumes devant votre porte le mardi soir.") == []
    assert meaning("La robe Capucine : une robe portefeuille en lin lavé.") == []
    assert meaning("Au programme : un atelier de semis, puis une visite des serres.") == []


def test_a_tautology_costs_a_light_edit_not_a_rewrite():
    said_again = run("La livraison à domicile : une livraison le mardi soir, dans tout le canton.", "facebook",
                     grammar=False)
    said = run("La livraison à domicile : vos légumes devant votre porte le mardi soir, dans tout le canton.",
               "facebook", grammar=False)
    assert (said_again.subscores["coherence"], said.subscores["coherence"]) == (80, 100)
    assert (said_again.score, said.score) == (78, 88)


def test_a_common_noun_name_after_a_verb_or_a_preposition_keeps_its_article():
    assert meaning("Ce soir, on te montre salle Faubourg 1920 en vidéo.", brand=ESCAPE) == [
        ("coherence.name_no_article", "salle Faubourg 1920")]
    assert meaning("Une soirée entre amis pour découvrir salle Faubourg 1920, à partir de 25 € par joueur.",
                   brand=ESCAPE) == [("coherence.name_no_article", "salle Faubourg 1920")]
    assert meaning("Une heure pour percer le secret de la salle Faubourg 1920, à 25 € par joueur.", brand=ESCAPE) == []


def test_a_name_opening_a_line_or_after_a_bare_preposition_needs_no_article():
    assert meaning("Salle Faubourg 1920 : une enquête d’une heure chez un horloger, 25 € par joueur.",
                   brand=ESCAPE) == []
    assert meaning("Deux nuits en chambre Panorama, balcon face au lac, à partir de 180 €.", brand=HOTEL) == []


def test_a_room_of_a_hotel_is_booked_but_a_gift_card_is_bought():
    assert meaning("La chambre Panorama : 30 m² et un balcon face au lac, 180 € la nuit.\n"
                   "Réservez la chambre Panorama en direct : grandlac.fr/panorama", brand=HOTEL) == []
    r = run("La carte cadeau : une partie à offrir, valable un an, 50 €.\nRéserve ta carte cadeau : "
            "cledessonges.fr/cadeau", "facebook", grammar=False, brand=ESCAPE)
    assert found(r, "coherence.cta") == [("coherence.cta_offer_misfit", "Réserve ta")]
    assert r.score <= 55


def test_a_form_letter_salutation_or_an_anonymous_signature_is_flagged_and_a_named_team_is_not():
    text = ("Madame, Monsieur,\nLa serre nord ferme du 3 au 17 mars pour travaux : le marché du samedi se tient "
            "devant la grange.\nLa direction")
    assert found(run(text, "facebook", grammar=False), "tone.form_letter") == [("tone.form_letter", "Madame, Monsieur")]
    assert found(run("Le marché du samedi se tient devant la grange jusqu’au 17 mars.\nCordialement,\n"
                     "La direction", "facebook", grammar=False), "tone.form_letter") == [
        ("tone.form_letter", "Cordialement,\nLa direction")]
    assert found(run("Le marché du samedi se tient devant la grange jusqu’au 17 mars.\nÀ samedi !\n"
                     "Léa et l’équipe des Quatre Vents", "facebook", grammar=False), "tone.") == []


def test_a_letter_closing_is_a_fault_in_a_feed_post_and_not_in_an_email():
    body = "Le marché du samedi se tient devant la grange jusqu’au 17 mars.\nCordialement,\nLéa Martin"
    assert found(run(body, "facebook", grammar=False), "tone.form_letter") == [("tone.form_letter", "Cordialement")]
    assert found(run("Objet : Le marché passe devant la grange\n\n" + body, "newsletter", grammar=False),
                 "tone.form_letter") == []


def test_an_english_newsletter_to_dear_member_signed_by_the_management_is_a_form_letter():
    text = ("Subject: The changing rooms close from 3 to 17 March\n\nDear Member,\n\nThe changing rooms close "
            "from 3 to 17 March for refurbishment: the portacabins in the car park stay open.\n\nThe Management")
    r = run(text, "newsletter", lang="en", grammar=False)
    assert found(r, "tone.form_letter") == [("tone.form_letter", "Dear Member")]

"""A gift day goes to a brand that has something to give, and a call to action follows the
post's offer: an event's call gives its next date and its sign-up, a gift card is bought, a
farm is not asked to book a table, a call names what it sends the reader to (docs/drafts.md,
"Calls that fit the offer"; docs/moments.md, "Gift days")."""

from datetime import date, timedelta

from core.planning import moment_prefs
from core.planning.drafts import DraftWriter, Slot, event_when, offer_actions, vague_call

GIFT_DAYS = ["saint_valentin", "fete_meres", "fete_peres", "fete_grands_meres", "saint_nicolas"]

FERME = {"brand": {"name": "Les Paniers de la Sèvre", "sector": "autre",
                   "sector_other": "maraîchage bio, paniers de légumes livrés"},
         "message": {"promise": "Des légumes bio cueillis la veille à Vertou, livrés chaque semaine près de chez toi"},
         "offers": [{"name": "panier solo", "kind": "produit",
                     "description": "un panier de 4 à 5 légumes de saison pour une ou deux personnes"},
                    {"name": "journée portes ouvertes", "kind": "evenement", "price": "gratuit", "months": [6],
                     "description": "une journée à la ferme pour visiter les serres, cueillir et goûter"}]}
BOULANGERIE = {"brand": {"name": "Levain & Cie", "sector": "restauration",
                         "sector_other": "boulangerie-café au levain, Plateau-Mont-Royal"},
               "offers": [{"name": "bûche de Noël", "kind": "produit", "description": "une bûche pâtissière"}]}
MODE = {"brand": {"name": "Maison Lila", "sector": "mode"},
        "offers": [{"name": "robe Lila", "kind": "produit", "description": "une robe portefeuille en lin lavé"}]}
PETIT_DEJ = {"name": "petit-déjeuner des membres", "kind": "evenement", "gender": "m", "price": "gratuit",
             "description": "un petit-déjeuner mensuel avec une courte présentation d'un membre",
             "proofs": ["chaque premier mardi du mois à 8 h 30", "ouvert aux non-membres sur inscription"],
             "link": "https://laruche-flagey.be/agenda", "action": "inscription"}


def gift_days(brief: dict) -> list[str]:
    text, sector = moment_prefs.brand_text(brief), moment_prefs.calendar_sector(brief)
    return [k for k in GIFT_DAYS if moment_prefs.fits_products(k, text, sector)]


def test_a_vegetable_box_farm_gets_no_gift_day_while_a_bakery_and_a_fashion_shop_do():
    assert gift_days(FERME) == []
    assert gift_days(BOULANGERIE) == GIFT_DAYS
    assert gift_days(MODE) == ["saint_valentin", "fete_meres", "fete_peres", "fete_grands_meres"]


def test_a_farm_whose_boxes_are_livrés_is_not_a_bookshop_on_world_book_day():
    assert moment_prefs.fits_products("journee_livre", moment_prefs.brand_text(FERME)) is False


def test_a_year_of_the_farm_has_no_valentines_day_unless_its_brief_follows_it():
    from core.planning.moments import moments_for

    found = moments_for("FR", date(2027, 1, 1), date(2027, 12, 31), sector="restauration")
    assert "saint_valentin" in {m.key for m in found}
    kept = {m.key for m in moment_prefs.apply(found, FERME, date(2027, 1, 1), date(2027, 12, 31))}
    assert "saint_valentin" not in kept and "fete_peres" not in kept
    followed = {**FERME, "moments": {"follow": ["saint_valentin"]}}
    assert "saint_valentin" in {m.key for m in moment_prefs.apply(found, followed, date(2027, 1, 1), date(2027, 12, 31))}


def test_a_gift_card_is_bought_never_booked_and_an_annual_closure_asks_for_nothing():
    assert offer_actions({"name": "carte cadeau", "kind": "produit", "price": "dès 30 €"}) == {"achat"}
    assert offer_actions({"name": "gift card", "kind": "produit", "price": "from £25"}) == {"achat"}
    assert offer_actions({"name": "fermeture annuelle", "kind": "evenement",
                          "description": "la fermeture de l'hôtel pour travaux et congés, du 5 au 25 janvier"}) == set()


def test_a_monthly_breakfast_is_announced_for_its_next_first_tuesday():
    assert event_when(PETIT_DEJ, date(2027, 11, 2)) == "aujourd’hui à 8\u00a0h\u00a030"
    assert event_when(PETIT_DEJ, date(2027, 11, 1)) == "demain à 8\u00a0h\u00a030"
    assert event_when(PETIT_DEJ, date(2027, 11, 3)) == "le mardi 7 décembre à 8\u00a0h\u00a030"
    quiz = {"name": "soirée quiz du mercredi", "kind": "evenement",
            "description": "un quiz en équipes au taproom, chaque mercredi à 19 h 30, gratuit"}
    assert event_when(quiz, date(2027, 4, 27)) == "demain à 19\u00a0h\u00a030"
    ride = {"name": "Saturday social ride", "kind": "evenement",
            "description": "a no-drop 40 km ride from the shop every Saturday at 8:30am, coffee at the end"}
    assert event_when(ride, date(2027, 4, 27), "en") == "on Saturday 1 May at 8:30am"


def test_an_event_of_one_month_is_announced_by_its_month_and_one_with_its_date_in_words_is_left_as_said():
    portes = FERME["offers"][1]
    assert event_when(portes, date(2027, 5, 3)) == "en juin"
    assert event_when(portes, date(2027, 6, 3)) == "ce mois-ci"
    collecte = {"name": "collecte nationale", "kind": "evenement", "months": [11],
                "description": "la grande collecte dans les supermarchés du département, fin novembre"}
    assert event_when(collecte, date(2027, 10, 2)) == ""


def test_a_post_about_the_coworking_breakfast_sends_to_its_next_date_and_its_sign_up():
    w = DraftWriter(brand_name="La Ruche Flagey", offers=[PETIT_DEJ], sector="autre",
                    sector_other="espace de coworking et salles de réunion", emojis=False, channels=["linkedin"])
    calls = set()
    for i in range(6):
        draft = w.write(Slot(day=date(2027, 10, 11) + timedelta(days=i), network="linkedin", format="image_texte",
                             intent="inform", objective="fidelisation"), seed=i)
        calls.add(draft.cta)
        assert draft.text.endswith("lien ci-dessous.\n\nhttps://laruche-flagey.be/agenda")
    assert "newsletter" not in " ".join(calls)
    assert calls <= {
        "Le petit-déjeuner des membres, le mardi 2 novembre à 8\u00a0h\u00a030\u00a0: inscrivez-vous par le lien en bio.",
        "Notez la date\u00a0: le petit-déjeuner des membres, le mardi 2 novembre à 8\u00a0h\u00a030. Inscription par le lien en bio.",
        "Le petit-déjeuner des membres, le mardi 2 novembre à 8\u00a0h\u00a030\u00a0: réservez votre place par le lien en bio.",
    }


def test_a_farm_is_asked_to_order_its_box_not_to_book_a_table_and_a_taproom_is_asked_for_a_table():
    def conversion_calls(name, sector, sector_other, offer):
        w = DraftWriter(brand_name=name, offers=[offer], sector=sector, sector_other=sector_other, emojis=False)
        return {w.write(Slot(day=date(2027, 3, 1) + timedelta(days=i), network="instagram", format="image_texte",
                             intent="inform", objective="conversion"), seed=i).cta for i in range(12)}

    farm = conversion_calls("Les Paniers de la Sèvre", "autre", "maraîchage bio, paniers de légumes livrés", FERME["offers"][0])
    assert not [c for c in farm if "table" in c or "réservations" in c]
    assert "Commandez le panier solo en ligne, lien en bio." in farm
    taproom = conversion_calls("Cap Blanc", "restauration", "microbrasserie artisanale avec salle de dégustation (taproom)",
                               {"name": "Brume du Fleuve", "kind": "produit", "gender": "f",
                                "description": "une NEIPA trouble aux notes de mangue"})
    assert "Réservez votre table, lien en bio." in taproom


def test_a_call_that_names_nothing_is_told_from_one_that_names_its_object():
    assert [vague_call(c) for c in ("Découvre l’offre sur notre site, lien en bio.",
                                    "La billetterie est ouverte : lien dans le sticker.",
                                    "Contactez-nous pour en savoir plus.",
                                    "Tous les détails sont sur notre site, lien en bio.",
                                    "Découvre le panier solo sur notre site, lien en bio.",
                                    "{v:Découvrez|Découvre} {topic} sur notre site, lien en bio.")] == [
        True, True, True, True, False, False]
    assert vague_call("Get in touch to find out more.", "en") is True


def test_a_rubric_post_of_the_coworking_names_what_its_call_sends_to():
    w = DraftWriter(brand_name="La Ruche Flagey", offers=[PETIT_DEJ], sector="autre", emojis=False,
                    sector_other="espace de coworking et salles de réunion",
                    rubrics=[{"name": "le portrait de membre du jeudi", "weekday": 3,
                              "description": "un membre de la Ruche, son métier et ce qu'il cherche"}])
    calls = [w.write(Slot(day=date(2027, 1, 7) + timedelta(weeks=i), network="linkedin", format="image_texte",
                          intent="inform", objective="conversion"), seed=i).cta for i in range(6)]
    assert calls and not [c for c in calls if vague_call(c)]

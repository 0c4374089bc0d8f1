"""A post's call to action fits the offer it is about (free or included, bookable or not, quoted
or not) and carries the link it sends the reader to (docs/drafts.md, "Calls that fit the offer")."""

from datetime import date, timedelta

from core import brief as brief_mod
from core.planning.drafts import DraftWriter, Slot, offer_actions, offer_terms

CLUB = {"name": "club enfants", "kind": "programme", "gender": "m",
        "description": "des activités encadrées pour les 4-12 ans, incluses dans le séjour"}
CANOE = {"name": "descente en canoë", "kind": "service", "gender": "f", "price": "28 € par adulte",
         "description": "une descente de la rivière, navette retour comprise",
         "link": "https://camping-lestilleuls.fr/canoe"}
MARCHE = {"name": "marché du jeudi", "kind": "evenement", "gender": "m",
          "description": "un marché de producteurs chaque jeudi soir, entrée gratuite"}
RENOVATION = {"name": "rénovation de maison bruxelloise", "kind": "service", "gender": "f",
              "description": "une rénovation complète, de l'esquisse à la réception du chantier",
              "link": "https://ateliervoute.be/renovation"}
RDV = {"name": "premier rendez-vous", "kind": "service", "gender": "m",
       "description": "une heure à l'atelier pour parler de votre projet, offerte",
       "link": "https://ateliervoute.be/contact"}
ESSAI = {"name": "cours d'essai", "kind": "service", "gender": "m",
         "description": "une première leçon d'une heure, gratuite et sans engagement"}
MONDAY = date(2027, 7, 5)


def calls(offers, sector, network="instagram", objective="conversion", days=60, **kw):
    """The call to action and link of a post every day for ``days`` days, as (offer, call, link)."""
    w = DraftWriter(brand_name="Les Tilleuls", offers=offers, sector=sector, emojis=False, **kw)
    out = []
    for i in range(days):
        draft = w.write(Slot(day=MONDAY + timedelta(days=i), network=network, format="image_texte",
                             intent="inform", objective=objective), seed=i)
        out.append(((w._offer_now or {}).get("name", ""), draft.cta, draft.link))
    return out


def test_an_offer_included_with_the_stay_or_free_is_told_apart_from_a_paid_one():
    assert [offer_terms(o) for o in (CLUB, CANOE, MARCHE, RDV)] == [
        (True, True), (False, False), (True, False), (True, False)]
    assert offer_terms({**CLUB, "included": False}) == (False, False)


def test_what_a_post_asks_follows_the_offer_kind_and_terms_or_the_brief_s_action():
    assert offer_actions(CLUB) == {"visite", "contact"}
    assert offer_actions(MARCHE) == {"visite"}
    assert offer_actions(CANOE) == {"reservation", "rendez_vous", "contact"}
    assert offer_actions({**RENOVATION, "action": "devis"}) == {"devis"}


def test_a_campsite_never_asks_to_book_its_free_kids_club_nor_its_free_market():
    found = calls([CLUB, CANOE, MARCHE], "tourisme", days=60)
    club = {c for o, c, _ in found if o == "club enfants"}
    marche = {c for o, c, _ in found if o == "marché du jeudi"}
    assert "Réservez le club enfants en direct, lien en bio." not in club
    assert "Le club enfants est compris dans le séjour\u00a0: réservez en direct, lien en bio." in club
    assert not [c for c in marche if "Réservez le marché" in c]
    assert "Réservez la descente en canoë en direct, lien en bio." in {c for o, c, _ in found if o == "descente en canoë"}


def test_an_architect_is_never_asked_for_a_quote_and_offers_its_free_first_meeting():
    found = calls([RENOVATION, RDV], "autre", sector_other="bureau d'architectes", days=40)
    assert not [c for _, c, _ in found if "devis" in c]
    assert "Réservez un premier rendez-vous\u00a0: c’est gratuit, lien en bio." in {c for o, c, _ in found
                                                                                  if o == "premier rendez-vous"}
    assert not [c for o, c, _ in found if o == "premier rendez-vous" and "projet" in c]


def test_a_quote_is_asked_where_the_brief_says_the_offer_is_quoted():
    found = calls([{**RENOVATION, "action": "devis"}], "autre", days=40)
    assert "La rénovation de maison bruxelloise\u00a0: demandez un devis, lien en bio." in {c for _, c, _ in found}


def test_a_call_that_sends_to_a_page_carries_the_link_of_the_brand_s_site():
    """The trial lesson has no page of its own: its "lien en bio" points to the brand's site."""
    found = calls([ESSAI, {**CANOE, "link": "https://linguanova.ch/anglais"}], "autre", days=40)
    essai = [(c, link) for o, c, link in found if o == "cours d'essai" and "lien" in c]
    assert essai and all(link == "https://linguanova.ch/" for _, link in essai)


def test_a_post_of_a_charity_about_an_offer_that_is_not_a_donation_still_has_a_call():
    adoption = {"name": "adoption", "kind": "service", "gender": "f", "price": "150 €",
                "description": "un chien ou un chat vacciné, identifié et stérilisé"}
    don = {"name": "don en ligne", "kind": "cause", "gender": "m", "description": "un don qui soigne les animaux",
           "link": "https://quatrepattes.org/don"}
    found = calls([adoption, don], "association", network="facebook", days=30)
    assert all(c for _, c, _ in found)
    assert ("L’adoption\u00a0: comment ça se passe, tout est expliqué sur notre site, lien en bio."
            in {c for o, c, _ in found if o == "adoption"})


def test_a_brief_offer_may_say_it_is_included_and_what_its_posts_ask():
    base = {"format": "calame-brief/1", "brand": {"name": "Les Tilleuls"},
            "offers": [{**CLUB, "included": "oui", "action": "réserver"}]}
    problems = brief_mod.validate(brief_mod.normalise(base))
    assert [(p.path, p.key) for p in problems] == [("offers[1].included", "brief.not_boolean"),
                                                   ("offers[1].action", "brief.invalid_choice")]
    good = {**base, "offers": [{**CLUB, "included": True, "action": "visite"}]}
    assert brief_mod.validate(brief_mod.normalise(good)) == []

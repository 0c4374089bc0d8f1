"""What a post says fits its brand, its objective and the law (core.scoring.rules.coherence)."""

from __future__ import annotations

from core.scoring.rules.coherence import family_of
from tests.scoring.helpers import found, run

CHARITY = {"name": "Toit Partagé", "address": "vous", "emojis": False, "words_to_avoid": [],
           "brand_hashtag": "#ToitPartage", "sector": "association"}
BAKERY = {"name": "Fournil Saint-Roch", "address": "vous", "emojis": True, "words_to_avoid": [],
          "brand_hashtag": "#FournilSaintRoch", "offers": ["pain au levain", "galettes des rois"],
          "pillars": ["Coulisses du fournil", "Produits de saison"]}


def test_a_free_text_sector_finds_its_family():
    assert [family_of(s) for s in ("association", "hair salon", "cabinet comptable", "bar à vins",
                                   "Théâtre municipal", "garage automobile", "")] == [
        "association", "beauty", "b2b", "food", "culture", "local", None]


def test_a_charity_selling_like_a_shop_is_told_so_and_a_donation_call_is_not():
    r = run("Commandez en ligne ou en boutique, dans la limite des stocks disponibles.", "facebook",
            brand=CHARITY)
    assert found(r, "coherence.") == [("coherence.retail_wording", "Commandez"),
                                      ("coherence.retail_wording", "en boutique"),
                                      ("coherence.retail_wording", "dans la limite des stocks disponibles")]
    assert r.score < 60
    r = run("Samedi 29 novembre, faites un don en ligne : 66 % de son montant est déductible.", "facebook",
            brand=CHARITY)
    assert found(r, "coherence.") == []


def test_a_restaurant_may_take_orders_but_a_b2b_firm_does_not_sell_at_a_cut_price():
    assert found(run("Commandez vos pizzas avant 19 h, livrées en 30 minutes.", "facebook",
                     sector="pizzeria"), "coherence.") == []
    assert found(run("Notre ERP à prix cassé ce week-end, foncez !", "linkedin", sector="logiciel ERP"),
                 "coherence.") == [("coherence.retail_wording", "prix cassé"),
                                   ("coherence.retail_wording", "foncez")]


def test_a_contest_names_its_prize_and_its_end():
    r = run("Grand concours : likez et partagez pour participer, tirage au sort bientôt !")
    assert [c for c, _ in found(r, "coherence.")] == ["coherence.contest_no_prize", "coherence.contest_no_end",
                                                     "coherence.engagement_bait"]  # "like to enter" (Meta)
    r = run("À gagner : un soin visage de 75 minutes (valeur 95 €). Participez avant dimanche 14 décembre, "
            "règlement sur notre site.")
    assert found(r, "coherence.") == []


def test_a_post_about_none_of_the_brands_offers_or_pillars_is_off_subject():
    r = run("Vous cherchez une assurance auto ? Comparez les offres et économisez 300 € par an.", "facebook",
            brand=BAKERY)
    assert found(r, "coherence.") == [("coherence.off_subject", "")]
    assert r.score <= 50
    r = run("Nos galettes des rois sont là dès le 2 janvier : frangipane ou pomme ?", "facebook", brand=BAKERY)
    assert found(r, "coherence.") == []
    assert found(run("Vous cherchez une assurance auto ?", "facebook"), "coherence.") == []


def test_an_internal_pillar_name_is_not_for_the_reader():
    r = run("Coulisses du fournil : 4 h du matin, Mathieu façonne 120 pains. #CoulissesDuFournil", brand=BAKERY)
    assert found(r, "coherence.") == [("coherence.pillar_name", "Coulisses du fournil :"),
                                      ("coherence.pillar_name", "#CoulissesDuFournil")]
    r = run("4 h du matin : Mathieu façonne 120 pains au levain. #PilierProduitsDeSaison", brand=BAKERY)
    assert found(r, "coherence.") == [("coherence.pillar_name", "#PilierProduitsDeSaison")]


def test_claims_the_law_forbids_cap_the_score():
    r = run("Notre cure détox élimine les toxines et fait fondre les graisses : -5 kg garantis en 7 jours.")
    assert [c for c, _ in found(r, "coherence.")] == ["coherence.health_claim"] * 4
    assert r.score <= 25
    r = run("Vin à volonté pour 15 € toute la soirée, viens boire sans modération !", sector="bar à vins")
    assert found(r, "coherence.") == [("coherence.alcohol_incitement", "Vin à volonté"),
                                      ("coherence.alcohol_incitement", "boire sans modération")]
    r = run("On recrute un jeune serveur de moins de 30 ans, sans enfants de préférence.", "facebook",
            objective="recrutement")
    assert [t for _, t in found(r, "coherence.")] == ["jeune serveur", "moins de 30 ans", "sans enfants"]


def test_a_subject_line_posing_as_a_transaction_is_deceptive():
    r = run("Objet : RE: votre commande\n\nBonjour Claire, nos pulls sont à −30 % jusqu’au 20.", "newsletter")
    assert found(r, "coherence.") == [("coherence.deceptive_subject", "RE: votre commande")]
    assert r.score <= 30


def test_english_health_claims_and_clickbait_are_read_in_english():
    r = run("You won't believe it: our juice burns fat and flushes toxins.", lang="en")
    assert found(r, "coherence.") == [("coherence.health_claim", "burns fat"),
                                      ("coherence.health_claim", "flushes toxins"),
                                      ("coherence.clickbait", "You won't believe")]


def test_a_reply_that_takes_up_nothing_the_customer_wrote_is_generic_and_one_that_names_it_is_not():
    comment = "En réponse à : 1 h 20 d’attente pour une pizza froide et un livreur qui raccroche. Plus jamais.\n\n"
    generic = "Bonjour, nous sommes désolés. N’hésitez pas à nous écrire en message privé, nous ferons le point."
    heard = ("Bonjour Julie, 1 h 20 pour une pizza froide et un livreur qui vous raccroche au nez : c’est "
             "inacceptable, pardon. Écrivez-nous votre numéro de commande en message privé, on vous la rembourse.")
    assert found(run(comment + generic, "facebook", grammar=False), "coherence.reply_generic") == [
        ("coherence.reply_generic", "")]
    assert found(run(comment + heard, "facebook", grammar=False), "coherence.") == []
    assert found(run(generic, "facebook", format="reply", grammar=False), "coherence.reply_generic") == []

"""The call to action (core.scoring.rules.cta)."""

from __future__ import annotations

from tests.scoring.helpers import found, run


def test_cta_matching_the_objective():
    r = run("La robe Capucine revient cet été.", objective="conversion")
    assert [c for c, _ in found(r, "cta.")] == ["cta.missing"]
    assert "acheter ou réserver" in [s for s in r.suggestions if s["code"] == "cta.missing"][0]["message"]
    assert found(run("La robe Capucine est en boutique : réservez la vôtre.", objective="conversion"), "cta.") == []
    r = run("La robe Capucine revient cet été : partagez ce post.", objective="conversion")
    assert found(r, "cta.") == []


def test_a_donation_a_visit_a_demo_or_a_booking_is_a_call_to_action():
    for text, objective in [("Cet hiver, 300 familles comptent sur nous. Faites un don avant le 31 décembre.", "conversion"),
                            ("Notre nouvelle carte d’automne est prête. Passez nous voir rue Sainte-Catherine.", "notoriete"),
                            ("Votre entrepôt perd des heures en inventaires. Demandez une démo gratuite.", "notoriete"),
                            ("Le brunch du dimanche revient, tu réserves ta table ?", "conversion")]:
        assert found(run(text, network="facebook", objective=objective), "cta.") == [], text


def test_links_are_not_clickable_on_instagram_so_lien_en_bio_is_asked_for():
    r = run("Lisez notre guide des tailles sur https://maisonlila.fr/tailles", objective="trafic")
    assert found(r, "cta.") == [("cta.link_not_clickable", "https://maisonlila.fr/tailles")]
    r = run("Notre guide des tailles vous attend.", objective="trafic")
    assert [s["message"] for s in r.suggestions if s["code"] == "cta.missing"] == [
        "Objectif trafic sur Instagram, où les liens ne sont pas cliquables : ajoutez « lien en bio »."]
    assert found(run("Notre guide des tailles : lien en bio.", objective="trafic"), "cta.") == []


def test_english_text_gets_english_ctas_and_no_french_address_rule():
    r = run("Summer dresses are here! Which one is your favourite? Tell us in the comments.", lang="en",
            objective="engagement")
    assert found(r, "cta.") + found(r, "engagement.no_question") + found(r, "tone.") == []
    assert r.stats["lang"] == "en"



def test_a_traffic_post_that_says_come_with_no_link_bio_phone_or_address_has_no_route():
    text = "Nouveau cours de yoga doux le mardi à 12\u00a0h\u00a030, 45 minutes pour souffler.\nVenez essayer, le premier cours est offert."
    assert found(run(text, "facebook", objective="trafic"), "cta.") == [("cta.no_route", "")]
    assert found(run(text + "\nRéservation : studio-lune.fr/essai", "facebook", objective="trafic"), "cta.") == []
    assert found(run(text + " Lien en bio.", "instagram", objective="trafic"), "cta.") == []
    assert found(run(text + " Au 04 78 12 34 56.", "facebook", objective="trafic"), "cta.") == []
    assert found(run(text, "facebook", objective="notoriete"), "cta.") == []

"""Hashtags (core.scoring.rules.hashtags)."""

from __future__ import annotations

from tests.scoring.helpers import BRAND, found, run


def test_hashtags_over_the_instagram_cap_of_five_are_an_error():
    text = "Robe Capucine, en lin.\n#MaisonLila #RobeDEte #Lin #ModeEthique #Bordeaux #MadeInFrance"
    r = run(text, brand=BRAND)
    assert found(r, "hashtags.") == [("hashtags.over_cap", "#MadeInFrance")]


def test_malformed_banned_overused_duplicate_and_lowercase_hashtags():
    text = "Robe Capucine.\n#fête-des-mères # robe #followforfollow #explore #modeethiquefrancaise #Lin #lin"
    r = run(text, "tiktok")
    assert found(r, "hashtags.") == [
        ("hashtags.banned", "#followforfollow"),
        ("hashtags.malformed", "#fête-des-mères"),
        ("hashtags.malformed", "# robe"),
        ("hashtags.duplicate", "#lin"),
        ("hashtags.too_many", "#lin"),
        ("hashtags.overused", "#explore"),
        ("hashtags.camel_case", "#modeethiquefrancaise"),
    ]
    fix = [s["fix"] for s in r.suggestions if s["code"] == "hashtags.malformed"]
    assert fix == ["#FêteDesMères", "#robe"]


def test_the_brand_hashtag_is_asked_for_and_hashtags_on_a_blog_are_useless():
    r = run("Robe Capucine, en lin.\n#RobeDEte #Lin #ModeEthique", brand=BRAND)
    assert [c for c, _ in found(r, "hashtags.")] == ["hashtags.brand_missing"]
    r = run("Robe Capucine, en lin : réservez-la.\n#RobeDEte", "google_business")
    assert found(r, "hashtags.") == [("hashtags.not_used", "#RobeDEte")]



def test_a_hashtag_written_with_spaces_in_the_hashtag_line_is_malformed_and_gets_its_camel_case_fix():
    text = ("Les 3 erreurs qui font rater le permis, en 45 secondes.\n"
            "#permis #code de la route #autoecole")
    r = run(text, "tiktok")
    assert found(r, "hashtags.malformed") == [("hashtags.malformed", "#code de la route")]
    assert [s["fix"] for s in r.suggestions if s["code"] == "hashtags.malformed"] == ["#CodeDeLaRoute"]
    assert found(run("Les 3 erreurs qui font rater le permis.\n#permis #CodeDeLaRoute #autoecole", "tiktok"),
                 "hashtags.malformed") == []

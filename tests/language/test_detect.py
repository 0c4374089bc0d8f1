"""core.language.detect: French, English, other, unknown, mixed."""

from core.language.detect import detect, resolve


def test_a_french_sentence_is_detected_as_french():
    d = detect("La robe a été présentée hier au salon de Paris, devant les acheteurs.")
    assert (d.lang, d.mixed, d.shares) == ("fr", False, {"fr": 1.0})


def test_an_english_sentence_is_detected_as_english():
    d = detect("The dress was presented yesterday at the Paris fair, in front of the buyers.")
    assert (d.lang, d.mixed, d.shares) == ("en", False, {"en": 1.0})


def test_spanish_and_german_are_other_languages():
    assert detect("El vestido fue presentado ayer en la feria y es muy bonito.").lang == "other"
    assert detect("Der Hund ist nicht auf dem Tisch und wir sind auch da.").lang == "other"


def test_empty_short_or_emoji_only_text_is_unknown():
    assert [detect(t).lang for t in ("", "   ", "Bonjour", "🎉🎉🎉", "12 34 56")] == ["unknown"] * 5


def test_a_bilingual_post_is_mixed_with_the_share_of_each_language():
    d = detect(
        "La nouvelle collection arrive en boutique demain, venez la découvrir avec nous. "
        "Our new collection is in the stores tomorrow, and you will love it."
    )
    assert d.mixed is True
    assert set(d.shares) == {"fr", "en"}
    assert abs(sum(d.shares.values()) - 1) < 0.01


def test_a_french_post_quoting_a_short_english_slogan_is_not_mixed():
    text = (
        "Notre nouvelle campagne est en ligne depuis ce matin. Elle raconte l'histoire de "
        "nos artisans et de leur atelier à Lyon. Nous avons choisi un slogan simple pour "
        "la porter. Il est court et il parle à tout le monde. Just do it."
    )
    d = detect(text)
    assert (d.lang, d.mixed) == ("fr", False)


def test_resolve_uses_the_override_and_falls_back_to_french():
    assert resolve("The dress was presented yesterday.", "fr") == "fr"
    assert resolve("The dress was presented yesterday at the fair.") == "en"
    assert resolve("El vestido fue presentado ayer en la feria.") == "fr"

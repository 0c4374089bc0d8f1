"""Accessibility (core.scoring.rules.accessibility)."""

from __future__ import annotations

from tests.scoring.helpers import found, run


def test_accessibility_alt_text_emoji_replacing_a_word_and_bare_links():
    r = run("On ❤️ les robes en lin.", format="carrousel")
    assert found(r, "a11y.") == [("a11y.emoji_as_word", "❤️"), ("a11y.alt_text", "")]
    r = run("Le guide des tailles :\nhttps://maisonlila.fr/tailles", "facebook")
    assert found(r, "a11y.") == [("a11y.bare_link", "https://maisonlila.fr/tailles")]
    assert found(run("Lisez le guide des tailles sur https://maisonlila.fr/tailles", "facebook"), "a11y.") == []



def test_a_link_shown_with_its_tracking_parameters_is_flagged_and_a_clean_one_is_not():
    text = ("L’exposition « Couleurs d’ailleurs » est prolongée jusqu’au 2 mars. Plus d’informations : "
            "https://musee-vautrin.fr/expositions/couleurs?utm_source=twitter&utm_medium=social")
    r = run(text, "x")
    assert found(r, "a11y.") == [("a11y.tracking_link", "utm_source=twitter&utm_medium=social")]
    assert found(run("L’exposition est prolongée jusqu’au 2 mars : https://musee-vautrin.fr/expositions", "x"),
                 "a11y.") == []

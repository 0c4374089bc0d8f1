"""Accessibility (core.scoring.rules.accessibility)."""

from __future__ import annotations

from tests.scoring.helpers import found, run


def test_accessibility_alt_text_emoji_replacing_a_word_and_bare_links():
    r = run("On ❤️ les robes en lin.", format="carrousel")
    assert found(r, "a11y.") == [("a11y.emoji_as_word", "❤️"), ("a11y.alt_text", "")]
    r = run("Le guide des tailles :\nhttps://maisonlila.fr/tailles", "facebook")
    assert found(r, "a11y.") == [("a11y.bare_link", "https://maisonlila.fr/tailles")]
    assert found(run("Lisez le guide des tailles sur https://maisonlila.fr/tailles", "facebook"), "a11y.") == []


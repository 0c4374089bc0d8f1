"""Messages with a count agree with it: no "publication(s)" left for a reader to work out."""

import re

import pytest

from core.i18n import agree_counts, messages, t


def test_a_count_agrees_the_words_that_follow_it_in_french_and_english():
    assert t("csv.import_done", "fr", created=1, updated=3, errors=0) == \
        "1 publication créée, 3 mises à jour, 0 ligne en erreur."
    assert t("csv.import_done", "en", created=1, updated=3, errors=0) == "1 post created, 3 updated, 0 rows with errors."
    assert t("crisis.started", "fr", id=4, brand="Maison Lila", count=12, until="5 mars") == \
        "Crise n° 4 ouverte pour «\u00a0Maison Lila\u00a0»\u00a0: 12 publications suspendues jusqu’au 5 mars."


def test_a_plural_mark_with_no_count_before_it_is_left_as_written():
    assert agree_counts("Choisissez le(s) réseau(x) de {brand}.", {"brand": "Lila"}, "fr") == \
        "Choisissez le(s) réseau(x) de {brand}."


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_plural_mark_of_a_message_follows_a_count(lang):
    """A "(s)" the count cannot resolve would reach the reader as it is written."""
    left = [key for key, entry in messages().items()
            if re.search(r"\((s|x)\)", re.sub(r"\{\w+[^{}]*\}.*", "", entry.get(lang, ""), flags=re.S))]
    assert left == []

"""The drafts' checks read a post line by line, each line once, and give the whole text's verdicts."""

from core.planning.drafts import (_BIO_LINK, _POINTS_BELOW, _SENTENCE_END, DraftWriter, _norm, _plain,
                                  _points_below, _repeats, _sentence_key)

PIN = ("Titre\u00a0: Retouches offertes\n\n"
       "📌 Bon à savoir sur les retouches offertes\u00a0: faites dans l’atelier, en 48\u00a0heures.\n\n"
       "Bon à savoir\u00a0: faites dans l’atelier, en 48\u00a0heures.\n\n"
       "Enregistrez cette épingle\u00a0: les retouches offertes, à retrouver sur notre site.")
POSTS = [
    PIN,
    "La robe Lila se porte tout l’été.\n\nUn lin européen certifié, pas cher du tout.\n\nLien en bio.",
    "Nos conseils de style, chaque mardi.\n\nLe lin se froisse ? Tant mieux.\n\nRéservez votre essayage par le lien.",
    "Le brunch du samedi revient.\n\nLe brunch du samedi revient.",
    "Lien en bio pour le bio.\n\nRèglement complet en lien.",
    "Une robe.\nÀ prix bon\nplan ici.",
]
VALUES = {"proofs": ["faites dans l'atelier, en 48 heures"], "desc": ""}


def whole_repeats(text: str, values: dict) -> bool:
    """The check as it read the whole text at once."""
    keys = [k for k in map(_sentence_key, _SENTENCE_END.split(text)) if len(k.split()) >= 3]
    lower = _norm(text)
    return len(keys) != len(set(keys)) or any(
        len(p) > 12 and lower.count(_norm(p)) > 1 for p in [*values["proofs"], values["desc"]])


def test_a_post_repeats_a_sentence_or_a_proof_point_by_its_lines_as_by_its_whole_text():
    assert [_repeats(p, VALUES) for p in POSTS] == [True, False, False, True, False, False]
    assert [_repeats(p, VALUES) for p in POSTS] == [whole_repeats(p, VALUES) for p in POSTS]


def test_a_word_to_avoid_is_found_by_lines_as_in_the_whole_text_and_never_across_two_lines():
    w = DraftWriter(brand_name="Maison Lila", words_to_avoid=["pas cher", "bon plan", "bio"])
    whole = [bool(w._avoid_rx.search(_BIO_LINK.sub(" ", _plain(p)))) for p in POSTS]
    assert [w._avoided(p) for p in POSTS] == whole == [False, True, False, False, True, False]
    assert [w._avoided(p) for p in POSTS] == whole  # the second time from the lines remembered


def test_a_post_points_to_a_link_below_by_its_lines_as_by_its_whole_text():
    assert [_points_below(p, "fr") for p in POSTS] == [bool(_POINTS_BELOW["fr"].search(p)) for p in POSTS] == [
        False, False, True, False, True, False]

"""French and English typography: what is reported, what is fixed, and that fixes are safe."""

from hypothesis import given, settings
from hypothesis import strategies as st

from core.language import typography as ty
from core.language.typography import NBSP, NNBSP


def codes(text, lang="fr"):
    return [(i["code"], text[i["start"]:i["end"]], i["fix"]) for i in ty.check(text, lang)]


def test_french_high_punctuation_gets_a_narrow_no_break_space_and_the_colon_a_no_break_space():
    assert codes("Prêts ? Oui! Notez: demain.") == [
        ("typo.space_before_punct", " ?", NNBSP + "?"),
        ("typo.space_before_punct", "!", NNBSP + "!"),
        ("typo.space_before_colon", ":", NBSP + ":"),
    ]


def test_correct_french_spacing_urls_times_and_emoticons_are_left_alone():
    text = f"Prêts{NNBSP}? Rendez-vous à 12:30 sur https://maisonlila.fr/?q=robe ;) Notez{NBSP}: merci."
    assert codes(text) == []


def test_guillemets_get_no_break_spaces_and_straight_quotes_become_french_ones():
    assert codes("Elle a dit «oui» puis \"non merci\".") == [
        ("typo.guillemets", "«", "«" + NBSP),
        ("typo.guillemets", "»", NBSP + "»"),
        ("typo.straight_quotes", '"non merci"', f"«{NBSP}non merci{NBSP}»"),
    ]


def test_apostrophe_ellipsis_double_space_and_comma_spacing():
    assert codes("L'été arrive... vite  et bien ,non ?") == [
        ("typo.apostrophe", "'", "’"),
        ("typo.ellipsis", "...", "…"),
        ("typo.double_space", "  ", " "),
        ("typo.space_after_comma", " ,", ", "),
        ("typo.space_before_punct", " ?", NNBSP + "?"),
    ]


def test_shouting_is_reported_without_a_fix_but_acronyms_are_not():
    assert codes("NOUVELLE COLLECTION DISPONIBLE maintenant") == [
        ("typo.all_caps", "NOUVELLE COLLECTION DISPONIBLE", None)]
    assert codes("La SNCF et la RATP, c’est la PME du coin.") == []
    assert codes("Une offre INCROYABLE.") == [("typo.all_caps", "INCROYABLE", None)]


def test_english_puts_no_space_before_punctuation_and_keeps_straight_apostrophe_rule():
    assert codes("Ready ? Let's go !", "en") == [
        ("typo.en_space_before_punct", " ", ""),
        ("typo.apostrophe", "'", "’"),
        ("typo.en_space_before_punct", " ", ""),
    ]
    assert ty.fix_all("Ready ? Let's go !", "en") == "Ready? Let’s go!"


def test_fix_all_on_a_real_caption():
    text = "Bonjour! Notre collection \"Robes d'été\" est là... Découvrez-la: lien en bio !"
    assert ty.fix_all(text) == (
        f"Bonjour{NNBSP}! Notre collection «{NBSP}Robes d’été{NBSP}» est là… "
        f"Découvrez-la{NBSP}: lien en bio{NNBSP}!"
    )


def _letters(text):
    return "".join(ch for ch in text if ch.isalnum())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("aéZ '\"!?:;.,«»  \n#/h1") + ["https://a.fr/x?y=1", "...", "…", "’"]),
                max_size=60).map("".join), st.sampled_from(["fr", "en"]))
def test_fix_all_is_idempotent_and_never_changes_a_letter(text, lang):
    fixed = ty.fix_all(text, lang)
    assert ty.fix_all(fixed, lang) == fixed
    assert _letters(fixed) == _letters(text)
    assert [i for i in ty.check(fixed, lang) if i["fix"] is not None] == []

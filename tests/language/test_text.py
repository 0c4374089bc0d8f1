"""core.language.text: folding, words, sentences, links, emoji, graphemes, files."""

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.i18n import t
from core.language.text import (
    EMAIL, HASHTAG, MENTION, MAX_CELL_CHARS, InputError, csv_delimiter, decode_bytes, emoji_spans,
    find_urls, fold, fold_map, graphemes, read_csv, sentences, split_elision, words,
)


def spans_of(text, spans):
    return [text[s:e] for s, e in spans]


# --- fold

def test_fold_spells_out_oe_so_coeur_never_becomes_cur():
    assert fold("Cœur") == "coeur"
    assert fold("L’ŒUVRE d’Ævar") == "l'oeuvre d'aevar"


def test_fold_removes_accents_case_and_compatibility_forms():
    assert fold("Été À LA RÉUNION, ﬁn août") == "ete a la reunion, fin aout"
    assert fold("Straße") == "strasse"  # casefold, not lower()
    assert fold("Prêt\u00a0?") == "pret ?"
    assert fold("✔️ Validé") == "✔ valide"  # the emoji variation selector is dropped


def test_fold_map_points_each_folded_character_back_to_the_original():
    folded = fold_map("Un cœur de lin")
    assert folded.text == fold("Un cœur de lin") == "un coeur de lin"
    start = folded.text.index("coeur")
    assert folded.span(start, start + len("coeur")) == (3, 7)
    assert "Un cœur de lin"[3:7] == "cœur"


@given(st.text(max_size=80))
def test_fold_map_gives_the_same_text_as_fold(text):
    assert fold_map(text).text == fold(text)


# --- words and sentences

def test_a_word_keeps_its_elision_hyphens_and_inclusive_dots():
    text = "L'entreprise, rendez-vous des étudiant·e·s : 2027 fois #MaisonLila @lila_paris !"
    assert words(text) == ["L'entreprise", "rendez-vous", "des", "étudiant·e·s", "fois", "#MaisonLila",
                           "@lila_paris"]
    assert split_elision("l'entreprise") == ["l'", "entreprise"]


def test_sentences_do_not_end_after_an_abbreviation_or_an_initial():
    text = "M. Dupont arrive à 9 h. Il rencontre J. Martin, etc. Ensuite ? « Tout va bien. »"
    assert spans_of(text, sentences(text)) == [
        "M. Dupont arrive à 9 h.", "Il rencontre J. Martin, etc. Ensuite ?", "« Tout va bien. »"]


def test_sentences_in_lower_case_end_only_when_asked():
    text = "super robe. livraison rapide ! je recommande"
    assert spans_of(text, sentences(text)) == [text]
    assert spans_of(text, sentences(text, capital=False)) == ["super robe.", "livraison rapide !", "je recommande"]


def test_a_run_of_exclamation_marks_is_one_sentence_end_and_stays_fast():
    text = "Soldes" + "!" * 100_000 + " Vite"
    assert spans_of(text, sentences(text))[1] == "Vite"


# --- links, e-mail, hashtags, mentions

def test_urls_e_mails_hashtags_and_mentions_are_found_in_a_french_post():
    text = ("Lisez (https://maisonlila.fr/blog), ou www.maisonlila.fr. Écrivez à contact@maisonlila.fr. "
            "#SoldesDÉté #2027 @maison.lila")
    assert spans_of(text, find_urls(text)) == ["https://maisonlila.fr/blog", "www.maisonlila.fr"]
    assert EMAIL.findall(text) == ["contact@maisonlila.fr"]
    assert HASHTAG.findall(text) == ["#SoldesDÉté"]  # "#2027" has no letter: not a hashtag
    assert MENTION.findall(text) == ["@maison.lila"]


# --- emoji and graphemes

def test_arrows_squares_and_copyright_are_not_emoji():
    assert emoji_spans("→ Nouveauté ■ © Maison Lila ✓ ★ ™") == []


def test_emoji_with_skin_tones_flags_and_zwj_families_are_one_each():
    text = "La robe 👗 ❤️ 🇫🇷 👍🏽 👩‍👩‍👧 1️⃣ !"
    assert spans_of(text, emoji_spans(text)) == ["👗", "❤️", "🇫🇷", "👍🏽", "👩‍👩‍👧", "1️⃣"]


def test_text_style_symbols_count_only_when_asked():
    text = "© 2027 ❤ Lyon ❤️"
    assert spans_of(text, emoji_spans(text)) == ["❤️"]
    assert spans_of(text, emoji_spans(text, with_text_style=True)) == ["©", "❤", "❤️"]


def test_a_family_a_flag_and_a_decomposed_accent_are_one_grapheme_each():
    text = "👩‍👩‍👧🇫🇷e\u0301\r\n"
    assert spans_of(text, graphemes(text)) == ["👩‍👩‍👧", "🇫🇷", "e\u0301", "\r\n"]


# --- decoding

def test_utf8_with_or_without_bom_and_windows_1252_are_decoded():
    assert decode_bytes("Été à Lyon".encode("cp1252")) == "Été à Lyon"
    assert decode_bytes("\ufeffÉté".encode("utf-8")) == "Été"
    assert decode_bytes("Cœur d’été 👗".encode("utf-8")) == "Cœur d’été 👗"


def test_utf16_with_a_bom_as_excel_saves_unicode_text_is_decoded():
    text = "note\tavis\n5\tTrès belle robe, l’été 👗\n"
    assert decode_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le")) == text
    assert decode_bytes(codecs.BOM_UTF16_BE + text.encode("utf-16-be")) == text
    assert decode_bytes(text.encode("utf-16-le")) == text  # no BOM: found by its zero bytes


def test_a_binary_file_is_refused_with_its_name():
    with pytest.raises(InputError) as err:
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "logo.png")
    assert (err.value.key, err.value.params) == ("text.err_binary", {"name": "logo.png"})
    assert err.value.message("fr") == ("logo.png n'est pas un fichier texte lisible (binaire ou encodage "
                                       "inconnu). Enregistrez-le en UTF-8 (.txt, .md, .html, .csv) ou en "
                                       ".docx, puis réessayez.")


# --- CSV

def test_a_french_excel_csv_with_semicolons_and_quoted_cells_is_read():
    text = 'note;avis\r\n5;"Très belle robe ; l\'été, enfin"\r\n4;"Elle a dit ""parfait"""\r\n\r\n3;Bien\r\n'
    assert csv_delimiter(text) == ";"
    assert read_csv(text) == [["note", "avis"], ["5", "Très belle robe ; l'été, enfin"],
                              ["4", 'Elle a dit "parfait"'], ["3", "Bien"]]


def test_commas_and_tabs_are_found_too():
    assert read_csv("date,texte\n2027-03-01,\"Bonjour, Lyon\"\n") == [["date", "texte"], ["2027-03-01", "Bonjour, Lyon"]]
    assert read_csv("date\ttexte\n2027-03-01\tl'été\n") == [["date", "texte"], ["2027-03-01", "l'été"]]


def test_a_200000_character_cell_is_read_whole():
    cell = "Une robe en lin lavé. " * 9_091
    text = "note;avis\n5;" + cell[:200_000] + "\n4;Bien\n"
    rows = read_csv(text)
    assert [len(c) for r in rows for c in r] == [4, 4, 1, 200_000, 1, 4]


def test_a_cell_over_the_cap_is_a_clear_error_not_a_csv_module_error():
    text = "note;avis\n5;Bien\n4;" + "a" * (MAX_CELL_CHARS + 1) + "\n"
    with pytest.raises(InputError) as err:
        read_csv(text, name="avis.csv")
    assert (err.value.key, err.value.params) == ("text.csv_cell_too_large", {
        "name": "avis.csv", "line": 3, "column": 2, "size": MAX_CELL_CHARS + 1, "limit": MAX_CELL_CHARS})
    assert err.value.message("fr") == t("text.csv_cell_too_large", "fr", **err.value.params)
    assert err.value.message("fr").startswith("avis.csv, ligne 3, colonne 2\u00a0: une cellule de 1000001 caractères")

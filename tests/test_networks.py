"""Network rules: every network has its figures and their sources, and each counts length its way."""

from core import networks as net
from core.refdata import NETWORKS


def test_every_network_of_the_product_has_rules_with_a_source_for_its_limit():
    for key in NETWORKS:
        rules = net.rules(key)
        assert rules is not None, key
        assert rules.text_kind in ("caption", "article", "email"), key
        if rules.max_length:
            assert "max_length" in rules.sources, key


def test_instagram_hashtag_cap_is_the_december_2025_limit_of_five():
    rules = net.rules("instagram")
    assert (rules.hashtag_min, rules.hashtag_max, rules.hashtag_cap) == (3, 5, 5)
    assert "December 2025" in rules.sources["hashtag_cap"]
    assert rules.links_clickable is False
    assert (rules.max_length, rules.cut) == (2200, 125)


def test_unknown_network_has_no_rules_and_lookup_ignores_case():
    assert net.rules("myspace") is None
    assert net.rules("") is None
    assert net.rules(" LinkedIn ").key == "linkedin"


def test_x_counts_every_link_as_23_and_emoji_and_cjk_as_2():
    text = "Salut 👋🏽 https://example.com/un/chemin/tres/long/vraiment 日本"
    # "Salut " 6 + emoji with skin tone 2 + " " 1 + link 23 + " " 1 + two CJK 4
    assert net.length(text, "x") == 37
    assert net.length("é" * 280, "x") == 280


def test_bluesky_counts_graphemes_so_a_family_emoji_and_a_flag_count_one_each():
    assert net.length("👨‍👩‍👧 🇫🇷 é", "bluesky") == 5
    assert net.length("e\u0301", "bluesky") == 1


def test_other_networks_count_characters():
    assert net.length("Robe d’été 🌸", "instagram") == 12
    assert net.length("abc", None) == 3


def test_offset_at_length_finds_where_a_post_goes_over_the_x_limit():
    text = "a" * 270 + " https://maisonlila.fr/robes-d-ete et la suite"
    offset = net.offset_at_length(text, "x", 280)
    assert net.length(text[:offset], "x") <= 280
    assert net.length(text[:offset + 1], "x") > 280


def test_preview_cuts_linkedin_at_the_last_space_before_210_characters():
    text = ("Vous cherchez une robe qui passe du bureau à l'apéro ? " * 6).strip()
    visible, hidden = net.preview(text, "linkedin")
    assert len(visible) <= 210
    assert visible + " " + hidden == text
    assert net.preview("Court.", "linkedin") == ("Court.", "")
    assert net.preview(text, "x") == (text, "")


def test_find_urls_leaves_out_trailing_punctuation():
    text = "Lisez (https://maisonlila.fr/blog), ou www.maisonlila.fr."
    assert [text[s:e] for s, e in net.find_urls(text)] == ["https://maisonlila.fr/blog", "www.maisonlila.fr"]


def test_emoji_spans_keep_a_zwj_sequence_whole():
    text = "On ❤️ Lyon 👩‍💻!"
    assert [text[s:e] for s, e in net.emoji_spans(text)] == ["❤️", "👩‍💻"]

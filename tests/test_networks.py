"""Network rules: every network has its figures and their sources, and each counts length its way."""

import pytest
from twitter_text import parse_tweet

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
    assert (rules.hashtag_min, rules.hashtag_max, rules.hashtag_cap) == (1, 5, 5)
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


def test_x_counts_a_bare_domain_link_as_23_like_one_with_a_scheme():
    assert net.length("maisonlila.fr/collection", "x") == 23
    assert net.length("https://maisonlila.fr/collection", "x") == 23
    # "Découvrez la robe " 18 + 👗 2 + " sur " 5 + link 23 + " !" 2
    assert net.length("Découvrez la robe 👗 sur maisonlila.fr/collection !", "x") == 50
    assert net.length("fichier.txt et robe.mp4", "x") == 23  # not domains: counted letter by letter


# twitter-text's conformance cases for the weighted length of configuration v3 (emoji
# counted as 2 whatever their code points): conformance/validate.yml,
# WeightedTweetsWithDiscountedEmojiCounterTest, github.com/twitter/twitter-text (Apache 2.0).
X = "xxxxxxxxxx-"
CJK_160 = ("故人西辞黄鹤楼，烟花三月下扬州。孤帆远影碧空尽，唯见长江天际流。朱雀桥边野草花，乌衣巷口夕阳斜。"
           "旧时王谢堂前燕，飞入寻常百姓家。朝辞白帝彩云间，千里江陵一日还。两岸猿声啼不住，轻舟已过万重山。"
           "泪湿罗巾梦不成，夜深前殿按歌声。红颜未老恩先断，斜倚薰笼坐到明。独在异乡为异客，每逢佳节倍思亲。"
           "遥知兄弟登高处，遍插茱萸少一人。")
X_CONFORMANCE = [
    ("Hi http://test.co", 26),
    ("http://test.co", 23),
    ("285 chars-" + X * 25, 285),
    ("285 chars- http://www.twitter.com/jack " + X * 24, 299),
    (X * 24 + " http://www.twitter.com/jack ", 289),
    ("https://www.twitter.com/aloha " * 10, 240),
    (CJK_160, 320),
    ("😷" * 160, 320),
    ("the" + CJK_160, 323),
    ("282 chars-" + X * 24 + "xxxxxA\u0301x", 281),  # A + combining acute: NFC makes it one
    ("H🐱☺👨‍👩‍👧‍👦", 7),
    ("😷👾😡🔥💩", 10),
    ("🙋🏽👨‍🎤", 4),
    ("This is a tweet with general punctuation characters: \u2000\u2001\u2002\u2003\u2004\u2005"
     "\u2006\u2007\u2008\u2009\u200A\u200B ‐ ‑ ‒ – — ― ‖  ‗ ‘ ’ ‚ ‛ “ ” „ ‟ ′ ″ ‴ ‵ ‶ ‷", 110),
    ("Long url with invalid domain labels and a short url:"
     + (" https://" + "somesuperlongurl" * 249 + ".com/foo") * 3 + " https://validurl.com", 12079),
    ("randomurl" * 7 + "s.com", 68),
    ("あいうえおかきくけこ" * 12 + " http://" + "あいうえおかきくけこ" * 5 + "あいう.com", 358),
    ("あいうえおかきくけこ" * 12 + " http://" + "あいうえおかきくけこ" * 5 + "あい.com", 264),
    ("👨‍👩‍👧‍👦" * 140, 280),
    ("1⃣", 2),
    ("Unicode 10.0 emoji: 🤪; 🧕; 🧕🏾; 🏴󠁧󠁢󠁥󠁮󠁧󠁿", 34),
    ("Unicode 9.0 emoji: 🤠; 💃; 💃🏾", 29),
    ("\u2066\u202Ahttp://foobar.پاکستان/\u202C\u2069", 31),
]


@pytest.mark.parametrize("text, expected", X_CONFORMANCE, ids=range(len(X_CONFORMANCE)))
def test_x_length_passes_twitter_text_conformance(text, expected):
    assert net.x_weighted_length(text) == expected


FRENCH_POSTS = [
    "Nouvelle collection Capucine : " + "des robes en lin lavé, " * 12 + "à découvrir https://maisonlila.fr/capucine",
    "Soldes d’été : -30 % sur tout le site www.maisonlila.fr, jusqu’au 31 juillet. #soldes @maisonlila",
    "Rendez-vous sur maisonlila.fr/collection !\r\nÀ demain 👋🏽 ❤️ 🇫🇷",
    "« Enfin une coupe qui tombe bien » : Hélène, 58 ans, a testé la robe Capucine → lien en bio ©",
]


@pytest.mark.parametrize("text", FRENCH_POSTS)
def test_x_length_is_twitter_texts_parse_tweet_on_french_posts(text):
    assert net.x_weighted_length(text) == parse_tweet(text).weightedLength


def test_bluesky_counts_graphemes_so_a_family_emoji_and_a_flag_count_one_each():
    assert net.length("👨‍👩‍👧 🇫🇷 é", "bluesky") == 5
    assert net.length("e\u0301", "bluesky") == 1


def test_other_networks_count_characters():
    assert net.length("Robe d’été 🌸", "instagram") == 12
    assert net.length("abc", None) == 3


def test_offset_at_length_finds_where_a_post_goes_over_the_x_limit():
    text = "Des robes en lin lavé, à découvrir en boutique à Lyon. " * 6
    offset = net.offset_at_length(text, "x", 280)
    assert (net.length(text[:offset], "x"), net.length(text[:offset + 1], "x")) == (280, 281)
    assert offset == parse_tweet(text).validRangeEnd + 1


def test_a_link_that_does_not_fit_on_x_is_over_the_limit_from_its_first_character():
    text = "a" * 270 + " https://maisonlila.fr/robes-d-ete et la suite"
    assert net.offset_at_length(text, "x", 280) == 271 == parse_tweet(text).validRangeEnd + 1


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


def test_emoji_spans_keep_a_zwj_sequence_whole_and_leave_arrows_out():
    text = "On ❤️ Lyon 👩‍💻 → ici !"
    assert [text[s:e] for s, e in net.emoji_spans(text)] == ["❤️", "👩‍💻"]

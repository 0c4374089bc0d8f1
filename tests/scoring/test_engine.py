"""The whole score: sub-scores that apply, weights, determinism, batches, bad input."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import scoring
from tests.scoring.helpers import BRAND, GOOD_INSTAGRAM, found, run


def test_a_well_written_instagram_caption_scores_high_with_no_error():
    r = run(GOOD_INSTAGRAM, keywords=["robe d'été"], objective="engagement", brand=BRAND)
    assert [s for s in r.suggestions if s["severity"] != "info"] == []
    assert r.score >= 90
    assert set(r.subscores) == {"length", "hook", "keywords", "readability", "grammar", "cta",
                                "hashtags", "engagement", "coherence", "typography", "accessibility"}


def test_the_same_text_always_gets_the_same_score():
    a = run(GOOD_INSTAGRAM, keywords=["robe d'été"], brand=BRAND).to_dict()
    b = run(GOOD_INSTAGRAM, keywords=["robe d'été"], brand=BRAND).to_dict()
    a["stats"].pop("_text"), b["stats"].pop("_text")
    assert a == b


def test_english_hooks_ctas_and_keywords():
    r = run("Hello everyone! Our summer collection is here.", lang="en", objective="conversion",
            keywords=["linen dress"])
    assert found(r, "hook.") == [("hook.greeting", "Hello everyone")]
    assert [c for c, _ in found(r, "cta.")] == ["cta.missing"]
    assert found(r, "keywords.") == [("keywords.missing", "")]
    r = run("Why do linen dresses never wrinkle? Shop the new linen dress now.", lang="en",
            objective="conversion", keywords=["linen dress"])
    assert found(r, "hook.") + found(r, "cta.") + found(r, "keywords.") == []
    assert r.stats["keywords"]["linen dress"]["count"] == 2


def test_right_to_left_text_is_scored_with_a_language_notice_and_no_shouting():
    r = scoring.score("مرحبا بكم في متجرنا الجديد اليوم مع تخفيضات", "instagram")
    codes = [s["code"] for s in r.suggestions]
    assert "lang.unsupported" in codes and "typo.all_caps" not in codes
    assert 0 <= r.score <= 100


def test_an_unknown_network_gives_a_clear_notice_and_a_score():
    r = run("Notre robe Capucine revient cet été.", "myspace")
    assert found(r, "network.") == [("network.unknown", "")]
    assert "instagram" in r.suggestions[-1]["message"] or any("instagram" in s["message"] for s in r.suggestions)
    assert 0 <= r.score <= 100


def test_messages_follow_the_ui_language():
    r = scoring.score("Bonjour à tous ! Voici la robe.", "instagram", lang="fr", ui_lang="en")
    assert [s["message"] for s in r.suggestions if s["code"] == "hook.greeting"] == [
        "The first line opens with \"Bonjour à tous\": a greeting does not make people read on. "
        "Open with a question, a number or a benefit."]


def test_score_many_returns_the_same_scores_as_score_in_the_same_order():
    items = [{"id": "a", "text": GOOD_INSTAGRAM, "network": "instagram", "keywords": ["robe d'été"], "lang": "fr"},
             {"id": "b", "text": "Summer dresses are here!", "network": "x", "lang": "en"},
             {"id": "c", "text": "", "network": "linkedin"}]
    many = scoring.score_many(items, brand=BRAND)
    assert [r.id for r in many] == ["a", "b", "c"]
    single = [scoring.score(i["text"], i["network"], keywords=i.get("keywords", ()), lang=i.get("lang"),
                            brand=BRAND) for i in items]
    assert [r.to_dict() for r in many] == [r.to_dict() for r in single]


@pytest.mark.parametrize("text", [
    "", "🌸🌸🌸", "#MaisonLila #Robe #Lin", "a" * 100_000, "مرحبا بكم في متجرنا الجديد", "Robe ok. שלום עולם. 日本語のテキスト",
    "\x00\x07\u200b", "Ctrl\r\nline\rend",
])
def test_bad_input_gives_a_result_never_a_traceback(text):
    r = scoring.score(text, "instagram", keywords=["le", "robe"])
    assert 0 <= r.score <= 100
    assert r.stats["errors"] == []
    json.dumps(r.to_dict(), ensure_ascii=False)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300), st.sampled_from(["instagram", "x", "blog", "newsletter", "bluesky", "nope"]))
def test_scoring_never_crashes_and_stays_within_0_and_100(text, network):
    r = scoring.score(text, network, keywords=["robe d'été"], objective="engagement", brand=BRAND)
    assert 0 <= r.score <= 100
    assert all(0 <= v <= 100 for v in r.subscores.values())
    assert all(0 <= s["start"] <= s["end"] <= len(text.replace("\r\n", "\n")) for s in r.suggestions)
    assert r.stats["errors"] == []


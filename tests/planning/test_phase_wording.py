"""The gift sequence's posts say what they are: the selection, the last order date (with that
date), the last-minute ideas, in French (vous and tu) and English; only for the sectors that
sell gifts (core/planning/lead_times.py, data/templates/events.toml)."""

import copy
import tomllib
from datetime import date

import pytest

from core.planning import lead_times, moments
from core.planning.drafts import Slot, event_phase
from core.planning.planner import plan_brief
from tests.conftest import ROOT

GIFT_PHASES = {"gift_launch", "selection", "last_order", "last_minute"}


def _brief(path: str) -> dict:
    return tomllib.loads((ROOT / path).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def lila_christmas():
    return plan_brief(_brief("data/demo/brief.toml"), date(2027, 11, 1), 2, seed=0, score=False).posts


def _first_lines(posts, phase, event):
    return [(p["date"], p["text"].split("\n")[0]) for p in posts
            if p["phase"] == phase and p["event"] == event and p["network"] in ("instagram", "facebook")]


def _moment(key, year, sector="mode"):
    return next(m for m in moments.moments_for("FR", date(year, 1, 1), date(year, 12, 31), sector=sector) if m.key == key)


def test_the_last_order_date_for_christmas_2027_is_18_december_for_a_french_fashion_brand():
    assert lead_times.last_order_date(_moment("noel", 2027), "mode") == date(2027, 12, 18)
    assert lead_times.last_order_date(_moment("fete_meres", 2027), "mode") == date(2027, 5, 25)
    assert lead_times.last_order_date(_moment("noel", 2027, "restauration"), "restauration") is None


def _slot(day, phase, start=date(2027, 12, 25), tag="noel"):
    return Slot(day=day, network="instagram", format="image_texte", intent="promote", event="Noël",
                event_tag=tag, phase=phase, event_start=start, event_end=start)


def test_a_post_placed_for_the_last_order_date_is_worded_by_its_distance_to_that_date():
    assert [event_phase(_slot(date(2027, 12, d), "last_order")) for d in (18, 17, 16, 15)] == [
        "last_order", "last_order_eve", "last_order_soon", "teasing"]


def test_selection_and_last_minute_posts_keep_their_phase_before_the_moment_and_read_by_date_after():
    assert event_phase(_slot(date(2027, 12, 4), "selection")) == "selection"
    assert event_phase(_slot(date(2027, 11, 27), "gift_launch")) == "gift_launch"
    assert event_phase(_slot(date(2027, 12, 23), "last_minute_shop")) == "last_minute_shop"
    assert event_phase(_slot(date(2027, 12, 25), "selection")) == "launch"
    assert event_phase(_slot(date(2027, 12, 24), "teasing")) == "eve"


def test_the_last_order_post_of_maison_lila_says_the_date_in_french(lila_christmas):
    lines = _first_lines(lila_christmas, "last_order", "noel")
    assert [d for d, _ in lines] == ["2027-12-18"]
    assert lines[0][1] in {
        "📦 Dernier jour pour commander et être livré avant Noël\u00a0: c’est aujourd’hui, 18 décembre.",
        "Aujourd’hui, 18 décembre, c’est le dernier jour pour commander avec une livraison avant Noël.",
        "⏰ Pour recevoir votre commande avant Noël, commandez aujourd’hui, 18 décembre\u00a0: c’est le dernier jour.",
    }


def test_maison_lila_words_its_christmas_selection_and_its_last_minute_click_and_collect(lila_christmas):
    selection = _first_lines(lila_christmas, "selection", "noel")
    assert selection and all("Noël" in line and "sélection" in line and "Plus que" not in line for _, line in selection)
    assert all(date(2027, 11, 27) < date.fromisoformat(d) < date(2027, 12, 18) for d, _ in selection)
    # the demo brief's "ajustés gratuitement en boutique": a shop, so click and collect
    last = _first_lines(lila_christmas, "last_minute", "noel")
    assert [d for d, _ in last] == ["2027-12-23"]
    assert "en boutique" in last[0][1] and "Noël" in last[0][1]
    teasers = [line for _, line in _first_lines(lila_christmas, "teasing", "noel")]
    assert not any("dernier jour" in line.lower() for line in teasers)


def test_the_gift_sequence_is_worded_with_tu_for_a_brand_that_says_tu():
    brief = copy.deepcopy(_brief("data/demo/brief.toml"))
    brief["tone"]["address"] = "tu"
    posts = plan_brief(brief, date(2027, 4, 15), 2, seed=0, score=False).posts
    lines = [line for phase in GIFT_PHASES for _, line in _first_lines(posts, phase, "fete_meres")]
    assert len(lines) >= 3
    assert not any(word in line.split() for line in lines for word in ("vous", "votre", "vos", "Commandez", "Passez"))
    eve = _first_lines(posts, "last_order", "fete_meres")
    for day, line in eve:  # 25 May 2027 is the last order date for the fête des mères (30 May)
        expected = {
            "2027-05-25": {"📦 Dernier jour pour commander et être livré avant la fête des mères\u00a0: c’est aujourd’hui, 25 mai.",
                           "Aujourd’hui, 25 mai, c’est le dernier jour pour commander avec une livraison avant la fête des mères.",
                           "⏰ Pour recevoir ta commande avant la fête des mères, commande aujourd’hui, 25 mai\u00a0: c’est le dernier jour."},
            "2027-05-24": {"📦 Demain, c’est le dernier jour pour commander et être livré avant la fête des mères.",
                           "⏰ Pour recevoir ta commande avant la fête des mères, commande au plus tard demain."},
            "2027-05-23": {"📦 Après-demain, c’est le dernier jour pour commander et être livré avant la fête des mères.",
                           "⏰ Pour recevoir ta commande avant la fête des mères, commande au plus tard après-demain."},
        }[day]
        assert line in expected


def test_an_english_shop_words_its_christmas_selection_and_last_order_date_in_english():
    posts = plan_brief(_brief("tests/data/briefs/homeware_uk.toml"), date(2027, 11, 1), 2, seed=0, score=False).posts
    last = _first_lines(posts, "last_order", "noel")
    assert [d for d, _ in last] == ["2027-12-18"]
    assert last[0][1] in {"📦 Last day to order for delivery before Christmas: it's today, 18 December.",
                          "⏰ To get your order before Christmas, order today, 18 December: it's the last day."}
    selection = _first_lines(posts, "selection", "noel")
    assert selection and all("Christmas" in line and "selection" in line for _, line in selection)


def test_a_restaurant_campaigning_on_christmas_gets_no_gift_selection_nor_last_order_date():
    brief = _brief("tests/data/briefs/restaurant_quebec.toml")
    posts = plan_brief(brief, date(2027, 11, 1), 2, seed=0, score=False).posts
    assert [p for p in posts if p["event"] == "noel"]
    assert not [p for p in posts if p["phase"] in GIFT_PHASES]
    assert not lead_times.gift_sector("restauration") and lead_times.gift_sector("mode")


def test_the_last_minute_wording_follows_what_the_brief_says_of_a_shop_and_a_gift_card():
    shop = {"offers": [{"name": "robe Lila", "description": "retouches en boutique"}]}
    card = {"offers": [{"name": "carte cadeau", "description": "de 20 à 200 €"}]}
    both = {"offers": [{"name": "Carte cadeau", "description": ""}], "message": {"promise": "Retrait en magasin en 2 h"}}
    online = {"offers": [{"name": "bougie", "description": "livrée en 48 h"}]}
    assert [lead_times.last_minute_phase(b) for b in (shop, card, both, online)] == [
        "last_minute_shop", "last_minute_card", "last_minute_shop_card", "last_minute"]

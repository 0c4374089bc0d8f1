"""Editorial line: pillar proposals, mix presets and drift, formats, volumetry."""

import tomllib

import pytest

from core.language import keywords
from core.planning import editorial
from tests.conftest import ROOT


@pytest.fixture
def lila():
    with (ROOT / "data" / "demo" / "brief.toml").open("rb") as fh:
        return tomllib.load(fh)


def test_pillars_are_proposed_from_the_sector_and_the_objectives_when_there_are_no_keywords(lila):
    proposals = editorial.propose_pillars(lila, [])
    assert [(p["name"], p["objectives"], p["target_share"]) for p in proposals] == [
        ("Conseils de style", ["notoriete"], 35.0),
        ("Univers de marque", ["notoriete"], 35.0),
        ("Produits et offres", ["conversion"], 18.0),
        ("Clients fidèles", ["fidelisation"], 12.0),
    ]
    assert [p["personas"] for p in proposals] == [
        ["Camille, citadine active", "Inès, étudiante inspirée"],
        ["Camille, citadine active", "Inès, étudiante inspirée"],
        ["Camille, citadine active"],
        ["Hélène, fidèle de la boutique"],
    ]


def offer_texts(brief):
    """The brand's own words about what it sells: its offers, proofs, promise, differentiators."""
    texts = [" ".join([o.get("description", ""), *o.get("proofs", [])]) for o in brief["offers"]]
    return texts + [brief["message"]["promise"], *brief["message"]["differentiators"]]


def offer_keywords(brief):
    """What the Keywords screen extracts from those texts, best first."""
    return [k.phrase for k in keywords.extract(offer_texts(brief), lang="fr", brand="Maison Lila").keywords]


def test_pillars_come_from_the_themes_of_keywords_extracted_from_the_brands_own_texts(lila):
    found = offer_keywords(lila)
    proposals = editorial.propose_pillars(lila, found)
    assert 3 <= len(proposals) <= 7
    # every keyword lands in exactly one pillar, and a pillar is named after one of its own keywords
    assert sorted(k for p in proposals for k in p["keywords"]) == sorted(found)
    assert all(p["name"].split("\u00a0:")[0].casefold() in {k.casefold() for k in p["keywords"]} for p in proposals)
    # the theme of the brand's material leads: linen is in the first pillar
    assert "lin lavé" in proposals[0]["keywords"] and "lin épais" in proposals[0]["keywords"]


SAVED = ["robe d'été", "robe en lin", "lin lavé", "mode éthique", "atelier lyonnais", "coulisses de l'atelier",
         "fidélité client", "carte de fidélité", "entretien du lin", "laver le lin"]


def test_pillars_from_keywords_get_names_a_community_manager_writes_in_french_and_english(lila):
    assert [(p["name"], p["keywords"]) for p in editorial.propose_pillars(lila, SAVED)] == [
        ("Robe en lin\u00a0: conseils", ["robe d'été", "robe en lin", "lin lavé", "entretien du lin", "laver le lin"]),
        ("Atelier lyonnais\u00a0: notre savoir-faire", ["mode éthique", "atelier lyonnais", "coulisses de l'atelier"]),
        ("Fidélité client\u00a0: vos avis", ["fidélité client", "carte de fidélité"]),
    ]
    assert [p["name"] for p in editorial.propose_pillars(lila, ["linen care", "washing linen", "linen dresses",
                                                              "linen workshop", "workshop team", "customer reviews"],
                                                         lang="en")] == [
        "Linen care: tips", "Workshop team: our craft", "Customer reviews: in your words"]


def test_two_pillars_get_two_different_patterns_while_patterns_are_left():
    used = set()
    names = [editorial.pillar_name(head, [head], None, used) for head in ("robe en lin", "chemise en lin", "lin lavé")]
    assert names == ["Robe en lin\u00a0: conseils", "Chemise en lin\u00a0: notre savoir-faire",
                     "Lin lavé\u00a0: les coulisses"]


def test_keyword_pillars_serve_the_objectives_in_turn_with_shares_by_priority(lila):
    proposals = editorial.propose_pillars(lila, offer_keywords(lila))
    assert [(p["objectives"], p["target_share"]) for p in proposals] == [
        (["notoriete"], 35.0), (["conversion"], 18.0), (["fidelisation"], 12.0), (["notoriete"], 35.0)]
    assert [p["personas"] for p in proposals[:3]] == [
        ["Camille, citadine active", "Inès, étudiante inspirée"], ["Camille, citadine active"],
        ["Hélène, fidèle de la boutique"]]
    assert proposals[1]["description"] == ", ".join(proposals[1]["keywords"])


def test_the_4_1_1_preset_gives_one_sixth_to_hard_promotion():
    assert editorial.preset_targets("regle_4_1_1") == {
        "inform": 45.0, "entertain": 22.0, "inspire": 17.0, "promote": 16.0, "converse": 0.0}


def test_every_preset_sums_to_100():
    assert {k: sum(editorial.preset_targets(k).values()) for k in editorial.PRESETS} == {
        k: 100.0 for k in editorial.PRESETS}


def test_pillar_targets_are_normalised_and_equal_when_no_share_is_set():
    assert editorial.pillar_targets([{"name": "A", "target_share": 30}, {"name": "B", "target_share": 10}]) == {
        "A": 75.0, "B": 25.0}
    assert editorial.pillar_targets([{"name": "A"}, {"name": "B"}]) == {"A": 50.0, "B": 50.0}


def test_a_month_that_drifts_beyond_the_tolerance_is_reported():
    posts = [{"date": "2027-03-02", "pillar": "Coulisses"}] * 7 + [{"date": "2027-03-09", "pillar": "Conseils"}] * 3
    assert editorial.mix_drift(posts, {"Coulisses": 50.0, "Conseils": 50.0}, tolerance=10) == [
        {"month": "2027-03", "value": "Coulisses", "target": 50.0, "actual": 70.0, "gap": 20.0},
        {"month": "2027-03", "value": "Conseils", "target": 50.0, "actual": 30.0, "gap": -20.0},
    ]
    assert editorial.mix_drift(posts, {"Coulisses": 50.0, "Conseils": 50.0}, tolerance=25) == []


def test_every_format_of_the_issue_exists_with_a_production_time():
    assert {k: editorial.production_minutes(k) for k in (
        "carrousel", "reel", "story", "image_texte", "sondage", "jeu_concours", "question", "coulisses",
        "temoignage", "conseil", "evenement", "promotion", "live", "article", "newsletter")} == {
        "carrousel": 90, "reel": 120, "story": 20, "image_texte": 45, "sondage": 15, "jeu_concours": 90,
        "question": 20, "coulisses": 45, "temoignage": 40, "conseil": 40, "evenement": 45,
        "promotion": 40, "live": 150, "article": 240, "newsletter": 150}


def test_the_demo_frequencies_fit_in_fourteen_hours():
    vol = editorial.volumetry([{"network": "instagram", "posts_per_week": 4.0},
                               {"network": "facebook", "posts_per_week": 3.0},
                               {"network": "pinterest", "posts_per_week": 5.0},
                               {"network": "newsletter", "posts_per_week": 1.0}], 14.0)
    # instagram 4 × 60.4 min + facebook 3 × 60.4 + pinterest 5 × 40 + newsletter 1 × 95: each
    # network's mean production time weighted by its formats' shares (data/format_shares.toml)
    assert (vol["needed"], vol["fits"], vol["over_hours"]) == (11.96, True, 0.0)
    assert vol["proposal"] == {"instagram": 4.0, "facebook": 3.0, "pinterest": 5.0, "newsletter": 1.0}


def test_frequencies_that_do_not_fit_say_by_how_much_and_propose_lower_ones():
    vol = editorial.volumetry([{"network": "instagram", "posts_per_week": 7.0},
                               {"network": "linkedin", "posts_per_week": 5.0}], 6.0)
    assert (vol["needed"], vol["fits"], vol["over_hours"], vol["over_pct"]) == (13.91, False, 7.91, 132)
    assert vol["proposal"] == {"instagram": 3.0, "linkedin": 2.0}


def test_a_budget_of_zero_hours_fits_nothing_and_proposes_nothing():
    vol = editorial.volumetry([{"network": "instagram", "posts_per_week": 2.0}], 0)
    assert (vol["fits"], vol["over_pct"], vol["proposal"]) == (False, None, {})

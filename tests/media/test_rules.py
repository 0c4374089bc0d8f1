"""The platform rules a paid line must respect, on worked examples (data/media_platforms.toml)."""

from __future__ import annotations

from datetime import date

import pytest

from core.media.allocation import Candidate, allocate, check_split, parse_split
from core.media.rules import MediaError, benchmark_costs, daily_floor, expected, learning_daily, minimum_daily, money

START = date(2027, 3, 1)


def test_an_instagram_traffic_line_in_france_needs_the_learning_phase_budget_not_only_metas_minimum():
    costs = benchmark_costs("FR", "instagram")          # 0,70 € a click
    assert minimum_daily("instagram", "trafic", "EUR") == 5.0
    assert learning_daily("trafic", costs) == 6.0       # 50 clicks × 0,70 € ÷ 7 days × 1,2
    assert daily_floor("instagram", "trafic", costs) == 6.0


def test_an_awareness_line_buys_impressions_so_the_learning_phase_never_binds_it():
    costs = benchmark_costs("FR", "facebook")
    assert learning_daily("notoriete", costs) == 0.0
    assert minimum_daily("facebook", "notoriete", "EUR") == 1.0
    assert daily_floor("facebook", "notoriete", costs) == 5.0  # Calame's useful floor, above Meta's 1 a day


def test_a_network_without_minimum_still_gets_a_useful_line_or_none():
    assert daily_floor("youtube", "notoriete", benchmark_costs("FR", "youtube")) == 5.0
    assert daily_floor("youtube", "notoriete", benchmark_costs("CA", "youtube")) == 7.0


def test_a_canadian_line_converts_the_usd_minimum_upwards():
    assert minimum_daily("linkedin", "notoriete", "CAD") == 14.0
    assert minimum_daily("linkedin", "notoriete", "EUR") == 10.0


def test_a_network_without_published_minimum_has_none():
    assert minimum_daily("pinterest", "trafic", "EUR") == 0.0


def test_expected_results_are_rounded_to_what_an_estimate_deserves():
    costs = benchmark_costs("FR", "facebook")  # CPM 6 €, CPC 0,50 €, CPE 0,08 €
    assert expected(42.0, costs) == {"impressions": 7000, "reach": 4400, "clicks": 84, "engagements": 520,
                                     "costs": "benchmark"}


def _cand(tier, key, network, objective="trafic", weight=1.0):
    return Candidate(tier, key, network, objective, START, benchmark_costs("FR", network), weight=weight)


def test_a_line_below_the_platform_minimum_is_refused_with_the_minimum_shown():
    # 300 € at 70/20/10: the growing share (60 €) cannot pay LinkedIn's 100 € lifetime minimum.
    result = allocate(300.0, {"proven": 70, "growing": 20, "test": 10},
                      [_cand("growing", "LILA-2027-03-004", "linkedin", "notoriete")], days=7)
    assert result.lines == []
    assert result.warnings == [
        {"code": "media.tier_empty_proven", "params": {"amount": 210.0}},
        {"code": "media.below_minimum", "ref": "LILA-2027-03-004",
         "params": {"network": "linkedin", "minimum": 100.0, "days": 7, "left": 60.0}},
        {"code": "media.tier_empty_growing", "params": {"amount": 60.0}},
        {"code": "media.tier_empty_test", "params": {"amount": 30.0}},
    ]
    assert result.unallocated == 300.0


def test_each_tier_pays_its_lines_minimum_first_then_spreads_what_is_left_by_merit():
    cands = [_cand("proven", "CAL-1", "instagram", weight=2.0), _cand("proven", "CAL-2", "facebook", weight=1.0),
             _cand("growing", "CAL-3", "instagram"), _cand("test", "CAL-4", "facebook", "notoriete")]
    result = allocate(1000.0, {"proven": 70, "growing": 20, "test": 10}, cands, days=7)
    amounts = {line.candidate.key: line.amount for line in result.lines}
    # proven 700 €: minimums 42 € (6 €/day) and 35 € (5 €/day learning for 0,50 € clicks... 50×0,5÷7×1,2 = 4,29 < 5)
    assert amounts == {"CAL-1": 457.33, "CAL-2": 242.67, "CAL-3": 200.0, "CAL-4": 100.0}
    assert result.unallocated == 0.0
    assert [line.daily for line in result.lines] == [65.33, 34.67, 28.57, 14.29]
    assert result.lines[0].end == date(2027, 3, 7)


def test_a_split_that_does_not_add_up_is_refused_in_the_readers_language():
    with pytest.raises(MediaError) as err:
        parse_split("70/20/20")
    assert err.value.message("fr") == ("Répartition invalide\u00a0: «\u00a070/20/20\u00a0» (total 110). Donnez trois parts "
                                       "de 0 à 100 qui font 100, dans l’ordre éprouvé / en croissance / test, par exemple "
                                       "70/20/10\u00a0; aucun plan n’a été fait.")
    with pytest.raises(MediaError):
        check_split({"proven": 110, "growing": -10, "test": 0})
    assert parse_split("60/30/10") == {"proven": 60.0, "growing": 30.0, "test": 10.0}


def test_amounts_are_written_the_readers_way():
    assert money(1500.5, "EUR", "fr") == "1\u202f500,50\u00a0€"
    assert money(1500.0, "EUR", "en") == "€1,500"
    assert money(42.0, "CHF", "fr") == "42\u00a0CHF"

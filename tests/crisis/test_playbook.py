"""The playbook's checkpoints, gravity grid and strategies by crisis type (SCCT), and the
moderation grid with the words to paste into the networks' hidden-words filters."""

from __future__ import annotations

from core.crisis.moderation import grid, hidden_words, hidden_words_text
from core.crisis.playbook import checkpoints, gravity_grid, strategies, window
from core.crisis.templates import names


def test_the_checkpoints_run_from_a_quarter_hour_to_day_15_in_order():
    assert [(c.key, c.minutes) for c in checkpoints()] == [
        ("plus_15_min", 15), ("plus_1_h", 60), ("plus_2_h", 120), ("plus_24_h", 1440), ("day_3", 4320),
        ("day_15", 21600)]


def test_the_gravity_grid_has_three_levels_the_third_bringing_in_management_and_legal_counsel():
    levels = gravity_grid()
    assert list(levels) == [1, 2, 3]
    assert levels[3]["fr"].startswith("Crise majeure") and "juriste" in levels[3]["fr"]


def test_each_crisis_type_of_scct_points_to_templates_that_exist_and_only_preventable_apologises():
    found = strategies()
    assert list(found) == ["victim", "accident", "preventable"]
    assert all(set(s["templates"]) <= set(names()) for s in found.values())
    assert [key for key, s in found.items() if "apology" in s["templates"]] == ["preventable"]


def test_the_window_is_72_hours_by_default_between_1_and_720():
    assert window() == {"default_hours": 72, "min_hours": 1, "max_hours": 720}


def test_the_moderation_grid_goes_from_answering_to_escalating():
    actions = grid()
    assert [a.key for a in actions] == ["answer", "hide", "delete_report", "escalate"]
    assert "PHAROS" in actions[2].do["fr"] and "PHAROS" in actions[2].do["en"]


def test_the_hidden_words_hide_insults_threats_and_scams_but_never_criticism():
    words = hidden_words()
    assert {"connard", "je vais te tuer", "bitcoin"} <= set(words)
    assert {"arnaque", "boycott", "honte", "remboursement"} & set(words) == set()
    assert len(words) == len(set(words))
    assert hidden_words_text().startswith("connard, connasse, salope, ")

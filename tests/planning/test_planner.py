"""Planner invariants: frequencies, publishing days, mix, lead times, re-planning, determinism."""

import copy
import json
import tomllib
from collections import Counter, defaultdict
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, select

from core import db
from core.brands import brief_of, save_brief
from core.cli.main import main
from core.language import parts
from core.dates import add_months
from core.language import keywords
from core.models import Pillar, Post, PostVersion
from core.planning import editorial, moment_prefs, moments, planner
from core.planning.planner import JSON_KEYS, PlanError, plan_brand, plan_brief, public_post
from core.posts import save_post
from core.scoring.engine import score
from tests.conftest import ROOT

PILLARS = [
    {"name": "Conseils de style", "target_share": 40.0, "objectives": ["notoriete"],
     "personas": ["Camille, citadine active"], "colour": "#4C78A8"},
    {"name": "Coulisses de l'atelier", "target_share": 30.0, "objectives": ["notoriete"], "colour": "#F58518"},
    {"name": "Robes d'été", "target_share": 30.0, "objectives": ["conversion"], "colour": "#E45756"},
]


@pytest.fixture
def lila():
    with (ROOT / "data" / "demo" / "brief.toml").open("rb") as fh:
        data = tomllib.load(fh)
    data["pillars"] = copy.deepcopy(PILLARS)
    return data


def full_weeks(start, months_end):
    monday = start + timedelta(days=(7 - start.weekday()) % 7)
    while monday + timedelta(days=7) <= months_end:
        yield monday
        monday += timedelta(days=7)


def test_every_full_week_gets_each_networks_frequency(lila):
    result = plan_brief(lila, date(2027, 3, 1), 3, seed=1, score=False)
    per_week = Counter((p["network"], date.fromisoformat(p["date"]) - timedelta(days=date.fromisoformat(p["date"]).weekday()))
                       for p in result.posts)
    for monday in full_weeks(date(2027, 3, 1), date(2027, 6, 1)):
        assert {n: per_week[(n, monday)] for n in ("instagram", "facebook", "pinterest", "newsletter")} == {
            "instagram": 4, "facebook": 3, "pinterest": 5, "newsletter": 1}


def test_a_plan_has_exactly_the_keys_of_plan_json(lila):
    post = public_post(plan_brief(lila, date(2027, 3, 1), 1, seed=1, score=False).posts[0])
    assert list(post) == list(JSON_KEYS)
    assert (post["ref"], post["status"]) == ("LILA-2027-03-001", "brouillon")


def test_no_slot_falls_outside_the_publishing_days(lila):
    result = plan_brief(lila, date(2027, 3, 1), 2, seed=3, score=False,
                        options={"publishing_days": [1, 3, 5]})
    assert {date.fromisoformat(p["date"]).weekday() for p in result.posts} == {1, 3, 5}


def test_the_pillar_mix_of_a_quarter_is_within_five_points_of_the_target(lila):
    posts = plan_brief(lila, date(2027, 1, 1), 3, seed=7, score=False).posts
    counts = Counter(p["pillar"] for p in posts)
    shares = {k: round(100 * v / len(posts)) for k, v in counts.items()}
    assert all(abs(shares[p["name"]] - p["target_share"]) <= 5 for p in PILLARS), shares


def test_one_network_never_repeats_a_pillar_twice_in_a_row(lila):
    posts = plan_brief(lila, date(2027, 1, 1), 3, seed=2, score=False).posts
    last = {}
    for p in posts:
        assert last.get(p["network"]) != p["pillar"], p
        last[p["network"]] = p["pillar"]


def test_a_90_10_mix_forces_repetitions_but_stays_on_target(lila):
    lila["channels"] = [{"network": "instagram", "posts_per_week": 5.0}]
    lila["pillars"] = [dict(PILLARS[0], target_share=90.0), dict(PILLARS[1], target_share=10.0)]
    posts = plan_brief(lila, date(2027, 1, 1), 3, seed=2, score=False).posts
    # 64 posts: 57.6 at 90 %; each "Coulisses" post may run one post ahead to break a run
    assert Counter(p["pillar"] for p in posts) == {"Conseils de style": 56, "Coulisses de l'atelier": 8}


def test_a_single_pillar_forces_repetition(lila):
    lila["pillars"] = [dict(PILLARS[0], target_share=100.0)]
    posts = plan_brief(lila, date(2027, 1, 1), 1, seed=2, score=False).posts
    assert {p["pillar"] for p in posts} == {"Conseils de style"}


def event_posts(posts, key):
    # the opening line of the body, after a pin's title or a letter's subject (core.language.parts)
    return [(p["date"], p["network"], p["phase"], parts.split(p["text"]).body.split("\n")[0])
            for p in posts if p["event"] == key]


def test_the_summer_sales_2027_are_pinned_a_month_ahead_teased_launched_and_recalled_while_they_run(lila):
    # Arrêté du 27 mai 2019: the last Wednesday of June 2027 is the 30th, after the 28th,
    # so the sales start on the fourth, 23 June, for four weeks (to 20 July); the fashion
    # profile weighs them 3 with two weeks of lead time. Pinterest gets the moment 30 days
    # ahead (24 May) and nothing at the moment; a teaser two weeks before; the launch on each
    # other network's first slot from the 23rd; a reminder in the middle; a last call on the last day.
    posts = plan_brief(lila, date(2027, 4, 1), 4, seed=1, score=False).posts
    assert [e[:3] for e in event_posts(posts, "soldes_ete")] == [
        ("2027-05-24", "pinterest", "pinterest"),
        ("2027-06-08", "newsletter", "teasing"),
        ("2027-06-24", "instagram", "launch"),
        ("2027-06-26", "newsletter", "launch"),
        ("2027-06-26", "facebook", "launch"),
        ("2027-07-07", "facebook", "reminder"),
        ("2027-07-20", "facebook", "last_call"),
    ]
    launch_day = [e[3] for e in event_posts(posts, "soldes_ete") if e[0] == "2027-06-24"]
    assert launch_day == ["Pendant les soldes d’été, la robe Lila reste à l’honneur, jusqu’au 20 juillet."]


def test_fete_des_meres_2027_is_sold_as_a_gift_before_the_last_delivery_date_then_last_minute(lila):
    # Loi du 24 mai 1950: the last Sunday of May, 30 May 2027. A gift moment for fashion
    # (weight 3, data/lead_times.toml): the Pin 30 to 45 days ahead, a teaser four weeks
    # before, the gift selection on every other network two weeks before, the last order
    # date for delivery five days before (25 May: the nearest slot on or before it),
    # last-minute ideas two days before, and the day itself.
    posts = plan_brief(lila, date(2027, 4, 1), 4, seed=1, score=False).posts
    assert [e[:3] for e in event_posts(posts, "fete_meres")] == [
        ("2027-04-28", "pinterest", "pinterest"),
        ("2027-05-02", "facebook", "teasing"),
        ("2027-05-11", "newsletter", "gift_launch"),
        ("2027-05-14", "instagram", "gift_launch"),
        ("2027-05-16", "facebook", "gift_launch"),
        ("2027-05-24", "instagram", "last_order"),
        ("2027-05-28", "instagram", "last_minute"),
        ("2027-05-30", "facebook", "launch"),
    ]


def test_over_a_year_no_moment_is_launched_before_its_first_day_or_recalled_outside_it(lila):
    posts = plan_brief(lila, date(2027, 1, 1), 12, seed=1, score=False).posts
    # the brand's moments: its summer collection starts with its sales target, on 1 March
    found = moment_prefs.apply(moments.moments_for("FR", date(2026, 1, 1), date(2028, 12, 31), sector="mode"),
                               lila, date(2027, 1, 1), date(2028, 12, 31))
    placed = Counter()
    for p in (p for p in posts if p["event"]):
        day = date.fromisoformat(p["date"])
        # the occurrence of the moment nearest to the post (a year apart from the others)
        m = min((m for m in found if m.key == p["event"]), key=lambda m: abs((m.start - day).days))
        placed[(p["event"], p["phase"])] += 1
        if p["phase"] == "pinterest":
            assert (p["network"], 30 <= (m.start - day).days <= 45) == ("pinterest", True), p
        elif p["network"] == "pinterest":
            raise AssertionError(f"a Pin away from its 30 to 45 days: {p}")
        elif p["phase"] in ("gift_launch", "selection", "last_order", "last_minute"):
            assert m.start - timedelta(weeks=6) <= day < m.start, p
        elif p["phase"] == "teasing":
            assert m.start - timedelta(weeks=m.lead_weeks, days=6) <= day < m.start, p
        elif p["phase"] == "launch":
            assert m.start <= day <= min(m.end, m.start + timedelta(days=6)), p
        elif p["phase"] == "last_call":
            assert day == m.end, p
        else:
            assert m.start < day < m.end, p
    assert placed == {
        ("automne", "launch"): 1, ("automne", "pinterest"): 1, ("black_friday", "last_call"): 1,
        ("black_friday", "launch"): 1, ("black_friday", "pinterest"): 1, ("black_friday", "reminder"): 1,
        ("black_friday", "teasing"): 3, ("collection_ete", "last_call"): 1, ("collection_ete", "launch"): 3,
        ("collection_ete", "pinterest"): 1, ("collection_ete", "reminder"): 1, ("collection_ete", "teasing"): 1,
        ("collection_hiver", "last_call"): 1, ("collection_hiver", "launch"): 3, ("collection_hiver", "pinterest"): 1,
        ("collection_hiver", "reminder"): 1, ("collection_hiver", "teasing"): 1,
        ("cyber_monday", "pinterest"): 1, ("fete_grands_meres", "launch"): 1, ("fete_grands_meres", "pinterest"): 1,
        ("fete_meres", "gift_launch"): 3, ("fete_meres", "last_minute"): 1, ("fete_meres", "last_order"): 1,
        ("fete_meres", "launch"): 2, ("fete_meres", "pinterest"): 1, ("fete_meres", "teasing"): 1,
        ("noel", "gift_launch"): 2, ("noel", "last_minute"): 1, ("noel", "last_order"): 1, ("noel", "launch"): 1,
        ("noel", "pinterest"): 1, ("noel", "selection"): 2, ("noel", "teasing"): 2,
        ("octobre_rose", "launch"): 1, ("octobre_rose", "pinterest"): 1, ("printemps", "launch"): 1,
        ("printemps", "pinterest"): 1, ("rentree", "launch"): 1, ("rentree", "pinterest"): 1,
        ("saint_valentin", "launch"): 1, ("saint_valentin", "pinterest"): 1, ("soldes_ete", "launch"): 3,
        ("soldes_ete", "pinterest"): 1, ("soldes_ete", "reminder"): 1, ("soldes_ete", "teasing"): 1,
        ("soldes_hiver", "last_call"): 1, ("soldes_hiver", "launch"): 3, ("soldes_hiver", "pinterest"): 1,
        ("soldes_hiver", "reminder"): 1, ("soldes_hiver", "teasing"): 1,
        # a boutique in Lyon that sells ethically made clothes
        ("commerce_proximite", "pinterest"): 1, ("commerce_proximite", "teasing"): 1,
        ("journee_travail_enfants", "launch"): 1, ("journee_travail_enfants", "pinterest"): 1,
    }


def test_the_same_seed_gives_the_same_plan_and_another_seed_another(lila):
    a = plan_brief(lila, date(2027, 1, 1), 2, seed=5, score=False).posts
    b = plan_brief(lila, date(2027, 1, 1), 2, seed=5, score=False).posts
    c = plan_brief(lila, date(2027, 1, 1), 2, seed=6, score=False).posts
    assert [public_post(p) for p in a] == [public_post(p) for p in b]
    assert [p["text"] for p in a] != [p["text"] for p in c]


def test_no_two_slots_of_a_month_get_the_same_text(lila):
    posts = plan_brief(lila, date(2027, 1, 1), 3, seed=1, score=False).posts
    by_month = defaultdict(list)
    for p in posts:
        by_month[p["date"][:7]].append(p["text"])
    assert {m: len(set(v)) for m, v in by_month.items()} == {m: len(v) for m, v in by_month.items()}


def test_times_keep_the_brand_time_zone_across_the_spring_change(lila):
    posts = plan_brief(lila, date(2027, 3, 22), 1, seed=1, score=False).posts
    offsets = {p["date"]: p["publish_at"].utcoffset() for p in posts}
    assert (offsets["2027-03-26"], offsets["2027-03-29"]) == (timedelta(hours=1), timedelta(hours=2))


@pytest.mark.parametrize("months", [0, 60, -1])
def test_a_number_of_months_out_of_range_is_refused_with_the_valid_range(lila, months):
    with pytest.raises(PlanError) as info:
        plan_brief(lila, date(2027, 1, 1), months)
    assert info.value.message("fr") == f"Nombre de mois invalide ({months}) : choisissez entre 1 et 24."


def test_a_brief_without_network_is_refused(lila):
    lila["channels"] = []
    with pytest.raises(PlanError) as info:
        plan_brief(lila, date(2027, 1, 1), 1)
    assert info.value.key == "plan.no_channels"


def test_a_past_start_and_a_zero_budget_are_planned_with_warnings(lila):
    lila["brand"]["hours_per_week"] = 0.0
    result = plan_brief(lila, date(2020, 2, 1), 1, seed=1, score=False)
    assert result.warnings[:2] == [
        "La date de début (2020-02-01) est passée : les créneaux passés sont planifiés quand même, à vérifier.",
        "Aucun budget horaire n'est renseigné : les fréquences demandées représentent 12 h par semaine. "
        "Renseignez le budget dans la Stratégie.",
    ]
    assert len(result.posts) > 0


def test_frequencies_over_budget_are_planned_and_reported(lila):
    lila["brand"]["hours_per_week"] = 6.0
    result = plan_brief(lila, date(2027, 1, 1), 1, seed=1, score=False)
    assert result.warnings[0] == ("Les fréquences demandées ne tiennent pas dans le budget : 12 h par "
                                  "semaine pour 6 h, soit 6 h de trop (+99 %).")


def test_a_persona_without_network_is_targeted_everywhere(lila):
    lila["personas"][2]["networks"] = []
    result = plan_brief(lila, date(2027, 1, 1), 1, seed=1, score=False)
    assert "Le persona « Inès, étudiante inspirée » n'a aucun réseau préféré : il est ciblé sur tous les réseaux." in result.warnings
    assert "Inès, étudiante inspirée" in {p["persona"] for p in result.posts if p["network"] == "facebook"}


def test_a_scored_plan_gives_each_draft_the_score_the_editor_shows_for_it(lila):
    lila["channels"] = [{"network": "instagram", "posts_per_week": 4.0}]
    posts = plan_brief(lila, date(2027, 3, 1), 1, seed=1).posts
    assert [p["score"] for p in posts] == [
        float(score(p["text"], p["network"], keywords=p["keywords"], lang="fr", objective=p["objective"],
                    format=p["format"], brand=lila).score) for p in posts]
    assert len(posts) == 18


def test_a_scoring_failure_keeps_the_plan_unscored_and_says_so(lila, monkeypatch):
    def broken(items, brand=None, ui_lang="fr"):
        raise RuntimeError("modèle absent")

    monkeypatch.setattr(planner, "score_many", broken)
    result = plan_brief(lila, date(2027, 3, 1), 1, seed=1)
    assert {p["score"] for p in result.posts} == {None}
    assert ("Les brouillons n'ont pas pu être notés (RuntimeError: modèle absent) : le plan est enregistré "
            "sans note.") in result.warnings


def test_a_leap_day_is_planned_like_any_other_day(lila):
    posts = plan_brief(lila, date(2028, 2, 1), 1, seed=1, score=False).posts
    assert "2028-02-29" in {p["date"] for p in posts}


# --- database ------------------------------------------------------------------------

def _with_pillars(engine, brand_id):
    with Session(engine) as s:
        data = brief_of(brand_id, session=s)
        data["pillars"] = copy.deepcopy(PILLARS)
        save_brief(data, session=s, brand_id=brand_id)
        s.commit()


def test_replanning_keeps_edited_and_approved_posts_and_replaces_the_rest(engine, demo_brand):
    _with_pillars(engine, demo_brand)
    with Session(engine) as s:
        first = plan_brand(demo_brand, date(2027, 3, 1), 1, session=s, seed=1, score=False)
        s.commit()
    with Session(engine) as s:
        posts = s.exec(select(Post).where(Post.brand_id == demo_brand).order_by(Post.publish_at)).all()
        edited, approved = posts[0], posts[5]
        save_post(edited.id, edited.version, {"text": "Texte réécrit par Camille, la CM."}, session=s)
        save_post(approved.id, approved.version, {"status": "valide"}, session=s, lock=False)
        s.commit()
        kept_ids = {edited.id, approved.id}
    with Session(engine) as s:
        second = plan_brand(demo_brand, date(2027, 3, 1), 1, session=s, seed=2, score=False)
        s.commit()
    with Session(engine) as s:
        rows = s.exec(select(Post).where(Post.brand_id == demo_brand)).all()
        by_id = {p.id: p for p in rows}
        assert kept_ids <= set(by_id)
        assert (by_id[edited.id].text, by_id[edited.id].version) == ("Texte réécrit par Camille, la CM.", 2)
        assert by_id[approved.id].status == "valide"
        assert len(rows) == len(first.posts) == len(second.posts)
        assert len({p.ref for p in rows}) == len(rows)
        assert all(p.publish_at.utcoffset() is not None for p in rows)


def _rows(engine, brand_id):
    with Session(engine) as s:
        posts = s.exec(select(Post).where(Post.brand_id == brand_id).order_by(Post.ref)).all()
        versions = s.exec(select(PostVersion).order_by(PostVersion.post_id)).all()
        skip = {"id", "created_at", "updated_at"}
        return ([p.model_dump(exclude=skip) for p in posts],
                sorted((v.version, v.text, tuple(v.hashtags), v.saved_by) for v in versions))


def test_the_bulk_writer_stores_the_same_rows_as_create_post(engine, demo_brand, monkeypatch):
    _with_pillars(engine, demo_brand)
    with Session(engine) as s:
        plan_brand(demo_brand, date(2027, 3, 1), 1, session=s, seed=1, score=False)
        s.commit()
    one_by_one = _rows(engine, demo_brand)
    with Session(engine) as s:
        s.exec(select(Post)).all()
        for p in s.exec(select(Post)).all():
            s.delete(p)
        s.commit()
    monkeypatch.setattr(planner, "BULK_THRESHOLD", 0)
    with Session(engine) as s:
        plan_brand(demo_brand, date(2027, 3, 1), 1, session=s, seed=1, score=False)
        s.commit()
    bulk = _rows(engine, demo_brand)
    # references are never given twice: the second plan numbers on from the first one's
    assert [p.pop("ref") for p in one_by_one[0]] == [f"LILA-2027-03-{n:03d}" for n in range(1, 60)]
    assert [p.pop("ref") for p in bulk[0]] == [f"LILA-2027-03-{n:03d}" for n in range(60, 119)]
    assert bulk == one_by_one
    assert len(one_by_one[0]) == len(one_by_one[1]) == 59


def test_a_deleted_pillar_leaves_its_posts_in_place_without_a_pillar(engine, demo_brand):
    _with_pillars(engine, demo_brand)
    with Session(engine) as s:
        plan_brand(demo_brand, date(2027, 3, 1), 1, session=s, seed=1, score=False)
        s.commit()
    with Session(engine) as s:
        count = len(s.exec(select(Post).where(Post.brand_id == demo_brand)).all())
        data = brief_of(demo_brand, session=s)
        data["pillars"] = [p for p in data["pillars"] if p["name"] != "Robes d'été"]
        save_brief(data, session=s, brand_id=demo_brand)
        s.commit()
    with Session(engine) as s:
        rows = s.exec(select(Post).where(Post.brand_id == demo_brand)).all()
        assert len(rows) == count
        assert sum(1 for p in rows if p.pillar_id is None) > 0
        assert [p.name for p in s.exec(select(Pillar).where(Pillar.brand_id == demo_brand))] == [
            "Conseils de style", "Coulisses de l'atelier"]


def test_a_brand_without_pillars_gets_the_proposed_ones_saved(engine, demo_brand):
    with Session(engine) as s:
        result = plan_brand(demo_brand, date(2027, 3, 1), 1, session=s, seed=1, score=False)
        s.commit()
        names = [p.name for p in s.exec(select(Pillar).where(Pillar.brand_id == demo_brand))]
    assert names == ["Conseils de style", "Univers de marque", "Produits et offres", "Clients fidèles"]
    assert result.warnings[0].startswith("La marque n'avait aucun pilier")


def test_a_brand_with_saved_keywords_gets_pillars_named_after_their_themes(engine, demo_brand):
    with Session(engine) as s:
        brief = brief_of(demo_brand, session=s)
        texts = [p["description"] for p in brief["personas"]] + [
            "Robes portefeuille en lin lavé, chemises oversize en lin lavé, pantalons larges en lin épais.",
            "Un lin européen certifié, tissé en France, confectionné dans notre atelier de Lyon."]
        found = keywords.extract(texts, lang="fr", brand="Maison Lila").keywords
        keywords.save_keywords(demo_brand, found, session=s)
        plan_brand(demo_brand, date(2027, 3, 1), 1, session=s, seed=1, score=False)
        s.commit()
        pillars = s.exec(select(Pillar).where(Pillar.brand_id == demo_brand).order_by(Pillar.id)).all()
        expected = editorial.propose_pillars(brief, [k.phrase for k in found])
        assert [(p.name, p.keywords, p.target_share) for p in pillars] == [
            (e["name"], e["keywords"], e["target_share"]) for e in expected]
        assert sorted(k for p in pillars for k in p.keywords) == sorted(k.phrase for k in found)
        assert sum(p.target_share for p in pillars) == 100.0


# --- properties ----------------------------------------------------------------------

NETWORKS = ["instagram", "facebook", "linkedin", "x", "tiktok", "pinterest", "newsletter", "blog"]


@st.composite
def briefs(draw):
    networks = draw(st.lists(st.sampled_from(NETWORKS), min_size=1, max_size=4, unique=True))
    channels = [{"network": n, "posts_per_week": draw(st.sampled_from([0.5, 1.0, 2.0, 3.0, 5.0, 7.0, 10.0]))}
                for n in networks]
    n_pillars = draw(st.integers(1, 5))
    pillars = [{"name": f"Pilier {i}", "target_share": float(draw(st.integers(0, 50)))} for i in range(n_pillars)]
    days = draw(st.lists(st.integers(0, 6), min_size=1, max_size=7, unique=True))
    return {"brand": {"name": "Atelier Test", "sector": draw(st.sampled_from(["mode", "b2b_saas", "restauration", ""])),
                      "country": draw(st.sampled_from(["FR", "BE", "CH", "CA", "GB", "US"])),
                      "hours_per_week": float(draw(st.integers(0, 30)))},
            "tone": {"address": draw(st.sampled_from(["tu", "vous"])), "emojis": draw(st.booleans())},
            "objectives": [{"kind": "notoriete", "priority": 1, "kpi": "+10 %"}],
            "channels": channels, "pillars": pillars}, days


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(briefs(), st.dates(min_value=date(2026, 1, 1), max_value=date(2030, 12, 31)), st.integers(1, 3),
       st.integers(0, 1000))
def test_random_briefs_give_plans_that_keep_the_invariants(brief_days, start, months, seed):
    brief, days = brief_days
    result = plan_brief(brief, start, months, seed=seed, score=False, options={"publishing_days": days})
    end = add_months(start, months)
    texts = defaultdict(set)
    for p in result.posts:
        day = date.fromisoformat(p["date"])
        assert start <= day < end
        assert day.weekday() in days
        # a text written twice in a month only when the brief is too thin, and the plan says so
        assert p["text"] not in texts[p["date"][:7]] or any(
            w.startswith("Brouillons qui reprennent un texte") for w in result.warnings)
        texts[p["date"][:7]].add(p["text"])
    assert len({p["ref"] for p in result.posts}) == len(result.posts)
    per_week = Counter((p["network"], date.fromisoformat(p["date"]) - timedelta(days=date.fromisoformat(p["date"]).weekday()))
                       for p in result.posts)
    quiet = moment_prefs.quiet_days(brief, start, end, moments.holiday_dates(brief["brand"]["country"], start, end))
    assert not [p for p in result.posts if date.fromisoformat(p["date"]) in quiet]
    for c in brief["channels"]:
        for monday in full_weeks(start, end):
            expected = (int(c["posts_per_week"]), int(c["posts_per_week"]) + 1)
            if any(monday + timedelta(days=i) in quiet for i in range(7)):
                assert per_week[(c["network"], monday)] <= expected[1]
            else:
                assert per_week[(c["network"], monday)] in expected or c["posts_per_week"] < 1
    # every publishing day gets posts once the plan has as many posts as days, or a warning says why
    used = {date.fromisoformat(p["date"]).weekday() for p in result.posts}
    open_days = {d for d in days if any(not (start + timedelta(days=i)) in quiet
                                        for i in range((end - start).days) if (start + timedelta(days=i)).weekday() == d)}
    if open_days - used:
        assert any(w.startswith("Aucun post le ") for w in result.warnings)
    for p in result.posts:
        if p["phase"] in ("reminder", "last_call"):
            m = next(m for m in result.moments if m.key == p["event"] and m.start <= date.fromisoformat(p["date"]) <= m.end)
            assert m.start < date.fromisoformat(p["date"]) <= m.end


# --- CLI ---------------------------------------------------------------------------------

def test_plan_json_prints_the_documented_shape(tmp_path, capsys):
    brief = (ROOT / "data" / "demo" / "brief.toml").read_text(encoding="utf-8")
    path = tmp_path / "brief.toml"
    path.write_text(brief + '\n[plan]\npublishing_days = [1, 3]\nintent_preset = "regle_4_1_1"\n', encoding="utf-8")
    code = main(["plan", str(path), "--start", "2027-03-01", "--months", "1", "--seed", "4", "--json", "--no-score"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert (out["brand"], out["start"], out["months"]) == ("Maison Lila", "2027-03-01", 1)
    assert list(out["posts"][0]) == list(JSON_KEYS)
    assert {date.fromisoformat(p["date"]).weekday() for p in out["posts"]} == {1, 3}
    assert out["warnings"][0].startswith("Aucun pilier n'est défini")


def test_plan_refuses_sixty_months_with_exit_code_1(tmp_path, capsys):
    code = main(["plan", str(ROOT / "data" / "demo" / "brief.toml"), "--start", "2027-03-01",
                 "--months", "60", "--json"])
    assert (code, capsys.readouterr().err.strip()) == (
        1, "Erreur : Nombre de mois invalide (60) : choisissez entre 1 et 24.")


def test_plan_without_json_writes_the_posts_to_the_database(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    code = main(["plan", str(ROOT / "data" / "demo" / "brief.toml"), "--start", "2027-03-01",
                 "--months", "1", "--no-score"])
    assert code == 0
    assert capsys.readouterr().err.strip().endswith("59 publications planifiées pour Maison Lila.")
    engine = db.make_engine()
    with Session(engine) as s:
        assert len(s.exec(select(Post)).all()) == 59
    engine.dispose()


def test_a_country_without_data_is_planned_with_the_shared_moments_and_a_warning(lila):
    lila["brand"]["country"] = "ZZ"
    result = plan_brief(lila, date(2027, 2, 1), 1, seed=1, score=False)
    assert result.warnings[0].startswith("Pays sans données (ZZ) : pas de jours fériés")
    assert {(p["event"], p["phase"]) for p in result.posts if p["event"]} == {
        ("saint_valentin", "launch"), ("printemps", "pinterest")}


def test_persona_active_hours_override_the_networks_best_hour(lila):
    posts = plan_brief(lila, date(2027, 3, 1), 1, seed=1, score=False).posts
    times = {(p["network"], p["persona"]): set() for p in posts}
    for p in posts:
        times[(p["network"], p["persona"])].add(p["time"])
    assert times == {
        ("facebook", "Hélène, fidèle de la boutique"): {"18:30"},  # best hours 12:30, 18:30, 09:00
        ("instagram", "Camille, citadine active"): {"12:30"},
        ("instagram", "Inès, étudiante inspirée"): {"18:30"},
        ("pinterest", "Camille, citadine active"): {"20:30"},
        ("pinterest", "Inès, étudiante inspirée"): {"20:30"},
        ("newsletter", "Camille, citadine active"): {"12:30"},  # 10:00 and 08:00 are outside her hours
        ("newsletter", "Hélène, fidèle de la boutique"): {"10:00"},
    }


def test_plan_brand_reports_progress_up_to_one(engine, demo_brand):
    seen = []
    with Session(engine) as s:
        plan_brand(demo_brand, date(2027, 3, 1), 1, session=s, seed=1, score=False,
                   progress=lambda fraction, message: seen.append((fraction, message)))
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert seen[-1][1] == "59 publications planifiées."


def test_references_follow_the_publishing_order_so_the_client_reads_them_in_sequence(lila):
    posts = plan_brief(lila, date(2027, 3, 1), 2, seed=3, score=False).posts
    march = [p for p in posts if p["date"].startswith("2027-03")]
    in_time_order = sorted(march, key=lambda p: (p["date"], p["time"], p["network"]))
    assert [p["ref"] for p in in_time_order] == [f"LILA-2027-03-{i:03d}" for i in range(1, len(march) + 1)]


def test_a_brief_too_thin_for_its_frequency_repeats_a_text_and_says_so_never_tags_it_for_the_client(lila):
    import re

    thin = copy.deepcopy(lila)
    thin["offers"], thin["rubrics"] = [], []
    thin["channels"] = [{"network": "instagram", "posts_per_week": 14.0}]
    result = plan_brief(thin, date(2027, 3, 1), 3, seed=2, score=False, options={"grammar": False})
    assert not [p["text"] for p in result.posts if re.search(r"\(\d{4}-\d\d-\d\d, \w+, \d+\)", p["text"])]
    texts = [p["text"] for p in result.posts]
    assert len(set(texts)) < len(texts)  # 14 posts a week about the brand alone: some texts come back
    by_month = Counter((p["date"][:7], p["text"]) for p in result.posts)
    warned = any(w.startswith("Brouillons qui reprennent un texte déjà écrit ce trimestre") for w in result.warnings)
    assert warned == (max(by_month.values()) > 1)

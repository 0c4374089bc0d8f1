"""A brand's say on its calendar: follow, skip, its own moments, quiet periods (core/planning/moment_prefs.py)."""

import copy
import tomllib
from collections import Counter
from datetime import date, timedelta

import pytest

from core import brief as brief_mod
from core.planning import lead_times, moment_prefs, moments
from core.planning.planner import plan_brief
from tests.conftest import ROOT


@pytest.fixture
def lila():
    with (ROOT / "data" / "demo" / "brief.toml").open("rb") as fh:
        return tomllib.load(fh)


def brand(sector, country="FR", channels=None, days=None, **sections):
    out = {"brand": {"name": "Atelier Test", "sector": sector, "country": country,
                     "timezone": "Europe/London" if country == "GB" else "Europe/Paris"},
           "objectives": [{"kind": "notoriete", "priority": 1, "kpi": "+10 %"}],
           "channels": channels or [{"network": "instagram", "posts_per_week": 3.0}],
           "pillars": [{"name": "Conseils", "target_share": 50.0}, {"name": "Coulisses", "target_share": 50.0}],
           **sections}
    if days is not None:
        out["plan"] = {"publishing_days": days}
    return out


def rendered(data):
    return [p.render("fr") for p in brief_mod.validate(data)]


# --- the brief's sections ---------------------------------------------------------------

def test_the_brief_example_of_moments_and_brand_moments_is_valid_and_round_trips(lila):
    lila["moments"] = {"follow": ["fetes_religieuses", "halloween"], "skip": ["black_friday"],
                       "quiet": ["08-01/08-22", "12-24/12-26"], "public_holidays": "sector"}
    lila["brand_moments"] = [{"name": "Les 10 ans de Maison Lila", "start": "03-14", "end": "", "kind": "anniversaire",
                              "lead_weeks": 2}]
    assert rendered(lila) == []
    text = brief_mod.dumps(lila)
    again, problems = brief_mod.validate_text(text)
    assert problems == []
    assert (again["moments"], again["brand_moments"]) == (lila["moments"], lila["brand_moments"])


def test_wrong_moment_preferences_are_each_named_with_the_valid_values(lila):
    lila["moments"] = {"follow": ["halloween", "fete_des_licornes"], "skip": ["halloween"],
                       "quiet": ["08-01/08-32", "août"], "public_holidays": "jamais", "silence": True}
    lila["brand_moments"] = [
        {"name": "Salon Maison&Objet", "start": "2027-09-04", "end": "2027-09-01", "kind": "salon"},
        {"name": "salon maison&objet", "start": "02-30", "kind": "fete", "lead_weeks": 40},
        {"name": "Portes ouvertes", "start": "06-01", "end": "2027-06-03", "lead_weeks": 1.5},
        {"start": "06-01"},
    ]
    problems = rendered(lila)
    tags = problems[1].split("étiquette : ")[1]
    assert "fetes_religieuses" in tags and "sans_abri" in tags and "mode" in tags
    assert [p.split(": ")[0] for p in problems] == [
        "moments.silence", "moments.follow[1]", "moments.skip", "moments.quiet[0]", "moments.quiet[1]",
        "moments.public_holidays", "brand_moments[1].end", "brand_moments[2].name", "brand_moments[2].start",
        "brand_moments[2].kind", "brand_moments[2].lead_weeks", "brand_moments[3].end", "brand_moments[3].lead_weeks",
        "brand_moments[4].name"]
    assert problems[2] == ("moments.skip: « halloween » est à la fois suivi (follow) et écarté (skip) ; "
                           "retirez-le de l'une des deux listes.")
    assert problems[3] == ("moments.quiet[0]: Période « 08-01/08-32 » invalide : écrivez MM-JJ/MM-JJ avec des dates "
                           "qui existent, par exemple 08-01/08-22 (du 1er au 22 août) ou 12-24/01-02.")
    assert problems[6] == "brand_moments[1].end: La fin « 2027-09-01 » précède le début « 2027-09-04 » ; corrigez l'une des deux dates."
    assert problems[8].startswith("brand_moments[2].start: Date « 02-30 » invalide : MM-JJ pour chaque année")
    assert problems[11] == ("brand_moments[3].end: Début « 06-01 » et fin « 2027-06-03 » n'ont pas la même forme : "
                            "les deux en MM-JJ (chaque année) ou les deux en AAAA-MM-JJ (une fois).")


def test_moment_preferences_that_are_not_tables_or_lists_are_refused_without_a_traceback(lila):
    lila["moments"] = ["black_friday"]
    assert rendered(lila) == ["moments: Cette section doit être une table TOML."]
    lila["moments"] = {"follow": "halloween", "quiet": "08-01/08-22"}
    lila["brand_moments"] = [{"name": "Fête 🎉\x07", "start": "03-14"}, "texte"]
    assert [p.split(": ")[0] for p in rendered(lila)] == [
        "moments.follow", "moments.quiet", "brand_moments[1].name", "brand_moments[2]"]


def test_a_leap_day_brand_moment_falls_on_28_february_in_common_years():
    data = {"brand_moments": [{"name": "Jour bissextile", "start": "02-29", "kind": "autre"}]}
    found = moment_prefs.brand_moments_between(data, date(2027, 1, 1), date(2028, 12, 31))
    assert [(m.start, m.key) for m in found] == [(date(2027, 2, 28), "marque_jour_bissextile"),
                                                 (date(2028, 2, 29), "marque_jour_bissextile")]


# --- follow and skip --------------------------------------------------------------------

def test_an_ethical_fashion_brand_that_skips_black_friday_gets_no_post_for_it(lila):
    before = plan_brief(copy.deepcopy(lila), date(2027, 10, 1), 3, seed=1, score=False).posts
    assert any(p["event"] == "black_friday" for p in before)
    lila["moments"] = {"skip": ["black_friday", "cyber_monday"]}
    posts = plan_brief(lila, date(2027, 10, 1), 3, seed=1, score=False).posts
    assert not [p for p in posts if p["event"] in ("black_friday", "cyber_monday")]
    assert len(posts) == len(before)  # the slots stay, for the brand's own subjects


def test_skipping_a_tag_removes_every_moment_of_that_cause_and_follow_adds_a_cause():
    first, last = date(2027, 1, 1), date(2027, 12, 31)
    found = moments.moments_for("FR", first, last, sector="association")
    skipped = moment_prefs.apply(found, {"moments": {"skip": ["sans_abri"]}}, first, last)
    assert {m.key for m in found if "sans_abri" in m.tags} <= {m.key for m in found}
    assert not [m for m in skipped if "sans_abri" in m.tags]
    religious = moment_prefs.apply(found, {"moments": {"follow": ["fetes_religieuses"]}}, first, last)
    by_key = {m.key: m.weight for m in religious}
    assert (by_key["hanoucca"], by_key["aid_el_fitr"], by_key["rosh_hashanah"]) == (2, 2, 2)
    assert {m.key: m.weight for m in found}["hanoucca"] == 0


def test_a_charity_following_the_religious_feasts_gets_a_post_for_aid_el_fitr():
    data = brand("association", channels=[{"network": "facebook", "posts_per_week": 3.0}],
                 moments={"follow": ["fetes_religieuses"]})
    posts = plan_brief(data, date(2027, 3, 1), 1, seed=1, score=False).posts
    # Eid al-Fitr 2027: 1 Shawwal 1448 = Tuesday 9 March (Umm al-Qura); Facebook has no slot
    # that day, so the eve's slot announces it
    assert moments.moment_date("aid_el_fitr", 2027) == date(2027, 3, 9)
    assert [(p["date"], p["phase"]) for p in posts if p["event"] == "aid_el_fitr"] == [("2027-03-08", "teasing")]


# --- the brand's own moments --------------------------------------------------------------

def test_the_brands_anniversary_every_14_march_is_pinned_teased_and_celebrated_on_the_day(lila):
    lila["brand_moments"] = [{"name": "Les 10 ans de Maison Lila", "start": "03-14", "kind": "anniversaire", "lead_weeks": 2}]
    posts = plan_brief(lila, date(2027, 2, 1), 2, seed=1, score=False).posts
    # a campaign of the brand (weight 3): the Pin 30 days ahead, a teaser two weeks ahead and
    # three days ahead, then the launch on every network on the day or, for a network without
    # a slot on Sunday 14 March, announced on one of the two days before
    assert [(p["date"], p["network"], p["phase"]) for p in posts if p["event"] == "marque_les_10_ans_de_maison_lila"] == [
        ("2027-02-12", "pinterest", "pinterest"), ("2027-02-28", "instagram", "teasing"),
        ("2027-03-11", "facebook", "teasing"), ("2027-03-12", "facebook", "teasing"),
        ("2027-03-14", "instagram", "launch")]
    assert not [p for p in posts if p["event"].startswith("marque_") and p["event"] != "marque_les_10_ans_de_maison_lila"]


def test_a_trade_fair_of_the_brand_gets_invitations_from_four_weeks_ahead_then_its_days():
    data = brand("b2b_saas", channels=[{"network": "linkedin", "posts_per_week": 3.0}],
                 brand_moments=[{"name": "Salon Big Data Paris", "start": "2027-10-05", "end": "2027-10-06",
                                 "kind": "salon", "lead_weeks": 4}])
    posts = plan_brief(data, date(2027, 9, 1), 2, seed=1, score=False).posts
    fair = [(p["date"], p["phase"]) for p in posts if p["event"] == "marque_salon_big_data_paris"]
    invitations = [date.fromisoformat(d) for d, ph in fair if ph == "invitation"]
    assert [(date(2027, 10, 5) - d).days for d in invitations] == [33, 25, 14, 7]
    # LinkedIn's three posts of that week fall on Monday, Wednesday and Friday: the launch
    # takes the fair's second day
    assert [(d, ph) for d, ph in fair if ph != "invitation"] == [("2027-10-06", "launch")]


def test_a_once_dated_brand_moment_is_planned_in_its_year_only():
    data = {"brand_moments": [{"name": "Ouverture de la boutique de Lyon", "start": "2027-04-10", "kind": "lancement"}]}
    assert [m.start for m in moment_prefs.brand_moments_between(data, date(2026, 1, 1), date(2029, 1, 1))] == [
        date(2027, 4, 10)]


# --- quiet periods and public holidays -----------------------------------------------------

def test_a_b2b_brand_posts_nothing_from_1_to_22_august_nor_on_public_holidays_and_is_told():
    data = brand("b2b_saas", channels=[{"network": "linkedin", "posts_per_week": 3.0}])
    result = plan_brief(data, date(2027, 7, 1), 5, seed=1, score=False)
    days = [date.fromisoformat(p["date"]) for p in result.posts]
    assert not [d for d in days if date(2027, 8, 1) <= d <= date(2027, 8, 22)]
    assert not {d.isoformat() for d in days} & {"2027-07-14", "2027-08-15", "2027-11-01", "2027-11-11"}
    per_month = Counter(d.month for d in days)
    assert per_month[8] < per_month[9] / 2
    # the 14 July post moves to another day of its week, not lost
    assert Counter(d.isocalendar()[1] for d in days)[date(2027, 7, 14).isocalendar()[1]] == 3
    assert ("9 posts sont laissés de côté pendant les périodes calmes de la marque (08-01/08-22, 12-24/01-01). "
            "Pour publier quand même, changez « quiet » dans la section [moments] du brief.") in result.warnings
    assert any("passent à un autre jour de publication de la même semaine" in w for w in result.warnings)


def test_a_b2b_brand_that_says_post_publishes_on_public_holidays_and_in_august():
    data = brand("b2b_saas", channels=[{"network": "linkedin", "posts_per_week": 3.0}],
                 moments={"quiet": [], "public_holidays": "post"}, days=[0, 1, 2, 3, 4])
    result = plan_brief(data, date(2027, 7, 1), 2, seed=1, score=False)
    days = {p["date"] for p in result.posts}
    assert len([d for d in days if "2027-08-01" <= d <= "2027-08-22"]) == 9
    assert not [w for w in result.warnings if "jour férié" in w or "périodes calmes" in w]


def test_a_fashion_brand_keeps_public_holidays_as_publishing_days_but_can_quiet_them(lila):
    # 1, 6 (Ascension), 8 and 17 May (Whit Monday) 2027 are public holidays
    assert {"2027-05-01", "2027-05-06", "2027-05-08"} <= {
        p["date"] for p in plan_brief(copy.deepcopy(lila), date(2027, 5, 1), 1, score=False).posts}
    lila["moments"] = {"public_holidays": "quiet", "quiet": ["05-24/05-26"]}
    days = {p["date"] for p in plan_brief(lila, date(2027, 5, 1), 1, score=False).posts}
    assert not days & {"2027-05-01", "2027-05-06", "2027-05-08", "2027-05-17", "2027-05-24", "2027-05-25", "2027-05-26"}


def test_a_quiet_period_over_the_new_year_covers_both_years():
    data = {"brand": {"sector": "mode"}, "moments": {"quiet": ["12-24/01-02"]}}
    quiet = moment_prefs.quiet_days(data, date(2027, 12, 1), date(2028, 2, 1))
    assert (min(quiet), max(quiet), len(quiet)) == (date(2027, 12, 24), date(2028, 1, 2), 10)


# --- publishing days and rubrics --------------------------------------------------------------

def test_a_brunch_restaurant_posting_tuesday_to_sunday_gets_posts_on_every_day_in_proportion():
    data = brand("restauration", channels=[{"network": "instagram", "posts_per_week": 3.0},
                                           {"network": "facebook", "posts_per_week": 2.0}], days=[1, 2, 3, 4, 5, 6])
    posts = plan_brief(data, date(2027, 3, 1), 2, seed=1, score=False).posts
    per_day = Counter(date.fromisoformat(p["date"]).weekday() for p in posts)
    assert set(per_day) == {1, 2, 3, 4, 5, 6}
    assert max(per_day.values()) - min(per_day.values()) <= 2


def test_a_charity_posting_monday_to_friday_is_not_squeezed_to_three_days():
    data = brand("association", channels=[{"network": "facebook", "posts_per_week": 3.0},
                                          {"network": "linkedin", "posts_per_week": 2.0}], days=[0, 1, 2, 3, 4])
    posts = plan_brief(data, date(2027, 3, 1), 2, seed=1, score=False).posts
    assert Counter(date.fromisoformat(p["date"]).weekday() for p in posts) == {0: 9, 1: 9, 2: 9, 3: 9, 4: 9}


def test_too_few_posts_for_the_publishing_days_are_said_in_a_warning():
    data = brand("mode", channels=[{"network": "instagram", "posts_per_week": 0.5}], days=[0, 1, 2, 3, 4, 5, 6])
    result = plan_brief(data, date(2027, 3, 1), 1, seed=1, score=False)
    idle = [w for w in result.warnings if w.startswith("Aucun post le ")]
    assert len(idle) == 1 and idle[0].endswith(
        ": 0.5 posts par semaine pour 7 jours de publication. Augmentez la fréquence ou retirez ces jours des jours de publication.")


def test_a_thursday_rubric_gets_its_post_every_thursday_on_linkedin(lila):
    # LinkedIn's best days are Tuesday, Wednesday and Thursday: two posts a week went to
    # Tuesday and Wednesday, so the Thursday rubric never had a slot
    lila["channels"] = [{"network": "linkedin", "posts_per_week": 2.0}]
    lila["rubrics"] = [{"name": "le jeudi de l'atelier", "weekday": 3, "networks": ["linkedin"],
                        "description": "une étape de fabrication en photo",
                        "items": ["la coupe du lin : au ciseau, pièce par pièce", "l'assemblage : les coutures anglaises",
                                  "la pose des boutons en corozo", "le repassage final : avant l'étiquette"]}]
    result = plan_brief(lila, date(2027, 3, 1), 1, seed=1, score=False)
    thursdays = [p for p in result.posts if date.fromisoformat(p["date"]).weekday() == 3]
    assert [p["date"] for p in thursdays] == ["2027-03-04", "2027-03-11", "2027-03-18", "2027-03-25"]
    assert all(p["rubric"] == "le jeudi de l'atelier" for p in thursdays)
    assert not [w for w in result.warnings if "rubrique" in w]


def test_a_rubric_on_a_day_the_brand_does_not_post_is_said_in_a_warning(lila):
    lila["rubrics"] = [{"name": "le dimanche lecture", "weekday": 6, "networks": []}]
    lila["plan"] = {"publishing_days": [0, 1, 2, 3, 4]}
    result = plan_brief(lila, date(2027, 3, 1), 1, seed=1, score=False)
    assert ("La rubrique « le dimanche lecture » est prévue le dimanche, qui n'est pas un jour de publication "
            "(lundi, mardi, mercredi, jeudi, vendredi) : elle n'aura pas de post. Ajoutez le dimanche aux jours "
            "de publication ou changez le jour de la rubrique.") in result.warnings


# --- lead times --------------------------------------------------------------------------------

def test_christmas_gifts_are_launched_before_the_last_delivery_date_and_not_only_from_22_december():
    data = brand("ecommerce", channels=[{"network": "instagram", "posts_per_week": 4.0},
                                        {"network": "facebook", "posts_per_week": 3.0}])
    posts = plan_brief(data, date(2027, 10, 1), 3, seed=1, score=False).posts
    noel = [(date.fromisoformat(p["date"]), p["phase"]) for p in posts if p["event"] == "noel"]
    last_order = date(2027, 12, 18)  # a week before Christmas (data/lead_times.toml)
    assert lead_times.last_order_date(next(m for m in moments.moments_for("FR", date(2027, 12, 1), date(2027, 12, 31))
                                           if m.key == "noel"), "ecommerce") == last_order
    launches = [d for d, ph in noel if ph == "gift_launch"]
    assert len(launches) == 2 and all(d < last_order for d in launches)
    assert [d for d, ph in noel if ph == "last_order"] and all(
        last_order - timedelta(days=2) <= d <= last_order for d, ph in noel if ph == "last_order")
    assert len([d for d, _ in noel if d < date(2027, 12, 22)]) >= 5


def test_pinterest_gets_a_moment_30_to_45_days_ahead_and_never_on_the_day(lila):
    posts = plan_brief(lila, date(2027, 1, 1), 12, seed=1, score=False).posts
    # the brand's moments: its summer collection starts with its sales target, on 1 March
    found = {(m.key, m.start.year): m for m in moment_prefs.apply(
        moments.moments_for("FR", date(2027, 1, 1), date(2028, 3, 1), sector="mode"), lila,
        date(2027, 1, 1), date(2028, 3, 1))}
    pins = [p for p in posts if p["network"] == "pinterest" and p["event"]]
    assert len(pins) >= 15
    for p in pins:
        day = date.fromisoformat(p["date"])
        m = min((m for (k, _), m in found.items() if k == p["event"]), key=lambda m: abs((m.start - day).days))
        assert 30 <= (m.start - day).days <= 45, p


def test_a_british_shop_gets_easter_halloween_boxing_day_and_january_sales_posts():
    data = brand("ecommerce", "GB", channels=[{"network": "instagram", "posts_per_week": 4.0},
                                              {"network": "facebook", "posts_per_week": 3.0}])
    events = Counter(p["event"] for p in plan_brief(data, date(2027, 1, 1), 12, seed=1, score=False).posts)
    assert all(events[k] >= 1 for k in ("paques", "halloween", "boxing_day_sales", "january_sales_uk", "mothering_sunday"))
    assert not events["fete_meres"] and not events["soldes_hiver"]


# --- stored with the brand ------------------------------------------------------------------

def test_plan_brand_applies_the_moments_the_brand_skipped_and_its_own(engine, demo_brand):
    from core import db
    from core.planning.planner import plan_brand

    with db.transaction(engine) as s:
        moment_prefs.save_moment_choice(demo_brand, "black_friday", False, session=s)
        moment_prefs.save_preferences(demo_brand, {
            "moments": {"skip": ["black_friday"]},
            "brand_moments": [{"name": "Vente privée des fidèles", "start": "11-20", "end": "11-22",
                               "kind": "soldes_privees"}]}, session=s)
    with db.transaction(engine) as s:
        posts = plan_brand(demo_brand, date(2027, 10, 1), 3, session=s, seed=1, score=False).posts
    events = Counter(p["event"] for p in posts)
    assert events["black_friday"] == 0 and events["marque_vente_privee_des_fideles"] >= 2
    private = [p for p in posts if p["event"] == "marque_vente_privee_des_fideles" and p["phase"] != "pinterest"]
    assert {p["intent"] for p in private} == {"promote"}


def test_a_choice_that_names_no_moment_is_refused_and_nothing_is_stored(engine, demo_brand):
    from core import db
    from core.models import Brand

    with db.transaction(engine) as s:
        before = dict(s.get(Brand, demo_brand).moment_settings)
        with pytest.raises(moment_prefs.MomentChoiceError) as caught:
            moment_prefs.save_moment_choice(demo_brand, "fete_des_licornes", True, session=s)
        assert caught.value.key == "brief.unknown_moment"
    with db.transaction(engine) as s:
        assert s.get(Brand, demo_brand).moment_settings == before
    assert before["follow"] == [] and before["skip"] == []

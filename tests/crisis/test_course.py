"""A crisis as it runs and after: gravity and type recorded (from the crisis file's risk or
chosen), checkpoints dated in the brand's time zone and ticked into the log, what was said,
the lessons, and the new dates proposed for the suspended posts, each accepted one by one."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlmodel import select

from core import db
from core.brands import create_brand
from core.crisis.course import accept_date, assess, checklist, crisis_of, record_said, save_lessons, tick
from core.crisis.file import import_text
from core.crisis.playbook import CrisisError
from core.crisis.suspension import crisis_log, end_crisis, start_crisis
from core.models import Brand, Post
from core.posts import create_post, delete_post
from tests.conftest import ROOT

NOW = datetime(2027, 3, 26, 9, 0, tzinfo=timezone.utc)  # Friday 26 March 2027, 10:00 in Paris; DST on Sunday 28


@pytest.fixture
def lila(engine):
    """Maison Lila with its crisis file and four scheduled posts in the 72 hours after the alert."""
    with db.transaction(engine) as s:
        brand = create_brand("Maison Lila", session=s, timezone="Europe/Paris")
        import_text(brand.id, (ROOT / "data" / "demo" / "crisis.toml").read_text(encoding="utf-8"), session=s)
        refs = [create_post(brand.id, session=s, publish_at=NOW + timedelta(hours=hours), network=network,
                            text=text, status="programme").ref
                for hours, network, text in [(3, "instagram", "Nos robes d'été arrivent !"),
                                             (8, "facebook", "L'atelier ouvre ses portes samedi."),
                                             (27, "instagram", "Trois façons de porter la robe Lila."),
                                             (70, "instagram", "Jeudi, vente privée pour nos abonnés.")]]
        return engine, brand.id, refs


def _crisis(engine, brand_id):
    with db.transaction(engine) as s:
        crisis = crisis_of(brand_id, session=s)
        return crisis, [(e.at, e.author, e.event, e.details) for e in crisis_log(crisis.id, session=s)]


def test_a_risk_of_the_file_brings_its_gravity_and_type_and_a_given_gravity_wins(lila):
    engine, brand_id, _ = lila
    with db.transaction(engine) as s:
        start_crisis(brand_id, 72, session=s, now=NOW)
        assess(crisis_of(brand_id, session=s), session=s, risk="fuite du fichier clients", gravity="2", by="Inès",
               now=NOW + timedelta(minutes=40))
    crisis, log = _crisis(engine, brand_id)
    assert (crisis.gravity, crisis.kind, crisis.risk) == (2, "preventable", "Fuite du fichier clients")
    assert log[-1] == (NOW + timedelta(minutes=40), "Inès", "assessed",
                       {"gravity": 2, "kind": "preventable", "risk": "Fuite du fichier clients"})


@pytest.mark.parametrize("changes, key", [({"gravity": 0}, "crisis.bad_gravity"), ({"gravity": True}, "crisis.bad_gravity"),
                                          ({"kind": "rumour"}, "crisis.bad_kind"),
                                          ({"risk": "Incendie"}, "crisis.unknown_risk")])
def test_a_bad_assessment_is_refused_and_leaves_the_crisis_as_it_was(lila, changes, key):
    engine, brand_id, _ = lila
    with db.transaction(engine) as s:
        start_crisis(brand_id, 72, session=s, now=NOW, gravity=1, kind="victim")
    with pytest.raises(CrisisError) as caught, db.transaction(engine) as s:
        assess(crisis_of(brand_id, session=s), session=s, **changes)
    assert caught.value.key == key
    crisis, log = _crisis(engine, brand_id)
    assert (crisis.gravity, crisis.kind, crisis.risk, [e[2] for e in log]) == (
        1, "victim", "", ["started", "suspended", "suspended", "suspended", "suspended"])


def test_the_checkpoints_are_due_from_the_start_in_the_brands_time_zone_across_the_clock_change(lila):
    engine, brand_id, _ = lila
    with db.transaction(engine) as s:
        start_crisis(brand_id, 72, session=s, now=NOW)
        crisis, brand = crisis_of(brand_id, session=s), s.get(Brand, brand_id)
        due = [(step.key, step.due.isoformat()) for step in checklist(crisis, brand)]
    assert due == [("plus_15_min", "2027-03-26T10:15:00+01:00"), ("plus_1_h", "2027-03-26T11:00:00+01:00"),
                   ("plus_2_h", "2027-03-26T12:00:00+01:00"), ("plus_24_h", "2027-03-27T10:00:00+01:00"),
                   ("day_3", "2027-03-29T11:00:00+02:00"), ("day_15", "2027-04-10T11:00:00+02:00")]


def test_ticking_a_checkpoint_is_logged_once_and_unticking_it_too(lila):
    engine, brand_id, _ = lila
    with db.transaction(engine) as s:
        start_crisis(brand_id, 72, session=s, now=NOW)
    for done, minutes in ((True, 12), (True, 13), (False, 20)):
        with db.transaction(engine) as s:
            tick(crisis_of(brand_id, session=s), "plus_15_min", done, session=s, by="Inès",
                 now=NOW + timedelta(minutes=minutes))
            if minutes == 13:
                crisis, brand = crisis_of(brand_id, session=s), s.get(Brand, brand_id)
                step = checklist(crisis, brand)[0]
                assert (step.done, step.done_at.isoformat(), step.done_by) == (True, "2027-03-26T10:12:00+01:00", "Inès")
    crisis, log = _crisis(engine, brand_id)
    assert crisis.checks == {}
    assert [e[2:] for e in log if e[2].endswith("checked")] == [("checked", {"checkpoint": "plus_15_min"}),
                                                                ("unchecked", {"checkpoint": "plus_15_min"})]
    with pytest.raises(CrisisError) as caught, db.transaction(engine) as s:
        tick(crisis_of(brand_id, session=s), "plus_3_h", session=s)
    assert caught.value.params["valid"] == "plus_15_min, plus_1_h, plus_2_h, plus_24_h, day_3, day_15"


def test_what_was_said_and_the_lessons_are_kept_and_an_empty_or_huge_message_is_refused(lila):
    engine, brand_id, _ = lila
    with db.transaction(engine) as s:
        start_crisis(brand_id, 72, session=s, now=NOW)
        crisis = crisis_of(brand_id, session=s)
        record_said(crisis, "Nous avons bien vu vos messages 🙏\r\n", template="holding", session=s, by="Inès",
                    now=NOW + timedelta(minutes=14))
        for text in ("  \n ", "a" * 5001):
            with pytest.raises(CrisisError):
                record_said(crisis, text, session=s)
        save_lessons(crisis, worked="Le message d’attente est parti en 14 minutes.", change="", session=s)
        with pytest.raises(CrisisError) as caught:
            save_lessons(crisis, worked="x" * 6000, session=s)
    assert caught.value.key == "crisis.lesson_too_long"
    crisis, log = _crisis(engine, brand_id)
    assert crisis.lessons == {"worked": "Le message d’attente est parti en 14 minutes.", "change": ""}
    assert [e for e in log if e[2] == "said"] == [
        (NOW + timedelta(minutes=14), "Inès", "said", {"text": "Nous avons bien vu vos messages 🙏", "template": "holding",
                                                       "lang": "fr"})]


def test_the_posts_that_need_a_new_date_get_one_a_day_after_the_end_at_their_time_one_a_network_a_day(lila):
    engine, brand_id, refs = lila
    with db.transaction(engine) as s:
        start_crisis(brand_id, 72, session=s, now=NOW)
    with db.transaction(engine) as s:  # ended on Saturday 27 at 11:00 in Paris
        ended = end_crisis(brand_id, session=s, now=NOW + timedelta(hours=25))
    assert {ref: when.isoformat() for ref, when in ended.proposed.items()} == {
        refs[0]: "2027-03-28T13:00:00+02:00",  # Friday 13:00 -> Sunday 13:00, summer time: the same time of day
        refs[1]: "2027-03-28T18:00:00+02:00",  # Facebook: its own network, the same Sunday
        refs[2]: "2027-03-30T13:00:00+02:00",  # Saturday 13:00 -> Instagram has Sunday and Monday: Tuesday
    }
    assert refs[3] not in ended.proposed  # Monday 9 h, more than a day after the end: its date is kept
    crisis, _ = _crisis(engine, brand_id)
    assert crisis.proposals == {ref: when.isoformat() for ref, when in ended.proposed.items()}


def test_a_proposed_date_is_accepted_one_post_at_a_time_and_the_post_stays_to_approve(lila):
    engine, brand_id, refs = lila
    with db.transaction(engine) as s:
        start_crisis(brand_id, 72, session=s, now=NOW)
    with db.transaction(engine) as s:
        end_crisis(brand_id, session=s, now=NOW + timedelta(hours=25))
    with db.transaction(engine) as s:
        saved = accept_date(crisis_of(brand_id, session=s), refs[0], session=s, by="Inès",
                            now=NOW + timedelta(hours=26))
        assert (saved.status, saved.version, saved.publish_at) == (
            "a_valider", 4, datetime(2027, 3, 28, 11, 0, tzinfo=timezone.utc))
    crisis, log = _crisis(engine, brand_id)
    assert list(crisis.proposals) == [refs[1], refs[2]]
    assert log[-1][2:] == ("rescheduled", {"ref": refs[0], "to": "2027-03-28T13:00:00+02:00", "version": 4})
    with pytest.raises(CrisisError) as caught, db.transaction(engine) as s:
        accept_date(crisis_of(brand_id, session=s), refs[0], session=s)
    assert caught.value.params == {"ref": refs[0], "valid": f"{refs[1]}, {refs[2]}"}
    with db.transaction(engine) as s:
        delete_post(s.exec(select(Post).where(Post.ref == refs[1])).one().id, session=s)
    with pytest.raises(CrisisError) as caught, db.transaction(engine) as s:
        accept_date(crisis_of(brand_id, session=s), refs[1], session=s)
    assert caught.value.key == "crisis.proposal_stale"


def test_a_brand_that_never_had_a_crisis_has_nothing_to_debrief(lila):
    engine, brand_id, _ = lila
    with pytest.raises(CrisisError) as caught, db.transaction(engine) as s:
        crisis_of(brand_id, session=s)
    assert caught.value.message("en") == 'No crisis was ever opened for "Maison Lila": nothing to debrief.'

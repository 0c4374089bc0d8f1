"""Starting a crisis suspends the window's approved and scheduled posts; ending it gives them
back for approval, never scheduled, with nothing lost and every version kept."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlmodel import select

from core import db
from core.brands import create_brand
from core.crisis.playbook import CrisisError
from core.crisis.suspension import crisis_log, end_crisis, open_crisis, start_crisis
from core.models import Crisis, Post
from core.posts import create_post, delete_post, history, save_post

NOW = datetime(2027, 3, 10, 9, 0, tzinfo=timezone.utc)  # 10:00 in Paris


@pytest.fixture
def lila(engine):
    """Maison Lila with a week of posts around the alert, in every status that matters."""
    plan = [
        ("programme", -2, "Hier, notre atelier couture affichait complet."),
        ("programme", 3, "Nos robes d'été en lin lavé arrivent en boutique !"),
        ("valide", 26, "Trois façons de porter la robe Ondine cet été."),
        ("brouillon", 30, "Idée : les coulisses de l'atelier."),
        ("a_valider", 40, "Concours : gagnez une robe Ondine."),
        ("programme", 71, "Jeudi, vente privée pour nos abonnés."),
        ("programme", 73, "Le printemps arrive chez Maison Lila."),
        ("publie", -30, "Merci pour vos 10 000 abonnements !"),
    ]
    with db.transaction(engine) as s:
        brand = create_brand("Maison Lila", session=s, timezone="Europe/Paris")
        refs = {}
        for status, hours, text in plan:
            post = create_post(brand.id, session=s, publish_at=NOW + timedelta(hours=hours), network="instagram",
                               text=text, status=status)
            refs[(status, hours)] = post.ref
        return engine, brand.id, refs


def _posts(engine, brand_id):
    with db.transaction(engine) as s:
        return {p.ref: (p.status, p.version, p.text) for p in s.exec(select(Post).where(Post.brand_id == brand_id))}


def test_starting_a_crisis_suspends_the_approved_and_scheduled_posts_of_the_window_only(lila):
    engine, brand_id, refs = lila
    before = _posts(engine, brand_id)
    with db.transaction(engine) as s:
        started = start_crisis(brand_id, 72, session=s, now=NOW, by="Inès")
    assert started.to_dict() == {
        "brand": "Maison Lila", "crisis_id": started.crisis_id,
        "suspended": [refs[("programme", 3)], refs[("valide", 26)], refs[("programme", 71)]],
        "until": "2027-03-13T10:00:00+01:00", "gravity": None, "type": None, "risk": None}
    after = _posts(engine, brand_id)
    changed = {ref: (before[ref], after[ref]) for ref in after if after[ref] != before[ref]}
    assert changed == {
        refs[("programme", 3)]: (("programme", 1, before[refs[("programme", 3)]][2]),
                                 ("suspendu", 2, before[refs[("programme", 3)]][2])),
        refs[("valide", 26)]: (("valide", 1, before[refs[("valide", 26)]][2]),
                               ("suspendu", 2, before[refs[("valide", 26)]][2])),
        refs[("programme", 71)]: (("programme", 1, before[refs[("programme", 71)]][2]),
                                  ("suspendu", 2, before[refs[("programme", 71)]][2])),
    }


def test_ending_the_crisis_puts_every_suspended_post_back_to_approval_never_scheduled(lila):
    engine, brand_id, refs = lila
    before = _posts(engine, brand_id)
    with db.transaction(engine) as s:
        start_crisis(brand_id, 72, session=s, now=NOW, by="Inès")
    with db.transaction(engine) as s:
        ended = end_crisis(brand_id, session=s, now=NOW + timedelta(hours=48), by="Inès")
    suspended = [refs[("programme", 3)], refs[("valide", 26)], refs[("programme", 71)]]
    assert (ended.resumed, ended.overdue, ended.left) == (suspended, [refs[("programme", 3)], refs[("valide", 26)]], [])
    after = _posts(engine, brand_id)
    assert {ref: after[ref] for ref in suspended} == {ref: ("a_valider", 3, before[ref][2]) for ref in suspended}
    assert {ref: after[ref] for ref in after if ref not in suspended} == {
        ref: before[ref] for ref in before if ref not in suspended}
    with db.transaction(engine) as s:
        post = s.exec(select(Post).where(Post.ref == suspended[0])).one()
        text = before[suspended[0]][2]  # the text never changed; each status did, and is in the history
        assert [(v.version, v.status, v.text, v.saved_by) for v in history(post.id, session=s)] == [
            (3, "a_valider", text, "Inès"), (2, "suspendu", text, "Inès"), (1, "programme", text, "")]
        assert open_crisis(brand_id, session=s) is None


def test_the_log_dates_every_suspension_and_resumption_with_its_version(lila):
    engine, brand_id, refs = lila
    with db.transaction(engine) as s:
        crisis_id = start_crisis(brand_id, 4, session=s, now=NOW, by="Inès").crisis_id
    with db.transaction(engine) as s:
        end_crisis(brand_id, session=s, now=NOW + timedelta(hours=5), by="Hugo")
    with db.transaction(engine) as s:
        lines = [(e.at, e.author, e.event, e.details) for e in crisis_log(crisis_id, session=s)]
    ref = refs[("programme", 3)]
    assert lines == [
        (NOW, "Inès", "started", {"hours": 4, "until": (NOW + timedelta(hours=4)).isoformat()}),
        (NOW, "Inès", "suspended", {"ref": ref, "status": "programme", "version": 2}),
        (NOW + timedelta(hours=5), "Hugo", "resumed", {"ref": ref, "version": 3}),
        (NOW + timedelta(hours=5), "Hugo", "ended", {"resumed": 1, "left": 0}),
    ]


def test_a_post_edited_during_the_crisis_keeps_its_new_text_and_comes_back_for_approval(lila):
    engine, brand_id, refs = lila
    ref = refs[("programme", 3)]
    with db.transaction(engine) as s:
        start_crisis(brand_id, 72, session=s, now=NOW)
    with db.transaction(engine) as s:
        post = s.exec(select(Post).where(Post.ref == ref)).one()
        save_post(post.id, post.version, {"text": "Nos robes d'été arrivent la semaine prochaine."}, session=s)
    with db.transaction(engine) as s:
        assert end_crisis(brand_id, session=s, now=NOW + timedelta(hours=1)).resumed[0] == ref
    assert _posts(engine, brand_id)[ref] == ("a_valider", 4, "Nos robes d'été arrivent la semaine prochaine.")


def test_a_post_deleted_or_decided_by_hand_during_the_crisis_is_left_as_it_is(lila):
    engine, brand_id, refs = lila
    deleted, decided = refs[("programme", 3)], refs[("valide", 26)]
    with db.transaction(engine) as s:
        start_crisis(brand_id, 72, session=s, now=NOW)
    with db.transaction(engine) as s:
        delete_post(s.exec(select(Post).where(Post.ref == deleted)).one().id, session=s)
        post = s.exec(select(Post).where(Post.ref == decided)).one()
        save_post(post.id, post.version, {"status": "refuse"}, session=s)
    with db.transaction(engine) as s:
        ended = end_crisis(brand_id, session=s, now=NOW + timedelta(hours=1))
    assert (ended.resumed, ended.left) == ([refs[("programme", 71)]], [
        {"ref": deleted, "reason": "deleted", "status": ""},
        {"ref": decided, "reason": "changed", "status": "refuse"}])
    assert _posts(engine, brand_id)[decided][0] == "refuse"


def test_a_crisis_started_twice_is_refused_and_changes_nothing(lila):
    engine, brand_id, refs = lila
    with db.transaction(engine) as s:
        start_crisis(brand_id, 72, session=s, now=NOW)
    before = _posts(engine, brand_id)
    with pytest.raises(CrisisError) as caught, db.transaction(engine) as s:
        start_crisis(brand_id, 24, session=s, now=NOW + timedelta(hours=1))
    assert (caught.value.key, caught.value.params) == ("crisis.already_open", {
        "brand": "Maison Lila", "since": "2027-03-10 10:00", "until": "2027-03-13 10:00"})
    assert _posts(engine, brand_id) == before
    with db.transaction(engine) as s:
        assert len(s.exec(select(Crisis)).all()) == 1


def test_the_database_itself_refuses_a_second_open_crisis_for_one_brand(lila):
    engine, brand_id, _ = lila
    from sqlalchemy.exc import IntegrityError

    with db.transaction(engine) as s:
        start_crisis(brand_id, 72, session=s, now=NOW)
    with pytest.raises(IntegrityError), db.transaction(engine) as s:
        s.add(Crisis(brand_id=brand_id, open_for=brand_id, hours=1, until=NOW))
        s.flush()


@pytest.mark.parametrize("hours", [0, 10_000, -3, "72.5", "soixante-douze", True])
def test_a_window_out_of_bounds_is_refused_before_anything_is_suspended(lila, hours):
    engine, brand_id, _ = lila
    before = _posts(engine, brand_id)
    with pytest.raises(CrisisError) as caught, db.transaction(engine) as s:
        start_crisis(brand_id, hours, session=s, now=NOW)
    assert (caught.value.key, caught.value.params) == ("crisis.bad_hours", {
        "value": hours, "min": 1, "max": 720, "default": 72})
    assert _posts(engine, brand_id) == before
    with db.transaction(engine) as s:
        assert s.exec(select(Crisis)).all() == []


def test_ending_without_a_crisis_in_progress_says_so(lila):
    engine, brand_id, _ = lila
    with pytest.raises(CrisisError) as caught, db.transaction(engine) as s:
        end_crisis(brand_id, session=s)
    assert caught.value.message("fr") == (
        "Aucune crise en cours pour «\u00a0Maison Lila\u00a0»\u00a0: rien à terminer. Si un bad buzz commence, "
        "ouvrez-en une (écran Crise ou «\u00a0crisis start\u00a0»).")


def test_a_second_crisis_can_open_once_the_first_has_ended(lila):
    engine, brand_id, refs = lila
    with db.transaction(engine) as s:
        first = start_crisis(brand_id, 72, session=s, now=NOW).crisis_id
    with db.transaction(engine) as s:
        end_crisis(brand_id, session=s, now=NOW + timedelta(hours=2))
    with db.transaction(engine) as s:
        second = start_crisis(brand_id, 1, session=s, now=NOW + timedelta(hours=2))
    assert second.crisis_id != first and second.refs == []

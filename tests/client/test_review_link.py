"""The client's review link: it opens one sent calendar and nothing else, only while it is
valid, changes nothing when opened, and lands the client's answers like a Word answer."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import inspect, text
from sqlmodel import select

from core import db
from core.accounts import context
from core.accounts.permissions import Forbidden
from core.client import review_link
from core.client.docx_export import export_brand
from core.client.review_link import (ReviewError, accept_text_edits, create_link, links_of, open_link, reissue_link,
                                     revoke_link, submit_answers)
from core.models import Approval, Comment, ExportSnapshot, Post, ReviewLink, utcnow
from core.posts import save_post


def dump(engine) -> dict:
    """Every row of every table: what "changes nothing" is checked against."""
    with engine.connect() as conn:
        return {name: sorted(map(tuple, conn.execute(text(f'select * from "{name}"')).all()), key=repr)
                for name in inspect(engine).get_table_names() if name != "alembic_version"}


def make_link(engine, snapshot_id, **options):
    with db.transaction(engine) as s:
        return create_link(snapshot_id, session=s, created_by="Claire", **options)


def opened(engine, token, **options):
    with db.transaction(engine) as s:
        return open_link(token, session=s, **options)


def error_key(call) -> str:
    with pytest.raises(ReviewError) as caught:
        call()
    return caught.value.key


def test_a_new_link_gives_its_token_once_and_the_database_keeps_only_its_hash(sent):
    engine, snapshot_id, *_ = sent
    link = make_link(engine, snapshot_id)
    assert len(link.token) == 43  # 32 random bytes, URL-safe base64: 256 bits
    everything = repr(dump(engine))
    assert link.token not in everything
    assert review_link.token_hash(link.token) in everything


def test_a_link_lasts_fourteen_days_at_most_sixty_and_never_past_the_tacit_deadline(sent):
    engine, snapshot_id, brand_id, *_ = sent
    with db.transaction(engine) as s:
        s.exec(text("update brand set tacit_approval_days = null"))
    now = utcnow()
    with db.transaction(engine) as s:
        assert create_link(snapshot_id, session=s, now=now).expires_at == now + timedelta(days=14)
        assert create_link(snapshot_id, session=s, now=now, days=60).expires_at == now + timedelta(days=60)
        assert error_key(lambda: create_link(snapshot_id, session=s, days=61)) == "review.bad_days"
    with db.transaction(engine) as s:
        s.exec(text("update brand set tacit_approval_days = 5"))
    with db.transaction(engine) as s:
        snap = s.get(ExportSnapshot, snapshot_id)
        brand = s.get(review_link.Brand, brand_id)
        end = review_link.tacit_end(snap, brand)
        assert create_link(snapshot_id, session=s, now=now).expires_at == end
        assert end < now + timedelta(days=14)
        assert error_key(lambda: create_link(snapshot_id, session=s, now=end + timedelta(hours=1))) == \
            "review.deadline_passed"


def test_the_link_shows_only_its_calendar_as_the_word_document_does(sent):
    engine, snapshot_id, brand_id, refs, outside_ref, foreign_ref = sent
    view = opened(engine, make_link(engine, snapshot_id).token)
    assert view.brand == "Maison Lila"
    assert [p.ref for p in view.posts] == refs
    first = view.posts[0]
    assert (first.day, first.time, first.network, first.text, first.hashtags, first.visual) == (
        "mar. 2 mars", "12:30", "Instagram", "Nos robes d'été arrivent ☀️ « Lila » en lin lavé, cousues à Lyon.",
        "#MaisonLila", "Photo de la robe au bord de la Saône")
    shown = repr(view)
    for secret in ("Note interne", "71.5", "Paylane", outside_ref, foreign_ref, "a_valider"):
        assert secret not in shown
    assert [label for _, label in view.decisions] == ["Validé", "À modifier", "Refusé"]


def test_opening_the_link_changes_nothing_so_a_mail_scanner_approves_nothing(sent):
    engine, snapshot_id, *_ = sent
    link = make_link(engine, snapshot_id, pin="4821")
    before = dump(engine)
    for _ in range(3):
        opened(engine, link.token, pin="4821")
    with pytest.raises(ReviewError):
        opened(engine, link.token)  # a scanner has no PIN
    assert dump(engine) == before


@pytest.mark.parametrize("forge", [
    lambda token: token[:-1],  # truncated
    lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # one character changed
    lambda token: token + "A",
    lambda token: "",
    lambda token: "' or 1=1 --",
    lambda token: review_link.token_hash(token),  # the stored hash is no token
])
def test_a_forged_or_truncated_token_opens_nothing(sent, forge):
    engine, snapshot_id, *_ = sent
    link = make_link(engine, snapshot_id)
    assert error_key(lambda: opened(engine, forge(link.token))) == "review.link_invalid"


def test_a_revoked_expired_or_reissued_link_stops_working_and_the_new_one_keeps_the_answers(sent):
    engine, snapshot_id, brand_id, refs, *_ = sent
    first = make_link(engine, snapshot_id)
    with db.transaction(engine) as s:
        submit_answers(first.token, {"name": "Sophie Martin", "rows": {refs[0]: {"comment": "Très bien"}}}, session=s)
    with db.transaction(engine) as s:
        second = reissue_link(first.id, session=s)
    assert error_key(lambda: opened(engine, first.token)) == "review.link_revoked"
    assert opened(engine, second.token).answers["rows"][refs[0]]["comment"] == "Très bien"
    assert error_key(lambda: opened(engine, second.token, now=second.expires_at)) == "review.link_expired"
    with db.transaction(engine) as s:
        revoke_link(second.id, session=s)
    assert error_key(lambda: opened(engine, second.token)) == "review.link_revoked"
    with db.transaction(engine) as s:
        assert [(r.id, r.replaces_id, r.revoked_at is not None) for r in links_of(brand_id, session=s)] == [
            (second.id, first.id, True), (first.id, None, True)]


def test_a_pin_is_asked_five_wrong_ones_lock_the_link_and_the_pin_is_stored_hashed(sent):
    engine, snapshot_id, *_ = sent
    link = make_link(engine, snapshot_id, pin="4821")
    assert "4821" not in repr(dump(engine)).replace(link.token, "")
    assert error_key(lambda: opened(engine, link.token)) == "review.pin_required"
    for _ in range(4):
        assert error_key(lambda: opened(engine, link.token, pin="0000")) == "review.pin_wrong"
    assert opened(engine, link.token, pin="4821").posts
    assert error_key(lambda: opened(engine, link.token, pin="0000")) == "review.pin_wrong"
    assert error_key(lambda: opened(engine, link.token, pin="4821")) == "review.pin_locked"


def test_ten_unknown_tokens_from_one_address_block_that_address_for_a_while(sent):
    engine, snapshot_id, *_ = sent
    link = make_link(engine, snapshot_id)
    for i in range(10):
        assert error_key(lambda: opened(engine, f"{i:043d}", client="203.0.113.7")) == "review.link_invalid"
    assert error_key(lambda: opened(engine, link.token, client="203.0.113.7")) == "review.too_many"
    assert opened(engine, link.token, client="198.51.100.2").posts


def test_the_clients_answers_land_like_a_word_answer_signed_with_its_name_and_the_link(sent):
    engine, snapshot_id, brand_id, refs, *_ = sent
    link = make_link(engine, snapshot_id)
    answers = {"name": "Sophie Martin", "overall": "reserve", "rows": {
        refs[0]: {"decision": "valide"},
        refs[1]: {"decision": "a_modifier", "comment": "Mettre le lien vers le guide des tailles"},
        refs[2]: {"text": "5 idées de tenues pour un mariage champêtre en juin 💐"}}}
    with db.transaction(engine) as s:
        plan = submit_answers(link.token, answers, session=s)
    assert plan.totals() | {"source": plan.source} == {"rows": 3, "status_changes": 2, "comments": 1, "text_edits": 1,
                                                       "conflicts": 0, "unreadable": 0, "unknown": 0, "source": "link"}
    who = "Sophie Martin (lien n°\u00a01)"
    with db.transaction(engine) as s:
        posts = {p.ref: p for p in s.exec(select(Post).where(Post.ref.in_(refs)))}
        assert [posts[r].status for r in refs] == ["valide", "a_modifier", "a_valider"]
        assert posts[refs[2]].text == "5 idées de tenues pour un mariage champêtre 💐"  # the team decides
        assert [(a.status, a.source, a.decided_by, a.snapshot_id) for a in s.exec(select(Approval))] == [
            ("valide", "link", who, snapshot_id), ("a_modifier", "link", who, snapshot_id)]
        assert [(c.author, c.body, c.source) for c in s.exec(select(Comment))] == [
            (who, "Mettre le lien vers le guide des tailles", "link")]
        assert posts[refs[0]].updated_by == f"{who} (docx {s.get(ExportSnapshot, snapshot_id).token[:12]})"
    with db.transaction(engine) as s:
        plan = accept_text_edits(link.id, [refs[2]], session=s)
        assert s.exec(select(Post.text).where(Post.ref == refs[2])).one() == \
            "5 idées de tenues pour un mariage champêtre en juin 💐"
    view = opened(engine, link.token)
    assert (view.answers["name"], view.answers["overall"], view.answers["rows"][refs[1]]["decision"]) == (
        "Sophie Martin", "reserve", "a_modifier")


def test_the_client_comes_back_and_changes_a_decision_unless_the_team_changed_the_post(sent):
    engine, snapshot_id, brand_id, refs, *_ = sent
    link = make_link(engine, snapshot_id)
    with db.transaction(engine) as s:
        submit_answers(link.token, {"name": "Sophie Martin", "rows": {refs[0]: {"decision": "valide"},
                                                                      refs[1]: {"decision": "valide"}}}, session=s)
    with db.transaction(engine) as s:
        post = s.exec(select(Post).where(Post.ref == refs[1])).one()
        save_post(post.id, post.version, {"text": "Hélène nous a demandé quelle taille choisir."}, session=s,
                  saved_by="Karim")
    with db.transaction(engine) as s:
        plan = submit_answers(link.token, {"name": "Sophie Martin", "rows": {
            refs[0]: {"decision": "refuse"}, refs[1]: {"decision": "refuse", "comment": "Finalement non"}}}, session=s)
    assert [(r.ref, r.new_status, bool(r.conflict), len(r.comments)) for r in plan.rows[:2]] == [
        (refs[0], "refuse", False, 0), (refs[1], None, True, 1)]
    assert [p.changed for p in opened(engine, link.token).posts] == [False, True, False]


def test_a_comment_link_comments_but_does_not_decide_and_a_read_link_answers_nothing(sent):
    engine, snapshot_id, brand_id, refs, *_ = sent
    comment = make_link(engine, snapshot_id, capability="comment")
    read = make_link(engine, snapshot_id, capability="read")
    answers = {"name": "Sophie Martin", "rows": {refs[0]: {"decision": "valide", "comment": "Parfait"}}}
    with db.transaction(engine) as s:
        plan = submit_answers(comment.token, answers, session=s)
    assert (plan.totals()["status_changes"], plan.totals()["comments"]) == (0, 1)
    before = dump(engine)
    with db.transaction(engine) as s:
        assert error_key(lambda: submit_answers(read.token, answers, session=s)) == "review.read_only"
    assert dump(engine) == before


def test_an_answer_about_another_calendar_or_with_a_made_up_decision_changes_nothing(sent):
    engine, snapshot_id, brand_id, refs, outside_ref, foreign_ref = sent
    link = make_link(engine, snapshot_id)
    before = dump(engine)
    with db.transaction(engine) as s:
        submit_answers(link.token, {"name": "Sophie Martin", "rows": {outside_ref: {"decision": "valide"},
                                                                      foreign_ref: {"decision": "valide"}}}, session=s)
    after = dump(engine)
    assert after["post"] == before["post"] and after["approval"] == before["approval"] == []
    with db.transaction(engine) as s:
        assert error_key(lambda: submit_answers(link.token, {"name": "Sophie", "rows": {refs[0]: {
            "decision": "programme"}}}, session=s)) == "review.bad_decision"
        assert error_key(lambda: submit_answers(link.token, {"name": " ", "rows": {}}, session=s)) == \
            "review.name_required"


def test_the_client_actor_reads_and_writes_nothing_outside_its_calendar(sent):
    engine, snapshot_id, brand_id, refs, outside_ref, foreign_ref = sent
    link = make_link(engine, snapshot_id)
    with db.transaction(engine) as s:  # the same brand's April calendar, sent too
        april = export_brand(brand_id, date(2027, 4, 1), date(2027, 4, 30), session=s).snapshot_id
        other_link = create_link(april, session=s)
    assert [p.ref for p in opened(engine, other_link.token).posts] == [outside_ref]
    assert outside_ref not in repr(opened(engine, link.token))
    with db.transaction(engine) as s:
        row = s.get(ReviewLink, link.id)
        snap = s.get(ExportSnapshot, snapshot_id)
        other_ids = {r: s.exec(select(Post.id).where(Post.ref == r)).one() for r in (outside_ref, foreign_ref)}
        actor = review_link.client_actor(row, snap, "Sophie Martin")
    with context.acting_as(actor), db.transaction(engine) as s:
        assert sorted(s.exec(select(Post.ref)).all()) == sorted(refs)
        assert s.get(Post, other_ids[foreign_ref]) is None
        assert s.exec(select(ReviewLink.id)).all() == [link.id]
        assert s.get(ExportSnapshot, april) is None and s.get(ExportSnapshot, snapshot_id) is not None
        assert [b.name for b in s.exec(select(review_link.Brand))] == ["Maison Lila"]
    for ref in (outside_ref, foreign_ref):
        with pytest.raises(Forbidden), context.acting_as(actor), db.transaction(engine) as s:
            save_post(other_ids[ref], 1, {"status": "valide"}, session=s)
    with pytest.raises(Forbidden), context.acting_as(actor), db.transaction(engine) as s:
        post = s.exec(select(Post).where(Post.ref == refs[0])).one()
        save_post(post.id, post.version, {"internal_notes": "je lis tout"}, session=s)
    with pytest.raises(Forbidden), context.acting_as(actor), db.transaction(engine) as s:
        s.add(Comment(post_id=other_ids[outside_ref], author="x", body="y", source="link"))
    with pytest.raises(Forbidden), context.acting_as(actor), db.transaction(engine) as s:
        create_link(snapshot_id, session=s)
    with pytest.raises(Forbidden), context.acting_as(actor), db.transaction(engine) as s:
        s.exec(text("update post set status = 'valide'"))


def test_another_workspace_cannot_create_list_or_revoke_the_links_of_a_brand_it_does_not_see(sent):
    engine, snapshot_id, brand_id, refs, *_ = sent
    from core.accounts.users import actor_of, create_user
    from core.models import Membership, User, Workspace

    link = make_link(engine, snapshot_id)
    with db.transaction(engine) as s:
        claire = actor_of(create_user("Claire", "une phrase secrète", "owner", session=s, workspace="Agence Lumen"))
    with context.system(), db.transaction(engine) as s:
        nord = Workspace(name="Studio Nord")
        s.add(nord)
        s.flush()
        ines = User(name="ines", display_name="Inès", password_hash="x")
        s.add(ines)
        s.flush()
        s.add(Membership(user_id=ines.id, workspace_id=nord.id, role="owner"))
        ines_actor = context.Actor(ines.id, "Inès")
    with context.acting_as(ines_actor), db.transaction(engine) as s:
        assert error_key(lambda: create_link(snapshot_id, session=s)) == "review.unknown_snapshot"
        assert links_of(brand_id, session=s) == []
        assert error_key(lambda: revoke_link(link.id, session=s)) == "review.unknown_link"
    with context.acting_as(claire), db.transaction(engine) as s:
        assert [r.id for r in links_of(brand_id, session=s)] == [link.id]

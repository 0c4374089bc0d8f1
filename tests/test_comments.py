"""The client's answer where the CM works: comments marked done, the "to fix" queue, and
the calendar's drag and drop saved with the optimistic lock (core.posts)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from core import db
from core.i18n import t
from core.models import Approval, Comment, Post
from core.posts import (ConflictError, PostError, comments_of, create_post, decisions_of, mark_comment_done,
                        reschedule, save_post, to_fix)

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def sent_back(engine, demo_brand):
    """Three posts: two sent back by the client (in March, then in February), one approved."""
    with db.transaction(engine) as s:
        ids = []
        for day, status in ((2, "a_modifier"), (9, "a_modifier"), (16, "valide")):
            post = create_post(demo_brand, session=s, publish_at=datetime(2027, 3, day, 12, 30, tzinfo=PARIS),
                               network="instagram", text=f"Robe Capucine, épisode {day}", status=status)
            ids.append(post.id)
        asked = [datetime(2027, 3, 1, 9, 0, tzinfo=timezone.utc), datetime(2027, 2, 20, 9, 0, tzinfo=timezone.utc)]
        for post_id, when in zip(ids, asked):
            s.add(Approval(post_id=post_id, old_status="a_valider", status="a_modifier", source="docx",
                           decided_by="Hélène Martin", decided_at=when))
        s.add(Approval(post_id=ids[2], old_status="a_valider", status="valide", source="docx",
                       decided_by="Hélène Martin"))
        s.add(Comment(post_id=ids[0], author="Hélène Martin", body="Plutôt « dès samedi » que « bientôt » 🙏",
                      source="docx"))
    return demo_brand, ids


def test_the_to_fix_queue_lists_the_posts_sent_back_oldest_request_first(engine, sent_back):
    brand, ids = sent_back
    with db.transaction(engine) as s:
        queue = [(p.id, asked.date().isoformat()) for p, asked in to_fix(brand, session=s)]
    assert queue == [(ids[1], "2027-02-20"), (ids[0], "2027-03-01")]


def test_a_post_set_to_change_by_hand_comes_last_in_the_queue(engine, sent_back):
    brand, ids = sent_back
    with db.transaction(engine) as s:
        post = create_post(brand, session=s, publish_at=datetime(2027, 3, 1, 8, 0, tzinfo=PARIS),
                           network="facebook", text="Changé à la main", status="a_modifier")
        queue = [(p.id, asked) for p, asked in to_fix(brand, session=s)]
    assert [q[0] for q in queue] == [ids[1], ids[0], post.id]
    assert queue[-1][1] is None


def test_marking_a_comment_done_records_who_and_when_and_reopening_clears_it(engine, sent_back):
    _, ids = sent_back
    with db.transaction(engine) as s:
        comment = comments_of(ids[0], session=s)[0]
        done = mark_comment_done(comment.id, session=s, done_by="Léa")
        first = done.done_at
        again = mark_comment_done(comment.id, session=s, done_by="Marc")
        assert (again.done_by, again.done_at) == ("Léa", first)
    with db.transaction(engine) as s:
        stored = comments_of(ids[0], session=s)[0]
        assert (stored.body, stored.done_by) == ("Plutôt « dès samedi » que « bientôt » 🙏", "Léa")
        assert datetime.now(timezone.utc) - stored.done_at.replace(tzinfo=timezone.utc) < timedelta(minutes=1)
        reopened = mark_comment_done(stored.id, session=s, done=False)
        assert (reopened.done_at, reopened.done_by) == (None, "")


def test_marking_a_comment_that_does_not_exist_says_so_in_both_languages(engine, sent_back):
    with db.transaction(engine) as s, pytest.raises(PostError) as caught:
        mark_comment_done(987654, session=s, done_by="Léa")
    assert caught.value.message("fr") == t("posts.comment_not_found", "fr", comment=987654)
    assert "987654" in caught.value.message("en")


def test_the_decisions_of_a_post_read_oldest_first_with_their_author(engine, sent_back):
    _, ids = sent_back
    with db.transaction(engine) as s:
        assert [(a.status, a.decided_by, a.source) for a in decisions_of(ids[0], session=s)] == [
            ("a_modifier", "Hélène Martin", "docx")]


def test_rescheduling_moves_the_post_and_keeps_its_reference(engine, sent_back):
    _, ids = sent_back
    with db.transaction(engine) as s:
        post = s.get(Post, ids[2])
        ref, version = post.ref, post.version
        moved = reschedule(post.id, version, datetime(2027, 4, 2, 18, 0, tzinfo=PARIS), session=s, saved_by="Léa")
        assert (moved.ref, moved.version, moved.updated_by) == (ref, version + 1, "Léa")
    with db.transaction(engine) as s:
        stored = s.get(Post, ids[2])
        assert stored.publish_at.astimezone(PARIS) == datetime(2027, 4, 2, 18, 0, tzinfo=PARIS)


def test_rescheduling_a_post_someone_saved_meanwhile_is_refused_and_moves_nothing(engine, sent_back):
    _, ids = sent_back
    with db.transaction(engine) as s:
        seen = s.get(Post, ids[2]).version
        save_post(ids[2], seen, {"text": "Relu par Marc"}, session=s, saved_by="Marc")
    with db.transaction(engine) as s, pytest.raises(ConflictError) as caught:
        reschedule(ids[2], seen, datetime(2027, 4, 2, 18, 0, tzinfo=PARIS), session=s, saved_by="Léa")
    assert caught.value.theirs["updated_by"] == "Marc"
    with db.transaction(engine) as s:
        assert s.get(Post, ids[2]).publish_at.astimezone(PARIS).day == 16


def _idea(engine, brand, network="instagram"):
    with db.transaction(engine) as s:
        idea = create_post(brand, session=s, publish_at=None, network=network, status="idee",
                           text="Les coulisses de l’atelier de Lyon")
        return idea.id, idea.version


def test_an_idea_dropped_on_a_day_becomes_a_draft_at_the_networks_first_free_posting_hour(engine, demo_brand):
    from core.posts import schedule_idea

    with db.transaction(engine) as s:  # Instagram already posts at 12:30 that day (data/posting_times.toml)
        create_post(demo_brand, session=s, publish_at=datetime(2027, 3, 10, 12, 30, tzinfo=PARIS),
                    network="instagram", text="Robe Capucine", status="brouillon")
    idea_id, version = _idea(engine, demo_brand)
    with db.transaction(engine) as s:
        placed = schedule_idea(idea_id, version, datetime(2027, 3, 10).date(), tz=PARIS, session=s, saved_by="Léa")
        got = (placed.publish_at.astimezone(PARIS).isoformat(), placed.status, placed.version, placed.updated_by)
    assert got == ("2027-03-10T18:30:00+01:00", "brouillon", version + 1, "Léa")


def test_an_idea_on_a_network_without_posting_hours_lands_at_half_past_twelve(engine, demo_brand):
    from core.posts import idea_time

    assert (idea_time("instagram", {"12:30", "18:30"}), idea_time("sms"), idea_time("instagram",
            {"12:30", "18:30", "20:30"})) == ("20:30", "12:30", "12:30")


def test_dropping_an_idea_a_colleague_changed_meanwhile_is_refused_and_places_nothing(engine, demo_brand):
    from core.posts import schedule_idea

    idea_id, version = _idea(engine, demo_brand)
    with db.transaction(engine) as s:
        save_post(idea_id, version, {"text": "Les coulisses, relues par Marc"}, session=s, saved_by="Marc")
    with pytest.raises(ConflictError) as refused:
        with db.transaction(engine) as s:
            schedule_idea(idea_id, version, datetime(2027, 3, 10).date(), tz=PARIS, session=s, saved_by="Léa")
    assert (refused.value.theirs["updated_by"], refused.value.theirs["version"]) == ("Marc", version + 1)
    with db.transaction(engine) as s:
        after = s.get(Post, idea_id)
        assert (after.publish_at, after.status, after.version) == (None, "idee", version + 1)


def test_an_idea_someone_already_placed_cannot_be_dropped_again(engine, demo_brand):
    from core.posts import schedule_idea

    idea_id, version = _idea(engine, demo_brand)
    with db.transaction(engine) as s:
        schedule_idea(idea_id, version, datetime(2027, 3, 10).date(), tz=PARIS, session=s, saved_by="Marc")
    with pytest.raises(ConflictError):
        with db.transaction(engine) as s:
            schedule_idea(idea_id, version + 1, datetime(2027, 3, 12).date(), tz=PARIS, session=s, saved_by="Léa")
    with db.transaction(engine) as s:
        assert s.get(Post, idea_id).publish_at.astimezone(PARIS).date().isoformat() == "2027-03-10"


def test_answering_a_comment_records_the_text_who_and_when_under_that_comment(engine, sent_back):
    from core.posts import answer_comment, answers_of

    _, ids = sent_back
    with db.transaction(engine) as s:
        comment = comments_of(ids[0], session=s)[0]
        answer_comment(comment.id, "  C’est corrigé : « dès samedi », photo en lin naturel.  ", session=s,
                       author="Léa Dubois")
        answer_comment(comment.id, "La photo part au studio demain.", session=s, author="Marc")
        answers = [(a.comment_id, a.post_id, a.author, a.body, a.created_at is not None)
                   for a in answers_of(ids[0], session=s)[comment.id]]
        still_open = s.get(Comment, comment.id).done_at is None
    assert answers == [(comment.id, ids[0], "Léa Dubois", "C’est corrigé : « dès samedi », photo en lin naturel.", True),
                       (comment.id, ids[0], "Marc", "La photo part au studio demain.", True)]
    assert still_open


def test_answering_and_marking_done_settles_the_comment_in_the_same_save(engine, sent_back):
    from core.posts import answer_comment

    _, ids = sent_back
    with db.transaction(engine) as s:
        comment = comments_of(ids[0], session=s)[0]
        answer_comment(comment.id, "Corrigé.", session=s, author="Léa Dubois", done=True)
        settled = s.get(Comment, comment.id)
        assert (settled.done_by, settled.done_at is not None) == ("Léa Dubois", True)


def test_an_empty_answer_or_a_comment_gone_is_refused_with_a_message(engine, sent_back):
    from core.models import CommentAnswer
    from core.posts import answer_comment
    from sqlmodel import select

    _, ids = sent_back
    with db.transaction(engine) as s:
        comment_id = comments_of(ids[0], session=s)[0].id
    with pytest.raises(PostError) as empty:
        with db.transaction(engine) as s:
            answer_comment(comment_id, "  \n ", session=s, author="Léa")
    with pytest.raises(PostError) as gone:
        with db.transaction(engine) as s:
            answer_comment(999_999, "Corrigé.", session=s, author="Léa")
    assert (t(empty.value.key, "fr"), gone.value.key) == (
        "La réponse est vide : écrivez-la sous le commentaire, puis cliquez «\u00a0Répondre\u00a0».",
        "posts.comment_not_found")
    with db.transaction(engine) as s:
        assert s.exec(select(CommentAnswer)).all() == []


def test_a_deleted_comment_takes_its_answers_with_it(engine, sent_back):
    from sqlalchemy import delete
    from sqlmodel import select

    from core.models import CommentAnswer
    from core.posts import answer_comment

    _, ids = sent_back
    with db.transaction(engine) as s:
        comment_id = comments_of(ids[0], session=s)[0].id
        answer_comment(comment_id, "Corrigé.", session=s, author="Léa")
    with db.transaction(engine) as s:
        s.execute(delete(Comment).where(Comment.id == comment_id))
    with db.transaction(engine) as s:
        assert s.exec(select(CommentAnswer)).all() == []

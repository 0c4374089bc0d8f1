from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from core import db
from core.models import Post
from core.posts import ConflictError, create_post, delete_post, history, posts_between, restore_post, save_post

PARIS = ZoneInfo("Europe/Paris")


def test_a_save_over_a_newer_version_is_refused_and_keeps_both_texts(engine, demo_brand):
    when = datetime(2027, 3, 9, 12, 30, tzinfo=PARIS)
    with db.transaction(engine) as s:
        post = create_post(demo_brand, session=s, publish_at=when, network="instagram",
                           text="Nos robes d'été arrivent !")
        post_id, ref = post.id, post.ref
    assert ref == "CAL-2027-03-001"
    with db.transaction(engine) as s:
        save_post(post_id, 1, {"text": "Version de Léa"}, session=s, saved_by="léa")
    with pytest.raises(ConflictError) as caught:
        with db.transaction(engine) as s:
            save_post(post_id, 1, {"text": "Version de Hugo"}, session=s, saved_by="hugo")
    assert caught.value.theirs["text"] == "Version de Léa"
    assert caught.value.mine == {"text": "Version de Hugo"}
    with db.transaction(engine) as s:
        versions = [(v.version, v.text, v.saved_by) for v in history(post_id, session=s)]
    assert versions == [(2, "Version de Léa", "léa"), (1, "Nos robes d'été arrivent !", "")]


def test_publish_time_keeps_its_instant_across_the_database(engine, demo_brand):
    when = datetime(2027, 3, 28, 9, 0, tzinfo=PARIS)  # the morning clocks go forward
    with db.transaction(engine) as s:
        post_id = create_post(demo_brand, session=s, publish_at=when, network="facebook").id
    with db.transaction(engine) as s:
        from core.models import Post

        stored = s.get(Post, post_id).publish_at
    assert stored.astimezone(PARIS) == when


def _post_with_a_past(engine, brand_id):
    """A March post saved twice, approved by the client and commented: what a delete must not lose."""
    from core.models import Approval, Comment

    with db.transaction(engine) as s:
        post = create_post(brand_id, session=s, publish_at=datetime(2027, 3, 9, 12, 30, tzinfo=PARIS),
                           network="instagram", text="Nos robes d'été arrivent !", saved_by="Camille")
        post_id = post.id
    with db.transaction(engine) as s:
        save_post(post_id, 1, {"text": "Nos robes d'été en lin arrivent !"}, session=s, saved_by="Léa")
        save_post(post_id, 2, {"status": "valide"}, session=s, saved_by="Léa")
        s.add(Approval(post_id=post_id, old_status="a_valider", status="valide", source="docx",
                       decided_by="Hélène Martin"))
        s.add(Comment(post_id=post_id, author="Hélène Martin", body="Parfait, on garde le lin.", source="docx"))
    return post_id


def _everything(s, post_id):
    from core.models import Approval, Comment

    post = s.exec(select(Post).where(Post.id == post_id).execution_options(include_deleted=True)).one()
    return {
        "post": post.model_dump(exclude={"deleted_at"}),
        "history": [(v.version, v.text, v.saved_by) for v in history(post_id, session=s)],
        "approvals": [(a.old_status, a.status, a.source, a.decided_by)
                      for a in s.exec(select(Approval).where(Approval.post_id == post_id))],
        "comments": [(c.author, c.body, c.source) for c in s.exec(select(Comment).where(Comment.post_id == post_id))],
    }


def test_undoing_a_delete_gives_the_post_back_with_its_version_history_approvals_and_comments(engine, demo_brand):
    post_id = _post_with_a_past(engine, demo_brand)
    with db.transaction(engine) as s:
        before = _everything(s, post_id)
    with db.transaction(engine) as s:
        assert delete_post(post_id, session=s) is True
    with db.transaction(engine) as s:
        assert s.get(Post, post_id) is None
        assert posts_between(demo_brand, None, None, session=s) == []
        assert delete_post(post_id, session=s) is False
    with db.transaction(engine) as s:
        restored = restore_post(post_id, session=s)
        assert (restored.ref, restored.version, restored.text, restored.status, restored.deleted_at) == (
            "CAL-2027-03-001", 3, "Nos robes d'été en lin arrivent !", "valide", None)
    with db.transaction(engine) as s:
        after = _everything(s, post_id)
        assert restore_post(post_id, session=s) is None
    assert after == before
    assert (after["history"], after["approvals"], after["comments"]) == (
        [(2, "Nos robes d'été en lin arrivent !", "Léa"), (1, "Nos robes d'été arrivent !", "Camille")],
        [("a_valider", "valide", "docx", "Hélène Martin")],
        [("Hélène Martin", "Parfait, on garde le lin.", "docx")])


def test_a_deleted_post_cannot_be_saved_over(engine, demo_brand):
    post_id = _post_with_a_past(engine, demo_brand)
    with db.transaction(engine) as s:
        delete_post(post_id, session=s)
    with pytest.raises(ConflictError) as caught:
        with db.transaction(engine) as s:
            save_post(post_id, 3, {"text": "Texte tapé pendant la suppression"}, session=s)
    assert (caught.value.theirs, caught.value.mine) == (None, {"text": "Texte tapé pendant la suppression"})


def test_a_deleted_posts_reference_is_never_given_again_by_hand_or_by_the_planner(engine, demo_brand):
    from datetime import date

    from core.planning.planner import plan_brand

    post_id = _post_with_a_past(engine, demo_brand)
    with db.transaction(engine) as s:
        delete_post(post_id, session=s)
    with db.transaction(engine) as s:
        added = create_post(demo_brand, session=s, publish_at=datetime(2027, 3, 10, 18, 0, tzinfo=PARIS),
                            network="facebook", text="Atelier couture samedi.", locked=True).ref
    assert added == "CAL-2027-03-002"
    with db.transaction(engine) as s:
        planned = plan_brand(demo_brand, date(2027, 3, 1), 1, session=s, seed=1, score=False).posts
    # 59 slots, one of them the hand-added post (locked, so kept); none takes the deleted post's reference
    assert sorted(p["ref"] for p in planned) == [f"CAL-2027-03-{n:03d}" for n in range(2, 61)]
    with db.transaction(engine) as s:
        assert restore_post(post_id, session=s).ref == "CAL-2027-03-001"


def test_the_client_calendar_and_its_exports_leave_deleted_posts_out(engine, demo_brand):
    from datetime import date

    from core.client.calendar import collect
    from core.client.exports import to_csv

    post_id = _post_with_a_past(engine, demo_brand)
    with db.transaction(engine) as s:
        kept = create_post(demo_brand, session=s, publish_at=datetime(2027, 3, 10, 18, 0, tzinfo=PARIS),
                           network="facebook", text="Atelier couture samedi.").ref
        delete_post(post_id, session=s)
    with db.transaction(engine) as s:
        calendar = collect(demo_brand, date(2027, 3, 1), date(2027, 3, 31), session=s)
    assert [p["ref"] for p in calendar.posts] == [kept]
    assert "CAL-2027-03-001" not in to_csv(calendar).decode("utf-8")

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from core import db
from core.posts import ConflictError, create_post, history, save_post

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

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from core import db
from core.models import Post
from core.posts import (ConflictError, PostError, create_post, delete_post, history, posts_between, restore_post,
                        restore_version, save_post)

PARIS = ZoneInfo("Europe/Paris")


def test_a_save_over_a_newer_version_is_refused_and_keeps_both_texts(engine, demo_brand):
    when = datetime(2027, 3, 9, 12, 30, tzinfo=PARIS)
    with db.transaction(engine) as s:
        post = create_post(demo_brand, session=s, publish_at=when, network="instagram",
                           text="Nos robes d'été arrivent !")
        post_id, ref = post.id, post.ref
    assert ref == "LILA-2027-03-001"
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


def test_an_older_version_comes_back_as_the_newest_and_the_history_keeps_every_one(engine, demo_brand):
    when = datetime(2027, 3, 9, 12, 30, tzinfo=PARIS)
    with db.transaction(engine) as s:
        post_id = create_post(demo_brand, session=s, publish_at=when, network="instagram",
                              text="Nos robes d'été arrivent !", hashtags=["#MaisonLila"]).id
    with db.transaction(engine) as s:
        save_post(post_id, 1, {"text": "Version de Léa", "hashtags": []}, session=s, saved_by="léa")
    with db.transaction(engine) as s:
        post = restore_version(post_id, 1, 2, session=s, saved_by="hugo")
        assert (post.text, post.hashtags, post.version) == ("Nos robes d'été arrivent !", ["#MaisonLila"], 3)
    with db.transaction(engine) as s:
        assert [(v.version, v.text, v.saved_by) for v in history(post_id, session=s)] == [
            (3, "Nos robes d'été arrivent !", "hugo"), (2, "Version de Léa", "léa"), (1, "Nos robes d'été arrivent !", "")]
    with pytest.raises(ConflictError), db.transaction(engine) as s:  # a colleague saved since version 2
        restore_version(post_id, 2, 2, session=s, saved_by="léa")
    with pytest.raises(PostError) as err, db.transaction(engine) as s:
        restore_version(post_id, 9, 3, session=s)
    assert err.value.message("fr") == ("Ce post n’a pas de version 9\u00a0: choisissez une version de son historique"
                                       "\u00a0; rien n’a été modifié.")


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
        "history": [(v.version, v.text, v.status, v.saved_by) for v in history(post_id, session=s)],
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
            "LILA-2027-03-001", 3, "Nos robes d'été en lin arrivent !", "valide", None)
    with db.transaction(engine) as s:
        after = _everything(s, post_id)
        assert restore_post(post_id, session=s) is None
    assert after == before
    assert (after["history"], after["approvals"], after["comments"]) == (
        [(3, "Nos robes d'été en lin arrivent !", "valide", "Léa"),
         (2, "Nos robes d'été en lin arrivent !", "brouillon", "Léa"),
         (1, "Nos robes d'été arrivent !", "brouillon", "Camille")],
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
    assert added == "LILA-2027-03-002"
    with db.transaction(engine) as s:
        planned = plan_brand(demo_brand, date(2027, 3, 1), 1, session=s, seed=1, score=False).posts
    # 59 slots, one of them the hand-added post (locked, so kept); none takes the deleted post's reference
    assert sorted(p["ref"] for p in planned) == [f"LILA-2027-03-{n:03d}" for n in range(2, 61)]
    with db.transaction(engine) as s:
        assert restore_post(post_id, session=s).ref == "LILA-2027-03-001"


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
    assert "LILA-2027-03-001" not in to_csv(calendar).decode("utf-8")


# --- references, ids and history under concurrency (issue 10) ------------------------------

def _create_at_once(engine, brand_id: int, workers: int) -> tuple[list[str], list[str]]:
    """``workers`` editors pressing « Nouvelle publication » at the same instant, one thread each."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    barrier = threading.Barrier(workers)

    def one(i: int) -> str:
        barrier.wait()
        with db.transaction(engine) as s:
            return create_post(brand_id, session=s, publish_at=datetime(2027, 3, 9, 12, 30, tzinfo=PARIS),
                               network="instagram", text=f"Atelier couture n° {i} samedi.", saved_by=f"CM {i}").ref

    with ThreadPoolExecutor(workers) as pool:
        futures = [pool.submit(one, i) for i in range(workers)]
    refs, errors = [], []
    for future in futures:
        try:
            refs.append(future.result())
        except Exception as exc:  # every failure counts, whatever its kind
            errors.append(f"{exc.__class__.__name__}: {exc}")
    return refs, errors


def test_fifty_editors_creating_posts_at_once_get_fifty_distinct_references(engine, demo_brand):
    refs, errors = _create_at_once(engine, demo_brand, 50)
    assert (errors, sorted(refs)) == ([], [f"LILA-2027-03-{n:03d}" for n in range(1, 51)])


def _create_in_a_process(url: str, brand_id: int, i: int, barrier, results) -> None:
    engine = db.make_engine(url)
    barrier.wait()
    try:  # 50 processes on a shared machine can keep one from the lock past SQLite's timeout: retried
        ref = db.retrying(lambda s: create_post(brand_id, session=s, publish_at=None, network="instagram",
                                                text=f"Idée n° {i} : les coulisses de l'atelier.",
                                                status="idee").ref, engine)
        results.put(("ok", ref))
    except Exception as exc:  # reported to the test, whatever its kind
        results.put(("error", f"{exc.__class__.__name__}: {exc}"))
    finally:
        engine.dispose()


def test_fifty_processes_creating_ideas_at_once_on_sqlite_get_fifty_distinct_references(sqlite_engine):
    import multiprocessing

    from core import demo
    from core.models import Brand

    demo.load_demo(sqlite_engine)
    with db.transaction(sqlite_engine) as s:
        brand_id = s.exec(select(Brand.id)).one()
    ctx = multiprocessing.get_context("fork")
    barrier, results = ctx.Barrier(50), ctx.Queue()
    url = sqlite_engine.url.render_as_string()
    workers = [ctx.Process(target=_create_in_a_process, args=(url, brand_id, i, barrier, results)) for i in range(50)]
    for w in workers:
        w.start()
    outcomes = [results.get(timeout=120) for _ in workers]
    for w in workers:
        w.join(timeout=60)
    assert sorted(outcomes) == [("ok", f"LILA-IDEE-{n:04d}") for n in range(1, 51)]


def test_a_reference_given_by_hand_is_never_allocated_afterwards(engine, demo_brand):
    with db.transaction(engine) as s:
        create_post(demo_brand, session=s, ref="LILA-2027-03-007", network="instagram",
                    publish_at=datetime(2027, 3, 9, 12, 30, tzinfo=PARIS), text="Reprise d'un ancien calendrier.")
    refs, errors = _create_at_once(engine, demo_brand, 3)
    assert (errors, sorted(refs)) == ([], ["LILA-2027-03-008", "LILA-2027-03-009", "LILA-2027-03-010"])


def test_a_stale_save_for_a_draft_a_replan_removed_never_lands_on_the_post_that_took_its_place(engine, demo_brand):
    from datetime import date

    from core.planning.planner import plan_brand

    with db.transaction(engine) as s:
        plan_brand(demo_brand, date(2027, 3, 1), 1, session=s, seed=1, score=False)
    with db.transaction(engine) as s:
        opened = posts_between(demo_brand, None, None, session=s)[4]  # Hugo opens it in the editor
        stale = (opened.id, opened.version, opened.ref)
    with db.transaction(engine) as s:  # meanwhile Léa plans March again
        plan_brand(demo_brand, date(2027, 3, 1), 1, session=s, seed=2, score=False)
    with db.transaction(engine) as s:
        before = {p.id: (p.ref, p.version, p.text) for p in posts_between(demo_brand, None, None, session=s)}
    with pytest.raises(ConflictError) as caught:
        with db.transaction(engine) as s:
            save_post(stale[0], stale[1], {"text": "Texte de Hugo pour un brouillon remplacé."}, session=s,
                      saved_by="Hugo")
    assert caught.value.theirs is None
    with db.transaction(engine) as s:
        after = {p.id: (p.ref, p.version, p.text) for p in posts_between(demo_brand, None, None, session=s)}
    assert after == before and stale[0] not in after and len(after) == 59


def test_a_colleagues_validation_overwritten_from_the_list_stays_in_the_history_with_who_and_when(engine,
                                                                                                  demo_brand):
    with db.transaction(engine) as s:
        post_id = create_post(demo_brand, session=s, publish_at=datetime(2027, 3, 9, 12, 30, tzinfo=PARIS),
                              network="instagram", text="Nos robes d'été arrivent !", saved_by="Camille").id
    with db.transaction(engine) as s:
        save_post(post_id, 1, {"status": "valide"}, session=s, saved_by="Léa")
    with db.transaction(engine) as s:
        save_post(post_id, 2, {"status": "a_modifier", "internal_notes": "Le client hésite."}, session=s,
                  saved_by="Hugo")
    with db.transaction(engine) as s:
        versions = history(post_id, session=s)
    assert [(v.version, v.status, v.text, v.saved_by) for v in versions] == [
        (3, "a_modifier", "Nos robes d'été arrivent !", "Hugo"),
        (2, "valide", "Nos robes d'été arrivent !", "Léa"),
        (1, "brouillon", "Nos robes d'été arrivent !", "Camille")]
    assert versions[0].saved_at >= versions[1].saved_at >= versions[2].saved_at
    assert all(v.saved_at.utcoffset() is not None for v in versions)


def test_a_post_is_found_by_the_reference_it_had_before_its_brand_changed_code(engine, demo_brand):
    from datetime import timezone

    from core.brands import set_code
    from core.posts import current_refs, find_post

    with db.transaction(engine) as s:
        ref = create_post(demo_brand, session=s, publish_at=datetime(2027, 3, 9, 11, 30, tzinfo=timezone.utc),
                          network="instagram", text="Nos robes d'été arrivent !").ref
        set_code(demo_brand, "ROBE", session=s)
    with db.transaction(engine) as s:
        found = find_post(ref, session=s)
        assert (ref, found.ref, found.text) == ("LILA-2027-03-001", "ROBE-2027-03-001", "Nos robes d'été arrivent !")
        assert current_refs([ref, "LILA-2027-03-002"], session=s) == {"LILA-2027-03-001": "ROBE-2027-03-001"}
        assert create_post(demo_brand, session=s, publish_at=datetime(2027, 3, 10, 11, 30, tzinfo=timezone.utc),
                           network="instagram", text="Atelier couture samedi.").ref == "ROBE-2027-03-002"

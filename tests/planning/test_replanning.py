"""Re-planning a brand in the database: what it never deletes, and plans made at the same time.

Each race is made deterministic: the other editor acts from inside the planner (its
progress callback, or the plan computation itself), between the planner's read and its write.
"""

from collections import Counter
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from core import db
from core.models import Post
from core.planning import planner
from core.planning.planner import generate_plan, plan_brand
from core.posts import posts_between, save_post

MARCH = date(2027, 3, 1)
PARIS = ZoneInfo("Europe/Paris")


def _march(engine, brand_id):
    with db.transaction(engine) as s:
        return posts_between(brand_id, None, None, session=s)


def test_a_human_edit_accepted_while_the_planner_works_is_kept_with_a_warning(engine, demo_brand, monkeypatch):
    with db.transaction(engine) as s:
        plan_brand(demo_brand, MARCH, 1, session=s, seed=1, score=False)
    first = _march(engine, demo_brand)
    target = first[6]
    compute = planner.plan_brief

    def camille_saves_meanwhile(*args, **kwargs):
        result = compute(*args, **kwargs)
        with db.transaction(engine) as other:
            save_post(target.id, target.version, {"text": "Texte réécrit par Camille pendant la génération."},
                      session=other, saved_by="Camille")
        return result

    monkeypatch.setattr(planner, "plan_brief", camille_saves_meanwhile)
    with db.transaction(engine) as s:
        result = plan_brand(demo_brand, MARCH, 1, session=s, seed=2, score=False, options={"ui_lang": "en"})
    posts = _march(engine, demo_brand)
    kept = [p for p in posts if p.id == target.id]
    assert [(p.ref, p.text, p.version, p.locked) for p in kept] == [
        (target.ref, "Texte réécrit par Camille pendant la génération.", 2, True)]
    assert f"1 post edited while the plan was being made: kept, and the post planned next to each left out " \
           f"({target.ref})." in result.warnings
    # the generated post nearest to it gave it its place: still 59 posts, each once
    assert len(posts) == len(result.posts) == 59
    assert len({p.ref for p in posts}) == 59
    assert _per_week_and_network(posts) == _per_week_and_network(first)


def _per_week_and_network(posts):
    return Counter((p.publish_at.astimezone(PARIS).isocalendar()[1], p.network) for p in posts)


def test_drafts_sent_to_the_client_and_unanswered_are_kept_out_of_replanning(engine, demo_brand):
    from core.client.docx_export import export_brand

    with db.transaction(engine) as s:
        plan_brand(demo_brand, MARCH, 1, session=s, seed=1, score=False)
    with db.transaction(engine) as s:
        export_brand(demo_brand, date(2027, 3, 1), date(2027, 3, 14), session=s, created_by="Léa",
                     sent_on=date(2027, 2, 15))
    before = {p.id: (p.ref, p.text, p.version) for p in _march(engine, demo_brand)}
    sent = {i: v for i, v in before.items() if _march_day(engine, i) <= date(2027, 3, 14)}
    with db.transaction(engine) as s:
        fr = plan_brand(demo_brand, MARCH, 1, session=s, seed=2, score=False)
    after = {p.id: (p.ref, p.text, p.version) for p in _march(engine, demo_brand)}
    assert {i: after.get(i) for i in sent} == sent  # same post, reference, text and version
    assert set(before) - set(sent) & set(after) == set()  # the drafts never sent were planned again
    refs = ", ".join(sorted(v[0] for v in sent.values()))
    assert len(sent) >= 2
    assert fr.warnings[-1] == (
        f"{len(sent)} brouillons envoyés au client le 2027-02-15 (calendrier du 2027-03-01 au 2027-03-14) "
        f"attendent sa réponse\u202f: gardés tels quels, pour que sa réponse porte sur le texte qu'il a lu "
        f"({refs}). Importez sa réponse, ou modifiez-les à la main, avant de les replanifier.")
    with db.transaction(engine) as s:
        en = plan_brand(demo_brand, MARCH, 1, session=s, seed=3, score=False, options={"ui_lang": "en"})
    assert en.warnings[-1].startswith(f"{len(sent)} drafts sent to the client on 2027-02-15 (calendar from "
                                      "2027-03-01 to 2027-03-14) await their answer: kept as they are")


def _march_day(engine, post_id):
    with db.transaction(engine) as s:
        return s.get(Post, post_id).publish_at.astimezone(PARIS).date()


def test_an_editor_saves_at_once_while_a_plan_is_being_made_on_sqlite(sqlite_engine):
    import time

    from core import demo
    from core.brands import get_brand
    from core.posts import create_post

    demo.load_demo(sqlite_engine)
    with db.transaction(sqlite_engine) as s:
        brand_id = get_brand("Maison Lila", session=s).id
        idea = create_post(brand_id, session=s, publish_at=None, network="instagram", text="Idée : le lin lavé.",
                           status="idee")
        plan_brand(brand_id, MARCH, 1, session=s, seed=1, score=False)
    saves = []

    def lea_saves_her_idea(fraction, message):
        if saves or fraction < 0.1:
            return
        started = time.perf_counter()
        with db.transaction(sqlite_engine) as other:
            save_post(idea.id, 1, {"text": "Idée : le lin lavé, en trois photos."}, session=other, saved_by="Léa")
        saves.append(time.perf_counter() - started)

    result = generate_plan(brand_id, MARCH, 3, engine=sqlite_engine, seed=2, score=False,
                           progress=lea_saves_her_idea)
    assert len(saves) == 1 and saves[0] < 1.0  # the plan holds no write lock while it is made
    with db.transaction(sqlite_engine) as s:
        assert s.get(Post, idea.id).text == "Idée : le lin lavé, en trois photos."
        assert len(posts_between(brand_id, None, None, session=s)) == len(result.posts) == 170


def _two_at_once(plans):
    """Run ``plans`` (callables taking a progress callback) in threads that all finish
    planning before any writes: the case where two people click « Générer » together."""
    import threading

    barrier = threading.Barrier(len(plans), timeout=120)
    results, errors = [None] * len(plans), []

    def run(i, plan):
        waited = []

        def progress(fraction, message):
            if fraction >= 0.85 and not waited:  # planned and scored: about to write
                waited.append(True)
                barrier.wait()
        try:
            results[i] = plan(progress)
        except Exception as exc:  # every failure counts, whatever its kind
            errors.append(f"{exc.__class__.__name__}: {exc}")

    threads = [threading.Thread(target=run, args=(i, p)) for i, p in enumerate(plans)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=180)
    return results, errors


def test_two_plans_of_one_month_generated_at_once_leave_one_whole_plan(engine, demo_brand):
    results, errors = _two_at_once([
        lambda progress, seed=seed: generate_plan(demo_brand, MARCH, 1, engine=engine, seed=seed, score=False,
                                                  progress=progress)
        for seed in (1, 2)])
    assert errors == []
    posts = _march(engine, demo_brand)
    assert len(posts) == 59 and len({p.ref for p in posts}) == 59
    texts = {p.text for p in posts}
    winners = [r for r in results if {p["text"] for p in r.posts} == texts]
    assert len(winners) == 1
    assert "Un autre plan de cette période a été généré en même temps\u202f: ses 59 brouillons sont remplacés par " \
           "celui-ci." in winners[0].warnings


def test_two_brands_planned_at_once_each_number_their_own_references(engine, demo_brand):
    from core.brands import duplicate_brand

    with db.transaction(engine) as s:
        other = duplicate_brand(demo_brand, "Maison Lila Belgique", session=s).id
    results, errors = _two_at_once([
        lambda progress, b=b: generate_plan(b, MARCH, 1, engine=engine, seed=1, score=False, progress=progress)
        for b in (demo_brand, other)])
    assert errors == []
    with db.transaction(engine) as s:
        refs = s.exec(select(Post.ref)).all()
    assert sorted(refs) == [f"{code}-2027-03-{n:03d}" for code in ("LILA", "LILABE") for n in range(1, 60)]

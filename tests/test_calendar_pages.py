"""AppTest of the Editorial line and Calendar screens on a fresh database."""

from datetime import date

from sqlmodel import Session, select

from core import db
from core.models import Brand, Pillar, Post
from core.planning.planner import plan_brand
from tests.apptest import fresh_app, stored



def plan_demo(months=1, start=date(2027, 3, 1)):
    engine = db.make_engine()
    with Session(engine) as s:
        bid = s.exec(select(Brand.id).where(Brand.name == "Maison Lila")).one()
        result = plan_brand(bid, start, months, session=s, seed=1, score=False)
        s.commit()
    engine.dispose()
    return result


def test_the_editorial_line_proposes_pillars_and_saves_them(monkeypatch, tmp_path):
    at = fresh_app(monkeypatch, tmp_path).run()
    at.switch_page("pages/editorial_line.py").run()
    assert not at.exception
    assert [h.value for h in at.header] == ["Piliers de contenu", "Mix de contenus", "Formats par réseau",
                                            "Volumétrie et jours de publication"]
    assert [s.value for s in at.success] == ["Les fréquences tiennent dans le budget : 11.7 h par semaine sur 14.0 h."]
    at.button(key="edlbtn_propose").click().run()
    at.button(key="edlbtn_save_pillars").click().run()
    assert not at.exception
    assert [(p.name, p.target_share, p.colour) for p in stored(select(Pillar))] == [
        ("Conseils de style", 35.0, "#4C78A8"), ("Univers de marque", 35.0, "#F58518"),
        ("Produits et offres", 18.0, "#54A24B"), ("Clients fidèles", 12.0, "#E45756")]


def test_pillars_proposed_from_the_brands_keywords_are_saved_with_their_keyword_themes(monkeypatch, tmp_path, nlp_fr):
    from core.brands import brief_of
    from core.language.keywords import save_keywords
    from core.planning.editorial import propose_pillars

    at = fresh_app(monkeypatch, tmp_path).run()
    phrases = ["robe d'été", "robe en lin", "lin lavé", "mode éthique", "atelier lyonnais",
               "coulisses de l'atelier", "fidélité client", "carte de fidélité"]
    engine = db.make_engine()
    with db.transaction(engine) as s:
        bid = s.exec(select(Brand.id)).one()
        save_keywords(bid, [{"phrase": p, "priority": 2, "variants": [p]} for p in phrases], session=s)
        expected = {p["name"]: p["keywords"] for p in propose_pillars(brief_of(bid, session=s), phrases, lang="fr")}
    engine.dispose()
    at.switch_page("pages/editorial_line.py").run()
    at.button(key="edlbtn_propose").click().run()
    at.button(key="edlbtn_save_pillars").click().run()
    assert not at.exception
    assert {p.name: p.keywords for p in stored(select(Pillar))} == expected
    assert sorted(k for words in expected.values() for k in words) == sorted(phrases)


def test_the_editorial_line_says_when_a_month_drifts_beyond_the_tolerance(monkeypatch, tmp_path):
    at = fresh_app(monkeypatch, tmp_path).run()
    today = date.today().replace(day=1)
    plan_demo(1, today)
    at.switch_page("pages/editorial_line.py").run()
    bid = stored(select(Brand.id))[0]
    at.slider(key=f"edl_tol_{bid}").set_value(0).run()
    assert not at.exception
    assert at.warning[0].value.startswith("Le plan s'écarte du mix cible de plus de 0 points :")


def test_the_calendar_generates_a_plan_with_progress_and_shows_the_month(monkeypatch, tmp_path, nlp_fr):
    at = fresh_app(monkeypatch, tmp_path).run()
    at.switch_page("pages/calendar.py").run()
    at.date_input(key="cal_start").set_value(date(2027, 3, 1))
    at.number_input(key="cal_months").set_value(1)
    at.button(key="calbtn_generate").click().run()
    assert not at.exception
    posts = stored(select(Post))
    assert [s.value for s in at.success] == [f"{len(posts)} publications planifiées."]
    assert len(posts) == 59
    assert all(0 <= p.score <= 100 for p in posts)  # scored by core.scoring.engine
    html = at.get("html")[0].proto.body
    assert html.count("border-radius:6px") == 59
    assert "Fête des grands-mères" in html and "Instagram" in html


def test_the_list_view_edits_a_post_and_locks_it(monkeypatch, tmp_path):
    at = fresh_app(monkeypatch, tmp_path).run()
    plan_demo()
    at.session_state["cal_month"] = date(2027, 3, 1)
    at.switch_page("pages/calendar.py").run()
    at.radio(key="cal_view").set_value("list").run()
    assert not at.exception
    bid = stored(select(Brand.id))[0]
    editor_key = f"calx_list_{bid}_2027-03-01_59"
    first = stored(select(Post).order_by(Post.publish_at, Post.id))[0]
    at.session_state[editor_key] = {"edited_rows": {0: {"text": "Nouveau texte écrit par la CM."}},
                                    "added_rows": [], "deleted_rows": []}
    at.run()
    at.button(key="calbtn_save_list").click().run()
    assert not at.exception
    post = stored(select(Post).where(Post.id == first.id))[0]
    assert (post.text, post.locked, post.version) == ("Nouveau texte écrit par la CM.", True, 2)


def test_an_idea_goes_to_the_backlog_then_into_a_slot(monkeypatch, tmp_path):
    at = fresh_app(monkeypatch, tmp_path).run()
    at.session_state["cal_month"] = date(2027, 3, 1)
    at.switch_page("pages/calendar.py").run()
    at.text_area[0].input("Idée : un carrousel sur l'entretien du lin.")
    at.checkbox[0].check()
    at.button[-1].click().run()
    assert not at.exception
    idea = stored(select(Post))[0]
    assert (idea.ref, idea.publish_at, idea.status) == ("IDEE-0001", None, "idee")
    assert at.subheader[0].value == "Réserve d'idées (1)"
    at.date_input(key="calform_drop_day").set_value(date(2027, 3, 10))
    at.text_input(key="calform_drop_time").input("18:30")
    at.button[-1].click().run()
    assert not at.exception
    placed = stored(select(Post))[0]
    assert (placed.publish_at.isoformat(), placed.status) == ("2027-03-10T17:30:00+00:00", "brouillon")


def _whole_post(post_id):
    """The post with its text history and the client's comment, as plain values."""
    from core.models import Comment, PostVersion

    post = stored(select(Post).where(Post.id == post_id).execution_options(include_deleted=True))[0]
    versions = stored(select(PostVersion.version, PostVersion.text).where(PostVersion.post_id == post_id)
                      .order_by(PostVersion.version))
    comments = stored(select(Comment.author, Comment.body).where(Comment.post_id == post_id))
    return post.model_dump(exclude={"deleted_at"}), [tuple(v) for v in versions], [tuple(c) for c in comments]


def test_deleting_a_post_asks_for_confirmation_and_undo_gives_it_back_whole(monkeypatch, tmp_path):
    from core.models import Comment
    from core.posts import save_post

    at = fresh_app(monkeypatch, tmp_path).run()
    plan_demo()
    first = stored(select(Post).order_by(Post.publish_at, Post.id))[0]
    engine = db.make_engine()
    with db.transaction(engine) as s:
        save_post(first.id, 1, {"text": "Texte relu par Léa."}, session=s, saved_by="Léa")
        s.add(Comment(post_id=first.id, author="Hélène Martin", body="On garde !", source="docx"))
    engine.dispose()
    before = _whole_post(first.id)
    at.session_state["cal_month"] = date(2027, 3, 1)
    at.switch_page("pages/calendar.py").run()
    at.radio(key="cal_view").set_value("list").run()
    bid = stored(select(Brand.id))[0]
    at.session_state[f"calx_list_{bid}_2027-03-01_59"] = {
        "edited_rows": {0: {"delete": True}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert "1 publication(s) cochée(s) pour suppression." in [w.value for w in at.warning]
    assert len(stored(select(Post))) == 59
    at.button(key="calbtn_delete").click().run()
    assert not at.exception
    assert first.id not in {p.id for p in stored(select(Post))}
    assert [s.value for s in at.success] == ["1 publication(s) supprimée(s). Vous pouvez annuler."]
    assert "58 publication(s) affichée(s) sur 58 ce mois-ci." in [c.value for c in at.caption]
    at.button(key="calbtn_undo").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["1 publication(s) restaurée(s)."]
    assert _whole_post(first.id) == before
    assert before[1:] == ([(1, first.text), (2, "Texte relu par Léa.")], [("Hélène Martin", "On garde !")])


def test_the_calendar_keeps_its_month_view_and_filters_across_pages_and_a_language_switch(monkeypatch, tmp_path):
    at = fresh_app(monkeypatch, tmp_path).run()
    plan_demo()
    at.switch_page("pages/calendar.py").run()
    at.selectbox(key="cal_month").select(date(2027, 3, 1))
    at.radio(key="cal_view").set_value("week")
    at.multiselect(key="cal_f_network").select("instagram")
    at.number_input(key="cal_months").set_value(2).run()
    at.selectbox(key="cal_week").select(date(2027, 3, 8)).run()
    at.switch_page("pages/strategy.py").run()
    at.sidebar.radio[0].set_value("en").run()
    at.switch_page("pages/calendar.py").run()
    assert not at.exception
    assert at.title[0].value == "Calendar"
    assert (at.selectbox(key="cal_month").value, at.radio(key="cal_view").value, at.multiselect(key="cal_f_network").value,
            at.number_input(key="cal_months").value, at.selectbox(key="cal_week").value) == (
        date(2027, 3, 1), "week", ["instagram"], 2, date(2027, 3, 8))
    shown = [p for p in stored(select(Post)) if p.network == "instagram" and p.publish_at.month == 3]
    assert f"{len(shown)} post(s) shown out of 59 this month." in [c.value for c in at.caption]

"""AppTest of the Editorial line and Calendar screens on a fresh database."""

from datetime import date

from sqlmodel import Session, select

from core import db
from core.models import Brand, Pillar, Post
from core.planning.planner import plan_brand
from core.posts import save_post
from tests.apptest import fresh_app, stored



def list_key(at) -> str:
    """The key of the Calendar's editable list (it changes with each loaded list and filter)."""
    return at.data_editor[0].key


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
                                            "Volumétrie et jours de publication", "Temps forts de l'année"]
    assert [s.value for s in at.success] == ["Les fréquences tiennent dans le budget : 12 h par semaine sur 14 h."]
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


def calendar_events(at) -> list[dict]:
    """The events the interactive calendar was given (the component's arguments)."""
    import json

    component = at.get("component_instance")[0].proto
    return json.loads(component.json_args)["events"]


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
    events = calendar_events(at)
    assert len(events) == 59
    assert any("Fête des grands-mères" in c.value for c in at.caption)
    first = events[0]
    assert first["title"] == "✎ Brouillon · Facebook · 🎉 Jour J pour la collection d’été\u00a0: on vous présente la che…"
    assert (first["backgroundColor"], first["extendedProps"]["status"]) == ("#79706e", "brouillon")  # the status's colour
    assert {e["borderColor"] for e in events} <= {p.colour for p in stored(select(Pillar))} | {"#9E9E9E"}


def test_the_list_view_edits_a_post_and_locks_it_in_the_name_of_who_typed_it(monkeypatch, tmp_path):
    at = fresh_app(monkeypatch, tmp_path).run()
    plan_demo()
    at.session_state["cal_month"] = date(2027, 3, 1)
    at.switch_page("pages/calendar.py").run()
    at.text_input(key="author").input("Inès")
    at.radio(key="cal_view").set_value("list").run()
    assert not at.exception
    first = stored(select(Post).order_by(Post.publish_at, Post.id))[0]
    at.session_state[list_key(at)] = {"edited_rows": {0: {"text": "Nouveau texte écrit par la CM."}},
                                      "added_rows": [], "deleted_rows": []}
    at.run()
    at.button(key="calbtn_save_list").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["1 publication enregistrée."]
    post = stored(select(Post).where(Post.id == first.id))[0]
    assert (post.text, post.locked, post.version, post.updated_by) == (
        "Nouveau texte écrit par la CM.", True, 2, "Inès")


def test_a_stale_list_save_is_refused_and_the_conflict_outlives_the_rerun(monkeypatch, tmp_path):
    """Inès loads the list; Léa validates the second post elsewhere; Inès's save must not undo it."""
    at = fresh_app(monkeypatch, tmp_path).run()
    plan_demo()
    at.session_state["cal_month"] = date(2027, 3, 1)
    at.switch_page("pages/calendar.py").run()
    at.text_input(key="author").input("Inès")
    at.radio(key="cal_view").set_value("list").run()
    first, second = stored(select(Post).order_by(Post.publish_at, Post.id))[:2]
    engine = db.make_engine()
    with db.transaction(engine) as s:
        save_post(second.id, 1, {"status": "valide"}, session=s, saved_by="Léa")
    engine.dispose()
    at.session_state[list_key(at)] = {
        "edited_rows": {0: {"text": "Texte repris par Inès."}, 1: {"status": "a_modifier"}},
        "added_rows": [], "deleted_rows": []}
    at.run()
    at.button(key="calbtn_save_list").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        f"1 publication enregistrée, 1 refusée\u00a0: {second.ref} modifiée entre-temps par Léa (version 2). "
        "Rien n'a été écrasé. La liste montre maintenant les versions enregistrées\u202f; vos changements "
        "refusés sont dans le tableau ci-dessous, à reprendre si besoin."]
    assert at.dataframe[1].value.to_dict("records") == [  # under the list: the refused changes
        {"Réf.": second.ref, "Colonne": "Statut", "Votre valeur, non enregistrée": "À modifier"}]
    assert [(p.text, p.status, p.version, p.updated_by) for p in
            stored(select(Post).where(Post.id.in_([first.id, second.id])).order_by(Post.publish_at, Post.id))] == [
        ("Texte repris par Inès.", first.status, 2, "Inès"), (second.text, "valide", 2, "Léa")]
    assert list(list_rows(at)["status"])[:2] == [first.status, "valide"]  # the list now shows what is saved
    at.run()
    assert len(at.error) == 1  # still there on the next rerun, and in the reader's language
    at.sidebar.radio[0].set_value("en").run()
    assert [e.value for e in at.error] == [
        f"1 post saved, 1 refused: {second.ref} changed meanwhile by Léa (version 2). Nothing was overwritten. "
        "The list now shows the saved versions; your refused changes are in the table below, to redo if needed."]


def list_rows(at):
    return at.data_editor[0].value


def test_a_list_save_while_another_program_locks_the_database_keeps_the_edits(monkeypatch, tmp_path):
    import sqlite3

    at = fresh_app(monkeypatch, tmp_path).run()
    plan_demo()
    at.session_state["cal_month"] = date(2027, 3, 1)
    at.switch_page("pages/calendar.py").run()
    at.radio(key="cal_view").set_value("list").run()
    first = stored(select(Post).order_by(Post.publish_at, Post.id))[0]
    key = list_key(at)
    at.session_state[key] = {"edited_rows": {0: {"text": "Texte tapé pendant le verrou."}},
                             "added_rows": [], "deleted_rows": []}
    at.run()
    other = sqlite3.connect(tmp_path / "app.db", isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        at.button(key="calbtn_save_list").click().run()
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "La base de données est restée occupée après 3 essais\u202f: rien n'a été enregistré. Ce que vous avez "
        "saisi est conservé\u202f; réessayez dans quelques secondes. Vos modifications restent dans la liste."]
    assert [toast.value for toast in at.toast] == [
        "La base de données est occupée par un autre enregistrement\u202f; nouvel essai (2/3)…",
        "La base de données est occupée par un autre enregistrement\u202f; nouvel essai (3/3)…"]
    assert list_key(at) == key  # the same list, its edit pending: saving again is enough
    assert stored(select(Post.version).where(Post.id == first.id)) == [1]
    at.button(key="calbtn_save_list").click().run()
    assert [s.value for s in at.success] == ["1 publication enregistrée."]
    assert stored(select(Post.text, Post.version).where(Post.id == first.id)) == [("Texte tapé pendant le verrou.", 2)]


def test_generating_while_another_program_locks_the_database_says_so_and_keeps_the_settings(
        monkeypatch, tmp_path, nlp_fr):
    import sqlite3

    at = fresh_app(monkeypatch, tmp_path).run()
    at.switch_page("pages/calendar.py").run()
    at.date_input(key="cal_start").set_value(date(2027, 3, 1))
    at.number_input(key="cal_months").set_value(2)
    at.number_input(key="cal_seed").set_value(7).run()
    other = sqlite3.connect(tmp_path / "app.db", isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        at.button(key="calbtn_generate").click().run()
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "La base de données est restée occupée après 3 essais\u202f: rien n'a été enregistré. Ce que vous avez "
        "saisi est conservé\u202f; réessayez dans quelques secondes. Le plan n'a pas été généré\u202f; vos réglages "
        "restent."]
    assert stored(select(Post.id)) == []
    assert (at.date_input(key="cal_start").value, at.number_input(key="cal_months").value,
            at.number_input(key="cal_seed").value) == (date(2027, 3, 1), 2, 7)
    at.button(key="calbtn_generate").click().run()
    assert [s.value for s in at.success] == [f"{len(stored(select(Post.id)))} publications planifiées."]


def test_an_idea_goes_to_the_backlog_then_into_a_slot(monkeypatch, tmp_path):
    at = fresh_app(monkeypatch, tmp_path).run()
    at.session_state["cal_month"] = date(2027, 3, 1)
    at.switch_page("pages/calendar.py").run()
    at.text_area[0].input("Idée : un carrousel sur l'entretien du lin.")
    at.checkbox[0].check()
    at.button[-1].click().run()
    assert not at.exception
    idea = stored(select(Post))[0]
    assert (idea.ref, idea.publish_at, idea.status) == ("LILA-IDEE-0001", None, "idee")
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
    at.session_state[list_key(at)] = {
        "edited_rows": {0: {"delete": True}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert "1 publication cochée pour suppression." in [w.value for w in at.warning]
    assert len(stored(select(Post))) == 59
    at.button(key="calbtn_delete").click().run()
    assert not at.exception
    assert first.id not in {p.id for p in stored(select(Post))}
    assert [s.value for s in at.success] == ["1 publication supprimée. Vous pouvez annuler."]
    assert "58 publications affichées sur 58 ce mois-ci." in [c.value for c in at.caption]
    at.button(key="calbtn_undo").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["1 publication restaurée."]
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
    assert f"{len(shown)} posts shown out of 59 this month." in [c.value for c in at.caption]


def test_redaction_and_validation_open_on_the_month_last_looked_at_in_the_calendar(monkeypatch, tmp_path):
    at = fresh_app(monkeypatch, tmp_path).run()
    plan_demo()
    at.switch_page("pages/calendar.py").run()
    at.selectbox(key="cal_month").select(date(2027, 3, 1)).run()
    at.switch_page("pages/editor.py").run()
    assert not at.exception
    assert at.date_input(key="ed_period").value == (date(2027, 3, 1), date(2027, 3, 31))
    at.switch_page("pages/validation.py").run()
    assert at.date_input(key="validation_period").value == (date(2027, 3, 1), date(2027, 3, 31))
    at.date_input(key="validation_period").set_value((date(2027, 4, 1), date(2027, 4, 30))).run()
    at.switch_page("pages/calendar.py").run()
    assert not at.exception
    assert at.selectbox(key="cal_month").value == date(2027, 4, 1)


def test_the_calendar_reads_an_idea_dropped_on_a_day_and_a_click_on_a_day():
    from datetime import date

    from pages.components.post_calendar import Action, read

    drop = read({"callback": "drop", "n": 1, "drop": {"id": 12, "ref": "IDEE-0004", "version": 3,
                                                       "date": "2027-03-10T00:00:00.000Z"}})
    click = read({"callback": "dateClick", "n": 2, "dateClick": {"date": "2027-03-11T00:00:00.000Z"}})
    assert (drop, click) == (Action("drop", post_id=12, ref="IDEE-0004", version=3, day=date(2027, 3, 10)),
                             Action("add", day=date(2027, 3, 11)))


def test_an_idea_card_names_its_reference_network_and_subject():
    from pages.components.post_calendar import idea_card

    card = idea_card({"id": 5, "ref": "IDEE-0002", "version": 1, "network": "linkedin",
                      "text": "Les coulisses de l’atelier\nDeuxième ligne"}, "fr", "#4C78A8")
    assert card == {"id": 5, "ref": "IDEE-0002", "version": 1, "colour": "#4C78A8",
                    "head": "IDEE-0002 · LinkedIn", "subject": "Les coulisses de l’atelier"}


def test_a_carousels_chip_names_its_caption_not_its_first_slide():
    from pages.components.post_calendar import subject

    carousel = ("Visuel 1\u00a0: Pull Tom, en détail\nVisuel 2\u00a0: Un pull en maille de lin et coton\n\n"
                "🔍 Zoom sur le pull Tom\u00a0: une maille du Roannais.\n\nDécouvrez-le en boutique.")
    assert subject({"text": carousel}) == "🔍 Zoom sur le pull Tom\u00a0: une maille du Roannais."
    assert subject({"text": "Titre\u00a0: Pantalon Jules\n\nUn pantalon en lin."}) == "Titre\u00a0: Pantalon Jules"

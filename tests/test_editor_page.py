"""The Rédaction screen: type, see the score change, apply a fix, save, meet a conflict."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest
from streamlit.testing.v1 import AppTest

from core import db
from core.dates import add_months
from core.models import Post, PostVersion
from core.posts import create_post, save_post
from tests.conftest import ROOT

# Every screen opens on next month (pages.frame.period_month): the post is in it.
NEXT_MONTH_3RD = datetime.combine(add_months(date.today().replace(day=1), 1).replace(day=3), time(10, 0),
                                  tzinfo=timezone.utc)
GREETING = "Bonjour à tous ! Notre robe Capucine est de retour."
BETTER = "Vous cherchez la robe de l’été ? Capucine est de retour : dites-nous en commentaire si vous l’aimez."


@pytest.fixture
def app(tmp_path, monkeypatch, nlp_fr):
    url = f"sqlite:///{tmp_path / 'calame.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    from pages import frame

    frame.get_engine.clear()
    engine = db.make_engine(url)
    db.upgrade(engine)
    from core import demo

    demo.load_demo(engine)
    with db.transaction(engine) as s:
        from sqlmodel import select

        from core.models import Brand

        brand_id = s.exec(select(Brand.id).where(Brand.name == "Maison Lila")).one()
        post = create_post(brand_id, session=s, text=GREETING, network="instagram",
                           publish_at=NEXT_MONTH_3RD, objective="engagement",
                           keywords=["robe"], saved_by="Camille")
        post_id = post.id
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.session_state["ed_live"] = False  # AppTest drives the plain text area; the browser test types live
    at.run()
    at.switch_page("pages/editor.py").run()
    assert not at.exception, at.exception
    yield at, engine, post_id
    engine.dispose()
    frame.get_engine.clear()


def _score(at) -> int:
    return int(at.metric[0].value.split("/")[0])


def _open_post(at, post_id):
    at.selectbox(key="ed_pick").select(post_id).run()
    assert not at.exception, at.exception


def test_typing_updates_the_score_and_the_suggestions(app):
    at, _engine, post_id = app
    _open_post(at, post_id)
    assert at.text_area(key="ed_text").value == GREETING
    before = _score(at)
    assert any("formule de politesse" in m.value for m in at.markdown)
    at.text_area(key="ed_text").input(BETTER).run()
    assert not at.exception
    after = _score(at)
    assert after > before
    assert not any("formule de politesse" in m.value for m in at.markdown)


def test_a_fix_button_applies_the_typography_fix(app):
    at, _engine, post_id = app
    _open_post(at, post_id)
    fix = [b for b in at.button if b.key and b.key.startswith("edb_fix_") and "typo.space_before_punct" in b.key]
    assert fix, [b.key for b in at.button]
    fix[0].click().run()
    assert at.text_area(key="ed_text").value == GREETING.replace(" !", "\u202f!")


def test_saving_keeps_a_version_history(app):
    at, engine, post_id = app
    _open_post(at, post_id)
    at.text_input(key="author").input("Inès").run()
    at.text_area(key="ed_text").input(BETTER).run()
    at.button(key="edb_save").click().run()
    assert not at.exception
    assert any("version 2" in s.value for s in at.success)
    from sqlmodel import Session, select

    with Session(engine) as s:
        post = s.get(Post, post_id)
        assert (post.text, post.version, post.updated_by, post.locked) == (BETTER, 2, "Inès", True)
        assert post.score is not None
        versions = s.exec(select(PostVersion.version, PostVersion.text).where(PostVersion.post_id == post_id)
                          .order_by(PostVersion.version)).all()
        assert [tuple(v) for v in versions] == [(1, GREETING), (2, BETTER)]


def test_an_older_version_is_restored_from_the_history_with_one_click(app):
    at, engine, post_id = app
    _open_post(at, post_id)
    at.text_input(key="author").input("Inès").run()
    at.text_area(key="ed_text").input(BETTER).run()
    at.button(key="edb_save").click().run()
    at.button(key="ed_restore_1").click().run()
    assert not at.exception
    assert at.text_area(key="ed_text").value == GREETING
    from sqlmodel import Session

    with Session(engine) as s:
        post = s.get(Post, post_id)
        assert (post.text, post.version, post.updated_by) == (GREETING, 3, "Inès")


def test_a_save_over_a_newer_version_is_refused_and_shows_both(app):
    at, engine, post_id = app
    _open_post(at, post_id)
    with db.transaction(engine) as s:
        save_post(post_id, 1, {"text": "Version de Camille, enregistrée entre-temps."}, session=s, saved_by="Camille")
    at.text_area(key="ed_text").input(BETTER).run()
    at.button(key="edb_save").click().run()
    assert not at.exception
    assert any("Enregistrement refusé" in e.value for e in at.error)
    codes = [c.value for c in at.code]
    assert codes == [BETTER, "Version de Camille, enregistrée entre-temps."]
    from sqlmodel import Session

    with Session(engine) as s:
        assert s.get(Post, post_id).text == "Version de Camille, enregistrée entre-temps."
    at.button(key="edb_keep_mine").click().run()
    with Session(engine) as s:
        post = s.get(Post, post_id)
        assert (post.text, post.version) == (BETTER, 3)


def test_switching_network_changes_the_rules_and_the_preview(app):
    at, _engine, post_id = app
    _open_post(at, post_id)
    at.selectbox(key="ed_network").select("x").run()
    assert not at.exception
    assert any("Aperçu sur X" in h.value for h in at.subheader)


def test_the_list_view_shows_the_period_posts_with_their_score(app):
    at, _engine, _post_id = app
    frames = at.dataframe
    assert len(frames) == 1
    df = frames[0].value
    assert list(df.columns)[:2] == ["Score", "Référence"]
    assert len(df) == 1 and 0 <= int(df.iloc[0]["Score"]) <= 100


def test_a_post_opened_from_the_list_view_lands_in_the_editor(app):
    at, _engine, post_id = app
    at.selectbox(key="ed_list_pick").select(post_id).run()
    at.button(key="edb_open").click().run()
    assert not at.exception, at.exception
    assert at.text_area(key="ed_text").value == GREETING
    assert at.selectbox(key="ed_pick").value == post_id


def test_a_link_with_a_post_reference_opens_that_post(app):
    at, engine, post_id = app
    with db.transaction(engine) as s:
        from core.models import Post

        ref = s.get(Post, post_id).ref
    at.query_params["ref"] = ref
    at.switch_page("pages/editor.py").run()
    assert not at.exception
    assert at.text_area(key="ed_text").value == GREETING
    at.query_params["ref"] = "CAL-1999-01-001"
    at.switch_page("pages/editor.py").run()
    assert at.warning[0].value.startswith("Aucune publication ne porte la référence CAL-1999-01-001")


def test_a_link_sent_with_a_reference_from_before_brand_codes_opens_the_post_under_its_new_one(app):
    from core.brands import rename_refs

    at, engine, post_id = app
    with db.transaction(engine) as s:
        post = s.get(Post, post_id)
        old = "CAL-" + post.ref.split("-", 1)[1]
        s.execute(Post.__table__.update().where(Post.__table__.c.id == post_id).values(ref=old))
        rename_refs(post.brand_id, "CAL", "LILA", session=s)  # what migration 0019 does to an old post
        new = s.get(Post, post_id).ref
    at.query_params["ref"] = old
    at.switch_page("pages/editor.py").run()
    assert not at.exception
    assert (at.text_area(key="ed_text").value, at.query_params["ref"], old[:4], new[:5]) == (
        GREETING, new, "CAL-", "LILA-")


def test_a_link_whose_ref_is_not_a_reference_is_never_echoed(app):
    at, _engine, _post_id = app
    at.query_params["ref"] = "[Session expirée : reconnectez-vous ici](http://calame-login.example/session)"
    at.switch_page("pages/editor.py").run()
    assert not at.exception
    assert [w.value for w in at.warning if "lien" in w.value] == [
        "Ce lien ne désigne pas une publication\u00a0: une référence s'écrit comme LILA-2027-03-014 ou LILA-IDEE-0007. "
        "Choisissez une publication dans la liste, ou demandez un nouveau lien à qui vous l'a envoyé."]
    shown = [e.value for elements in (at.warning, at.error, at.info, at.success, at.markdown, at.caption)
             for e in elements]
    assert not [text for text in shown if "calame-login" in text]


def test_an_unsaved_text_and_its_settings_survive_other_pages_and_a_language_switch(app):
    at, _engine, post_id = app
    _open_post(at, post_id)
    at.text_area(key="ed_text").input(BETTER)
    at.text_input(key="author").input("Inès")
    at.text_input(key="ed_keywords").input("robe, lin")
    at.selectbox(key="ed_network").select("facebook").run()
    at.switch_page("pages/calendar.py").run()
    at.sidebar.radio[0].set_value("en").run()
    at.switch_page("pages/editor.py").run()
    assert not at.exception
    assert at.title[0].value == "Drafting"
    assert (at.selectbox(key="ed_pick").value, at.text_area(key="ed_text").value, at.text_input(key="author").value,
            at.text_input(key="ed_keywords").value, at.selectbox(key="ed_network").value) == (
        post_id, BETTER, "Inès", "robe, lin", "facebook")


def test_saving_while_another_program_locks_the_database_says_so_and_keeps_the_text(app, tmp_path):
    import sqlite3

    from sqlmodel import Session

    at, engine, post_id = app
    _open_post(at, post_id)
    at.text_area(key="ed_text").input(BETTER).run()
    other = sqlite3.connect(tmp_path / "calame.db", isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        at.button(key="edb_save").click().run()
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "La base de données est restée occupée après 3 essais\u202f: rien n'a été enregistré. Ce que vous avez "
        "saisi est conservé\u202f; réessayez dans quelques secondes. Votre texte reste dans l’éditeur."]
    assert at.text_area(key="ed_text").value == BETTER
    at.sidebar.radio[0].set_value("en").run()
    assert [e.value for e in at.error] == [
        "The database stayed busy after 3 tries: nothing was saved. What you typed is kept; try again in a few "
        "seconds. Your text stays in the editor."]
    at.sidebar.radio[0].set_value("fr").run()
    with Session(engine) as s:
        assert (s.get(Post, post_id).text, s.get(Post, post_id).version) == (GREETING, 1)
    at.button(key="edb_save").click().run()
    assert (list(at.error), [s.value for s in at.success]) == ([], [f"Enregistré : {_ref(engine, post_id)}, version 2."])
    with Session(engine) as s:
        assert (s.get(Post, post_id).text, s.get(Post, post_id).version) == (BETTER, 2)


def _ref(engine, post_id) -> str:
    from sqlmodel import Session

    with Session(engine) as s:
        return s.get(Post, post_id).ref


def test_an_unexpected_error_while_saving_shows_a_reference_not_a_traceback(app, monkeypatch):
    import core.posts

    at, engine, post_id = app
    _open_post(at, post_id)

    def broken(*_args, **_kwargs):
        raise RuntimeError("no such column: post.secret [SQL: UPDATE post SET text=?] (/srv/calame/core/posts.py)")

    monkeypatch.setattr(core.posts, "save_post", broken)
    at.text_area(key="ed_text").input(BETTER).run()  # the callback of this run calls the broken save
    at.button(key="edb_save").click().run()
    assert not at.exception
    assert [e.value.startswith("Une erreur inattendue a interrompu cet écran.") for e in at.error] == [True]
    assert not [e for e in at.error if "secret" in e.value]
    assert at.text_area(key="ed_text").value == BETTER


def test_an_answer_to_the_clients_comment_is_saved_and_shown_under_it_with_author_and_date(app):
    from sqlmodel import select

    from core.models import Comment, CommentAnswer
    from tests.apptest import shown

    at, engine, post_id = app
    with db.transaction(engine) as s:
        comment = Comment(post_id=post_id, author="Hélène Martin", source="docx",
                          body="Plutôt « dès samedi » que « bientôt » 🙏")
        s.add(comment)
        s.flush()
        comment_id = comment.id
    at.text_input(key="author").input("Léa Dubois").run()
    _open_post(at, post_id)
    at.text_area(key=f"ed_answer_{comment_id}").input("C’est corrigé : « dès samedi ».").run()
    at.button(key=f"edb_answer_done_{comment_id}").click().run()
    assert not at.exception, at.exception
    assert at.success[0].value == "Réponse enregistrée, commentaire marqué comme traité."
    captions = [shown(c.value) for c in at.caption]
    heads = [c for c in captions if c.startswith("↳ Réponse de Léa Dubois, le ")]
    assert len(heads) == 1 and any(c.startswith("Traité par Léa Dubois le ") for c in captions)
    assert "C’est corrigé : « dès samedi »." in [shown(m.value) for m in at.markdown]
    assert at.text_area(key=f"ed_answer_{comment_id}").value == ""
    with db.transaction(engine) as s:
        stored = [(a.author, a.body) for a in s.exec(select(CommentAnswer))]
        done = s.get(Comment, comment_id)
        assert (stored, done.done_by) == ([("Léa Dubois", "C’est corrigé : « dès samedi ».")], "Léa Dubois")

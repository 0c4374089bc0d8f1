"""Roles are checked where data changes, for every caller: a reader cannot edit, a CM cannot
change the strategy or send to the client, a workspace never sees another's brands, and
every change is recorded with who made it."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlmodel import select

from core import db
from core.accounts.context import acting_as
from core.accounts.guard import SignInRequired
from core.accounts.permissions import Forbidden
from core.accounts.users import AccountError, actor_of, create_user, find_user, session_user, sign_in, sign_out
from core.brands import create_brand, get_brand, list_brands, rename_brand
from core.models import AuditEntry, Brand, Post, PostVersion
from core.posts import create_post, save_post

PASSWORD = "une phrase secrète"


@pytest.fixture
def agency(engine):
    """Two workspaces: Agence Lumen (Maison Lila, with its owner, a CM and a reader) and
    Studio Nord (Paylane, its own owner)."""
    with db.transaction(engine) as s:
        lila = create_brand("Maison Lila", session=s)
        post = create_post(lila.id, session=s, publish_at=datetime(2027, 3, 4, 11, tzinfo=timezone.utc),
                           network="instagram", text="Nos robes d'été en lin lavé arrivent !")
        claire = create_user("Claire", PASSWORD, "owner", session=s, workspace="Agence Lumen")
        lila_id, ref = lila.id, post.ref
    people = {"claire": actor_of(claire)}
    with acting_as(people["claire"]), db.transaction(engine) as s:
        people["karim"] = actor_of(create_user("Karim", "mot de passe du cm", "cm", session=s))
        people["zoe"] = actor_of(create_user("Zoé", "mot de passe lecteur", "reader", session=s))
    with db.transaction(engine) as s:
        from core.accounts import context
        from core.models import Membership, Workspace

        with context.system():
            nord = Workspace(name="Studio Nord")
            s.add(nord)
            s.flush()
            paylane = create_brand("Paylane", session=s, workspace_id=nord.id)
            from core.accounts.users import HASHER
            from core.models import User

            ines = User(name="ines", display_name="Inès", password_hash=HASHER.hash(PASSWORD))
            s.add(ines)
            s.flush()
            s.add(Membership(user_id=ines.id, workspace_id=nord.id, role="owner"))
            s.flush()
            paylane_id = paylane.id
        people["ines"] = context.Actor(ines.id, "Inès")
    return engine, people, lila_id, paylane_id, ref


def _post(s, ref):
    return s.exec(select(Post).where(Post.ref == ref)).one()


def test_a_reader_sees_the_brand_and_cannot_edit_a_post(agency):
    engine, people, lila_id, _, ref = agency
    with acting_as(people["zoe"]), db.transaction(engine) as s:
        assert [b.name for b in list_brands(session=s)] == ["Maison Lila"]
        post_id, version = _post(s, ref).id, _post(s, ref).version
    with pytest.raises(Forbidden) as err, acting_as(people["zoe"]), db.transaction(engine) as s:
        save_post(post_id, version, {"text": "Texte du lecteur"}, session=s)
    assert err.value.message("fr") == (
        "Votre rôle (lecteur) ne permet pas de rédiger et modifier les posts sur cette marque\u00a0: il faut être au "
        "moins junior ou stagiaire. Demandez-le au propriétaire de l’espace\u00a0; rien n’a été modifié.")
    with acting_as(people["claire"]), db.transaction(engine) as s:
        assert _post(s, ref).text == "Nos robes d'été en lin lavé arrivent !"


def test_a_cm_edits_posts_but_cannot_change_the_strategy(agency):
    engine, people, lila_id, _, ref = agency
    with acting_as(people["karim"]), db.transaction(engine) as s:
        post = _post(s, ref)
        save_post(post.id, post.version, {"text": "Nos robes d’été en lin lavé arrivent jeudi !"}, session=s)
    with pytest.raises(Forbidden) as err, acting_as(people["karim"]), db.transaction(engine) as s:
        rename_brand(lila_id, "Maison Lila Paris", session=s)
    assert err.value.key == "accounts.forbidden"
    with acting_as(people["claire"]), db.transaction(engine) as s:
        assert s.get(Brand, lila_id).name == "Maison Lila"
        assert _post(s, ref).updated_by == "Karim"


def test_a_workspace_never_reads_another_workspaces_brands_even_by_id_or_reference(agency):
    engine, people, lila_id, paylane_id, ref = agency
    with acting_as(people["ines"]), db.transaction(engine) as s:
        assert [b.name for b in list_brands(session=s)] == ["Paylane"]
        assert s.get(Brand, lila_id) is None
        assert get_brand("Maison Lila", session=s) is None
        assert s.exec(select(Post).where(Post.ref == ref)).first() is None
        assert s.exec(select(PostVersion)).all() == []
    with pytest.raises(Forbidden), acting_as(people["ines"]), db.transaction(engine) as s:
        create_post(lila_id, session=s, network="instagram", text="Intrusion")


def test_nobody_signed_in_reads_nothing_once_accounts_exist(agency):
    engine, *_ = agency
    with db.transaction(engine) as s, pytest.raises(SignInRequired):
        list_brands(session=s)


def test_every_change_is_recorded_with_who_what_and_the_text_before_and_after(agency):
    engine, people, lila_id, _, ref = agency
    with acting_as(people["karim"]), db.transaction(engine) as s:
        post = _post(s, ref)
        save_post(post.id, post.version, {"text": "Nos robes d’été arrivent jeudi !"}, session=s)
    with acting_as(people["claire"]), db.transaction(engine) as s:
        entries = [e for e in s.exec(select(AuditEntry).where(AuditEntry.entity == "post")) if e.user_name == "Karim"]
    assert [(e.action, e.brand_id, e.changes["text"]) for e in entries] == [
        ("update", lila_id, ["Nos robes d'été en lin lavé arrivent !", "Nos robes d’été arrivent jeudi !"])]


def test_signing_in_gives_a_session_that_ends_on_sign_out_and_refuses_a_wrong_password(agency):
    engine, *_ = agency
    with db.transaction(engine) as s:
        user, token = sign_in("CLAIRE", PASSWORD, session=s)
        assert user.display_name == "Claire"
        assert session_user(token, session=s).name == "claire"
        assert session_user(token[:-1], session=s) is None
        sign_out(token, session=s)
        assert session_user(token, session=s) is None
        with pytest.raises(AccountError) as err:
            sign_in("claire", "pas le bon mot de passe", session=s)
        assert err.value.key == "accounts.bad_sign_in"
        with pytest.raises(AccountError) as unknown:
            sign_in("personne", PASSWORD, session=s)
        assert unknown.value.message("en") == err.value.message("en")


def test_five_failed_sign_ins_lock_the_account_for_a_while(agency):
    engine, *_ = agency
    with db.transaction(engine) as s:
        for _ in range(5):
            with pytest.raises(AccountError):
                sign_in("karim", "mauvais mot de passe", session=s)
        with pytest.raises(AccountError) as err:
            sign_in("karim", "mot de passe du cm", session=s)
    assert err.value.key == "accounts.locked" and err.value.params["minutes"] == 15


def test_failed_sign_ins_each_in_their_own_transaction_still_lock_the_account(agency):
    """As the sign-in screen calls it: one transaction a try, rolled back by the error."""
    engine, *_ = agency
    for _ in range(5):
        with pytest.raises(AccountError):
            with db.transaction(engine) as s:
                sign_in("karim", "mauvais mot de passe", session=s)
    with pytest.raises(AccountError) as err:
        with db.transaction(engine) as s:
            sign_in("karim", "mot de passe du cm", session=s)
    assert err.value.key == "accounts.locked" and err.value.params["minutes"] == 15


def test_a_comment_inserted_by_statement_needs_the_same_permission_as_a_saved_one(agency):
    """A Word answer's comments go in by INSERT … ON CONFLICT: a reader cannot add one."""
    from core.client.docx_answer import _store_comment
    from core.models import Comment

    engine, people, _, _, ref = agency
    comment = {"author": "Zoé", "body": "Je change la photo", "source": "docx", "date": "2027-03-01T10:00:00"}
    with acting_as(people["zoe"]), db.transaction(engine) as s:
        post_id = _post(s, ref).id
    with pytest.raises(Forbidden), acting_as(people["zoe"]), db.transaction(engine) as s:
        _store_comment(s, post_id, comment)
    with acting_as(people["karim"]), db.transaction(engine) as s:
        assert _store_comment(s, post_id, comment) is True
    with acting_as(people["claire"]), db.transaction(engine) as s:
        assert [c.body for c in s.exec(select(Comment))] == ["Je change la photo"]


def test_the_first_account_must_be_an_owner_and_passwords_are_never_stored(engine):
    with db.transaction(engine) as s, pytest.raises(AccountError) as err:
        create_user("Karim", "mot de passe du cm", "cm", session=s)
    assert err.value.key == "accounts.first_must_be_owner"
    with db.transaction(engine) as s:
        create_user("Claire", PASSWORD, "owner", session=s)
        from core.accounts import context

        with context.system():
            stored = find_user(s, "claire").password_hash
    assert PASSWORD not in stored and stored.startswith("$argon2id$")


def test_every_table_has_a_permission_or_is_bookkeeping():
    """A new table without a permission would be writable by any account: the guard lists each."""
    from sqlmodel import SQLModel

    from core.accounts.guard import EXEMPT, PERMISSION

    assert sorted(set(SQLModel.metadata.tables) - set(PERMISSION) - EXEMPT) == []

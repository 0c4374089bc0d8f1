"""Owners manage their own workspace's members, and nobody else's: roles, passwords,
deactivation, through core functions that the team screen and the CLI share."""

from __future__ import annotations

import pytest
from sqlmodel import select

from core import db
from core.accounts.context import acting_as
from core.accounts.members import (add_member, deactivate, list_members, reset_password, set_review_required,
                                   set_role)
from core.accounts.permissions import Forbidden, role_on
from core.accounts.users import AccountError, find_user, session_user, sign_in
from core.brands import list_brands
from core.models import User, Workspace
from tests.accounts.people import PASSWORD, make_agency


@pytest.fixture
def agency(engine):
    return make_agency(engine)


def test_an_owner_lists_their_members_with_roles_and_never_another_workspaces(agency):
    with acting_as(agency.people["claire"]), db.transaction(agency.engine) as s:
        rows = [(r["display_name"], r["role"], r["workspace"], r["brand"]) for r in list_members(session=s)]
    assert rows == [("Claire", "owner", "Agence Lumen", ""), ("Sofia", "social_media_manager", "Agence Lumen", ""),
                    ("Karim", "cm", "Agence Lumen", ""), ("Jade", "junior", "Agence Lumen", "")]
    with acting_as(agency.people["ines"]), db.transaction(agency.engine) as s:
        assert [r["display_name"] for r in list_members(session=s)] == ["Inès"]
    with pytest.raises(Forbidden), acting_as(agency.people["karim"]), db.transaction(agency.engine) as s:
        list_members(session=s)


def test_an_owner_of_workspace_2_cannot_reset_deactivate_or_demote_a_member_of_workspace_1(agency):
    ines = agency.people["ines"]
    with pytest.raises(Forbidden), acting_as(ines), db.transaction(agency.engine) as s:
        reset_password("claire", "je prends la main sur ce compte", session=s)
    with pytest.raises(Forbidden), acting_as(ines), db.transaction(agency.engine) as s:
        deactivate("karim", session=s)
    with pytest.raises(AccountError) as err, acting_as(ines), db.transaction(agency.engine) as s:
        set_role("karim", "reader", session=s, workspace="Agence Lumen")
    assert err.value.key == "accounts.bad_workspace"
    with pytest.raises(AccountError), acting_as(ines), db.transaction(agency.engine) as s:
        set_role("karim", "reader", session=s, brand_id=agency.lila)
    with pytest.raises(AccountError), acting_as(ines), db.transaction(agency.engine) as s:
        set_review_required(True, session=s, workspace="Agence Lumen")
    with acting_as(ines), db.transaction(agency.engine) as s:
        assert [w.name for w in s.exec(select(Workspace))] == ["Studio Nord"]
    with db.transaction(agency.engine) as s:
        user, _ = sign_in("claire", PASSWORD, session=s)
        assert user.active
    with acting_as(agency.people["claire"]), db.transaction(agency.engine) as s:
        assert role_on(s, agency.people["karim"].user_id, agency.lila) == "cm"


def test_even_the_guard_refuses_a_password_change_by_another_workspaces_owner(agency):
    from core.accounts.users import HASHER

    with pytest.raises(Forbidden), acting_as(agency.people["ines"]), db.transaction(agency.engine) as s:
        from core.accounts import context

        with context.system():
            claire = s.exec(select(User).where(User.name == "claire")).one()
        claire.password_hash = HASHER.hash("je prends la main sur ce compte")
        s.add(claire)
        s.flush()


def test_an_owner_adds_a_member_on_one_brand_changes_the_role_and_deactivates_them(agency):
    with acting_as(agency.people["claire"]), db.transaction(agency.engine) as s:
        add_member("Léa", "mot de passe de Léa", "junior", session=s, brand_id=agency.lila, display_name="Léa M.")
        set_role("léa", "cm", session=s, brand_id=agency.lila)
        rows = [(r["display_name"], r["role"], r["brand"]) for r in list_members(session=s) if r["name"] == "léa"]
    assert rows == [("Léa M.", "cm", "Maison Lila")]
    with db.transaction(agency.engine) as s:
        _, token = sign_in("Léa", "mot de passe de Léa", session=s)
    with acting_as(agency.people["claire"]), db.transaction(agency.engine) as s:
        deactivate("léa", session=s)
    with db.transaction(agency.engine) as s:
        assert session_user(token, session=s) is None
        with pytest.raises(AccountError) as err:
            sign_in("Léa", "mot de passe de Léa", session=s)
    assert err.value.key == "accounts.bad_sign_in"


def test_an_owner_neither_demotes_nor_deactivates_themselves_but_another_owner_may(agency):
    for change in (lambda s: set_role("claire", "cm", session=s), lambda s: deactivate("claire", session=s)):
        with pytest.raises(AccountError) as err, acting_as(agency.people["claire"]), \
                db.transaction(agency.engine) as s:
            change(s)
        assert err.value.key in ("accounts.own_role", "accounts.not_yourself")
    with acting_as(agency.people["claire"]), db.transaction(agency.engine) as s:
        set_role("sofia", "owner", session=s)
    with acting_as(agency.people["sofia"]), db.transaction(agency.engine) as s:
        set_role("claire", "social_media_manager", session=s)
    with acting_as(agency.people["claire"]), db.transaction(agency.engine) as s:
        assert [b.name for b in list_brands(session=s)] == ["Maison Lila"]
        with pytest.raises(Forbidden):
            list_members(session=s)


def test_a_cm_cannot_manage_members(agency):
    for workspace in ("Agence Lumen", ""):
        with pytest.raises(Forbidden) as err, acting_as(agency.people["karim"]), \
                db.transaction(agency.engine) as s:
            add_member("Intrus", "mot de passe intrus", "owner", session=s, workspace=workspace)
        assert err.value.params["permission"].key == "permission.users.manage"
    with acting_as(agency.people["claire"]), db.transaction(agency.engine) as s:
        assert find_user(s, "intrus") is None


def test_each_actor_in_turn_sees_only_their_own_workspace_and_brands_in_one_process(agency):
    """SQLAlchemy caches compiled statements: the scoping must never keep the previous actor's."""
    from core.models import Brand, Post

    seen = []
    for who in ("claire", "ines", "claire", "ines"):
        with acting_as(agency.people[who]), db.transaction(agency.engine) as s:
            seen.append((who, [w.name for w in s.exec(select(Workspace))], [b.name for b in s.exec(select(Brand))],
                         len(s.exec(select(Post)).all())))
    assert seen == [("claire", ["Agence Lumen"], ["Maison Lila"], 1), ("ines", ["Studio Nord"], ["Paylane"], 0)] * 2


def test_a_sessions_last_use_is_written_at_most_every_five_minutes_not_on_every_page_view(agency):
    from datetime import timedelta

    from core.accounts import context
    from core.models import AuthSession

    with db.transaction(agency.engine) as s:
        _, token = sign_in("karim", "mot de passe de Karim", session=s)
    with db.transaction(agency.engine) as s, context.system():
        first = s.exec(select(AuthSession)).one().last_seen
        assert session_user(token, session=s).name == "karim"
        assert s.exec(select(AuthSession)).one().last_seen == first
        row = s.exec(select(AuthSession)).one()
        row.last_seen = first - timedelta(minutes=6)
        s.add(row)
        s.flush()
        assert session_user(token, session=s).name == "karim"
        assert s.exec(select(AuthSession)).one().last_seen > first

"""Signed-in sessions outlive the tab (a cookie carries the token) but not their limits: an
expired or signed-out session signs nobody in, whichever process asks; an OpenID Connect
identity signs in only the account an owner named after its verified address."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from core import db
from core.accounts import context
from core.accounts.users import (IDLE, LONGEST, actor_of, create_user, session_user, sign_in, sign_in_identity,
                                 sign_out)
from core.models import AuthSession, User
from pages.account import cookie_script

PASSWORD = "une phrase secrète"


def _agency(engine):
    with db.transaction(engine) as s:
        claire = actor_of(create_user("Claire", PASSWORD, "owner", session=s, workspace="Agence Lumen"))
    with context.acting_as(claire), db.transaction(engine) as s:
        create_user("karim.benali@agence-lumen.fr", "mot de passe du cm", "cm", session=s, display_name="Karim")


def _sessions(s) -> list[AuthSession]:
    with context.system():
        return list(s.exec(select(AuthSession)))


def test_signing_out_deletes_the_session_so_the_cookie_signs_nobody_in_on_any_process(engine):
    _agency(engine)
    with db.transaction(engine) as s:
        _, token = sign_in("claire", PASSWORD, session=s)
    with db.transaction(engine) as s:  # another process: only the database is shared
        assert session_user(token, session=s).name == "claire"
        sign_out(token, session=s)
    with db.transaction(engine) as s:
        assert session_user(token, session=s) is None
        assert _sessions(s) == []


def test_an_expired_session_is_refused_and_the_next_sign_in_deletes_it(engine):
    _agency(engine)
    with db.transaction(engine) as s:
        _, idle = sign_in("claire", PASSWORD, session=s)
        _, old = sign_in("claire", PASSWORD, session=s)
    with context.system(), db.transaction(engine) as s:
        rows = {row.id: row for row in s.exec(select(AuthSession).order_by(AuthSession.id))}
        first, second = rows.values()
        first.last_seen -= IDLE + timedelta(minutes=1)
        second.expires_at = second.created_at - timedelta(seconds=1)
        s.add_all([first, second])
    with db.transaction(engine) as s:
        assert (session_user(idle, session=s), session_user(old, session=s)) == (None, None)
        _, fresh = sign_in("claire", PASSWORD, session=s)
    with db.transaction(engine) as s:
        assert [row.id for row in _sessions(s)] == [max(rows) + 1]
        assert session_user(fresh, session=s).name == "claire"
        assert _sessions(s)[0].expires_at - _sessions(s)[0].created_at == LONGEST


def test_a_verified_address_signs_in_the_account_named_after_it_and_nothing_else_does(engine):
    _agency(engine)
    with db.transaction(engine) as s:
        user, token = sign_in_identity("Karim.Benali@Agence-Lumen.fr", True, session=s)
        assert (user.display_name, session_user(token, session=s).name) == ("Karim", "karim.benali@agence-lumen.fr")
        assert sign_in_identity("karim.benali@agence-lumen.fr", False, session=s) is None  # not verified
        assert sign_in_identity("claire", True, session=s) is None  # a plain account name is no address
        assert sign_in_identity("claire@agence-lumen.fr", True, session=s) is None  # no such account
        assert sign_in_identity("", True, session=s) is None
    with context.system(), db.transaction(engine) as s:
        karim = s.exec(select(User).where(User.display_name == "Karim")).one()
        karim.active = False
        s.add(karim)
    with db.transaction(engine) as s:
        assert sign_in_identity("karim.benali@agence-lumen.fr", True, session=s) is None
        assert session_user(token, session=s) is None


def test_the_cookie_script_writes_the_token_for_the_whole_site_and_clears_it_at_sign_out():
    token = "q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x_-"
    assert cookie_script(token, 604800) == (
        '<script>document.cookie = "calame_session=q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x_-; Path=/; '
        'SameSite=Strict; Max-Age=604800" + (location.protocol === \'https:\' ? \'; Secure\' : \'\');</script>')
    cleared = ('<script>document.cookie = "calame_session=; Path=/; SameSite=Strict; Max-Age=0" + '
               '(location.protocol === \'https:\' ? \'; Secure\' : \'\');</script>')
    assert cookie_script(None, 0) == cleared
    assert cookie_script('x"; alert(1); "', 604800) == cleared  # only a token's own characters are written

"""The command line acts as a named account with the same checks: a deactivated account
cannot act, a junior cannot approve, an unreviewed junior post stops the send, and an owner
manages members with ``users role`` and ``users deactivate``."""

from __future__ import annotations

import io

import pytest

from core import db
from core.accounts.context import acting_as, set_actor
from core.cli.main import main
from core.posts import save_post
from tests.accounts.people import make_agency


@pytest.fixture
def agency(sqlite_engine, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", str(sqlite_engine.url))
    yield make_agency(sqlite_engine)
    set_actor(None)


def _run(capsys, *argv, stdin: str | None = None, monkeypatch=None) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin + "\n"))
    code = main(["--ui", "fr", *argv])
    set_actor(None)
    out, err = capsys.readouterr()
    return code, out, err


def test_a_deactivated_account_cannot_act_through_the_cli(agency, capsys):
    assert _run(capsys, "--user", "claire", "users", "deactivate", "karim")[0] == 0
    code, out, err = _run(capsys, "--user", "karim", "brands")
    assert (code, out) == (3, "")
    assert err == ("Erreur : Aucun compte actif «\u00a0karim\u00a0». Listez les comptes avec «\u00a0users "
                   "list\u00a0» ou créez-le avec «\u00a0users add\u00a0»\u00a0; rien n’a été fait.\n")


def test_an_unreviewed_junior_post_stops_the_word_send_until_a_reviewer_approves_it(agency, capsys, tmp_path):
    with acting_as(agency.people["jade"]), db.transaction(agency.engine) as s:
        post = agency.post(s)
        save_post(post.id, post.version, {"text": "Nos robes d’été en lin arrivent jeudi !"}, session=s)
    period = ("--brand", "Maison Lila", "--from", "2027-03-01", "--to", "2027-03-31", "--out", str(tmp_path / "m.docx"))
    code, _, err = _run(capsys, "--user", "sofia", "export", "docx", *period)
    assert code == 2 and f"client (1)\u00a0: {agency.ref}." in err and not (tmp_path / "m.docx").exists()
    assert _run(capsys, "--user", "sofia", "posts", "to-review", "--brand", "Maison Lila")[1] == (
        f"{agency.ref} · 2027-03-04 12:00 · Instagram · modifié par Jade\n")
    code, _, err = _run(capsys, "--user", "jade", "posts", "review", agency.ref)
    assert code == 3 and "valider un post en interne" in err
    assert _run(capsys, "--user", "sofia", "posts", "review", agency.ref)[:2] == (
        0, f"Post {agency.ref} validé en interne par Sofia\u00a0: il peut aller au client.\n")
    assert _run(capsys, "--user", "sofia", "export", "docx", *period)[0] == 0
    assert (tmp_path / "m.docx").exists()


def test_a_cm_cannot_send_the_calendar_through_the_cli(agency, capsys, tmp_path):
    code, _, err = _run(capsys, "--user", "karim", "export", "docx", "--brand", "Maison Lila", "--from", "2027-03-01",
                        "--to", "2027-03-31", "--out", str(tmp_path / "m.docx"))
    assert code == 3 and "envoyer le calendrier au client" in err


def test_an_owner_gives_a_role_on_one_brand_and_another_workspaces_owner_cannot(agency, capsys, monkeypatch):
    assert _run(capsys, "--user", "claire", "users", "role", "karim", "reader", "--brand", "Maison Lila")[1] == (
        "«\u00a0karim\u00a0» est maintenant lecteur sur «\u00a0Maison Lila\u00a0».\n")
    code, _, err = _run(capsys, "--user", "ines", "users", "password", "claire", stdin="je prends la main",
                        monkeypatch=monkeypatch)
    assert code == 3
    code, out, _ = _run(capsys, "--user", "ines", "users", "list", "--json")
    assert code == 0 and "claire" not in out and '"ines"' in out


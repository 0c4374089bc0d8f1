"""The ``review`` commands: a link printed once, listed without its secret, revoked; the HTML
file written and its answers imported; a role without ``calendar.send`` refused with exit 3."""

from __future__ import annotations

import io
import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from core import db
from core.accounts.users import create_user
from core.cli.main import main
from core.posts import create_post
from tests.client.test_review_file import answered

PARIS = ZoneInfo("Europe/Paris")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def sent_cli(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("CALAME_PUBLIC_URL", "https://calame.agence-lumen.fr/")
    monkeypatch.delenv("CALAME_USER", raising=False)
    assert run(capsys, "demo", "--if-empty")[0] == 0
    with db.transaction() as s:
        ref = create_post(1, session=s, publish_at=datetime(2027, 3, 2, 12, 30, tzinfo=PARIS), network="instagram",
                          text="Nos robes d'été arrivent ☀️ « Lila »", status="a_valider").ref
    assert run(capsys, "export", "docx", "--brand", "Maison Lila", "--from", "2027-03-01", "--to", "2027-03-31",
               "--out", str(tmp_path / "mars.docx"))[0] == 0
    return tmp_path, ref


def test_a_link_is_printed_once_listed_without_its_secret_and_revoked(sent_cli, capsys, monkeypatch):
    tmp_path, ref = sent_cli
    monkeypatch.setattr("sys.stdin", io.StringIO("4821\n"))
    code, out, err = run(capsys, "review", "link", "create", "--snapshot", "1", "--pin", "--capability", "comment",
                         "--json")
    created = json.loads(out)
    assert (code, created["id"], created["capability"], created["pin"]) == (0, 1, "comment", True)
    assert created["url"].startswith("https://calame.agence-lumen.fr/?review=") and len(created["url"]) == 39 + 43
    code, out, _ = run(capsys, "review", "links", "--brand", "Maison Lila", "--json")
    listed = json.loads(out)
    assert created["url"].rsplit("=", 1)[1] not in out
    assert [(s["id"], s["posts"]) for s in listed["snapshots"]] == [(1, 1)]
    assert [(link["id"], link["kind"], link["state"], link["pin"]) for link in listed["links"]] == [
        (1, "link", "active", True)]
    assert run(capsys, "review", "link", "revoke", "1") == (0, "Lien n°\u00a01 désactivé.\n", "")
    assert json.loads(run(capsys, "review", "links", "--brand", "1", "--json")[1])["links"][0]["state"] == "revoked"
    code, _, err = run(capsys, "review", "link", "create", "--snapshot", "1", "--days", "61")
    assert code == 2 and err.endswith("Durée de validité impossible (61)\u00a0: de 1 à 60 jours.\n")


def test_the_review_file_is_written_and_its_answers_imported_once(sent_cli, capsys):
    tmp_path, ref = sent_cli
    out_path = tmp_path / "validation.html"
    code, out, _ = run(capsys, "review", "file", "--snapshot", "1", "--out", str(out_path))
    assert code == 0 and out.startswith(f"Fichier de validation n°\u00a01 écrit dans {out_path} (1 publication)")
    answers = tmp_path / "reponses.json"
    answers.write_bytes(answered(out_path.read_bytes(), {ref: {"decision": "valide", "comment": "", "text": ""}}))
    code, out, _ = run(capsys, "review", "import", str(answers), "--json")
    assert (code, json.loads(out)["totals"]["status_changes"]) == (0, 1)
    changed = answers.read_bytes().replace(b"valide", b"refuse")
    answers.write_bytes(changed)
    code, _, err = run(capsys, "review", "import", str(answers))
    assert code == 1 and "a été modifié après son export" in err


def test_a_cm_cannot_create_a_link_exit_3(sent_cli, capsys):
    with db.transaction() as s:
        create_user("Claire", "une phrase secrète", "owner", session=s, workspace="Agence Lumen")
    from core.accounts.context import acting_as
    from core.accounts.users import actor_of, find_user

    with db.transaction() as s:
        claire = actor_of(find_user(s, "claire"))
    with acting_as(claire), db.transaction() as s:
        create_user("Karim", "mot de passe du cm", "cm", session=s)
    code, _, err = run(capsys, "--user", "karim", "review", "link", "create", "--snapshot", "1")
    assert code == 3 and "Erreur" in err
    from core.accounts.context import set_actor

    set_actor(None)

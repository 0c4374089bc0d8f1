"""``python -m core crisis start|end``: the JSON the issue fixes, the words a person reads,
and a clear refusal for a crisis started twice or ended when none is open."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlmodel import select

from core import db
from core.brands import create_brand
from core.cli.main import main
from core.models import Post, utcnow
from core.posts import create_post


@pytest.fixture
def database(tmp_path, monkeypatch):
    """Maison Lila with a post scheduled in two hours, one approved tomorrow, one next month."""
    url = f"sqlite:///{tmp_path / 'calame.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    engine = db.make_engine(url)
    db.upgrade(engine)
    now = utcnow()
    with db.transaction(engine) as s:
        brand = create_brand("Maison Lila", session=s)
        refs = [create_post(brand.id, session=s, publish_at=now + timedelta(hours=hours), network="instagram",
                            text=text, status=status).ref
                for status, hours, text in [("programme", 2, "Nos robes d'été arrivent !"),
                                            ("valide", 24, "L'atelier couture ouvre samedi."),
                                            ("programme", 24 * 30, "Soldes d'été : tout à -30 %.")]]
    yield engine, refs
    engine.dispose()


def _statuses(engine):
    with db.transaction(engine) as s:
        return {p.ref: (p.status, p.version) for p in s.exec(select(Post))}


def test_crisis_start_prints_the_brand_the_crisis_the_suspended_posts_and_the_end(database, capsys):
    engine, refs = database
    assert main(["crisis", "start", "--brand", "Maison Lila", "--hours", "48", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert sorted(printed) == ["brand", "crisis_id", "suspended", "until"]
    assert (printed["brand"], printed["suspended"]) == ("Maison Lila", refs[:2])
    assert printed["until"].endswith(("+01:00", "+02:00"))  # the brand's time zone, Paris
    assert _statuses(engine) == {refs[0]: ("suspendu", 2), refs[1]: ("suspendu", 2), refs[2]: ("programme", 1)}


def test_crisis_end_gives_the_posts_back_for_approval_and_says_each_must_be_approved_again(database, capsys):
    engine, refs = database
    assert main(["crisis", "start", "--brand", "Maison Lila", "--by", "Inès"]) == 0
    started = capsys.readouterr().out.splitlines()
    assert started[1:] == [f"  {refs[0]} (était\u00a0: Programmé)\u00a0: à déprogrammer aussi dans l’outil qui la publie",
                           f"  {refs[1]} (était\u00a0: Validé)"]
    assert main(["crisis", "end", "--brand", "Maison Lila"]) == 0
    assert capsys.readouterr().out.splitlines()[0].endswith(
        f"2 publication(s) remise(s) «\u00a0à valider\u00a0», à revalider une par une\u00a0: {refs[0]}, {refs[1]}.")
    assert _statuses(engine) == {refs[0]: ("a_valider", 3), refs[1]: ("a_valider", 3), refs[2]: ("programme", 1)}


def test_a_crisis_started_twice_is_refused_with_the_way_out_and_nothing_changes(database, capsys):
    engine, refs = database
    assert main(["crisis", "start", "--brand", "Maison Lila"]) == 0
    capsys.readouterr()
    before = _statuses(engine)
    assert main(["--ui", "en", "crisis", "start", "--brand", "Maison Lila", "--hours", "12"]) == 2
    err = capsys.readouterr().err
    assert err.startswith('Error: A crisis is already open for "Maison Lila" since ')
    assert err.rstrip().endswith('End it (Crisis screen or "crisis end") before opening another; nothing was changed.')
    assert _statuses(engine) == before


def test_ending_when_no_crisis_is_open_is_refused(database, capsys):
    assert main(["crisis", "end", "--brand", "Maison Lila", "--json"]) == 2
    assert capsys.readouterr().err == (
        "Erreur : Aucune crise en cours pour «\u00a0Maison Lila\u00a0»\u00a0: rien à terminer. Si un bad buzz commence, "
        "ouvrez-en une (écran Crise ou «\u00a0crisis start\u00a0»).\n")

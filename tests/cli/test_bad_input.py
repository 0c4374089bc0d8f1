"""Every subcommand of ``python -m core``, given a missing, an empty, a binary and a malformed
input, stops with the exit code docs/cli.md gives it and a message in the reader's
language, never a traceback.

A subcommand's input is the file it reads; for the subcommands that read no file, it is
the database (``DATABASE_URL``). The list of subcommands comes from the parser, so a new
subcommand fails ``test_every_subcommand_is_given_bad_input`` until it has a case here.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sqlite3
from dataclasses import dataclass

import pytest

from core import db, demo
from core.cli.main import build_parser, main
from core.i18n import messages

FILE = "{file}"
KINDS = ("missing", "empty", "binary", "malformed")
JUNK = bytes(range(256)) * 4  # NUL bytes and invalid UTF-8, as in an image or an archive
NEWER_DATABASE = "a Calame database migrated by a newer Calame"


@dataclass(frozen=True)
class Case:
    """How one subcommand is run on a bad input, and what each kind of input must give."""

    argv: tuple[str, ...]  # FILE stands for the input's path
    suffix: str
    malformed: bytes | str  # the malformed input; NEWER_DATABASE is built by the fixture
    missing: tuple[int, str]  # (exit code, message key) for each kind of input
    empty: tuple[int, str]
    binary: tuple[int, str]
    bad: tuple[int, str]
    malformed_suffix: str | None = None
    database: bool = False  # the input is the database, not a file argument


BAD_TOML = b'format = "calame-brief/1"\n[brand\nname = "Maison Lila"\n'
BRIEF = dict(suffix=".toml", malformed=BAD_TOML, missing=(2, "cli.file_not_found"),
             empty=(1, "cli.problem_count"), binary=(2, "brief.not_utf8"), bad=(2, "brief.not_toml"))
DATABASE = dict(suffix=".db", malformed=NEWER_DATABASE, missing=(2, "db.folder_is_file"),
                binary=(2, "db.not_a_database"), bad=(2, "db.unknown_revision"), database=True)
TEXTS = dict(suffix=".txt", malformed=b"PK\x03\x04 not a zip", malformed_suffix=".docx",
             missing=(2, "cli.file_not_found"), empty=(1, "kw.err_empty"), binary=(2, "text.err_binary"),
             bad=(2, "kw.err_docx"))
PERIOD = ("--brand", "Maison Lila", "--from", "2027-03-01", "--to", "2027-03-31")

CASES = {
    "db upgrade": Case(("db", "upgrade"), empty=(0, "cli.db_ready"), **DATABASE),
    "demo": Case(("demo",), empty=(0, "cli.demo_loaded"), **DATABASE),
    "brands": Case(("brands",), empty=(0, "cli.no_brands"), **DATABASE),
    "brief export": Case(("brief", "export", "Maison Lila"), empty=(2, "brand.not_found"), **DATABASE),
    "brief import": Case(("brief", "import", FILE), **BRIEF),
    "brief validate": Case(("brief", "validate", FILE), **BRIEF),
    "export docx --brief": Case(("export", "docx", "--brief", FILE, "--start", "2027-03-01"), **BRIEF),
    "export docx --brand": Case(("export", "docx", *PERIOD, "--out", "{tmp}/mars.docx"),
                                empty=(2, "brand.not_found"), **DATABASE),
    "export ics": Case(("export", "ics", *PERIOD), empty=(2, "brand.not_found"), **DATABASE),
    "export csv": Case(("export", "csv", *PERIOD), empty=(2, "brand.not_found"), **DATABASE),
    "import-csv": Case(("import-csv", FILE, "--brand", "Maison Lila"), suffix=".csv",
                       malformed="titre;jour\nSoldes d'été;lundi\n".encode(),
                       missing=(2, "cli.file_not_found"), empty=(2, "csv.empty"),
                       binary=(2, "csv.not_utf8"), bad=(2, "csv.missing_columns")),
    "approvals import": Case(("approvals", "import", FILE, "--dry-run"), suffix=".docx",
                             malformed=b"PK\x03\x04 not a zip", missing=(2, "cli.file_not_found"),
                             empty=(1, "approvals.empty_file"), binary=(1, "approvals.not_docx"),
                             bad=(1, "approvals.corrupt")),
    "approvals tacit": Case(("approvals", "tacit", "--brand", "Maison Lila"),
                            empty=(2, "brand.not_found"), **DATABASE),
    "plan": Case(("plan", FILE, "--start", "2027-03-01", "--months", "1", "--json", "--no-score"), **BRIEF),
    "score": Case(("score", FILE), suffix=".txt", malformed="Bonjour à tous".encode()[:-1] + b"\xc3",
                  missing=(2, "cli.file_not_found"), empty=(1, "cli.nothing_to_score"),
                  binary=(2, "cli.not_utf8"), bad=(2, "cli.not_utf8")),
    "score --jsonl": Case(("score", "--jsonl", FILE), suffix=".jsonl",
                          malformed=b'{"id": 1, "text": "Bonjour"}\n{"id": 2, "text": }\n',
                          missing=(2, "cli.file_not_found"), empty=(1, "cli.jsonl_empty"),
                          binary=(2, "cli.not_utf8"), bad=(1, "cli.jsonl_not_json")),
    "results import": Case(("results", "import", FILE, "--brand", "Maison Lila", "--dry-run"), suffix=".csv",
                           malformed="mois;montant\nmars;1200\n".encode(), missing=(2, "cli.file_not_found"),
                           empty=(1, "results.empty_file"), binary=(2, "text.err_binary"),
                           bad=(1, "results.unknown_format")),
    "results map": Case(("results", "map", FILE, "--brand", "Maison Lila"), suffix=".csv",
                        malformed="mois;montant\nmars;1200\n".encode(), missing=(2, "cli.file_not_found"),
                        empty=(2, "results.empty_file"), binary=(2, "text.err_binary"), bad=(1, "results.map_invalid")),
    "results mappings": Case(("results", "mappings", "--brand", "Maison Lila"), empty=(2, "brand.not_found"),
                             **DATABASE),
    "results report": Case(("results", "report", *PERIOD), empty=(2, "brand.not_found"), **DATABASE),
    "results proposals": Case(("results", "proposals", "--brand", "Maison Lila"), empty=(2, "brand.not_found"), **DATABASE),
    "results accept": Case(("results", "accept", "1"), empty=(2, "proposal.unknown"), **DATABASE),
    "results refuse": Case(("results", "refuse", "1"), empty=(2, "proposal.unknown"), **DATABASE),
    "keywords": Case(("keywords", FILE), **TEXTS),
    "readability": Case(("readability", FILE), **TEXTS),
    "crisis start": Case(("crisis", "start", "--brand", "Maison Lila"), empty=(2, "brand.not_found"), **DATABASE),
    "crisis end": Case(("crisis", "end", "--brand", "Maison Lila"), empty=(2, "brand.not_found"), **DATABASE),
    "users list": Case(("users", "list"), empty=(0, "accounts.no_users"), **DATABASE),
    "users role": Case(("users", "role", "karim", "cm"), empty=(2, "accounts.unknown_user"), **DATABASE),
    "users deactivate": Case(("users", "deactivate", "karim"), empty=(2, "accounts.unknown_user"), **DATABASE),
    "users review-cm": Case(("users", "review-cm", "on"), empty=(2, "accounts.no_users"), **DATABASE),
    "posts to-review": Case(("posts", "to-review", "--brand", "Maison Lila"), empty=(2, "brand.not_found"),
                            **DATABASE),
    "posts review": Case(("posts", "review", "CAL-2027-03-001"), empty=(2, "review.post_not_found"), **DATABASE),
    "audit": Case(("audit", "--brand", "Maison Lila"), empty=(2, "brand.not_found"), **DATABASE),
    "crisis debrief": Case(("crisis", "debrief", "--brand", "Maison Lila", "--out", "{tmp}/debrief.docx"),
                           empty=(2, "brand.not_found"), **DATABASE),
    "crisis file export": Case(("crisis", "file", "export", "Maison Lila", "{tmp}/dossier.toml"),
                               empty=(2, "brand.not_found"), **DATABASE),
    "crisis file import": Case(("crisis", "file", "import", "Maison Lila", FILE), suffix=".toml",
                               malformed=b'format = "calame-crisis-file/1"\n[[risks]\nname = "Rupture"\n',
                               missing=(2, "cli.file_not_found"), empty=(1, "cli.problem_count"),
                               binary=(2, "cli.not_utf8"), bad=(2, "crisis.file.not_toml")),
    "media plan": Case(("media", "plan", *PERIOD, "--budget", "1000"), empty=(2, "brand.not_found"), **DATABASE),
    "media costs import": Case(("media", "costs", "import", FILE, "--brand", "Maison Lila"), suffix=".csv",
                               malformed="Titre;Vues\nMa vidéo;1200\n".encode(), missing=(2, "cli.file_not_found"),
                               empty=(2, "media.costs_empty"), binary=(2, "text.err_binary"),
                               bad=(2, "media.costs_unknown")),
    "review links": Case(("review", "links", "--brand", "Maison Lila"), empty=(2, "brand.not_found"), **DATABASE),
    "review link create": Case(("review", "link", "create", "--snapshot", "1"), empty=(2, "review.unknown_snapshot"),
                               **DATABASE),
    "review link revoke": Case(("review", "link", "revoke", "1"), empty=(2, "review.unknown_link"), **DATABASE),
    "review link reissue": Case(("review", "link", "reissue", "1"), empty=(2, "review.unknown_link"), **DATABASE),
    "review file": Case(("review", "file", "--snapshot", "1", "--out", "{tmp}/validation.html"),
                        empty=(2, "review.unknown_snapshot"), **DATABASE),
    "review import": Case(("review", "import", FILE, "--dry-run"), suffix=".json",
                          malformed=b'{"calame_review":1,"payload":{"file":"x"},"signature":"00"}',
                          missing=(2, "cli.file_not_found"), empty=(1, "review_file.not_answers"),
                          binary=(1, "review_file.not_answers"), bad=(1, "review_file.tampered")),
}

# Subcommands that read neither a file nor the database: their bad input is an argument.
ARGUMENT_CASES = {
    "moments bad country": (("moments", "--country", "XX", "--year", "2027"), 2, "moments.bad_country"),
    "moments impossible year": (("moments", "--country", "FR", "--year", "2027-13"), 2, "moments.bad_year"),
    "moments year 1": (("moments", "--country", "FR", "--year", "1"), 2, "moments.bad_year"),
    "moments unknown sector": (("moments", "--country", "BE", "--year", "2027", "--sector", "licornes"),
                               2, "moments.bad_sector"),
    "crisis window of 0 hours": (("crisis", "start", "--brand", "Maison Lila", "--hours", "0"), 2, "crisis.bad_hours"),
    "crisis window of 10000 hours": (("crisis", "start", "--brand", "Maison Lila", "--hours", "10000"),
                                     2, "crisis.bad_hours"),
    "users add without password": (("users", "add", "Karim", "--role", "cm"), 2, "accounts.no_password"),
    "users password without password": (("users", "password", "karim"), 2, "accounts.no_password"),
    "crisis gravity 4": (("crisis", "start", "--brand", "Maison Lila", "--gravity", "4"), 2, "crisis.bad_gravity"),
    "crisis unknown type": (("crisis", "start", "--brand", "Maison Lila", "--type", "rumeur"), 2, "crisis.bad_kind"),
    "media budget of 0": (("media", "plan", *PERIOD, "--budget", "0"), 2, "media.bad_budget"),
    "media negative budget": (("media", "plan", *PERIOD, "--budget", "-500"), 2, "media.bad_budget"),
    "media split over 100": (("media", "plan", *PERIOD, "--budget", "1000", "--split", "70/30/10"),
                             2, "media.bad_split"),
}


def _subparsers(parser) -> dict:
    return next((a.choices for a in parser._actions if isinstance(a, argparse._SubParsersAction)), {})


def _leaves(parser, prefix=()):
    """Every runnable subcommand of ``parser``, as the words one types."""
    for name, sub in _subparsers(parser).items():
        yield from list(_leaves(sub, (*prefix, name))) or [(*prefix, name)]


def _command(argv) -> tuple[str, ...]:
    """The subcommand words at the start of ``argv`` (``("export", "docx")``)."""
    parser, words = build_parser(), []
    for word in argv:
        choices = _subparsers(parser)
        if word not in choices:
            break
        parser = choices[word]
        words.append(word)
    return tuple(words)


def test_every_subcommand_is_given_bad_input():
    leaves = set(_leaves(build_parser()))
    covered = {_command(case.argv) for case in CASES.values()}
    covered |= {_command(argv) for argv, _, _ in ARGUMENT_CASES.values()}
    assert {"not covered": sorted(" ".join(c) for c in leaves - covered),
            "not runnable": sorted(" ".join(c) for c in covered - leaves)} == {
        "not covered": [], "not runnable": []}


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A migrated database with the demo brand, and one migrated by a newer Calame."""
    folder = tmp_path_factory.mktemp("databases")
    engine = db.make_engine(f"sqlite:///{folder / 'demo.db'}")
    demo.ensure_demo(engine)
    engine.dispose()
    shutil.copy(folder / "demo.db", folder / "newer.db")
    with sqlite3.connect(folder / "newer.db") as conn:
        conn.execute("update alembic_version set version_num = 'f00dcafe2099'")
    conn.close()
    return folder


def _input(case: Case, kind: str, tmp_path, template):
    """The path of the bad input of this kind, written to ``tmp_path``."""
    suffix = case.malformed_suffix if kind == "malformed" and case.malformed_suffix else case.suffix
    if case.database and kind == "missing":  # its folder cannot be created: a file stands there
        (tmp_path / "a-file").write_bytes(b"")
        return tmp_path / "a-file" / "calame.db"
    path = tmp_path / f"{kind}{suffix}"
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "binary":
        path.write_bytes(JUNK)
    elif kind == "malformed" and case.malformed == NEWER_DATABASE:
        shutil.copy(template / "newer.db", path)
    elif kind == "malformed":
        path.write_bytes(case.malformed)
    return path


def _literal_parts(key: str, lang: str) -> set[str]:
    """The fixed words of a message, between its placeholders and the plural marks a count
    resolves ("problème(s)" reads "problème" or "problèmes")."""
    text = messages()[key][lang]
    parts = (p.replace("{{", "{").replace("}}", "}").strip()
             for p in re.split(r"(?<!\{)\{\w+\}(?!\})|\((?:s|x)\)", text))
    return {p for p in parts if len(p) >= 4}


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_gets_its_exit_code_and_a_message_in_the_readers_language(
        name, kind, lang, tmp_path, template, monkeypatch, capsys):
    case = CASES[name]
    path = _input(case, kind, tmp_path, template)
    if case.database:
        monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    else:
        shutil.copy(template / "demo.db", tmp_path / "calame.db")
        monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'calame.db'}")
    argv = [a.replace(FILE, str(path)).replace("{tmp}", str(tmp_path)) for a in case.argv]
    code, key = getattr(case, "bad" if kind == "malformed" else kind)

    assert main(["--ui", lang, *argv]) == code
    out, err = capsys.readouterr()
    other = "en" if lang == "fr" else "fr"
    assert "Traceback" not in out + err
    assert sorted(p for p in _literal_parts(key, lang) if p not in err) == []
    assert sorted(p for p in _literal_parts(key, other) - _literal_parts(key, lang) if p in err) == []
    if code == 2:
        assert err.startswith({"fr": "Erreur : ", "en": "Error: "}[lang])


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", list(ARGUMENT_CASES))
def test_a_bad_argument_gets_its_exit_code_and_a_message_in_the_readers_language(name, lang, capsys):
    argv, code, key = ARGUMENT_CASES[name]
    assert main(["--ui", lang, *argv]) == code
    out, err = capsys.readouterr()
    other = "en" if lang == "fr" else "fr"
    assert "Traceback" not in out + err
    assert sorted(p for p in _literal_parts(key, lang) if p not in err) == []
    assert sorted(p for p in _literal_parts(key, other) - _literal_parts(key, lang) if p in err) == []
    assert err.startswith({"fr": "Erreur : ", "en": "Error: "}[lang])

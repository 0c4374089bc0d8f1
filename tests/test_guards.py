"""Guards: reference data loads, every message exists in both languages, every CLI
subcommand is documented, the migrations match the models, core/ stays UI-free."""

import ast
import csv
import tomllib
from pathlib import Path

import pytest

from core.cli.main import build_parser
from core.i18n import messages

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.mark.parametrize("path", sorted(DATA.rglob("*.toml")), ids=lambda p: str(p.relative_to(DATA)))
def test_every_toml_data_file_loads(path):
    assert tomllib.loads(path.read_text(encoding="utf-8"))


def test_every_csv_and_word_list_data_file_loads():
    empty = []
    for path in sorted(DATA.rglob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            if not list(csv.DictReader(line for line in fh if not line.startswith("#"))):
                empty.append(str(path))
    for path in sorted(DATA.rglob("*.txt")):
        words = [w for w in (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines()) if w]
        if not words:
            empty.append(str(path))
    assert empty == []


def test_every_message_exists_in_french_and_english():
    incomplete = sorted(k for k, v in messages().items() if not (v.get("fr") and v.get("en")))
    assert incomplete == []


def _subcommands(parser, prefix=()):
    import argparse

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*prefix, name)
                yield from _subcommands(sub, (*prefix, name))


def test_every_cli_subcommand_is_documented():
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    undocumented = [" ".join(c) for c in _subcommands(build_parser()) if f"python -m core {' '.join(c)}" not in doc]
    assert undocumented == []


def test_core_never_imports_streamlit():
    offenders = []
    for path in (ROOT / "core").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n.split(".")[0] == "streamlit" for n in names):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_the_migrations_create_exactly_the_schema_of_the_models(sqlite_engine):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    import core.models  # noqa: F401

    with sqlite_engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == []

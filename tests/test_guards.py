"""Guards: reference data loads, every message exists in both languages, every CLI
subcommand is documented, the migrations match the models, core/ stays UI-free, its
import graph has no cycle, and only core/cli/ parses arguments and prints."""

import argparse
import ast
import csv
import graphlib
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


def _core_modules() -> dict[str, Path]:
    """Every module of core/ by its dotted name (a package by its own name, not ``__init__``)."""
    modules = {}
    for path in sorted((ROOT / "core").rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def _imports(name: str, path: Path, modules) -> set[str]:
    """The core modules ``name`` imports anywhere in its file, functions included."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # ``from core import db`` imports the module core.db; ``from core.db import x`` core.db
            found.update(f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names)
    return {m for m in found if m in modules and m != name}


def core_import_graph() -> dict[str, set[str]]:
    modules = _core_modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def test_the_import_graph_reads_imports_inside_functions_and_relative_ones():
    graph = core_import_graph()
    assert {"core.db", "core.brief", "core.i18n", "core.language.clean"} <= graph["core.cli.common"]
    assert "core.brands" in graph["core.cli.common"]  # imported inside a function
    assert graph["core.__main__"] == {"core.cli.main"}


def test_the_import_graph_of_core_has_no_cycle():
    graph = core_import_graph()
    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError as exc:
        pytest.fail("import cycle, each module importing the next: " + " -> ".join(reversed(exc.args[1])))


def test_only_core_cli_parses_arguments_and_prints():
    offenders = []
    for name, path in _core_modules().items():
        if name.startswith("core.cli.") or name == "core.cli":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                if any(n.split(".")[0] == "argparse" for n in names):
                    offenders.append(f"{name}:{node.lineno} imports argparse")
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print":
                offenders.append(f"{name}:{node.lineno} calls print()")
            elif isinstance(node, ast.Attribute) and node.attr in ("stdout", "stderr") and \
                    isinstance(node.value, ast.Name) and node.value.id == "sys":
                offenders.append(f"{name}:{node.lineno} writes to sys.{node.attr}")
    assert offenders == []


def test_the_migrations_create_exactly_the_schema_of_the_models(sqlite_engine):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    import core.models  # noqa: F401

    with sqlite_engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == []

"""The scoring layer's layout: one module a rule family, each rule naming its reference, and
imports that go one way: scoring reads the language layer, never the reverse, and no
scoring module imports the CLI. (tests/test_guards.py checks the whole of core/ for import
circles, printing and argument parsing.)"""

from __future__ import annotations

import ast
import importlib
import pkgutil

from core.scoring import rules
from tests.conftest import ROOT

LAYERS = ("core/scoring", "core/language")


def _module_name(path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """Module -> the core modules it imports, for every module of the two layers."""
    modules = {_module_name(p): p for layer in LAYERS for p in (ROOT / layer).rglob("*.py")}
    graph = {}
    for name, path in modules.items():
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    sub = f"{node.module}.{alias.name}"
                    targets.add(sub if sub in modules else node.module)
        graph[name] = {t for t in targets if t.startswith("core.")}
    return graph


def test_every_rule_family_is_a_module_whose_rule_names_its_reference():
    families = sorted(m.name for m in pkgutil.iter_modules(rules.__path__))
    assert families == ["accessibility", "coherence", "cta", "engagement", "grammar", "hashtags", "hook", "keywords",
                        "length", "meaning", "readability", "sense", "seo", "spelling_en", "tone", "typography", "voice"]
    unreferenced = [name for name in families
                    if "Reference:" not in (importlib.import_module(f"core.scoring.rules.{name}").check.__doc__ or "")]
    assert unreferenced == []


def test_the_language_layer_never_imports_scoring_and_nothing_imports_the_cli():
    graph = _imports()
    backwards = sorted(f"{m} -> {t}" for m, ts in graph.items() if m.startswith("core.language")
                       for t in ts if t.startswith("core.scoring"))
    cli = sorted(f"{m} -> {t}" for m, ts in graph.items() for t in ts if t.startswith("core.cli"))
    assert (backwards, cli) == ([], [])


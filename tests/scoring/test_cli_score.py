"""``python -m core score``: one file as JSON, a JSON Lines batch, an unknown network."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT


def test_cli_scores_a_file_as_json_and_jsonl_from_stdin(tmp_path):
    path = tmp_path / "post.txt"
    path.write_text("Bonjour à tous ! Voici la robe Capucine.", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "core", "score", "--network", "linkedin", "--lang", "fr",
                          str(path), "--json"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) == {"score", "subscores", "suggestions", "stats"}
    assert {s["code"] for s in data["suggestions"]} >= {"hook.greeting"}
    lines = "\n".join(json.dumps(x, ensure_ascii=False) for x in [
        {"id": 1, "text": "Robe Capucine en lin.", "network": "x", "lang": "fr"},
        {"id": "deux", "text": "Summer dress!", "network": "instagram", "keywords": ["dress"], "lang": "en"},
    ]) + "\nnot json\n"
    out = subprocess.run([sys.executable, "-m", "core", "score", "--jsonl"], input=lines, cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    results = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["id"] for r in results] == [1, "deux"]
    assert out.returncode == 1 and "Ligne 3" in out.stderr
    out = subprocess.run([sys.executable, "-m", "core", "score", "--network", "myspace", "-"], input="x",
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 2 and "myspace" in out.stderr and "Traceback" not in out.stderr


"""``python -m core score``: one file as JSON, a JSON Lines batch, an unknown network."""

from __future__ import annotations

import json
import re
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
    assert set(data) == {"score", "grammar_checked", "grammar", "subscores", "suggestions", "stats"}
    assert data["grammar_checked"] is True
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



def _score(args, stdin=None, env=None):
    import os
    out = subprocess.run([sys.executable, "-m", "core", "score", *args], input=stdin, cwd=ROOT,
                         capture_output=True, text=True, timeout=180, env={**os.environ, **(env or {})})
    if "--json" in args:
        return out, [json.loads(out.stdout)] if out.stdout.strip() else []
    return out, [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def _codes(result, prefix):
    return [s["code"] for s in result["suggestions"] if s["code"].startswith(prefix)]


TU_POST = "Tu cherches un cadeau pour la fête des pères ? Venez découvrir nos coffrets en boutique."
TU_BRAND = {"name": "Cave Saint-Roch", "address": "tu", "emojis": False, "words_to_avoid": ["pas cher"],
            "brand_hashtag": "#CaveSaintRoch"}


def test_jsonl_lines_carry_their_brand_objective_and_sector_and_a_bad_brief_skips_only_its_line(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text("[brand\nname = 'Cave'\n", encoding="utf-8")
    brief = tmp_path / "cave.toml"
    brief.write_text('[brand]\nname = "Cave Saint-Roch"\nsector = "restauration"\nbrand_hashtag = "#CaveSaintRoch"\n'
                     '[tone]\naddress = "tu"\nemojis = false\n', encoding="utf-8")
    lines = [
        {"id": "objet", "text": TU_POST, "network": "facebook", "lang": "fr", "objective": "conversion",
         "sector": "caviste", "brand": TU_BRAND},
        {"id": "manque", "text": TU_POST, "lang": "fr", "brief": str(tmp_path / "absent.toml")},
        {"id": "casse", "text": TU_POST, "lang": "fr", "brief": str(broken)},
        {"id": "brief", "text": TU_POST, "network": "facebook", "lang": "fr", "brief": str(brief)},
        {"id": "nu", "text": TU_POST, "network": "facebook", "lang": "fr"},
        {"id": "adresse", "text": TU_POST, "lang": "fr", "brand": {"name": "Cave", "address": "il"}},
    ]
    out, results = _score(["--jsonl"], "\n".join(json.dumps(x, ensure_ascii=False) for x in lines))
    assert out.returncode == 1
    assert [r["id"] for r in results] == ["objet", "brief", "nu"]
    stderr = out.stderr.splitlines()
    assert [re.match(r"Ligne (\d+)", line).group(1) for line in stderr] == ["2", "3", "6"]
    assert "absent.toml" in stderr[0] and "broken.toml" in stderr[1] and "tu, vous" in stderr[2]
    by_id = {r["id"]: r for r in results}
    assert (by_id["objet"]["stats"]["objective"], by_id["objet"]["stats"]["sector"]) == ("conversion", "caviste")
    assert by_id["brief"]["stats"]["sector"] == "restauration"
    assert _codes(by_id["objet"], "tone.address") == ["tone.address_mismatch"]
    assert _codes(by_id["brief"], "tone.address") == ["tone.address_mismatch"]
    assert _codes(by_id["nu"], "tone.address") == ["tone.address_mixed"]
    assert _codes(by_id["nu"], "hashtags.brand") == []


def test_score_takes_a_brief_file_or_a_brand_of_the_database(tmp_path):
    post = tmp_path / "post.txt"
    post.write_text("Vous cherchez une robe d’été\u202f? Découvrez Capucine, en lin lavé, via le lien en bio. "
                    "#RobeDEte", encoding="utf-8")
    brief = tmp_path / "tu.toml"
    brief.write_text('[brand]\nname = "Maison Lila"\nbrand_hashtag = "#MaisonLila"\n[tone]\naddress = "tu"\n',
                     encoding="utf-8")
    out, (result,) = _score(["--lang", "fr", "--brief", str(brief), str(post), "--json"])
    assert out.returncode == 0, out.stderr
    assert _codes(result, "tone.address") == ["tone.address_mismatch", "tone.address_mismatch"]
    assert _codes(result, "hashtags.brand") == ["hashtags.brand_missing"]
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'calame.db'}"}
    subprocess.run([sys.executable, "-m", "core", "demo"], cwd=ROOT, capture_output=True, timeout=180,
                   env={**__import__("os").environ, **env}, check=True)
    out, (result,) = _score(["--lang", "fr", "--brand", "Maison Lila", str(post), "--json"], env=env)
    assert out.returncode == 0, out.stderr
    assert _codes(result, "tone.address") == [] and _codes(result, "hashtags.brand") == ["hashtags.brand_missing"]
    out, _ = _score(["--lang", "fr", "--brand", "Maison Absente", str(post)], env=env)
    assert out.returncode == 2 and "Maison Absente" in out.stderr and "Traceback" not in out.stderr

"""How drafts name a brief's offers: counts of the faults a senior CM reads as wrong French or English.

For each 12-month plan (the JSON of ``python -m core plan BRIEF --start 2027-01-01 --months 12
--json --no-score``), over the posts' text, hashtags left out:

- ``bare``: a French offer name that starts with a common noun (spaCy: NOUN in "Voici notre …")
  written without a determiner ("on te montre salle Traboule 404", "découvrir salle…"); a
  coordinated name whose second noun lacks its article ("l'examen complet et nettoyage") too;
- ``verb``: a name that is an infinitive phrase ("devenir mentor", "Become a mentor") anywhere
  but at the head of a line before "," or ":" ("un mot sur devenir mentor");
- ``en_bare``: an English name ending in a common noun written without a determiner
  ("What to know about Christmas gift box");
- ``tautology``: a line that gives the name, a colon or a comma, then its description when the
  description's head noun is the name's ("La livraison à domicile : une livraison le jeudi
  soir"; "…, c'est une livraison…" is a definition, not counted), and a line
  "name, price : condition" that joins the price to a practical condition ("…, à partir de
  450 $ : un examen préalable obligatoire").

Run: ``python -m bench naming --plans DIR`` where DIR holds ``<brief stem>.json`` plans; the
briefs are looked up in tests/data/briefs_review/ and data/demo/. It prints one row a brief and
the totals; it checks no target (returns 0), it measures.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BRIEF_DIRS = [ROOT / "tests/data/briefs_review", ROOT / "data/demo"]
_DET_FR = {"le", "la", "les", "l", "du", "des", "au", "aux", "notre", "nos", "votre", "vos", "ton", "ta", "tes",
           "ce", "cet", "cette", "ces", "un", "une", "son", "sa", "ses", "leur", "leurs", "mon", "ma", "mes"}
_DET_EN = {"the", "our", "a", "an", "your", "this", "that", "my", "their", "its", "these", "those"}


@lru_cache(maxsize=512)
def _parse(phrase: str):
    from core.language.nlp import get_nlp
    doc = get_nlp("fr")(f"Voici notre {phrase}.")
    return [(t.text, t.pos_, t.dep_, t.head.i - 2, str(t.morph), t.lemma_) for t in doc][2:-1]


def _fr_common(name: str) -> bool:
    toks = _parse(name)
    return bool(toks) and name[:1].islower() and toks[0][1] == "NOUN"


def _fr_verbal(name: str) -> bool:
    toks = _parse(name)
    toks = [t for t in toks if t[1] != "PRON"]
    return bool(toks) and toks[0][1] == "VERB" and "VerbForm=Inf" in toks[0][4]


def _en_verbal(name: str) -> bool:
    from core.planning import english
    return english.verbal(name)


def _fr_coordinated(name: str) -> bool:
    """"examen complet et nettoyage": two coordinated nouns (the rule of core.planning.french)."""
    from core.planning import french
    return bool(french._coordinated(name))


def _before(text: str, start: int) -> str:
    m = re.search(r"([\w]+)[\s’']*$", text[:start])
    return m[1].lower() if m else ""


def _occurrences(text: str, name: str):
    rx = re.compile(r"(?<![#\w])" + "[" + name[0].lower() + name[0].upper() + "]" + re.escape(name[1:]) + r"(?!\w)")
    return list(rx.finditer(text))


def _line_start(text: str, start: int) -> bool:
    line = text[:start].rsplit("\n", 1)[-1]
    return not re.search(r"[\w]", line)


def _heading(text: str, start: int, end: int) -> bool:
    """A name in a heading's place, where French and English drop the article: at the head of a
    line, or after a field's label ("Titre : Chemise Anna", "Requête cible : …"), and followed
    by "," ":" or the end of the line."""
    line = text[:start].rsplit("\n", 1)[-1]
    lead = not re.search(r"\w", line) or re.fullmatch(r"\W*[\w\s-]{1,25}\s?:\W*", line)
    return bool(lead) and bool(re.match(r"\s?[,:\u00a0]|\s*$|\s*\n", text[end:end + 2]))


def _head_stem(phrase: str, lang: str) -> str:
    words = re.findall(r"[\w-]+", phrase.lower())
    words = [w for w in words if w not in _DET_FR | _DET_EN | {"d", "de"}]
    if not words:
        return ""
    w = words[-1] if lang == "en" else words[0]
    return re.sub(r"(?<=\w{3})[sx]$", "", w)


def count(brief: dict, posts: list[dict]) -> dict[str, int]:
    lang = (brief["brand"].get("languages") or ["fr"])[0]
    out = {"bare": 0, "verb": 0, "en_bare": 0, "tautology": 0}
    offers = [o for o in brief.get("offers") or [] if o.get("name")]
    for post in posts:
        text = re.sub(r"#\w+", "", post.get("text") or "")
        for o in offers:
            name = o["name"].strip()
            verbal = _en_verbal(name) if lang == "en" else _fr_verbal(name)
            for m in _occurrences(text, name):
                if verbal:
                    after = text[m.end():m.end() + 2]
                    if not (_line_start(text, m.start()) and re.match(r"\s*[,:]", after)):
                        out["verb"] += 1
                    continue
                before = _before(text, m.start())
                if _heading(text, m.start(), m.end()):
                    continue
                if lang == "fr":
                    if " " not in name and before in ("de", "d"):  # "trois soirées de bénévolat"
                        continue
                    if _fr_coordinated(name) or _fr_common(name) and before not in _DET_FR:
                        out["bare"] += 1
                elif name.split()[-1].isalpha() and name.split()[-1].islower() and before not in _DET_EN:
                    out["en_bare"] += 1
            desc = (o.get("description") or "").strip()
            for line in text.split("\n"):
                low = line.lower()
                if name.lower() not in low:
                    continue
                if desc and _tautological(name, desc, lang) and re.search(
                        re.escape(name.lower()) + r"[^:,]{0,30}[:,][^:]{0,40}?" + re.escape(desc[:25].lower()),
                        low.replace("\u00a0", " ")) and not re.search(r"c’est|c'est|ce sont|\bis\b|\bare\b", low):
                    out["tautology"] += 1  # "X : un X…", "X, un X…"; "X, c'est un X…" defines it
                price = (o.get("price") or "").strip()
                kinds = dict(zip(o.get("proofs") or [], o.get("proof_kinds") or []))
                for proof, kind in kinds.items():
                    if price and kind == "service" and re.search(
                            re.escape(name.lower()) + r", " + re.escape(price.lower()) + r"\s?:\s" + re.escape(proof.lower()[:20]),
                            low.replace("\u00a0", " ").replace("\u202f", " ")):
                        out["tautology"] += 1
    return out


def _tautological(name: str, desc: str, lang: str) -> bool:
    """The description's head noun is the name's, and the name is a plain common-noun phrase
    ("livraison à domicile"); a named product ("robe Lila", "salle Traboule 404") is told by its kind."""
    if re.search(r"(?<!^)\b(?:[A-ZÉÈ]|\d)", name.strip()):
        return False
    head = _head_stem(name, lang)
    if lang == "en":
        return head in {re.sub(r"(?<=\w{3})[sx]$", "", w) for w in re.findall(r"[\w-]+", desc.lower())[:4]}
    return bool(head) and head == _head_stem(desc, lang)


def _brief(stem: str) -> dict | None:
    for d in BRIEF_DIRS:
        for p in (d / f"{stem}.toml",):
            if p.exists():
                return tomllib.loads(p.read_text())
    return None


def main(argv: list[str] | None = None) -> int:
    argv = list(argv if argv is not None else sys.argv[1:])
    if "--plans" not in argv:
        print("bench.naming: give --plans DIR (plans written by `python -m core plan BRIEF --start 2027-01-01"
              " --months 12 --json --no-score > DIR/<brief stem>.json`); nothing measured")
        return 0
    folder = Path(argv[argv.index("--plans") + 1])
    total = {"bare": 0, "verb": 0, "en_bare": 0, "tautology": 0}
    posts_n = 0
    for path in sorted(folder.glob("*.json")):
        brief = _brief(path.stem)
        if brief is None or not path.stat().st_size:
            continue
        posts = json.loads(path.read_text())["posts"]
        posts_n += len(posts)
        row = count(brief, posts)
        for k, v in row.items():
            total[k] += v
        print(f"{path.stem:32s} posts {len(posts):4d}  " + "  ".join(f"{k} {v:3d}" for k, v in row.items()))
    print(f"{'total':32s} posts {posts_n:4d}  " + "  ".join(f"{k} {v:3d}" for k, v in total.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

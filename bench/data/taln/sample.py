"""Rebuild ``abstracts.jsonl`` from a local clone of github:boudinfl/taln-archives.

Not run by the benchmark (which reads the committed sample, no network): kept so that the
sample can be checked and redrawn. How it samples: SOURCE.txt.

    python bench/data/taln/sample.py /path/to/taln-archives
"""

from __future__ import annotations

import json
import random
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
PER_SPLIT = 100
SEED = 2013
MIN_WORDS = 50
_FR = re.compile(r"\b(?:le|la|les|des|du|une|est|nous|dans|pour|sur|qui)\b", re.I)
_EN = re.compile(r"\b(?:the|of|and|is|we|this|that|for|with|which)\b", re.I)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def articles(clone: Path) -> list[dict]:
    out = []
    for path in sorted(list(clone.glob("TALN/TALN-*/taln-*.xml")) + list(clone.glob("RECITAL/RECITAL-*/recital-*.xml"))):
        for article in ET.parse(path).getroot().iter("article"):
            title, abstract = _clean(article.findtext("titre")), _clean(article.findtext("resume"))
            keywords = [k for k in (_clean(k) for k in re.split(r"[,;]", article.findtext("mots_cles") or "")) if k]
            if not (title and abstract and len(keywords) >= 2 and len(abstract.split()) >= MIN_WORDS):
                continue
            if len(_FR.findall(abstract)) <= 2 * len(_EN.findall(abstract)):
                continue  # an English abstract filed under "resume"
            year = int(article.get("id").split("-")[1])
            out.append({"id": article.get("id"), "split": "dev" if year % 2 else "held_out",
                        "title": title, "abstract": abstract, "keywords": keywords})
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    pool = articles(Path(argv[0]))
    rng = random.Random(SEED)
    chosen = []
    for split in ("dev", "held_out"):
        part = [a for a in pool if a["split"] == split]
        chosen += sorted(rng.sample(part, PER_SPLIT), key=lambda a: a["id"])
    with open(HERE / "abstracts.jsonl", "w", encoding="utf-8") as out:
        for a in chosen:
            out.write(json.dumps(a, ensure_ascii=False) + "\n")
    print(f"{len(pool)} eligible articles, {len(chosen)} written")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

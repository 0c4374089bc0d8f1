"""Keyword themes: the content pillars proposed from a brand's keywords."""

from __future__ import annotations

import math

from core.language.keywords.lemmas import lemma_key
from core.language.keywords.ranking import Keyword
from core.language.keywords.wordlists import stopwords


def _as_keyword(item, lang: str = "fr") -> Keyword:
    if isinstance(item, Keyword):
        return item
    if isinstance(item, str):
        return Keyword(phrase=item, key=lemma_key(item, lang), score=1.0, count=1, docs=1)
    phrase = item.get("phrase", "")
    return Keyword(phrase=phrase, key=item.get("key") or lemma_key(phrase, lang),
                   score=float(item.get("score", 1.0) or 1.0), count=int(item.get("count", 1) or 1),
                   docs=int(item.get("docs", 1) or 1), variants=list(item.get("variants", [])))


def group_themes(keywords, n: int | None = None, lang: str = "fr") -> list[dict]:
    """Group keywords into ``n`` themes (default: 3 to 7, by the number of keywords).

    Two keywords are close when they share a content word ("community manager",
    "social media manager") or occur in the same sentences; themes are merged
    agglomeratively (average link) and each is named by its most representative search
    phrase (score, closeness to the theme's other keywords, two or three words).
    """
    kws = [_as_keyword(k, lang) for k in (keywords or [])]
    kws = [k for k in kws if k.phrase.strip()]
    if not kws:
        return []
    if n is None:
        n = max(3, min(7, round(math.sqrt(len(kws)))))
    n = max(1, min(n, len(kws)))
    stop = stopwords("en" if lang == "en" else "fr")
    words = [set(w for w in k.key.split() if w not in stop and len(w) > 2) for k in kws]

    def sim(a: int, b: int) -> float:
        s = 0.0
        if words[a] and words[b]:
            s += len(words[a] & words[b]) / len(words[a] | words[b])
        sa, sb = kws[a].sentences, kws[b].sentences
        if sa and sb:
            s += 0.7 * len(sa & sb) / min(len(sa), len(sb))
        return s

    size = len(kws)
    matrix = [[sim(a, b) if a != b else 0.0 for b in range(size)] for a in range(size)]
    clusters = [[i] for i in range(size)]
    while len(clusters) > n:
        best = (-1.0, 0, 1)
        for x in range(len(clusters)):
            for y in range(x + 1, len(clusters)):
                total = sum(matrix[a][b] for a in clusters[x] for b in clusters[y])
                avg = total / (len(clusters[x]) * len(clusters[y]))
                # prefer merging small clusters when nothing is related
                avg -= 0.001 * (len(clusters[x]) + len(clusters[y]))
                if avg > best[0]:
                    best = (avg, x, y)
        _, x, y = best
        clusters[x] = clusters[x] + clusters[y]
        del clusters[y]
    themes = []
    for members in clusters:
        members.sort(key=lambda i: (-kws[i].score, i))
        # the most representative: best score weighted by closeness to the others, and a
        # search phrase of two or three words rather than a bare head noun or a long
        # complement chain ("lin lavé", not "lin" nor "lavage des boutons en corozo")
        def centrality(i):
            n_words = len(kws[i].key.split())
            shape = 1.0 if 2 <= n_words <= 3 else (0.6 if n_words == 1 else 0.7)
            return kws[i].score * shape * (1 + sum(matrix[i][j] for j in members if j != i))
        head = max(members, key=lambda i: (centrality(i), -i))
        themes.append({"name": kws[head].phrase, "keywords": [kws[i].phrase for i in members]})
    themes.sort(key=lambda t: -max(kws[i].score for i in range(size) if kws[i].phrase in t["keywords"]))
    return themes

"""Which planned post a measured one is: its id or link first, then its time and its text.

1. A post that already carries the export's id or cleaned link (stored on the post the
   first time it was matched) is that post: ``id``.
2. Otherwise the candidates are the brand's planned posts on the same network within
   ±36 h of the export's publication time, not already matched. Each is scored with
   rapidfuzz's ``token_set_ratio`` of the two texts (folded, links left out; a truncated
   export text still scores high; case and punctuation ignored) weighted 0.9, plus a time bonus of up to 10 points that
   falls linearly to 0 at 36 h.
3. A best score of ``AUTO`` or more, ahead of the next candidate by ``TIE`` points or
   more, matches automatically (``auto``); a best score of ``CONFIRM`` or more, or a near
   tie, waits for a person (``to_confirm``, with the best candidate); below, the post was
   published outside the plan (``outside_plan``).
Candidates are handed out best score first, so two exported posts never take one plan slot.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import datetime, timedelta

from rapidfuzz import fuzz, utils

from core.language.text import URL

WINDOW = timedelta(hours=36)
AUTO = 80.0
CONFIRM = 55.0
TIE = 5.0
TIME_BONUS = 10.0


@dataclass(frozen=True)
class Planned:
    id: int
    network: str
    publish_at: datetime
    text: str


@dataclass(frozen=True)
class Measured:
    key: tuple[str, str]  # (network, key)
    published_at: datetime | None
    text: str


@dataclass(frozen=True)
class Match:
    post_id: int | None
    match: str  # auto, to_confirm, outside_plan
    score: float | None


_MARKS = re.compile(r"[\u0300-\u036f]+")


def _clean(text: str) -> str:
    """Lower case, accents and links out, punctuation as spaces: ``core.language.text.fold``'s
    accent folding done by one regular expression (a year of posts is cleaned in 0.1 s)."""
    return utils.default_process(_MARKS.sub("", unicodedata.normalize("NFKD", URL.sub(" ", text or ""))))


def score(measured: Measured, planned: Planned, cleaned: dict | None = None) -> float:
    """0..100: how surely ``planned`` is ``measured``, by text and time (``cleaned``: texts
    already cleaned, by object, so a year's matching cleans each text once)."""
    hours = abs((planned.publish_at - measured.published_at).total_seconds()) / 3600
    bonus = TIME_BONUS * max(0.0, 1 - hours / (WINDOW.total_seconds() / 3600))
    if cleaned is None:
        a, b = _clean(measured.text), _clean(planned.text)
    else:
        a, b = cleaned[id(measured)], cleaned[id(planned)]
    similarity = fuzz.token_set_ratio(a, b) if a and b else 0.0
    return round(min(100.0, 0.9 * similarity + bonus), 1)


def match_all(measured: list[Measured], planned: list[Planned]) -> dict[tuple[str, str], Match]:
    """The decision for every measured post (see the module's docstring)."""
    by_network: dict[str, list[Planned]] = {}
    for post in planned:
        by_network.setdefault(post.network, []).append(post)
    for posts in by_network.values():
        posts.sort(key=lambda p: p.publish_at)
    cleaned = {id(item): _clean(item.text) for item in (*measured, *planned)}
    ranked: dict[tuple[str, str], list[tuple[float, int]]] = {}
    for item in measured:
        if item.published_at is None:
            ranked[item.key] = []
            continue
        posts = by_network.get(item.key[0], [])
        first = bisect_left(posts, item.published_at - WINDOW, key=lambda p: p.publish_at)
        last = bisect_right(posts, item.published_at + WINDOW, key=lambda p: p.publish_at)
        ranked[item.key] = sorted(((score(item, p, cleaned), p.id) for p in posts[first:last]), reverse=True)
    taken: set[int] = set()
    out: dict[tuple[str, str], Match] = {}
    for key in sorted(ranked, key=lambda k: -(ranked[k][0][0] if ranked[k] else 0)):
        free = [(s, pid) for s, pid in ranked[key] if pid not in taken]
        if not free or free[0][0] < CONFIRM:
            out[key] = Match(None, "outside_plan", free[0][0] if free else None)
            continue
        best, post_id = free[0]
        tie = len(free) > 1 and best - free[1][0] < TIE
        out[key] = Match(post_id, "auto" if best >= AUTO and not tie else "to_confirm", best)
        taken.add(post_id)
    return out

"""The subjects of a brief's recurring rubrics (``[[rubrics]]``, field ``items``): which one each
episode of a series gets, and how many episodes are left without one (``docs/drafts.md``,
« Rubric subjects »).

A rubric's content (this week's vegetable, tip, portrait) is the team's: the social media
manager writes the next subjects down, one a line, and each episode takes the next one in date
order. A subject is never written twice on its own: a series that says the same thing again
loses its readers, so once the list is used up the episodes keep their gap to write and the
plan says how many (a subject meant to come back is written again in the list, where the
manager decides it). The same episode on two networks (Instagram and Facebook on Monday) is
one episode: both posts get the same subject.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from babel.dates import format_date

from core import refdata
from core.i18n import t

#: the most subjects a rubric holds: two years of a weekly series
MAX_ITEMS = 104
MAX_ITEM = 300

# "la courge butternut de Vertou : en velouté ou rôtie au four": what the subject is, then what
# is said of it; a colon, a dash between spaces, or the end of a first sentence divides them
_SPLIT = re.compile(r"\s*[:\u2014\u2013]\s+|\s+-\s+|(?<=[.!?…])\s+(?=[^\W\d_])")
_END = re.compile(r"[.!?…]$")

#: formats whose layout shows another content than the episode's subject (a quote, a poster, a
#: price, a prize, a poll): a rubric's visual takes the photo layout there
OTHER_CONTENT = ("temoignage", "evenement", "promotion", "jeu_concours", "sondage", "question", "live")


@lru_cache(maxsize=1)
def templates() -> dict[str, dict]:
    """``data/templates/rubrics.toml``, read once (its tables are only read)."""
    return refdata.entries("templates/rubrics.toml")


def values(subject: "Subject | None", name: str, day: date, lang: str, *, monthly: bool) -> dict:
    """The template values of an episode's post (``data/templates/rubrics.toml``): its subject,
    what is said of it, and the series' rhythm (« cette semaine », « lundi prochain »)."""
    lang = "en" if lang == "en" else "fr"
    suffix = "_en" if lang == "en" else ""
    when = templates()["when"]["month" if monthly else "week"]
    weekday = format_date(day, "EEEE", locale=lang)
    return {"rubric_item": subject.head if subject else "", "rubric_more": subject.more if subject else "",
            "rubric_period": when["period" + suffix], "rubric_name": name,
            "rubric_next": when["next" + suffix].replace("{weekday}", weekday)}


def gap_template(table: dict, lang: str, described: bool) -> str:
    """The gap of an episode without a subject (``data/templates/bodies.toml``, ``[rubric]``):
    what the series covers when the brief describes it, else the episode it is for."""
    if lang == "en":
        return table["en"] if described else table["bare_en"]
    return table["fr"] if described else table["bare"]


@dataclass(frozen=True)
class Subject:
    """One subject of a rubric, as the brief writes it."""

    text: str  # the whole line
    head: str  # what the hook and the visual name: "la courge butternut de Vertou"
    more: str  # the line of the body, a sentence: "En velouté ou rôtie au four." ("" without one)


#: a subject typed as a sentence (« Le savon Ardennes : … ») is named after a colon in the hook:
#: its determiner goes to lower case (« Le savon de la semaine : le savon Ardennes. »)
_LEADING_DETERMINER = re.compile(r"^(?:L['’](?=\w)|(?:Le|La|Les|Un|Une|Des|Du|Mon|Ma|Mes|Notre|Nos|The|A|An|Our)(?=\s))")


def subject_of(item: str) -> Subject:
    """A line of ``items`` as a subject: its first part is named, what follows it is said. The
    text is kept as the manager wrote it (a proper noun keeps its capital, « Marie » or
    « Ethiopian Guji »), but for its final full stop."""
    text = re.sub(r"[ \t\r\n]+", " ", item).strip()  # a no-break space the manager typed (« 30 °C ») stays
    parts = _SPLIT.split(text, maxsplit=1)
    head = _LEADING_DETERMINER.sub(lambda m: m[0].lower(), parts[0].strip().rstrip(".").strip())
    more = parts[1].strip() if len(parts) > 1 else ""
    if more:
        more = more[:1].upper() + more[1:]
        if not _END.search(more):
            more += "."
    return Subject(text, head, more)


def items_of(rubric: dict) -> list[Subject]:
    """The rubric's subjects in the brief's order; blank lines and a list that is not one are
    left out here (``core.brief`` refuses them with their field)."""
    items = rubric.get("items")
    if not isinstance(items, list):
        return []
    return [subject_of(i) for i in items if isinstance(i, str) and i.strip()]


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold().replace("’", "'"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


class RubricSubjects:
    """The subject of each episode of each rubric, given in the order episodes are asked for
    (the writer writes a plan in date order), the same for every post of one episode and for a
    post written again (a grammar rewrite)."""

    def __init__(self, rubrics) -> None:
        self._items = {r["name"]: items_of(r) for r in rubrics if isinstance(r, dict) and r.get("name")}
        self._next: dict[str, int] = {}
        # (rubric, ISO year and week) -> the episode's subject and the day of its first post
        self._episodes: dict[tuple[str, tuple[int, int]], tuple[Subject | None, date]] = {}
        self._kept: set[tuple[str, int]] = set()

    def keep(self, text: str) -> None:
        """A post that stays (a re-plan keeps it) used the subjects it names: they are not given again."""
        folded = _fold(text)
        for name, items in self._items.items():
            for i, item in enumerate(items):
                if len(item.head) >= 3 and _fold(item.head) in folded:
                    self._kept.add((name, i))

    def subject(self, name: str, day: date) -> Subject | None:
        """The subject of the rubric's episode on ``day`` (its ISO week), None when none is left."""
        key = (name, tuple(day.isocalendar()[:2]))
        if key not in self._episodes:
            items = self._items.get(name, [])
            i = self._next.get(name, 0)
            while i < len(items) and (name, i) in self._kept:
                i += 1
            self._episodes[key] = (items[i] if i < len(items) else None, day)
            self._next[name] = min(i + 1, len(items))
        return self._episodes[key][0]

    def missing(self) -> dict[str, tuple[int, int, date | None]]:
        """For each rubric: its episodes without a subject, all its episodes, the first without one."""
        out = {}
        for name in self._items:
            episodes = [(day, s) for (n, _), (s, day) in self._episodes.items() if n == name]
            empty = sorted(day for day, s in episodes if s is None)
            out[name] = (len(empty), len(episodes), empty[0] if empty else None)
        return out

    def warnings(self, ui_lang: str = "fr") -> list[str]:
        """One warning per rubric with episodes left without a subject: how many, out of how many,
        from which date, and how to give them one."""
        out = []
        for name, (empty, total, first) in self.missing().items():
            if not empty:
                continue
            key = "drafts.warn_rubric_items_out" if self._items[name] else "drafts.warn_rubric_no_items"
            out.append(t(key, ui_lang, name=name, count=empty, total=total, first=long_date(first, ui_lang),
                         items=len(self._items[name])))
        return out


def long_date(day: date, lang: str) -> str:
    """« 1er mars 2027 », "1 March 2027"."""
    lang = "en" if lang == "en" else "fr"
    text = format_date(day, "d MMMM y", locale=lang)
    return "1er" + text[1:] if lang == "fr" and day.day == 1 else text

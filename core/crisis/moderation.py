"""The moderation grid (answer, hide, delete and report, escalate) and the hidden-words list
to paste into the networks' filters (data/crisis_moderation.toml)."""

from __future__ import annotations

from dataclasses import dataclass

from core import refdata

MODERATION = "crisis_moderation.toml"
WORD_GROUPS = ("insults", "threats", "scams")


@dataclass(frozen=True)
class Action:
    key: str
    when: dict  # {"fr", "en"}: the comments it is for
    do: dict  # {"fr", "en"}: what to do with them


def grid() -> list[Action]:
    """The four actions, from the mildest to the strongest."""
    table = refdata.entries(MODERATION)["actions"]
    return [Action(key, {"fr": table[key]["fr_when"], "en": table[key]["en_when"]},
                   {"fr": table[key]["fr_do"], "en": table[key]["en_do"]}) for key in table["order"]]


def hidden_words() -> list[str]:
    """Every word or phrase of the list, once each, in the file's order."""
    table = refdata.entries(MODERATION)["hidden_words"]
    seen: dict[str, None] = {}
    for group in WORD_GROUPS:
        for word in table[group]:
            seen.setdefault(word, None)
    return list(seen)


def hidden_words_text() -> str:
    """The list as the filters take it: comma-separated (Instagram, Facebook, TikTok, YouTube)."""
    return ", ".join(hidden_words())

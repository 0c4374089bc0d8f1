"""The crisis playbook of data/crisis_playbook.toml: the suspension window's bounds, the
checkpoints after the alert, the gravity grid and the strategy by crisis type (SCCT).

Every crisis error of the engine is a ``CrisisError`` with a key of data/i18n/crisis.toml.
"""

from __future__ import annotations

from dataclasses import dataclass

from core import refdata
from core.i18n import MessageError

PLAYBOOK = "crisis_playbook.toml"


class CrisisError(MessageError):
    """A crisis action refused, with what is wrong and what to do (data/i18n/crisis.toml)."""


def window() -> dict:
    """``{"default_hours", "min_hours", "max_hours"}``."""
    table = refdata.load(PLAYBOOK)["window"]
    return {k: table[k] for k in ("default_hours", "min_hours", "max_hours")}


def window_hours(value) -> int:
    """``value`` (an int, or the text a person typed) as a whole number of hours within the
    playbook's bounds; a CrisisError that gives the bounds otherwise."""
    bounds = window()
    hours = None
    if isinstance(value, int) and not isinstance(value, bool):
        hours = value
    elif isinstance(value, str) and value.strip().isdigit():
        hours = int(value.strip())
    if hours is None or not bounds["min_hours"] <= hours <= bounds["max_hours"]:
        raise CrisisError("crisis.bad_hours", value=value, min=bounds["min_hours"], max=bounds["max_hours"],
                          default=bounds["default_hours"])
    return hours


@dataclass(frozen=True)
class Checkpoint:
    key: str
    minutes: int
    label: dict  # {"fr", "en"}


def checkpoints() -> list[Checkpoint]:
    """The checkpoints after the alert, earliest first."""
    table = refdata.entries(PLAYBOOK)["checkpoints"]
    points = [Checkpoint(key, entry["minutes"], {"fr": entry["fr"], "en": entry["en"]})
              for key, entry in table.items() if isinstance(entry, dict)]
    return sorted(points, key=lambda c: c.minutes)


def gravity_grid() -> dict[int, dict]:
    """Level (1 to 3) → ``{"fr", "en"}``: what the level looks like and what it calls for."""
    table = refdata.entries(PLAYBOOK)["gravity"]
    return {entry["level"]: {"fr": entry["fr"], "en": entry["en"]}
            for entry in table.values() if isinstance(entry, dict)}


def strategies() -> dict[str, dict]:
    """Crisis type (victim, accident, preventable) → ``{"fr", "en", "templates", "family"}``."""
    table = refdata.entries(PLAYBOOK)["strategies"]
    return {key: {"fr": entry["fr"], "en": entry["en"], "templates": list(entry["templates"]),
                  "family": entry["family"]}
            for key, entry in table.items() if isinstance(entry, dict)}


def families() -> dict[str, dict]:
    """SCCT's response-strategy family (deny, diminish, rebuild) → ``{"fr", "en"}``."""
    table = refdata.entries(PLAYBOOK)["families"]
    return {key: {"fr": entry["fr"], "en": entry["en"]} for key, entry in table.items() if isinstance(entry, dict)}


def strategy_reference() -> str:
    """The reference the crisis types and their strategies come from (Coombs 2007)."""
    return refdata.entries(PLAYBOOK)["strategies"]["source"]


def gravity_level(value) -> int:
    """``value`` (an int or the text typed) as a gravity of the grid; a CrisisError otherwise."""
    levels = gravity_grid()
    text = value.strip() if isinstance(value, str) else value
    level = int(text) if isinstance(text, str) and text.isdigit() else text
    if isinstance(level, bool) or level not in levels:
        raise CrisisError("crisis.bad_gravity", value=value, valid=", ".join(map(str, levels)))
    return level


def crisis_kind(value) -> str:
    """``value`` as a crisis type of SCCT; a CrisisError listing the three otherwise."""
    kinds = strategies()
    if value not in kinds:
        raise CrisisError("crisis.bad_kind", value=value, valid=", ".join(kinds))
    return value


def reschedule_margin() -> int:
    """Hours between the end of a crisis and the first new date proposed for a resumed post."""
    return refdata.load(PLAYBOOK)["reschedule"]["margin_hours"]

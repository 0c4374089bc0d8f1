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
    """Crisis type (victim, accident, preventable) → ``{"fr", "en", "templates"}``."""
    table = refdata.entries(PLAYBOOK)["strategies"]
    return {key: {"fr": entry["fr"], "en": entry["en"], "templates": list(entry["templates"])}
            for key, entry in table.items() if isinstance(entry, dict)}

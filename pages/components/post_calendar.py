"""The interactive calendar: FullCalendar 6.1.21 (MIT standard bundle, kept in
``calendar_frontend/`` beside this file with a small page of our own that speaks Streamlit's
component protocol: nothing is fetched at run time).

The screen hands it the month's posts as events and the backlog's ideas as draggable cards,
and gets back one action at a time: a click on a post (open it in Rédaction), a post dropped
on another day (reschedule it with the version it was shown at), an idea dropped on a day
(schedule it), a click on an empty day (add a post).
Times are the brand's wall-clock times: events go in without an offset and FullCalendar
runs in UTC, so what it shows and gives back is the brand's local time whatever the
visitor's browser time zone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from core import labels
from core.language import parts
from core.planning import copy_formats

FRONTEND = Path(__file__).resolve().parent / "calendar_frontend"

VIEWS = {"month": "dayGridMonth", "week": "dayGridWeek", "list": "listMonth"}
CSS = """
.fc { font-family: "Source Sans Pro", "Source Sans 3", "DejaVu Sans", "Liberation Sans", Arial, sans-serif,
      "Noto Color Emoji"; text-align: left; }
.fc .fc-toolbar-title { font-size: 1.3rem; text-transform: capitalize; }
.fc-event { border-width: 0 0 0 6px !important; border-style: solid !important; cursor: pointer; }
.fc-daygrid-event { white-space: normal !important; font-size: 0.78rem; line-height: 1.2; padding: 1px 3px; }
.fc-daygrid-event .calame-chip { white-space: normal; overflow-wrap: anywhere; color: #ffffff; }
.fc-daygrid-event .calame-time { font-weight: 700; white-space: nowrap; font-variant-numeric: tabular-nums; }
.fc-daygrid-event .calame-title { font-weight: 500; }
.fc-list-event-title { white-space: normal; }
.fc-day-today { background: #fff8e1 !important; }
"""


@dataclass
class Action:
    """What the person did in the calendar: ``kind`` is "open", "move", "add" or "drop" (an
    idea of the backlog dropped on ``day``)."""

    kind: str
    post_id: int | None = None
    ref: str = ""
    version: int | None = None
    when: datetime | None = None  # the new wall-clock time of a moved post
    day: date | None = None  # the empty day clicked, or the day an idea was dropped on


_PRODUCTION_KEYS = frozenset(copy_formats.SLIDE_KEYS + copy_formats.SHOT_KEYS)


def subject(post: dict) -> str:
    """The post's subject line: its first non-empty line, at most 60 characters; a carousel's
    slide list or a reel's shot list is the designer's brief, so its caption's first line."""
    text = post.get("text") or ""
    split = parts.split(text)
    if split.keys & _PRODUCTION_KEYS:
        text = split.body
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line if len(line) <= 60 else line[:59].rstrip() + "…"
    return ""


def event(post: dict, lang: str) -> dict:
    """One post as a FullCalendar event: status colour and icon, pillar colour as its edge,
    network and subject as its title."""
    colour, _ = labels.STATUS_STYLE.get(post["status"], ("#888888", "•"))
    title = f"{labels.status_badge(post['status'], lang)} · {labels.network(post['network'], lang)}"
    if subject(post):
        title += f" · {subject(post)}"
    return {
        "id": str(post["id"]), "title": title, "start": f"{post['date']}T{post['time']}:00",
        "backgroundColor": colour, "borderColor": post.get("colour") or "#9E9E9E", "textColor": "#ffffff",
        "classNames": [f"calame-status-{post['status']}"],
        "extendedProps": {"ref": post["ref"], "version": post["version"], "status": post["status"],
                          "thumb": post.get("thumb") or ""},
    }


def options(view: str, month: date, lang: str, texts: dict) -> dict:
    return {
        "initialView": VIEWS[view], "initialDate": month.isoformat(), "locale": lang, "firstDay": 1,
        "timeZone": "UTC", "editable": True, "droppable": True, "eventDurationEditable": False, "selectable": False,
        "eventDisplay": "block", "displayEventTime": True, "dayMaxEvents": False, "height": "auto",
        "headerToolbar": {"left": "", "center": "title", "right": ""},
        "eventTimeFormat": {"hour": "2-digit", "minute": "2-digit", "hour12": False},
        "slotLabelFormat": {"hour": "2-digit", "minute": "2-digit", "hour12": False},
        "slotMinTime": "06:00:00", "slotMaxTime": "23:00:00", "allDaySlot": False, "nowIndicator": False,
        "defaultTimedEventDuration": "00:30", "noEventsText": texts["empty"], "moreLinkText": texts["more"],
        "buttonText": {"today": texts["today"], "month": texts["month"], "week": texts["week"], "list": texts["list"]},
    }


def _naive(iso: str) -> datetime:
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).replace(tzinfo=None)


def read(value) -> Action | None:
    """The component's last value as an ``Action`` (None when there is nothing to do)."""
    if not isinstance(value, dict):
        return None
    kind = value.get("callback")
    if kind == "eventClick":
        ev = value["eventClick"]["event"]
        props = ev.get("extendedProps") or {}
        return Action("open", post_id=int(ev["id"]), ref=str(props.get("ref", "")))
    if kind == "eventChange":
        ev = value["eventChange"]["event"]
        props = ev.get("extendedProps") or {}
        return Action("move", post_id=int(ev["id"]), ref=str(props.get("ref", "")),
                      version=int(props["version"]), when=_naive(ev["start"]))
    if kind == "dateClick":
        return Action("add", day=_naive(value["dateClick"]["date"]).date())
    if kind == "drop":
        drop = value["drop"]
        return Action("drop", post_id=int(drop["id"]), ref=str(drop.get("ref", "")), version=int(drop["version"]),
                      day=_naive(drop["date"]).date())
    return None


def signature(value) -> str:
    """A stable text of the value, so that one click is acted on once (the component keeps
    returning its last value on every rerun)."""
    return json.dumps(value, sort_keys=True, default=str)


def idea_card(idea: dict, lang: str, colour: str | None = None) -> dict:
    """One idea of the backlog as a card to drag onto a day: reference and network, then its subject."""
    return {"id": idea["id"], "ref": idea["ref"], "version": idea["version"], "colour": colour or "#9E9E9E",
            "head": f"{idea['ref']} · {labels.network(idea['network'], lang)}", "subject": subject(idea)}


_component = None


def _declared():
    global _component
    if _component is None:
        import streamlit.components.v1 as components

        _component = components.declare_component("post_calendar", path=str(FRONTEND))
    return _component


def show(posts: list[dict], view: str, month: date, lang: str, texts: dict, key: str, ideas: list[dict] = ()):
    """Render the calendar (and the backlog's ``ideas`` as cards, from ``idea_card``); returns
    the component's raw value."""
    return _declared()(events=[event(p, lang) for p in posts], options=options(view, month, lang, texts),
                       css=CSS, ideas=list(ideas), texts=texts, key=key, default=None)

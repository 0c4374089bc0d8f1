"""The client approves the spend with the post: a paid line shown in the Word calendar is
decided by the client's decision on that post.

The calendar (``core.client.calendar``) shows each post's proposed or approved line; the
export's snapshot keeps which line and which amount the client saw. When the answer comes
back, an approved post approves its line and a rejected one refuses it; "à modifier" leaves
it proposed. A line changed or replaced since the export is left as it is: the client never
saw it (the same rule as for texts, docs/approval.md).
"""

from __future__ import annotations

from sqlmodel import Session, select

from core.models import MediaLine, utcnow

SHOWN = ("propose", "valide")
DECIDES = {"valide": "valide", "refuse": "refuse"}


def lines_for_posts(post_ids: list[int], *, session: Session) -> dict[int, MediaLine]:
    """The line shown with each post: its approved one, else its latest proposed one."""
    if not post_ids:
        return {}
    out: dict[int, MediaLine] = {}
    for line in session.exec(select(MediaLine).where(MediaLine.post_id.in_(post_ids), MediaLine.status.in_(SHOWN))
                             .order_by(MediaLine.id)):
        if line.post_id not in out or out[line.post_id].status != "valide":
            out[line.post_id] = line
    return out


def shown(line: MediaLine) -> dict:
    """What the calendar shows of a line, and the snapshot keeps."""
    return {"line_id": line.id, "amount": line.amount, "daily": line.daily, "currency": line.currency,
            "start": line.start.isoformat(), "end": line.end.isoformat(), "audience": dict(line.audience)}


def decide_lines(seen: dict[str, dict], decisions: dict[str, str], who: str, *, session: Session) -> int:
    """Apply the client's post decisions to the lines they saw (``seen``: ref -> the snapshot's
    sponsor entry). Returns how many lines were decided."""
    decided = 0
    for ref, status in decisions.items():
        entry = seen.get(ref)
        if not entry or status not in DECIDES:
            continue
        line = session.get(MediaLine, entry["line_id"])
        if line is None or line.status != "propose" or line.amount != entry["amount"] \
                or line.start.isoformat() != entry["start"]:
            continue
        line.status, line.decided_by, line.decided_at = DECIDES[status], who[:120], utcnow()
        session.add(line)
        decided += 1
    session.flush()
    return decided

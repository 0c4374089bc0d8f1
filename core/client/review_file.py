"""The self-contained HTML review file, for a client on no network Calame can reach.

One .html file (inline CSS and JavaScript, a Content-Security-Policy that forbids every
network request and any script but its own) lists the sent calendar's posts with a
decision, a comment and an editable text each. Its « Exporter mes réponses » button
downloads an answers file (JSON) that the team imports like a Word answer.

The answers file is exactly ``{"calame_review":1,"payload":P,"signature":"S"}`` where ``P``
holds the file's nonce, the snapshot id, the snapshot's content hash and the answers, and
``S`` is HMAC-SHA256 of the bytes of ``P`` under the file's key. That key is
HMAC-SHA256(server secret, nonce, snapshot id, content hash): the server secret
(``CALAME_SECRET_KEY``, else a random one made once and kept in the database) never leaves
Calame, and the key is derived again on import.

Threat model: the key is inside the HTML file, so anyone holding the file can sign any
answers for it. The signature proves that the answers come from a review file this
installation made for this snapshot and its content, unchanged since they were exported
(one byte changed, a file of another installation or another snapshot: refused). It does
not prove who answered: that is the name typed, like the Word answer's signature line.
Revoking the file (it is a ``ReviewLink`` of kind ``file``) refuses its answers.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import json
import os
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlmodel import Session, select

from core.accounts import context
from core.client.calendar import clean
from core.client.docx_answer import ImportPlan, apply, plan_answer
from core.client.docx_export import day_text
from core.client.review_link import (DEFAULT_DAYS, OVERALL, ReviewError, _aware, _view, brand_lang, clean_answers,
                                     create_link, current_answer_refs, signed_as, to_answer, token_hash)
from core.i18n import MessageError, t
from core.models import Brand, ExportSnapshot, ReviewLink, ServerSecret, utcnow

PREFIX = b'{"calame_review":1,"payload":'
ANSWERS_RE = re.compile(rb'\A\{"calame_review":1,"payload":(\{.*\}),"signature":"([0-9a-f]{64})"\}\Z', re.S)
MAX_BYTES = 5_000_000
SECRET_NAME = "review_file"
SCRIPT = Path(__file__).with_name("review_file.js")


class ReviewFileError(MessageError):
    """An answers file refused as a whole; nothing was written."""


def server_secret(session: Session) -> bytes:
    """``CALAME_SECRET_KEY`` when set, else this database's own secret (made on first use)."""
    configured = os.environ.get("CALAME_SECRET_KEY", "")
    if configured:
        return configured.encode("utf-8")
    with context.system():
        row = session.get(ServerSecret, SECRET_NAME)
        if row is None:
            row = ServerSecret(name=SECRET_NAME, value=secrets.token_hex(32))
            session.add(row)
            session.flush()
        return row.value.encode("ascii")


def content_hash(snap: ExportSnapshot) -> str:
    """What the client was sent, as one SHA-256: a changed snapshot no longer matches."""
    body = json.dumps({"id": snap.id, "token": snap.token, "brand": snap.brand_id,
                       "from": snap.period_from.isoformat(), "to": snap.period_to.isoformat(), "posts": snap.posts},
                      sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def file_key(secret: bytes, nonce: str, snapshot_id: int, digest: str) -> bytes:
    message = f"calame-review-file\x00{nonce}\x00{snapshot_id}\x00{digest}".encode("utf-8")
    return hmac.new(secret, message, hashlib.sha256).digest()


def sign(key: bytes, payload: bytes) -> str:
    return hmac.new(key, payload, hashlib.sha256).hexdigest()


def script_json(value) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``<``, ``>`` or ``&`` left,
    so no ``</script>`` or ``<!--`` can end or change the element."""
    return (json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


@dataclass
class ReviewFile:
    data: bytes
    filename: str
    link_id: int
    count: int
    expires_at: datetime
    until: date


CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f6f6f4;color:#222}
main{max-width:900px;margin:0 auto;padding:24px}
h1{font-size:1.5rem;margin:0 0 4px}
.post{background:#fff;border:1px solid #ddd;border-radius:8px;padding:16px;margin:16px 0}
.meta{color:#555;font-size:.9rem;margin-bottom:8px}
.ref{font-weight:700;margin-right:8px}
.text{white-space:pre-wrap;margin:8px 0}
label{display:block;font-weight:600;margin-top:10px}
select,textarea,input{width:100%;box-sizing:border-box;font:inherit;font-weight:400;padding:6px;margin-top:4px}
textarea{min-height:4em}
button{font:inherit;background:#2e5e4e;color:#fff;border:0;border-radius:6px;padding:10px 18px;margin-top:16px;cursor:pointer}
.note{color:#555}
#done{color:#2e5e4e;font-weight:600}
"""


def _esc(value) -> str:
    return html.escape(clean(str(value or "")), quote=True)


def build_review_file(snapshot_id: int, *, session: Session, days: int = DEFAULT_DAYS, created_by: str = "",
                      now: datetime | None = None) -> ReviewFile:
    """The HTML file for a sent calendar; the guard asks ``calendar.send`` on its brand."""
    link = create_link(snapshot_id, session=session, days=days, capability="decide", created_by=created_by,
                       kind="file", now=now)
    nonce = link.token  # 256 random bits; the database keeps its hash only, like a link's token
    snap = session.get(ExportSnapshot, snapshot_id)
    row = session.get(ReviewLink, link.id)
    digest = content_hash(snap)
    key = file_key(server_secret(session), nonce, snap.id, digest)
    view = _view(row, snap, session)
    lang = view.lang
    data = {"file": nonce, "snapshot": snap.id, "content_hash": digest, "key": key.hex(),
            "refs": [p.ref for p in view.posts], "texts": {p.ref: p.text for p in view.posts},
            "saved": t("review_file.exported", lang), "filename": _answers_name(view)}
    choices = "".join(f'<option value="{_esc(k)}">{_esc(label)}</option>' for k, label in view.decisions)
    posts = []
    for p in view.posts:
        when = t("client.when", lang, day=p.day, time=p.time) if p.time else p.day
        extras = "".join(f'<div class="meta">{_esc(t(key, lang))}\u00a0: {_esc(value)}</div>' if lang == "fr" else
                         f'<div class="meta">{_esc(t(key, lang))}: {_esc(value)}</div>'
                         for key, value in (("client.hashtags", p.hashtags), ("client.link", p.link),
                                            ("client.visual", p.visual)) if value)
        ref = _esc(p.ref)
        posts.append(
            f'<section class="post" data-ref="{ref}"><div class="meta"><span class="ref">{ref}</span>'
            f'{_esc(when)} · {_esc(p.network)}{" · " + _esc(p.format) if p.format else ""}'
            f'{" · " + _esc(p.pillar) if p.pillar else ""}</div>'
            f'<div class="text">{_esc(p.text)}</div>{extras}'
            f'<label>{_esc(t("client.decision", lang))}<select name="decision">'
            f'<option value="">{_esc(t("client.no_decision", lang))}</option>{choices}</select></label>'
            f'<label>{_esc(t("client.comment", lang))}<textarea name="comment"></textarea></label>'
            f'<label>{_esc(t("client.text", lang))}<textarea name="text">{_esc(p.text)}</textarea></label></section>')
    overall = "".join(f'<option value="{o}">{_esc(t("docx.global_" + o, lang))}</option>' for o in OVERALL)
    script = SCRIPT.read_text(encoding="utf-8")
    script_hash = "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    csp = (f"default-src 'none'; style-src 'unsafe-inline'; script-src '{script_hash}'; img-src data:; "
           "connect-src 'none'; form-action 'none'; base-uri 'none'")
    until = day_text(link.until, lang, "d MMMM y")
    title = t("review_file.title", lang, brand=view.brand)
    page = (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{_esc(title)}</title><style>{CSS}</style></head><body><main>'
        f'<h1>{_esc(title)}</h1>'
        f'<p class="note">{_esc(t("client.period", lang, start=day_text(view.period_from, lang, "d MMMM y"), end=day_text(view.period_to, lang, "d MMMM y")))}</p>'
        f'<p>{_esc(t("review_file.intro", lang))}</p><p class="note">{_esc(t("review_file.until", lang, date=until))}</p>'
        f'<noscript><p><strong>{_esc(t("review_file.noscript", lang))}</strong></p></noscript>'
        f'{"".join(posts)}'
        f'<section class="post"><label>{_esc(t("client.overall", lang))}<select id="overall">'
        f'<option value="">{_esc(t("client.overall_none", lang))}</option>{overall}</select></label>'
        f'<label>{_esc(t("client.name", lang))}<input id="name" autocomplete="name"></label>'
        f'<button id="export" type="button">{_esc(t("review_file.export", lang))}</button>'
        f'<p id="done" hidden></p></section></main>'
        f'<script type="application/json" id="calame-data">{script_json(data)}</script>'
        f'<script>{script}</script></body></html>')
    return ReviewFile(data=page.encode("utf-8"), filename=_file_name(view), link_id=link.id, count=len(view.posts),
                      expires_at=link.expires_at, until=link.until)


def _stem(view) -> str:
    name = re.sub(r"[^\w-]+", "-", view.brand).strip("-") or "calendrier"
    return f"{name}-{view.period_from:%Y-%m-%d}-{view.period_to:%Y-%m-%d}"


def _file_name(view) -> str:
    return f"{_stem(view)}-validation.html"


def _answers_name(view) -> str:
    return f"{_stem(view)}-reponses.json"


# ---------------------------------------------------------------- reading the answers back


@dataclass
class Verified:
    link: ReviewLink
    snap: ExportSnapshot
    answers: dict


def verify(data: bytes, *, session: Session, now: datetime | None = None) -> Verified:
    """The answers of an answers file, or ReviewFileError: not one, a byte changed, from
    another installation, about another snapshot, revoked or expired. Reads only (but the
    server secret's first creation)."""
    if not isinstance(data, (bytes, bytearray)) or not data or len(data) > MAX_BYTES:
        raise ReviewFileError("review_file.not_answers")
    found = ANSWERS_RE.match(bytes(data))
    if found is None:
        raise ReviewFileError("review_file.tampered" if bytes(data).startswith(PREFIX) else "review_file.not_answers")
    raw, signature = found.group(1), found.group(2).decode("ascii")
    try:
        payload = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ReviewFileError("review_file.tampered") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("file"), str):
        raise ReviewFileError("review_file.tampered")
    with context.system():
        link = session.exec(select(ReviewLink).where(ReviewLink.token_hash == token_hash(payload["file"]),
                                                     ReviewLink.kind == "file")).first()
        if link is None:
            raise ReviewFileError("review_file.foreign")
        snap = session.get(ExportSnapshot, link.snapshot_id)
        secret = server_secret(session)
    digest = content_hash(snap)
    if payload.get("snapshot") != snap.id or payload.get("content_hash") != digest:
        raise ReviewFileError("review_file.other_snapshot")
    expected = sign(file_key(secret, payload["file"], snap.id, digest), raw)
    if not hmac.compare_digest(expected, signature):
        raise ReviewFileError("review_file.tampered")
    if link.revoked_at is not None:
        raise ReviewFileError("review_file.revoked")
    now = now or utcnow()
    if _aware(link.expires_at) <= now:
        raise ReviewFileError("review_file.expired", date=_aware(link.expires_at).date().isoformat())
    return Verified(link=link, snap=snap, answers=payload)


def preview_review_file(data: bytes, *, session: Session, brand_id: int | None = None, lang: str = "fr",
                        now: datetime | None = None) -> ImportPlan:
    """What importing an answers file would change, like ``docx_answer.preview``; writes nothing."""
    found = verify(data, session=session, now=now)
    brand = session.get(Brand, found.snap.brand_id)
    if brand is None:  # a brand the acting account may not see
        raise ReviewFileError("review_file.foreign")
    if brand_id is not None and brand.id != brand_id:
        current = session.get(Brand, brand_id)
        raise ReviewFileError("review_file.other_brand", brand=brand.name, current=current.name if current else brand_id)
    try:
        kept = clean_answers(current_answer_refs(found.answers, brand.id, session=session),
                             {p["ref"] for p in found.snap.posts})
        who = signed_as(kept["name"], found.link.id, brand_lang(brand), kind="file")
        answer = to_answer(found.snap, kept, "decide", who, brand_lang(brand))
    except ReviewError as exc:
        raise ReviewFileError(exc.key, **exc.params) from exc
    plan = plan_answer(answer, session=session, brand_id=brand.id, lang=lang, source="file")
    plan.answers = kept  # what the file's link keeps once applied
    plan.link_id = found.link.id
    return plan


def import_review_file(data: bytes, *, session: Session, brand_id: int | None = None, dry_run: bool = False,
                       accept_text=(), decided_by: str = "", lang: str = "fr",
                       now: datetime | None = None) -> ImportPlan:
    """Verify an answers file and land it through the Word answer's path (as the team member
    importing it: the guard checks their role)."""
    plan = preview_review_file(data, session=session, brand_id=brand_id, lang=lang, now=now)
    if not dry_run:
        apply(plan, session=session, accept_text=accept_text, decided_by=decided_by or plan.signer)
        link = session.get(ReviewLink, plan.link_id)
        link.answers, link.answered_at = plan.answers, now or utcnow()
        session.add(link)
        session.flush()
    return plan

"""Reading the client's answered Word calendar back, and tacit approval.

``preview(data, session=…)`` reads an answered .docx without writing anything: per post
reference the decision (from the drop-down content control, or typed text read tolerantly
in French and English), the « Commentaire » cell, the Word review comments anchored in the
row, and the client's edits of the post text against the export snapshot. ``apply(plan,
session=…)`` then writes it in the caller's transaction: statuses through
``core.posts.save_post`` (optimistic locking), one ``Approval`` row per status change, one
``Comment`` row per comment. Re-importing the same file changes nothing: statuses already
set are skipped and comments already stored are not added again, also when two imports
run at once (a unique key on the comment, inserted with ``ON CONFLICT DO NOTHING``).

A whole file is refused, changing nothing, when it is not a .docx, is corrupted or
password-protected, was not exported by Calame, or belongs to another brand. A row whose
reference is not in the export is reported and ignored. A row whose post is no longer the
one the client saw (deleted, replaced by a re-plan, another text, or saved since the export
other than by an import of this same document) is a conflict: its decision and text edit
are not applied, its comments are stored, flagged as received on a conflicting row.
"""

from __future__ import annotations

import difflib
import io
import re
import zipfile
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, select

from core import fields, refdata
from core.archives import ArchiveError, check_archive
from core.client.calendar import LAYOUT_COLUMNS, LAYOUT_PREFIX, REF_RE, TOKEN_PREFIX, business_days_after, clean
from core.i18n import MessageError, t
from core.language.text import fold
from core.media.approval import decide_lines
from core.models import Approval, Brand, Comment, ExportSnapshot, Post, comment_body_hash, utcnow
from core.posts import ConflictError, current_refs, save_post

MAX_BYTES = 50_000_000
CLIENT_STATUSES = tuple(k for k, v in refdata.POST_STATUSES.items() if v.get("client"))
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W_T, W_TAB, W_BR, W_CR, W_P, W_TC, W_TR, W_TBL = (W + n for n in ("t", "tab", "br", "cr", "p", "tc", "tr", "tbl"))
W_SDT, W_SDTPR, W_PLC = W + "sdt", W + "sdtPr", W + "showingPlcHdr"
W_CSTART, W_CREF, W_ID = W + "commentRangeStart", W + "commentReference", W + "id"
W_DDLIST, W_RESULT, W_ENTRY, W_VAL = W + "ddList", W + "result", W + "listEntry", W + "val"
TOKEN_RE = re.compile(re.escape(TOKEN_PREFIX) + r"([0-9a-f]{16,64})")
LAYOUT_RE = re.compile(re.escape(LAYOUT_PREFIX) + r"(\d+)")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
DOCX_SOURCES = ("docx", "docx-comment")


class ApprovalError(MessageError):
    """A file or an action refused as a whole; nothing was written."""


# ---------------------------------------------------------------- typed answers

def normalise(text: str) -> str:
    """Folded (``fold``: no case, accents or emoji variation selector), spaces squeezed,
    no final punctuation: how a typed answer is compared with the answer words."""
    text = re.sub(r"\s+", " ", fold(text)).strip()
    return text.strip(" .!;:,").strip()


@lru_cache(maxsize=1)
def answer_words() -> dict[str, str]:
    """normalised answer → status key (``placeholder`` for an untouched drop-down)."""
    table = refdata.entries("approval_words.toml")
    words: dict[str, str] = {}
    for status, langs in table.items():
        for lang in ("fr", "en"):
            for word in langs.get(lang, []):
                key = normalise(word)
                if words.get(key, status) != status:
                    raise refdata.RefDataError(
                        f"approval_words.toml: {word!r} means both {words[key]} and {status}")
                words[key] = status
    return words


def read_decision(text: str) -> str | None:
    """The status an answer means, ``""`` for no answer, None when it cannot be read."""
    key = normalise(text or "")
    if not key:
        return ""
    status = answer_words().get(key)
    if status == "placeholder":
        return ""
    return status


# ---------------------------------------------------------------- reading the document

@dataclass
class RowAnswer:
    ref: str
    decision_text: str = ""
    decision: str | None = ""  # status key, "" none, None unreadable
    comment: str = ""
    text: str = ""
    review_comments: list = field(default_factory=list)


@dataclass
class Answer:
    token: str
    rows: list[RowAnswer]
    signer: str = ""


def _text(el, skip_sdt: bool = False) -> str:
    """Visible text of an element: ``w:t`` (insertions included, deletions not), tabs, breaks."""
    parts: list[str] = []
    blocks = [el] if el.tag == W_P else list(el.iter(W_P)) or [el]
    for p_index, p in enumerate(blocks):
        if p_index:
            parts.append("\n")
        for node in p.iter(W_T, W_TAB, W_BR, W_CR):
            if skip_sdt and any(True for _ in node.iterancestors(W_SDT)):
                continue
            if node.tag == W_T:
                parts.append(node.text or "")
            elif node.tag == W_TAB:
                parts.append("\t")
            else:
                parts.append("\n")
    return "".join(parts)


def _decision(tc) -> tuple[str, str | None]:
    """(raw answer, status) of a Décision cell: drop-down first, else typed text."""
    picked = ""
    for sdt in tc.iter(W_SDT):
        pr = sdt.find(W_SDTPR)
        if pr is not None and pr.find(W_PLC) is not None:
            continue
        value = _text(sdt).strip()
        if read_decision(value) != "":
            picked = value
    for dd in tc.iter(W_DDLIST):  # a legacy form drop-down (older Word or LibreOffice)
        entries = [e.get(W_VAL, "") for e in dd.iter(W_ENTRY)]
        result = dd.find(W_RESULT)
        if result is not None and entries:
            index = int(result.get(W_VAL, "0") or 0)
            if 0 <= index < len(entries) and read_decision(entries[index]) != "":
                picked = entries[index]
    typed = _text(tc, skip_sdt=True).strip()
    if picked:
        status = read_decision(picked)
        typed_status = read_decision(typed)
        if typed and typed_status not in ("", status):
            return f"{picked} / {typed}", None
        return picked, status
    return typed, read_decision(typed)


def _comments(doc) -> dict[str, dict]:
    found = {}
    try:
        comments = list(doc.comments)
    except Exception:  # a document without a comments part
        return found
    for c in comments:
        when = c.timestamp
        found[str(c.comment_id)] = {
            "author": (c.author or "").strip(), "body": (c.text or "").strip(),
            "date": when.isoformat() if when else "",
        }
    return found


def _open(data: bytes):
    """The python-docx document, or ``ApprovalError`` saying why the file cannot be read."""
    from docx import Document

    if not data:
        raise ApprovalError("approvals.empty_file")
    if len(data) > MAX_BYTES:
        raise ApprovalError("approvals.too_large", size=len(data) // 1_000_000, limit=MAX_BYTES // 1_000_000)
    if data.startswith(OLE_MAGIC):
        raise ApprovalError("approvals.protected")
    if not data.startswith(b"PK"):
        raise ApprovalError("approvals.not_docx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" not in names:
                raise ApprovalError("approvals.not_docx")
            try:
                check_archive(archive)  # before testzip, which inflates every part
            except ArchiveError as exc:
                raise ApprovalError(exc.key, **exc.params) from exc
            if archive.testzip() is not None:
                raise ApprovalError("approvals.corrupt")
        return Document(io.BytesIO(data))
    except ApprovalError:
        raise
    except Exception as exc:  # zipfile, lxml and python-docx raise many kinds
        raise ApprovalError("approvals.corrupt") from exc


def _signer(body) -> str:
    labels = [normalise(t("docx.sign_name", lang)).rstrip(" :") for lang in ("fr", "en")]
    for p in body.iterchildren(W_P):
        text = _text(p).strip()
        low = normalise(text)
        for label in labels:
            if low.startswith(label):
                name = text.split(":", 1)[-1] if ":" in text else text[len(label):]
                return name.replace("_", "").strip()
    return ""


def layout_of(body) -> int:
    """The calendar layout a document was made with: its hidden marker (written beside the
    token since layout 2), else 1, the layout of the documents sent before the marker."""
    for node in body.iter(W_T):
        match = LAYOUT_RE.search(node.text or "")
        if match and int(match.group(1)) in LAYOUT_COLUMNS:
            return int(match.group(1))
    return 1


def read_answer(data: bytes) -> Answer:
    """Every calendar row of an answered document (no database needed)."""
    doc = _open(data)
    token = ""
    identifier = doc.core_properties.identifier or ""
    if identifier.startswith(TOKEN_PREFIX):
        token = identifier[len(TOKEN_PREFIX):].strip()
    body = doc.element.body
    if not token:
        for node in body.iter(W_T):
            match = TOKEN_RE.search(node.text or "")
            if match:
                token = match.group(1)
                break
    if not token:
        raise ApprovalError("approvals.not_calame")
    columns = {name: i for i, name in enumerate(LAYOUT_COLUMNS[layout_of(body)])}
    ref_at = columns.get("ref", columns.get("meta"))
    comments = _comments(doc)
    seen: set[str] = set()
    rows = []
    for tbl in body.iter(W_TBL):
        for tr in tbl.iterchildren(W_TR):
            tcs = tr.findall(W_TC)
            if len(tcs) < len(columns):
                continue
            first = _text(tcs[ref_at]).strip().split("\n", 1)[0].strip()
            if not REF_RE.match(first):
                continue
            raw, status = _decision(tcs[columns["decision"]])
            review = []
            for node in tr.iter(W_CSTART, W_CREF):
                cid = node.get(W_ID)
                if cid in comments and cid not in seen:
                    seen.add(cid)
                    review.append(comments[cid])
            rows.append(RowAnswer(ref=first, decision_text=raw, decision=status,
                                  comment=_text(tcs[columns["comment"]]).strip(), text=_text(tcs[columns["text"]]),
                                  review_comments=review))
    return Answer(token=token, rows=rows, signer=_signer(body))


# ---------------------------------------------------------------- the plan of changes

def _same_text(a: str, b: str) -> bool:
    return _norm_text(a) == _norm_text(b)


def _norm_text(text: str) -> str:
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def word_diff(old: str, new: str) -> str:
    """The client's edit, word by word: ``[-removed-]`` and ``{+added+}``."""
    a, b = re.findall(r"\S+|\s+", old), re.findall(r"\S+|\s+", new)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append("".join(a[i1:i2]))
        if op in ("delete", "replace"):
            out.append("[-" + "".join(a[i1:i2]) + "-]")
        if op in ("insert", "replace"):
            out.append("{+" + "".join(b[j1:j2]) + "+}")
    return "".join(out)


@dataclass
class RowChange:
    ref: str
    post_id: int | None = None
    version: int | None = None
    old_status: str = ""
    new_status: str | None = None
    decision_text: str = ""
    comments: list = field(default_factory=list)  # {author, body, date, source, conflict}
    text_edit: dict | None = None  # {old, new, diff}
    conflict: str | None = None
    unreadable: str | None = None
    unknown: str | None = None
    text_applied: bool = False

    @property
    def has_change(self) -> bool:
        return bool(self.new_status or self.comments or self.text_edit)


@dataclass
class ImportPlan:
    token: str
    snapshot_id: int
    brand_id: int
    brand_name: str
    signer: str
    rows: list[RowChange]
    applied: bool = False
    lines_decided: int = 0  # paid lines the decisions approved or refused (core.media.approval)
    source: str = "docx"  # how the answer came: docx, link (the review link), file (the HTML review file)

    def totals(self) -> dict:
        """What is (or would be) applied and stored; what a conflict refuses is not counted."""
        return {
            "rows": len(self.rows),
            "status_changes": sum(1 for r in self.rows if r.new_status),
            "comments": sum(len(r.comments) for r in self.rows),
            "text_edits": sum(1 for r in self.rows if r.text_edit and not r.conflict),
            "conflicts": sum(1 for r in self.rows if r.conflict),
            "unreadable": sum(1 for r in self.rows if r.unreadable),
            "unknown": sum(1 for r in self.rows if r.unknown),
        }

    def to_dict(self) -> dict:
        return {
            "token": self.token, "snapshot_id": self.snapshot_id, "brand": self.brand_name,
            "signer": self.signer, "applied": self.applied,
            "posts": [{k: v for k, v in asdict(r).items() if k not in ("post_id", "version")}
                      for r in self.rows],
            "totals": self.totals(),
        }


def marker(token: str) -> str:
    """The end of ``Post.updated_by`` for saves made by importing the document ``token``."""
    return f"(docx {token[:12]})"


def _saved_by(name: str, token: str) -> str:
    tail = " " + marker(token)
    return (name or "client")[: 120 - len(tail)] + tail


def conflict_reason(post: Post | None, shot: dict, token: str, lang: str = "fr") -> str | None:
    """Why the client's answer on ``shot`` must not be applied to ``post``, or None.

    The client saw the snapshot: the post must still be that one (same id and reference,
    since SQLite may reuse an id and a re-plan a reference), with the same text and
    hashtags, and its version may only have moved through imports of this same document.
    """
    ref = shot["ref"]
    if post is None:
        return t("approvals.row_gone", lang, ref=ref)
    if post.ref != ref or (shot.get("post_id") is not None and post.id != shot["post_id"]):
        return t("approvals.row_replaced", lang, ref=ref)
    if (post.updated_by or "").endswith(marker(token)):
        return None  # only this document's imports saved it: their text edits are the client's
    if post.version != shot.get("version"):
        return t("approvals.row_conflict", lang, ref=ref, exported=shot.get("version"),
                 current=post.version, by=post.updated_by or "?")
    hashtags = shot.get("hashtags")
    if not _same_text(clean(post.text), shot.get("text", "")) or (
            hashtags is not None and [clean(h) for h in post.hashtags] != list(hashtags)):
        return t("approvals.row_text_changed", lang, ref=ref)
    return None


def preview(data: bytes, *, session: Session, brand_id: int | None = None,
            lang: str = "fr") -> ImportPlan:
    """What importing ``data`` would change; writes nothing."""
    return plan_answer(read_answer(data), session=session, brand_id=brand_id, lang=lang)


def plan_answer(answer: Answer, *, session: Session, brand_id: int | None = None, lang: str = "fr",
                source: str = "docx") -> ImportPlan:
    """What an answer would change, whichever way it came (``source``: ``docx``, or the
    client's review link or HTML file, ``core.client.review_link``); writes nothing."""
    sources = DOCX_SOURCES if source == "docx" else (source,)
    snap = session.exec(select(ExportSnapshot).where(ExportSnapshot.token == answer.token)).first()
    if snap is None:
        raise ApprovalError("approvals.unknown_export")
    brand = session.get(Brand, snap.brand_id)
    if brand_id is not None and snap.brand_id != brand_id:
        current = session.get(Brand, brand_id)
        raise ApprovalError("approvals.other_brand", brand=brand.name,
                            current=current.name if current else brand_id)
    # A file sent before the brand's code changed (or before brand codes) names its posts by
    # their former references: each row is read under the post's reference today.
    now_refs = current_refs([r.ref for r in answer.rows], session=session, brand_id=snap.brand_id)
    answer = replace(answer, rows=[replace(r, ref=now_refs.get(r.ref, r.ref)) for r in answer.rows])
    shots = {p["ref"]: p for p in snap.posts}
    posts = {p.ref: p for p in session.exec(
        select(Post).where(Post.brand_id == snap.brand_id, Post.ref.in_([r.ref for r in answer.rows])))}
    stored: dict[int, set] = {}
    if posts:
        for c in session.exec(select(Comment).where(Comment.post_id.in_([p.id for p in posts.values()]),
                                                    Comment.source.in_(sources))):
            stored.setdefault(c.post_id, set()).add((c.author, c.body))
    signer = answer.signer or "client"
    rows = []
    seen: set[str] = set()
    for row in answer.rows:
        change = RowChange(ref=row.ref, decision_text=row.decision_text)
        rows.append(change)
        if row.ref in seen:
            change.unknown = t("approvals.row_duplicate", lang, ref=row.ref)
            continue
        seen.add(row.ref)
        shot, post = shots.get(row.ref), posts.get(row.ref)
        if shot is None:
            change.unknown = t("approvals.row_unknown", lang, ref=row.ref)
            continue
        change.conflict = conflict_reason(post, shot, answer.token, lang)
        if post is None:
            continue
        change.post_id, change.version, change.old_status = post.id, post.version, post.status
        if row.decision is None:
            change.unreadable = t("approvals.row_unreadable", lang, text=row.decision_text)
        if row.decision and row.decision != post.status:
            change.new_status = row.decision
        have = stored.get(post.id, set())
        flagged = change.conflict is not None
        if row.comment and (signer[:120], row.comment) not in have:
            change.comments.append({"author": signer[:120], "body": row.comment, "date": "", "source": source,
                                    "conflict": flagged})
        for rc in row.review_comments:
            author = (rc["author"] or signer)[:120]
            if rc["body"] and (author, rc["body"]) not in have:
                change.comments.append({"author": author, "body": rc["body"], "date": rc["date"],
                                        "source": "docx-comment", "conflict": flagged})
        if not _same_text(row.text, shot.get("text", "")) and not _same_text(row.text, post.text):
            new = _norm_text(row.text)
            change.text_edit = {"old": shot.get("text", ""), "new": new,
                                "diff": word_diff(_norm_text(shot.get("text", "")), new)}
        if change.conflict:
            change.new_status = None
    return ImportPlan(token=answer.token, snapshot_id=snap.id, brand_id=snap.brand_id,
                      brand_name=brand.name, signer=answer.signer, rows=rows, source=source)


def _parse_when(value: str) -> datetime:
    if value:
        try:
            when = datetime.fromisoformat(value)
            return when if when.tzinfo else when.replace(tzinfo=timezone.utc)
        except ValueError:
            pass
    return utcnow()


def _store_comment(session: Session, post_id: int, comment: dict) -> bool:
    """Insert one client comment unless the database already holds it; True when inserted.

    ``ON CONFLICT DO NOTHING`` on the unique key: a concurrent import of the same answer
    waits for the other's commit, then adds nothing (a check-then-insert would add both).
    """
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    values = fields.clean(Comment, {"post_id": post_id, "author": comment["author"][:120], "body": comment["body"],
                                    "body_hash": comment_body_hash(comment["body"]),
                                    "conflict": bool(comment.get("conflict")), "source": comment["source"],
                                    "created_at": _parse_when(comment["date"])})
    table = Comment.__table__
    statement = insert(table).values(**values).on_conflict_do_nothing(
        index_elements=["post_id", "source", "author", "body_hash"]).returning(table.c.id)
    return session.execute(statement).first() is not None


def apply(plan: ImportPlan, *, session: Session, accept_text=(), decided_by: str = "") -> ImportPlan:
    """Write ``plan`` in the caller's transaction (all or nothing).

    ``accept_text``: references whose client text edit replaces the post text, or True for all.
    Unknown rows are left out; rows in conflict only get their comments stored (flagged).
    Comments another import stored meanwhile are dropped from the plan, so that its totals
    say what this import stored.
    """
    who = decided_by or plan.signer or "client"
    decisions: dict[str, str] = {}
    accepted = set() if accept_text is True else set(accept_text or ())
    accepted |= set(current_refs(accepted, session=session, brand_id=plan.brand_id).values())
    for row in plan.rows:
        if row.unknown or row.post_id is None:
            continue
        row.comments = [c for c in row.comments if _store_comment(session, row.post_id, c)]
        if row.conflict:
            continue
        changes = {}
        if row.new_status:
            changes["status"] = row.new_status
        if row.text_edit and (accept_text is True or row.ref in accepted):
            changes["text"] = row.text_edit["new"]
            row.text_applied = True
        if changes:
            try:
                save_post(row.post_id, row.version, changes, session=session,
                          saved_by=_saved_by(who, plan.token))
            except ConflictError as exc:  # saved by someone between the preview and now
                raise ApprovalError("approvals.changed_meanwhile", ref=row.ref) from exc
        if row.new_status:
            session.add(Approval(post_id=row.post_id, snapshot_id=plan.snapshot_id,
                                 old_status=row.old_status, status=row.new_status,
                                 source=plan.source, decided_by=who[:120]))
            decisions[row.ref] = row.new_status
    snap = session.get(ExportSnapshot, plan.snapshot_id)
    seen = {p["ref"]: p["sponsor"] for p in (snap.posts if snap else []) if p.get("sponsor")}
    plan.lines_decided = decide_lines(seen, decisions, who, session=session)
    session.flush()
    plan.applied = True
    return plan


def import_docx(data: bytes, *, session: Session, brand_id: int | None = None, dry_run: bool = False,
                accept_text=(), decided_by: str = "", lang: str = "fr") -> ImportPlan:
    plan = preview(data, session=session, brand_id=brand_id, lang=lang)
    if not dry_run:
        apply(plan, session=session, accept_text=accept_text, decided_by=decided_by)
    return plan


# ---------------------------------------------------------------- tacit approval

@dataclass
class TacitPlan:
    snapshot_id: int | None
    deadline: date | None
    due: bool
    refs: list[str]
    skipped: list[str]  # undecided, but no longer what the client saw: left for a person
    reasons: dict[str, str] = field(default_factory=dict)  # skipped reference -> why


def _as_utc(when: datetime) -> datetime:
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def tacit_plan(brand_id: int, *, session: Session, today: date | None = None,
               lang: str = "fr") -> TacitPlan:
    """The posts of the brand's latest export still without a decision, and the deadline.

    A post is only approved tacitly if it is still the one the client saw, by the rule of
    the import (``conflict_reason``); the others are skipped with the reason.
    """
    brand = session.get(Brand, brand_id)
    if brand is None:
        raise ApprovalError("approvals.brand_not_found", brand=brand_id)
    if not brand.tacit_approval_days:
        raise ApprovalError("approvals.no_tacit_rule", brand=brand.name)
    snap = session.exec(select(ExportSnapshot).where(ExportSnapshot.brand_id == brand_id)
                        .order_by(ExportSnapshot.created_at.desc(), ExportSnapshot.id.desc())).first()
    if snap is None:
        raise ApprovalError("approvals.no_export", brand=brand.name)
    tz = ZoneInfo(brand.timezone or "Europe/Paris")
    sent = _as_utc(snap.created_at).astimezone(tz).date()
    deadline = business_days_after(sent, brand.tacit_approval_days, brand.country or "FR")
    today = today or datetime.now(tz).date()
    posts = {p.ref: p for p in session.exec(
        select(Post).where(Post.brand_id == brand_id, Post.ref.in_([s["ref"] for s in snap.posts])))}
    refs, reasons = [], {}
    for shot in snap.posts:
        post = posts.get(shot["ref"])
        reason = conflict_reason(post, shot, snap.token, lang)
        if reason is None and (post.status in CLIENT_STATUSES or post.status in ("programme", "publie")):
            continue
        if reason is None:
            refs.append(post.ref)
        else:
            reasons[shot["ref"]] = reason
    return TacitPlan(snapshot_id=snap.id, deadline=deadline, due=today > deadline, refs=refs,
                     skipped=list(reasons), reasons=reasons)


def apply_tacit(brand_id: int, *, session: Session, today: date | None = None,
                lang: str = "fr") -> TacitPlan:
    """Mark every undecided post of the latest export validated, as « validation tacite »."""
    plan = tacit_plan(brand_id, session=session, today=today, lang=lang)
    if not plan.due:
        raise ApprovalError("approvals.tacit_not_due", date=plan.deadline.isoformat())
    snap = session.get(ExportSnapshot, plan.snapshot_id)
    label = t("approvals.tacit_label", lang)
    seen_ids = [s["post_id"] for s in snap.posts if s.get("post_id") is not None]
    for post in session.exec(select(Post).where(Post.brand_id == brand_id, Post.ref.in_(plan.refs),
                                                Post.id.in_(seen_ids))):
        old = post.status
        save_post(post.id, post.version, {"status": "valide"}, session=session,
                  saved_by=_saved_by(label, snap.token))
        session.add(Approval(post_id=post.id, snapshot_id=snap.id, old_status=old, status="valide",
                             source="tacit", decided_by=label))
    session.flush()
    return plan


def history(post_id: int, *, session: Session) -> list[Approval]:
    return list(session.exec(select(Approval).where(Approval.post_id == post_id)
                             .order_by(Approval.decided_at, Approval.id)))


# ---------------------------------------------------------------- command line

def render_plan(plan: ImportPlan, lang: str) -> str:
    status = lambda key: refdata.label(refdata.POST_STATUSES, key, lang)  # noqa: E731
    lines = [t("approvals.report_head", lang, brand=plan.brand_name, signer=plan.signer or "—")]
    for r in plan.rows:
        bits = []
        if r.new_status:
            bits.append(f"{status(r.old_status)} → {status(r.new_status)}")
        for c in r.comments:
            bits.append(t("approvals.report_comment", lang, author=c["author"], body=c["body"]))
        if r.text_edit:
            bits.append(t("approvals.report_text", lang, diff=r.text_edit["diff"]))
        for problem in (r.conflict, r.unreadable, r.unknown):
            if problem:
                bits.append("⚠ " + problem)
        if bits:
            lines.append(f"{r.ref}: " + " · ".join(bits))
    totals = plan.totals()
    lines.append(t("approvals.report_totals", lang, **totals))
    return "\n".join(lines)

"""A brand's saved keywords: the scoring targets chosen on the Mots-clés screen, saved from
an extraction or typed, edited, merged, deleted and prioritised by hand."""

from __future__ import annotations

import unicodedata

from sqlmodel import select

from core.i18n import MessageError
from core.language.keywords.lemmas import lemma_key
from core.language.keywords.ranking import Keyword
from core.models import Keyword as KeywordRow
from core.models import KeywordSet, utcnow


def save_keywords(brand_id: int, keywords, *, session, lang: str = "fr", name: str = ""):
    """Save selected keywords to the brand: a new KeywordSet, and one Keyword per lemma key
    (a keyword already saved under the same key is updated: priority replaced, variants
    merged). ``keywords``: dicts with ``phrase``, ``priority`` (1 high, 2, 3 low) and
    ``variants``. Returns the Keyword rows, in the given order."""
    items = []
    for item in keywords or []:
        if isinstance(item, str):
            item = {"phrase": item}
        elif isinstance(item, Keyword):
            item = item.to_dict()
        phrase = " ".join(str(item.get("phrase", "")).split())[:200]
        key = lemma_key(phrase, lang)[:200]
        if not key:
            continue
        try:
            priority = int(item.get("priority", 2))
        except (TypeError, ValueError):
            priority = 2
        priority = min(3, max(1, priority))
        variants = [str(v)[:200] for v in (item.get("variants") or []) if str(v).strip()]
        items.append((phrase, key, priority, variants))
    if not items:
        return []
    kset = KeywordSet(brand_id=brand_id, name=name or utcnow().strftime("%Y-%m-%d %H:%M"), lang=lang)
    session.add(kset)
    session.flush()
    rows = []
    seen: dict[str, KeywordRow] = {}
    for phrase, key, priority, variants in items:
        row = seen.get(key) or session.exec(
            select(KeywordRow).where(KeywordRow.brand_id == brand_id, KeywordRow.key == key)
        ).first()
        if row is None:
            row = KeywordRow(brand_id=brand_id, keyword_set_id=kset.id, phrase=phrase, key=key,
                             priority=priority, variants=_merge([phrase], variants))
        else:
            row.priority = priority
            row.keyword_set_id = kset.id
            row.variants = _merge(list(row.variants or []), [phrase] + variants)
        session.add(row)
        seen[key] = row
        rows.append(row)
    session.flush()
    return rows


def _merge(a: list, b: list) -> list:
    out = []
    for v in a + b:
        if v and v not in out:
            out.append(v)
    return out


def saved_keywords(brand_id: int, *, session) -> list:
    """The brand's saved keywords, high priority first."""
    rows = session.exec(select(KeywordRow).where(KeywordRow.brand_id == brand_id)).all()
    return sorted(rows, key=lambda r: (r.priority, r.phrase.lower()))


# --- keywords by hand ----------------------------------------------------------------

MAX_PHRASE = 200
PRIORITIES = (1, 2, 3)


class KeywordError(MessageError):
    """A keyword edit refused: the message says why and what to do."""


def _phrase(value) -> str:
    """``value`` as a keyword phrase: control characters out, spaces collapsed, checked."""
    text = "".join(" " if unicodedata.category(c).startswith("C") else c for c in str(value or ""))
    phrase = " ".join(text.split())
    if not phrase:
        raise KeywordError("kws.err_empty")
    if len(phrase) > MAX_PHRASE:
        raise KeywordError("kws.err_long", count=len(phrase), limit=MAX_PHRASE)
    return phrase


def _priority(value) -> int:
    try:
        priority = int(value)
    except (TypeError, ValueError):
        priority = 0
    if priority not in PRIORITIES:
        raise KeywordError("kws.err_priority", value=str(value)[:20])
    return priority


def _row(brand_id: int, keyword_id: int, session) -> KeywordRow:
    row = session.get(KeywordRow, keyword_id)
    if row is None or row.brand_id != brand_id:
        raise KeywordError("kws.err_missing", id=keyword_id)
    return row


def _same_key(brand_id: int, key: str, session) -> KeywordRow | None:
    return session.exec(select(KeywordRow).where(KeywordRow.brand_id == brand_id, KeywordRow.key == key)).first()


def add_keyword(brand_id: int, phrase, *, session, priority=2, lang: str = "fr") -> KeywordRow:
    """A keyword typed by hand. One already saved under the same lemma key ("robes d'été"
    for "robe d'été") is refused with its saved form, so that nothing is counted twice."""
    phrase, priority = _phrase(phrase), _priority(priority)
    key = lemma_key(phrase, lang)[:MAX_PHRASE]
    if not key:
        raise KeywordError("kws.err_no_word", phrase=phrase)
    existing = _same_key(brand_id, key, session)
    if existing is not None:
        raise KeywordError("kws.err_exists", phrase=phrase, saved=existing.phrase)
    row = KeywordRow(brand_id=brand_id, phrase=phrase, key=key, priority=priority, variants=[phrase])
    session.add(row)
    session.flush()
    return row


def edit_keyword(brand_id: int, keyword_id: int, *, session, phrase=None, priority=None,
                 lang: str = "fr") -> KeywordRow:
    """Change a saved keyword's phrase (its old form stays a variant, so drafts that use it
    still count) and/or its priority. A phrase that another saved keyword already says is
    refused: merge the two instead."""
    row = _row(brand_id, keyword_id, session)
    if phrase is not None:
        phrase = _phrase(phrase)
        key = lemma_key(phrase, lang)[:MAX_PHRASE]
        if not key:
            raise KeywordError("kws.err_no_word", phrase=phrase)
        other = _same_key(brand_id, key, session)
        if other is not None and other.id != row.id:
            raise KeywordError("kws.err_exists_merge", phrase=phrase, saved=other.phrase)
        row.variants = _merge([phrase], list(row.variants or []) + [row.phrase])
        row.phrase, row.key = phrase, key
    if priority is not None:
        row.priority = _priority(priority)
    session.add(row)
    session.flush()
    return row


def merge_keywords(brand_id: int, keep_id: int, other_id: int, *, session) -> KeywordRow:
    """Two variants of one search ("robe d'été en lin", "robe en lin d'été") made one: the
    kept keyword takes the other's phrase and variants and the higher of the two
    priorities; the other is deleted."""
    if keep_id == other_id:
        raise KeywordError("kws.err_merge_same")
    keep, other = _row(brand_id, keep_id, session), _row(brand_id, other_id, session)
    keep.variants = _merge(list(keep.variants or []) or [keep.phrase], [other.phrase] + list(other.variants or []))
    keep.priority = min(keep.priority, other.priority)
    session.delete(other)
    session.add(keep)
    session.flush()
    return keep


def delete_keyword(brand_id: int, keyword_id: int, *, session) -> str:
    """Delete a saved keyword; returns its phrase (for the confirmation)."""
    row = _row(brand_id, keyword_id, session)
    phrase = row.phrase
    session.delete(row)
    session.flush()
    return phrase


"""A brand's saved keywords: the scoring targets chosen on the Mots-clés screen."""

from __future__ import annotations

from sqlmodel import select

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

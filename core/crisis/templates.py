"""Response templates in the brand's voice (data/crisis_templates.toml): French with the
brand's tu or vous, English, the brand's name from the brief, the situation's facts from
whoever answers. A template is never rendered with a hole in it: a field the brief cannot
fill and nobody gave is a CrisisError naming it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from core import refdata
from core.crisis.playbook import CrisisError
from core.language.typography import fix_all
from core.planning.drafts import french_typography, render

TEMPLATES = "crisis_templates.toml"
ORDER = ("holding", "apology", "correction", "private_messages", "recall_outage", "data_breach", "end")
_FIELD = re.compile(r"\{(\w+)\}")
_VARIANT = re.compile(r"\{v:[^{}]*\}")


def _table() -> dict:
    return refdata.entries(TEMPLATES)


def names() -> tuple[str, ...]:
    return ORDER


def fields(name: str) -> list[str]:
    """The ``{field}`` names template ``name`` needs, in French and English, first use first."""
    entry = _entry(name)
    found: list[str] = []
    for lang in ("fr", "en"):
        for field in _FIELD.findall(_VARIANT.sub("", entry[lang])):
            if field not in found:
                found.append(field)
    return found


def _entry(name: str) -> dict:
    entry = _table().get(name) if name in ORDER else None
    if entry is None:
        raise CrisisError("crisis.template_unknown", name=name, valid=", ".join(ORDER))
    return entry


def _brief_values(brand) -> dict:
    """What the brief fills: the brand's name."""
    return {"brand": getattr(brand, "name", "") or ""}


def render_template(name: str, brand, lang: str = "fr", values: dict | None = None) -> str:
    """Template ``name`` for ``brand`` (a ``Brand``, or anything with ``name`` and ``address``)
    in ``lang``, its fields filled from the brief and ``values``; French typography and
    contractions applied. The answer is the brand's: it is signed with its name."""
    entry = _entry(name)
    lang = lang if lang in ("fr", "en") else "fr"
    filled = _brief_values(brand)
    filled.update({k: str(v).strip() for k, v in (values or {}).items() if str(v or "").strip()})
    missing = [f for f in fields(name) if not filled.get(f)]
    if missing:
        raise CrisisError("crisis.template_missing", name=name, missing=", ".join(f"{{{f}}}" for f in missing),
                          given=", ".join(f"{{{f}}}" for f in sorted(filled)))
    if lang == "en":
        return fix_all(render(entry[lang], filled, lang=lang, emojis=False), "en")
    text = render(entry[lang], filled, address=getattr(brand, "address", "vous"), emojis=False, lang=lang)
    # "au sujet de le retard" -> "au sujet du retard": a fact given with its article meets the template's "de"
    return _contract(text, [french_typography(v) for v in filled.values()])


def _contract(text: str, phrases) -> str:
    """French contractions where a given fact starts with an article: "au sujet de le retard"
    -> "au sujet du retard", "à les clients" -> "aux clients"."""
    for phrase in phrases:
        for article, de, a in (("le ", "du ", "au "), ("les ", "des ", "aux ")):
            if phrase.startswith(article):
                rest = re.escape(phrase[len(article):])
                text = re.sub(rf"\b([dD])e {article}(?={rest})", lambda m: m[1] + de[1:], text)
                text = re.sub(rf"(?<!\w)([àÀ]) {article}(?={rest})", lambda m: ("A" if m[1] == "À" else "a") + a[1:], text)
    return text


@dataclass(frozen=True)
class ChecklistStep:
    key: str
    label: dict  # {"fr", "en"}


def data_breach_checklist() -> list[ChecklistStep]:
    """The GDPR steps of a personal-data breach, in order (art. 33 and 34)."""
    table = _table()["data_breach_checklist"]
    return [ChecklistStep(key, {"fr": table[key]["fr"], "en": table[key]["en"]}) for key in table["steps"]]

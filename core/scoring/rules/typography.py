"""Typography: French (Imprimerie nationale) or English (Chicago) rules, with their fixes,
one suggestion a kind of mistake (with its count and one fix for all)."""

from __future__ import annotations

import re

from core.i18n import t
from core.language import typography
from core.language.text import EMAIL, find_urls
from core.scoring.draft import Parsed
from core.scoring.result import Findings
from core.scoring.words import fold, stop_words

# "!!!" or "?!?": one sign says it (Imprimerie nationale: the signs are not doubled).
_REPEATED = re.compile(r"(?<![!?])[!?]{2,}")
# "-50%" or "50%": a minus sign and a narrow no-break space before % in French.
_PERCENT = re.compile(r"(?<![\w.,])(?P<minus>-)?(?P<n>\d+(?:[.,]\d+)?)(?P<sp>[ \u00a0]?)%")
# "tous.Rendez-vous", "prix!Venez": no space after a sentence's end before the next word.
_GLUED = re.compile(r"(?<=[^\W\d_]{2})(?P<p>[.!?…])(?=[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ])")
_ACRONYM_MAX = 4  # letters: ERP, WMS, SNCF are names, not shouting


def _extra(text: str, lang: str) -> list[dict]:
    protected = list(find_urls(text)) + [m.span() for m in EMAIL.finditer(text)]

    def free(pos):
        return not any(s <= pos < e for s, e in protected)

    issues = []
    for m in _REPEATED.finditer(text):
        if free(m.start()):
            issues.append({"code": "typo.repeated_punct", "severity": "warning", "start": m.start(),
                           "end": m.end(), "fix": m.group()[-1] if len(set(m.group())) == 1 else "?!"})
    if lang == "fr":
        for m in _PERCENT.finditer(text):
            if free(m.start()) and (m.group("minus") or m.group("sp") != "\u202f"):
                fix = ("−" if m.group("minus") else "") + m.group("n") + typography.NNBSP + "%"
                if fix != m.group():
                    issues.append({"code": "typo.percent", "severity": "info", "start": m.start(),
                                   "end": m.end(), "fix": fix})
    for m in _GLUED.finditer(text):
        if free(m.start()):
            issues.append({"code": "typo.space_after_punct", "severity": "warning", "start": m.start("p"),
                           "end": m.end("p"), "fix": m.group("p") + " "})
    return issues


def _is_acronyms(text: str, issue: dict, lang: str) -> bool:
    """A run of short capitalised words that are names (ERP, WMS, SNCF), not shouting: a run
    holding a grammar word (« TROP BIEN CE WEEK END », "GET IT NOW") is a sentence in capitals."""
    words = re.findall(r"[^\W\d_]+", text[issue["start"]:issue["end"]])
    stops = stop_words(lang)
    return bool(words) and all(len(w) <= _ACRONYM_MAX for w in words) \
        and not (len(words) >= 2 and any(fold(w) in stops for w in words))


def check(f: Findings, p: Parsed, lang: str) -> list[tuple[int, int]]:
    """French typography (Imprimerie nationale) or English (Chicago), each finding with its fix.
    Reference: Lexique des règles typographiques en usage à l'Imprimerie nationale and The
    Chicago Manual of Style, as core.language.typography applies them; runs of capitals
    made only of acronyms (ERP, WMS) are names, not shouting. A kind of mistake repeated
    is one suggestion with its count and a fix for all (``fixes``), so twenty straight
    apostrophes are one habit to fix, not twenty findings. Returns every finding's span,
    so that Grammalecte's typography findings do not repeat them."""
    text = p.text
    lang = "en" if lang == "en" else "fr"
    issues = [i for i in typography.check(text, lang) if not (i["code"] == "typo.all_caps" and _is_acronyms(text, i, lang))]
    taken = [(i["start"], i["end"]) for i in issues if i["fix"] is not None]
    for extra in _extra(text, lang):
        if any(extra["start"] < e and s < extra["end"] for s, e in taken):
            extra["fix"] = None  # reported, fixed once the overlapping fix is applied
        issues.append(extra)
    groups: dict[str, list[dict]] = {}
    for issue in sorted(issues, key=lambda i: (i["start"], i["end"])):
        groups.setdefault(issue["code"], []).append(issue)
    for code, group in groups.items():
        first = group[0]
        fixes = [{"start": i["start"], "end": i["end"], "fix": i["fix"]} for i in group if i["fix"] is not None]
        if len(group) == 1:
            f.add(code, first["severity"], first["start"], first["end"], first["fix"])
        else:
            f.add(code, first["severity"], first["start"], first["end"], first["fix"],
                  message_key="typo.grouped", extra={"count": len(group), "fixes": fixes},
                  count=len(group), detail=t("score." + code, f.ui_lang))
    return [(i["start"], i["end"]) for i in issues]

"""French (and English) typography checks, and the fixes that are safe to apply in one click.

French rules follow the *Lexique des règles typographiques en usage à l'Imprimerie
nationale*: a non-breaking space before « : » and a narrow one before « ; ! ? », non-breaking
spaces inside « guillemets », the typographic apostrophe ’ and the ellipsis character ….
English puts no space before those signs (Chicago Manual of Style, 6.7 and 6.9).

A fix only changes spaces, quotation marks, the apostrophe's glyph or three dots: never a
word. ``fix_all`` is idempotent: fixing a fixed text changes nothing. URLs, e-mail
addresses and times (12:30) are left alone. Shouting in capitals is reported but never
"fixed": lowering case can change meaning (acronyms, names).
"""

from __future__ import annotations

import re

from core.language.text import EMAIL, find_urls

NBSP = "\u00a0"    # espace insécable, before « : » and inside guillemets
NNBSP = "\u202f"   # espace fine insécable, before « ; ! ? »
SPACES = " \u00a0\u202f\u2009"

_HIGH = re.compile(r"(?P<pre>[ \u00a0\u202f\u2009]*)(?P<p>[!?;]+|:)")
_GUILLEMET_OPEN = re.compile(r"«(?P<sp>[ \u202f\u2009]*)(?=\S)")
_GUILLEMET_CLOSE = re.compile(r"(?<=\S)(?P<sp>[ \u202f\u2009]*)»")
_APOSTROPHE = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")
_ELLIPSIS = re.compile(r"(?<!\.)\.\.\.(?!\.)")
_DOUBLE_SPACE = re.compile(r"(?<=\S) {2,}(?=[^\s])")
_SPACE_BEFORE_COMMA = re.compile(r"(?<=[^\W_]) +(?=[,.](?:\s|$))")
_COMMA_GLUED = re.compile(r"(?<=[^\W\d_]) *,(?=[^\W\d_])")
_EN_SPACE_BEFORE = re.compile(r"(?<=[^\W_])[ \u00a0\u202f]+(?=[!?:;](?:\s|$))")
_LETTERS_WORD = re.compile(r"\b[^\W\d_]{2,}\b")


def _protected(text: str) -> list[tuple[int, int]]:
    spans = list(find_urls(text))
    if "@" in text:
        spans += [m.span() for m in EMAIL.finditer(text)]
    return spans


def _inside(pos: int, spans) -> bool:
    return any(s <= pos < e for s, e in spans)


def _issue(code: str, start: int, end: int, fix: str | None, severity: str = "info") -> dict:
    return {"code": code, "severity": severity, "start": start, "end": end, "fix": fix}


def _french_high_punct(text: str, protected) -> list[dict]:
    issues = []
    for m in _HIGH.finditer(text):
        pre, p = m.group("pre"), m.group("p")
        p_start = m.start("p")
        if _inside(p_start, protected):
            continue
        before_index = m.start() - 1
        if before_index < 0:
            continue
        before = text[before_index]
        if before in "\n\r\t([«\"'" or before.isspace():
            continue
        after = text[m.end()] if m.end() < len(text) else ""
        if p == ":":
            if after and not after.isspace():
                continue  # 12:30, https:, emoticons :) and the like
        elif after and (after.isalnum() or after in "()-_/=&"):
            continue  # ;) or a query string
        wanted = NBSP if p == ":" else NNBSP
        if pre in (NBSP, NNBSP) or (p == ":" and pre == NBSP):
            continue
        code = "typo.space_before_colon" if p == ":" else "typo.space_before_punct"
        issues.append(_issue(code, m.start(), m.end(), wanted + p))
    return issues


def _french_guillemets(text: str, protected) -> list[dict]:
    issues = []
    for m in _GUILLEMET_OPEN.finditer(text):
        if m.group("sp") != NBSP and not _inside(m.start(), protected):
            issues.append(_issue("typo.guillemets", m.start(), m.end(), "«" + NBSP))
    for m in _GUILLEMET_CLOSE.finditer(text):
        if m.group("sp") != NBSP and not _inside(m.start(), protected):
            issues.append(_issue("typo.guillemets", m.start(), m.end(), NBSP + "»"))
    for line_match in re.finditer(r"[^\n]+", text):
        line = line_match.group()
        quotes = [i for i, ch in enumerate(line) if ch == '"']
        if len(quotes) == 2 and quotes[1] - quotes[0] > 1:
            start, end = line_match.start() + quotes[0], line_match.start() + quotes[1] + 1
            if _inside(start, protected):
                continue
            inner = text[start + 1:end - 1].strip(SPACES)
            if inner:
                issues.append(_issue("typo.straight_quotes", start, end, f"«{NBSP}{inner}{NBSP}»"))
    return issues


def _common(text: str, protected, lang: str) -> list[dict]:
    issues = []
    for m in _APOSTROPHE.finditer(text):
        if not _inside(m.start(), protected):
            issues.append(_issue("typo.apostrophe", m.start(), m.end(), "’"))
    for m in _ELLIPSIS.finditer(text):
        if not _inside(m.start(), protected):
            issues.append(_issue("typo.ellipsis", m.start(), m.end(), "…"))
    for m in _DOUBLE_SPACE.finditer(text):
        if not _inside(m.start(), protected):
            issues.append(_issue("typo.double_space", m.start(), m.end(), " ", "warning"))
    for m in _SPACE_BEFORE_COMMA.finditer(text):
        if not _inside(m.start(), protected) and text[m.end():m.end() + 3] != "...":
            issues.append(_issue("typo.space_before_comma", m.start(), m.end(), "", "warning"))
    for m in _COMMA_GLUED.finditer(text):
        if not _inside(m.start(), protected):
            issues.append(_issue("typo.space_after_comma", m.start(), m.end(), ", ", "warning"))
    if lang == "en":
        for m in _EN_SPACE_BEFORE.finditer(text):
            if not _inside(m.start(), protected):
                issues.append(_issue("typo.en_space_before_punct", m.start(), m.end(), ""))
    return issues


def shouting(text: str) -> list[dict]:
    """Runs of three or more words in capitals, or one capitalised word of 7+ letters."""
    protected = _protected(text)
    words = [m for m in _LETTERS_WORD.finditer(text)
             if m.group().isupper() and not _inside(m.start(), protected)
             and not (m.start() and text[m.start() - 1] in "#@")]
    issues, run = [], []

    def flush():
        if len(run) >= 3 or (run and max(len(m.group()) for m in run) >= 7):
            issues.append(_issue("typo.all_caps", run[0].start(), run[-1].end(), None, "warning"))

    for m in words:
        if run and re.fullmatch(r"[\s\W]*", text[run[-1].end():m.start()]) and "\n" not in text[run[-1].end():m.start()]:
            run.append(m)
        else:
            flush()
            run = [m]
    flush()
    return issues


def check(text: str, lang: str = "fr") -> list[dict]:
    """Every typography problem: ``{"code", "severity", "start", "end", "fix"}``.

    ``fix`` replaces ``text[start:end]``; None when no fix is safe. Sorted by position;
    spans of fixable issues never overlap.
    """
    text = text or ""
    protected = _protected(text)
    issues = _common(text, protected, lang)
    if lang == "fr":
        issues += _french_high_punct(text, protected) + _french_guillemets(text, protected)
    issues += shouting(text)
    issues.sort(key=lambda i: (i["start"], i["end"], i["code"]))
    kept, last_end = [], -1
    for issue in issues:
        if issue["fix"] is not None:
            if issue["start"] < last_end:
                continue
            last_end = issue["end"]
        kept.append(issue)
    return kept


def apply(text: str, start: int, end: int, replacement: str) -> str:
    return text[:start] + replacement + text[end:]


def fix_all(text: str, lang: str = "fr") -> str:
    """Apply every safe fix; applying it again changes nothing."""
    text = text or ""
    for _ in range(5):
        fixes = [i for i in check(text, lang) if i["fix"] is not None]
        if not fixes:
            break
        for issue in sorted(fixes, key=lambda i: i["start"], reverse=True):
            text = apply(text, issue["start"], issue["end"], issue["fix"])
    return text

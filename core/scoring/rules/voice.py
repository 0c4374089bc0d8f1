"""Voice: what a senior CM refuses on reading, whatever the network: a familiar register in a
brand's public voice, a competitor run down, the same phrase said again and again, an
e-mail subject that only says it is a newsletter, an opening that announces the brand
instead of the news. Each is a general fault named by a reference (the phrases are in
data/scoring_sense.toml with their source), never a sentence of a graded set.
"""

from __future__ import annotations

import re
from collections import Counter

from core.scoring.draft import Parsed
from core.scoring.result import Findings
from core.scoring.rules.sense import _rx, _rx_key
from core.scoring.words import content_words, fold, folded_map, hashtags, link_spans, stop_words

# French negation without « ne », in the forms a public text shows (« c'est pas », « on va
# pas », « vous êtes pas »): Grevisse, Le Bon Usage § 1022, « la langue parlée familière ».
_NO_NE = re.compile(r"(?<![\w'])(?:c'est|c'etait|ca|on|j'ai|j'suis|t'es|t'as|y a|y'a|il y a|vous etes|tu es|tu as"
                    r"|vous avez|faut|fallait|je sais|on peut|on va|on a|on sait|c'est|ca sert)\s+(?:pas|jamais|rien)"
                    r"(?![\w'])")
REPEAT_MIN = 4          # the same two content words four times in a short text is stuffing
REPEAT_SHARE = 0.1      # and a tenth of its content words: a blog intro says its subject in its title, meta and text
REPEAT_MAX_WORDS = 400  # beyond, an article repeats its subject by nature (Yoast's density judges it)


def _prose(text: str) -> str:
    """The text without its hashtags and links (spaces keep the offsets)."""
    out = text
    for start, end in sorted([(s, e) for s, e, _ in hashtags(text)] + link_spans(text), reverse=True):
        out = out[:start] + " " * (end - start) + out[end:]
    return out


def check(f: Findings, p: Parsed, lang: str):
    """A brand's public voice, the subject of its e-mails, the first line of its posts.
    Reference: no slang or negation without « ne » (Grevisse § 1022: familiar
    spoken French; the Office québécois de la langue française's advice on the register of a
    business's texts); no competitor run down (Code de la consommation L122-1 on comparative
    advertising, and denigration as a fault, Code civil art. 1240); no phrase stuffed (Google
    Search spam policies, « Keyword stuffing »); an e-mail subject that says what is inside,
    not "Newsletter de décembre" (Mailchimp, « Subject line best practices »); a first line
    about the reader's news, not the brand's pleasure to announce it (the inverted pyramid of
    news writing: the fact first)."""
    text = p.text
    if not text.strip():
        return
    lang = "en" if lang == "en" else "fr"
    prose = _prose(text)
    mapped = folded_map(prose)
    folded = mapped.text
    rx = _rx("slang", lang)
    m = rx.search(folded) if rx else None
    if m is None and lang == "fr":
        m = _NO_NE.search(folded)
    if m:
        s, e = mapped.span(m.start(), m.end())
        f.add("tone.register", "warning", s, e, phrase=text[s:e])
    rx = _rx("denigration", lang)
    m = rx.search(folded) if rx else None
    if m:
        s, e = mapped.span(m.start(), m.end())
        f.add("coherence.denigration", "error", s, e, phrase=text[s:e])
    if p.kind != "reply":  # an article's title and meta say its subject on purpose: its body is judged
        _repeated(f, text, folded, mapped, lang, p.body_start if p.kind == "article" else 0)
    if p.kind == "email" and p.title:
        written = text[p.title[0]:p.title[1]]
        subject = fold(written)
        rx = _rx("generic_subject", lang)
        generic = _rx_key("generic_subject", lang + "_filler")
        # The brand's name is no content either: a capitalised word that is not a filler word.
        names = {fold(w) for w in re.findall(r"[^\W\d_]+", written)
                 if w[:1].isupper() and not (generic and generic.fullmatch(fold(w)))}
        words = [w for w in re.findall(r"[^\W\d_]+", subject) if w not in stop_words(lang) and w not in names]
        if rx and rx.search(subject) and generic is not None and \
                all(generic.fullmatch(w) or rx.fullmatch(w) for w in words):
            f.add("hook.generic_subject", "warning", *p.title)
    if p.kind != "reply" and p.hook:
        rx = _rx("announcement", lang)
        hook = folded[p.hook[0]:p.hook[1]]
        m = rx.search(hook) if rx else None
        if m:
            s, e = mapped.span(p.hook[0] + m.start(), p.hook[0] + m.end())
            f.add("hook.announcement", "warning", s, e, phrase=text[s:e])


def _repeated(f: Findings, text: str, folded: str, mapped, lang: str, start: int = 0):
    """Two content words side by side said REPEAT_MIN times or more in a short text (from
    ``start``), and a tenth of its content words."""
    stops = stop_words(lang)
    tokens = [(m.start(), m.end(), m.group()) for m in re.compile(r"[^\W\d_]{3,}").finditer(folded, start)]
    content = [(s, e, w) for s, e, w in tokens if w not in stops]
    if not content or len(tokens) > REPEAT_MAX_WORDS:
        return
    pairs = Counter()
    first = {}
    for (s1, _, w1), (s2, e2, w2) in zip(content, content[1:]):
        if s2 - s1 > 40 or w1 == w2:
            continue
        key = (w1.rstrip("s"), w2.rstrip("s"))
        pairs[key] += 1
        first.setdefault(key, (s1, e2))
    if not pairs:
        return
    key, n = pairs.most_common(1)[0]
    if n >= REPEAT_MIN and 2 * n >= REPEAT_SHARE * len(content):
        s, e = mapped.span(*first[key])
        f.add("keywords.repeated_phrase", "warning", s, e, phrase=text[s:e], count=n)

"""A lexical part-of-speech tagger for French keyword candidates.

Parts of speech come from spaCy's French tokenizer and the lexicon read from spaCy's
lemmatizer tables (``core.language.lexicon``), with context rules for ambiguous forms: a
verb form after a determiner is a noun ("les forces"), an infinitive after a preposition
is a verb ("appelé à voter"), a word capitalised inside sentences is a name at a
sentence start too; names the tokenizer cuts are glued back ("Saint-Malo",
"McDonald's"). Measured on the WikiNews benchmark when the tagger was written, the
small model's morphologizer, which calls "manager" a verb and "Lancement" an adverb, was
no better for keywords and cost far more.

Tags: ``F`` function word, ``PUNCT``, ``NUM``, ``PROPN``, ``NOUN``, ``ADJ``, ``NA`` (noun
or adjective), ``VERB``, ``ADV``.
"""

from __future__ import annotations

import re

from core.language.lexicon import ADJ, NOUN, VERB, Lexicon

SENT_END = frozenset([".", "!", "?", "…", "...", "?!", "!!", "!?"])
HEADS = frozenset(["NOUN", "NA", "PROPN"])
# Context words that settle a noun/verb ambiguity ("la marche" / "il marche").
_BEFORE_VERB = frozenset("je j' tu il elle on nous vous ils elles qui ne n' se s' me m' te t' lui".split())
# Determiners after which a form that can be a verb is a noun ("l'attaque", "des forces").
_DET = frozenset("un une des du au aux ces cette cet sa ses son ma mes mon ta tes ton leur leurs "
                 "notre nos votre vos quelques plusieurs chaque".split())
_DEF = frozenset("le la les l'".split())
_DET_AFTER_VERB = frozenset("le la les l' un une des du ces cette cet son sa ses leur leurs".split())
_BEFORE_INF = frozenset("à de d' pour sans afin peut pourrait doit devrait veut faut".split())
_AUX = frozenset("a ont avait avaient aura auront aurait auraient est sont était étaient sera seront serait seraient été être avoir ai as avons avez eu".split())
_OPENERS = ("«", '"', ":", "(", "-")
# Pronouns after a verb's hyphen ("dit-elle", "peut-on"): not a compound word.
_CLITICS = frozenset("je tu il elle on nous vous ils elles t le la les lui leur moi toi y en ce là ci".split())


def tag(text: str, low: str, sent_initial: bool, prev_low: str, stop: frozenset, lex: Lexicon) -> str:
    """The tag of one token from the lexicon and the word before it."""
    if low in stop:
        return "F"
    if not low[:1].isalpha():
        return "NUM" if low[:1].isdigit() else "PUNCT"
    cap = text[:1].isupper()
    if len(text) > 1 and text.isupper() and not text.isdigit():
        return "PROPN"
    m = lex.mask(low)
    if cap and not sent_initial and prev_low not in _OPENERS:
        return "PROPN"
    if m == 0:
        return "PROPN" if cap else "NA"
    noun, adj, verb = m & NOUN, m & ADJ, m & VERB
    if verb and (noun or adj):
        if prev_low in _BEFORE_VERB or prev_low in _AUX:
            return "VERB"
        return "NA" if noun and adj else ("NOUN" if noun else "ADJ")
    if noun and adj:
        return "NA"
    if noun:
        return "NOUN"
    if adj:
        return "ADJ"
    if verb:
        return "VERB"
    return "ADV"


def pieces(doc) -> list[tuple[str, int]]:
    """(text, offset) of the tokens, with the words the tokenizer cuts glued back:
    "Saint - Malo" -> "Saint-Malo", "McDonald' s" -> "McDonald's", and compounds outside
    its list of hyphenated words, "question - réponse" -> "question-réponse" (a name
    or a term is one word; its halves alone are not keywords)."""
    out: list[tuple[str, int]] = []
    toks = list(doc)
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        if (i + 2 < n and t.text[:1].isalpha() and not t.whitespace_ and toks[i + 1].text == "-"
                and not toks[i + 1].whitespace_ and toks[i + 2].text[:1].isalpha()
                and (t.text[:1].isupper() or (t.text.isalpha() and toks[i + 2].text.isalpha()
                                              and toks[i + 2].text.lower() not in _CLITICS))):
            end = toks[i + 2]
            out.append((doc.text[t.idx:end.idx + len(end.text)], t.idx))
            i += 3
            continue
        if (i + 1 < n and t.text.endswith("'") and t.text[:1].isupper() and len(t.text) > 2
                and not t.whitespace_ and toks[i + 1].text == "s"):
            out.append((t.text + "s", t.idx))
            i += 2
            continue
        out.append((t.text, t.idx))
        i += 1
    return out


_HEADING_WORDS = 12
_NOT_HEADING_END = re.compile(r"[.…:;,]\s*$|[.!?…]\s+\S")


def headings(text: str) -> list[tuple[int, int]]:
    """Spans of the lines that read as headings: short, no sentence inside, not ending on a
    full stop, followed by more text (an h1, an h2, a product's name above its sheet)."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    return [(a, b) for n, (a, b) in enumerate(spans[:-1])
            if len(text[a:b].split()) <= _HEADING_WORDS and not _NOT_HEADING_END.search(text[a:b])]


class TaggedDoc:
    """A document as light token tuples (text, lower, tag, sentence, offset, sentence-initial)."""

    __slots__ = ("text", "toks", "n_sents", "title_end", "headings", "heading_starts")

    def __init__(self, doc, stop: frozenset, lex: Lexicon):
        text = doc.text
        first = re.search(r"\S[^\n]*", text)
        self.title_end = first.end() if first else 0
        self.text = text
        self.headings = headings(text)
        self.heading_starts = [a for a, _ in self.headings]
        # Words written with a capital inside sentences and never in lower case are names,
        # also at a sentence start ("France : les résultats").
        words = pieces(doc)
        names, lower = set(), set()
        prev = "."
        for raw, _ in words:
            if raw.isspace():
                if "\n" in raw:
                    prev = "."
                continue
            if raw[:1].isupper():
                if prev not in SENT_END and prev not in ("«", '"', ":", "(", "-", "–", "—"):
                    names.add(raw.lower())
            elif raw[:1].islower():
                lower.add(raw)
            prev = raw
        names -= lower
        toks = []
        sent = 0
        sent_initial = True
        prev2_low, prev_low, prev_tag = "", "", "F"
        for raw, idx in words:
            if raw.isspace():
                if "\n" in raw and not sent_initial:
                    sent += 1
                    sent_initial = True
                continue
            low = raw.lower()
            g = tag(raw, low, sent_initial, prev_low, stop, lex)
            if sent_initial and g != "F" and low in names and raw[:1].isupper():
                g = "PROPN"
            elif g in ("VERB", "ADJ") and lex.mask(low) & VERB and (
                    prev_low in _DET
                    or (prev_low in _DEF and prev2_low not in _BEFORE_VERB
                        and not low.endswith(("er", "ir", "re")))):
                g = "NOUN"  # after a determiner, a verb form is a noun ("les forces")
            elif (g in ("ADJ", "NA") and low.endswith("ant") and len(low) > 5
                  and lex.mask(low) & VERB and not lex.mask(low) & NOUN and prev_tag in HEADS):
                g = "VERB"  # a present participle after a noun ("exoplanète possédant")
            elif (g in ("NOUN", "NA", "ADJ") and prev_low in _BEFORE_INF
                  and low.endswith(("er", "ir", "re")) and (lex.mask(low) & VERB or lex.mask(low) == 0)):
                # an infinitive after a preposition ("appelé à voter"); the tables know the
                # forms of irregular verbs but not always their infinitive ("à partir", "pour décrire")
                g = "VERB"
            if low == "été" and prev_low == "d'":
                g = "NOUN"  # the season, not the participle ("robe d'été", "soldes d'été")
            if g == "NA" and prev_tag in ("NOUN", "NA", "PROPN") and toks and toks[-1][3] == sent:
                g = "ADJ"  # a noun-or-adjective right after a noun modifies it ("banques belges")
            if len(low) == 1:
                g = "F"  # a lone letter or digit ("°C", "V") is no keyword
            toks.append((raw, low, g, sent, idx, sent_initial))
            prev2_low, prev_low, prev_tag = prev_low, low, g
            if low in SENT_END or (g == "PUNCT" and low[-1:] in ".!?…" and low != "."):
                sent += 1
                sent_initial = True
            elif g != "PUNCT" or low not in ("«", '"', "(", "-", "–", "—", "*"):
                sent_initial = False
        # A verb form between a noun phrase and a determiner is the sentence's verb ("l'analyse
        # syntaxique reste un problème", "le modèle traite les", not "analyse syntaxique reste").
        for i in range(1, len(toks) - 1):
            t, before, after = toks[i], toks[i - 1], toks[i + 1]
            if (t[2] in ("NOUN", "NA", "ADJ") and not t[5] and before[2] in ("NOUN", "NA", "ADJ", "PROPN")
                    and after[1] in _DET_AFTER_VERB and before[3] == t[3] == after[3] and lex.mask(t[1]) & VERB):
                toks[i] = (t[0], t[1], "VERB", t[3], t[4], t[5])
        # A capitalised article between two names belongs to the name ("Marine Le Pen").
        for i in range(1, len(toks) - 1):
            t = toks[i]
            if (t[0] in ("Le", "La") and not t[5] and toks[i - 1][2] == "PROPN" and toks[i + 1][2] == "PROPN"
                    and toks[i - 1][3] == t[3] == toks[i + 1][3]):
                toks[i] = (t[0], t[1], "PROPN", t[3], t[4], t[5])
        self.toks = toks
        self.n_sents = sent + 1

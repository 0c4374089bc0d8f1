"""Syllable counts for the Flesch formulas, in French and English.

Calame counts syllables itself instead of using textstat, which (measured here, 0.7.13)
counts French syllables from hyphenation points: hyphenation never splits a word's first
or last syllable off alone and skips short words, so "été", "idée" or "réseau" come out
wrong. The rules below count written vowel groups, then correct the groups French or
English spelling does not pronounce (French mute final "e", "es", verbal "ent"; English
silent "e", "-ed") and the hiatuses a group hides ("réalité", "créer", "poème").
They are tested against hand counts in tests/test_readability.py and documented in
docs/readability.md.
"""

from __future__ import annotations

import re
from functools import lru_cache

_FR_VOWELS = "aeiouyàâäéèêëîïôöûüùœæ"
_FR_GROUP = re.compile(f"[{_FR_VOWELS}]+")
_FR_LETTERS = re.compile(r"[^a-zàâäéèêëîïôöûüùœæç]")
# A mute final e (with the plural -s or the verbal -nt) after a consonant or after qu/gu.
_FR_MUTE_E = re.compile(f"(?:[^{_FR_VOWELS}]|[qg]u)e(?:s|nt)?$")
# Hiatus inside one written vowel group: each adds a syllable.
_FR_HIATUS = (
    re.compile(r"é(?:[aâéèiîouy]|e(?!s?$|nt$))"),  # ré-a-li-té, cré-er, é-vé-ne-ment
    re.compile(r"[ao][éèëï]"),  # a-é-ro-port, po-è-me, na-ïf, ha-ïr
    re.compile(r"o[aâ](?!r|l|n)"),  # ko-a-la (not "oa" of "toast")
    re.compile(r"[aeéuo]y[aâeéèoui]"),  # pa-yer, jo-yeux
    re.compile(r"[bcdfgptv][rl](?:i|u|ou)[aéèoâ]"),  # cri-er, tru-elle, trou-er
    re.compile(r"ii[oe]"),  # pri-i-ons
)
# Final "-ent" that is pronounced (nouns, adjectives, adverbs in -ment); a verb's
# third-person plural "-ent" is mute ("ils aiment").
_FR_ENT_SPOKEN = frozenset(
    """absent accent accident adjacent adolescent agent apparent ardent argent auvent
    cent client comment compétent concurrent confident conséquent content continent
    couvent décent dent différent divergent éloquent éminent équivalent évident
    excellent fervent fréquent gent impatient incident indifférent influent innocent
    insolent intelligent latent lent moment négligent occident orient parent patient
    permanent pertinent précédent président présent prudent récent régent réticent serpent
    souvent strident talent torrent transparent urgent vent violent""".split()
)
_FR_ENT_VERBS_IN_MENT = frozenset(
    """aiment animent affirment briment chôment ferment filment fument priment riment
    dament sèment parsèment impriment dépriment suppriment expriment compriment
    programment proclament réclament acclament consument""".split()
)
# Single-vowel-group words that are read as two syllables.
_FR_FULL = {"ok": 2, "pays": 2, "paysage": 3, "abbaye": 3, "ouest": 1, "oui": 1}


@lru_cache(maxsize=65536)
def count_fr(word: str) -> int:
    """Syllables of one French written word (0 for a word without letters)."""
    w = _FR_LETTERS.sub("", word.lower().replace("'", "").replace("’", ""))
    if not w:
        return 0
    if w in _FR_FULL:
        return _FR_FULL[w]
    groups = _FR_GROUP.findall(w)
    n = len(groups)
    if n == 0:
        return 1  # an acronym or an interjection without vowel ("pff", "SMS")
    for pattern in _FR_HIATUS:
        n += len(pattern.findall(w))
    if n > 1 and _FR_MUTE_E.search(w):
        if w.endswith("ent") and (w in _FR_ENT_SPOKEN or (w.endswith("ment") and w not in _FR_ENT_VERBS_IN_MENT)):
            pass
        else:
            n -= 1
    return max(n, 1)

"""The rule families, one module each. Every rule adds findings (``core.scoring.result.Findings``)
whose code prefix names its sub-score; its docstring names its reference.

==============  =========================================  ==============
module          codes                                      sub-score
==============  =========================================  ==============
length          ``length.*``, ``cut.*``                    length
hook            ``hook.*``                                 hook
keywords        ``keywords.*``                             keywords
seo             ``seo.*`` (articles)                       keywords
readability     ``readability.*``                          readability
grammar         ``grammar.*`` (French, Grammalecte),       grammar
                ``typo.other``                             typography
spelling_en     ``grammar.spelling*`` (English)            grammar
cta             ``cta.*``                                  cta
hashtags        ``hashtags.*``                             hashtags
engagement      ``engagement.*``                           engagement
tone            ``tone.*``                                 engagement
coherence       ``coherence.*``                            coherence
sense           ``coherence.*`` (what a CM sees on reading),  coherence
                ``grammar.inverted_agreement``             grammar
typography      ``typo.*``                                 typography
meaning         ``coherence.tautology``,                   coherence
                ``coherence.name_no_article`` (French)
voice           ``tone.register``, ``coherence.denigration``,  engagement, coherence,
                ``keywords.repeated_phrase``, ``hook.*``   keywords, hook
accessibility   ``a11y.*``                                 accessibility
==============  =========================================  ==============
"""

from core.scoring.rules import (accessibility, coherence, cta, engagement, grammar, hashtags, hook, keywords,
                                length, meaning, readability, seo, sense, spelling_en, tone, typography, voice)

__all__ = ["accessibility", "coherence", "cta", "engagement", "grammar", "hashtags", "hook", "keywords", "length",
           "meaning", "readability", "seo", "sense", "spelling_en", "tone", "typography", "voice"]

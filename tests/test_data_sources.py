"""Every figure or rule in data/ names where it comes from, as core/refdata.py describes:
a ``source`` in the table or in a section above it, a ``sources`` entry naming it, or a
``# source:`` header line in a word list. An issue number is never a source."""

import datetime
import re
import tomllib

import pytest

from core.refdata import DATA

REFERENCE_FILES = sorted(p for p in DATA.rglob("*.toml") if p.relative_to(DATA).parts[0] not in ("i18n", "demo"))
WORD_LISTS = sorted(p for p in (DATA / "wordlists").iterdir() if p.suffix in (".txt", ".tsv"))
ISSUE_NUMBER = re.compile(r"\bissues?\s*(?:n[o°]\s*)?#?\s*\d+", re.IGNORECASE)


def _named(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _is_figure(key: str, value) -> bool:
    """A number, a list or a date rule: what needs a source (labels and flags do not)."""
    if isinstance(value, bool):
        return False
    return key == "rule" or isinstance(value, (int, float, list, datetime.date, datetime.time))


def unsourced(table: dict, path: tuple = (), covered: bool = False, top: bool = True) -> list[str]:
    """Dotted names of the figures no source covers, and of ``sources`` keys that name nothing."""
    own = _named(table.get("source"))
    sources = table.get("sources", {})
    if not isinstance(sources, dict):
        return [".".join((*path, "sources"))]
    here = covered or own
    below = covered or (own and not top)
    missing = [".".join((*path, "sources", key)) for key, text in sources.items()
               if key not in table or not _named(text)]
    for key, value in table.items():
        if key in ("source", "sources"):
            continue
        name = (*path, key)
        by_name = _named(sources.get(key))
        if isinstance(value, dict):
            missing += unsourced(value, name, below or by_name, top=False)
        elif _is_figure(key, value) and not (here or by_name):
            missing.append(".".join(name))
    return missing


def source_texts(table: dict, path: tuple = ()):
    """(dotted name, text) of every source written in ``table`` and below it."""
    for key, value in table.items():
        name = (*path, key)
        if key == "source" and isinstance(value, str):
            yield ".".join(name), value
        elif key == "sources" and isinstance(value, dict):
            for sub, text in value.items():
                if isinstance(text, str):
                    yield ".".join((*name, sub)), text
        elif isinstance(value, dict):
            yield from source_texts(value, name)


def header_source(text: str) -> str:
    """The ``# source:`` line of a word list's header (the comments before the first entry)."""
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line.lstrip("#").strip()
        if body.lower().startswith("source:") and body[len("source:"):].strip():
            return body[len("source:"):].strip()
    return ""


@pytest.mark.parametrize("path", REFERENCE_FILES, ids=lambda p: str(p.relative_to(DATA)))
def test_every_figure_of_a_reference_file_names_its_source(path):
    missing = unsourced(tomllib.loads(path.read_text(encoding="utf-8")))
    assert missing == [], f"{path.relative_to(DATA)}: no source for {', '.join(missing)}"


@pytest.mark.parametrize("path", WORD_LISTS, ids=lambda p: p.name)
def test_every_word_list_names_its_source_in_its_header(path):
    assert header_source(path.read_text(encoding="utf-8")), f"{path.relative_to(DATA)}: no '# source:' header line"


def test_no_source_cites_an_issue_number():
    cited = [f"{p.relative_to(DATA)}: {name}" for p in REFERENCE_FILES
             for name, text in source_texts(tomllib.loads(p.read_text(encoding="utf-8")))
             if ISSUE_NUMBER.search(text)]
    cited += [str(p.relative_to(DATA)) for p in WORD_LISTS if ISSUE_NUMBER.search(header_source(p.read_text(encoding="utf-8")))]
    assert cited == []


# The checker itself, on small files written here.

def test_a_planted_moment_without_source_is_reported_by_name():
    data = tomllib.loads('''
source = "French commercial moments"

[soldes_hiver]
fr = "Soldes d'hiver"
rule = "soldes_hiver"
duration = 28
lead_weeks = 2
source = "Arrêté du 27 mai 2019, art. 1"

[soldes_ete_be]
fr = "Soldes d'été"
rule = "fixed"
month = 7
day = 1
countries = ["BE"]
''')
    assert unsourced(data) == ["soldes_ete_be.rule", "soldes_ete_be.month", "soldes_ete_be.day",
                               "soldes_ete_be.countries"]


def test_the_file_source_covers_its_top_level_figures_but_no_section():
    data = tomllib.loads('''
source = "Le Bon Usage, §§ 476-480"
feminine_endings = ["tion", "té", "ure"]

[kinds.caption.weights]
hook = 15
''')
    assert unsourced(data) == ["kinds.caption.weights.hook"]


def test_a_section_source_covers_every_table_below_it():
    data = tomllib.loads('''
[thresholds]
source = "Calame's choice, because a caption is not an essay"

[thresholds.caption]
hook_max_words = 15
long_sentence_share = 25
''')
    assert unsourced(data) == []


def test_a_sources_table_covers_the_figures_and_sections_it_names_and_no_other():
    data = tomllib.loads('''
[sources]
penalties = "Calame's choice, because one habit must not sink a post"
caps = ""
dropped = "a section that is no longer in the file"

[penalties]
"typo.apostrophe" = 2

[caps]
"length.empty" = 0

[instagram]
max_length = 2200
hashtag_cap = 5
[instagram.sources]
max_length = "Instagram Help Centre: 2,200 characters"
''')
    assert unsourced(data) == ["sources.caps", "sources.dropped", "caps.length.empty", "instagram.hashtag_cap"]


def test_an_empty_source_is_no_source():
    data = tomllib.loads('''
[reel]
minutes = 120
source = "  "
''')
    assert unsourced(data) == ["reel.minutes"]


def test_labels_colours_and_flags_need_no_source():
    data = tomllib.loads('''
[inform]
fr = "Informer / éduquer"
colour = "#4C78A8"
engine = true
''')
    assert unsourced(data) == []


def test_a_word_list_header_names_its_source_only_before_the_first_entry():
    assert header_source("# Stop words.\n# source: Lexique 3.83, lexique.org\nle\nla\n") == "Lexique 3.83, lexique.org"
    assert header_source("# Stop words.\nle\n# source: written after the entries\n") == ""
    assert header_source("# source:\nle\n") == ""


def test_an_issue_number_is_recognised_and_a_standard_number_is_not():
    assert [bool(ISSUE_NUMBER.search(t)) for t in (
        "Calame scoring model, issue 4", "Issue 6 (tolerant answers)", "issues #12", "ISO 639-1",
        "Code de commerce art. L310-3", "twitter-text 3.0")] == [True, True, True, False, False, False]

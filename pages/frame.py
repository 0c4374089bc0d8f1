"""What every screen shares: UI language, the database engine, the current brand, spaCy,
and the way user text and errors are shown.

Pages import this module; it is the only place where the UI caches engine resources
(``st.cache_resource``), so that the database is migrated and the French pipeline loaded
once per server process, not once per page or rerun.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
import secrets
import sys
from contextlib import contextmanager
from typing import Callable, Iterator

import streamlit as st
from babel import Locale

from core import db, demo
from core.accounts import context
from core.accounts.permissions import Forbidden
from core.i18n import t
from core.language import nlp as core_nlp

KEEP = "session"
"""The ``persist_state`` of every input widget of the screens: Streamlit keeps its value
while its page is not shown, so what was typed survives reruns, page switches and a
language switch (the key, not the translated label, names the widget)."""

log = logging.getLogger("calame")
if not log.handlers:  # the module is imported once per server process, this guards a reload
    _handler = logging.StreamHandler(sys.stderr)
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(_handler)
    log.setLevel(logging.INFO)

# Every ASCII character Streamlit's Markdown (CommonMark, GFM, its colour directives, LaTeX,
# Material icons) reads as markup. A backslash makes any of them literal.
_MARKUP = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:&/^=])")
# Bare web addresses and e-mails become links after parsing, escapes or not: an invisible
# word joiner (U+2060) in "http", "www" and before "@" breaks the pattern, not the text.
_AUTOLINK = re.compile(r"(?i)(https?|ftp|www)(?=[:.])")
WORD_JOINER = "\u2060"


def lang() -> str:
    return st.session_state.get("lang", "fr")


def md(text) -> str:
    """``text`` (a name, a reference, anything a person typed) as Markdown that shows it as typed.

    Streamlit renders Markdown in headers, expanders, alerts, captions, labels and progress
    texts: a brand called ``[Session expirée](http://…)`` would otherwise be a link in the
    app's own words, and ``![x](http://…)`` would make the visitor's browser fetch a URL.
    """
    text = _AUTOLINK.sub(r"\1" + WORD_JOINER, str(text)).replace("@", WORD_JOINER + "@")
    return _MARKUP.sub(r"\\\1", text)


def _explained(value) -> bool:
    return hasattr(value, "key") and hasattr(value, "params")


def say(error) -> str:
    """An error in the UI language for a Markdown element: an engine error (a ``MessageError``
    or a brief ``Problem``) with its parameters (names, values, file names, the database's
    own words) shown literally; any other exception as its text, shown literally."""
    if not _explained(error):
        return md(error)
    return t(error.key, lang(), **{name: say(value) if _explained(value) else md(value) if isinstance(value, str)
                                   else value for name, value in error.params.items()})


def tr(key: str, **params) -> str:
    """The message ``key`` in the UI language. An error among ``params`` is rendered by
    ``say``; other text parameters are the caller's to pass through ``md``."""
    return t(key, lang(), **{name: say(v) if isinstance(v, BaseException) or _explained(v) else v
                             for name, v in params.items()})


_UPLOADER = '[data-testid="stFileUploaderDropzone"]'


def _css_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def file_uploader(label: str, *, key: str, type=None, accept_multiple_files: bool = False, **kwargs):
    """``st.file_uploader`` whose own words are in the UI language.

    Streamlit has no translation of its widgets (streamlit/streamlit#5163): its uploader says
    « Upload », « 200MB per file • CSV » and, while a file is dragged over it, « Drag and drop a
    file here ». A style for this uploader (its key's ``st-key-…`` class) hides those words and
    shows ours through ``::after``, in the language of the screen and with its file types.
    """
    size = int(st.get_option("server.maxUploadSize") or 200)
    types = " • ".join(sorted({str(x).lstrip(".").upper() for x in ([type] if isinstance(type, str) else type or [])}))
    limit = tr("upload.limit", size=size) + (f" • {types}" if types else "")
    drop = tr("upload.drop_many" if accept_multiple_files else "upload.drop_one")
    scope = f".st-key-{re.sub(r'[^A-Za-z0-9_-]', '-', key)} {_UPLOADER}"
    st.html(
        "<style>"
        f'{scope} [data-testid="stBaseButton-secondary"] [data-testid="stMarkdownContainer"] p {{display: none}}'
        f'{scope} [data-testid="stBaseButton-secondary"] [data-testid="stMarkdownContainer"]::after'
        f" {{content: {_css_text(tr('upload.browse_many' if accept_multiple_files else 'upload.browse'))}}}"
        f'{scope} [data-testid="stFileUploaderDropzoneInstructions"] span {{font-size: 0}}'
        f'{scope} [data-testid="stFileUploaderDropzoneInstructions"] span::after'
        f" {{content: {_css_text(limit)}; font-size: 0.875rem}}"
        f"{scope} > div:not([data-testid]) > span {{font-size: 0}}"
        f"{scope} > div:not([data-testid]) > span::after {{content: {_css_text(drop)}; font-size: 1rem}}"
        "</style>")
    return st.file_uploader(label, type=type, accept_multiple_files=accept_multiple_files, key=key, **kwargs)


def trn(key: str, count: int, **params) -> str:
    """``key.one`` or ``key.other`` by the language's plural rule (French counts 0 and 1 as one)."""
    form = "one" if Locale.parse(lang()).plural_form(abs(count)) == "one" else "other"
    return tr(f"{key}.{form}", count=count, **params)


@contextmanager
def boundary() -> Iterator[None]:
    """Show a visitor a message and a short reference instead of a traceback; log the details.

    A traceback carries server paths and SQL parameters; the reference lets whoever runs
    Calame find the details in the server's log. An action the signed-in role does not allow
    (``Forbidden``, raised by the guard whichever page wrote) shows its message: which role it
    takes, nothing changed. Streamlit's own stop and rerun signals are not ``Exception``s and
    pass through.
    """
    try:
        yield
    except Forbidden as exc:  # a role's refusal is an answer, not a crash: it names the role it takes
        st.error(say(exc))
    except Exception:
        reference = secrets.token_hex(4).upper()
        log.exception("unexpected error, reference %s", reference)
        st.error(tr("frame.crash", ref=reference))


def guarded(callback: Callable) -> Callable:
    """``callback`` (a widget's ``on_click``/``on_change``) inside ``boundary``: callbacks run
    before the page, outside app.py's boundary."""

    @functools.wraps(callback)
    def run(*args, **kwargs):
        with boundary():
            return callback(*args, **kwargs)

    return run


def author() -> str:
    """The author every save records: the signed-in account, else the name typed in the
    sidebar's "Votre nom" (an install without accounts)."""
    actor = st.session_state.get("calame_actor")
    return actor.name if actor is not None else str(st.session_state.get("author") or "").strip()


def once_per_file(kind: str, data: bytes, read: Callable[[bytes], object], *extra) -> tuple:
    """``(result, None)`` or ``(None, error)`` of ``read(data)``, computed once per session for
    this file's content (and ``extra``): a rerun does not read or unpack an upload again.

    ``forget_file(kind)`` drops the results of ``kind`` once what they describe has changed.
    """
    store = st.session_state.setdefault("frame_uploads", {})
    key = (kind, hashlib.sha256(data).hexdigest(), *extra)
    if key not in store:
        try:
            store[key] = (read(data), None)
        except db.DatabaseError:  # the database's state, not the file's: not remembered
            raise
        except ValueError as exc:  # the engine's MessageErrors and the CSV reader's refusals
            store[key] = (None, exc)
        for old in list(store)[:-8]:  # the last few files are enough for one person
            del store[old]
    return store[key]


def forget_file(kind: str) -> None:
    store = st.session_state.get("frame_uploads", {})
    for key in [k for k in store if k[0] == kind]:
        del store[key]


@st.cache_resource(show_spinner=False)
def get_engine():
    """The database engine, migrated, with the demo brand on first start."""
    engine = db.get_engine()
    demo.ensure_demo(engine)
    return engine


@st.cache_resource(show_spinner=False)
def start_nlp_preload():
    """Start loading the French pipeline in the background as soon as the app starts."""
    return core_nlp.preload(("fr",))


@st.cache_resource(show_spinner=False)
def get_nlp(language: str):
    return core_nlp.get_nlp(language)


def session():
    """A transactional session: commits at the end of the ``with`` block, or rolls back. It
    acts as the signed-in account (``pages.account``), callbacks included."""
    context.set_actor(st.session_state.get("calame_actor"))
    return db.transaction(get_engine())


def write(work: Callable):
    """``work(session)`` through ``core.db.retrying``: while the database is busy it is tried
    again, each attempt announced in a toast ("busy, retrying 2/3"); in the end a
    ``DatabaseError`` (``db.not_saved``: nothing was saved) for the page to show, keeping
    what the person typed. ``work`` must be safe to run again."""
    context.set_actor(st.session_state.get("calame_actor"))
    return db.retrying(work, get_engine(), on_retry=lambda busy: st.toast(say(busy), icon=":material/hourglass:"))


def brand_id() -> int | None:
    return st.session_state.get("brand_id")


def require_brand() -> int:
    """The current brand's id, or stop the page with a notice when there is none."""
    bid = brand_id()
    if bid is None:
        st.info(tr("frame.no_brand"))
        st.stop()
    return bid


def period_month():
    """The month the person last looked at, on any screen (next month on a first visit):
    every screen opens on it, so the calendar, Rédaction and Validation show one period."""
    from datetime import date

    from core.dates import add_months

    return st.session_state.get("frame_month") or add_months(date.today().replace(day=1), 1)


def look_at(day) -> None:
    """Remember ``day``'s month as the one the person is looking at."""
    st.session_state["frame_month"] = day.replace(day=1)


def follow_period(key: str, as_value: Callable) -> None:
    """Give the period widget ``key`` the shared month (``as_value(month)``) whenever that
    month changed on another screen since this one last showed it; what the person chose
    here stays otherwise."""
    month = period_month()
    if key in st.session_state and key + "_month" not in st.session_state:
        st.session_state[key + "_month"] = month  # set by the screen itself (a plan just generated)
    if key not in st.session_state or st.session_state[key + "_month"] != month:
        st.session_state[key] = as_value(month)
        st.session_state[key + "_month"] = month

"""French grammar and spelling, checked by Grammalecte running as its own process.

Grammalecte is GPL-3, so Calame never imports it: it talks to ``grammalecte-server``
(Debian's ``grammalecte-cli`` package) over loopback HTTP. Calame starts one on a free
port of 127.0.0.1 the first time a check is asked for, or uses the server that
``CALAME_GRAMMALECTE_URL`` names. Paragraphs are checked once: results are cached by
paragraph text, so a re-plan or a live refresh only pays for what changed.

When the server cannot be started or stops answering, checks come back with
``checked=False`` and a message key saying why: a score built on them must say that
grammar went unchecked, never present itself as checked.
"""

from __future__ import annotations

import atexit
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import OrderedDict
from dataclasses import dataclass, field

EXECUTABLE = "grammalecte-server"
URL_ENV = "CALAME_GRAMMALECTE_URL"
START_TIMEOUT_S = 45.0
REQUEST_TIMEOUT_S = 20.0
RETRY_AFTER_S = 30.0  # after a failure, wait this long before trying the server again
BATCH_CHARS = 60_000  # one request's text, so a huge paste does not make one slow request
CACHE_SIZE = 50_000  # paragraphs
# Grammalecte's error types that are typography (Calame's typography rules cover them too).
TYPOGRAPHY_TYPES = frozenset({"nbsp", "esp", "typo", "apos", "num"})
# Control characters Grammalecte would choke on; replaced by a space, offsets unchanged.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class GrammarIssue:
    """One finding: ``kind`` is "grammar", "spelling" or "typography"; offsets in the text."""

    start: int
    end: int
    kind: str
    rule: str
    message: str
    suggestions: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "kind": self.kind, "rule": self.rule,
                "message": self.message, "suggestions": list(self.suggestions)}


@dataclass
class GrammarCheck:
    """The check of one text. ``reason`` is a message key when ``checked`` is False."""

    checked: bool
    issues: list[GrammarIssue] = field(default_factory=list)
    reason: str | None = None

    def of_kind(self, kind: str) -> list[GrammarIssue]:
        return [i for i in self.issues if i.kind == kind]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class GrammalecteService:
    """A Grammalecte server: the one ``url`` names, or one this process starts and stops."""

    def __init__(self, url: str | None = None, executable: str = EXECUTABLE):
        self._url = (url or "").rstrip("/") or None
        self._own = self._url is None
        self._executable = executable
        self._process: subprocess.Popen | None = None
        self._lock = threading.Lock()
        self._failed_at: float | None = None
        self._reason: str | None = None

    # --- the process ----------------------------------------------------------------------

    def _start(self) -> None:
        path = shutil.which(self._executable)
        if path is None:
            raise _Unavailable("grammar.missing")
        port = _free_port()
        self._process = subprocess.Popen(
            [path, "-ht", "127.0.0.1", "-p", str(port), "-mp", "1"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
            start_new_session=True)
        atexit.register(self.stop)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise _Unavailable("grammar.crashed")
            if self._alive(url):
                self._url = url
                return
            time.sleep(0.2)
        self.stop()
        raise _Unavailable("grammar.down")

    @staticmethod
    def _alive(url: str) -> bool:
        try:
            with urllib.request.urlopen(url + "/get_options/fr", timeout=2) as response:
                return response.status == 200
        except (OSError, urllib.error.URLError):
            return False

    def stop(self) -> None:
        """Stop the server this process started (and its worker processes)."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=5)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if self._own:
            self._url = None

    def url(self) -> str:
        """The server's address, starting it when needed; ``_Unavailable`` when it cannot be had."""
        with self._lock:
            if self._failed_at is not None and time.monotonic() - self._failed_at < RETRY_AFTER_S:
                raise _Unavailable(self._reason or "grammar.down")
            if self._own and (self._process is None or self._process.poll() is not None):
                self._url = None
                try:
                    self._start()
                except _Unavailable as exc:
                    self._failed_at, self._reason = time.monotonic(), exc.key
                    raise
            self._failed_at = None
            return self._url

    def available(self) -> tuple[bool, str | None]:
        """(True, None) when checks can run, else (False, message key)."""
        try:
            self.url()
            return True, None
        except _Unavailable as exc:
            return False, exc.key

    # --- checking -------------------------------------------------------------------------

    def check_paragraphs(self, paragraphs: list[str]) -> list[list[dict]]:
        """Grammalecte's raw findings for each paragraph (none holds a line break)."""
        url = self.url()
        text = "\n".join(paragraphs)
        data = urllib.parse.urlencode({"text": text}).encode("utf-8")
        try:
            with urllib.request.urlopen(url + "/gc_text/fr", data, timeout=REQUEST_TIMEOUT_S) as response:
                answer = json.loads(response.read().decode("utf-8"))
        except (OSError, urllib.error.URLError, ValueError) as exc:
            with self._lock:
                self._failed_at, self._reason = time.monotonic(), "grammar.down"
            raise _Unavailable("grammar.down") from exc
        out: list[list[dict]] = [[] for _ in paragraphs]
        for item in answer.get("data", ()):
            index = int(item.get("iParagraph", 0)) - 1
            if 0 <= index < len(out):
                out[index] = _findings(item)
        return out


    def suggest(self, word: str) -> tuple[str, ...]:
        """Grammalecte's speller for one unknown word (its text check gives no suggestion)."""
        url = self.url()
        data = urllib.parse.urlencode({"token": word}).encode("utf-8")
        try:
            with urllib.request.urlopen(url + "/suggest/fr", data, timeout=REQUEST_TIMEOUT_S) as response:
                answer = json.loads(response.read().decode("utf-8"))
        except (OSError, urllib.error.URLError, ValueError) as exc:
            raise _Unavailable("grammar.down") from exc
        return tuple(s for s in answer.get("suggestions", ()) if isinstance(s, str) and s != word)[:5]


class _Unavailable(Exception):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _findings(item: dict) -> list[dict]:
    found = []
    for e in item.get("lGrammarErrors", ()):
        kind = "typography" if e.get("sType") in TYPOGRAPHY_TYPES else "grammar"
        found.append({"start": e["nStart"], "end": e["nEnd"], "kind": kind, "rule": e.get("sRuleId", ""),
                      "message": e.get("sMessage", ""), "suggestions": tuple(e.get("aSuggestions") or ())})
    for e in item.get("lSpellingErrors", ()):
        found.append({"start": e["nStart"], "end": e["nEnd"], "kind": "spelling", "rule": "spelling",
                      "message": "", "suggestions": (), "word": e.get("sValue", "")})
    return found


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, paragraph) for each non-blank line, control characters blanked."""
    out, start = [], 0
    for line in text.split("\n"):
        body = _CONTROL.sub(" ", line.rstrip("\r"))
        if body.strip():
            out.append((start, body))
        start += len(line) + 1
    return out


class GrammarChecker:
    """Checks French texts through a ``GrammalecteService``, caching each paragraph's findings."""

    def __init__(self, service: GrammalecteService | None = None):
        self.service = service or GrammalecteService(os.environ.get(URL_ENV))
        self._cache: OrderedDict[str, list[dict]] = OrderedDict()
        self._cache_lock = threading.Lock()
        self._suggestions: dict[str, tuple[str, ...]] = {}

    def check(self, text: str, known_words=()) -> GrammarCheck:
        return self.check_many([text], known_words)[0]

    def check_many(self, texts, known_words=()) -> list[GrammarCheck]:
        """One check a text; paragraphs not yet cached go to the server in few requests.
        ``known_words`` (brand and offer names, hashtags) are never spelling mistakes."""
        texts = list(texts)
        split = [_paragraphs(t or "") for t in texts]
        missing = list(dict.fromkeys(p for parts in split for _, p in parts if p not in self._cache))
        try:
            self._fill(missing)
        except _Unavailable as exc:
            return [GrammarCheck(checked=False, reason=exc.key) for _ in texts]
        known = {w.casefold().lstrip("#@") for w in known_words if w}
        results = []
        for parts in split:
            issues = []
            for offset, paragraph in parts:
                for f in self._cache.get(paragraph, ()):
                    if f["kind"] == "spelling" and f.get("word", "").casefold() in known:
                        continue
                    issues.append(GrammarIssue(offset + f["start"], offset + f["end"], f["kind"], f["rule"],
                                               f["message"], f["suggestions"]))
            issues.sort(key=lambda i: (i.start, i.end))
            results.append(GrammarCheck(checked=True, issues=issues))
        return results

    def suggest(self, word: str) -> tuple[str, ...]:
        """Spelling suggestions for ``word``, cached once the server answered; () when it cannot."""
        if word in self._suggestions:
            return self._suggestions[word]
        try:
            found = self.service.suggest(word)
        except _Unavailable:
            return ()
        self._suggestions[word] = found
        return found

    def _fill(self, paragraphs: list[str]) -> None:
        batch, size = [], 0
        for paragraph in paragraphs:
            if batch and size + len(paragraph) > BATCH_CHARS:
                self._send(batch)
                batch, size = [], 0
            batch.append(paragraph)
            size += len(paragraph) + 1
        if batch:
            self._send(batch)

    def _send(self, batch: list[str]) -> None:
        for paragraph, found in zip(batch, self.service.check_paragraphs(batch)):
            self._remember(paragraph, found)

    def _remember(self, paragraph: str, found: list[dict]) -> None:
        with self._cache_lock:
            self._cache[paragraph] = found
            self._cache.move_to_end(paragraph)
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)


_default: GrammarChecker | None = None
_default_lock = threading.Lock()


def checker() -> GrammarChecker:
    """The process-wide checker (one server per process)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = GrammarChecker()
        return _default


def check(text: str, known_words=()) -> GrammarCheck:
    return checker().check(text, known_words)


def check_many(texts, known_words=()) -> list[GrammarCheck]:
    return checker().check_many(texts, known_words)


def suggest(word: str) -> tuple[str, ...]:
    return checker().suggest(word)

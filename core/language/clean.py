"""Input cleaning that keeps character offsets.

Users paste web copy, Markdown, HTML and social posts. Before counting words or
extracting keywords, markup, URLs, e-mail addresses, emoji, bullet glyphs and page
furniture must not count as words. Every removal here replaces the removed characters by
spaces (or by a newline where a block ends), so the cleaned text has exactly the length of
the input: an offset in the cleaned text is an offset in the original, and the editor can
highlight a sentence found in the cleaned text. @mentions and #hashtags are kept as they
are (one word each, never split).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from core.language.text import EMAIL, InputError, decode_bytes, emoji_spans, find_urls, read_csv

#: Texts longer than this are cut before analysis (documented in docs/readability.md):
#: about 150,000 words, far beyond a web page, and about 10 s of French analysis here.
MAX_CHARS = 1_000_000

_BLOCK_TAGS = (
    "p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|section|article|header|footer|nav|"
    "blockquote|pre|hr|dd|dt|dl|figure|figcaption|aside|main|form|title"
)
_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>|<!--.*?-->", re.S)
_DROP_ELEMENT = re.compile(r"<(script|style|noscript|svg)\b[^>]*>.*?</\1\s*>", re.S | re.I)
_HEADING_HTML = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", re.S | re.I)
_ENTITY = re.compile(r"&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
_MD_HEADING = re.compile(r"^(#{1,6})[ \t]+(?=\S)", re.M)
_MD_SETEXT = re.compile(r"^(.+)\n(=+|-+)[ \t]*$", re.M)
_MD_LINK = re.compile(r"(!?)\[([^\]\n]*)\]\(([^)\s]*)(?:\s+\"[^\"\n]*\")?\)")
_MD_EMPH = re.compile(r"(?<![\w*_~`])(\*\*|__|\*|_|~~|`+)(?=\S)([^\n]*?\S)\1(?![\w*_~`])")
_MD_QUOTE = re.compile(r"^[ \t]*>+[ \t]?", re.M)
_MD_RULE = re.compile(r"^[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$", re.M)
_LIST_MARK = re.compile(r"^[ \t]*(?:[-*+•▪◦‣∙·●○■□➢➤►▶✓✔☐☑→]|\d{1,3}[.)])[ \t]+", re.M)
_BULLET_GLYPH = re.compile(r"[•▪◦‣∙●○■□➢➤►▶✓✔☐☑]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200d\u2060\ufeff]")
# A line that is a slug left by an image or a menu ("bases-webmarketing"), or a run of
# social-network names glued together ("TwitterRssFacebook").
_SLUG_LINE = re.compile(r"^[ \t]*[a-z0-9]+(?:-[a-z0-9]+)+[ \t]*$", re.M)
_FURNITURE_LINE = re.compile(
    r"^[ \t]*(?:(?:Twitter|Facebook|Rss|LinkedIn|Instagram|Pinterest|YouTube|WhatsApp|E-?mail)"
    r"\s*){2,}[ \t]*$",
    re.M | re.I,
)


@dataclass
class Cleaned:
    """The cleaned text (same length as the input) and the headings found in it."""

    text: str
    original: str
    headings: list[tuple[int, int, int]] = field(default_factory=list)  # (start, end, level)
    truncated: bool = False


def _blank(match: re.Match, newline: bool = False) -> str:
    """Spaces as long as the match (newlines kept); one newline first for a block end."""
    s = match.group(0)
    out = "".join("\n" if c == "\n" else " " for c in s)
    if newline and "\n" not in out and out:
        out = "\n" + out[1:]
    return out


def _sub_keep(pattern: re.Pattern, text: str, keep_group: int) -> str:
    """Replace a match by its group ``keep_group`` at the same place, padded with spaces."""

    def repl(m: re.Match) -> str:
        start, end = m.span()
        gs, ge = m.span(keep_group)
        inner = m.group(keep_group)
        left = "".join("\n" if c == "\n" else " " for c in text[start:gs])
        right = "".join("\n" if c == "\n" else " " for c in text[ge:end])
        return left + inner + right

    return pattern.sub(repl, text)


def _blank_spans(text: str, spans) -> str:
    """``text`` with each span replaced by as many spaces."""
    parts, last = [], 0
    for start, end in spans:
        parts += [text[last:start], " " * (end - start)]
        last = end
    parts.append(text[last:])
    return "".join(parts)


def _entities(text: str) -> str:
    def repl(m: re.Match) -> str:
        decoded = html.unescape(m.group(0))
        if len(decoded) != 1:
            return " " * len(m.group(0))
        if decoded in "\xa0\u202f":
            decoded = " "
        return decoded + " " * (len(m.group(0)) - 1)

    return _ENTITY.sub(repl, text)


def looks_like_html(text: str) -> bool:
    return bool(re.search(r"<(p|div|br|h[1-6]|span|a|li|ul|body|html|strong|em)\b[^>]*>", text, re.I))


def clean(text: str, *, furniture: bool = True) -> Cleaned:
    """Clean ``text`` for analysis without moving any character (see module docstring).

    ``furniture`` removes menu and image-slug lines; the readability comparison with Yoast
    turns it off, because Yoast counted those lines.
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    truncated = len(text) > MAX_CHARS
    original = text
    text = text[:MAX_CHARS]
    text = text.replace("\r\n", " \n").replace("\r", "\n")
    text = _CONTROL.sub(" ", text)
    headings: list[tuple[int, int, int]] = []
    if looks_like_html(text):
        text = _DROP_ELEMENT.sub(lambda m: _blank(m, True), text)
        for m in _HEADING_HTML.finditer(text):
            headings.append((m.start(2), m.end(2), int(m.group(1))))

        def tag(m: re.Match) -> str:
            name = (m.group(1) or "").lower()
            return _blank(m, newline=bool(re.fullmatch(_BLOCK_TAGS, name)))

        text = _TAG.sub(tag, text)
        text = _entities(text)
    else:
        for m in _MD_HEADING.finditer(text):
            end = text.find("\n", m.end())
            end = len(text) if end < 0 else end
            headings.append((m.end(), end, len(m.group(1))))
        text = _MD_HEADING.sub(lambda m: " " * len(m.group(0)), text)
        for m in _MD_SETEXT.finditer(text):
            headings.append((m.start(1), m.end(1), 1 if m.group(2)[0] == "=" else 2))
        text = _MD_SETEXT.sub(lambda m: m.group(1) + "\n" + " " * len(m.group(2)), text)
        text = _MD_RULE.sub(lambda m: _blank(m), text)
    text = _MD_LINK.sub(
        lambda m: " " * (len(m.group(1)) + 1) + m.group(2) + " " * (len(m.group(0)) - len(m.group(1)) - 1 - len(m.group(2))),
        text,
    )
    text = _blank_spans(text, find_urls(text))
    text = EMAIL.sub(lambda m: _blank(m), text)
    text = _sub_keep(_MD_EMPH, text, 2)
    text = _MD_QUOTE.sub(lambda m: _blank(m), text)
    text = _LIST_MARK.sub(lambda m: _blank(m), text)
    text = _BULLET_GLYPH.sub(" ", text)
    text = _blank_spans(text, emoji_spans(text)).replace("\ufe0f", " ").replace("\ufe0e", " ")
    if furniture:
        text = _SLUG_LINE.sub(lambda m: _blank(m), text)
        text = _FURNITURE_LINE.sub(lambda m: _blank(m), text)
    text = text.replace("\xa0", " ").replace("\u202f", " ").replace("\t", " ")
    assert len(text) == min(len(original), MAX_CHARS)
    return Cleaned(text=text, original=original, headings=headings, truncated=truncated)


def clean_text(text: str) -> str:
    """The cleaned text only, with runs of spaces squeezed (for display and extraction)."""
    return re.sub(r"[ ]{2,}", " ", clean(text).text).strip()


# --- Reading files -------------------------------------------------------------------


def read_upload(name: str, data: bytes) -> list[str]:
    """The texts of one uploaded or given file, by extension.

    .txt/.md/.html: one text; .csv: one text per row (cells joined); .docx: one text, its
    paragraphs. Raises ``InputError`` with a message key for what cannot be read.
    """
    low = name.lower()
    if low.endswith(".docx"):
        import io
        import zipfile

        from core.archives import ArchiveError, check_archive

        try:
            import docx

            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                check_archive(archive)  # a small .docx can inflate to gigabytes
            document = docx.Document(io.BytesIO(data))
        except ArchiveError as exc:
            raise InputError("archive.upload_refused", name=name, reason=exc) from None
        except (zipfile.BadZipFile, KeyError, ValueError, OSError, Exception):
            raise InputError("kw.err_docx", name=name) from None
        parts = []
        for p in document.paragraphs:
            style = (p.style.name or "").lower() if p.style is not None else ""
            prefix = "## " if style.startswith(("heading", "titre")) else ""
            parts.append(prefix + p.text)
        for table in document.tables:
            for row in table.rows:
                parts.append(" ".join(c.text for c in row.cells))
        return ["\n".join(parts)]
    if not low.endswith((".txt", ".md", ".markdown", ".html", ".htm", ".csv", ".text")):
        raise InputError("kw.err_extension", name=name, valid=".txt, .md, .html, .docx, .csv")
    text = decode_bytes(data, name)
    if low.endswith(".csv"):
        rows = []
        for row in read_csv(text, name=name):
            cells = [c.strip() for c in row if c and c.strip()]
            if cells:
                rows.append(" ".join(cells))
        return rows
    return [text]

"""What the database accepts, the same on SQLite and PostgreSQL.

SQLite stores anything; PostgreSQL refuses a NUL byte in any text and a string longer than
its column, so the same save worked on one and crashed on the other. Every value the
engine writes goes through ``clean``: control characters (Unicode category Cc: NUL, ESC,
VT…) are removed, a tab and a line break are kept in the multi-line texts (the columns
without a length: a post's text, a description, notes) and become a space elsewhere,
Windows line breaks become ``\\n``; a value longer than its column (the limits are the
schema's, read from ``core.models``) raises ``FieldTooLong``, which names the field and the
limit. ``clean_on_flush`` applies it to every object the ORM writes; the statements that
bypass the ORM's objects (``core.posts.save_post``'s UPDATE, the planner's bulk INSERT)
call ``clean`` themselves.
"""

from __future__ import annotations

import re

from sqlalchemy import JSON, String, TypeDecorator
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session

from core.i18n import DEFAULT_LANG, MessageError, messages, t

_MULTILINE_DROP = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_SPACE = re.compile(r"[\t\n\x0b\x0c\r]")
_LINE_DROP = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


class FieldTooLong(MessageError):
    """A value longer than its column; the message names the field in the reader's language."""

    def __init__(self, table: str, column: str, limit: int, length: int):
        self.table, self.column = table, column
        super().__init__("fields.too_long", field=column, limit=limit, length=length)
        self.args = (self.message("en"),)

    def message(self, lang: str = DEFAULT_LANG) -> str:
        return t(self.key, lang, **(self.params | {"field": label(self.table, self.column, lang)}))


def label(table: str, column: str, lang: str = DEFAULT_LANG) -> str:
    """The field's name as a person knows it: ``fields.<table>.<column>``, else ``fields.<column>``."""
    for key in (f"fields.{table}.{column}", f"fields.{column}"):
        if key in messages():
            return t(key, lang)
    return column


def clean_text(value: str, *, multiline: bool) -> str:
    """``value`` without control characters; tabs and line breaks kept when ``multiline``."""
    if multiline:
        return _MULTILINE_DROP.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    return _LINE_DROP.sub("", _LINE_SPACE.sub(" ", value.replace("\r\n", " ")))


def _columns(model) -> dict:
    return {c.key: c for c in sa_inspect(model).columns}


def clean(model, values: dict) -> dict:
    """``values`` (column name -> value) for a row of ``model``, cleaned and checked."""
    columns = _columns(model)
    out = dict(values)
    for name, value in values.items():
        column = columns.get(name)
        if column is None:
            continue
        out[name] = _clean_value(column, value)
    return out


def _clean_value(column, value):
    kind = column.type.impl if isinstance(column.type, TypeDecorator) else column.type
    if isinstance(kind, String) and isinstance(value, str):
        value = clean_text(value, multiline=kind.length is None)
        if kind.length is not None and len(value) > kind.length:
            raise FieldTooLong(column.table.name, column.key, kind.length, len(value))
    elif isinstance(kind, JSON) and isinstance(value, list):
        value = [clean_text(v, multiline=False) if isinstance(v, str) else v for v in value]
    return value


def clean_on_flush(session: Session, _context, _instances) -> None:
    """Clean the values the ORM is about to insert or update (a ``before_flush`` hook,
    registered by ``core.models``): every loaded value of a new object, the changed ones
    of a modified object."""
    for obj, changed_only in [(o, False) for o in session.new] + [(o, True) for o in session.dirty]:
        state = sa_inspect(obj)
        for column in state.mapper.columns:
            if column.key not in state.dict or (changed_only and not state.attrs[column.key].history.has_changes()):
                continue
            value = state.dict[column.key]
            cleaned = _clean_value(column, value)
            if cleaned != value:
                setattr(obj, column.key, cleaned)

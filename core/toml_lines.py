"""Where a field is written in a TOML file that Calame reads (a brief, a crisis file), so that
each problem found in the parsed data can be reported with its line.

A problem's ``path`` is ``section``, ``section.field``, ``section[n]`` or ``section[n].field``
(``n`` counted from 1 among the file's ``[[section]]`` blocks). Its line is the field's
``field = ...`` line inside that block, else the block's header; a section with no header is
found by its ``section = ...`` line; nothing found leaves the line at None.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Protocol, TypeVar

_HEADER = re.compile(r"^\s*\[\[?\s*(\w+)\s*\]\]?\s*(#.*)?$")
_PATH = re.compile(r"^(\w+)(?:\[(\d+)\])?(?:\.(\w+))?")


class Located(Protocol):
    path: str
    line: int | None


P = TypeVar("P", bound=Located)


def _assigns(name: str, line: str) -> bool:
    return re.match(rf"^\s*{re.escape(name)}\s*=", line) is not None


def locate(problems: list[P], text: str, *, items: Collection[str]) -> list[P]:
    """Set each problem's ``line`` from the TOML ``text``; ``items`` are the sections written as
    ``[[section]]`` blocks, whose ``[n]`` picks the n-th block. The problems are returned."""
    lines = text.splitlines()
    headers: dict[str, list[int]] = {}
    for no, line in enumerate(lines, 1):
        m = _HEADER.match(line)
        if m:
            headers.setdefault(m[1], []).append(no)
    for p in problems:
        m = _PATH.match(p.path)
        if not m:
            continue
        section, index, name = m[1], m[2], m[3]
        starts = headers.get(section, [])
        if index is not None and section in items:
            start = starts[int(index) - 1] if int(index) - 1 < len(starts) else None
        else:
            start = starts[0] if starts else None
        if start is None:
            p.line = next((no for no, line in enumerate(lines, 1) if _assigns(section, line)), None)
            continue
        p.line = start
        if name:
            for no in range(start + 1, len(lines) + 1):
                line = lines[no - 1]
                if re.match(r"^\s*\[", line):
                    break
                if _assigns(name, line):
                    p.line = no
                    break
    return problems

"""Zip archives checked before anything in them is inflated.

A .docx is a zip archive, and a small one can inflate to gigabytes (a "zip bomb": a 2 MB
file holding a 2 GB part). ``check_archive`` reads only the archive's directory (names
and declared sizes) and refuses it, inflating nothing, when it has too many members, a
member or the whole would inflate past its cap, or a large member is compressed more than
any document is. Declared sizes are what reading costs: Python's ``zipfile`` never
inflates a member past its declared size (it stops there and fails the CRC check).

The caps leave room for real documents: a year of calendar in Calame's Word export is a
2 MB ``document.xml`` compressed 21 times, a photo pasted in Word is stored uncompressed.
"""

from __future__ import annotations

import zipfile

from core.i18n import MessageError

MAX_MEMBERS = 1_000
MAX_MEMBER_BYTES = 25_000_000
MAX_TOTAL_BYTES = 50_000_000
MAX_RATIO = 100
RATIO_FROM_BYTES = 1_000_000  # smaller members cost nothing, whatever their ratio


class ArchiveError(MessageError):
    """An archive refused before opening; its key is in ``data/i18n/archives.toml``."""


def _mb(size: int) -> int:
    return -(-size // 1_000_000)


def check_archive(archive: zipfile.ZipFile) -> None:
    """Raise ``ArchiveError`` when opening ``archive`` could exhaust memory or time."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise ArchiveError("archive.too_many_members", count=len(members), limit=MAX_MEMBERS)
    total = 0
    for info in members:
        if info.file_size > MAX_MEMBER_BYTES:
            raise ArchiveError("archive.member_too_large", member=info.filename, size=_mb(info.file_size),
                               limit=MAX_MEMBER_BYTES // 1_000_000)
        if info.file_size > RATIO_FROM_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ArchiveError("archive.ratio", member=info.filename,
                               ratio=info.file_size // max(info.compress_size, 1), limit=MAX_RATIO)
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise ArchiveError("archive.too_large", size=_mb(total), limit=MAX_TOTAL_BYTES // 1_000_000)

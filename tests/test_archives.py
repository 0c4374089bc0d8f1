"""Zip bombs: a .docx (a client's answer, a keyword source) is checked before it is opened."""

import io
import tracemalloc
import zipfile
import zlib
from unittest import mock

import pytest
from docx import Document

from core.archives import ArchiveError, check_archive
from core.client.docx_answer import ApprovalError, preview
from core.language.clean import InputError, read_upload

CHUNK = bytes(1 << 20)


class _Replay:
    """A deflater that sends the same full-flushed block for each 1 MiB of zeros: the
    stream is valid (each block stands alone), and 2 GiB are deflated in a second."""

    def __init__(self):
        deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
        self.block = deflate.compress(CHUNK) + deflate.flush(zlib.Z_FULL_FLUSH)
        self.tail = deflate.flush(zlib.Z_FINISH)

    def compress(self, data):
        assert data == CHUNK
        return self.block

    def flush(self):
        return self.tail


def with_zeros(docx: bytes, member: str, mebibytes: int) -> bytes:
    """``docx`` with ``member`` replaced by ``mebibytes`` MiB of zeros, deflated."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != member:
                dst.writestr(info, src.read(info))
        with mock.patch.object(zipfile, "_get_compressor", lambda *args, **kwargs: _Replay()), \
                dst.open(member, "w", force_zip64=True) as part:
            for _ in range(mebibytes):
                part.write(CHUNK)
    return out.getvalue()


def blank_docx() -> bytes:
    doc = Document()
    doc.add_paragraph("Nos robes d'été arrivent, en lin lavé, cousues à Lyon.")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """A 2 MB .docx whose document.xml inflates to 2 GiB."""
    return with_zeros(blank_docx(), "word/document.xml", 2048)


TWO_GIB_PART = ("Une partie du fichier (word/document.xml) ferait 2148 Mo une fois décompressée, au plus 25 Mo. "
                "Allégez le document (images plus petites, moins de pages), puis importez-le à nouveau. "
                "Rien n'a été lu.")


def peak_of(call):
    """The exception ``call`` raises and the peak of memory Python allocated meanwhile."""
    tracemalloc.start()
    try:
        call()
    except Exception as exc:  # the caller asserts which
        raised = exc
    else:
        raised = None
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return raised, peak


def test_a_client_answer_with_a_2_gb_part_is_refused_before_inflating_it(bomb, sqlite_engine):
    from sqlmodel import Session

    assert len(bomb) < 3_000_000
    with Session(sqlite_engine) as s:
        raised, peak = peak_of(lambda: preview(bomb, session=s))
    assert isinstance(raised, ApprovalError)
    assert (raised.key, raised.message("fr")) == ("archive.member_too_large", TWO_GIB_PART)
    assert peak < 50_000_000


def test_a_keyword_source_docx_with_a_2_gb_part_is_refused_before_inflating_it(bomb):
    raised, peak = peak_of(lambda: read_upload("brochure.docx", bomb))
    assert isinstance(raised, InputError)
    assert raised.message("fr") == "brochure.docx\u00a0: " + TWO_GIB_PART
    assert peak < 50_000_000


def test_a_large_part_compressed_a_thousand_times_is_refused_as_a_zip_bomb():
    data = with_zeros(blank_docx(), "word/media/image1.png", 5)
    with zipfile.ZipFile(io.BytesIO(data)) as archive, pytest.raises(ArchiveError) as caught:
        check_archive(archive)
    assert caught.value.key == "archive.ratio"
    assert caught.value.params["member"] == "word/media/image1.png"
    assert caught.value.params["ratio"] > 1000


def test_an_archive_of_more_parts_than_any_document_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for i in range(1001):
            archive.writestr(f"word/media/image{i}.png", b"\x89PNG")
    with zipfile.ZipFile(out) as archive, pytest.raises(ArchiveError) as caught:
        check_archive(archive)
    assert caught.value.message("en") == (
        "The file holds 1001 parts, at most 1000 for a Word document: it is not an ordinary document. "
        "Save it again from Word or LibreOffice, then import it again. Nothing was read.")


def test_an_archive_inflating_past_50_mb_in_all_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for i in range(3):
            archive.writestr(f"word/media/photo{i}.jpg", bytes([i]) * 20_000_000)
    with zipfile.ZipFile(out) as archive, pytest.raises(ArchiveError) as caught:
        check_archive(archive)
    assert (caught.value.key, caught.value.params) == ("archive.too_large", {"size": 60, "limit": 50})


def test_a_calame_export_of_a_year_passes_the_checks():
    from datetime import date

    from core.client.docx_export import export_brief
    from tests.conftest import ROOT
    import tomllib

    with (ROOT / "data" / "demo" / "brief.toml").open("rb") as fh:
        brief = tomllib.load(fh)
    exported = export_brief(brief, date(2027, 1, 1), 12, seed=1)
    with zipfile.ZipFile(io.BytesIO(exported.data)) as archive:
        check_archive(archive)
        assert max(i.file_size for i in archive.infolist()) > 1_000_000  # the ratio rule is met, not skipped

"""The self-contained HTML review file: everything in it is text, it needs no network, and
the answers it exports come back only unchanged, from this installation, for this snapshot."""

from __future__ import annotations

import html
import json
import re

import pytest
from sqlalchemy import text
from sqlmodel import select

from core import db
from core.client.review_file import (ReviewFileError, build_review_file, file_key, import_review_file,
                                     server_secret, sign, verify)
from core.client.review_link import revoke_link
from core.models import Approval, Comment, ExportSnapshot
from tests.client.test_review_link import dump


def file_data(page: bytes) -> dict:
    found = re.search(rb'<script type="application/json" id="calame-data">(.*?)</script>', page, re.S)
    return json.loads(found.group(1))


def answered(page: bytes, rows: dict, name: str = "Sophie Martin", overall: str = "all") -> bytes:
    """What the file's button downloads (the same bytes as its JavaScript: compact JSON)."""
    data = file_data(page)
    payload = json.dumps({"file": data["file"], "snapshot": data["snapshot"], "content_hash": data["content_hash"],
                          "name": name, "overall": overall, "exported_at": "2027-02-20T10:00:00.000Z",
                          "rows": rows}, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    signature = sign(bytes.fromhex(data["key"]), payload)
    return b'{"calame_review":1,"payload":' + payload + b',"signature":"' + signature.encode() + b'"}'


@pytest.fixture
def review(sent):
    engine, snapshot_id, brand_id, refs, *_ = sent
    with db.transaction(engine) as s:
        built = build_review_file(snapshot_id, session=s, created_by="Claire")
    return engine, snapshot_id, brand_id, refs, built


def error_key(call) -> str:
    with pytest.raises(ReviewFileError) as caught:
        call()
    return caught.value.key


def test_the_review_file_lists_the_calendar_and_nothing_internal_and_reaches_no_network(review, sent):
    engine, snapshot_id, brand_id, refs, built = review
    page = built.data.decode("utf-8")
    assert built.filename == "Maison-Lila-2027-03-01-2027-03-31-validation.html"
    assert [html.unescape(r) for r in re.findall(r'<section class="post" data-ref="([^"]+)"', page)] == refs
    assert "Hélène nous a demandé : « quelle taille choisir ? » Notre guide est en ligne 👗" in html.unescape(page)
    for secret in ("Note interne", "71.5", "Paylane", sent[4], "a_valider"):
        assert secret not in page
    assert re.findall(r"(?:src|href)=", page) == []
    assert "default-src 'none'" in page and "connect-src 'none'" in page


def test_answers_exported_by_the_file_land_like_a_word_answer(review):
    engine, snapshot_id, brand_id, refs, built = review
    answers = answered(built.data, {refs[0]: {"decision": "valide", "comment": "", "text": ""},
                                    refs[1]: {"decision": "refuse", "comment": "Pas cette photo", "text": ""}})
    with db.transaction(engine) as s:
        plan = import_review_file(answers, session=s, brand_id=brand_id)
    assert plan.totals()["status_changes"] == 2
    who = f"Sophie Martin (fichier n°\u00a0{built.link_id})"
    with db.transaction(engine) as s:
        assert [(a.status, a.source, a.decided_by) for a in s.exec(select(Approval))] == [
            ("valide", "file", who), ("refuse", "file", who)]
        assert [(c.author, c.body) for c in s.exec(select(Comment))] == [(who, "Pas cette photo")]
    with db.transaction(engine) as s:  # importing the same answers again changes nothing
        again = import_review_file(answers, session=s, brand_id=brand_id)
    assert (again.totals()["status_changes"], again.totals()["comments"], again.totals()["conflicts"]) == (0, 0, 0)


def test_an_answers_file_with_any_one_byte_changed_is_refused(review):
    engine, snapshot_id, brand_id, refs, built = review
    answers = answered(built.data, {refs[0]: {"decision": "valide", "comment": "Très bien", "text": ""}})
    with db.transaction(engine) as s:
        verify(answers, session=s)
        accepted = []
        for i in range(len(answers)):
            for other in {answers[i] ^ 0x01, ord("0") if answers[i] != ord("0") else ord("1")}:
                changed = answers[:i] + bytes([other]) + answers[i + 1:]
                try:
                    verify(changed, session=s)
                    accepted.append(i)
                except ReviewFileError:
                    pass
        assert accepted == []
        assert error_key(lambda: verify(answers + b"\n", session=s)) == "review_file.tampered"
        assert error_key(lambda: verify(answers[:-1], session=s)) == "review_file.tampered"


def test_answers_from_another_installation_another_snapshot_or_a_revoked_file_are_refused(review, sent):
    engine, snapshot_id, brand_id, refs, built = review
    answers = answered(built.data, {refs[0]: {"decision": "valide", "comment": "", "text": ""}})
    before = dump(engine)
    with db.transaction(engine) as s:
        data = file_data(built.data)
        forged_key = file_key(b"another installation's secret", data["file"], snapshot_id, data["content_hash"])
        payload = answers[len(b'{"calame_review":1,"payload":'):-len(b',"signature":"' + b"0" * 64 + b'"}')]
        foreign = answers.replace(answers[-66:-2], sign(forged_key, payload).encode())
        assert error_key(lambda: verify(foreign, session=s)) == "review_file.tampered"
        other = answers.replace(data["file"].encode(), b"A" * 43)
        assert error_key(lambda: verify(other, session=s)) == "review_file.foreign"
        moved = answers.replace(f'"snapshot":{snapshot_id}'.encode(), b'"snapshot":999')
        assert error_key(lambda: verify(moved, session=s)) == "review_file.other_snapshot"
        assert error_key(lambda: verify(b'{"hello": 1}', session=s)) == "review_file.not_answers"
    with db.transaction(engine) as s:  # the snapshot changed since the file was made
        snap = s.get(ExportSnapshot, snapshot_id)
        kept, snap.posts = snap.posts, snap.posts[:1]
        s.add(snap)
    with db.transaction(engine) as s:
        assert error_key(lambda: verify(answers, session=s)) == "review_file.other_snapshot"
        snap = s.get(ExportSnapshot, snapshot_id)
        snap.posts = kept
        s.add(snap)
    with db.transaction(engine) as s:
        verify(answers, session=s)
        revoke_link(built.link_id, session=s)
    with db.transaction(engine) as s:
        assert error_key(lambda: verify(answers, session=s)) == "review_file.revoked"
    assert dump(engine)["post"] == before["post"]


def test_html_and_script_in_a_brand_name_a_post_or_a_comment_stay_text_in_the_file(sent):
    engine, snapshot_id, brand_id, refs, *_ = sent
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    with db.transaction(engine) as s:
        s.exec(text("update brand set name = :n where id = :id").bindparams(n=f"Lila {evil}", id=brand_id))
        snap = s.get(ExportSnapshot, snapshot_id)
        snap.posts = [dict(p, text=p["text"] + " " + evil + " </script><!--") for p in snap.posts]
        s.add(snap)
    with db.transaction(engine) as s:
        page = build_review_file(snapshot_id, session=s).data.decode("utf-8")
    assert "<script>alert" not in page and "<img" not in page and "</script><!--" not in page
    assert page.count("<script") == 2 and page.count("</script>") == 2
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert file_data(page.encode())["texts"][refs[0]].endswith(evil + " </script><!--")


def test_the_server_secret_is_made_once_and_the_environment_can_set_it(engine, monkeypatch):
    with db.transaction(engine) as s:
        first = server_secret(s)
    with db.transaction(engine) as s:
        assert server_secret(s) == first and len(first) == 64
    monkeypatch.setenv("CALAME_SECRET_KEY", "une clé de l’installation")
    with db.transaction(engine) as s:
        assert server_secret(s) == "une clé de l’installation".encode()

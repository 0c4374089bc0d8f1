import io
import json
import subprocess
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from docx import Document
from docx.table import _Cell
from sqlmodel import Session, select

from core import db
from core.client.docx_answer import (ApprovalError, apply, apply_tacit, history, import_docx, preview,
                            read_answer, read_decision, tacit_plan)
from core.client.docx_export import export_brand
from core.i18n import t
from core.planning.planner import plan_brand
from core.models import Approval, Brand, Comment, ExportSnapshot, Post
from core.posts import create_post, delete_post, save_post

PARIS = ZoneInfo("Europe/Paris")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

TEXTS = [
    "Nos robes d'été arrivent ☀️ « Lila » en lin lavé, cousues à Lyon.",
    "Hélène nous a demandé : « quelle taille choisir ? » Notre guide est en ligne 👗",
    "5 idées de tenues pour un mariage champêtre 💐",
    "Coulisses : l'atelier prépare la collection d'automne 🍂",
    "Jeu-concours : gagnez la robe « Capucine » en commentant ce post !",
    "Newsletter de mars : les nouveautés et l'histoire du lin français",
]


@pytest.fixture
def sent(engine, demo_brand):
    """Six posts sent to the client on Wednesday 23 December 2026."""
    with db.transaction(engine) as s:
        for i, text in enumerate(TEXTS):
            create_post(demo_brand, session=s, publish_at=datetime(2027, 3, 2 + 3 * i, 12, 30, tzinfo=PARIS),
                        network=["instagram", "facebook", "pinterest"][i % 3], text=text,
                        hashtags=["#MaisonLila"], status="a_valider")
    with db.transaction(engine) as s:
        result = export_brand(demo_brand, date(2027, 3, 1), date(2027, 3, 31), session=s,
                              sent_on=date(2026, 12, 23))
    return result


# Where the client writes, by layout (core.client.calendar.LAYOUT_COLUMNS): today's documents
# put the text first; those sent before (layout 1) the reference first.
TEXT, DECISION, COMMENT = 0, 4, 5
OLD_TEXT, OLD_DECISION, OLD_COMMENT = 3, 6, 7


def calendar_rows(doc, cells=6):
    return [tr for tbl in doc.element.body.iter(W + "tbl") for tr in tbl.iterchildren(W + "tr")
            if len(tr.findall(W + "tc")) == cells and tr.find(W + "trPr/" + W + "tblHeader") is None]


def pick(tr, label):
    """What Word does when the client picks in the drop-down."""
    sdt = next(tr.iter(W + "sdt"))
    pr = sdt.find(W + "sdtPr")
    pr.remove(pr.find(W + "showingPlcHdr"))
    next(sdt.iter(W + "t")).text = label


def type_in(tr, column, text):
    _Cell(tr.findall(W + "tc")[column], None).add_paragraph(text)


def answered(data: bytes, old_layout: bool = False) -> bytes:
    """The client's answer: drop-down, typed text, Word comment, comment cell, text edit, signature."""
    text, decision, comment = (OLD_TEXT, OLD_DECISION, OLD_COMMENT) if old_layout else (TEXT, DECISION, COMMENT)
    doc = Document(io.BytesIO(data))
    rows = calendar_rows(doc, 8 if old_layout else 6)
    pick(rows[0], "Validé")
    pick(rows[1], "À modifier")
    type_in(rows[1], comment, "Mettre le lien vers le guide des tailles")
    type_in(rows[2], decision, "bon pour moi")
    text_cell = _Cell(rows[3].findall(W + "tc")[text], None)
    doc.add_comment([text_cell.paragraphs[0].runs[0]], text="Plutôt une photo de l'atelier à Lyon",
                    author="Sophie Martin", initials="SM")
    type_in(rows[3], decision, "NON")
    next(rows[4].findall(W + "tc")[text].iter(W + "t")).text = \
        "Jeu-concours : gagnez la robe « Capucine » en commentant ce post avant dimanche !"
    type_in(rows[5], decision, "peut-être")
    for p in doc.paragraphs:
        if p.text.startswith("Nom :"):
            p.text = "Nom : Sophie Martin"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def statuses(engine, brand_id):
    with db.transaction(engine) as s:
        return [(p.ref, p.status) for p in s.exec(select(Post).where(Post.brand_id == brand_id).order_by(Post.ref))]


EXPECTED_STATUSES = [("LILA-2027-03-001", "valide"), ("LILA-2027-03-002", "a_modifier"),
                     ("LILA-2027-03-003", "valide"), ("LILA-2027-03-004", "refuse"),
                     ("LILA-2027-03-005", "a_valider"), ("LILA-2027-03-006", "a_valider")]


@pytest.mark.parametrize("answer, status", [
    ("OK", "valide"), ("Validé", "valide"), ("  validee. ", "valide"), ("✔", "valide"), ("✔️", "valide"),
    ("Bon pour moi !", "valide"), ("approved", "valide"), ("À MODIFIER", "a_modifier"),
    ("a modifier", "a_modifier"), ("to change", "a_modifier"), ("refusé", "refuse"), ("Non", "refuse"),
    ("rejected", "refuse"), ("", ""), ("Choisir…", ""), ("peut-être", None), ("ok mais changer la photo", None),
])
def test_typed_answers_are_read_in_french_and_english_and_never_guessed(answer, status):
    assert read_decision(answer) == status


def test_decisions_typed_text_and_word_comments_come_back_into_the_database(engine, demo_brand, sent):
    data = answered(sent.data)
    with db.transaction(engine) as s:
        plan = import_docx(data, session=s, brand_id=demo_brand, accept_text={"LILA-2027-03-005"})
    assert plan.signer == "Sophie Martin"
    assert plan.totals() == {"rows": 6, "status_changes": 4, "comments": 2, "text_edits": 1,
                             "conflicts": 0, "unreadable": 1, "unknown": 0}
    assert statuses(engine, demo_brand) == EXPECTED_STATUSES
    with db.transaction(engine) as s:
        posts = {p.ref: p for p in s.exec(select(Post).where(Post.brand_id == demo_brand))}
        comments = [(posts_ref, c.author, c.body, c.source) for c in s.exec(select(Comment).order_by(Comment.id))
                    for posts_ref in [next(r for r, p in posts.items() if p.id == c.post_id)]]
        assert comments == [
            ("LILA-2027-03-002", "Sophie Martin", "Mettre le lien vers le guide des tailles", "docx"),
            ("LILA-2027-03-004", "Sophie Martin", "Plutôt une photo de l'atelier à Lyon", "docx-comment"),
        ]
        assert posts["LILA-2027-03-005"].text == \
            "Jeu-concours : gagnez la robe « Capucine » en commentant ce post avant dimanche !"
        approvals = [(a.old_status, a.status, a.source, a.decided_by)
                     for a in history(posts["LILA-2027-03-001"].id, session=s)]
        assert approvals == [("a_valider", "valide", "docx", "Sophie Martin")]
        assert posts["LILA-2027-03-001"].locked is True


def test_the_client_text_edit_is_shown_as_a_word_diff_and_kept_out_unless_accepted(engine, demo_brand, sent):
    with db.transaction(engine) as s:
        plan = import_docx(answered(sent.data), session=s)
    edit = next(r for r in plan.rows if r.text_edit)
    assert edit.ref == "LILA-2027-03-005"
    assert edit.text_edit["diff"] == ("Jeu-concours : gagnez la robe « Capucine » en commentant ce post "
                                      "{+avant dimanche +}!")
    with db.transaction(engine) as s:
        assert s.exec(select(Post.text).where(Post.ref == "LILA-2027-03-005")).one() == TEXTS[4]


def test_importing_the_same_answer_twice_changes_nothing_the_second_time(engine, demo_brand, sent):
    data = answered(sent.data)
    with db.transaction(engine) as s:
        import_docx(data, session=s, accept_text=True)
    with db.transaction(engine) as s:
        before = (s.exec(select(Approval)).all(), s.exec(select(Comment)).all(),
                  [(p.ref, p.version) for p in s.exec(select(Post).order_by(Post.ref))])
        plan = import_docx(data, session=s, accept_text=True)
    assert plan.totals() == {"rows": 6, "status_changes": 0, "comments": 0, "text_edits": 0,
                             "conflicts": 0, "unreadable": 1, "unknown": 0}
    with db.transaction(engine) as s:
        after = (s.exec(select(Approval)).all(), s.exec(select(Comment)).all(),
                 [(p.ref, p.version) for p in s.exec(select(Post).order_by(Post.ref))])
    assert [len(before[0]), len(before[1]), before[2]] == [len(after[0]), len(after[1]), after[2]]


def test_importing_the_same_answer_twice_as_a_signed_in_account_finds_no_conflict(engine, demo_brand, sent):
    """With accounts, the author of a save is the account; the imported document's mark stays."""
    from core.accounts.context import acting_as
    from core.accounts.users import actor_of, create_user, find_user

    with db.transaction(engine) as s:
        create_user("Claire", "un mot de passe assez long", "owner", session=s)
    with db.transaction(engine) as s:
        from core.accounts import context

        with context.system():
            claire = actor_of(find_user(s, "claire"))
    data = answered(sent.data)
    with acting_as(claire):
        with db.transaction(engine) as s:
            import_docx(data, session=s, accept_text=True)
        with db.transaction(engine) as s:
            plan = import_docx(data, session=s, accept_text=True)
            authors = {p.updated_by for p in s.exec(select(Post).where(Post.status == "valide"))}
    assert plan.totals() == {"rows": 6, "status_changes": 0, "comments": 0, "text_edits": 0,
                             "conflicts": 0, "unreadable": 1, "unknown": 0}
    assert authors == {f"Claire (docx {sent.token[:12]})"}


def test_a_dry_run_previews_every_change_and_writes_nothing(engine, demo_brand, sent):
    with db.transaction(engine) as s:
        plan = import_docx(answered(sent.data), session=s, dry_run=True)
    assert [(r.ref, r.old_status, r.new_status) for r in plan.rows if r.new_status] == [
        ("LILA-2027-03-001", "a_valider", "valide"), ("LILA-2027-03-002", "a_valider", "a_modifier"),
        ("LILA-2027-03-003", "a_valider", "valide"), ("LILA-2027-03-004", "a_valider", "refuse")]
    assert plan.rows[5].unreadable == ("décision illisible « peut-être » : choisissez Validé, À modifier ou "
                                       "Refusé, ou saisissez la décision à la main")
    assert statuses(engine, demo_brand) == [(ref, "a_valider") for ref, _ in EXPECTED_STATUSES]


def test_a_post_changed_since_the_export_is_a_conflict_and_is_not_overwritten(engine, demo_brand, sent):
    with db.transaction(engine) as s:
        post = s.exec(select(Post).where(Post.ref == "LILA-2027-03-001")).one()
        save_post(post.id, post.version, {"text": "Texte réécrit par Hugo"}, session=s, saved_by="Hugo")
    with db.transaction(engine) as s:
        plan = import_docx(answered(sent.data), session=s)
    assert plan.rows[0].conflict == (
        "conflit : LILA-2027-03-001 a été modifiée depuis l'export (version 1 envoyée, version 2 en base, "
        "par Hugo) ; rien n'a été écrasé, à résoudre à la main")
    assert statuses(engine, demo_brand)[0] == ("LILA-2027-03-001", "a_valider")
    assert statuses(engine, demo_brand)[1] == ("LILA-2027-03-002", "a_modifier")


def test_a_calendar_of_another_brand_is_refused_and_nothing_changes(engine, demo_brand, sent):
    with db.transaction(engine) as s:
        other = Brand(name="Boulangerie Ferrand", languages=["fr"])
        s.add(other)
        s.flush()
        other_id = other.id
    with db.transaction(engine) as s, pytest.raises(ApprovalError) as caught:
        import_docx(answered(sent.data), session=s, brand_id=other_id)
    assert caught.value.message("fr") == (
        "Ce calendrier est celui de la marque « Maison Lila », pas de « Boulangerie Ferrand ». "
        "Choisissez la bonne marque, puis importez-le à nouveau. Rien n'a été modifié.")
    assert statuses(engine, demo_brand) == [(ref, "a_valider") for ref, _ in EXPECTED_STATUSES]


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_files_that_are_not_a_calame_answer_are_refused_with_a_clear_reason(engine, demo_brand, sent):
    plain = io.BytesIO()
    Document().save(plain)
    truncated = sent.data[: len(sent.data) // 2]
    cases = {
        "not_docx": "Date;Texte\n2027-03-01;Bonjour".encode(),
        "protected": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
        "corrupt": truncated,
        "not_calame": plain.getvalue(),
        "empty_file": b"",
    }
    for key, data in cases.items():
        with db.transaction(engine) as s, pytest.raises(ApprovalError) as caught:
            preview(data, session=s)
        assert caught.value.key == f"approvals.{key}"
    forged = Document(io.BytesIO(sent.data))
    forged.core_properties.identifier = "calame-export:" + "0" * 32
    out = io.BytesIO()
    forged.save(out)
    with db.transaction(engine) as s, pytest.raises(ApprovalError) as caught:
        preview(out.getvalue(), session=s)
    assert caught.value.key == "approvals.unknown_export"


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_a_row_whose_reference_is_unknown_is_reported_and_skipped(engine, demo_brand, sent):
    doc = Document(io.BytesIO(answered(sent.data)))
    ref_t = next(calendar_rows(doc)[0].findall(W + "tc")[1].iter(W + "t"))
    ref_t.text = "LILA-2027-03-999"
    out = io.BytesIO()
    doc.save(out)
    with db.transaction(engine) as s:
        plan = import_docx(out.getvalue(), session=s)
    assert plan.rows[0].unknown == "référence LILA-2027-03-999 absente de cet export\u00a0: ligne ignorée"
    assert statuses(engine, demo_brand)[0] == ("LILA-2027-03-001", "a_valider")


def test_a_post_deleted_since_the_export_is_a_conflict_and_nothing_is_applied_to_it(engine, demo_brand, sent):
    with db.transaction(engine) as s:
        s.delete(s.exec(select(Post).where(Post.ref == "LILA-2027-03-001")).one())
    with db.transaction(engine) as s:
        plan = import_docx(answered(sent.data), session=s)
    assert (plan.rows[0].ref, plan.rows[0].conflict, plan.rows[0].new_status) == (
        "LILA-2027-03-001", "conflit\u00a0: LILA-2027-03-001, envoyée au client, n'existe plus en base (supprimée "
        "ou remplacée par une nouvelle planification)\u00a0; rien n'a été appliqué, à résoudre à la main", None)
    assert statuses(engine, demo_brand) == EXPECTED_STATUSES[1:]


def test_tacit_approval_waits_for_the_deadline_then_validates_posts_without_an_answer(engine, demo_brand, sent):
    with db.transaction(engine) as s:
        import_docx(answered(sent.data), session=s)
    with db.transaction(engine) as s:
        plan = tacit_plan(demo_brand, session=s, today=date(2026, 12, 31))
        assert (plan.due, plan.refs) == (False, ["LILA-2027-03-005", "LILA-2027-03-006"])
        with pytest.raises(ApprovalError):
            apply_tacit(demo_brand, session=s, today=date(2026, 12, 31))
    with db.transaction(engine) as s:
        apply_tacit(demo_brand, session=s, today=date(2027, 1, 4))
    assert [st for _, st in statuses(engine, demo_brand)] == ["valide", "a_modifier", "valide", "refuse",
                                                              "valide", "valide"]
    with db.transaction(engine) as s:
        post = s.exec(select(Post).where(Post.ref == "LILA-2027-03-006")).one()
        assert [(a.status, a.source, a.decided_by) for a in history(post.id, session=s)] == [
            ("valide", "tacit", "validation tacite")]


def libreoffice_resave(data: bytes, tmp_path) -> bytes:
    """What the client sends back after opening the answer in LibreOffice and saving it."""
    source = tmp_path / "reponse-client.docx"
    source.write_bytes(data)
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
         "--convert-to", "docx", "--outdir", str(tmp_path / "lo"), str(source)],
        capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    return (tmp_path / "lo" / "reponse-client.docx").read_bytes()


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_decisions_and_comments_survive_a_libreoffice_re_save(engine, demo_brand, sent, tmp_path):
    resaved = libreoffice_resave(answered(sent.data), tmp_path)
    answer = read_answer(resaved)
    assert [(r.ref, r.decision) for r in answer.rows] == [
        ("LILA-2027-03-001", "valide"), ("LILA-2027-03-002", "a_modifier"), ("LILA-2027-03-003", "valide"),
        ("LILA-2027-03-004", "refuse"), ("LILA-2027-03-005", ""), ("LILA-2027-03-006", None)]
    with db.transaction(engine) as s:
        plan = import_docx(resaved, session=s)
    assert statuses(engine, demo_brand) == EXPECTED_STATUSES
    assert [(r.ref, [c["body"] for c in r.comments]) for r in plan.rows if r.comments] == [
        ("LILA-2027-03-002", ["Mettre le lien vers le guide des tailles"]),
        ("LILA-2027-03-004", ["Plutôt une photo de l'atelier à Lyon"])]


OLD_DOCUMENT = Path(__file__).parent / "data" / "docx" / "calendrier-mise-en-page-1.docx"


@pytest.fixture
def sent_before_layout_2(engine, demo_brand):
    """A calendar sent before the text-first layout (eight columns, the reference first) and
    before brand codes (its references read CAL-2027-03-001…), as stored: the six posts of
    ``sent`` and the snapshot its export recorded, then given the brand's code as migration
    0019 does (the document's references become aliases)."""
    from core.brands import rename_refs

    data = OLD_DOCUMENT.read_bytes()
    token = Document(io.BytesIO(data)).core_properties.identifier.removeprefix("calame-export:")
    with db.transaction(engine) as s:
        posts = [create_post(demo_brand, session=s, publish_at=datetime(2027, 3, 2 + 3 * i, 12, 30, tzinfo=PARIS),
                             network=["instagram", "facebook", "pinterest"][i % 3], text=text,
                             hashtags=["#MaisonLila"], status="a_valider", ref=f"CAL-2027-03-{i + 1:03d}")
                 for i, text in enumerate(TEXTS)]
        s.add(ExportSnapshot(brand_id=demo_brand, token=token, period_from=date(2027, 3, 1),
                             period_to=date(2027, 3, 31), created_by="Léa (CM)",
                             posts=[{"ref": p.ref, "post_id": p.id, "version": p.version, "text": p.text,
                                     "status": p.status, "hashtags": list(p.hashtags)} for p in posts]))
        s.flush()
        assert rename_refs(demo_brand, "CAL", "LILA", session=s) == 6
    return data


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
@pytest.mark.parametrize("layout", [1, 2])
def test_an_answer_re_saved_by_libreoffice_is_read_in_the_layout_it_was_sent_in(
        engine, demo_brand, layout, tmp_path, request):
    """A document sent before the text-first layout and one sent today, each answered the same
    way and re-saved by LibreOffice, come back with the same decisions, comments and edit."""
    from core.client.docx_answer import layout_of

    if layout == 1:
        data = answered(request.getfixturevalue("sent_before_layout_2"), old_layout=True)
    else:
        data = answered(request.getfixturevalue("sent").data)
    resaved = libreoffice_resave(data, tmp_path)
    assert layout_of(Document(io.BytesIO(resaved)).element.body) == layout
    with db.transaction(engine) as s:
        plan = import_docx(resaved, session=s, brand_id=demo_brand, accept_text={"LILA-2027-03-005"})
    assert plan.totals() == {"rows": 6, "status_changes": 4, "comments": 2, "text_edits": 1,
                             "conflicts": 0, "unreadable": 1, "unknown": 0}
    assert statuses(engine, demo_brand) == EXPECTED_STATUSES
    assert [(r.ref, [c["body"] for c in r.comments]) for r in plan.rows if r.comments] == [
        ("LILA-2027-03-002", ["Mettre le lien vers le guide des tailles"]),
        ("LILA-2027-03-004", ["Plutôt une photo de l'atelier à Lyon"])]
    with db.transaction(engine) as s:
        assert s.exec(select(Post.text).where(Post.ref == "LILA-2027-03-005")).one() == \
            "Jeu-concours : gagnez la robe « Capucine » en commentant ce post avant dimanche !"


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_the_cli_prints_the_changes_as_json_in_a_dry_run(engine, demo_brand, sent, tmp_path, monkeypatch, capsys):
    from core.cli import main as cli

    url = str(engine.url)
    monkeypatch.setenv("DATABASE_URL", url)
    path = tmp_path / "reponse.docx"
    path.write_bytes(answered(sent.data))
    code = cli.main(["approvals", "import", str(path), "--dry-run", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1  # one unreadable decision to resolve
    assert out["dry_run"] is True and out["applied"] is False
    assert out["totals"] == {"rows": 6, "status_changes": 4, "comments": 2, "text_edits": 1,
                             "conflicts": 0, "unreadable": 1, "unknown": 0}
    assert {k: out["posts"][3][k] for k in ("ref", "old_status", "new_status")} == {
        "ref": "LILA-2027-03-004", "old_status": "a_valider", "new_status": "refuse"}
    assert statuses(engine, demo_brand)[0] == ("LILA-2027-03-001", "a_valider")


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_a_text_edit_with_tracked_changes_reads_as_the_accepted_text(engine, demo_brand, sent):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    doc = Document(io.BytesIO(sent.data))
    paragraph = calendar_rows(doc)[2].findall(W + "tc")[TEXT].find(W + "p")
    run = paragraph.find(W + "r")
    run.find(W + "t").text = "5 idées de tenues pour un mariage "
    paragraph.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="91" w:author="Sophie Martin" w:date="2027-01-04T10:00:00Z">'
        f'<w:r><w:delText>champêtre</w:delText></w:r></w:del>'))
    paragraph.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="92" w:author="Sophie Martin" w:date="2027-01-04T10:00:00Z">'
        f'<w:r><w:t>bohème</w:t></w:r></w:ins>'))
    paragraph.append(parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve"> 💐</w:t></w:r>'))
    out = io.BytesIO()
    doc.save(out)
    with db.transaction(engine) as s:
        plan = import_docx(out.getvalue(), session=s, dry_run=True)
    assert plan.rows[2].text_edit == {"old": TEXTS[2], "new": "5 idées de tenues pour un mariage bohème 💐",
                                      "diff": "5 idées de tenues pour un mariage [-champêtre-]{+bohème+} 💐"}


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_a_row_copied_twice_by_the_client_is_read_once(engine, demo_brand, sent):
    import copy

    doc = Document(io.BytesIO(answered(sent.data)))
    first = calendar_rows(doc)[0]
    twin = copy.deepcopy(first)
    next(twin.iter(W + "sdt")).find(W + "sdtContent").find(W + "r").find(W + "t").text = "Refusé"
    first.addnext(twin)
    out = io.BytesIO()
    doc.save(out)
    with db.transaction(engine) as s:
        plan = import_docx(out.getvalue(), session=s)
    assert [(r.ref, r.new_status, r.unknown) for r in plan.rows[:2]] == [
        ("LILA-2027-03-001", "valide", None),
        ("LILA-2027-03-001", None, "la référence LILA-2027-03-001 apparaît deux fois dans le document : "
                                  "seule la première ligne est lue")]
    assert statuses(engine, demo_brand)[0] == ("LILA-2027-03-001", "valide")


# ---------------------------------------------------------------- re-planning after the export

@pytest.fixture
def replanned(engine, demo_brand):
    """March planned (seed 1) and sent to the client, then deleted and planned again (seed 2).

    A re-plan alone keeps the drafts the client holds (tests/planning/test_replanning.py);
    deleting them first is how their texts can still change under the client's answer.
    Returns the export and, per reference, the post id the client saw and the one in the
    database now (None when the reference is gone)."""
    with db.transaction(engine) as s:
        plan_brand(demo_brand, date(2027, 3, 1), 1, session=s, seed=1, score=False)
    with db.transaction(engine) as s:
        export = export_brand(demo_brand, date(2027, 3, 1), date(2027, 3, 31), session=s,
                              sent_on=date(2026, 12, 23))
        seen = {p.ref: p.id for p in s.exec(select(Post).where(Post.brand_id == demo_brand))}
        for post_id in seen.values():
            delete_post(post_id, session=s)
    with db.transaction(engine) as s:
        plan_brand(demo_brand, date(2027, 3, 1), 1, session=s, seed=2, score=False)
        now = {p.ref: p.id for p in s.exec(select(Post).where(Post.brand_id == demo_brand))}
    return export, {ref: (post_id, now.get(ref)) for ref, post_id in seen.items()}


def why_not_the_same(ref, ids, lang="fr"):
    """The conflict a row must show, from what happened to its reference."""
    seen, now = ids
    if now is None:
        return t("approvals.row_gone", lang, ref=ref)
    if now != seen:
        return t("approvals.row_replaced", lang, ref=ref)
    return t("approvals.row_text_changed", lang, ref=ref)


def all_validated(data: bytes) -> bytes:
    doc = Document(io.BytesIO(data))
    for tr in calendar_rows(doc):
        pick(tr, "Validé")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_after_a_replan_the_clients_validations_land_on_no_text_they_never_saw(engine, demo_brand, replanned):
    export, ids = replanned
    with db.transaction(engine) as s:
        plan = import_docx(all_validated(export.data), session=s, brand_id=demo_brand)
    assert len(plan.rows) == len(ids) == 59
    assert plan.totals() == {"rows": 59, "status_changes": 0, "comments": 0, "text_edits": 0,
                             "conflicts": 59, "unreadable": 0, "unknown": 0}
    assert [(r.ref, r.conflict) for r in plan.rows] == [(r.ref, why_not_the_same(r.ref, ids[r.ref]))
                                                       for r in plan.rows]
    with db.transaction(engine) as s:
        assert s.exec(select(Approval)).all() == []
        assert {p.status for p in s.exec(select(Post).where(Post.brand_id == demo_brand))} == {"brouillon"}


def test_after_a_replan_tacit_approval_validates_none_of_the_new_texts(engine, demo_brand, replanned):
    _, ids = replanned
    with db.transaction(engine) as s:
        plan = tacit_plan(demo_brand, session=s, today=date(2027, 1, 4))
        assert (plan.due, plan.refs) == (True, [])
        assert plan.skipped == sorted(ids)
        assert plan.reasons == {ref: why_not_the_same(ref, ids[ref]) for ref in ids}
        apply_tacit(demo_brand, session=s, today=date(2027, 1, 4))
    with db.transaction(engine) as s:
        assert s.exec(select(Approval)).all() == []
        assert {p.status for p in s.exec(select(Post).where(Post.brand_id == demo_brand))} == {"brouillon"}


# ---------------------------------------------------------------- comments on rows in conflict

def comments_of(engine):
    with db.transaction(engine) as s:
        refs = {p.id: p.ref for p in s.exec(select(Post))}
        return [(refs[c.post_id], c.author, c.body, c.source, c.conflict)
                for c in s.exec(select(Comment).order_by(Comment.id))]


def test_comments_on_a_row_in_conflict_are_stored_flagged_and_only_once(engine, demo_brand, sent):
    with db.transaction(engine) as s:
        for ref in ("LILA-2027-03-002", "LILA-2027-03-004"):
            post = s.exec(select(Post).where(Post.ref == ref)).one()
            save_post(post.id, post.version, {"text": f"{post.text} (revu par Hugo)"}, session=s, saved_by="Hugo")
    with db.transaction(engine) as s:
        plan = import_docx(answered(sent.data), session=s)
    assert plan.totals() == {"rows": 6, "status_changes": 2, "comments": 2, "text_edits": 1,
                             "conflicts": 2, "unreadable": 1, "unknown": 0}
    assert comments_of(engine) == [
        ("LILA-2027-03-002", "Sophie Martin", "Mettre le lien vers le guide des tailles", "docx", True),
        ("LILA-2027-03-004", "Sophie Martin", "Plutôt une photo de l'atelier à Lyon", "docx-comment", True),
    ]
    assert [st for _, st in statuses(engine, demo_brand)] == ["valide", "a_valider", "valide", "a_valider",
                                                              "a_valider", "a_valider"]
    with db.transaction(engine) as s:
        again = import_docx(answered(sent.data), session=s)
    assert again.totals() == {"rows": 6, "status_changes": 0, "comments": 0, "text_edits": 1,
                              "conflicts": 2, "unreadable": 1, "unknown": 0}
    assert len(comments_of(engine)) == 2


def comments_only(data: bytes) -> bytes:
    doc = Document(io.BytesIO(data))
    rows = calendar_rows(doc)
    type_in(rows[0], COMMENT, "Superbe photo, on garde")
    type_in(rows[2], COMMENT, "Ajouter le prix de la robe")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_two_imports_of_one_comments_only_answer_at_once_store_each_comment_once(engine, demo_brand, sent):
    import threading

    data = comments_only(sent.data)
    first = Session(engine)
    second = Session(engine)
    try:
        apply(preview(data, session=first), session=first)  # written, not committed yet
        late = preview(data, session=second)  # cannot see the first import's comments
        assert late.totals()["comments"] == 2
        errors = []

        def import_and_commit():
            try:
                apply(late, session=second)
                second.commit()
            except Exception as exc:  # reported below: the assertion says which
                errors.append(exc)

        worker = threading.Thread(target=import_and_commit)
        worker.start()
        first.commit()
        worker.join(30)
        assert errors == []
        assert late.totals()["comments"] == 0  # the database already had them
    finally:
        first.close()
        second.close()
    assert comments_of(engine) == [
        ("LILA-2027-03-001", "client", "Superbe photo, on garde", "docx", False),
        ("LILA-2027-03-003", "client", "Ajouter le prix de la robe", "docx", False),
    ]


def test_a_database_holding_comments_stored_twice_upgrades_to_one_of_each(engine, demo_brand, sent):
    from alembic import command
    from alembic.script import ScriptDirectory
    from sqlalchemy import text

    cfg = db.alembic_config(engine)
    command.downgrade(cfg, ScriptDirectory.from_config(cfg).get_revision("0005").down_revision)
    with engine.begin() as conn:
        post_id = conn.execute(text("select id from post where ref = 'LILA-2027-03-002'")).scalar_one()
        for body in ("Mettre le lien vers le guide des tailles", "Mettre le lien vers le guide des tailles",
                     "Et la taille 46 ?"):
            conn.execute(text("insert into comment (post_id, author, body, source, created_at) values "
                              "(:post, 'Sophie Martin', :body, 'docx', '2027-01-04 10:00:00+00')"),
                         {"post": post_id, "body": body})
    db.upgrade(engine)
    assert comments_of(engine) == [
        ("LILA-2027-03-002", "Sophie Martin", "Mettre le lien vers le guide des tailles", "docx", False),
        ("LILA-2027-03-002", "Sophie Martin", "Et la taille 46 ?", "docx", False),
    ]
    with db.transaction(engine) as s:
        plan = import_docx(answered(sent.data), session=s)
    assert [c["body"] for r in plan.rows for c in r.comments] == ["Plutôt une photo de l'atelier à Lyon"]


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_a_text_of_several_paragraphs_with_blank_lines_reads_back_unchanged_after_a_re_save(
        engine, demo_brand, tmp_path):
    """The text cell holds one paragraph a line (blank lines shrunk): read back, it is the text
    the client was sent, so no edit is reported where the client changed nothing."""
    text = "Titre : la robe Lila\n\nEn lin lavé, cousue à Lyon.\nDu 34 au 48.\n\n\nDisponible lundi !"
    with db.transaction(engine) as s:
        create_post(demo_brand, session=s, publish_at=datetime(2027, 3, 2, 12, 30, tzinfo=PARIS),
                    network="linkedin", text=text, status="a_valider")
    with db.transaction(engine) as s:
        data = export_brand(demo_brand, date(2027, 3, 1), date(2027, 3, 31), session=s).data
    resaved = libreoffice_resave(data, tmp_path)
    assert [r.text for r in read_answer(resaved).rows] == [text]
    with db.transaction(engine) as s:
        assert import_docx(resaved, session=s, dry_run=True).totals()["text_edits"] == 0


def test_a_word_answer_sent_before_the_brand_code_changed_still_finds_its_posts(engine, demo_brand, sent):
    from core.brands import BrandError, set_code

    with db.transaction(engine) as s, pytest.raises(BrandError) as refused:
        set_code(demo_brand, "mlila", session=s)
    assert refused.value.message("fr") == (
        "6 publications déjà envoyées au client, aux références LILA-…\u00a0; passer à MLILA change leurs "
        "références (les anciennes restent reconnues dans ses réponses et ses liens). Confirmez pour changer.")
    with db.transaction(engine) as s:
        assert set_code(demo_brand, "mlila", session=s, confirm=True).code == "MLILA"
    with db.transaction(engine) as s:
        plan = import_docx(answered(sent.data), session=s, brand_id=demo_brand, accept_text={"LILA-2027-03-005"})
    assert plan.totals() == {"rows": 6, "status_changes": 4, "comments": 2, "text_edits": 1,
                             "conflicts": 0, "unreadable": 1, "unknown": 0}
    assert statuses(engine, demo_brand) == [("M" + ref, status) for ref, status in EXPECTED_STATUSES]
    with db.transaction(engine) as s:
        assert s.exec(select(Post.text).where(Post.ref == "MLILA-2027-03-005")).one() == \
            "Jeu-concours : gagnez la robe « Capucine » en commentant ce post avant dimanche !"

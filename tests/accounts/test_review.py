"""A junior's post cannot reach the client unreviewed, and a CM's when the workspace asks:
the review is asked on every write, given only by someone else with ``post.review``, and
every path out of Calame (the Word send, ICS, CSV, any snapshot) refuses or leaves out the
posts still awaiting it."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlalchemy import update
from sqlmodel import select

from core import db
from core.accounts import review
from core.accounts.context import acting_as
from core.accounts.members import set_review_required, set_role
from core.accounts.permissions import Forbidden
from core.client.calendar import collect
from core.client.docx_export import export_brand
from core.client.exports import to_csv, to_ics
from core.models import AuditEntry, ExportSnapshot, Post
from core.posts import create_post, save_post
from tests.accounts.people import MARCH, make_agency


@pytest.fixture
def agency(engine):
    return make_agency(engine)


def _edit(agency, who: str, text: str, ref=None) -> None:
    with acting_as(agency.people[who]), db.transaction(agency.engine) as s:
        post = agency.post(s, ref)
        save_post(post.id, post.version, {"text": text}, session=s)


def _state(agency, ref=None) -> tuple:
    with acting_as(agency.people["claire"]), db.transaction(agency.engine) as s:
        post = agency.post(s, ref)
        return post.needs_review, post.reviewed_by, post.updated_by


def _approve(agency, who: str, ref=None) -> None:
    with acting_as(agency.people[who]), db.transaction(agency.engine) as s:
        post = agency.post(s, ref)
        review.approve(post.id, post.version, session=s)


def test_a_juniors_edit_waits_for_a_review_and_the_word_send_refuses_listing_it(agency):
    _edit(agency, "jade", "Nos robes d’été en lin arrivent jeudi !")
    assert _state(agency) == (True, "", "Jade")
    with pytest.raises(review.ReviewPending) as err, acting_as(agency.people["sofia"]), \
            db.transaction(agency.engine) as s:
        export_brand(agency.lila, *MARCH, session=s, created_by="Sofia")
    assert err.value.refs == [agency.ref]
    assert err.value.message("en") == (
        f"Internal review still to do before going to the client (1): {agency.ref}. Have them approved "
        "internally (\"Approve internally\" in Drafting, or \"posts review REF\"), or send only the reviewed posts "
        "(option \"only the reviewed posts\", --only-reviewed); nothing was sent.")
    with acting_as(agency.people["sofia"]), db.transaction(agency.engine) as s:
        assert s.exec(select(ExportSnapshot)).all() == []


def test_sending_only_the_reviewed_posts_leaves_the_juniors_out_of_the_document_and_the_snapshot(agency):
    with acting_as(agency.people["jade"]), db.transaction(agency.engine) as s:
        jade_ref = create_post(agency.lila, session=s, publish_at=datetime(2027, 3, 9, 17, tzinfo=timezone.utc),
                               network="facebook", text="Atelier couture samedi à la boutique.").ref
    with acting_as(agency.people["sofia"]), db.transaction(agency.engine) as s:
        result = export_brand(agency.lila, *MARCH, session=s, created_by="Sofia", only_reviewed=True)
        snap = s.get(ExportSnapshot, result.snapshot_id)
        assert (result.count, result.left_out, [p["ref"] for p in snap.posts]) == (1, (jade_ref,), [agency.ref])


def test_the_ics_and_csv_for_the_client_leave_out_an_unreviewed_post_or_refuse(agency):
    _edit(agency, "jade", "Nos robes d’été en lin arrivent jeudi !")
    with acting_as(agency.people["sofia"]), db.transaction(agency.engine) as s:
        with pytest.raises(review.ReviewPending):
            review.for_client(collect(agency.lila, *MARCH, session=s), session=s)
        calendar = review.for_client(collect(agency.lila, *MARCH, session=s), session=s, only_reviewed=True)
    assert calendar.left_out == [agency.ref]
    assert "en lin arrivent jeudi" not in to_csv(calendar).decode("utf-8")
    assert b"LILA-2027-03-001" not in to_ics(calendar)


def test_a_junior_cannot_approve_their_own_post_even_through_a_raw_update(agency):
    _edit(agency, "jade", "Nos robes d’été en lin arrivent jeudi !")
    with pytest.raises(Forbidden) as err:
        _approve(agency, "jade")
    assert err.value.key == "accounts.forbidden" and err.value.params["permission"].key == "permission.post.review"
    with pytest.raises(Forbidden), acting_as(agency.people["jade"]), db.transaction(agency.engine) as s:
        s.execute(update(Post).where(Post.ref == agency.ref).values(needs_review=False, reviewed_by="Sofia"))
    with pytest.raises(Forbidden), acting_as(agency.people["jade"]), db.transaction(agency.engine) as s:
        post = agency.post(s)
        post.needs_review = False
        s.add(post)
        s.flush()
    assert _state(agency) == (True, "", "Jade")


def test_a_junior_promoted_to_reviewer_still_cannot_approve_what_they_asked_to_review(agency):
    _edit(agency, "jade", "Nos robes d’été en lin arrivent jeudi !")
    with acting_as(agency.people["claire"]), db.transaction(agency.engine) as s:
        set_role("jade", "social_media_manager", session=s)
    with pytest.raises(Forbidden) as err:
        _approve(agency, "jade")
    assert err.value.message("fr") == (
        "Vous ne pouvez pas valider en interne un post dont vous avez demandé la relecture (vous l’avez écrit ou "
        "modifié)\u00a0: un autre relecteur doit le lire\u00a0; rien n’a été modifié.")
    _approve(agency, "sofia")
    assert _state(agency) == (False, "Sofia", "Jade")


def test_a_reviewer_approves_it_the_audit_says_so_and_a_later_junior_edit_asks_again(agency):
    _edit(agency, "jade", "Nos robes d’été en lin arrivent jeudi !")
    _approve(agency, "sofia")
    with acting_as(agency.people["claire"]), db.transaction(agency.engine) as s:
        post_id = agency.post(s).id
        entries = list(s.exec(select(AuditEntry).where(AuditEntry.entity == "post", AuditEntry.entity_id == post_id,
                                                       AuditEntry.user_name == "Sofia")))
        result = export_brand(agency.lila, *MARCH, session=s, created_by="Claire")
    assert [(e.action, e.changes["needs_review"], e.changes["reviewed_by"]) for e in entries] == [
        ("update", [True, False], ["", "Sofia"])]
    assert result.count == 1
    _edit(agency, "jade", "Nos robes d’été en lin arrivent vendredi !")
    assert _state(agency) == (True, "", "Jade")


def test_an_approval_of_a_version_changed_since_it_was_read_is_refused(agency):
    _edit(agency, "jade", "Nos robes d’été en lin arrivent jeudi !")
    with acting_as(agency.people["sofia"]), db.transaction(agency.engine) as s:
        read = agency.post(s).version
    _edit(agency, "jade", "Nos robes d’été en lin arrivent vendredi ! Lien en bio.")
    with pytest.raises(review.ReviewError) as err, acting_as(agency.people["sofia"]), \
            db.transaction(agency.engine) as s:
        review.approve(agency.post(s).id, read, session=s)
    assert err.value.key == "review.changed"
    assert _state(agency)[0] is True


def test_a_cms_post_needs_a_review_only_when_the_workspace_asks(agency):
    _edit(agency, "karim", "Nos robes d’été arrivent jeudi !")
    assert _state(agency) == (False, "", "Karim")
    with acting_as(agency.people["claire"]), db.transaction(agency.engine) as s:
        set_review_required(True, session=s)
    _edit(agency, "karim", "Nos robes d’été arrivent vendredi !")
    assert _state(agency) == (True, "", "Karim")


def test_an_edit_of_notes_or_status_by_a_junior_does_not_ask_for_a_review(agency):
    with acting_as(agency.people["jade"]), db.transaction(agency.engine) as s:
        post = agency.post(s)
        save_post(post.id, post.version, {"internal_notes": "Vérifier la photo avec Sofia."}, session=s)
    assert _state(agency)[0] is False


def test_a_snapshot_holding_an_unreviewed_post_is_refused_whichever_path_records_it(agency):
    _edit(agency, "jade", "Nos robes d’été en lin arrivent jeudi !")
    with pytest.raises(review.ReviewPending), acting_as(agency.people["sofia"]), \
            db.transaction(agency.engine) as s:
        post = agency.post(s)
        s.add(ExportSnapshot(brand_id=agency.lila, token="lien-de-relecture-futur", period_from=MARCH[0],
                             period_to=MARCH[1], posts=[{"ref": post.ref, "post_id": post.id, "version": post.version,
                                                        "text": post.text, "status": post.status}]))
        s.flush()


def test_a_cm_cannot_send_the_calendar_to_the_client(agency):
    with pytest.raises(Forbidden) as err, acting_as(agency.people["karim"]), db.transaction(agency.engine) as s:
        export_brand(agency.lila, *MARCH, session=s, created_by="Karim")
    assert err.value.params["permission"].key == "permission.calendar.send"


def test_a_reader_cannot_hold_a_post_back_by_marking_it_to_review(agency):
    from core.accounts.users import create_user

    with acting_as(agency.people["claire"]), db.transaction(agency.engine) as s:
        zoe = create_user("Zoé", "mot de passe lecteur", "reader", session=s)
        from core.accounts.users import actor_of

        reader = actor_of(zoe)
    with pytest.raises(Forbidden), acting_as(reader), db.transaction(agency.engine) as s:
        s.execute(update(Post).where(Post.ref == agency.ref).values(needs_review=True))
    assert _state(agency)[0] is False

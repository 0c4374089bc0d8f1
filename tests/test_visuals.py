import base64
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from core import db
from core.posts import create_post
from core.visuals import (MAX_BYTES, VisualError, agency_of, delete_visual, save_logo, save_visual,
                          thumbnail_data_uri, thumbnail_data_uris, thumbnail_of, visual_of)

PARIS = ZoneInfo("Europe/Paris")


def image_bytes(size=(1600, 1200), kind="PNG", mode="RGB", colour=(200, 40, 40), exif=None) -> bytes:
    out = io.BytesIO()
    image = Image.new(mode, size, colour)
    options = {"exif": exif} if exif is not None else {}
    image.save(out, format=kind, **options)
    return out.getvalue()


@pytest.fixture
def post_id(engine, demo_brand):
    with db.transaction(engine) as s:
        return create_post(demo_brand, session=s, publish_at=datetime(2027, 3, 4, 12, 30, tzinfo=PARIS),
                           network="instagram", text="La robe Lila en lin lavé.").id


def test_a_visual_is_stored_re_encoded_with_a_small_thumbnail(engine, post_id):
    with db.transaction(engine) as s:
        save_visual(post_id, image_bytes(kind="WEBP"), session=s, file_name="lila.webp", uploaded_by="Léa")
    with db.transaction(engine) as s:
        visual = visual_of(post_id, session=s)
        assert (visual.mime, visual.width, visual.height, visual.file_name, visual.uploaded_by) == (
            "image/webp", 1600, 1200, "lila.webp", "Léa")
        thumb = Image.open(io.BytesIO(thumbnail_of(post_id, session=s)))
        assert (thumb.format, thumb.size) == ("JPEG", (320, 240))  # Word shows JPEG, not always WebP
        uri = thumbnail_data_uri(post_id, session=s)
        assert thumbnail_data_uris([post_id, post_id + 1], session=s) == {post_id: uri}
    assert uri.startswith("data:image/jpeg;base64,")
    assert Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1]))).size == (320, 240)


def test_a_transparent_png_keeps_a_png_thumbnail_and_a_phone_photo_is_turned_upright(engine, post_id):
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: the camera was held sideways, the picture must turn 90°
    with db.transaction(engine) as s:
        save_visual(post_id, image_bytes((600, 400), "JPEG", exif=exif.tobytes()), session=s)
        assert (visual_of(post_id, session=s).width, visual_of(post_id, session=s).height) == (400, 600)
        assert b"Exif" not in visual_of(post_id, session=s).data[:200]
        save_visual(post_id, image_bytes((500, 500), "PNG", "RGBA", (0, 0, 0, 0)), session=s)
        thumb = Image.open(io.BytesIO(thumbnail_of(post_id, session=s)))
        assert (thumb.format, thumb.mode, thumb.size) == ("PNG", "RGBA", (320, 320))


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_malformed_huge_or_foreign_files_are_refused_with_a_clear_message(engine, post_id):
    cut = image_bytes()[:300]
    gif = io.BytesIO()
    Image.new("RGB", (10, 10)).save(gif, format="GIF")
    bomb = io.BytesIO()
    Image.new("1", (9000, 9000)).save(bomb, format="PNG")  # a few kilobytes, 81 million pixels
    cases = {
        b"": ("visual.empty", "Le fichier est vide\u00a0: choisissez une image PNG, JPEG ou WebP\u00a0; rien n’a été enregistré."),
        b"%PDF-1.7 not a picture": ("visual.not_image", "Ce fichier n’est pas une image lisible\u00a0: envoyez une image "
                                                        "PNG / JPEG / WebP\u00a0; rien n’a été enregistré."),
        cut: ("visual.malformed", "L’image est endommagée ou incomplète\u00a0: exportez-la de nouveau depuis votre "
                                  "logiciel\u00a0; rien n’a été enregistré."),
        gif.getvalue(): ("visual.bad_kind", "Format GIF refusé\u00a0: envoyez une image PNG / JPEG / WebP\u00a0; "
                                            "rien n’a été enregistré."),
        bomb.getvalue(): ("visual.too_large", "Image trop grande (9000\u00a0×\u00a09000 pixels, 40\u00a0millions de "
                                              "pixels au plus)\u00a0: réduisez-la\u00a0; rien n’a été enregistré."),
        b"\x89PNG" + b"\x00" * MAX_BYTES: ("visual.too_heavy", "Image trop lourde (9\u00a0Mo, 8\u00a0Mo au plus)\u00a0: "
                                                              "exportez-la plus légère (en JPEG, par exemple)\u00a0; "
                                                              "rien n’a été enregistré."),
    }
    for data, (key, french) in cases.items():
        with db.transaction(engine) as s, pytest.raises(VisualError) as caught:
            save_visual(post_id, data, session=s)
        assert (caught.value.key, caught.value.message("fr")) == (key, french)
    with db.transaction(engine) as s:
        assert visual_of(post_id, session=s) is None
    assert caught.value.message("en") == "Image too heavy (9 MB, at most 8 MB): export it lighter (as a JPEG, " \
                                         "for example); nothing was saved."


def test_a_visual_is_replaced_then_deleted(engine, post_id):
    with db.transaction(engine) as s:
        save_visual(post_id, image_bytes(colour=(0, 0, 255)), session=s)
        save_visual(post_id, image_bytes((800, 800)), session=s)
        assert (visual_of(post_id, session=s).width, visual_of(post_id, session=s).height) == (800, 800)
        assert delete_visual(post_id, session=s) is True
        assert delete_visual(post_id, session=s) is False
        assert thumbnail_of(post_id, session=s) is None and thumbnail_data_uri(post_id, session=s) is None


def test_the_agency_signs_with_its_display_name_else_its_name_else_the_brand(engine, demo_brand):
    from core.models import Brand, Workspace

    with db.transaction(engine) as s:
        assert agency_of(demo_brand, session=s) == ("Maison Lila", None)
        workspace = Workspace(name="Agence Lumen")
        s.add(workspace)
        s.flush()
        s.get(Brand, demo_brand).workspace_id = workspace.id
        s.flush()
        assert agency_of(demo_brand, session=s) == ("Agence Lumen", None)
        save_logo(workspace.id, image_bytes((1200, 400), "JPEG"), session=s, display_name=" Lumen, agence sociale ")
        name, logo = agency_of(demo_brand, session=s)
    assert (name, Image.open(io.BytesIO(logo)).format, Image.open(io.BytesIO(logo)).size) == (
        "Lumen, agence sociale", "JPEG", (600, 200))
    with db.transaction(engine) as s, pytest.raises(VisualError) as caught:
        save_logo(workspace.id, image_bytes(kind="WEBP"), session=s)
    assert caught.value.message("en") == "WebP format refused: send a PNG / JPEG image; nothing was saved."


# ---------------------------------------------------------------- with accounts

from tests.accounts.conftest import quick_hasher  # noqa: E402,F401  (small Argon2 parameters)
from tests.accounts.test_roles import agency  # noqa: E402,F401  (Agence Lumen and Studio Nord)


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_a_cm_adds_a_visual_a_reader_cannot_and_only_the_owner_sets_the_agency_logo(agency):
    from sqlmodel import select

    from core.accounts.context import acting_as
    from core.accounts.permissions import Forbidden
    from core.models import AuditEntry, Post, Workspace

    engine, people, lila_id, _, ref = agency
    with acting_as(people["karim"]), db.transaction(engine) as s:
        post_id = s.exec(select(Post.id).where(Post.ref == ref)).one()
        save_visual(post_id, image_bytes(), session=s, uploaded_by="Karim")
    with pytest.raises(Forbidden), acting_as(people["zoe"]), db.transaction(engine) as s:
        delete_visual(post_id, session=s)
    with acting_as(people["ines"]), db.transaction(engine) as s:
        assert thumbnail_of(post_id, session=s) is None  # another workspace's post
    with acting_as(people["claire"]), db.transaction(engine) as s:
        assert thumbnail_of(post_id, session=s) is not None
        entry = s.exec(select(AuditEntry).where(AuditEntry.entity == "postvisual")).one()
        assert (entry.user_name, entry.action, entry.changes["width"]) == ("Karim", "insert", [None, 1600])
        assert entry.changes["data"][1].endswith(" bytes>")  # the audit keeps the size, not the image
        lumen = s.exec(select(Workspace.id).where(Workspace.name == "Agence Lumen")).one()
    with pytest.raises(Forbidden), acting_as(people["karim"]), db.transaction(engine) as s:
        save_logo(lumen, image_bytes(kind="JPEG"), session=s, display_name="Karim & Co")
    with acting_as(people["claire"]), db.transaction(engine) as s:
        save_logo(lumen, image_bytes(kind="JPEG"), session=s, display_name="Agence Lumen, Lyon")
        assert agency_of(lila_id, session=s)[0] == "Agence Lumen, Lyon"

"""Images a person uploads: a post's visual and the agency's logo.

An upload is never stored as received: it is opened with Pillow, refused with a message when
it is not a PNG, JPEG or WebP image, is malformed, too heavy or too large in pixels (a
"decompression bomb" of a few kilobytes can claim gigabytes once decoded), then re-encoded
(turned upright by its EXIF orientation, metadata such as GPS position dropped). A post's
visual keeps a thumbnail in PNG or JPEG, the formats Word and LibreOffice show (WebP they
may not): the Word calendar prints it in the visual's cell (``core.client.docx_export``),
and ``thumbnail_data_uri`` gives it to a screen without serving a file.

The agency's logo (and its display name) belong to the workspace: the client's documents
show them in their header and name the agency as their author (``agency_of``).
"""

from __future__ import annotations

import base64
import io
import warnings
from functools import lru_cache

from sqlmodel import Session, select

from core.i18n import MessageError
from core.models import Brand, Post, PostVisual, Workspace, utcnow

MAX_BYTES = 8_000_000  # a photo from a phone or a designer's export fits
MAX_PIXELS = 40_000_000  # 8000 × 5000; Pillow's own alarm is at 89 million
MAX_SIDE = 2400  # the stored visual: enough to judge it, far less than a print file
THUMB_SIDE = 320  # px of the thumbnail's longer side: 2.7 cm at 300 dpi in the Word cell
LOGO_SIDE = 600
KINDS = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}
LOGO_KINDS = ("PNG", "JPEG")


class VisualError(MessageError):
    """An image refused, with what to do; nothing was stored."""


def _kind_name(kind: str) -> str:
    return "WebP" if kind == "WEBP" else kind


def _open(data: bytes, kinds) -> "Image.Image":
    """The decoded image, or ``VisualError`` saying why it cannot be used."""
    from PIL import Image, UnidentifiedImageError

    if not data:
        raise VisualError("visual.empty")
    if len(data) > MAX_BYTES:
        raise VisualError("visual.too_heavy", size=-(-len(data) // 1_000_000),
                          limit=MAX_BYTES // 1_000_000)
    allowed = " / ".join(_kind_name(k) for k in kinds)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in kinds:
                raise VisualError("visual.bad_kind", kind=_kind_name(image.format or "?"), allowed=allowed)
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise VisualError("visual.too_large", width=width, height=height,
                                  limit=MAX_PIXELS // 1_000_000)
            image.load()  # a truncated or corrupt file fails here, not later in the export
    except VisualError:
        raise
    except UnidentifiedImageError as exc:
        raise VisualError("visual.not_image", allowed=allowed) from exc
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise VisualError("visual.too_large", width="?", height="?", limit=MAX_PIXELS // 1_000_000) from exc
    except (OSError, ValueError, SyntaxError) as exc:  # Pillow's errors for a damaged file
        raise VisualError("visual.malformed") from exc
    if width < 1 or height < 1:
        raise VisualError("visual.malformed")
    return image


def _upright(image):
    from PIL import ImageOps

    kind = image.format
    image = ImageOps.exif_transpose(image)
    image.format = kind
    return image


def _has_alpha(image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)


def _encode(image, kind: str, side: int) -> tuple[bytes, str, int, int]:
    """``image`` at most ``side`` px on its longer side, as ``kind`` (PNG, JPEG or WEBP);
    JPEG has no transparency, so an image with alpha is laid on white."""
    from PIL import Image

    alpha = _has_alpha(image)
    image = image.convert("RGBA" if alpha else "RGB")  # palette, CMYK, 16-bit: resized smoothly
    image.thumbnail((side, side), Image.Resampling.LANCZOS)
    if kind == "JPEG" and alpha:
        base = Image.new("RGB", image.size, "white")
        base.paste(image, mask=image.getchannel("A"))
        image = base
    out = io.BytesIO()
    options = {"JPEG": {"quality": 85, "optimize": True}, "PNG": {"optimize": True},
               "WEBP": {"quality": 85}}[kind]
    image.save(out, format=kind, **options)
    return out.getvalue(), KINDS[kind], image.width, image.height


def prepare_visual(data: bytes) -> dict:
    """The columns of a ``PostVisual`` for ``data`` (validated and re-encoded); no database."""
    image = _upright(_open(data, tuple(KINDS)))
    kind = image.format
    stored, mime, width, height = _encode(image, kind, MAX_SIDE)
    thumb_kind = "PNG" if _has_alpha(image) or kind == "PNG" else "JPEG"
    thumb, thumb_mime, _, _ = _encode(image, thumb_kind, THUMB_SIDE)
    return {"mime": mime, "data": stored, "thumb": thumb, "thumb_mime": thumb_mime,
            "width": width, "height": height}


def save_visual(post_id: int, data: bytes, *, session: Session, file_name: str = "",
                uploaded_by: str = "") -> PostVisual:
    """Give post ``post_id`` the visual ``data``, replacing the one it had."""
    if session.get(Post, post_id) is None:
        raise VisualError("visual.no_post")
    values = prepare_visual(data)
    visual = visual_of(post_id, session=session) or PostVisual(post_id=post_id, **values)
    for name, value in values.items():
        setattr(visual, name, value)
    visual.file_name = (file_name or "")[:255]
    visual.uploaded_by = (uploaded_by or "")[:120]
    visual.uploaded_at = utcnow()
    session.add(visual)
    session.flush()
    return visual


def visual_of(post_id: int, *, session: Session) -> PostVisual | None:
    return session.exec(select(PostVisual).where(PostVisual.post_id == post_id)).first()


def thumbnail_of(post_id: int, *, session: Session) -> bytes | None:
    return session.exec(select(PostVisual.thumb).where(PostVisual.post_id == post_id)).first()


def thumbnails_of(post_ids, *, session: Session) -> dict[int, bytes]:
    """post id → thumbnail, for the posts that have a visual (one query for a whole export)."""
    ids = list(post_ids)
    if not ids:
        return {}
    return dict(session.exec(select(PostVisual.post_id, PostVisual.thumb).where(PostVisual.post_id.in_(ids))).all())


def thumbnail_data_uri(post_id: int, *, session: Session) -> str | None:
    """The thumbnail as a ``data:`` URI, for an HTML view (the calendar) to show without a URL."""
    return thumbnail_data_uris([post_id], session=session).get(post_id)


def thumbnail_data_uris(post_ids, *, session: Session) -> dict[int, str]:
    """post id → its thumbnail as a ``data:`` URI, for the posts that have a visual (one query
    for a month of the calendar)."""
    ids = list(post_ids)
    if not ids:
        return {}
    rows = session.exec(select(PostVisual.post_id, PostVisual.thumb, PostVisual.thumb_mime)
                        .where(PostVisual.post_id.in_(ids))).all()
    return {post_id: f"data:{mime};base64,{base64.b64encode(thumb).decode('ascii')}" for post_id, thumb, mime in rows}


CHIP_SIDE = 64  # px: the calendar chip's image, twice its CSS size for sharp screens


@lru_cache(maxsize=2048)
def _chip(thumb: bytes) -> str:
    from PIL import Image

    image = _upright(Image.open(io.BytesIO(thumb)))
    kind = "PNG" if _has_alpha(image) else "JPEG"
    data, mime, _, _ = _encode(image, kind, CHIP_SIDE)
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def chip_data_uris(post_ids, *, session: Session) -> dict[int, str]:
    """post id → a 64 px version of its thumbnail as a ``data:`` URI, for the calendar's chips:
    a month of 60 visuals stays a few dozen kilobytes, where the 320 px thumbnails would weigh
    megabytes on every rerun."""
    ids = list(post_ids)
    if not ids:
        return {}
    rows = session.exec(select(PostVisual.post_id, PostVisual.thumb).where(PostVisual.post_id.in_(ids))).all()
    return {post_id: _chip(thumb) for post_id, thumb in rows}


def delete_visual(post_id: int, *, session: Session) -> bool:
    """Remove the post's visual; False when it had none."""
    visual = visual_of(post_id, session=session)
    if visual is None:
        return False
    session.delete(visual)
    session.flush()
    return True


# ---------------------------------------------------------------- the agency

def save_logo(workspace_id: int, data: bytes | None, *, session: Session, display_name: str | None = None) -> Workspace:
    """Set the workspace's logo (PNG or JPEG, re-encoded at most 600 px) and, when given,
    its display name; ``data=None`` keeps the logo as it is."""
    workspace = session.get(Workspace, workspace_id)
    if workspace is None:
        raise VisualError("visual.no_workspace")
    if data is not None:
        image = _upright(_open(data, LOGO_KINDS))
        kind = "PNG" if _has_alpha(image) or image.format == "PNG" else "JPEG"
        workspace.logo, workspace.logo_mime, _, _ = _encode(image, kind, LOGO_SIDE)
    if display_name is not None:
        workspace.display_name = display_name.strip()
    session.add(workspace)
    session.flush()
    return workspace


def delete_logo(workspace_id: int, *, session: Session) -> None:
    workspace = session.get(Workspace, workspace_id)
    if workspace is None:
        raise VisualError("visual.no_workspace")
    workspace.logo, workspace.logo_mime = None, ""
    session.add(workspace)
    session.flush()


def agency_of(brand_id: int, *, session: Session) -> tuple[str, bytes | None]:
    """(the name that signs the brand's documents, the logo or None): the agency of the
    brand's workspace (its display name, else its name), else the brand's own name."""
    brand = session.get(Brand, brand_id)
    if brand is None:
        return "", None
    workspace = session.get(Workspace, brand.workspace_id) if brand.workspace_id else None
    if workspace is None:
        return brand.name, None
    return (workspace.display_name or workspace.name).strip(), workspace.logo

"""The visual of the post open in Rédaction: upload, replace or remove it, see its thumbnail.

The work (checks, re-encoding, the thumbnail) is ``core.visuals``'s; this module only shows
it. The upload is read once per file content (``frame.once_per_file``): a rerun does not
decode the image again.
"""

from __future__ import annotations

import streamlit as st

from core import labels
from core.db import DatabaseError
from core.visuals import VisualError, delete_visual, prepare_visual, save_visual, visual_of
from pages import frame
from pages.frame import md, tr

P = "vis_"


def _saved_as(post_id: int) -> dict | None:
    with frame.session() as s:
        visual = visual_of(post_id, session=s)
        if visual is None:
            return None
        return {"thumb": visual.thumb, "name": visual.file_name, "width": visual.width, "height": visual.height,
                "who": visual.uploaded_by, "when": visual.uploaded_at}


@frame.guarded
def _save(post_id: int, data: bytes, name: str) -> None:
    try:
        visual = frame.write(lambda s: save_visual(post_id, data, session=s, file_name=name,
                                                   uploaded_by=frame.author()))
        st.session_state[P + "notice"] = ("success", tr("visual.saved", width=visual.width, height=visual.height))
    except (VisualError, DatabaseError) as exc:
        st.session_state[P + "notice"] = ("error", frame.say(exc))


@frame.guarded
def _delete(post_id: int) -> None:
    try:
        frame.write(lambda s: delete_visual(post_id, session=s))
        st.session_state[P + "notice"] = ("success", tr("visual.deleted"))
    except DatabaseError as exc:
        st.session_state[P + "notice"] = ("error", frame.say(exc))


def visual_panel(post_id: int | None, tz) -> None:
    """The post's visual, folded under its fields; a new text gets its visual once saved."""
    with st.expander(tr("visual.title")):
        _panel(post_id, tz)


def _panel(post_id: int | None, tz) -> None:
    if post_id is None:
        st.caption(tr("visual.need_post"))
        return
    notice = st.session_state.pop(P + "notice", None)
    if notice:
        (st.success if notice[0] == "success" else st.error)(notice[1])
    current = _saved_as(post_id)
    if current is None:
        st.caption(tr("visual.none"))
    else:
        st.image(current["thumb"], width=160)
        st.caption(tr("visual.caption", name=md(current["name"] or "—"), width=current["width"],
                      height=current["height"], who=md(current["who"] or "—"),
                      when=labels.when(current["when"], tz, frame.lang())))
        st.button(tr("visual.delete"), key=f"visb_delete_{post_id}", on_click=_delete, args=(post_id,))
    upload = frame.file_uploader(tr("visual.upload"), type=["png", "jpg", "jpeg", "webp"], key=f"{P}file_{post_id}",
                              help=tr("visual.upload_help"))
    if upload is None:
        return
    data = upload.getvalue()
    _, error = frame.once_per_file("visual", data, prepare_visual)
    if error is not None:
        st.error(frame.say(error))
        return
    st.button(tr("visual.save"), key=f"visb_save_{post_id}", type="primary", on_click=_save,
              args=(post_id, data, upload.name))

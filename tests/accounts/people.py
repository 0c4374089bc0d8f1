"""Agence Lumen for the review and team tests: Claire (owner), Sofia (social media manager),
Karim (CM), Jade (junior) on Maison Lila, with one planned post; and Studio Nord, another
workspace with its own owner, Inès, and its brand Paylane."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone

from sqlmodel import select

from core import db
from core.accounts import context, users
from core.accounts.context import acting_as
from core.accounts.users import actor_of, create_user
from core.brands import create_brand
from core.models import Membership, Post, User, Workspace
from core.posts import create_post

PASSWORD = "une phrase secrète"
MARCH = (date(2027, 3, 1), date(2027, 3, 31))


@dataclass
class Agency:
    engine: object
    people: dict
    lila: int
    paylane: int
    ref: str

    def post(self, s, ref=None) -> Post:
        return s.exec(select(Post).where(Post.ref == (ref or self.ref))).one()


def make_agency(engine) -> Agency:
    with db.transaction(engine) as s:
        lila = create_brand("Maison Lila", session=s)
        post = create_post(lila.id, session=s, publish_at=datetime(2027, 3, 4, 11, tzinfo=timezone.utc),
                           network="instagram", text="Nos robes d’été en lin lavé arrivent !")
        claire = create_user("Claire", PASSWORD, "owner", session=s, workspace="Agence Lumen")
        lila_id, ref = lila.id, post.ref
    people = {"claire": actor_of(claire)}
    with acting_as(people["claire"]), db.transaction(engine) as s:
        for name, role in (("Sofia", "social_media_manager"), ("Karim", "cm"), ("Jade", "junior")):
            people[name.lower()] = actor_of(create_user(name, f"mot de passe de {name}", role, session=s))
    paylane_id, people["ines"] = studio_nord(engine)
    return Agency(engine, people, lila_id, paylane_id, ref)


def studio_nord(engine) -> tuple[int, context.Actor]:
    """Another workspace, Studio Nord, with its brand Paylane and its owner Inès (password
    ``PASSWORD``), written as the system: only the first user's workspace is created by a call.
    Paylane's id and Inès as an actor."""
    with db.transaction(engine) as s, context.system():
        nord = Workspace(name="Studio Nord")
        s.add(nord)
        s.flush()
        paylane = create_brand("Paylane", session=s, workspace_id=nord.id)
        ines = User(name="ines", display_name="Inès", password_hash=users.HASHER.hash(PASSWORD))
        s.add(ines)
        s.flush()
        s.add(Membership(user_id=ines.id, workspace_id=nord.id, role="owner"))
        s.flush()
        return paylane.id, context.Actor(ines.id, "Inès")

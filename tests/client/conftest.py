"""A sent calendar for the review link's tests: three posts of Maison Lila sent for March 2027,
one post of the same brand outside the period, and another brand's post."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from argon2 import PasswordHasher
from sqlmodel import select

from core import db
from core.accounts import users
from core.brands import create_brand
from core.client.docx_export import export_brand
from core.models import Post
from core.posts import create_post

PARIS = ZoneInfo("Europe/Paris")
TEXTS = [
    ("instagram", "Nos robes d'été arrivent ☀️ « Lila » en lin lavé, cousues à Lyon."),
    ("facebook", "Hélène nous a demandé : « quelle taille choisir ? » Notre guide est en ligne 👗"),
    ("pinterest", "5 idées de tenues pour un mariage champêtre 💐"),
]


@pytest.fixture(autouse=True)
def quick_hasher(monkeypatch):
    """PINs hash with small Argon2 parameters in tests: the same algorithm and checks."""
    quick = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    monkeypatch.setattr(users, "HASHER", quick)


@pytest.fixture(autouse=True)
def fresh_throttle(monkeypatch):
    from core.client import review_link

    monkeypatch.setattr(review_link, "THROTTLE", review_link.Throttle())


@pytest.fixture
def sent(engine, demo_brand):
    """(engine, snapshot id, brand id, refs, outside ref, other brand's ref)."""
    with db.transaction(engine) as s:
        refs = []
        for i, (network, text) in enumerate(TEXTS):
            post = create_post(demo_brand, session=s, publish_at=datetime(2027, 3, 2 + 7 * i, 12, 30, tzinfo=PARIS),
                               network=network, text=text, hashtags=["#MaisonLila"], status="a_valider",
                               visual_brief="Photo de la robe au bord de la Saône")
            refs.append(post.ref)
        for post in s.exec(select(Post).where(Post.ref.in_(refs))):
            post.internal_notes, post.score = "Note interne : client difficile, marge 40 %", 71.5
            s.add(post)
        outside = create_post(demo_brand, session=s, publish_at=datetime(2027, 4, 6, 12, 30, tzinfo=PARIS),
                              network="instagram", text="Avril : la collection de printemps", status="a_valider")
        other = create_brand("Paylane", session=s)
        foreign = create_post(other.id, session=s, publish_at=datetime(2027, 3, 3, 9, 0, tzinfo=PARIS),
                              network="linkedin", text="Paylane lève 3 millions d'euros", status="a_valider")
        outside_ref, foreign_ref = outside.ref, foreign.ref
    with db.transaction(engine) as s:
        result = export_brand(demo_brand, date(2027, 3, 1), date(2027, 3, 31), session=s,
                              sent_on=date.today())
    return engine, result.snapshot_id, demo_brand, refs, outside_ref, foreign_ref

"""Who is acting: set once by the CLI (``--user``) or by the app after sign-in, read by the
guard on every database session of that thread or task."""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Iterator


@dataclass(frozen=True)
class Actor:
    user_id: int
    name: str


@dataclass(frozen=True)
class ClientActor(Actor):
    """A client answering through one review link (``core.client.review_link``): no account
    (``user_id`` None); the guard lets it read and answer the posts of one sent calendar, and
    nothing else, whether or not the database has accounts."""

    link_id: int = 0
    snapshot_id: int = 0
    brand_id: int = 0
    post_ids: frozenset = frozenset()


_current: ContextVar[Actor | None] = ContextVar("calame_actor", default=None)
_system: ContextVar[bool] = ContextVar("calame_system", default=False)


def current() -> Actor | None:
    return _current.get()


def set_actor(actor: Actor | None) -> None:
    _current.set(actor)


@contextmanager
def acting_as(actor: Actor | None) -> Iterator[None]:
    token = _current.set(actor)
    try:
        yield
    finally:
        _current.reset(token)


@contextmanager
def system() -> Iterator[None]:
    """Calame's own bookkeeping (a sign-in's failure count, a session's last use, the first
    owner's creation): written without an actor, and never scoped."""
    token = _system.set(True)
    try:
        yield
    finally:
        _system.reset(token)


def is_system() -> bool:
    return _system.get()

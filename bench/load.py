"""Concurrent editors against one database (issue 10): nothing accepted is ever lost.

50 editors (threads sharing the app's engine, as the Streamlit server does) open posts of
two planned months and save new texts and statuses for 60 s, while two of them create
posts and a planner re-generates the second month every few seconds. Each save goes
through ``core.db.retrying`` and ``core.posts.save_post`` (optimistic locking). Reported:

- accepted: saves that returned a new version;
- refused: saves over a version someone else had saved (``ConflictError``), or on a draft
  a re-plan replaced; and saves the database stayed too busy for (``db.not_saved``);
- lost: accepted saves whose text is not, at the end, the post's version of that number
  in its history, or created posts that are gone (must be 0);
- unhandled: any other exception (must be 0).

Runs on SQLite (a temporary file) and on PostgreSQL (``CALAME_TEST_PG_URL``, default
127.0.0.1:5432/test, in a schema of its own, dropped after). Exits non-zero when anything
is lost or unhandled, or when PostgreSQL is unreachable.

With accounts (the default; ``--no-accounts`` for the single-user install), the database
has an owner and one community manager per editor (issue 18): each editor thread signs in
once (Argon2id, a session row), then, like each Streamlit run, checks its session token
before every open, and every read and save goes through the guard (``core.accounts.guard``:
scoping, permission, audit row) as that CM; the planner re-generates as the owner. Also
reported: sessions checked, audit rows written, and a check that no save came through
without its audit row naming the editor.

Run: ``.venv/bin/python -m bench.load [--seconds 60] [--editors 50] [--backend sqlite|postgres] [--no-accounts]``.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

PG_URL = os.environ.get("CALAME_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
MARCH, APRIL = date(2027, 3, 1), date(2027, 4, 1)
STATUSES = ("brouillon", "a_valider", "valide", "a_modifier")


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    counts: Counter = field(default_factory=Counter)
    accepted: list = field(default_factory=list)  # (post_id, version, text)
    created: list = field(default_factory=list)  # (post_id, ref)
    errors: list = field(default_factory=list)

    def add(self, kind: str, item=None) -> None:
        with self.lock:
            self.counts[kind] += 1
            if kind == "accepted":
                self.accepted.append(item)
            elif kind == "created":
                self.created.append(item)
            elif kind == "unhandled":
                self.errors.append(item)


def _post_ids(engine, brand_id: int) -> list[int]:
    from core import db
    from core.posts import posts_between

    with db.transaction(engine) as s:
        return [p.id for p in posts_between(brand_id, None, None, session=s)]


def _signed_in(engine, token: str | None, tally: Tally) -> None:
    """What each Streamlit run does first with accounts: the session token checked (and its
    last use recorded), the thread then acting as that account."""
    if token is None:
        return
    from core import db
    from core.accounts import context
    from core.accounts.users import actor_of, session_user

    with context.system(), db.transaction(engine) as s:
        user = session_user(token, session=s)
        actor = actor_of(user) if user is not None else None
    if actor is None:
        raise RuntimeError("the session was refused")
    context.set_actor(actor)
    tally.add("sessions")


def _editor(engine, brand_id: int, who: str, until: float, tally: Tally, seed: int, token: str | None = None) -> None:
    from core import db
    from core.db import DatabaseError
    from core.models import Post
    from core.posts import ConflictError, save_post

    rng = random.Random(seed)
    ids: list[int] = []
    n = 0
    while time.monotonic() < until:
        try:
            _signed_in(engine, token, tally)
            if not ids or rng.random() < 0.05:
                ids = _post_ids(engine, brand_id)
            post_id = rng.choice(ids)
            with db.transaction(engine) as s:  # the editor opens the post
                post = s.get(Post, post_id)
                opened = None if post is None else (post.version, post.text)
            if opened is None:
                ids = []
                continue
            time.sleep(rng.random() * 0.05)  # typing
            n += 1
            text = f"{opened[1].split(' — ')[0]} — relu par {who} ({n})"
            changes = {"text": text}
            if rng.random() < 0.2:
                changes["status"] = rng.choice(STATUSES)
            try:
                version = db.retrying(
                    lambda s: save_post(post_id, opened[0], changes, session=s, saved_by=who).version, engine)
                tally.add("accepted", (post_id, version, text))
            except ConflictError:
                tally.add("refused")
            except DatabaseError as exc:
                if exc.key != "db.not_saved":
                    raise
                tally.add("busy")
        except Exception as exc:  # counted: the bench fails on any
            tally.add("unhandled", f"{who}: {exc.__class__.__name__}: {exc}")


def _creator(engine, brand_id: int, who: str, until: float, tally: Tally, token: str | None = None) -> None:
    from core import db
    from core.posts import create_post

    paris = ZoneInfo("Europe/Paris")
    n = 0
    while time.monotonic() < until:
        n += 1
        when = datetime(2027, 3, 1 + n % 28, 12, 30, tzinfo=paris)
        try:
            _signed_in(engine, token, tally)
            post = db.retrying(lambda s: create_post(brand_id, session=s, publish_at=when, network="instagram",
                                                     text=f"Atelier couture n° {n} par {who}.", locked=True,
                                                     saved_by=who), engine)
            tally.add("created", (post.id, post.ref))
        except Exception as exc:  # counted: the bench fails on any
            tally.add("unhandled", f"{who}: {exc.__class__.__name__}: {exc}")
        time.sleep(0.05)


def _planner(engine, brand_id: int, until: float, tally: Tally, token: str | None = None) -> None:
    from core.planning.planner import generate_plan

    seed = 10
    while time.monotonic() < until:
        seed += 1
        try:
            _signed_in(engine, token, tally)
            generate_plan(brand_id, APRIL, 1, engine=engine, seed=seed, score=False)
            tally.add("replans")
        except Exception as exc:  # counted: the bench fails on any
            tally.add("unhandled", f"planner: {exc.__class__.__name__}: {exc}")
        time.sleep(2.0)


def _lost(engine, tally: Tally) -> list[str]:
    """Accepted saves and created posts the database no longer shows as accepted."""
    from sqlmodel import select

    from core import db
    from core.models import Post, PostVersion

    with db.transaction(engine) as s:
        versions = {(v.post_id, v.version): v.text for v in s.exec(select(PostVersion))}
        posts = {p.id: p for p in s.exec(select(Post))}
    lost = []
    seen = Counter((post_id, version) for post_id, version, _ in tally.accepted)
    lost += [f"version {v} of post {p} accepted twice" for (p, v), k in seen.items() if k > 1]
    for post_id, version, text in tally.accepted:
        post = posts.get(post_id)
        if post is None or post.version < version or versions.get((post_id, version)) != text:
            lost.append(f"post {post_id} version {version}: {text!r} not in the history")
    refs = Counter(ref for _, ref in tally.created)
    lost += [f"reference {ref} given {k} times" for ref, k in refs.items() if k > 1]
    lost += [f"created post {ref} gone" for post_id, ref in tally.created if post_id not in posts]
    return lost


def _unaudited(engine, tally: Tally) -> tuple[int, list[str]]:
    """With accounts: the audit rows written, and the accepted saves without their row."""
    from sqlmodel import select

    from core import db
    from core.models import AuditEntry

    with db.transaction(engine) as s:
        rows = list(s.exec(select(AuditEntry.entity_id, AuditEntry.changes, AuditEntry.user_name)
                           .where(AuditEntry.entity == "post")))
    audited = {(post_id, (changes.get("text") or [None, None])[1]) for post_id, changes, _ in rows}
    missing = [f"post {post_id} version {version}: no audit row" for post_id, version, text in tally.accepted
               if (post_id, text) not in audited]
    return len(rows), missing


def _accounts(engine, editors: int) -> tuple[dict, list[str]]:
    """An owner and one CM per editor, each signed in once: their session tokens. The setup
    hashes with Argon2id at a small cost (the measured part hashes nothing): 102 hashes at
    the default 64 MB and three passes took minutes on a shared machine."""
    from argon2 import PasswordHasher

    from core import db
    from core.accounts import context, users
    from core.accounts.users import actor_of, create_user, sign_in

    kept, users.HASHER = users.HASHER, PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    try:
        return _sign_in_all(engine, editors, db, context, actor_of, create_user, sign_in)
    finally:
        users.HASHER = kept


def _sign_in_all(engine, editors, db, context, actor_of, create_user, sign_in):
    password = "une phrase secrète pour le banc"
    with db.transaction(engine) as s:
        owner = create_user("Claire", password, "owner", session=s, workspace="Agence Lumen")
    with context.acting_as(actor_of(owner)), db.transaction(engine) as s:
        for i in range(editors):
            create_user(f"cm{i}", password, "cm", session=s, display_name=f"CM {i}")
    tokens = []
    with db.transaction(engine) as s:
        owner_token = sign_in("Claire", password, session=s)[1]
        for i in range(editors):
            tokens.append(sign_in(f"cm{i}", password, session=s)[1])
    return {"owner": owner_token}, tokens


def run_backend(name: str, engine, editors: int, seconds: float, accounts: bool = True) -> int:
    from core import db, demo
    from core.accounts import context
    from core.accounts.users import actor_of, find_user
    from core.brands import get_brand
    from core.planning.planner import plan_brand

    db.upgrade(engine)
    demo.load_demo(engine)
    owner, tokens = _accounts(engine, editors) if accounts else ({"owner": None}, [None] * editors)
    if accounts:
        with db.transaction(engine) as s:
            context.set_actor(actor_of(find_user(s, "Claire")))
    with db.transaction(engine) as s:
        brand_id = get_brand("Maison Lila", session=s).id
        plan_brand(brand_id, MARCH, 2, session=s, seed=1, score=False)
    tally = Tally()
    until = time.monotonic() + seconds
    threads = [threading.Thread(target=_editor, args=(engine, brand_id, f"CM {i}", until, tally, i, tokens[i]))
               for i in range(editors - 2)]
    threads += [threading.Thread(target=_creator, args=(engine, brand_id, f"CM {i}", until, tally, tokens[i]))
                for i in range(editors - 2, editors)]
    threads.append(threading.Thread(target=_planner, args=(engine, brand_id, until, tally, owner["owner"])))
    started = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    elapsed = time.perf_counter() - started
    lost = _lost(engine, tally)
    audit_rows, unaudited = _unaudited(engine, tally) if accounts else (0, [])
    context.set_actor(None)
    c = tally.counts
    print(f"{name:<10} {editors} editors{' (signed-in CMs)' if accounts else ''}, {elapsed:5.1f} s: "
          f"{c['accepted']} saves accepted, "
          f"{c['refused']} refused (conflicts), {c['busy']} refused (busy), {len(lost)} lost, "
          f"{c['created']} posts created, {c['replans']} re-plans of April, {c['unhandled']} unhandled errors"
          + (f"; {c['sessions']} sessions checked, {audit_rows} audit rows, {len(unaudited)} saves unaudited"
             if accounts else ""), flush=True)
    for problem in (lost + unaudited + tally.errors)[:10]:
        print(f"  ! {problem}", flush=True)
    return 1 if lost or unaudited or tally.errors or not c["accepted"] else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--editors", type=int, default=50)
    parser.add_argument("--backend", choices=("sqlite", "postgres"), action="append")
    parser.add_argument("--no-accounts", dest="accounts", action="store_false",
                        help="a single-user install: no sign-in, no guard")
    args = parser.parse_args(argv or [])
    backends = args.backend or ["sqlite", "postgres"]

    from sqlalchemy import text

    from core import db

    failures = 0
    if "sqlite" in backends:
        with tempfile.TemporaryDirectory() as tmp:
            engine = db.make_engine(f"sqlite:///{tmp}/load.db")
            failures += run_backend("SQLite", engine, args.editors, args.seconds, args.accounts)
            engine.dispose()
    if "postgres" in backends:
        schema = f"calame_load_{uuid.uuid4().hex[:10]}"
        admin = db.make_engine(PG_URL)
        try:
            with admin.begin() as conn:
                conn.execute(text(f'create schema "{schema}"'))
        except Exception as exc:  # no server: say so, and fail
            print(f"PostgreSQL not reachable at {db.display_url(PG_URL)}: {exc.__class__.__name__}", flush=True)
            return 1
        engine = db.make_engine(PG_URL, schema=schema)
        try:
            failures += run_backend("PostgreSQL", engine, args.editors, args.seconds, args.accounts)
        finally:
            engine.dispose()
            with admin.begin() as conn:
                conn.execute(text(f'drop schema "{schema}" cascade'))
            admin.dispose()
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main(__import__("sys").argv[1:]))

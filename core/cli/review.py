"""``review link create|revoke|reissue``, ``review links``, ``review file``, ``review import``: the
client's review link and the offline HTML review file (docs/approval.md, docs/cli.md)."""

from __future__ import annotations

import sys

from babel import Locale

from core.cli.approvals import import_answer
from core.cli.common import brand_arg, open_db, print_json, ui_lang, write_output
from core.client.review_file import ReviewFileError, build_review_file, import_review_file
from core.client.review_link import (CAPABILITIES, DEFAULT_DAYS, ReviewError, create_link, link_dict, links_of,
                                     link_url, reissue_link, revoke_link, snapshots_of)
from core.i18n import t

def _pin(args) -> str | None:
    """The PIN, first line of standard input (never an argument: shell history, process list)."""
    if not args.pin:
        return None
    line = "" if sys.stdin is None else sys.stdin.readline().strip()
    if not line:
        raise ReviewError("review.no_pin")
    return line


def _created(args, link) -> int:
    lang = ui_lang(args)
    url = link_url(link.token, args.url)
    if args.json:
        print_json({"id": link.id, "url": url, "capability": link.capability, "pin": link.has_pin,
                    "expires_at": link.expires_at.isoformat(), "until": link.until.isoformat()})
    else:
        print(t("review.cli_created", lang, id=link.id, capability=link.capability,
                date=link.until.isoformat(), url=url))
        if link.has_pin:
            print(t("review.cli_pin", lang), file=sys.stderr)
    return 0


def cmd_create(args) -> int:
    pin = _pin(args)
    with open_db().transaction() as session:
        link = create_link(args.snapshot, session=session, days=args.days, capability=args.capability, pin=pin,
                           created_by=_who())
    return _created(args, link)


def cmd_reissue(args) -> int:
    pin = _pin(args)
    with open_db().transaction() as session:
        link = reissue_link(args.id, session=session, days=args.days, pin=pin, created_by=_who())
    return _created(args, link)


def cmd_revoke(args) -> int:
    with open_db().transaction() as session:
        revoke_link(args.id, session=session)
    print(t("review.cli_revoked", ui_lang(args), id=args.id))
    return 0


def _who() -> str:
    from core.accounts import context

    actor = context.current()
    return actor.name if actor is not None else ""


def cmd_links(args) -> int:
    lang = ui_lang(args)
    with open_db().transaction() as session:
        brand = brand_arg(args.brand, session=session)
        snaps = [{"id": s.id, "from": s.period_from.isoformat(), "to": s.period_to.isoformat(), "posts": len(s.posts),
                  "created_by": s.created_by, "created_at": s.created_at.isoformat()}
                 for s in snapshots_of(brand.id, session=session)]
        links = [link_dict(row) for row in links_of(brand.id, session=session)]
    if args.json:
        print_json({"brand": brand.name, "snapshots": snaps, "links": links})
        return 0
    for snap in snaps:
        print(f"snapshot {snap['id']}: {snap['from']} → {snap['to']}, {snap['posts']} posts, {snap['created_at'][:16]}")
    if not links:
        print(t("review.cli_no_links", lang, brand=brand.name))
    for link in links:
        answered = f", {link['answered_by']} {link['answered_at'][:16]}" if link["answered_at"] else ""
        print(f"{link['kind']} {link['id']}: snapshot {link['snapshot_id']}, {link['capability']}, {link['state']} "
              f"→ {link['expires_at'][:16]}{', PIN' if link['pin'] else ''}{answered}")
    return 0


def cmd_file(args) -> int:
    lang = ui_lang(args)
    with open_db().transaction() as session:
        built = build_review_file(args.snapshot, session=session, days=args.days, created_by=_who())
    write_output(args.out, built.data)
    form = "one" if Locale.parse(lang).plural_form(built.count) == "one" else "other"
    posts = t(f"review.posts.{form}", lang, count=built.count)
    print(t("review.cli_file", lang, id=built.link_id, path=args.out, posts=posts,
            date=built.until.isoformat()))
    return 0


def cmd_import(args) -> int:
    return import_answer(args, import_review_file, ReviewFileError)


def add(sub) -> None:
    p = sub.add_parser("review", help="the client's review link and the offline HTML review file")
    rsub = p.add_subparsers(dest="review_command", metavar="ACTION", required=True)
    link = rsub.add_parser("link", help="create, revoke or reissue a client's review link")
    lsub = link.add_subparsers(dest="link_command", metavar="ACTION", required=True)
    c = lsub.add_parser("create", help="a new link to a sent calendar (prints its address once)")
    c.add_argument("--snapshot", type=int, required=True, help="the sent calendar (review links --brand lists them)")
    c.add_argument("--days", type=int, default=DEFAULT_DAYS, help="valid this many days (1 to 60; never past the "
                                                                   "tacit-approval deadline)")
    c.add_argument("--capability", choices=CAPABILITIES, default="decide")
    c.add_argument("--pin", action="store_true", help="protect it with a code read from standard input")
    c.add_argument("--url", help="the app's public address (default: $CALAME_PUBLIC_URL or http://127.0.0.1:8501)")
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=cmd_create)
    r = lsub.add_parser("revoke", help="the link opens nothing from now on")
    r.add_argument("id", type=int)
    r.set_defaults(func=cmd_revoke)
    ri = lsub.add_parser("reissue", help="a new address for a link (the old one is revoked)")
    ri.add_argument("id", type=int)
    ri.add_argument("--days", type=int, default=DEFAULT_DAYS)
    ri.add_argument("--pin", action="store_true", help="a new code, read from standard input")
    ri.add_argument("--url")
    ri.add_argument("--json", action="store_true")
    ri.set_defaults(func=cmd_reissue)
    ls = rsub.add_parser("links", help="a brand's sent calendars, links and review files")
    ls.add_argument("--brand", required=True)
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=cmd_links)
    f = rsub.add_parser("file", help="write the offline HTML review file of a sent calendar")
    f.add_argument("--snapshot", type=int, required=True)
    f.add_argument("--out", required=True)
    f.add_argument("--days", type=int, default=DEFAULT_DAYS)
    f.set_defaults(func=cmd_file)
    i = rsub.add_parser("import", help="import the answers file a review file exported")
    i.add_argument("file")
    i.add_argument("--dry-run", action="store_true", help="show what would change, write nothing")
    i.add_argument("--json", action="store_true")
    i.add_argument("--brand", help="refuse the file unless it is this brand's (name or id)")
    i.add_argument("--accept-text", action="append", metavar="REF", help="take the client's text edit of this post")
    i.add_argument("--accept-all-text", action="store_true")
    i.add_argument("--by", help="who decided (default: the name the client typed)")
    i.set_defaults(func=cmd_import)

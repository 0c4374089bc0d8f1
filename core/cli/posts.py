"""``posts review REF`` and ``posts to-review --brand B``: the internal review of the posts a
junior (or, when the workspace asks, a CM) wrote, before they go to the client
(docs/accounts.md, docs/cli.md)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from core import labels
from core.accounts.review import ReviewError, approve, awaiting
from core.cli.common import brand_arg, open_db, print_json, ui_lang
from core.i18n import t
from core.models import Brand
from core.posts import find_post


def cmd_review(args) -> int:
    lang = ui_lang(args)
    with open_db().transaction() as session:
        post = find_post(args.ref, session=session)  # a former reference (CAL-…) finds it too
        if post is None:
            raise ReviewError("review.post_not_found", ref=args.ref)
        post = approve(post.id, post.version if args.version is None else args.version, session=session)
        ref, name = post.ref, post.reviewed_by
    print(t("review.approved", lang, ref=ref, name=name))
    return 0


def cmd_to_review(args) -> int:
    lang = ui_lang(args)
    with open_db().transaction() as session:
        brand = brand_arg(args.brand, session=session)
        tz = ZoneInfo(session.get(Brand, brand.id).timezone or "Europe/Paris")
        rows = [{"ref": p.ref, "version": p.version, "publish_at": p.publish_at.astimezone(tz).isoformat()
                 if p.publish_at else None, "network": p.network, "updated_by": p.updated_by, "text": p.text}
                for p in awaiting(brand.id, session=session)]
    if args.json:
        print_json({"brand": brand.name, "posts": rows})
        return 0
    if not rows:
        print(t("review.none", lang, brand=brand.name))
        return 0
    for row in rows:
        print(t("review.list_line", lang, ref=row["ref"], when=(row["publish_at"] or "-")[:16].replace("T", " "),
                network=labels.network(row["network"], lang) if row["network"] else "-", who=row["updated_by"] or "-"))
    return 0


def add(sub) -> None:
    p = sub.add_parser("posts", help="the internal review of posts before they go to the client")
    psub = p.add_subparsers(dest="posts_command", metavar="ACTION", required=True)
    r = psub.add_parser("review", help="approve a post internally (a social media manager or an owner)")
    r.add_argument("ref", help="the post's reference, e.g. LILA-2027-03-004 (a former one, CAL-2027-03-004, works too)")
    r.add_argument("--version", type=int, help="the version you read (refused if the post changed since)")
    r.set_defaults(func=cmd_review)
    ls = psub.add_parser("to-review", help="the brand's posts awaiting an internal review")
    ls.add_argument("--brand", required=True, help="the brand's name or id")
    ls.add_argument("--json", action="store_true", help='print {"brand", "posts": [{"ref", "version", ...}]}')
    ls.set_defaults(func=cmd_to_review)

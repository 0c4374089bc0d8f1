"""``users add|list|password|role|deactivate|review-cm`` and ``audit``: accounts, roles and who changed what
(docs/cli.md, docs/accounts.md)."""

from __future__ import annotations

import sys

from sqlmodel import select

from core.accounts import context
from core.accounts.permissions import role_label, roles
from core.accounts.members import deactivate, list_members, reset_password, set_review_required, set_role
from core.accounts.users import AccountError, actor_of, create_user, has_users
from core.cli.common import brand_arg, open_db, print_json, ui_lang
from core.i18n import t
from core.models import AuditEntry, Membership, Post, Workspace


def _password() -> str:
    """The password, first line of standard input (never an argument: it would stay in the
    shell's history and in the process list)."""
    try:
        password = "" if sys.stdin is None or sys.stdin.isatty() else sys.stdin.readline().rstrip("\r\n")
    except (OSError, ValueError):  # no standard input at all
        password = ""
    if not password:
        raise AccountError("accounts.no_password")
    return password


def cmd_add(args) -> int:
    lang = ui_lang(args)
    password = _password()
    with open_db().transaction() as session:
        brand_id = brand_arg(args.brand, session=session).id if args.brand else None
        first = not has_users(session)
        user = create_user(args.name, password, args.role, session=session, workspace=args.workspace or "",
                           brand_id=brand_id, display_name=args.display_name or "")
        if first:  # the new owner goes on acting: the database has accounts from now on
            context.set_actor(actor_of(user))
        member = session.exec(select(Membership).where(Membership.user_id == user.id)).first()
        workspace = session.get(Workspace, member.workspace_id).name
    print(t("accounts.user_added", lang, name=user.display_name, role=role_label(args.role, lang), workspace=workspace))
    return 0


def cmd_list(args) -> int:
    lang = ui_lang(args)
    with open_db().transaction() as session:
        if not has_users(session):
            print(t("accounts.no_users", lang), file=sys.stderr)
            return 0
        rows = list_members(session=session)  # the workspaces the actor manages, never another's
    if args.json:
        print_json([{k: row[k] for k in ("name", "display_name", "role", "workspace", "brand", "active")}
                    for row in rows])
        return 0
    for row in rows:
        line = t("accounts.list_line", lang, name=row["display_name"], role=role_label(row["role"], lang),
                 scope=row["brand"] or row["workspace"])
        print(line if row["active"] else t("accounts.list_inactive", lang, line=line))
    return 0


def cmd_password(args) -> int:
    lang = ui_lang(args)
    password = _password()
    with open_db().transaction() as session:
        user = reset_password(args.name, password, session=session)
    print(t("accounts.password_reset", lang, name=user.display_name))
    return 0


def cmd_role(args) -> int:
    lang = ui_lang(args)
    with open_db().transaction() as session:
        brand = brand_arg(args.brand, session=session) if args.brand else None
        member = set_role(args.name, args.role, session=session, workspace=args.workspace or "",
                          brand_id=brand.id if brand else None)
        scope = brand.name if brand else session.get(Workspace, member.workspace_id).name
    print(t("accounts.role_set", lang, name=args.name, role=role_label(args.role, lang), scope=scope))
    return 0


def cmd_deactivate(args) -> int:
    lang = ui_lang(args)
    with open_db().transaction() as session:
        user = deactivate(args.name, session=session)
    print(t("accounts.deactivated", lang, name=user.display_name))
    return 0


def cmd_review_cm(args) -> int:
    lang = ui_lang(args)
    with open_db().transaction() as session:
        ws = set_review_required(args.value == "on", session=session, workspace=args.workspace or "")
    print(t("accounts.review_cm_on" if ws.review_required else "accounts.review_cm_off", lang, workspace=ws.name))
    return 0


def cmd_audit(args) -> int:
    lang = ui_lang(args)
    with open_db().transaction() as session:
        brand = brand_arg(args.brand, session=session)
        query = select(AuditEntry).where(AuditEntry.brand_id == brand.id).order_by(AuditEntry.at, AuditEntry.id)
        entries = list(session.exec(query))
        refs = {p.id: p.ref for p in session.exec(select(Post).where(Post.brand_id == brand.id)
                                                  .execution_options(include_deleted=True))}
    rows = [{"at": e.at.isoformat(), "user": e.user_name, "entity": e.entity, "id": e.entity_id,
             "ref": refs.get(e.entity_id, "") if e.entity == "post" else "", "action": e.action, "changes": e.changes}
            for e in entries if not args.ref or (e.entity == "post" and refs.get(e.entity_id) == args.ref)]
    if args.json:
        print_json({"brand": brand.name, "entries": rows})
        return 0
    for row in rows:
        print(t("accounts.audit_line", lang, at=row["at"][:16].replace("T", " "), user=row["user"] or "-",
                action=row["action"], entity=row["entity"], ref=row["ref"] or row["id"] or ""))
    return 0


def add(sub) -> None:
    p = sub.add_parser("users", help="accounts: add a member with a role, list them, reset a password")
    usub = p.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    a = usub.add_parser("add", help="create an account (password on standard input); the first one must be an owner")
    a.add_argument("name", help="the sign-in name")
    a.add_argument("--role", required=True, choices=list(roles()), help="the member's role")
    a.add_argument("--workspace", help="the workspace's name (default: the owner's only workspace)")
    a.add_argument("--brand", help="limit the role to one brand (name or id)")
    a.add_argument("--display-name", help="the name shown in histories (default: the sign-in name)")
    a.set_defaults(func=cmd_add)
    ls = usub.add_parser("list", help="the accounts and their roles")
    ls.add_argument("--json", action="store_true", help='print [{"name", "display_name", "role", "workspace", "brand", "active"}]')
    ls.set_defaults(func=cmd_list)
    pw = usub.add_parser("password", help="reset an account's password (an owner; new password on standard input)")
    pw.add_argument("name", help="the account's sign-in name")
    pw.set_defaults(func=cmd_password)
    ro = usub.add_parser("role", help="give a member a role in the workspace, or on one brand (an owner)")
    ro.add_argument("name", help="the account's sign-in name")
    ro.add_argument("role", choices=list(roles()), help="the new role")
    ro.add_argument("--brand", help="on this brand only (name or id)")
    ro.add_argument("--workspace", help="the workspace's name (default: the one you manage)")
    ro.set_defaults(func=cmd_role)
    de = usub.add_parser("deactivate", help="stop an account from signing in and acting (an owner)")
    de.add_argument("name", help="the account's sign-in name")
    de.set_defaults(func=cmd_deactivate)
    rc = usub.add_parser("review-cm", help="whether the CMs' posts wait for an internal review (a junior's always do)")
    rc.add_argument("value", choices=("on", "off"))
    rc.add_argument("--workspace", help="the workspace's name (default: the one you manage)")
    rc.set_defaults(func=cmd_review_cm)
    au = sub.add_parser("audit", help="who changed what on a brand, oldest first")
    au.add_argument("--brand", required=True, help="the brand's name or id")
    au.add_argument("--ref", help="only this post")
    au.add_argument("--json", action="store_true", help='print {"brand", "entries": [...]}')
    au.set_defaults(func=cmd_audit)

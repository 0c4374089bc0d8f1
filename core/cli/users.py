"""``users add|list|password`` and ``audit``: accounts, roles and who changed what
(docs/cli.md, docs/accounts.md)."""

from __future__ import annotations

import sys

from sqlmodel import select

from core.accounts import context
from core.accounts.permissions import role_label, roles
from core.accounts.users import AccountError, actor_of, create_user, find_user, has_users, set_password
from core.cli.common import brand_arg, open_db, print_json, ui_lang
from core.i18n import t
from core.models import AuditEntry, Brand, Membership, Post, User, Workspace


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
        rows = []
        for m in session.exec(select(Membership).order_by(Membership.workspace_id, Membership.user_id)):
            with context.system():
                user = session.get(User, m.user_id)
            brand = session.get(Brand, m.brand_id) if m.brand_id else None
            ws = session.get(Workspace, m.workspace_id)
            rows.append({"name": user.name, "display_name": user.display_name, "role": m.role,
                         "workspace": ws.name if ws else "", "brand": brand.name if brand else ""})
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        print(t("accounts.list_line", lang, name=row["display_name"], role=role_label(row["role"], lang),
                scope=row["brand"] or row["workspace"]))
    return 0


def cmd_password(args) -> int:
    lang = ui_lang(args)
    password = _password()
    with open_db().transaction() as session:
        user = find_user(session, args.name)
        if user is None:
            raise AccountError("accounts.unknown_user", name=args.name)
        set_password(user.id, password, session=session)
    print(t("accounts.password_reset", lang, name=user.display_name))
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
    ls.add_argument("--json", action="store_true", help='print [{"name", "display_name", "role", "workspace", "brand"}]')
    ls.set_defaults(func=cmd_list)
    pw = usub.add_parser("password", help="reset an account's password (an owner; new password on standard input)")
    pw.add_argument("name", help="the account's sign-in name")
    pw.set_defaults(func=cmd_password)
    au = sub.add_parser("audit", help="who changed what on a brand, oldest first")
    au.add_argument("--brand", required=True, help="the brand's name or id")
    au.add_argument("--ref", help="only this post")
    au.add_argument("--json", action="store_true", help='print {"brand", "entries": [...]}')
    au.set_defaults(func=cmd_audit)

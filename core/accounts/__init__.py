"""Accounts, roles and who changed what (docs/accounts.md).

While a database has no user, Calame works as a single-user install always did. Once the
first owner exists, every write and every read goes through ``core.accounts.guard``: the
session's actor (``core.accounts.context``) must hold the permission its role gives
(``data/roles.toml``) on the brand concerned, and sees only the brands of its workspaces.
"""

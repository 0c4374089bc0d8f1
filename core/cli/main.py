"""``python -m core``: Calame's command line. Every subcommand is listed in docs/cli.md.

Each module of ``core/cli/`` adds its subcommands through ``add(subparsers)``; this is
the only layer that parses arguments and prints. Exit codes: 0 success, 1 the input has
problems (reported), 2 the command could not run (usage, unreadable file, database
unavailable), 3 the acting account's role does not allow it; every refusal is a ``MessageError`` printed in the reader's language.
"""

from __future__ import annotations

import argparse
import os
import sys

from core.cli import (approvals, brands, crisis, export, keywords, media, moments, plan, posts, readability, results,
                      review, score, users)
from core.cli.common import ui_lang
from core.accounts.context import set_actor
from core.accounts.permissions import Forbidden
from core.i18n import LANGS, MessageError, t

SUBCOMMANDS = (brands, export, approvals, review, plan, score, keywords, readability, moments, results, crisis, media,
               users, posts)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m core",
        description="Calame: content strategy and editorial planning (docs/cli.md).",
    )
    parser.add_argument("--ui", choices=LANGS, help="language of messages (default: $CALAME_LANG or fr)")
    parser.add_argument("--user", help="act as this account (default: $CALAME_USER); required once the database has accounts")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in SUBCOMMANDS:
        module.add(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    lang = ui_lang(args)
    try:
        name = args.user or os.environ.get("CALAME_USER", "")
        if name:
            from core.accounts.users import cli_actor
            from core.cli.common import open_db

            with open_db().transaction() as session:
                set_actor(cli_actor(name, session=session))
        return args.func(args)
    except Forbidden as exc:
        print(t("cli.error", lang, message=exc), file=sys.stderr)
        return 3
    except MessageError as exc:
        print(t("cli.error", lang, message=exc), file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130

"""``readability``: French or English readability of a text, with Yoast's checks (docs/readability.md)."""

from __future__ import annotations

import sys

from core.cli.common import print_json, read_paths, ui_lang
from core.i18n import t
from core.language.readability import analyse, analyse_many, render


def add(subparsers) -> None:
    p = subparsers.add_parser("readability", help="readability of a text, Yoast's checks and more")
    p.add_argument("files", nargs="+", metavar="FILE", help=".txt .md .html .docx .csv, or -")
    p.add_argument("--lang", choices=("fr", "en", "auto"), default="auto")
    p.add_argument("--json", action="store_true", help="print JSON (docs/cli.md)")
    p.add_argument("--per-file", action="store_true", help="one result per file, keyed by path")
    p.set_defaults(func=cmd_readability)


def cmd_readability(args) -> int:
    ui = ui_lang(args)
    lang = None if args.lang == "auto" else args.lang
    inputs = read_paths(args.files)
    if args.per_file:
        texts = ["\n\n".join(ts) for _, ts in inputs]
        results = analyse_many(texts, lang)
        if args.json:
            print_json({path: r.to_dict() for (path, _), r in zip(inputs, results)})
        else:
            for (path, _), text, r in zip(inputs, texts, results):
                print(f"# {path}")
                print(render(r, ui, text))
        return 0 if all(r.words for r in results) else 1
    text = "\n\n".join(text for _, ts in inputs for text in ts)
    r = analyse(text, lang)
    if args.json:
        print_json(r.to_dict())
    else:
        print(render(r, ui, text))
    if not r.words:
        print(t("kw.err_empty", ui), file=sys.stderr)
        return 1
    return 0

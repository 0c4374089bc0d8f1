"""``keywords``: the keywords of a brand's texts (docs/cli.md)."""

from __future__ import annotations

import sys

from core.cli.common import brand_arg, open_db, print_json, read_paths, ui_lang
from core.i18n import t
from core.language.keywords import Extraction, extract, extract_each, questions


def add(subparsers) -> None:
    p = subparsers.add_parser("keywords", help="extract keywords from texts (docs/cli.md)")
    p.add_argument("files", nargs="+", metavar="FILE", help=".txt .md .html .docx .csv (one text per row), or -")
    p.add_argument("--lang", choices=("fr", "en", "auto"), default="auto")
    p.add_argument("--top", type=int, default=20, help="number of keywords (default 20)")
    p.add_argument("--json", action="store_true", help="print JSON (docs/cli.md)")
    p.add_argument("--per-file", action="store_true", help="one result per file, keyed by path")
    p.add_argument("--questions", action="store_true", help="also print question ideas per keyword")
    p.add_argument("--brand", metavar="B", help="the brand whose pages these are (name or id): its name, offers "
                                                "and personas known, search phrases first")
    p.set_defaults(func=cmd_keywords)


def cmd_keywords(args) -> int:
    ui = ui_lang(args)
    lang = None if args.lang == "auto" else args.lang
    top = max(1, min(int(args.top), 500))
    inputs = read_paths(args.files)
    brand = _brand_context(args.brand) if args.brand else None
    if args.per_file:
        texts = ["\n\n".join(texts) for _, texts in inputs]
        results = extract_each(texts, lang=lang, top=top, brand=brand)
        if args.json:
            print_json({path: r.to_dict() for (path, _), r in zip(inputs, results)})
        else:
            for (path, _), r in zip(inputs, results):
                print(f"# {path} ({r.lang})")
                _print_table(r, ui, args.questions)
        return 0 if any(r.keywords for r in results) else 1
    texts = [text for _, ts in inputs for text in ts]
    result = extract(texts, lang=lang, top=top, brand=brand)
    if not result.keywords:
        print(t("kw.err_empty", ui), file=sys.stderr)
        if args.json:
            print_json(result.to_dict())
        return 1
    if args.json:
        data = result.to_dict()
        if args.questions:
            for k in data["keywords"]:
                k["questions"] = questions(k["phrase"], result.lang)
        print_json(data)
    else:
        _print_table(result, ui, args.questions)
    return 0


def _brand_context(name: str):
    """What the extractor knows of the brand ``--brand`` names, from its brief in the database."""
    from core.brands import brief_of
    from core.language.keywords import from_brief

    with open_db().transaction() as session:
        return from_brief(brief_of(brand_arg(name, session=session).id, session=session))


def _print_table(result: Extraction, ui: str, with_questions: bool) -> None:
    print(t("kw.cli_header", ui))
    for rank, k in enumerate(result.keywords, 1):
        print(f"{rank}\t{k.phrase}\t{k.score:.3f}\t{k.count}\t{k.docs}\t{', '.join(k.variants[1:])}")
        if with_questions:
            for q in questions(k.phrase, result.lang):
                print(f"\t- {q}")

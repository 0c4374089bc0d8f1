"""``score``: a post or an article scored against its network's rules (docs/scoring.md);
``--jsonl`` scores a batch, one JSON object a line."""

from __future__ import annotations

import json
import sys

from core import networks as net
from core.cli.common import CliError, brand_arg, open_db, print_json, read_brief, read_utf8, report, ui_lang
from core.i18n import MessageError, t
from core.scoring import score, score_many

# The tone fields a "brand" object of a --jsonl line may hold, and the type each must have.
BRAND_FIELDS = {"name": str, "address": (str, type(None)), "emojis": (bool, type(None)),
                "words_to_avoid": list, "brand_hashtag": (str, type(None)), "sector": (str, type(None)),
                "country": (str, type(None)), "offers": list, "pillars": list}


class _Context:
    """The brands and briefs the lines name, each read once (the database opened only if asked)."""

    def __init__(self):
        self._db = None
        self._brands: dict = {}
        self._briefs: dict = {}

    def brand(self, name: str) -> dict:
        if name not in self._brands:
            from core.brands import brief_of

            self._db = self._db or open_db()
            with self._db.transaction() as session:
                self._brands[name] = brief_of(brand_arg(name, session=session).id, session=session)
        return self._brands[name]

    def brief(self, path: str, ui: str, *, quiet: bool = False) -> dict:
        if path not in self._briefs:
            _, data, problems = read_brief(path)
            if problems:
                if not quiet:
                    report(problems, path, ui)
                raise CliError("score.cli_brief_invalid", path=path, count=len(problems),
                               first=problems[0].render(ui, path))
            self._briefs[path] = data
        return self._briefs[path]


def _brand_object(number: int, value: dict) -> dict:
    """A line's "brand" object, its fields checked (a CliError naming the first wrong one)."""
    for key, item in value.items():
        if key not in BRAND_FIELDS:
            raise CliError("score.cli_brand_field_unknown", line=number, field=key,
                           valid=", ".join(BRAND_FIELDS))
        if not isinstance(item, BRAND_FIELDS[key]):
            raise CliError("score.cli_brand_field_type", line=number, field=key)
    if value.get("address") not in (None, "tu", "vous"):
        raise CliError("score.cli_brand_address", line=number, value=value.get("address"))
    return value


def _context_of(number: int, item: dict, ctx: _Context, ui: str) -> dict | None:
    """The brand (a brief dict or a tone object) a line asks for, or None."""
    if item.get("brief") is not None:
        if not isinstance(item["brief"], str):
            raise CliError("score.cli_brief_not_path", line=number)
        try:
            return ctx.brief(item["brief"], ui, quiet=True)
        except CliError as exc:
            raise CliError("score.cli_line_error", line=number, error=exc) from exc
    brand = item.get("brand")
    if brand is None:
        return None
    if isinstance(brand, str):
        try:
            return ctx.brand(brand)
        except CliError as exc:
            raise CliError("score.cli_line_error", line=number, error=exc) from exc
    if isinstance(brand, dict):
        return _brand_object(number, brand)
    raise CliError("score.cli_brand_type", line=number)


def _sector_of(brand) -> str | None:
    if isinstance(brand, dict):
        info = brand.get("brand") if isinstance(brand.get("brand"), dict) else brand
        return info.get("sector") or None
    return None


def _cli_score(args) -> int:
    ui = ui_lang(args)
    if args.network and net.rules(args.network) is None:
        raise CliError("score.cli_unknown_network", network=args.network,
                       valid=", ".join(net.known_networks()))
    lang = None if args.lang in (None, "auto") else args.lang
    ctx = _Context()
    if args.brand and args.brief:
        raise CliError("score.cli_brand_and_brief")
    brand = ctx.brief(args.brief, ui) if args.brief else (ctx.brand(args.brand) if args.brand else None)
    if args.jsonl:
        return _cli_jsonl(args, ui, lang, ctx, brand)
    if not args.file:
        raise CliError("score.cli_no_input")
    text = read_utf8(args.file)
    result = score(text, args.network or "instagram", keywords=args.keyword or (), lang=lang,
                   objective=args.objective, format=args.format, brand=brand,
                   sector=args.sector or _sector_of(brand), ui_lang=ui)
    if args.json:
        print_json(result.to_dict())
    else:
        print(t("score.cli_total", ui, score=result.score, network=result.stats.get("network")))
        if not result.grammar_checked:
            print(t("score.cli_grammar_unchecked", ui, reason=result.grammar["message"]))
        for name, value in result.subscores.items():
            print(f"  {t('score.sub.' + name, ui)}: {value}")
        for s in result.suggestions:
            where = f" [{s['start']}-{s['end']}]" if s["end"] > s["start"] else ""
            print(f"- {t('score.severity.' + s['severity'], ui)}{where}: {s['message']}")
    if not text.strip():
        print(t("cli.nothing_to_score", ui, path=args.file), file=sys.stderr)
        return 1
    return 0


def _parse_line(number: int, line: str) -> tuple[dict | None, tuple[str, dict] | None]:
    """(the object of one JSON line, None), or (None, (message key, params)) saying why not."""
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, ("cli.jsonl_not_json", {"line": number, "column": exc.colno, "detail": exc.msg})
    except RecursionError:  # arrays nested thousands deep: never the flat object expected
        return None, ("cli.jsonl_not_object", {"line": number})
    if not isinstance(item, dict):
        return None, ("cli.jsonl_not_object", {"line": number})
    network = item.get("network")
    if network is not None and (not isinstance(network, str) or net.rules(network) is None):
        return None, ("cli.jsonl_unknown_network", {"line": number, "network": network,
                                                    "valid": ", ".join(net.known_networks())})
    return item, None


def _cli_jsonl(args, ui: str, lang: str | None, ctx: _Context, default_brand) -> int:
    """One result a line; a line that cannot be scored (not JSON, unknown network, a brief
    that is missing or malformed, an unknown brand) is said on standard error, the others
    scored, and the exit status is then 1."""
    text = read_utf8(args.file or "-")
    items, problems = [], 0
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        item, problem = _parse_line(number, line)
        if problem is None:
            try:
                brand = _context_of(number, item, ctx, ui)
            except MessageError as exc:
                problem = (exc.key, exc.params)
        if problem is not None:
            key, params = problem
            print(t(key, ui, **params), file=sys.stderr)
            problems += 1
            continue
        item["brand"] = brand if brand is not None else default_brand
        item.setdefault("sector", _sector_of(item["brand"]) or args.sector)
        item.setdefault("objective", args.objective)
        item.setdefault("format", args.format)
        item.setdefault("network", args.network or "instagram")
        if lang and not item.get("lang"):
            item["lang"] = lang
        if args.keyword and not item.get("keywords"):
            item["keywords"] = list(args.keyword)
        items.append(item)
    if not items and not problems:
        print(t("cli.jsonl_empty", ui, path=args.file or "-"), file=sys.stderr)
        return 1
    for item, result in zip(items, score_many(items, ui_lang=ui)):
        out = {"id": item.get("id"), **result.to_dict()}
        sys.stdout.write(json.dumps(out, ensure_ascii=False, default=str) + "\n")
    return 1 if problems else 0


def add(subparsers) -> None:
    p = subparsers.add_parser("score", help="score a post or an article (docs/scoring.md)")
    p.add_argument("file", nargs="?", help="text file to score, or - for standard input")
    p.add_argument("--network", help="network whose rules apply (default: instagram; "
                                     f"one of {', '.join(net.known_networks())})")
    p.add_argument("--keyword", action="append", help="target keyword (repeatable)")
    p.add_argument("--lang", choices=("fr", "en", "auto"), default="auto", help="language of the text")
    p.add_argument("--objective", help="objective of the post (data/objectives.toml), for the CTA rule")
    p.add_argument("--format", help="format of the post (image, reel, carrousel…)")
    p.add_argument("--sector", help="the brand's sector (data/sectors.toml), for the call to action's fit")
    p.add_argument("--brand", help="a brand of the database (name or id) whose tone and hashtag apply")
    p.add_argument("--brief", help="a brief file (TOML, docs/brief-format.md) whose tone and hashtag apply")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--jsonl", action="store_true",
                   help='read one JSON object a line ({"id","text","network","keywords","lang","objective",'
                        '"format","sector","brand" (a name or {"name","address","emojis","words_to_avoid",'
                        '"brand_hashtag"}),"brief" (a TOML path)}) from standard input (or FILE), '
                        "print one result a line")
    p.set_defaults(func=_cli_score)

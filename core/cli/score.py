"""``score``: a post or an article scored against its network's rules (docs/scoring.md);
``--jsonl`` scores a batch, one JSON object a line."""

from __future__ import annotations

import json
import sys

from core import networks as net
from core.cli.common import CliError, print_json, read_utf8, ui_lang
from core.i18n import t
from core.scoring import score, score_many


def _cli_score(args) -> int:
    ui = ui_lang(args)
    if args.network and net.rules(args.network) is None:
        raise CliError("score.cli_unknown_network", network=args.network,
                       valid=", ".join(net.known_networks()))
    lang = None if args.lang in (None, "auto") else args.lang
    if args.jsonl:
        return _cli_jsonl(args, ui, lang)
    if not args.file:
        raise CliError("score.cli_no_input")
    text = read_utf8(args.file)
    result = score(text, args.network or "instagram", keywords=args.keyword or (), lang=lang,
                   objective=args.objective, format=args.format, ui_lang=ui)
    if args.json:
        print_json(result.to_dict())
    else:
        print(t("score.cli_total", ui, score=result.score, network=result.stats.get("network")))
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


def _cli_jsonl(args, ui: str, lang: str | None) -> int:
    text = read_utf8(args.file or "-")
    items, problems = [], 0
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        item, problem = _parse_line(number, line)
        if problem is not None:
            key, params = problem
            print(t(key, ui, **params), file=sys.stderr)
            problems += 1
            continue
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
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--jsonl", action="store_true",
                   help='read one JSON object a line ({"id","text","network","keywords","lang"}) '
                        "from standard input (or FILE), print one result a line")
    p.set_defaults(func=_cli_score)

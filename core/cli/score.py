"""``score``: a post or an article scored against its network's rules (docs/scoring.md);
``--jsonl`` scores a batch, one JSON object a line."""

from __future__ import annotations

import json
import sys

from core import networks as net
from core.cli.common import CliError, print_json, ui_lang
from core.i18n import t
from core.scoring import score, score_many


def _cli_score(args) -> int:
    ui = ui_lang(args)
    if args.network and net.rules(args.network) is None:
        raise CliError(t("score.cli_unknown_network", ui, network=args.network,
                         valid=", ".join(net.known_networks())))
    lang = None if args.lang in (None, "auto") else args.lang
    if args.jsonl:
        return _cli_jsonl(args, ui, lang)
    if not args.file:
        raise CliError(t("score.cli_no_input", ui))
    if args.file == "-":
        text = sys.stdin.read()
    else:
        try:
            with open(args.file, encoding="utf-8") as fh:
                text = fh.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise CliError(t("score.cli_unreadable", ui, path=args.file, error=exc)) from exc
    result = score(text, args.network or "instagram", keywords=args.keyword or (), lang=lang,
                   objective=args.objective, format=args.format, ui_lang=ui)
    if args.json:
        print_json(result.to_dict())
        return 0
    print(t("score.cli_total", ui, score=result.score, network=result.stats.get("network")))
    for name, value in result.subscores.items():
        print(f"  {t('score.sub.' + name, ui)}: {value}")
    for s in result.suggestions:
        where = f" [{s['start']}-{s['end']}]" if s["end"] > s["start"] else ""
        print(f"- {t('score.severity.' + s['severity'], ui)}{where}: {s['message']}")
    return 0


def _cli_jsonl(args, ui: str, lang: str | None) -> int:
    items, problems = [], 0
    stream = sys.stdin if args.file in (None, "-") else open(args.file, encoding="utf-8")
    with stream:
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                if not isinstance(item, dict):
                    raise ValueError("not an object")
            except ValueError as exc:
                print(t("score.cli_bad_line", ui, line=number, error=exc), file=sys.stderr)
                problems += 1
                items.append({"id": None, "_bad": True})
                continue
            item.setdefault("network", args.network or "instagram")
            if lang and not item.get("lang"):
                item["lang"] = lang
            if args.keyword and not item.get("keywords"):
                item["keywords"] = list(args.keyword)
            items.append(item)
    good = [i for i in items if not i.get("_bad")]
    results = iter(score_many(good, ui_lang=ui))
    for item in items:
        if item.get("_bad"):
            continue
        result = next(results)
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

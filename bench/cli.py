"""The command line as users call it, timed as a subprocess, against the same work done by
calling the engine directly (issue 9).

Inputs: 100 short abstracts, the first 100 words of each WikiNews-fr document (paragraphs
kept), written to a temporary folder as ``.txt`` files and as one JSONL file. Commands:

    python -m core readability --per-file FILE...
    python -m core keywords --per-file --top 10 FILE...
    python -m core score --jsonl FILE

Baseline, measured in the same run: a fresh process that imports the engine modules,
loads the French pipeline (and the keyword tables for ``keywords``) and calls the engine
on the same files: ``read_upload``, then ``analyse_many`` + ``render``, ``score_many`` or
``extract_each``. Times are CPU seconds (user + system) of each process: other work on a
shared machine inflates wall time (printed too) far more. Each command runs side by side
with its baseline, so both meet the same load, three times; the median of the three
ratios counts. Target: every command at most 1.2 times its baseline (Calame's choice: the
CLI only parses, reads and prints around the same work; the pipeline load, about 6 s of
CPU, is in both).

Also printed, without a target: the three commands called in-process once everything is
loaded (the CLI's cost per text), and ``readability`` on one short post with and without a
form of "être" (the French pipeline loads only when a French text needs its morphology).

    python -m bench cli
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT.parent / "shared" / "bench-data" / "wikinews-fr" / "docs"
TARGET = 1.2
ROUNDS = 3
WORDS = 100
WITHOUT_ETRE = "Nos robes en lin arrivent en boutique lundi. Venez les essayer et dites-nous laquelle vous préférez !\n"
WITH_ETRE = "Notre nouvelle robe en lin est arrivée en boutique. Elle est cousue à Lyon, dans notre atelier.\n"


def abstracts(folder: Path, words: int = WORDS) -> tuple[list[str], str]:
    """Write the first ``words`` words of each document (its paragraphs kept) to ``folder``;
    return the text files and a JSONL file holding the same texts as LinkedIn posts."""
    paths, lines = [], []
    for doc in sorted(DOCS.glob("*.txt")):
        kept, count = [], 0
        for line in doc.read_text(encoding="utf-8").splitlines():
            taken = line.split()[:words - count]
            if taken:
                kept.append(" ".join(taken))
                count += len(taken)
            if count >= words:
                break
        text = "\n\n".join(kept) + "\n"
        path = folder / doc.name
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
        lines.append(json.dumps({"id": doc.stem, "text": text, "network": "linkedin"}, ensure_ascii=False))
    jsonl = folder / "abstracts.jsonl"
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return paths, str(jsonl)


def commands(paths: list[str], jsonl: str) -> dict[str, list[str]]:
    return {
        "readability": ["readability", "--per-file", *paths],
        "keywords": ["keywords", "--per-file", "--top", "10", *paths],
        "score": ["score", "--jsonl", jsonl],
    }


def engine_run(folder: str, task: str) -> None:
    """A baseline process: the engine called directly on ``folder``'s inputs for ``task``
    (a command's name), or for every command then the CLI in-process (``"parts"``); each
    part timed in CPU seconds, JSON on stdout."""
    t0 = time.process_time()
    from core.language.clean import read_upload
    from core.language.keywords import extract_each, lexicon
    from core.language.nlp import get_nlp
    from core.language.readability import analyse_many, render
    from core.scoring.engine import score_many

    t = {"import_engine": time.process_time() - t0}
    paths = sorted(str(p) for p in Path(folder).glob("*.txt"))
    jsonl = str(Path(folder) / "abstracts.jsonl")

    def timed(key, fn):
        start = time.process_time()
        result = fn()
        t[key] = time.process_time() - start
        return result

    timed("load_pipeline", lambda: get_nlp("fr"))
    texts = timed("read_files", lambda: ["\n\n".join(read_upload(Path(p).name, Path(p).read_bytes())) for p in paths])
    out = io.StringIO()
    items = [json.loads(line) for line in Path(jsonl).read_text(encoding="utf-8").splitlines() if line.strip()]
    work = {
        "readability": lambda: [out.write(render(r, "fr", text)) for r, text in zip(analyse_many(texts), texts)],
        "score": lambda: [out.write(json.dumps(r.to_dict(), ensure_ascii=False, default=str))
                          for r in score_many(items)],
        "keywords": lambda: extract_each(texts, top=10),
    }
    for name, fn in work.items():
        if task in (name, "parts"):
            if name == "keywords":
                timed("load_keyword_tables", lexicon)
            timed(name, fn)
    if task == "parts":  # once everything is loaded and warm: the CLI in-process, the engine again
        cli_main = timed("import_cli", lambda: importlib.import_module("core.cli.main")).main
        for name, argv in commands(paths, jsonl).items():
            with contextlib.redirect_stdout(io.StringIO()):
                timed(f"cli_in_process_{name}", lambda: cli_main(argv))
            timed(f"{name}_warm", work[name])
    json.dump(t, sys.stdout)


@dataclass
class Run:
    wall: float
    cpu: float
    returncode: int
    stdout: str
    stderr: str


def _run_together(argvs: list[list[str]], env: dict) -> list[Run]:
    """Start the processes at once and time each (wall, and CPU from its own resource
    usage): run side by side, a command and its baseline meet the same machine load."""
    with tempfile.TemporaryDirectory() as tmp:
        started, procs = time.perf_counter(), []
        for i, argv in enumerate(argvs):
            out = open(Path(tmp) / f"{i}.out", "w+", encoding="utf-8")
            err = open(Path(tmp) / f"{i}.err", "w+", encoding="utf-8")
            procs.append((subprocess.Popen(argv, cwd=ROOT, env=env, stdout=out, stderr=err), out, err))
        runs: dict[int, Run] = {}
        while len(runs) < len(procs):
            pid, status, usage = os.wait4(-1, 0)
            for i, (proc, out, err) in enumerate(procs):
                if proc.pid == pid:
                    proc.returncode = os.waitstatus_to_exitcode(status)
                    out.seek(0)
                    err.seek(0)
                    runs[i] = Run(time.perf_counter() - started, usage.ru_utime + usage.ru_stime,
                                  proc.returncode, out.read(), err.read())
                    out.close()
                    err.close()
        return [runs[i] for i in range(len(procs))]


def _run(argv: list[str], env: dict) -> Run:
    return _run_together([argv], env)[0]


def main(argv: list[str] | None = None) -> int:
    if not DOCS.exists():
        print(f"Benchmark data not found at {DOCS}", file=sys.stderr)
        return 2
    env = dict(os.environ, CALAME_LANG="fr", PYTHONPATH=str(ROOT))
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths, jsonl = abstracts(folder)
        cmds = commands(paths, jsonl)
        startup = min(_run([py, "-c", "pass"], env).cpu for _ in range(3))
        rounds: dict[str, list[tuple[Run, Run]]] = {name: [] for name in cmds}
        for _ in range(ROUNDS):
            for name, args in cmds.items():
                base, cli = _run_together([_engine_argv(tmp, name), [py, "-m", "core", *args]], env)
                problem = _check(name, base, cli, len(paths))
                if problem:
                    print(problem, file=sys.stderr)
                    return 1
                rounds[name].append((base, cli))
        parts = json.loads(_run(_engine_argv(tmp, "parts"), env).stdout)
        single = {}
        for label, text in (("without", WITHOUT_ETRE), ("with", WITH_ETRE)):
            path = folder / f"one_{label}.txt"
            path.write_text(text, encoding="utf-8")
            single[label] = _run([py, "-m", "core", "readability", str(path)], env).cpu

    n = len(paths)
    print(f"{n} abstracts of {WORDS} words (WikiNews-fr), CALAME_LANG=fr. CPU seconds (user + system) of each "
          f"process, medians\nof {ROUNDS} rounds, each command run side by side with its baseline (so its wall time "
          f"includes sharing the machine with it)")
    print(f"baseline: a process calling the engine directly. Its parts: interpreter start-up {startup:.2f} s, "
          f"engine import {parts['import_engine']:.2f} s,\n  French pipeline load {parts['load_pipeline']:.2f} s, "
          f"reading the files {parts['read_files']:.2f} s, keyword tables {parts['load_keyword_tables']:.2f} s; "
          f"the CLI imports {parts['import_cli']:.2f} s more\n  (core.cli.main imports every subcommand)")
    print(f"{'command':<56} {'CLI s':>6} {'baseline s':>10} {'ratio':>6} {'wall s':>7}  "
          f"{'ms/text loaded: engine':>22} {'CLI in-process':>14}")
    missed = []
    for name, args in cmds.items():
        ratio = statistics.median(cli.cpu / base.cpu for base, cli in rounds[name])
        cpu = statistics.median(cli.cpu for _, cli in rounds[name])
        base = statistics.median(base.cpu for base, _ in rounds[name])
        wall = statistics.median(cli.wall for _, cli in rounds[name])
        if ratio > TARGET:
            missed.append(name)
        shown = " ".join(a for a in args if not a.startswith(tmp))
        label = f"python -m core {shown} ({'1 file' if name == 'score' else f'{n} files'})"
        print(f"{label:<56} {cpu:>6.2f} {base:>10.2f} {ratio:>6.2f} {wall:>7.2f}  "
              f"{1000 * parts[f'{name}_warm'] / n:>22.1f} {1000 * parts[f'cli_in_process_{name}'] / n:>14.1f}")
    print(f"python -m core readability on one post: {single['without']:.2f} s without a form of « être », "
          f"{single['with']:.2f} s with one\n  (the French pipeline loads only when a French text needs morphology)")
    print(f"target: every command <= {TARGET:.2f} x its baseline (CPU): "
          f"{'met' if not missed else 'MISSED ' + ', '.join(missed)}")
    return 1 if missed else 0


def _engine_argv(folder: str, task: str) -> list[str]:
    return [sys.executable, "-c", f"from bench.cli import engine_run; engine_run({folder!r}, {task!r})"]


def _check(name: str, base: Run, cli: Run, files: int) -> str:
    """Why a round does not count (a process failed, or not one result a file), or ""."""
    if base.returncode:
        return f"baseline for {name}: exit {base.returncode}: {base.stderr.strip()[-300:]}"
    if cli.returncode:
        return f"python -m core {name}: exit {cli.returncode}: {cli.stderr.strip()[-300:]}"
    out = cli.stdout.splitlines()
    results = len(out) if name == "score" else sum(1 for line in out if line.startswith("# "))
    return "" if results == files else f"python -m core {name}: {results} results for {files} inputs"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

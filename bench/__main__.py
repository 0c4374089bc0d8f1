"""``python -m bench [NAME...] [--options]``: run the benchmarks (every bench/*.py with a ``main()``); options after the names go to the benchmarks that take them.

Each ``main()`` returns 0 when every target it checks is met and non-zero otherwise; this
runner exits 1 when any benchmark missed a target, failed, or did not say (returned no int).
"""

from __future__ import annotations

import importlib
import inspect
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent


def discover() -> list[str]:
    return sorted(p.stem for p in HERE.glob("*.py") if not p.stem.startswith("_"))


def run(names: list[str], flags: list[str] | None = None) -> int:
    """Run each benchmark's ``main()``; ``flags`` (e.g. ``--split``) go to those that take argv."""
    failures = 0
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        main = getattr(module, "main", None)
        if not callable(main):
            continue
        print(f"=== bench.{name} ===", flush=True)
        started = time.perf_counter()
        try:
            takes_argv = bool(inspect.signature(main).parameters)
            result = main(list(flags or [])) if takes_argv else main()
            if not isinstance(result, int):
                print(f"bench.{name}: main() returned {result!r}, not an exit code: counted as missed")
                failures += 1
            elif result:
                failures += 1
        except SystemExit as exc:
            if exc.code:
                failures += 1
        except Exception:
            traceback.print_exc()
            failures += 1
        print(f"=== bench.{name}: {time.perf_counter() - started:.1f} s ===\n", flush=True)
    if failures:
        print(f"{failures} benchmark(s) missed a target or failed", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    args = sys.argv[1:]
    first_flag = next((i for i, a in enumerate(args) if a.startswith("-")), len(args))
    wanted, flags = args[:first_flag], args[first_flag:]  # names, then options for them
    available = discover()
    unknown = [n for n in wanted if n not in available]
    if unknown:
        print(f"Unknown benchmark(s): {', '.join(unknown)}; available: {', '.join(available)}", file=sys.stderr)
        sys.exit(2)
    sys.exit(run(wanted or available, flags))

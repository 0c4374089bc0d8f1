"""``python -m bench [NAME...]``: run the benchmarks (every bench/*.py with a ``main()``)."""

from __future__ import annotations

import importlib
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent


def discover() -> list[str]:
    return sorted(p.stem for p in HERE.glob("*.py") if not p.stem.startswith("_"))


def run(names: list[str]) -> int:
    failures = 0
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        main = getattr(module, "main", None)
        if not callable(main):
            continue
        print(f"=== bench.{name} ===", flush=True)
        started = time.perf_counter()
        try:
            result = main()
            if isinstance(result, int) and result:
                failures += 1
        except SystemExit as exc:
            if exc.code:
                failures += 1
        except Exception:
            traceback.print_exc()
            failures += 1
        print(f"=== bench.{name}: {time.perf_counter() - started:.1f} s ===\n", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    wanted = sys.argv[1:]
    available = discover()
    unknown = [n for n in wanted if n not in available]
    if unknown:
        print(f"Unknown benchmark(s): {', '.join(unknown)}; available: {', '.join(available)}", file=sys.stderr)
        sys.exit(2)
    sys.exit(run(wanted or available))

"""Run benchmarks: ``python -m benchmarks.run [names...]``.

Finds ``benchmarks/bench_*.py``; ``names`` select modules (``skills`` or ``bench_skills``).
Each module's ``run()`` returns records; they are written to ``build/bench/<name>.json`` and
printed as a table.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from . import harness

HERE = Path(__file__).resolve().parent


def discover(names: list[str] | None = None) -> list[str]:
    """Module names of the benchmarks to run, sorted; unknown names raise ``SystemExit``."""
    found = sorted(p.stem for p in HERE.glob("bench_*.py"))
    if not names:
        return found
    wanted = [n if n.startswith("bench_") else f"bench_{n}" for n in names]
    missing = [n for n in wanted if n not in found]
    if missing:
        raise SystemExit(f"unknown benchmark(s): {', '.join(missing)}; known: {', '.join(found)}")
    return wanted


def run(
    names: list[str] | None = None, out_dir: Path | str = harness.DEFAULT_OUT_DIR, **params
) -> list[dict]:
    """Run the selected benchmarks (``params`` go to every ``run()``), write and return records."""
    records: list[dict] = []
    for module_name in discover(names):
        module = importlib.import_module(f"{__package__}.{module_name}")
        records.extend(module.run(**params))
    harness.write(records, out_dir)
    return records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    parser.add_argument("--out", default=str(harness.DEFAULT_OUT_DIR), help="output directory")
    args = parser.parse_args(argv)
    records = run(args.names, args.out)
    print(harness.table(records))
    print(f"\n{len(records)} result(s) written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark harness: timing, records and their JSON files.

Contract: a benchmark module ``benchmarks/bench_<topic>.py`` exposes ``run(**params) -> list[dict]``
whose records come from :func:`record`. :mod:`benchmarks.run` writes each record to
``build/bench/<name>.json`` with exactly the keys in :data:`KEYS` and prints a table.

Every record compares our code (``value``) with an ``anchor`` (a naive or reference approach)
measured in the same process and the same run, so ``ratio = value / anchor_value`` stays
meaningful across machines. Timings use :func:`time.perf_counter`, repeat, and take the median.
Nothing here asserts on time: tests check the shape of the records, never the speed.
"""

from __future__ import annotations

import json
import math
import statistics
import time
from collections.abc import Callable, Iterable
from pathlib import Path

KEYS = ("name", "value", "unit", "anchor", "anchor_value", "ratio", "params")
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT_DIR = ROOT / "build" / "bench"


def median_seconds(fn: Callable[[], object], *, repeats: int = 7, number: int = 1) -> float:
    """Median wall time of one ``fn()`` call: ``repeats`` samples of ``number`` calls each."""
    if repeats < 1 or number < 1:
        raise ValueError("repeats and number must be at least 1")
    fn()  # warm-up: caches, lazy loading
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        samples.append((time.perf_counter() - start) / number)
    return statistics.median(samples)


def rate(operations: int, fn: Callable[[], object], **timing) -> float:
    """Operations per second when one ``fn()`` call performs ``operations`` operations."""
    return operations / max(median_seconds(fn, **timing), 1e-12)


def record(
    name: str, value: float, unit: str, anchor: str, anchor_value: float, params: dict
) -> dict:
    """One benchmark result; ``ratio`` is ``value / anchor_value``."""
    for label, number in (("value", value), ("anchor_value", anchor_value)):
        if not (isinstance(number, int | float) and math.isfinite(number) and number > 0):
            raise ValueError(f"{name}: {label} must be a positive finite number, got {number!r}")
    json.dumps(params)  # params must be JSON
    return {
        "name": name,
        "value": float(value),
        "unit": unit,
        "anchor": anchor,
        "anchor_value": float(anchor_value),
        "ratio": float(value) / float(anchor_value),
        "params": dict(params),
    }


def write(records: Iterable[dict], out_dir: Path | str = DEFAULT_OUT_DIR) -> list[Path]:
    """Write ``<out_dir>/<name>.json`` for each record; returns the paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for rec in records:
        if tuple(rec) != KEYS:
            raise ValueError(f"record keys must be {KEYS}, got {tuple(rec)}")
        path = out / f"{rec['name']}.json"
        path.write_text(json.dumps(rec, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def _number(value: float) -> str:
    """Whole numbers with separators; small measurements keep two decimals."""
    return f"{value:,.0f}" if value >= 100 or float(value).is_integer() else f"{value:.2f}"


def table(records: Iterable[dict]) -> str:
    """A plain-text table: name, value, unit, anchor, anchor value, ratio."""
    header = ("name", "value", "unit", "anchor", "anchor value", "ratio")
    rows = [header] + [
        (
            r["name"],
            _number(r["value"]),
            r["unit"],
            r["anchor"],
            _number(r["anchor_value"]),
            f"{r['ratio']:.1f}x",
        )
        for r in records
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)

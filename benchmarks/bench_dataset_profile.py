"""Case datasets (ADR 0007): convert + profile throughput, and page/chart latency at 1M rows.

Deterministic CSVs with Japanese text (orders of a fictional company) are generated in a
temporary directory. Records:

- ``dataset_profile_<n>_mb_s``: what the Celery task does to a CSV (full encoding scan,
  DuckDB conversion with type inference, profile and the stored order/rollup tables), in MB/s.
  Anchor: one plain ``csv.reader`` pass over the same file computing only the row count and
  per-column min/max in Python. A ratio above 1 means the full pipeline is faster than that
  minimal pass.
- ``dataset_page_p95_ms`` / ``dataset_chart_p95_ms``: p95 latency of ``query.page`` and
  ``query.aggregate`` over ``calls`` calls (random offsets over the whole table, sorts both
  ways, several groupings) on the big dataset. Anchor: the same calls on a ``small_rows``
  dataset. The goal is a ratio near 1: reads do not grow with the data.
- ``..._filtered_p95_ms``: the same with a filter, which cannot use stored tables (the
  bounded-scan path).

Big datasets are converted once (no warm-up run); connections are opened before timing, as
they stay open in a running server.
"""

from __future__ import annotations

import csv
import math
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from .harness import median_seconds, record

REGIONS = (
    "北海道",
    "宮城県",
    "東京都",
    "神奈川県",
    "長野県",
    "愛知県",
    "大阪府",
    "広島県",
    "福岡県",
)
CATEGORIES = ("自動車部品", "医療機器部品", "半導体装置部品", "産業機械部品")
FAMILY = ("佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤")
GIVEN = ("太郎", "花子", "一郎", "美咲", "翔太", "さくら", "健", "由美")
COMPANY = ("信州", "東海", "アルプス", "北斗", "甲斐", "諏訪湖", "天竜", "相模", "浜名", "八ヶ岳")
SUFFIX = ("精工株式会社", "工業株式会社", "メディカル株式会社", "テック株式会社")
NOTES = ("", "", "", "至急", "分納可", "図面改訂あり", "検査成績書要")
HEADER = (
    "受注番号",
    "受注日",
    "顧客名",
    "地域",
    "製品カテゴリ",
    "担当者",
    "数量",
    "単価",
    "金額",
    "備考",
)


def write_csv(path: Path, rows: int, seed: int = 2024) -> Path:
    """A deterministic orders CSV (UTF-8) of ``rows`` rows."""
    rng = random.Random(seed)
    start = date(2023, 4, 1)
    customers = [f"{a}{b}" for a in COMPANY for b in SUFFIX]
    staff = [f"{f} {g}" for f in FAMILY for g in GIVEN]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        for number in range(rows):
            quantity = rng.randint(1, 500)
            price = rng.randrange(100, 20000, 10)
            writer.writerow(
                (
                    f"J{number:07d}",
                    (start + timedelta(days=rng.randrange(730))).isoformat(),
                    rng.choice(customers),
                    rng.choice(REGIONS),
                    rng.choice(CATEGORIES),
                    rng.choice(staff),
                    quantity,
                    price,
                    quantity * price,
                    rng.choice(NOTES),
                )
            )
    return path


def process(source: Path, work: Path, threads: int = 2) -> Path:
    """What ``casestudy_xblock.tasks.profile_dataset`` does to a stored CSV."""
    from casestudy_xblock.datasets import convert, intake, profile

    encoding = intake.scan_encoding(intake.iter_file(source))
    with open(source, "rb") as handle:
        delimiter = intake.detect_delimiter(handle.readline().decode(encoding))
    target = work / "data.duckdb"
    if target.exists():
        target.unlink()
    engine = {"threads": threads, "memory_limit": "1GB"}
    convert.convert_csv(source, target, work, encoding, delimiter, **engine)
    profile.profile(target, **engine)
    return target


def anchor_pass(source: Path) -> int:
    """The naive reference: csv.reader, row count and per-column min/max as text."""
    with open(source, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        width = len(next(reader))
        lows, highs, rows = [None] * width, [None] * width, 0
        for row in reader:
            rows += 1
            for i, value in enumerate(row):
                if value == "":
                    continue
                if lows[i] is None or value < lows[i]:
                    lows[i] = value
                if highs[i] is None or value > highs[i]:
                    highs[i] = value
    return rows


def _once(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _label(count: int) -> str:
    """``100000`` -> ``"100k"``, ``1000000`` -> ``"1m"``."""
    if count >= 1_000_000 and count % 1_000_000 == 0:
        return f"{count // 1_000_000}m"
    if count >= 1000 and count % 1000 == 0:
        return f"{count // 1000}k"
    return str(count)


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def _page_calls(rows: int, calls: int, filtered: bool, seed: int = 7):
    rng = random.Random(seed)
    sorts = [None, "金額", "受注日", "顧客名", "受注番号"]
    filters = [{"column": "地域", "op": "=", "value": "長野県"}] if filtered else []
    for i in range(calls):
        sort = sorts[i % len(sorts)]
        offset = rng.randrange(0, max(1, (rows // 9 if filtered else rows) - 50))
        yield {
            "sort": sort,
            "descending": bool(i % 2),
            "offset": offset,
            "limit": 50,
            "filters": filters,
        }


def _chart_calls(calls: int, filtered: bool):
    shapes = [
        ("地域", None, "count"),
        ("製品カテゴリ", "金額", "sum"),
        ("担当者", "数量", "avg"),
        ("地域", "単価", "max"),
        ("受注日", "金額", "sum"),
    ]
    filters = [{"column": "製品カテゴリ", "op": "=", "value": "医療機器部品"}] if filtered else []
    for i in range(calls):
        x, y, agg = shapes[i % len(shapes)]
        yield {"x": x, "y": y, "agg": agg, "filters": filters}


def _latencies(fn, path, calls) -> list[float]:
    fn(path, **calls[0])  # warm-up: the connection is opened and cached, as in a server
    return [_once(lambda c=c: fn(path, **c)) * 1000 for c in calls]


def run(
    rows: int = 100_000,
    big_rows: int = 1_000_000,
    small_rows: int = 1_000,
    calls: int = 30,
    repeats: int = 3,
    threads: int = 2,
) -> list[dict]:
    from casestudy_xblock.datasets import query

    records = []
    with tempfile.TemporaryDirectory(prefix="dxq-bench-") as tmp:
        base = Path(tmp)
        for count in (rows, big_rows):
            label = _label(count)
            work = base / f"work-{count}"
            work.mkdir()
            source = write_csv(work / "orders.csv", count)
            megabytes = source.stat().st_size / 1e6
            if count == big_rows:  # once each: no warm-up run of a long measurement
                ours = _once(lambda s=source, w=work: process(s, w, threads))
                naive = _once(lambda s=source: anchor_pass(s))
                timing = {"repeats": 1}
            else:
                ours = median_seconds(
                    lambda s=source, w=work: process(s, w, threads), repeats=repeats
                )
                naive = median_seconds(lambda s=source: anchor_pass(s), repeats=repeats)
                timing = {"repeats": repeats}
            params = {"rows": count, "megabytes": round(megabytes, 1), "threads": threads, **timing}
            records.append(
                record(
                    f"dataset_profile_{label}_mb_s",
                    megabytes / ours,
                    "MB/s",
                    "csv.reader pass: row count + per-column min/max (Python)",
                    megabytes / naive,
                    params,
                )
            )
        big = base / f"work-{big_rows}" / "data.duckdb"
        small_work = base / "small"
        small_work.mkdir()
        small = process(
            write_csv(small_work / "orders.csv", small_rows, seed=99), small_work, threads
        )
        try:
            for filtered in (False, True):
                suffix = "_filtered" if filtered else ""
                for name, fn, make in (
                    ("page", query.page, lambda n, f=filtered: list(_page_calls(n, calls, f))),
                    ("chart", query.aggregate, lambda _n, f=filtered: list(_chart_calls(calls, f))),
                ):
                    ours = _p95(_latencies(fn, big, make(big_rows)))
                    anchor = _p95(_latencies(fn, small, make(small_rows)))
                    params = {
                        "rows": big_rows,
                        "anchor_rows": small_rows,
                        "calls": calls,
                        "filtered": filtered,
                    }
                    records.append(
                        record(
                            f"dataset_{name}{suffix}_p95_ms",
                            ours,
                            "ms",
                            f"same calls on {small_rows:,} rows, p95 ms",
                            anchor,
                            params,
                        )
                    )
        finally:
            query.close_readers()
    return records

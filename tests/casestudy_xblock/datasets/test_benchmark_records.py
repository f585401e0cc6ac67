"""benchmarks/bench_dataset_profile.py keeps the harness contract (shape only, never speed)."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:  # ``benchmarks`` is a top-level directory, not an installed package
    sys.path.insert(0, str(ROOT))

from benchmarks import bench_dataset_profile, harness  # noqa: E402


def test_records_have_the_agreed_keys(tmp_path):
    records = bench_dataset_profile.run(
        rows=2000, big_rows=3000, small_rows=200, calls=5, repeats=1
    )
    assert [r["name"] for r in records] == [
        "dataset_profile_2k_mb_s",
        "dataset_profile_3k_mb_s",
        "dataset_page_p95_ms",
        "dataset_chart_p95_ms",
        "dataset_page_filtered_p95_ms",
        "dataset_chart_filtered_p95_ms",
    ]
    assert all(tuple(r) == harness.KEYS for r in records)
    assert records[0]["unit"] == "MB/s"
    assert "csv.reader" in records[0]["anchor"]
    assert records[2]["params"] == {"rows": 3000, "anchor_rows": 200, "calls": 5, "filtered": False}
    assert len(harness.write(records, tmp_path)) == 6


def test_generated_csv_is_deterministic(tmp_path):
    first = bench_dataset_profile.write_csv(tmp_path / "a.csv", 50)
    second = bench_dataset_profile.write_csv(tmp_path / "b.csv", 50)
    assert first.read_bytes() == second.read_bytes()
    assert bench_dataset_profile.anchor_pass(first) == 50

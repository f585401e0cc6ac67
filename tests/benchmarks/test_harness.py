"""The benchmark harness writes records with exactly the agreed keys. No timing is asserted."""

import json
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # ``benchmarks`` is a top-level directory, not an installed package
    sys.path.insert(0, str(ROOT))

from benchmarks import bench_skills, harness  # noqa: E402
from benchmarks import run as bench_run  # noqa: E402

KEYS = {"name", "value", "unit", "anchor", "anchor_value", "ratio", "params"}


def test_record_computes_ratio_and_has_exactly_the_keys():
    rec = harness.record("x", 300.0, "ops/s", "naive", 100.0, {"n": 1})
    assert set(rec) == KEYS
    assert tuple(rec) == harness.KEYS
    assert rec["ratio"] == pytest.approx(3.0)


@pytest.mark.parametrize("bad", [0, -1.0, float("nan"), float("inf"), "fast"])
def test_record_rejects_unusable_values(bad):
    with pytest.raises(ValueError, match="positive finite"):
        harness.record("x", bad, "ops/s", "naive", 1.0, {})
    with pytest.raises(ValueError, match="positive finite"):
        harness.record("x", 1.0, "ops/s", "naive", bad, {})


def test_record_params_must_be_json():
    with pytest.raises(TypeError):
        harness.record("x", 1.0, "ops/s", "naive", 1.0, {"f": object()})


def test_write_rejects_records_with_other_keys(tmp_path):
    with pytest.raises(ValueError, match="record keys"):
        harness.write([{"name": "x", "value": 1}], tmp_path)


def test_median_seconds_takes_the_median(monkeypatch):
    calls = []
    clock = iter([0.0, 5.0, 10.0, 11.0, 20.0, 22.0])  # three samples: 5 s, 1 s, 2 s
    monkeypatch.setattr(harness, "time", SimpleNamespace(perf_counter=lambda: next(clock)))
    assert harness.median_seconds(lambda: calls.append(1), repeats=3) == 2.0
    assert len(calls) == 4  # one warm-up call, then one per sample
    with pytest.raises(ValueError, match="at least 1"):
        harness.median_seconds(lambda: None, repeats=0)


def test_bench_skills_writes_the_agreed_json(tmp_path):
    records = bench_skills.run(repeats=1, number=1)
    assert [r["name"] for r in records] == ["skills_get", "skills_search"]
    paths = harness.write(records, tmp_path)
    assert sorted(p.name for p in paths) == ["skills_get.json", "skills_search.json"]
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert set(data) == KEYS
        assert data["ratio"] == pytest.approx(data["value"] / data["anchor_value"])
        assert data["value"] > 0
        assert data["anchor_value"] > 0
    get = json.loads((tmp_path / "skills_get.json").read_text(encoding="utf-8"))
    assert get["unit"] == "lookups/s"
    assert get["params"] == {"edition": "v1", "ids": 49, "repeats": 1, "number": 1}
    assert "linear scan" in get["anchor"]


def test_runner_discovers_and_writes(tmp_path, capsys):
    assert "bench_skills" in bench_run.discover()
    assert bench_run.discover(["skills"]) == ["bench_skills"]
    with pytest.raises(SystemExit):
        bench_run.discover(["no_such_benchmark"])
    records = bench_run.run(["skills"], tmp_path, repeats=1, number=1)
    assert {p.name for p in tmp_path.iterdir()} == {f"{r['name']}.json" for r in records}
    print(harness.table(records))
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == [
        "name",
        "value",
        "unit",
        "anchor",
        "anchor",
        "value",
        "ratio",
    ]
    assert "skills_get" in out

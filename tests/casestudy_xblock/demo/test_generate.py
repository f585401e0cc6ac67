"""The demo datasets: deterministic, in the documented encodings, internally consistent."""

import hashlib
import os
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from casestudy_xblock.demo import generate
from casestudy_xblock.demo._calendar import is_workday

ROOT = Path(__file__).resolve().parents[3]
EXPECTED_COLUMNS = {
    "sales": [
        "受注番号",
        "受注日",
        "顧客ID",
        "製品カテゴリ",
        "品番",
        "数量",
        "単価",
        "金額",
        "納期",
        "出荷日",
        "納期遅延日数",
    ],
    "production": [
        "日付",
        "ライン",
        "設備ID",
        "稼働時間(h)",
        "段取り回数",
        "段取り時間(分)",
        "生産数",
        "不良数",
        "寸法不良",
        "外観不良",
        "バリ",
        "その他不良",
        "主な不良区分",
    ],
    "customers": ["顧客ID", "顧客名", "業種", "地域", "取引開始年", "主な受注方法", "営業担当"],
    "staff_survey": [
        "回答ID",
        "部署",
        "年代",
        "勤続年数",
        "Q1_デジタル活用",
        "Q2_変化への前向きさ",
        "Q3_業務負担感",
        "Q4_データ活用の必要性",
        "Q5_部署間の情報共有",
        "自由記述",
    ],
}


def test_same_seed_gives_byte_identical_files(files):
    again = generate.generate(generate.DEFAULT_SEED, 1.0)
    assert again == files
    assert list(again) == list(generate.SLUGS)


def test_another_seed_gives_other_data_of_the_same_shape(files, rows):
    other = generate.generate(7)
    for slug in generate.SLUGS:
        assert other[slug] != files[slug]
        header = other[slug].decode(generate.ENCODINGS[slug]).splitlines()[0]
        assert header.split(",") == EXPECTED_COLUMNS[slug]


def test_write_all_writes_the_generated_bytes(tmp_path, files):
    paths = generate.write_all(tmp_path / "out")
    assert set(paths) == set(generate.SLUGS)
    for slug, path in paths.items():
        assert path.name == generate.FILENAMES[slug]
        assert hashlib.sha256(path.read_bytes()).digest() == hashlib.sha256(files[slug]).digest()


def test_staff_survey_is_cp932_and_the_rest_utf8(files):
    assert generate.ENCODINGS == {
        "sales": "utf-8",
        "production": "utf-8",
        "customers": "utf-8",
        "staff_survey": "cp932",
    }
    with pytest.raises(UnicodeDecodeError):
        files["staff_survey"].decode("utf-8")
    survey = files["staff_survey"].decode("cp932")
    assert "製造部" in survey
    assert "\r\n" in survey
    for slug in ("sales", "production", "customers"):
        assert not files[slug].startswith(b"\xef\xbb\xbf")
        assert "\r" not in files[slug].decode("utf-8")


def test_columns_and_row_counts(rows):
    for slug, expected in EXPECTED_COLUMNS.items():
        assert list(rows[slug][0]) == expected
    assert 1200 <= len(rows["sales"]) <= 1700
    assert len(rows["production"]) == 6 * len(
        [r for r in rows["production"] if r["設備ID"] == "SW-01"]
    )
    assert len(rows["customers"]) == 48
    assert len(rows["staff_survey"]) == 70


def test_scale_multiplies_rows():
    small, large = generate.generate(scale=0.5), generate.generate(scale=2.0)
    for slug in generate.SLUGS:
        assert small[slug].count(b"\n") < large[slug].count(b"\n")
    with pytest.raises(ValueError, match="scale"):
        generate.generate(scale=0)


def test_sales_rows_are_consistent(rows):
    customers = {r["顧客ID"] for r in rows["customers"]}
    numbers = [r["受注番号"] for r in rows["sales"]]
    assert len(set(numbers)) == len(numbers)
    for r in rows["sales"]:
        assert r["顧客ID"] in customers
        assert int(r["金額"]) == int(r["数量"]) * int(r["単価"])
        ordered, due = date.fromisoformat(r["受注日"]), date.fromisoformat(r["納期"])
        assert date(2023, 4, 1) <= ordered <= date(2025, 3, 31)
        assert due > ordered
        if r["出荷日"]:
            late = max(0, (date.fromisoformat(r["出荷日"]) - due).days)
            assert int(r["納期遅延日数"]) == late
        else:
            # not shipped by the export on 2025-04-10: recent orders (a few already overdue)
            assert r["納期遅延日数"] == ""
            assert due >= date(2025, 3, 20)


def test_production_rows_are_consistent(rows):
    kinds = ("寸法不良", "外観不良", "バリ", "その他不良")
    for r in rows["production"]:
        day = date.fromisoformat(r["日付"])
        assert is_workday(day)
        counts = {k: int(r[k]) for k in kinds}
        assert int(r["不良数"]) == sum(counts.values()) <= int(r["生産数"])
        if int(r["不良数"]) == 0:
            assert r["主な不良区分"] == "なし"
        else:
            assert counts[r["主な不良区分"]] == max(counts.values())
    machines = Counter((r["ライン"], r["設備ID"]) for r in rows["production"])
    assert {line for line, _machine in machines} == {"Aライン", "Bライン", "Cライン", "Dライン"}
    assert len(set(machines.values())) == 1  # every machine reports every working day


def test_survey_answers_are_likert(rows):
    items = [c for c in rows["staff_survey"][0] if c.startswith("Q")]
    assert len(items) == 5
    for r in rows["staff_survey"]:
        assert all(r[c] in {"1", "2", "3", "4", "5"} for c in items)
    assert Counter(r["部署"] for r in rows["staff_survey"])["製造部"] == 42
    assert any(r["自由記述"] == "" for r in rows["staff_survey"])  # optional, some left blank


def test_output_does_not_depend_on_the_process(files):
    """Hash randomisation differs per process; the files must not."""
    code = (
        "import hashlib, sys; from casestudy_xblock.demo import generate; "
        "sys.stdout.write(hashlib.sha256(b''.join(generate.generate().values())).hexdigest())"
    )
    expected = hashlib.sha256(b"".join(files.values())).hexdigest()
    for hash_seed in ("0", "12345"):
        result = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
        )
        assert result.stdout == expected

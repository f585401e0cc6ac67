"""CSV and XLSX files become a typed DuckDB table whose profile matches Python's statistics."""

import datetime
import statistics

import duckdb
import pytest

from casestudy_xblock.datasets import convert, intake, profile
from casestudy_xblock.datasets.errors import DatasetError
from tests.casestudy_xblock.datasets.builders import JAPANESE_ROWS, csv_bytes, xlsx_bytes


def convert_file(tmp_path, data, name="in.csv", **options):
    source = tmp_path / name
    source.write_bytes(data)
    target = tmp_path / "data.duckdb"
    if name.endswith(".xlsx"):
        result = convert.convert_xlsx(source, target, tmp_path, **options)
    else:
        encoding = intake.scan_encoding(intake.iter_file(source))
        first = data.split(b"\n", 1)[0].decode(encoding, errors="replace")
        result = convert.convert_csv(
            source, target, tmp_path, encoding, intake.detect_delimiter(first), **options
        )
    return result, target


def table(target, sql="SELECT * FROM data ORDER BY rowid"):
    with duckdb.connect(str(target), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_japanese_text_round_trips_exactly(tmp_path, encoding, newline):
    result, target = convert_file(tmp_path, csv_bytes(encoding=encoding, newline=newline))
    assert [c["name"] for c in result.columns] == JAPANESE_ROWS[0]
    assert [c["type"] for c in result.columns] == [
        "VARCHAR",
        "VARCHAR",
        "VARCHAR",
        "DOUBLE",
        "DATE",
    ]
    rows = table(target)
    assert [row[:3] for row in rows] == [tuple(r[:3]) for r in JAPANESE_ROWS[1:]]
    assert rows[2][1] == "髙橋 ①さくら"  # CP932-only characters survive
    assert [row[3] for row in rows] == [1200.0, 980.5, None, -15.0]
    assert rows[0][4] == datetime.date(2020, 4, 1)  # 2020/04/01 is a date too
    assert result.rows == 4


def test_types_are_inferred_strictly(tmp_path):
    rows = [
        ["int", "code", "float", "date", "ts", "bool", "text", "empty"],
        ["1", "007", "1.5", "2024-04-01", "2024-04-01 10:00:00", "true", "x", ""],
        ["-20", "010", "2", "2024/12/31", "2024-04-02", "FALSE", "12", ""],
        ["", "", "", "", "", "", "", ""],
    ]
    result, target = convert_file(tmp_path, csv_bytes(rows))
    types = {c["name"]: c["type"] for c in result.columns}
    assert types == {
        "int": "BIGINT",
        "code": "VARCHAR",  # leading zeros are kept: codes, not numbers
        "float": "DOUBLE",
        "date": "DATE",
        "ts": "TIMESTAMP",  # a time anywhere keeps the time
        "bool": "BOOLEAN",
        "text": "VARCHAR",
        "empty": "VARCHAR",
    }
    assert table(target)[1] == (
        -20,
        "010",
        2.0,
        datetime.date(2024, 12, 31),
        datetime.datetime(2024, 4, 2),
        False,
        "12",
        None,
    )


def test_type_inference_checks_the_whole_column_after_the_sample(tmp_path, monkeypatch):
    monkeypatch.setattr(convert, "SAMPLE_ROWS", 3)
    monkeypatch.setattr(convert.infer_types, "__defaults__", (3,))
    rows = [["late_number", "late_text", "late_float"]]
    rows += [["", "1", "1"]] * 5 + [["7", "1", "1"], ["8", "n/a", "2.5"]]
    result, target = convert_file(tmp_path, csv_bytes(rows))
    assert [c["type"] for c in result.columns] == ["BIGINT", "VARCHAR", "DOUBLE"]
    assert table(target)[-1] == (8, "n/a", 2.5)


def test_header_names_are_fixed_deterministically(tmp_path):
    rows = [["名前", "", "名前", "Rowid", " 売上\n(円) ", "名前_2"], ["a", "b", "c", "d", "e", "f"]]
    result, target = convert_file(tmp_path, csv_bytes(rows))
    assert [c["name"] for c in result.columns] == [
        "名前",
        "column_2",
        "名前_3",  # 名前_2 is an original name, so it is not taken
        "Rowid_2",
        "売上 (円)",
        "名前_2",
    ]
    assert result.warnings == [
        {"code": "header_renamed", "params": {"position": 2, "name": "column_2"}},
        {"code": "header_renamed", "params": {"position": 3, "name": "名前_3"}},
        {"code": "header_renamed", "params": {"position": 4, "name": "Rowid_2"}},
    ]
    assert convert.fix_header(["A", "a"])[0] == ["A", "a_2"]  # DuckDB ignores case


def test_ragged_line_after_the_checked_prefix_is_found_by_duckdb(tmp_path):
    rows = [["a", "b", "c"]] + [[str(i), "x", "y"] for i in range(5000)]
    data = csv_bytes(rows) + b"1,2\n" + csv_bytes(rows[1:10])
    with pytest.raises(DatasetError) as caught:
        convert_file(tmp_path, data)
    assert caught.value.code == "ragged"
    assert caught.value.params == {"line": 5002, "found": 2, "expected": 3}


def test_unclosed_quote_is_malformed(tmp_path):
    with pytest.raises(DatasetError) as caught:
        convert_file(tmp_path, b'a,b\n1,2\n3,"four\n5,6\n')
    assert (caught.value.code, caught.value.params) == ("malformed", {"line": 3})


def test_header_only_file_has_no_rows(tmp_path):
    with pytest.raises(DatasetError) as caught:
        convert_file(tmp_path, "氏名,部署\n".encode())
    assert caught.value.code == "no_rows"


def test_xlsx_rows_keep_their_types(tmp_path):
    rows = [
        ["日付", "品目", "数量", "単価", "検査済", None],
        [datetime.datetime(2024, 4, 1), "ボルト", 42, 12.5, True],
        [None, None, None, None, None],
        [datetime.datetime(2024, 4, 2, 9, 30), "ナット", 7, 3, False],
    ]
    result, target = convert_file(tmp_path, xlsx_bytes(rows, sheets=2), name="in.xlsx")
    assert [(c["name"], c["type"]) for c in result.columns] == [
        ("日付", "TIMESTAMP"),
        ("品目", "VARCHAR"),
        ("数量", "BIGINT"),
        ("単価", "DOUBLE"),
        ("検査済", "BOOLEAN"),
    ]
    assert table(target) == [
        (datetime.datetime(2024, 4, 1), "ボルト", 42, 12.5, True),
        (datetime.datetime(2024, 4, 2, 9, 30), "ナット", 7, 3.0, False),
    ]
    assert {"code": "extra_sheets", "params": {"sheet": "データ", "count": 2}} in result.warnings
    assert {"code": "empty_rows_skipped", "params": {"count": 1}} in result.warnings


def test_xlsx_value_outside_the_header_is_ragged(tmp_path):
    rows = [["a", "b"], [1, 2], [3, 4, 5]]
    with pytest.raises(DatasetError) as caught:
        convert_file(tmp_path, xlsx_bytes(rows), name="in.xlsx")
    assert (caught.value.code, caught.value.params) == (
        "ragged",
        {"line": 3, "found": 3, "expected": 2},
    )


def test_profile_matches_pythons_statistics(tmp_path):
    values = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9]
    rows = [["n", "x", "部署", "日"]]
    for i, value in enumerate(values):
        rows.append(
            [
                str(value),
                f"{value / 4:.2f}",
                "営業部" if i % 3 else "製造部",
                f"2024-04-{i + 1:02d}",
            ]
        )
    rows.append(["", "", "", ""])
    _result, target = convert_file(tmp_path, csv_bytes(rows))
    result = profile.profile(target)
    assert (result["row_count"], result["column_count"]) == (16, 4)
    n, x, dept, day = result["columns"]
    assert n["kind"] == "number"
    assert n["type"] == "BIGINT"
    assert (n["count"], n["missing"], n["distinct"]) == (15, 1, 9)
    assert (n["min"], n["max"]) == (1, 9)
    assert n["mean"] == pytest.approx(statistics.fmean(values))
    assert n["std"] == pytest.approx(statistics.stdev(values))
    q25, q50, q75 = statistics.quantiles(values, n=4, method="inclusive")
    assert n["quantiles"] == pytest.approx({"q25": q25, "q50": q50, "q75": q75})
    assert n["top"][:3] == [
        {"value": 5, "count": 3},
        {"value": 9, "count": 3},
        {"value": 1, "count": 2},
    ]
    assert x["mean"] == pytest.approx(statistics.fmean(v / 4 for v in values))
    assert dept["kind"] == "text"
    assert dept["top"] == [{"value": "営業部", "count": 10}, {"value": "製造部", "count": 5}]
    assert (dept["min_length"], dept["max_length"]) == (3, 3)
    assert (day["kind"], day["min"], day["max"]) == ("datetime", "2024-04-01", "2024-04-15")
    assert result["sample"]["columns"] == ["n", "x", "部署", "日"]
    assert result["sample"]["rows"][0] == [3, 0.75, "製造部", "2024-04-01"]
    assert len(result["sample"]["rows"]) == 16
    import json

    json.dumps(result)  # JSON-serialisable as it is


def test_profile_sample_is_bounded_and_derived_tables_exist(tmp_path):
    rows = [["id", "group", "bucket"]] + [[str(i), "ab"[i % 2], str(i % 15)] for i in range(50)]
    _result, target = convert_file(tmp_path, csv_bytes(rows))
    result = profile.profile(target)
    assert len(result["sample"]["rows"]) == profile.SAMPLE_ROWS
    assert result["columns"][0]["top"] == []  # every value once: an identifier
    assert len(result["columns"][2]["top"]) == profile.TOP_VALUES
    tables = {name for (name,) in table(target, "SELECT table_name FROM information_schema.tables")}
    assert {"data", "_columns", "_order_0", "_order_1", "_rollup_1"} <= tables
    assert "_rollup_0" in tables  # 50 distinct values: still small enough

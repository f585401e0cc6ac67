"""Pages, chart aggregates and expected answers: correct, bounded and locked down."""

import random
import shutil

import duckdb
import pytest

from casestudy_xblock.datasets import convert, profile, query
from casestudy_xblock.datasets.errors import DatasetError
from tests.casestudy_xblock.datasets.builders import csv_bytes

DEPARTMENTS = ["営業部", "製造部", "総務部", "開発部"]


def _rows(count=300, seed=7):
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        amount = "" if i % 17 == 0 else str(rng.randint(-50, 500))
        rows.append([f"R{i:04d}", DEPARTMENTS[rng.randrange(4)], amount, f"{rng.random():.3f}"])
    return rows


HEADER = ["番号", "部署", "金額", "率"]
ROWS = _rows()


def _typed(row):
    return [row[0], row[1], int(row[2]) if row[2] else None, float(row[3])]


TYPED = [_typed(r) for r in ROWS]


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    """A profiled dataset, and a copy of it without the derived tables (the fallback path)."""
    base = tmp_path_factory.mktemp("query")
    source = base / "in.csv"
    source.write_bytes(csv_bytes([HEADER, *ROWS]))
    plain = base / "plain.duckdb"
    convert.convert_csv(source, plain, base, "utf-8", ",")
    derived = base / "data.duckdb"
    shutil.copy(plain, derived)
    profile.profile(derived)
    yield derived, plain
    query.close_readers()


def expected_order(column, descending, rows=TYPED):
    """The documented order: values (ties by file position), reversed when descending; missing
    values last, in file order ascending and reversed descending."""
    index = HEADER.index(column)
    present = [
        (row[index], position) for position, row in enumerate(rows) if row[index] is not None
    ]
    missing = [position for position, row in enumerate(rows) if row[index] is None]
    ordered = [position for _value, position in sorted(present, reverse=descending)]
    ordered += sorted(missing, reverse=descending)
    return [rows[position] for position in ordered]


def test_unsorted_pages_walk_the_table_in_file_order(dataset):
    derived, _plain = dataset
    result = query.page(derived, offset=290, limit=50)
    assert result["total"] == 300
    assert result["rows"] == TYPED[290:]
    assert [c["name"] for c in result["columns"]] == HEADER
    assert query.page(derived, offset=400, limit=10)["rows"] == []


@pytest.mark.parametrize("column", ["番号", "部署", "金額", "率"])
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("offset", [0, 130, 280])
def test_sorted_pages_agree_with_python_on_both_paths(dataset, column, descending, offset):
    expected = expected_order(column, descending)[offset : offset + 40]
    for path in dataset:  # stored order tables, and ORDER BY ... LIMIT ... OFFSET
        result = query.page(path, sort=column, descending=descending, offset=offset, limit=40)
        assert result["rows"] == expected, path.name


@pytest.mark.parametrize("column", ["番号", "部署", "金額", "率"])
@pytest.mark.parametrize("descending", [False, True])
def test_filtered_sorted_pages_agree_with_python_on_both_paths(dataset, column, descending):
    filters = [{"column": "部署", "op": "!=", "value": "総務部"}]
    kept = [r for r in TYPED if r[1] != "総務部"]
    expected = expected_order(column, descending, kept)
    for path in dataset:
        pages = [
            query.page(
                path, sort=column, descending=descending, offset=o, limit=60, filters=filters
            )
            for o in range(0, len(kept), 60)
        ]
        assert pages[0]["total"] == len(kept)
        assert [row for p in pages for row in p["rows"]] == expected, path.name


def test_missing_values_sort_last_both_ways(dataset):
    derived, _plain = dataset
    for descending in (False, True):
        rows = query.page(derived, sort="金額", descending=descending, offset=280, limit=20)["rows"]
        assert rows[-1][2] is None


def test_filters_combine_and_count(dataset):
    derived, _plain = dataset
    filters = [
        {"column": "部署", "op": "=", "value": "営業部"},
        {"column": "金額", "op": ">=", "value": "100"},
        {"column": "番号", "op": "contains", "value": "r01"},  # case-insensitive
    ]
    expected = [
        r for r in TYPED if r[1] == "営業部" and r[2] is not None and r[2] >= 100 and "R01" in r[0]
    ]
    result = query.page(derived, filters=filters, sort="金額", limit=200)
    assert result["total"] == len(expected)
    assert result["rows"] == sorted(expected, key=lambda r: (r[2], TYPED.index(r)))
    missing = query.page(derived, filters=[{"column": "金額", "op": "=", "value": None}])
    assert missing["total"] == sum(r[2] is None for r in TYPED)
    present = query.page(derived, filters=[{"column": "金額", "op": "!=", "value": None}])
    assert present["total"] == 300 - missing["total"]


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"sort": "nope"}, "unknown_column"),
        ({"sort": '"; DROP TABLE data; --'}, "unknown_column"),
        ({"limit": 201}, "bad_range"),
        ({"limit": 0}, "bad_range"),
        ({"offset": -1}, "bad_range"),
        ({"filters": [{"column": "部署", "op": "LIKE", "value": "x"}]}, "bad_operator"),
        ({"filters": [{"column": "部署", "op": "="}]}, "bad_filter"),
        ({"filters": [{"column": "金額", "op": ">", "value": "多い"}]}, "bad_filter_value"),
        ({"filters": [{"column": "1=1) OR (1", "op": "=", "value": 1}]}, "unknown_column"),
        ({"filters": [{"column": "部署", "op": "=", "value": 1}] * 11}, "too_many_filters"),
        ({"filters": ["部署 = 1"]}, "bad_filter"),
    ],
)
def test_bad_page_requests_get_codes(dataset, kwargs, code):
    with pytest.raises(DatasetError) as caught:
        query.page(dataset[0], **kwargs)
    assert caught.value.code == code


def python_groups(agg, rows=TYPED):
    groups = {}
    for row in rows:
        groups.setdefault(row[1], []).append(row[2])
    result = {}
    for key, values in groups.items():
        present = [v for v in values if v is not None]
        result[key] = {
            "count": len(values),
            "sum": sum(present),
            "avg": sum(present) / len(present),
            "min": min(present),
            "max": max(present),
        }[agg]
    return result


@pytest.mark.parametrize("agg", ["count", "sum", "avg", "min", "max"])
def test_aggregates_agree_with_python_on_both_paths(dataset, agg):
    expected = python_groups(agg)
    for path in dataset:  # stored rollups, and GROUP BY over the table
        result = query.aggregate(path, "部署", None if agg == "count" else "金額", agg)
        got = {g["x"]: g["value"] for g in result["groups"]}
        assert got == pytest.approx(expected), path.name
        values = [g["value"] for g in result["groups"]]
        assert values == sorted(values, reverse=True)
        assert (result["total_groups"], result["truncated"]) == (4, False)


def test_filtered_aggregate_limit_and_order(dataset):
    derived, _plain = dataset
    filters = [{"column": "金額", "op": ">", "value": 250}]
    expected = python_groups("count", [r for r in TYPED if r[2] is not None and r[2] > 250])
    result = query.aggregate(derived, "部署", agg="count", filters=filters, limit=2, order="x")
    assert [g["x"] for g in result["groups"]] == sorted(expected)[:2]
    assert (result["total_groups"], result["truncated"]) == (4, True)
    by_number = query.aggregate(derived, "番号", agg="count", limit=50)
    assert (len(by_number["groups"]), by_number["total_groups"]) == (50, 300)


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"x": "部署", "y": "部署", "agg": "sum"}, "not_numeric"),
        ({"x": "部署", "y": "金額", "agg": "median"}, "bad_aggregate"),
        ({"x": "nope", "agg": "count"}, "unknown_column"),
        ({"x": "部署", "y": None, "agg": "avg"}, "unknown_column"),
        ({"x": "部署", "agg": "count", "limit": 51}, "bad_range"),
    ],
)
def test_bad_aggregates_get_codes(dataset, kwargs, code):
    with pytest.raises(DatasetError) as caught:
        query.aggregate(dataset[0], **kwargs)
    assert caught.value.code == code


def test_reads_are_locked_down(dataset):
    cur = query.reader(dataset[0])
    try:
        with pytest.raises(duckdb.PermissionException):
            cur.execute("SELECT * FROM read_csv('/etc/passwd')")
        with pytest.raises(duckdb.Error, match="locked"):
            cur.execute("SET enable_external_access = true")
        with pytest.raises(duckdb.Error):
            cur.execute("CREATE TABLE x (a INTEGER)")  # read-only
        settings = dict(
            cur.execute(
                "SELECT name, value FROM duckdb_settings() WHERE name IN "
                "('threads', 'enable_external_access', 'lock_configuration')"
            ).fetchall()
        )
        assert settings == {
            "threads": "1",
            "enable_external_access": "false",
            "lock_configuration": "true",
        }
    finally:
        cur.close()


# ------------------------------------------------------------------------- expected answers


def test_evaluate_runs_one_select_over_named_datasets(dataset):
    derived, plain = dataset
    total = sum(r[2] for r in TYPED if r[2] is not None and r[1] == "営業部")
    sql = "SELECT sum(金額) FROM sales WHERE 部署 = '営業部';"
    assert query.evaluate(sql, {"sales": derived}) == total
    joined = "SELECT count(*) FROM sales s JOIN copy c ON s.番号 = c.番号"
    assert query.evaluate(joined, {"sales": derived, "copy": plain}) == 300
    assert query.evaluate(
        "WITH t AS (SELECT avg(率) a FROM sales) SELECT round(a, 2) FROM t", {"sales": derived}
    ) == pytest.approx(round(sum(r[3] for r in TYPED) / 300, 2))


@pytest.mark.parametrize(
    ("sql", "code"),
    [
        ("DELETE FROM sales", "sql_not_select"),
        ("SELECT 1; SELECT 2", "sql_not_select"),
        ("SELECT 1; DROP TABLE sales", "sql_not_select"),
        ("ATTACH '/tmp/x.duckdb' AS x", "sql_not_select"),
        ("COPY sales TO '/tmp/out.csv'", "sql_not_select"),
        ("PRAGMA version", "sql_not_select"),
        ("SET enable_external_access = true", "sql_not_select"),
        ("", "sql_not_select"),
        ("SELECT count(*) FROM read_csv('/etc/passwd')", "sql_forbidden"),
        # With external access off, DuckDB does not even look for a file of that name.
        ("SELECT count(*) FROM '/etc/passwd'", "sql_unknown_name"),
        ("SELECT count(*) FROM glob('/*')", "sql_forbidden"),
        ("SELECT * FROM query('DETACH ds_sales')", "sql_syntax"),
        ("SELECT count(*) FROM customers", "sql_unknown_name"),
        ("SELECT sum(nope) FROM sales", "sql_unknown_name"),
        ("SELEC 1", "sql_syntax"),
        ("SELECT 番号 FROM sales", "sql_not_scalar"),
        ("SELECT 1, 2", "sql_not_scalar"),
        ("SELECT 1 WHERE false", "sql_not_scalar"),
    ],
)
def test_evaluate_refuses_what_is_not_one_safe_select(dataset, sql, code):
    with pytest.raises(DatasetError) as caught:
        query.evaluate(sql, {"sales": dataset[0]})
    assert caught.value.code == code


@pytest.mark.parametrize("slug", ["Sales", "1st", "my-data", "main", "a b", ""])
def test_evaluate_refuses_slugs_that_are_not_identifiers(dataset, slug):
    with pytest.raises(DatasetError) as caught:
        query.evaluate("SELECT 1", {slug: dataset[0]})
    assert caught.value.code == "bad_slug"


def test_evaluate_stops_long_queries(dataset):
    from casestudy_xblock.datasets import expressions

    slow = "SELECT count(*) FROM range(100000000000) a"
    with pytest.raises(DatasetError) as caught:
        expressions.evaluate(slow, {"sales": dataset[0]}, timeout=0.2)
    assert caught.value.code == "sql_timeout"

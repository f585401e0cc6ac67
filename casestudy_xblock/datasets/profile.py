"""Profile the ``data`` table of a converted dataset, and store what fast reads need.

Pure: no Django import. :func:`profile` returns a JSON-serialisable dict (rows and columns;
per column: type, count, missing, distinct, min/max, mean, standard deviation, quartiles, top
values (none when every value differs); a sample of the first rows). It also writes into the
same DuckDB file:

- ``_columns``: position, name, type and non-null count of each column (what queries validate
  against);
- ``_order_<i>``: the row ids of ``data`` sorted by column ``i`` (ascending, nulls last, then
  row id), stored in that order so that its own row id is the position: a sorted page at any
  offset is a range read;
- ``_rollup_<i>``: for a column with few distinct values, the count of rows and the count, sum,
  min and max of every numeric column per value, so an unfiltered chart reads a small table.
"""

from __future__ import annotations

import datetime
import decimal
import math
import uuid

import duckdb

from .convert import quote

TOP_VALUES = 10
SAMPLE_ROWS = 20
MAX_ORDER_COLUMNS = 64
ROLLUP_MAX_GROUPS = 1000
NUMERIC_TYPES = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "FLOAT", "DOUBLE")
NUMERIC_TYPES += tuple("U" + name for name in NUMERIC_TYPES[:5])
PROFILE_VERSION = 1


def kind_of(duckdb_type):
    """``number``, ``datetime``, ``boolean`` or ``text`` for a DuckDB type name."""
    name = str(duckdb_type).upper()
    if name in NUMERIC_TYPES or name.startswith("DECIMAL"):
        return "number"
    if name.startswith(("DATE", "TIMESTAMP", "TIME")):
        return "datetime"
    if name == "BOOLEAN":
        return "boolean"
    return "text"


def jsonable(value):
    """A DuckDB result value as JSON: dates as ISO text, decimals as floats, NaN as None."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, decimal.Decimal):
        return jsonable(float(value))
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    return str(value)


def table_columns(con):
    """``[(name, type)]`` of table ``data`` in order."""
    rows = con.execute(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = 'main' AND table_name = 'data' ORDER BY ordinal_position"
    ).fetchall()
    return [(name, str(kind)) for name, kind in rows]


def profile(path, threads=2, memory_limit="1GB"):
    """Profile the dataset file at ``path`` and store its derived tables; returns the profile."""
    con = duckdb.connect(str(path), config={"threads": threads, "memory_limit": memory_limit})
    try:
        result = _profile(con)
        store_derived(con, result)
        con.execute("CHECKPOINT")
        return result
    finally:
        con.close()


def _profile(con):
    columns = table_columns(con)
    rows = con.execute("SELECT count(*) FROM data").fetchone()[0]
    stats = _column_stats(con, columns) if columns else []
    for (name, _type), column in zip(columns, stats, strict=True):
        column["missing"] = rows - column["count"]
        if column["distinct"] == column["count"]:  # every value once (an id): no top values
            column["top"] = []
            continue
        column["top"] = [
            {"value": jsonable(value), "count": count}
            for value, count in con.execute(
                f"SELECT {quote(name)}, count(*) FROM data WHERE {quote(name)} IS NOT NULL "  # noqa: S608
                f"GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT {TOP_VALUES}"
            ).fetchall()
        ]
    sample = con.execute(f"SELECT * FROM data LIMIT {SAMPLE_ROWS}").fetchall()  # noqa: S608
    return {
        "version": PROFILE_VERSION,
        "row_count": rows,
        "column_count": len(columns),
        "columns": stats,
        "sample": {
            "columns": [name for name, _type in columns],
            "rows": [[jsonable(value) for value in row] for row in sample],
        },
    }


def _column_stats(con, columns):
    parts = []
    for name, kind in columns:
        c = quote(name)
        parts += [f"count({c})", f"count(DISTINCT {c})", f"min({c})", f"max({c})"]
        if kind_of(kind) == "number":
            parts += [f"avg({c})", f"stddev_samp({c})", f"quantile_cont({c}, [0.25, 0.5, 0.75])"]
        elif kind_of(kind) == "text":
            parts += [f"min(length({c}))", f"max(length({c}))"]
    values = iter(con.execute(f"SELECT {', '.join(parts)} FROM data").fetchone())  # noqa: S608
    stats = []
    for name, kind in columns:
        column = {"name": name, "type": kind, "kind": kind_of(kind)}
        for key in ("count", "distinct", "min", "max"):
            column[key] = jsonable(next(values))
        if column["kind"] == "number":
            column["mean"], column["std"] = jsonable(next(values)), jsonable(next(values))
            quartiles = next(values) or [None, None, None]
            column["quantiles"] = dict(zip(("q25", "q50", "q75"), jsonable(quartiles), strict=True))
        elif column["kind"] == "text":
            column["min_length"], column["max_length"] = next(values), next(values)
        stats.append(column)
    return stats


def store_derived(con, result):
    """Write ``_columns``, ``_order_<i>`` and ``_rollup_<i>`` (see the module doc)."""
    columns = result["columns"]
    con.execute(
        "CREATE OR REPLACE TABLE _columns (position INTEGER, name VARCHAR, type VARCHAR, "
        "non_null BIGINT)"
    )
    con.executemany(
        "INSERT INTO _columns VALUES (?, ?, ?, ?)",
        [(i, c["name"], c["type"], c["count"]) for i, c in enumerate(columns)],
    )
    for i, column in enumerate(columns[:MAX_ORDER_COLUMNS]):
        con.execute(
            f"CREATE OR REPLACE TABLE _order_{i} AS SELECT rowid AS rid FROM data "  # noqa: S608
            f"ORDER BY {quote(column['name'])} ASC NULLS LAST, rowid"
        )
    numeric = [(j, c) for j, c in enumerate(columns) if c["kind"] == "number"]
    measures = ["count(*) AS n"]
    for j, column in numeric:
        c = quote(column["name"])
        measures += [
            f"count({c}) AS c_{j}",
            f"sum({c}) AS s_{j}",
            f"min({c}) AS lo_{j}",
            f"max({c}) AS hi_{j}",
        ]
    for i, column in enumerate(columns):
        if column["distinct"] + 1 > ROLLUP_MAX_GROUPS:
            continue
        con.execute(
            f"CREATE OR REPLACE TABLE _rollup_{i} AS SELECT {quote(column['name'])} AS g, "  # noqa: S608
            f"{', '.join(measures)} FROM data GROUP BY 1"
        )

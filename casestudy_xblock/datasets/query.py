"""Bounded, read-only reads of converted datasets: pages, chart aggregates and expected answers.

Pure: no Django import. Every connection has the same locked configuration (read-only, one
thread, a memory limit, no file or network access; see :mod:`.connections`). Identifiers come
from the dataset's stored column list and are quoted; values are bound parameters. Filters are
dicts ``{"column", "op", "value"}`` (:mod:`.filters`); learners never send SQL. Only
:func:`evaluate` (in :mod:`.expressions`) runs SQL, written by course operators, and only one
SELECT.
"""

from __future__ import annotations

from .connections import MEMORY_LIMIT, close_readers, open_dataset, reader
from .convert import quote
from .errors import DatasetError
from .filters import column, where
from .profile import jsonable, kind_of

PAGE_MAX, GROUPS_MAX = 200, 50
AGGREGATES = ("count", "sum", "avg", "min", "max")
__all__ = ["MEMORY_LIMIT", "aggregate", "close_readers", "evaluate", "page", "reader"]


def _bounded(name, value, low, high):
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise DatasetError("bad_range", name=name, min=low, max=high)
    return value


def page(path, sort=None, descending=False, offset=0, limit=50, filters=(), **engine):
    """Rows ``offset`` to ``offset + limit`` (``limit`` <= 200), sorted and filtered.

    Returns ``{"columns": [{"name", "type"}], "rows": [[...]], "total", "offset", "limit"}``;
    ``total`` counts the filtered rows. Unsorted rows keep the file's order; sorting puts
    missing values last and breaks ties by the file's order (reversed when descending).
    """
    limit = _bounded("limit", limit, 1, PAGE_MAX)
    offset = _bounded("offset", offset, 0, 2**31 - 1)
    opened, cur = open_dataset(path, engine.get("memory_limit", MEMORY_LIMIT))
    try:
        columns = opened.columns
        clause, params = where(cur, columns, filters)
        total = opened.rows
        if clause:
            total = cur.execute(f"SELECT count(*) FROM data{clause}", params).fetchone()[0]  # noqa: S608
        if sort is None and not clause:
            sql = "SELECT * FROM data WHERE rowid >= ? AND rowid < ? ORDER BY rowid"
            rows = cur.execute(sql, [offset, offset + limit]).fetchall()
        elif sort is None:  # a scan keeps the file's order (preserve_insertion_order)
            sql = f"SELECT * FROM data{clause} LIMIT ? OFFSET ?"  # noqa: S608
            rows = cur.execute(sql, [*params, limit, offset]).fetchall()
        else:
            info = column(columns, sort)
            rids = _sorted_row_ids(cur, opened, sort, info, descending, clause, params)
            rows = _rows_by_id(cur, rids(offset, limit))
    finally:
        cur.close()
    return {
        "columns": [{"name": name, "type": info["type"]} for name, info in columns.items()],
        "rows": [[jsonable(value) for value in row] for row in rows],
        "total": total,
        "offset": offset,
        "limit": limit,
    }


def _sorted_row_ids(cur, opened, name, info, descending, clause, params):
    """A function ``(offset, limit) -> [row id]`` of the sorted (and filtered) rows.

    With the stored ``_order_<i>`` table (row ids in ascending order, nulls last; its own row
    id is the position) an unfiltered page is a range read and a filtered one sorts integers.
    Without it, only the sort key and row ids are sorted.
    """
    table = f"_order_{int(info['position'])}"
    if table not in opened.tables:
        way = "DESC" if descending else "ASC"
        sql = (
            f"SELECT rowid FROM data{clause} ORDER BY {quote(name)} {way} NULLS LAST, "  # noqa: S608
            f"rowid {way} LIMIT ? OFFSET ?"
        )
        return lambda offset, limit: [
            r for (r,) in cur.execute(sql, [*params, limit, offset]).fetchall()
        ]
    present = int(info["non_null"])
    if clause:
        order = f"rowid >= {present}, rowid DESC" if descending else "rowid"
        sql = (
            f"SELECT rid FROM {table} WHERE rid IN (SELECT rowid FROM data{clause}) "  # noqa: S608
            f"ORDER BY {order} LIMIT ? OFFSET ?"
        )
        return lambda offset, limit: [
            r for (r,) in cur.execute(sql, [*params, limit, offset]).fetchall()
        ]

    def by_position(offset, limit):
        end = min(offset + limit, opened.rows)
        if descending:  # values from the largest down, then missing ones from the last row
            positions = [
                present - 1 - p if p < present else opened.rows - 1 - p + present
                for p in range(offset, end)
            ]
        else:
            positions = list(range(offset, end))
        found = {}
        for low, high in _runs(sorted(positions)):
            sql = f"SELECT rowid, rid FROM {table} WHERE rowid BETWEEN ? AND ?"  # noqa: S608
            found.update(cur.execute(sql, [low, high]).fetchall())
        return [found[p] for p in positions]

    return by_position


def _runs(numbers):
    """``[(first, last)]`` of the runs of consecutive numbers in sorted ``numbers``."""
    runs = []
    for number in numbers:
        if runs and number == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    return runs


def _rows_by_id(cur, rids):
    """The rows of ``data`` with these row ids, in the order given."""
    if not rids:
        return []
    sql = "SELECT rowid, * FROM data WHERE rowid BETWEEN ? AND ? AND rowid IN (SELECT unnest(?))"
    by_rid = {row[0]: row[1:] for row in cur.execute(sql, [min(rids), max(rids), rids]).fetchall()}
    return [by_rid[rid] for rid in rids]


def aggregate(path, x, y=None, agg="count", filters=(), limit=GROUPS_MAX, order="value", **engine):
    """Groups of column ``x`` with ``agg`` of column ``y`` (``count`` needs no ``y``) for a chart.

    At most ``limit`` (<= 50) groups, the largest values first (``order="x"``: by ``x``).
    Returns ``{"x", "y", "agg", "groups": [{"x", "value"}], "total_groups", "truncated"}``.
    """
    limit = _bounded("limit", limit, 1, GROUPS_MAX)
    if agg not in AGGREGATES:
        raise DatasetError("bad_aggregate", agg=str(agg)[:20])
    opened, cur = open_dataset(path, engine.get("memory_limit", MEMORY_LIMIT))
    try:
        columns = opened.columns
        x_info = column(columns, x)
        y_info = column(columns, y) if agg != "count" else None
        if agg in ("sum", "avg") and kind_of(y_info["type"]) != "number":
            raise DatasetError("not_numeric", column=y, agg=agg)
        clause, params = where(cur, columns, filters)
        ordering = "1 ASC NULLS LAST" if order == "x" else "2 DESC NULLS LAST, 1 ASC NULLS LAST"
        source = None if clause else _rollup(opened.tables, x_info, y_info, agg)
        if source is None:
            value = "count(*)" if agg == "count" else f"{agg}({quote(y)})"
            source = f"SELECT {quote(x)}, {value} FROM data{clause} GROUP BY 1"  # noqa: S608
        sql = f"SELECT *, count(*) OVER () FROM ({source}) ORDER BY {ordering} LIMIT ?"  # noqa: S608
        rows = cur.execute(sql, [*params, limit]).fetchall()
    finally:
        cur.close()
    total = rows[0][2] if rows else 0
    return {
        "x": x,
        "y": y if agg != "count" else None,
        "agg": agg,
        "groups": [{"x": jsonable(g), "value": jsonable(v)} for g, v, _n in rows],
        "total_groups": total,
        "truncated": total > len(rows),
    }


def _rollup(tables, x_info, y_info, agg):
    """The stored per-group table of ``x`` as a query source, or None when it cannot answer."""
    j = None if y_info is None else int(y_info["position"])
    if j is not None and kind_of(y_info["type"]) != "number":
        return None
    value = {
        "count": "n",
        "sum": f"s_{j}",
        "avg": f"s_{j} / nullif(c_{j}, 0)",
        "min": f"lo_{j}",
        "max": f"hi_{j}",
    }[agg]
    table = f"_rollup_{int(x_info['position'])}"
    if table not in tables:
        return None
    return f"SELECT g, {value} FROM {table}"  # noqa: S608


def evaluate(sql, datasets, **engine):
    """One value computed by an operator's SELECT over ``{slug: path}`` datasets.

    See :func:`casestudy_xblock.datasets.expressions.evaluate`.
    """
    from .expressions import evaluate as run

    return run(sql, datasets, **engine)

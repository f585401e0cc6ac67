"""Structured filters of pages and charts: ``{"column", "op", "value"}`` dicts, never SQL.

Pure: no Django import. Columns must be in the dataset's stored column list and are quoted;
values are bound parameters, checked against the column's type first.
"""

from __future__ import annotations

import duckdb

from .convert import quote
from .errors import DatasetError
from .profile import kind_of

FILTERS_MAX, VALUE_MAX_LENGTH = 10, 200
OPERATORS = {"=": "=", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">=", "contains": None}


def column(columns, name):
    """The stored description of column ``name``, or ``unknown_column``."""
    if not isinstance(name, str) or name not in columns:
        raise DatasetError("unknown_column", column=str(name)[:VALUE_MAX_LENGTH])
    return columns[name]


def where(cur, columns, filters):
    """``(" WHERE ...", params)`` for structured ``filters`` (empty when there are none).

    ``=``/``!=`` with the value ``None`` test for a missing value; ``contains`` compares text,
    ignoring case.
    """
    filters = list(filters or ())
    if len(filters) > FILTERS_MAX:
        raise DatasetError("too_many_filters", limit=FILTERS_MAX)
    clauses, params = [], []
    for item in filters:
        if not isinstance(item, dict) or not {"column", "op", "value"} <= set(item):
            raise DatasetError("bad_filter")
        name, op, value = item["column"], item["op"], item["value"]
        info = column(columns, name)
        if op not in OPERATORS:
            raise DatasetError("bad_operator", op=str(op)[:20])
        if value is not None and not isinstance(value, str | int | float | bool):
            raise DatasetError("bad_filter")
        if isinstance(value, str) and len(value) > VALUE_MAX_LENGTH:
            raise DatasetError("bad_filter_value", value=value[:20] + "…", column=name)
        quoted = quote(name)
        if value is None and op in ("=", "!="):
            clauses.append(f"{quoted} IS {'NOT ' if op == '!=' else ''}NULL")
        elif value is None:
            raise DatasetError("bad_filter")
        elif op == "contains":
            clauses.append(f"contains(lower(CAST({quoted} AS VARCHAR)), lower(?))")
            params.append(str(value))
        else:
            sql_type, value = _typed(cur, info["type"], name, value)
            clauses.append(f"{quoted} {OPERATORS[op]} CAST(? AS {sql_type})")
            params.append(value)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _typed(cur, column_type, name, value):
    """``(SQL type, value)`` to compare a column with; refuses values of another type."""
    kind = kind_of(column_type)
    if kind == "text":
        return "VARCHAR", str(value)
    try:
        if kind == "number":
            if isinstance(value, bool):
                raise ValueError(value)
            return "DOUBLE", float(value)
        cur.execute(f"SELECT CAST(? AS {column_type})", [value])
    except (ValueError, duckdb.Error) as exc:
        raise DatasetError("bad_filter_value", value=str(value), column=name) from exc
    return column_type, value

"""The block's door to the datasets engine (``casestudy_xblock.api``, ADR 0007).

The block never loads a whole dataset: pages and aggregates are bounded by the engine.
Failures are logged and reported as ``None``; a filter the engine refuses raises
:class:`FilterRejected` with the engine's translated message.
"""

import hashlib
import json
import logging
from datetime import date, datetime, time
from decimal import Decimal

log = logging.getLogger(__name__)

READY = "ready"
MISSING = "missing"
FAILED = "failed"
AGGREGATES = ("count", "sum", "avg", "min", "max")
CHART_GROUPS = 50
NUMERIC_TYPES = ("int", "float", "double", "decimal", "numeric", "real", "bigint", "smallint")
DATETIME_TYPES = ("date", "time")
#: Filter operators of the engine (``casestudy_xblock.datasets.filters``), in display order,
#: and those the learner view offers for each kind of column.
FILTER_OPERATORS = ("=", "!=", "<", "<=", ">", ">=", "contains")
OPERATORS_BY_KIND = {
    "number": ("=", "!=", "<", "<=", ">", ">="),
    "datetime": ("=", "!=", "<", "<=", ">", ">="),
    "boolean": ("=", "!="),
    "text": ("=", "!=", "contains"),
}
#: Conditions a learner may combine (the engine allows more; three keep the form short).
MAX_FILTERS = 3
#: Codes of ``DatasetRejected`` that mean "these filters are wrong" (the learner can fix them).
FILTER_CODES = (
    "unknown_column",
    "bad_operator",
    "bad_filter",
    "too_many_filters",
    "bad_filter_value",
)


class FilterRejected(Exception):
    """Filters the engine refused: ``code`` (see FILTER_CODES) and its translated ``message``."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code, self.message = code, message


def _api():
    """``casestudy_xblock.api``, imported when first needed (it needs Django's app registry)."""
    from .. import api

    return api


def rejection(code, **params):
    """:class:`FilterRejected` with the engine's message for ``code`` in the active language."""
    error = _api().DatasetRejected(code, params)
    return FilterRejected(error.code, error.message)


def _refused_filters(error):
    """The :class:`FilterRejected` an engine failure stands for, or None for other failures."""
    if isinstance(error, _api().DatasetRejected) and error.code in FILTER_CODES:
        return FilterRejected(error.code, error.message)
    return None


def jsonable(value):
    """A value from the engine that JSON can carry (dates as ISO text, decimals as floats)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return str(value)


def column_kind(column, type_name):
    """``number``, ``datetime``, ``boolean`` or ``text``: the engine's kind, else guessed."""
    if column.get("kind") in OPERATORS_BY_KIND:
        return column["kind"]
    if any(t in type_name for t in NUMERIC_TYPES):
        return "number"
    if any(t in type_name for t in DATETIME_TYPES):
        return "datetime"
    return "boolean" if type_name in ("bool", "boolean") else "text"


def columns_of(info):
    """``[{"name", "type", "kind", "numeric", "missing"}]`` from a ``get_dataset`` answer."""
    raw = info.get("columns") or (info.get("profile") or {}).get("columns") or []
    columns = []
    for column in raw:
        if isinstance(column, str):
            column = {"name": column}
        if not isinstance(column, dict) or not column.get("name"):
            continue
        type_name = str(column.get("type") or "").lower()
        kind = column_kind(column, type_name)
        columns.append(
            {
                "name": str(column["name"]),
                "type": type_name,
                "kind": kind,
                "numeric": kind == "number",
                "missing": column.get("missing", column.get("nulls")),
            }
        )
    return columns


def row_count(info):
    profile = info.get("profile") or {}
    for value in (info.get("rows"), profile.get("rows"), profile.get("row_count")):
        if isinstance(value, int):
            return value
    return None


def dataset_info(sha256):
    """``get_dataset(sha256)`` as a dict with at least ``status``; ``"missing"`` when the
    engine does not know the file."""
    try:
        info = _api().get_dataset(sha256)
    except Exception:  # the engine's "not found" and its failures alike
        log.info("Dataset %s is not available", sha256, exc_info=True)
        return {"status": MISSING}
    if not info:
        return {"status": MISSING}
    info = dict(info)
    info.setdefault("status", MISSING)
    return info


def page(sha256, number, size, sort=None, descending=False, filters=()):
    """One page of rows (``number`` from 1): ``{"columns", "rows", "total"}`` or None.

    ``total`` counts the rows that match ``filters`` (``[{"column", "op", "value"}]``).
    Raises :class:`FilterRejected` when the engine refuses the filters.
    """
    try:
        result = _api().dataset_page(
            sha256,
            page=number,
            page_size=size,
            sort=sort,
            descending=bool(descending),
            filters=list(filters),
        )
    except Exception as error:
        refused = _refused_filters(error)
        if refused is not None:
            raise refused from error
        log.warning("Reading a page of dataset %s failed", sha256, exc_info=True)
        return None
    rows = [jsonable(list(row)) for row in result.get("rows", [])]
    names = [c.get("name") if isinstance(c, dict) else str(c) for c in result.get("columns", [])]
    return {"columns": names, "rows": rows, "total": result.get("total")}


def aggregate(sha256, group_by, agg, value=None, filters=()):
    """``{"labels", "values"}`` of at most :data:`CHART_GROUPS` groups of the rows that match
    ``filters``, or None. Raises :class:`FilterRejected` when the engine refuses the filters."""
    try:
        result = _api().dataset_aggregate(
            sha256,
            group_by=group_by,
            agg=agg,
            value=value,
            filters=list(filters),
            limit=CHART_GROUPS,
        )
    except Exception as error:
        refused = _refused_filters(error)
        if refused is not None:
            raise refused from error
        log.warning("Aggregating dataset %s failed", sha256, exc_info=True)
        return None
    labels = [jsonable(label) for label in result.get("labels", [])][:CHART_GROUPS]
    values = [jsonable(v) for v in result.get("values", [])][: len(labels)]
    return {"labels": labels, "values": values}


def evaluate(sql, tables):
    """``(True, value)`` of an expected-answer query over ``{slug: sha256}``, else
    ``(False, None)``. Cached: datasets are content-addressed, so the answer never changes."""
    from django.core.cache import cache

    key_source = json.dumps([sql, sorted(tables.items())], ensure_ascii=False)
    key = "dxq:case:expected:" + hashlib.sha256(key_source.encode()).hexdigest()
    cached = cache.get(key)
    if cached is not None:
        return True, cached["value"]
    try:
        value = jsonable(_api().evaluate_expression(sql, dict(tables)))
    except Exception:
        log.warning("Expected answer query failed: %s", sql, exc_info=True)
        return False, None
    cache.set(key, {"value": value}, 24 * 3600)
    return True, value


def open_file(sha256):
    """The file learners download (a Django File with ``name`` and ``content_type``), or None."""
    try:
        return _api().dataset_file(sha256)
    except Exception:
        log.warning("Opening dataset %s failed", sha256, exc_info=True)
        return None


def upload_url():
    """The engine's upload URL (for Studio), or None where its URLs are not mounted."""
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("dxq_casestudy:dataset_upload")
    except NoReverseMatch:
        return None

"""Expected answers as SQL (ADR 0007): one SELECT over a block's datasets, one value back.

Pure: no Django import. Each dataset file is attached read-only under ``ds_<slug>`` to an
in-memory database and exposed as the view ``<slug>``, so ``SELECT sum(金額) FROM sales`` works.
Then the configuration is locked exactly as for pages (one thread, memory limit, no external
access), the text must be a single SELECT statement, and a timer interrupts long queries.
"""

from __future__ import annotations

import re
import threading

import duckdb

from .connections import MEMORY_LIMIT, config, lock_down
from .convert import quote
from .errors import DatasetError
from .profile import jsonable

SLUG = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
RESERVED_SLUGS = {"main", "temp", "system", "memory", "information_schema", "pg_catalog"}
TIMEOUT_SECONDS = 10.0
MAX_SQL_LENGTH = 10_000


def check_slug(slug):
    """Refuse a slug that is not a plain lower-case SQL identifier."""
    if not isinstance(slug, str) or not SLUG.match(slug) or slug in RESERVED_SLUGS:
        raise DatasetError("bad_slug", slug=str(slug)[:64])
    return slug


def _detail(exc):
    return str(exc).strip().splitlines()[0][:300] if str(exc).strip() else type(exc).__name__


def evaluate(sql, datasets, memory_limit=MEMORY_LIMIT, timeout=TIMEOUT_SECONDS):
    """Run ``sql`` (one SELECT) over ``datasets`` (``{slug: path}``); return its single value.

    Raises :class:`DatasetError`: ``sql_not_select`` (not exactly one SELECT),
    ``sql_forbidden`` (files, extensions, settings), ``sql_unknown_name``, ``sql_syntax``,
    ``sql_not_scalar`` (not one row and one column), ``sql_timeout`` or ``sql_error``.
    """
    if not isinstance(sql, str) or not sql.strip() or len(sql) > MAX_SQL_LENGTH:
        raise DatasetError("sql_not_select")
    con = duckdb.connect(":memory:", config=config(memory_limit))
    timer = threading.Timer(timeout, con.interrupt)
    try:
        for slug, path in datasets.items():
            check_slug(slug)
            literal = "'" + str(path).replace("'", "''") + "'"
            con.execute(f"ATTACH {literal} AS {quote('ds_' + slug)} (READ_ONLY)")
            con.execute(
                f"CREATE TEMP VIEW {quote(slug)} AS SELECT * FROM {quote('ds_' + slug)}.main.data"  # noqa: S608
            )
        lock_down(con)
        try:
            statements = con.extract_statements(sql)
        except duckdb.ParserException as exc:
            raise DatasetError("sql_syntax", detail=_detail(exc)) from exc
        if len(statements) != 1 or statements[0].type != duckdb.StatementType.SELECT:
            raise DatasetError("sql_not_select")
        timer.start()
        result = con.execute(statements[0].query)
        width = len(result.description or ())
        rows = result.fetchmany(2)
    except duckdb.InterruptException as exc:
        raise DatasetError("sql_timeout", seconds=f"{timeout:g}") from exc
    except duckdb.PermissionException as exc:
        raise DatasetError("sql_forbidden") from exc
    except (duckdb.CatalogException, duckdb.BinderException) as exc:
        raise DatasetError("sql_unknown_name", detail=_detail(exc)) from exc
    except duckdb.ParserException as exc:
        raise DatasetError("sql_syntax", detail=_detail(exc)) from exc
    except duckdb.Error as exc:
        raise DatasetError("sql_error", detail=_detail(exc)) from exc
    finally:
        timer.cancel()
        con.close()
    if len(rows) != 1 or width != 1:
        shown = len(rows) if len(rows) < 2 else "2+"
        raise DatasetError("sql_not_scalar", rows=shown, columns=width)
    return jsonable(rows[0][0])

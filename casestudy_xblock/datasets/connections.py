"""Read-only DuckDB connections to dataset files, all with the same locked configuration.

Pure: no Django import. One thread, a memory limit, no file or network access
(``enable_external_access = false``) and ``lock_configuration = true``. DuckDB refuses two
configurations for one file in a process, so every reader uses :func:`config`.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict

import duckdb

from .profile import table_columns

MEMORY_LIMIT = "256MB"
CACHE_SIZE = 32
_readers: OrderedDict = OrderedDict()
_readers_lock = threading.Lock()


def lock_down(con):
    """Forbid file and network access, then lock every setting."""
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con


def config(memory_limit):
    """The DuckDB configuration of every reader."""
    return {"threads": 1, "memory_limit": memory_limit}


class Opened:
    """A cached, locked connection to one dataset file and what never changes in it."""

    def __init__(self, path, memory_limit):
        self.base = duckdb.connect(str(path), read_only=True, config=config(memory_limit))
        lock_down(self.base)
        cur = self.base.cursor()
        try:
            self.columns = stored_columns(cur)
            self.rows = cur.execute("SELECT count(*) FROM data").fetchone()[0]
            sql = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
            self.tables = {name for (name,) in cur.execute(sql).fetchall()}
        finally:
            cur.close()


def open_dataset(path, memory_limit=MEMORY_LIMIT):
    """``(opened, cursor)`` for the dataset file at ``path``; close the cursor after use.

    Opening a DuckDB file costs tens of milliseconds, so one locked connection per file and
    process is kept (at most :data:`CACHE_SIZE`) with the file's column list and row count
    (files are immutable), and each call gets its own cursor.
    """
    stat = os.stat(path)
    key = (os.getpid(), str(path), stat.st_ino, stat.st_mtime_ns, memory_limit)
    with _readers_lock:
        opened = _readers.pop(key, None) or Opened(path, memory_limit)
        _readers[key] = opened
        while len(_readers) > CACHE_SIZE:
            _readers.popitem(last=False)[1].base.close()
        return opened, opened.base.cursor()


def reader(path, memory_limit=MEMORY_LIMIT):
    """A cursor on the dataset file at ``path`` (read-only, locked); close it after use."""
    return open_dataset(path, memory_limit)[1]


def close_readers():
    """Close every cached connection (tests, and before a process forks)."""
    with _readers_lock:
        while _readers:
            _readers.popitem()[1].base.close()


def stored_columns(cur):
    """``{name: {"position", "type", "non_null"}}`` of the dataset, in column order."""
    try:
        sql = "SELECT position, name, type, non_null FROM _columns ORDER BY position"
        rows = cur.execute(sql).fetchall()
    except duckdb.CatalogException:  # converted but not profiled: the table itself
        rows = [(i, n, t, None) for i, (n, t) in enumerate(table_columns(cur))]
    return {name: {"position": p, "type": t, "non_null": nn} for p, name, t, nn in rows}

"""Turn a checked CSV or XLSX file into a DuckDB database file with one table, ``data``.

Pure: no Django import. A CSV is transcoded to UTF-8 (streaming) when it is not UTF-8 already,
then read by DuckDB's ``read_csv`` with explicit options (no dialect sniffing) into a text
staging table; malformed and ragged lines are collected by DuckDB (``store_rejects``) and
reported with their line number. Column types are then inferred in SQL and the typed table is
written. An XLSX is streamed row by row with openpyxl (``read_only``, cached values) into a
temporary UTF-8 CSV that takes the same path, so both give the same types and names.
"""

from __future__ import annotations

import codecs
import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from . import xlsx
from .errors import DatasetError, warning
from .intake import CHUNK, DEFAULT_LIMITS, UTF8

#: Names DuckDB gives a meaning of its own: a column may not be called like this.
RESERVED = {"rowid"}
MAX_LINE_BYTES = 8 * 1024 * 1024
SAMPLE_ROWS = 2_000  # rows every type test sees before the whole column is checked
_INTEGER = r"^\s*[+-]?(0|[1-9][0-9]*)\s*$"
_LEADING_ZERO = r"^\s*[+-]?0[0-9]"  # codes such as 00123 stay text
_DATE_LIKE = r"regexp_matches(@v, '^\s*[0-9]{4}[-/]')"  # cheap test before a date cast
_FOUND = re.compile(r"Found:?\s*(\d+)")
# (type, test of a non-null text value ``@v``), tried in order; the first that holds for every
# value of a column wins, else the column stays VARCHAR.
TYPE_TESTS = (
    ("BIGINT", f"regexp_matches(@v, '{_INTEGER}') AND TRY_CAST(@v AS BIGINT) IS NOT NULL"),
    ("DOUBLE", f"TRY_CAST(@v AS DOUBLE) IS NOT NULL AND NOT regexp_matches(@v, '{_LEADING_ZERO}')"),
    ("DATE", f"{_DATE_LIKE} AND length(trim(@v)) <= 10 AND TRY_CAST(trim(@v) AS DATE) IS NOT NULL"),
    ("TIMESTAMP", f"{_DATE_LIKE} AND TRY_CAST(trim(@v) AS TIMESTAMP) IS NOT NULL"),
    ("BOOLEAN", "lower(trim(@v)) IN ('true', 'false')"),
)


@dataclass
class Converted:
    """What :func:`convert` wrote: the typed columns, the row count and warnings."""

    columns: list  # [{"name": str, "type": str}]
    rows: int
    warnings: list = field(default_factory=list)


def quote(name):
    """``name`` as a DuckDB identifier (double quotes doubled)."""
    return '"' + str(name).replace('"', '""') + '"'


def fix_header(raw):
    """Unique, non-empty column names from a header row; warnings name each change.

    Whitespace runs become one space. Empty names become ``column_<position>``; repeated names
    (compared case-insensitively, as DuckDB does) and reserved ones get ``_2``, ``_3``... An
    original name is never taken by a renamed column.
    """
    cleaned = [" ".join(str("" if cell is None else cell).split()) for cell in raw]
    taken, keep = set(), []
    for name in cleaned:
        key = name.casefold()
        keep.append(bool(name) and key not in taken and key not in RESERVED)
        if keep[-1]:
            taken.add(key)
    names, warnings = [], []
    for position, (name, kept) in enumerate(zip(cleaned, keep, strict=True), start=1):
        if not kept:
            base = name or f"column_{position}"
            candidate, suffix = base, 2
            while candidate.casefold() in taken or candidate.casefold() in RESERVED:
                candidate, suffix = f"{base}_{suffix}", suffix + 1
            taken.add(candidate.casefold())
            warnings.append(warning("header_renamed", position=position, name=candidate))
            name = candidate
        names.append(name)
    return names, warnings


def _connect(path, threads, memory_limit):
    return duckdb.connect(str(path), config={"threads": threads, "memory_limit": memory_limit})


def transcode(source, target, encoding):
    """Stream ``source`` (in ``encoding``) to ``target`` as UTF-8 without a byte order mark."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    with open(source, "rb") as src, open(target, "w", encoding=UTF8, newline="") as dst:
        while chunk := src.read(CHUNK):
            dst.write(decoder.decode(chunk))
        dst.write(decoder.decode(b"", final=True))


def read_header(path, delimiter):
    """The first record of a UTF-8 CSV file."""
    with open(path, encoding=UTF8, newline="") as handle:
        try:
            header = next(csv.reader(handle, delimiter=delimiter, strict=True), None)
        except csv.Error as exc:
            raise DatasetError("malformed", line=1) from exc
    if not header or not any(cell.strip() for cell in header):
        raise DatasetError("no_header")
    return header


def convert_csv(source, target, work_dir, encoding, delimiter, limits=DEFAULT_LIMITS, **engine):
    """Convert a CSV file (already checked by the intake) into ``target``; see the module doc."""
    source = Path(source)
    if encoding != UTF8:
        utf8 = Path(work_dir) / "utf8.csv"
        transcode(source, utf8, encoding)
        source = utf8
    header = read_header(source, delimiter)
    if len(header) > limits.max_columns:
        raise DatasetError("too_many_columns", count=len(header), limit=limits.max_columns)
    names, warnings = fix_header(header)
    con = _connect(target, engine.get("threads", 2), engine.get("memory_limit", "1GB"))
    try:
        con.execute(
            "CREATE TEMP TABLE staging AS SELECT * FROM read_csv(?, auto_detect = false, "
            "header = true, delim = ?, quote = '\"', escape = '\"', columns = ?, "
            "store_rejects = true, max_line_size = ?)",
            [str(source), delimiter, dict.fromkeys(names, "VARCHAR"), MAX_LINE_BYTES],
        )
        _raise_first_reject(con, len(names))
        rows = con.execute("SELECT count(*) FROM staging").fetchone()[0]
        if rows == 0:
            raise DatasetError("no_rows")
        types = infer_types(con, names)
        select = ", ".join(_cast(name, kind) for name, kind in zip(names, types, strict=True))
        con.execute(f"CREATE TABLE data AS SELECT {select} FROM staging")  # noqa: S608
        con.execute("DROP TABLE staging")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    columns = [{"name": n, "type": t} for n, t in zip(names, types, strict=True)]
    return Converted(columns, rows, warnings)


def _raise_first_reject(con, expected):
    row = con.execute(
        "SELECT line, error_type, error_message FROM reject_errors ORDER BY line LIMIT 1"
    ).fetchone()
    if row is None:
        return
    line, error_type, message = row
    if "COLUMNS" in str(error_type).upper():
        found = _FOUND.search(message or "")
        raise DatasetError(
            "ragged", line=line, found=int(found.group(1)) if found else "?", expected=expected
        )
    raise DatasetError("malformed", line=line)


def infer_types(con, names, sample_rows=SAMPLE_ROWS):
    """The DuckDB type of each staging column (see :data:`TYPE_TESTS`).

    Every test runs on the first ``sample_rows`` rows; then only the first type that held
    there is checked on the whole column (the next one if it fails, and so on), so a text
    column costs no full scan and a typed column one test.
    """
    kinds = [kind for kind, _test in TYPE_TESTS]
    checks = [_check(name, test) for name in names for _kind, test in TYPE_TESTS]
    sample = con.execute(
        f"SELECT {', '.join(checks)} FROM (SELECT * FROM staging LIMIT {int(sample_rows)})"  # noqa: S608
    ).fetchone()
    candidates = {}
    for i in range(len(names)):
        verdicts = sample[i * len(kinds) : (i + 1) * len(kinds)]
        if all(ok is None for ok in verdicts):  # no value in the sample: try every type
            candidates[i] = list(kinds)
        else:
            candidates[i] = [kind for kind, ok in zip(kinds, verdicts, strict=True) if ok]
    types = ["VARCHAR"] * len(names)
    while pending := [i for i, left in candidates.items() if left]:
        checks = [_check(names[i], dict(TYPE_TESTS)[candidates[i][0]]) for i in pending]
        verdicts = con.execute(f"SELECT {', '.join(checks)} FROM staging").fetchone()  # noqa: S608
        for i, ok in zip(pending, verdicts, strict=True):
            if ok:
                types[i], candidates[i] = candidates[i][0], []
            elif ok is None:  # no value at all: the column stays VARCHAR
                candidates[i] = []
            else:
                candidates[i] = candidates[i][1:]
    return types


def _check(name, test):
    column = quote(name)
    return f"bool_and({test.replace('@v', column)}) FILTER (WHERE {column} IS NOT NULL)"


def _cast(name, kind):
    column = quote(name)
    if kind == "VARCHAR":
        return column
    if kind == "BOOLEAN":
        return f"(lower(trim({column})) = 'true') AS {column}"
    return f"TRY_CAST(trim({column}) AS {kind}) AS {column}"


def convert_xlsx(source, target, work_dir, limits=DEFAULT_LIMITS, **engine):
    """Convert the first worksheet of an XLSX file into ``target``; warnings about formulas,
    further sheets and skipped empty rows are returned with the columns."""
    import openpyxl

    with open(source, "rb") as handle:
        archive = xlsx.open_zip(handle)
        sheets = xlsx.worksheets(archive)
        name, part = sheets[0]
        warnings = xlsx.scan_formulas(archive, name, part)
    if len(sheets) > 1:
        warnings.append(warning("extra_sheets", sheet=name, count=len(sheets)))
    csv_path = Path(work_dir) / "sheet.csv"
    try:
        book = openpyxl.load_workbook(source, read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # openpyxl raises many types for a damaged workbook
        raise DatasetError("xlsx_corrupt") from exc
    try:
        skipped = xlsx.sheet_to_csv(book[name], csv_path, limits)
    finally:
        book.close()
    if skipped:
        warnings.append(warning("empty_rows_skipped", count=skipped))
    result = convert_csv(csv_path, target, work_dir, UTF8, ",", limits, **engine)
    result.warnings[:0] = warnings
    return result

"""First look at an uploaded file: what it is, how big, which encoding, and whether it is sane.

Pure: no Django import. :func:`inspect` runs while the operator waits, so it reads a bounded
prefix of a CSV (``Limits.sniff_bytes``) and only the directory and XML prologs of an XLSX;
:func:`scan_encoding` reads a whole CSV and runs in the Celery task. Both raise
:class:`~casestudy_xblock.datasets.errors.DatasetError` with a stable code.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass, field

from . import xlsx
from .errors import DatasetError, human_size

CSV, XLSX = "csv", "xlsx"
UTF8, UTF8_BOM, CP932 = "utf-8", "utf-8-sig", "cp932"
DELIMITERS = (",", "\t", ";")
CHUNK = 1024 * 1024

# Magic numbers of formats people upload by mistake (or on purpose) instead of CSV/XLSX.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, .doc, and macro-era Office files
_BINARY_MAGIC = (
    b"%PDF",
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"MZ",
    b"\x7fELF",
    b"\x1f\x8b",
    b"7z\xbc\xaf",
    b"Rar!",
    b"BM",
    b"SQLite format",
)
# Control characters never found in text (tab, LF, FF, CR and ESC-free text is assumed).
_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 12, 13))


@dataclass(frozen=True)
class Limits:
    """What the intake accepts; the Django glue fills it from settings."""

    max_bytes: int = 50 * 1024 * 1024
    max_uncompressed_bytes: int = 512 * 1024 * 1024
    max_zip_ratio: int = 200
    ratio_min_part_bytes: int = 1024 * 1024
    max_zip_parts: int = 10_000
    sniff_bytes: int = 1024 * 1024
    max_columns: int = 500


DEFAULT_LIMITS = Limits()


@dataclass
class Intake:
    """The outcome of :func:`inspect`: the kind, the CSV's encoding and delimiter, warnings."""

    kind: str
    size: int
    encoding: str | None = None
    delimiter: str | None = None
    warnings: list = field(default_factory=list)


def check_size(size, limits):
    """Refuse empty files and files above ``limits.max_bytes``."""
    if size <= 0:
        raise DatasetError("empty")
    if size > limits.max_bytes:
        raise DatasetError("too_large", size=human_size(size), limit=human_size(limits.max_bytes))


def sniff_kind(head):
    """``"csv"`` or ``"xlsx"`` from the first bytes of a file (never from its name)."""
    if not head.strip():
        raise DatasetError("empty")
    if head.startswith(b"PK\x03\x04"):
        return XLSX
    if head.startswith(_OLE):
        raise DatasetError("xls_legacy")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _looks_utf16(head):
        raise DatasetError("utf16")
    if head.startswith(_BINARY_MAGIC) or any(byte in _CONTROL for byte in head[:8192]):
        raise DatasetError("binary")
    return CSV


def _looks_utf16(head):
    """UTF-16 without a byte order mark: every other byte of ASCII-range text is NUL."""
    if len(head) < 8:
        return False
    return not head[1::2][:16].strip(b"\x00") or not head[0::2][:16].strip(b"\x00")


def scan_encoding(chunks, complete=True):
    """The encoding of CSV bytes given as ``chunks``: ``utf-8``, ``utf-8-sig`` or ``cp932``.

    Every line must decode in one encoding. UTF-8 is tried first (Shift_JIS text is almost never
    valid UTF-8). A line in another encoding than the earlier ones raises ``mixed_encoding``, a
    line in neither raises ``unknown_encoding``, both with the 1-based line number. With
    ``complete=False`` (a prefix) the last, possibly cut, line is not judged.
    """
    first = None  # the encoding of the first non-ASCII line
    bom = False
    line_no = 0
    rest = b""
    for index, chunk in enumerate(_iter_with_end(chunks)):
        data, at_end = chunk
        if index == 0 and data.startswith(codecs.BOM_UTF8):
            bom, first, data = True, UTF8, data[len(codecs.BOM_UTF8) :]
        data = rest + data
        if at_end:
            lines, rest = data, b""
            if not complete:
                cut = lines.rfind(b"\n")
                lines = lines[: cut + 1] if cut >= 0 else b""
        else:
            cut = data.rfind(b"\n")
            lines, rest = data[: cut + 1], data[cut + 1 :]
        if first in (None, UTF8) and _decodes(lines, UTF8):
            if first is None and not lines.isascii():
                first = UTF8
            line_no += lines.count(b"\n")
            continue
        for line in _lines(lines):
            line_no += 1
            found = _line_encoding(line)
            if found is None:
                continue
            if found == "unknown":
                raise DatasetError("unknown_encoding", line=line_no)
            if first is None:
                first = found
            elif found != first:
                raise DatasetError("mixed_encoding", line=line_no, found=found, first=first)
    if bom:
        return UTF8_BOM
    return first or UTF8


def _iter_with_end(chunks):
    """(chunk, is_last) pairs; an empty input gives one empty last chunk."""
    previous = None
    for chunk in chunks:
        if previous is not None:
            yield previous, False
        previous = chunk
    yield (previous or b""), True


def _lines(data):
    """The LF-terminated lines of ``data`` (a last line without LF included)."""
    start = 0
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end + 1
        yield data[start:end]
        start = end


def _decodes(data, encoding):
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _line_encoding(line):
    if line.isascii():
        return None
    if _decodes(line, UTF8):
        return UTF8
    if _decodes(line, CP932):
        return CP932
    return "unknown"


def detect_delimiter(header_line):
    """The most frequent of comma, tab and semicolon outside quotes in the header line."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])  # ties go to the comma (listed first)
    return best if counts[best] else ","


def check_csv_text(text, delimiter, limits, complete=True):
    """Header present, column count within limits, no ragged record in ``text``.

    ``text`` is decoded CSV; with ``complete=False`` (a prefix) the text after the last line
    break, and a quoted field left open at the end, are not judged. Blank lines are ignored
    (the converter skips them too).
    """
    if not complete:
        text = text[: text.rfind("\n") + 1]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    expected = None
    start = 1
    try:
        for record in reader:
            line, start = start, reader.line_num + 1
            if not record or record == [""]:
                continue
            if expected is None:
                if not any(cell.strip() for cell in record):
                    raise DatasetError("no_header")
                expected = len(record)
                if expected > limits.max_columns:
                    raise DatasetError("too_many_columns", count=expected, limit=limits.max_columns)
            elif len(record) != expected:
                raise DatasetError("ragged", line=line, found=len(record), expected=expected)
    except csv.Error as exc:
        if complete:
            raise DatasetError("malformed", line=start) from exc
    if expected is None and complete:
        raise DatasetError("no_header")


def inspect(fileobj, size, limits=DEFAULT_LIMITS):
    """Cheap checks of an upload (a seekable binary file of ``size`` bytes); see the module doc.

    Reads at most ``limits.sniff_bytes`` of a CSV; an XLSX is checked as a zip
    (:func:`casestudy_xblock.datasets.xlsx.check_zip`). Leaves ``fileobj`` at position 0.
    """
    check_size(size, limits)
    fileobj.seek(0)
    head = fileobj.read(min(size, max(limits.sniff_bytes, 8192)))
    fileobj.seek(0)
    kind = sniff_kind(head[:8192])
    if kind == XLSX:
        result = Intake(XLSX, size, warnings=xlsx.check_zip(fileobj, limits))
        fileobj.seek(0)
        return result
    complete = len(head) >= size
    encoding = scan_encoding([head], complete=complete)
    text = head.decode(encoding, errors="ignore" if not complete else "strict")
    delimiter = detect_delimiter(text.split("\n", 1)[0])
    check_csv_text(text, delimiter, limits, complete=complete)
    return Intake(CSV, size, encoding=encoding, delimiter=delimiter)


def iter_file(path, chunk_size=CHUNK):
    """The bytes of the file at ``path`` in chunks."""
    with open(path, "rb") as handle:
        while chunk := handle.read(chunk_size):
            yield chunk

"""Checks of an XLSX workbook as a zip, before openpyxl or any XML parser reads its content.

Pure: no Django import. :func:`check_zip` reads only the zip directory, ``[Content_Types].xml``
and the prolog of each XML part (up to its root element), so it is cheap enough for the upload
request. :func:`scan_formulas` reads the first worksheet and runs in the Celery task, and
:func:`sheet_to_csv` streams the rows openpyxl reads (cached values) into a UTF-8 CSV. XML is
parsed with defusedxml, which refuses document type declarations (XXE, billion laughs).
"""

from __future__ import annotations

import csv
import datetime
import re
import zipfile
from posixpath import join, normpath

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, fromstring, iterparse

from .errors import DatasetError, human_size, warning

NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
WORKSHEET_REL = "/worksheet"
_MACRO_TYPES = ("macroenabled", "vbaproject", "vbadata", "activex")
_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_SMALL_PART = 1024 * 1024  # [Content_Types].xml and workbook parts are read whole


class _RootReached(Exception):
    """Raised by the prolog target at the first element: the prolog is clean."""


class _StopAtRoot:
    def start(self, tag, attrib):
        raise _RootReached

    def end(self, tag):
        return None

    def data(self, text):
        return None

    def close(self):
        return None


def open_zip(fileobj):
    """A :class:`zipfile.ZipFile`, or ``xlsx_corrupt``."""
    try:
        return zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DatasetError("xlsx_corrupt") from exc


def check_zip(fileobj, limits):
    """Refuse zip bombs, macros, external links and DTDs; returns warnings (none today)."""
    archive = open_zip(fileobj)
    infos = archive.infolist()
    if len(infos) > limits.max_zip_parts:
        raise DatasetError("xlsx_corrupt")
    names = {info.filename for info in infos}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise DatasetError("xlsx_corrupt")
    total = sum(info.file_size for info in infos)
    if total > limits.max_uncompressed_bytes:
        raise DatasetError(
            "xlsx_zip_bomb", size=human_size(total), limit=human_size(limits.max_uncompressed_bytes)
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size >= limits.ratio_min_part_bytes and ratio > limits.max_zip_ratio:
            raise DatasetError(
                "xlsx_zip_ratio", part=info.filename, ratio=int(ratio), limit=limits.max_zip_ratio
            )
    lowered = [name.lower() for name in names]
    if any(name.endswith(("vbaproject.bin", "vbadata.xml")) for name in lowered):
        raise DatasetError("xlsx_macros")
    if any(name.startswith("xl/externallinks/") for name in lowered):
        raise DatasetError("xlsx_external_links")
    for info in infos:
        if info.filename.lower().endswith(_XML_SUFFIXES):
            check_prolog(archive, info)
    content_types = _read_small(archive, "[Content_Types].xml").decode("utf-8", "replace").lower()
    if any(marker in content_types for marker in _MACRO_TYPES):
        raise DatasetError("xlsx_macros")
    if "externallink" in content_types:
        raise DatasetError("xlsx_external_links")
    return []


def check_prolog(archive, info, chunk_size=64 * 1024):
    """Parse ``info``'s XML only up to its root element; a DTD there raises ``xlsx_dtd``."""
    parser = DefusedXMLParser(target=_StopAtRoot(), forbid_dtd=True)
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(chunk_size):
                parser.feed(chunk)
            parser.close()
    except _RootReached:
        return
    except DefusedXmlException as exc:
        raise DatasetError("xlsx_dtd", part=info.filename) from exc
    except Exception as exc:  # expat, zlib and CRC errors all mean "damaged"
        raise DatasetError("xlsx_corrupt") from exc


def _read_small(archive, name):
    try:
        info = archive.getinfo(name)
    except KeyError as exc:
        raise DatasetError("xlsx_corrupt") from exc
    if info.file_size > _SMALL_PART:
        raise DatasetError("xlsx_corrupt")
    try:
        return archive.read(info)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DatasetError("xlsx_corrupt") from exc


def _parse_small(archive, name):
    try:
        return fromstring(_read_small(archive, name), forbid_dtd=True)
    except DefusedXmlException as exc:
        raise DatasetError("xlsx_dtd", part=name) from exc
    except SyntaxError as exc:
        raise DatasetError("xlsx_corrupt") from exc


def worksheets(archive):
    """``[(sheet name, zip part)]`` of the workbook's worksheets in order (no chart sheets)."""
    workbook = _parse_small(archive, "xl/workbook.xml")
    rels = _parse_small(archive, "xl/_rels/workbook.xml.rels")
    targets = {}
    for rel in rels.iter(f"{NS_PKG_REL}Relationship"):
        if rel.get("Type", "").endswith(WORKSHEET_REL):
            target = rel.get("Target", "")
            part = target.lstrip("/") if target.startswith("/") else normpath(join("xl", target))
            targets[rel.get("Id")] = part
    sheets = []
    for sheet in workbook.iter(f"{NS_MAIN}sheet"):
        part = targets.get(sheet.get(f"{NS_REL}id"))
        if part is not None:
            sheets.append((sheet.get("name", ""), part))
    if not sheets:
        raise DatasetError("xlsx_no_sheet")
    return sheets


def _has_cached_value(cell):
    """A ``<v>`` with text; an empty one counts only for a text result (``t="str"``).

    openpyxl and other writers that cannot calculate leave ``<v></v>`` empty.
    """
    value = cell.find(f"{NS_MAIN}v")
    if value is None:
        return False
    return bool(value.text) or cell.get("t") == "str"


def scan_formulas(archive, sheet_name, part, chunk_size=1024 * 1024):
    """Warnings about formulas in a worksheet; a formula without a cached value is refused.

    A cheap byte scan comes first: most sheets have no formula and are not parsed here.
    """
    if part not in archive.namelist():
        raise DatasetError("xlsx_corrupt")
    with archive.open(part) as stream:
        tail = b""
        found = False
        while chunk := stream.read(chunk_size):
            if _FORMULA.search(tail + chunk):
                found = True
                break
            tail = chunk[-64:]
    if not found:
        return []
    count = 0
    sheet_data = None
    try:
        with archive.open(part) as stream:
            for event, element in iterparse(stream, events=("start", "end"), forbid_dtd=True):
                if event == "start":
                    if element.tag == f"{NS_MAIN}sheetData":
                        sheet_data = element
                elif element.tag == f"{NS_MAIN}c":
                    if element.find(f"{NS_MAIN}f") is not None:
                        count += 1
                        if not _has_cached_value(element):
                            cell = element.get("r", "?")
                            raise DatasetError("xlsx_formula_no_value", cell=cell, sheet=sheet_name)
                elif element.tag == f"{NS_MAIN}row" and sheet_data is not None:
                    sheet_data.clear()  # rows already checked: keep memory flat
    except DefusedXmlException as exc:
        raise DatasetError("xlsx_dtd", part=part) from exc
    except SyntaxError as exc:
        raise DatasetError("xlsx_corrupt") from exc
    return [warning("formulas_cached", count=count)] if count else []


def sheet_to_csv(sheet, path, limits):
    """Write the sheet's rows as CSV; returns how many empty rows after the header were skipped."""
    width, skipped = None, 0
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            filled = [i for i, value in enumerate(row) if value is not None and value != ""]
            if not filled:
                skipped += width is not None
                continue
            if width is None:
                width = filled[-1] + 1
                if width > limits.max_columns:
                    raise DatasetError("too_many_columns", count=width, limit=limits.max_columns)
            elif filled[-1] >= width:
                raise DatasetError("ragged", line=number, found=filled[-1] + 1, expected=width)
            cells = list(row[:width]) + [None] * (width - len(row))
            writer.writerow([cell_text(value) for value in cells])
    if width is None:
        raise DatasetError("no_header")
    return skipped


def cell_text(value):
    """A cell value as CSV text that the type inference reads back as the same type."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time() and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return str(value)

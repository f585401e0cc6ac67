"""CSV and XLSX files of tables (a title, headers and rows). Pure: no Django.

CSV is UTF-8 with a byte-order mark so that Excel in Japan opens Japanese text correctly.
"""

from __future__ import annotations

import csv
import io
import re

from openpyxl import Workbook
from openpyxl.styles import Font

_FORBIDDEN_SHEET = re.compile(r"[\[\]\*\?/\\:]")


def _safe(value):
    """A cell that a spreadsheet will not run as a formula (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv(headers, rows):
    """UTF-8 (with BOM) CSV bytes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_safe(h) for h in headers])
    for row in rows:
        writer.writerow([_safe(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def sheet_title(text, used):
    """An Excel sheet name (≤ 31 characters, no forbidden characters, unique in ``used``)."""
    base = _FORBIDDEN_SHEET.sub(" ", str(text)).strip()[:28] or "Sheet"
    title, number = base, 2
    while title in used:
        title = f"{base[:25]} ({number})"
        number += 1
    used.add(title)
    return title


def to_xlsx(tables):
    """XLSX bytes with one sheet per (title, headers, rows) table."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    used = set()
    for title, headers, rows in tables:
        sheet = workbook.create_sheet(sheet_title(title, used))
        sheet.append([_safe(h) for h in headers])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([_safe(cell) for cell in row])
        for index, header in enumerate(headers, start=1):
            letter = sheet.cell(row=1, column=index).column_letter
            sheet.column_dimensions[letter].width = max(12, min(48, len(str(header)) * 2 + 2))
    if not workbook.sheetnames:
        workbook.create_sheet("Sheet")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

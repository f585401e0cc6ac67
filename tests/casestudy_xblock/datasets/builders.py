"""Small files for the dataset tests, built in the test (nothing bad is committed)."""

import csv
import io
import zipfile

import openpyxl

JAPANESE_ROWS = [
    ["社員番号", "氏名", "部署", "売上", "入社日"],
    ["00123", "山田 太郎", "営業部", "1200", "2020/04/01"],
    ["00124", "佐藤 美咲", "製造部", "980.5", "2019-10-01"],
    ["00125", "髙橋 ①さくら", "総務部", "", "2021-04-01"],  # 髙 and ① exist in CP932 only
    ["00126", "鈴木 一郎", "営業部", "-15", ""],
]


def csv_bytes(rows=JAPANESE_ROWS, encoding="utf-8", newline="\n"):
    """CSV text of ``rows`` in ``encoding`` (``utf-8-sig`` adds a BOM)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=newline).writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows, sheets=1, formulas=()):
    """An XLSX workbook (openpyxl) with ``rows`` on its first sheet.

    ``formulas``: ``[(cell, formula)]`` written as formulas (no cached value: openpyxl never
    calculates).
    """
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "データ"
    for row in rows:
        sheet.append(row)
    for cell, formula in formulas:
        sheet[cell] = formula
    for index in range(1, sheets):
        book.create_sheet(f"Sheet{index + 1}").append(["x"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rewrite_zip(data, replace=None, add=None, drop=()):
    """A copy of zip ``data`` with parts replaced (``{name: bytes}``), added or dropped."""
    replace, add = dict(replace or {}), dict(add or {})
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in drop:
                continue
            content = replace.pop(info.filename, None)
            target.writestr(info.filename, content if content is not None else source.read(info))
        for name, content in add.items():
            target.writestr(name, content)
    return out.getvalue()


def read_part(data, name):
    return zipfile.ZipFile(io.BytesIO(data)).read(name)


def with_cached_formula(data, cell="C2", formula="A2*2", cached="84"):
    """Put ``<f>formula</f><v>cached</v>`` into ``cell`` of the first sheet's XML."""
    sheet = read_part(data, "xl/worksheets/sheet1.xml").decode()
    start = sheet.index(f'<c r="{cell}"')
    end = sheet.index("</c>", start) + len("</c>")
    sheet = sheet[:start] + f'<c r="{cell}"><f>{formula}</f><v>{cached}</v></c>' + sheet[end:]
    return rewrite_zip(data, replace={"xl/worksheets/sheet1.xml": sheet.encode()})

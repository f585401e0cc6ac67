"""XLSX files are checked as zips before any parser reads them: bombs, macros, links, XXE."""

import io
import zipfile

import pytest

from casestudy_xblock.datasets import convert, intake, xlsx
from casestudy_xblock.datasets.errors import DatasetError
from tests.casestudy_xblock.datasets.builders import (
    read_part,
    rewrite_zip,
    with_cached_formula,
    xlsx_bytes,
)

ROWS = [["品目", "数量", "単価"], ["ボルト", 42, 12.5], ["ナット", 7, 3.0]]
XXE = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
)


def inspect(data, limits=intake.DEFAULT_LIMITS):
    return intake.inspect(io.BytesIO(data), len(data), limits)


def refused(data, limits=intake.DEFAULT_LIMITS):
    with pytest.raises(DatasetError) as caught:
        inspect(data, limits)
    return caught.value


def test_a_plain_workbook_passes():
    result = inspect(xlsx_bytes(ROWS))
    assert (result.kind, result.encoding, result.warnings) == ("xlsx", None, [])


def test_zip_bomb_by_total_size():
    data = xlsx_bytes(ROWS)
    error = refused(data, intake.Limits(max_uncompressed_bytes=4000))
    assert error.code == "xlsx_zip_bomb"
    assert error.params["limit"] == "3.9 KB"


def test_zip_bomb_by_compression_ratio():
    data = rewrite_zip(xlsx_bytes(ROWS), add={"xl/media/padding.bin": bytes(20 * 1024 * 1024)})
    error = refused(data)
    assert error.code == "xlsx_zip_ratio"
    assert error.params["part"] == "xl/media/padding.bin"
    assert error.params["ratio"] > 200


def test_declared_sizes_cannot_lie():
    """zipfile stops at the declared size and checks the CRC: a lying header is 'damaged'."""
    data = bytearray(xlsx_bytes(ROWS))
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = archive.getinfo("xl/workbook.xml")
    # Shrink the declared size of xl/workbook.xml in the central directory.
    directory = data.rfind(b"PK\x01\x02", 0, data.find(b"PK\x05\x06"))
    while data[directory + 46 : directory + 46 + len(info.filename)] != b"xl/workbook.xml":
        directory = data.rfind(b"PK\x01\x02", 0, directory)
    data[directory + 24 : directory + 28] = (10).to_bytes(4, "little")
    assert refused(bytes(data)).code == "xlsx_corrupt"


def test_macros_are_refused():
    data = rewrite_zip(xlsx_bytes(ROWS), add={"xl/vbaProject.bin": b"\x00" * 64})
    assert refused(data).code == "xlsx_macros"
    types = read_part(xlsx_bytes(ROWS), "[Content_Types].xml").replace(
        b"spreadsheetml.sheet.main+xml", b"sheet.macroEnabled.main+xml"
    )
    assert refused(rewrite_zip(xlsx_bytes(ROWS), replace={"[Content_Types].xml": types})).code == (
        "xlsx_macros"
    )


def test_external_links_are_refused():
    link = b'<?xml version="1.0"?><externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'
    data = rewrite_zip(xlsx_bytes(ROWS), add={"xl/externalLinks/externalLink1.xml": link})
    assert refused(data).code == "xlsx_external_links"


@pytest.mark.parametrize(
    "part", ["xl/worksheets/sheet1.xml", "[Content_Types].xml", "xl/_rels/workbook.xml.rels"]
)
def test_xxe_in_any_xml_part_is_refused(part):
    data = xlsx_bytes(ROWS)
    body = read_part(data, part)
    if body.startswith(b"<?xml"):
        body = body[body.index(b"?>") + 2 :].lstrip()
    body = XXE + body
    error = refused(rewrite_zip(data, replace={part: body}))
    assert (error.code, error.params) == ("xlsx_dtd", {"part": part})


def test_utf16_xml_with_a_dtd_is_refused_too():
    data = xlsx_bytes(ROWS)
    text = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><styleSheet/>'
    data = rewrite_zip(data, replace={"xl/styles.xml": text.encode("utf-16")})
    assert refused(data).code == "xlsx_dtd"


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04" + b"\x00" * 100,  # a zip signature, then nothing
        rewrite_zip(xlsx_bytes(ROWS), drop={"xl/workbook.xml"}),  # a zip, not a workbook
    ],
)
def test_damaged_or_foreign_zips_are_refused(data):
    assert refused(data).code == "xlsx_corrupt"


def test_worksheets_in_order(tmp_path):
    archive = zipfile.ZipFile(io.BytesIO(xlsx_bytes(ROWS, sheets=3)))
    assert [name for name, _part in xlsx.worksheets(archive)] == ["データ", "Sheet2", "Sheet3"]


def test_formula_without_cached_value_is_refused(tmp_path):
    source = tmp_path / "f.xlsx"
    source.write_bytes(xlsx_bytes(ROWS, formulas=[("D2", "=B2*C2")]))
    with pytest.raises(DatasetError) as caught:
        convert.convert_xlsx(source, tmp_path / "data.duckdb", tmp_path)
    assert caught.value.code == "xlsx_formula_no_value"
    assert caught.value.params == {"cell": "D2", "sheet": "データ"}


def test_formula_with_cached_value_is_read_with_a_warning(tmp_path):
    source = tmp_path / "f.xlsx"
    data = with_cached_formula(xlsx_bytes([*ROWS, ["x", 1, 1]]), cell="B4", formula="B2*2")
    source.write_bytes(data)
    result = convert.convert_xlsx(source, tmp_path / "data.duckdb", tmp_path)
    assert result.warnings == [{"code": "formulas_cached", "params": {"count": 1}}]
    import duckdb

    with duckdb.connect(str(tmp_path / "data.duckdb"), read_only=True) as con:
        assert con.execute('SELECT "数量" FROM data ORDER BY rowid').fetchall() == [
            (42,),
            (7,),
            (84,),
        ]

"""What an attachment is, from its magic bytes (pure)."""

import io
import zipfile

import pytest

from community_plugin.discussions.files import sniff

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20


def _zip(names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "x")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("graph.png", PNG, "png"),
        ("photo.JPG", b"\xff\xd8\xff\xe0rest", "jpeg"),
        ("report.pdf", b"%PDF-1.7\n", "pdf"),
        ("data.xlsx", _zip(["[Content_Types].xml", "xl/workbook.xml"]), "xlsx"),
        ("data.csv", "受注日,金額\n2024-04-01,100\n".encode("cp932"), "csv"),
        ("notes.txt", "メモ".encode(), "txt"),
    ],
)
def test_accepted_kinds(name, data, kind):
    assert sniff(name, data) == kind


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("evil.png", b"<svg onload=alert(1)>"),  # a name that lies
        ("image.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
        ("page.html", b"<html><script>alert(1)</script>"),
        ("graph.pdf", PNG),  # real PNG, wrong extension
        ("data.csv", b"\x00\x01binary"),
        ("archive.xlsx", _zip(["other/file.txt"])),
        ("program.exe", b"MZ\x90\x00"),
    ],
)
def test_refused_kinds(name, data):
    assert sniff(name, data) is None

"""Checks of learners' files by content: allowed kinds, disguised files, zip bombs, size."""

import io
import zipfile

import pytest

from deliverable_xblock import files
from deliverable_xblock.files import FileRejected, check_file

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def ooxml(main_part, extra=None):
    """A minimal Office Open XML package with ``main_part`` (and ``extra`` {name: bytes})."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(main_part, "<x/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


PPTX = ooxml("ppt/presentation.xml")
XLSX = ooxml("xl/workbook.xml")


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("計画.pdf", PDF, "pdf"),
        ("deck.PPTX", PPTX, "pptx"),
        ("numbers.xlsx", XLSX, "xlsx"),
        ("map.png", PNG, "png"),
        ("photo.jpeg", JPEG, "jpeg"),
        ("photo.JPG", JPEG, "jpeg"),
    ],
)
def test_allowed_kinds_pass_with_their_content_type(name, data, kind):
    checked = check_file(name, data)
    assert checked.kind == kind
    assert checked.content_type == files.KINDS[kind][1]
    assert checked.size == len(data)
    assert len(checked.sha256) == 64


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("plan.pdf", b"MZ\x90\x00 an executable", "disguised"),
        ("plan.pdf", PNG, "disguised"),
        ("numbers.xlsx", PPTX, "disguised"),
        ("deck.pptx", XLSX, "disguised"),
        ("deck.pptx", b"PK\x03\x04 not really a zip", "broken"),
        ("notes.docx", PDF, "wrong_type"),
        ("script.exe", b"MZ", "wrong_type"),
        ("no-extension", PDF, "wrong_type"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_refusals(name, data, code):
    with pytest.raises(FileRejected) as refused:
        check_file(name, data)
    assert refused.value.code == code


def test_a_zip_that_is_not_an_office_file_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(FileRejected) as refused:
        check_file("deck.pptx", buffer.getvalue())
    assert refused.value.code == "wrong_type"


def test_too_large_names_the_limit():
    with pytest.raises(FileRejected) as refused:
        check_file("plan.pdf", PDF + b"x" * 100, max_bytes=50)
    assert (refused.value.code, refused.value.params) == ("too_large", {"limit": 50})


def test_a_zip_bomb_is_refused_without_extracting_it():
    bomb = ooxml("xl/workbook.xml", {"xl/sharedStrings.xml": b"0" * (30 * 1024 * 1024)})
    assert len(bomb) < 200_000  # compresses a thousandfold
    with pytest.raises(FileRejected) as refused:
        check_file("numbers.xlsx", bomb)
    assert refused.value.code == "zip_bomb"


def test_too_many_entries_is_a_zip_bomb(monkeypatch):
    monkeypatch.setattr(files, "MAX_ENTRIES", 3)
    package = ooxml("ppt/presentation.xml", {f"ppt/slides/s{i}.xml": "<s/>" for i in range(3)})
    with pytest.raises(FileRejected) as refused:
        check_file("deck.pptx", package)
    assert refused.value.code == "zip_bomb"


def test_an_encrypted_entry_is_refused():
    package = bytearray(PPTX)
    # Set the "encrypted" flag bit of every local and central directory header.
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (found := package.find(signature, start)) >= 0:
            package[found + offset] |= 0x1
            start = found + 4
    with pytest.raises(FileRejected) as refused:
        check_file("deck.pptx", bytes(package))
    assert refused.value.code == "encrypted"


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\a\\計画書.pdf", "計画書.pdf"),
        ("evil\u202efdp.exe", "evilfdp.exe"),
        ("a" * 300 + ".pdf", "a" * 116 + ".pdf"),
    ],
)
def test_names_are_made_safe(raw, safe):
    assert files.safe_name(raw) == safe


def test_allowed_extensions_for_the_accept_attribute():
    assert files.allowed_extensions() == [".pdf", ".pptx", ".xlsx", ".png", ".jpg", ".jpeg"]

"""What an attachment really is, read from its first bytes. Pure Python: no Django.

The file name and the browser's content type are the uploader's claim; the magic bytes are
the fact. Only a few kinds are accepted, and the name's extension must agree with the bytes.
SVG, HTML and anything else that a browser could run is refused.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import PurePosixPath

__all__ = ["KINDS", "Kind", "sniff"]


@dataclass(frozen=True)
class Kind:
    """An accepted kind of file: its content type, extensions and whether it is shown inline."""

    content_type: str
    extensions: tuple[str, ...]
    image: bool = False


KINDS = {
    "png": Kind("image/png", (".png",), image=True),
    "jpeg": Kind("image/jpeg", (".jpg", ".jpeg"), image=True),
    "gif": Kind("image/gif", (".gif",), image=True),
    "pdf": Kind("application/pdf", (".pdf",)),
    "xlsx": Kind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)),
    "pptx": Kind(
        "application/vnd.openxmlformats-officedocument.presentationml.presentation", (".pptx",)
    ),
    "docx": Kind(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)
    ),
    "csv": Kind("text/csv", (".csv",)),
    "txt": Kind("text/plain", (".txt",)),
}

_OOXML = {"xlsx": "xl/", "pptx": "ppt/", "docx": "word/"}


def _text_ok(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    for encoding in ("utf-8-sig", "cp932"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return True
    return False


def _ooxml_kind(data: bytes) -> str | None:
    try:
        names = zipfile.ZipFile(BytesIO(data)).namelist()
    except (zipfile.BadZipFile, ValueError):
        return None
    for kind, prefix in _OOXML.items():
        if any(name.startswith(prefix) for name in names):
            return kind
    return None


def sniff(filename: str, data: bytes) -> str | None:
    """The kind (a key of :data:`KINDS`) of ``data`` named ``filename``, or None if refused."""
    extension = PurePosixPath((filename or "").lower()).suffix
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = "png"
    elif data.startswith(b"\xff\xd8\xff"):
        kind = "jpeg"
    elif data.startswith((b"GIF87a", b"GIF89a")):
        kind = "gif"
    elif data.startswith(b"%PDF-"):
        kind = "pdf"
    elif data.startswith(b"PK\x03\x04"):
        kind = _ooxml_kind(data)
    elif extension in (".csv", ".txt") and _text_ok(data):
        kind = extension[1:]
    else:
        kind = None
    if kind is None or extension not in KINDS[kind].extensions:
        return None
    return kind

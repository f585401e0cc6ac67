"""What a learner may attach to a deliverable: PDF, PPTX, XLSX, PNG and JPEG, checked by content.

Pure Python (no Django): :func:`check_file` reads the bytes, not only the name. A file is kept
when its *content* is one of the allowed kinds **and** its extension names that same kind, so a
program renamed ``plan.pdf`` or a PNG renamed ``plan.xlsx`` is refused. PPTX and XLSX are ZIP
packages: their central directory is read (never extracted) and refused when it declares too
much uncompressed data, too many entries, a suspicious compression ratio (a zip bomb),
encrypted entries, or lacks the part that makes it a presentation or a workbook.

Refusals are :class:`FileRejected` with a ``code`` (see ``blocks.messages.FILE_ERRORS``) and the
values its message needs.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

#: kind -> (extensions, content type)
KINDS = {
    "pdf": ((".pdf",), "application/pdf"),
    "pptx": (
        (".pptx",),
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    "xlsx": ((".xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "png": ((".png",), "image/png"),
    "jpeg": ((".jpg", ".jpeg"), "image/jpeg"),
}
#: The part that makes an Office Open XML package a presentation or a workbook.
OOXML_MAIN_PART = {"pptx": "ppt/presentation.xml", "xlsx": "xl/workbook.xml"}

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
#: Zip-bomb limits: everything a package declares, entries, and the ratio of one entry.
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_ENTRIES = 5000
MAX_RATIO = 100
#: Entries smaller than this are not judged by their ratio (tiny XML parts compress very well).
RATIO_FLOOR = 1024 * 1024
MAX_NAME = 120
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069/\\:*?\"<>|]")


class FileRejected(ValueError):
    """The file cannot be attached; ``code`` names why and ``params`` fill the message."""

    def __init__(self, code, **params):
        super().__init__(code)
        self.code, self.params = code, params


@dataclass(frozen=True)
class CheckedFile:
    """A file that passed the checks: its safe name, kind, content type, size and SHA-256."""

    name: str
    kind: str
    content_type: str
    size: int
    sha256: str

    @property
    def extension(self):
        return KINDS[self.kind][0][0]


def allowed_extensions():
    """Every extension accepted, for the file input's ``accept`` attribute."""
    return [ext for exts, _type in KINDS.values() for ext in exts]


def safe_name(name):
    """The file's base name without paths, control or bidi characters; NFC; at most
    :data:`MAX_NAME` characters (the extension kept)."""
    base = str(name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = _UNSAFE_NAME.sub("", unicodedata.normalize("NFC", base)).strip().strip(".")
    if len(base) > MAX_NAME:
        stem, dot, ext = base.rpartition(".")
        base = (stem[: MAX_NAME - len(ext) - 1] + dot + ext) if dot else base[:MAX_NAME]
    return base


def extension_kind(name):
    """The kind the file's extension names, or None."""
    lower = name.lower()
    for kind, (extensions, _type) in KINDS.items():
        if lower.endswith(extensions):
            return kind
    return None


def sniff(data):
    """The kind the bytes are (by their signature), ``"zip"`` for any ZIP, or None."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"PK\x03\x04"):
        return "zip"
    return None


def check_package(data, kind):
    """Refuse an Office package that is broken, encrypted, a zip bomb, or not ``kind``."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise FileRejected("broken") from error
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise FileRejected("zip_bomb")
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise FileRejected("encrypted")
            total += info.file_size
            ratio = info.file_size / max(1, info.compress_size)
            if total > MAX_UNCOMPRESSED or (info.file_size > RATIO_FLOOR and ratio > MAX_RATIO):
                raise FileRejected("zip_bomb")
        names = {info.filename for info in infos}
    if "[Content_Types].xml" not in names:
        raise FileRejected("wrong_type")
    actual = next((k for k, part in OOXML_MAIN_PART.items() if part in names), None)
    if actual is None:
        raise FileRejected("wrong_type")
    return actual


def check_file(name, data, max_bytes=DEFAULT_MAX_BYTES):
    """Check an upload (``data`` is its bytes); :class:`CheckedFile` or :class:`FileRejected`.

    ``max_bytes`` is the limit; the caller reads at most ``max_bytes + 1`` bytes.
    """
    name = safe_name(name)
    if not data:
        raise FileRejected("empty")
    if len(data) > max_bytes:
        raise FileRejected("too_large", limit=max_bytes)
    claimed = extension_kind(name)
    if claimed is None:
        raise FileRejected("wrong_type")
    actual = sniff(data[:16])
    if actual == "zip" and claimed in OOXML_MAIN_PART:
        actual = check_package(data, claimed)
    if actual != claimed:
        raise FileRejected("disguised")
    return CheckedFile(
        name=name,
        kind=actual,
        content_type=KINDS[actual][1],
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )

"""Learners' files in Django's default storage, content-addressed.

A file is stored once under ``dxq_deliverable/files/<aa>/<sha256>.<ext>`` whatever its name and
however many drafts or submissions refer to it; the name the learner gave lives in the draft or
submission record (``{"name", "size", "sha256", "storage_path", "content_type"}``). Checks are
:func:`deliverable_xblock.files.check_file`.
"""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from ..files import DEFAULT_MAX_BYTES, FileRejected, check_file, safe_name

PREFIX = "dxq_deliverable/files"
CHUNK = 1024 * 1024


def read_limited(stream, max_bytes=DEFAULT_MAX_BYTES):
    """At most ``max_bytes + 1`` bytes of ``stream`` (one more tells that it is too large)."""
    parts, size = [], 0
    while size <= max_bytes:
        chunk = stream.read(min(CHUNK, max_bytes + 1 - size))
        if not chunk:
            break
        parts.append(chunk)
        size += len(chunk)
    return b"".join(parts)


def storage_path(checked):
    return f"{PREFIX}/{checked.sha256[:2]}/{checked.sha256}{checked.extension}"


def store(name, data, max_bytes=DEFAULT_MAX_BYTES):
    """Check ``data`` and keep it; the record drafts and submissions carry.

    Raises :class:`~deliverable_xblock.files.FileRejected` (nothing is stored then).
    """
    checked = check_file(name, data, max_bytes)
    path = storage_path(checked)
    if not default_storage.exists(path):
        saved = default_storage.save(path, ContentFile(data))
        if saved != path:  # another request stored the same bytes at the same moment
            default_storage.delete(saved)
    return {
        "name": checked.name,
        "size": checked.size,
        "sha256": checked.sha256,
        "storage_path": path,
        "content_type": checked.content_type,
    }


def store_upload(upload, max_bytes=DEFAULT_MAX_BYTES):
    """Store a webob upload (``request.POST["file"]``): see :func:`store`."""
    name = safe_name(getattr(upload, "filename", "") or "")
    stream = getattr(upload, "file", None)
    if stream is None or not name:
        raise FileRejected("no_file")
    return store(name, read_limited(stream, max_bytes), max_bytes)


def open_stored(record):
    """The stored file of a record, opened for reading, or None when it is gone."""
    path = str(record.get("storage_path") or "")
    if not path.startswith(PREFIX + "/") or ".." in path or not default_storage.exists(path):
        return None
    return default_storage.open(path, "rb")


__all__ = ["FileRejected", "open_stored", "read_limited", "store", "store_upload"]

"""Django glue: dataset files in Django storage, and local copies where storage has no paths.

Files are content-addressed (``dxq/datasets/<sha256>/...``), so a name always means the same
bytes: a local copy, once made, never goes stale. DuckDB and openpyxl need local files; with
``FileSystemStorage`` they read the stored file itself, with remote storage (S3) a copy in
``DXQ_DATASET_CACHE_DIR``.
"""

import codecs
import hashlib
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage

from ..settings.common import DEFAULTS
from . import intake
from .errors import DatasetError, human_size

COPY_CHUNK = 1024 * 1024


def setting(name):
    """A DXQ_DATASET_* setting, or its default."""
    return getattr(settings, name, DEFAULTS[name])


def limits():
    """The intake limits configured for this site."""
    return intake.Limits(
        max_bytes=int(setting("DXQ_DATASET_MAX_BYTES")),
        max_uncompressed_bytes=int(setting("DXQ_DATASET_MAX_UNCOMPRESSED_BYTES")),
        max_zip_ratio=int(setting("DXQ_DATASET_MAX_ZIP_RATIO")),
        max_columns=int(setting("DXQ_DATASET_MAX_COLUMNS")),
        sniff_bytes=int(setting("DXQ_DATASET_SNIFF_BYTES")),
    )


def cache_dir():
    """Where local copies and work files go (created on first use)."""
    configured = setting("DXQ_DATASET_CACHE_DIR")
    path = Path(configured) if configured else Path(tempfile.gettempdir()) / "dxq-dataset-cache"
    path.mkdir(parents=True, exist_ok=True)
    return path


def sha256_of(fileobj):
    """The hex SHA-256 of a binary file object (read from the start; left at position 0)."""
    digest = hashlib.sha256()
    fileobj.seek(0)
    while chunk := fileobj.read(COPY_CHUNK):
        digest.update(chunk)
    fileobj.seek(0)
    return digest.hexdigest()


def copy_bounded(source, target, limit):
    """Copy binary ``source`` into ``target`` (from where each stands) and return
    ``(size, sha256)``; ``too_large`` as soon as more than ``limit`` bytes came.

    For files from outside (a course export), whose size is not to be trusted: at most
    ``limit`` + one chunk is ever read.
    """
    digest, size = hashlib.sha256(), 0
    while chunk := source.read(COPY_CHUNK):
        size += len(chunk)
        if size > limit:
            raise DatasetError("too_large", size=human_size(size), limit=human_size(limit))
        digest.update(chunk)
        target.write(chunk)
    return size, digest.hexdigest()


def size_of(fileobj):
    """The size in bytes of an uploaded file or any seekable binary file."""
    size = getattr(fileobj, "size", None)
    if isinstance(size, int):
        return size
    fileobj.seek(0, os.SEEK_END)
    size = fileobj.tell()
    fileobj.seek(0)
    return size


def store(name, fileobj):
    """Save ``fileobj`` under ``name`` unless that name exists (its content is the same).

    Never overwrites: when a parallel upload saved first and storage picked another name for
    ours, our copy is deleted and the existing file stays.
    """
    if default_storage.exists(name):
        return name
    fileobj.seek(0)
    saved = default_storage.save(name, File(fileobj, name=os.path.basename(name)))
    if saved != name:
        default_storage.delete(saved)
    return name


def replace_derived(name, local_path):
    """Store the derived file at ``local_path`` as ``name`` (replacing a derived leftover)."""
    if default_storage.exists(name):
        default_storage.delete(name)
    with open(local_path, "rb") as handle:
        saved = default_storage.save(name, File(handle, name=os.path.basename(name)))
    if saved != name:  # pragma: no cover - a parallel worker stored the same file first
        default_storage.delete(saved)


def local_path(name, sha256):
    """A local filesystem path with the content of storage file ``name``."""
    try:
        path = default_storage.path(name)
    except NotImplementedError:
        path = None
    if path and os.path.exists(path):
        return Path(path)
    cached = cache_dir() / sha256 / os.path.basename(name)
    if not cached.exists():
        cached.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as source:
            _write_atomically(cached, source.chunks(COPY_CHUNK))
    return cached


def _write_atomically(target, chunks):
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".part-")
    try:
        with os.fdopen(handle, "wb") as out:
            for chunk in chunks:
                out.write(chunk)
        os.replace(temporary, target)
    except BaseException:
        os.unlink(temporary)
        raise


def utf8_csv_copy(original, encoding, sha256):
    """A local UTF-8 copy (with BOM, so Excel opens it) of a CSV stored in ``encoding``."""
    target = cache_dir() / sha256 / "download.csv"
    if encoding == intake.UTF8_BOM:
        return original
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(target, _utf8_chunks(original, encoding))
    return target


def _utf8_chunks(path, encoding):
    decoder = codecs.getincrementaldecoder(encoding or intake.UTF8)(errors="replace")
    yield codecs.BOM_UTF8
    with open(path, "rb") as handle:
        while chunk := handle.read(COPY_CHUNK):
            yield decoder.decode(chunk).encode(intake.UTF8)
    yield decoder.decode(b"", final=True).encode(intake.UTF8)

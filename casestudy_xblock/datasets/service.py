"""Django glue of the datasets: upload, processing (the Celery task's body) and reads.

Public entry points are in :mod:`casestudy_xblock.api`; this module raises
:class:`~casestudy_xblock.datasets.errors.DatasetError` and api turns it into a translated
``DatasetRejected``. Nothing here deletes an original upload: a failure only marks the dataset.
"""

import logging
import os
import re
import tempfile

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext

from ..models import Dataset
from . import convert, expressions, files, intake, profile, query, xlsx
from .errors import DatasetError, render

log = logging.getLogger(__name__)
SHA256 = re.compile(r"^[0-9a-f]{64}$")
CONTENT_TYPES = {
    Dataset.CSV: "text/csv; charset=utf-8",
    Dataset.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
#: Failures that another try may not repeat: re-uploading the same bytes processes again.
RETRYABLE = {"processing_failed"}


def message(code, params=None):
    """The message of ``code`` in the active language."""
    return render(code, params or {}, gettext)


def clean_filename(filename, kind):
    """The last path component of ``filename`` without control characters (for downloads)."""
    name = os.path.basename(str(filename or "").replace("\\", "/"))
    name = "".join(char for char in name if char.isprintable()).strip()[:200]
    return name or f"dataset.{kind}"


def upload(fileobj, filename, user=None):
    """Check, store and schedule the profiling of an upload; returns ``(dataset, created)``."""
    size = files.size_of(fileobj)
    checked = intake.inspect(fileobj, size, files.limits())
    sha256 = files.sha256_of(fileobj)
    existing = Dataset.objects.filter(sha256=sha256).first()
    if existing is not None:
        return _reuse(existing, fileobj), False
    dataset = Dataset(
        sha256=sha256,
        original_filename=clean_filename(filename, checked.kind),
        kind=checked.kind,
        encoding=checked.encoding or "",
        size_bytes=size,
        warnings=checked.warnings,
        uploaded_by=user if getattr(user, "pk", None) else None,
    )
    files.store(dataset.original_name, fileobj)
    try:
        with transaction.atomic():
            dataset.save()
    except IntegrityError:  # the same bytes were uploaded in parallel
        return _reuse(Dataset.objects.get(sha256=sha256), fileobj), False
    _schedule(sha256)
    return dataset, True


def import_original(fileobj, filename, sha256, user=None):
    """Store a file that a course export carried for the dataset ``sha256``; like :func:`upload`.

    The file is copied to a local temporary file (at most the upload limit is read) and must
    have the SHA-256 the course names (``sha256_mismatch`` otherwise); then it goes through
    :func:`upload`: the same checks, storage and profiling as a Studio upload.
    """
    expected = str(sha256 or "").lower()
    limits = files.limits()
    with tempfile.TemporaryFile(dir=files.cache_dir(), prefix="import-") as local:
        size, found = files.copy_bounded(fileobj, local, limits.max_bytes)
        intake.check_size(size, limits)
        if found != expected:
            raise DatasetError("sha256_mismatch", expected=expected, found=found)
        local.seek(0)
        return upload(local, filename, user)


def original(sha256):
    """The original bytes of a dataset as they were uploaded, open for reading from storage."""
    dataset = find(sha256)
    if not default_storage.exists(dataset.original_name):
        raise DatasetError("not_found")
    return default_storage.open(dataset.original_name, "rb")


def _reuse(dataset, fileobj):
    """The existing dataset of the same bytes; what storage lost is restored, a failure that
    another try may fix is processed again, any other failure is the answer."""
    if dataset.status == Dataset.FAILED and dataset.error_code not in RETRYABLE:
        raise DatasetError(dataset.error_code, **(dataset.error_params or {}))
    files.store(dataset.original_name, fileobj)  # a no-op unless the file went missing
    converted = dataset.status == Dataset.READY and default_storage.exists(dataset.data_name)
    if dataset.status in (Dataset.FAILED, Dataset.READY) and not converted:
        Dataset.objects.filter(pk=dataset.pk).update(status=Dataset.PENDING)
        dataset.status = Dataset.PENDING
        _schedule(dataset.sha256)
    return dataset


def _schedule(sha256):
    from ..tasks import profile_dataset

    transaction.on_commit(lambda: profile_dataset.delay(sha256))


def process(sha256):
    """Convert and profile a stored dataset (idempotent); returns its final status."""
    dataset = Dataset.objects.filter(sha256=sha256).first()
    if dataset is None:
        log.warning("Dataset %s to process does not exist", sha256)
        return None
    if dataset.status == Dataset.READY and default_storage.exists(dataset.data_name):
        return dataset.status
    Dataset.objects.filter(pk=dataset.pk).update(status=Dataset.PROCESSING)
    try:
        with tempfile.TemporaryDirectory(dir=files.cache_dir(), prefix="work-") as work:
            outcome = _convert_and_profile(dataset, work)
    except DatasetError as exc:
        dataset.status, dataset.profile = Dataset.FAILED, None
        dataset.error_code, dataset.error_params = exc.code, exc.params
        dataset.error_message = exc.english()
    except Exception:
        log.exception("Processing dataset %s failed", sha256)
        dataset.status, dataset.profile = Dataset.FAILED, None
        dataset.error_code, dataset.error_params = "processing_failed", {}
        dataset.error_message = DatasetError("processing_failed").english()
    else:
        dataset.status, dataset.error_code, dataset.error_params = Dataset.READY, "", {}
        dataset.error_message = ""
        dataset.profile, dataset.warnings, dataset.encoding = outcome
    dataset.save()
    return dataset.status


def _convert_and_profile(dataset, work):
    original = files.local_path(dataset.original_name, dataset.sha256)
    limits = files.limits()
    engine = {
        "threads": int(files.setting("DXQ_DATASET_CONVERT_THREADS")),
        "memory_limit": files.setting("DXQ_DATASET_CONVERT_MEMORY_LIMIT"),
    }
    target = os.path.join(work, "data.duckdb")
    warnings = []
    encoding = ""
    if dataset.kind == Dataset.CSV:
        encoding = intake.scan_encoding(intake.iter_file(original))
        with open(original, "rb") as handle:
            first_line = handle.readline(1024 * 1024).decode(encoding, errors="replace")
        delimiter = intake.detect_delimiter(first_line)
        converted = convert.convert_csv(
            original, target, work, encoding, delimiter, limits, **engine
        )
    else:
        with open(original, "rb") as handle:
            warnings += xlsx.check_zip(handle, limits)
        converted = convert.convert_xlsx(original, target, work, limits, **engine)
    warnings += converted.warnings
    result = profile.profile(target, **engine)
    files.replace_derived(dataset.data_name, target)
    return result, warnings, encoding


# ----------------------------------------------------------------------------------- reads


def find(sha256):
    """The dataset with this SHA-256, or ``not_found``."""
    dataset = None
    if isinstance(sha256, str) and SHA256.match(sha256):
        dataset = Dataset.objects.filter(sha256=sha256).first()
    if dataset is None:
        raise DatasetError("not_found")
    return dataset


def data_path(dataset):
    """The local DuckDB file of a ready dataset (``not_ready``/``failed`` otherwise)."""
    if dataset.status == Dataset.FAILED:
        raise DatasetError("failed")
    if dataset.status != Dataset.READY:
        raise DatasetError("not_ready")
    return files.local_path(dataset.data_name, dataset.sha256)


def engine():
    """Options of every read."""
    return {"memory_limit": files.setting("DXQ_DATASET_QUERY_MEMORY_LIMIT")}


def info(dataset):
    """What pages and blocks show about a dataset (messages in the active language)."""
    result = dataset.profile or {}
    error = None
    if dataset.status == Dataset.FAILED:
        error = {
            "code": dataset.error_code,
            "message": message(dataset.error_code, dataset.error_params),
        }
    return {
        "sha256": dataset.sha256,
        "filename": dataset.original_filename,
        "kind": dataset.kind,
        "encoding": dataset.encoding,
        "size_bytes": dataset.size_bytes,
        "status": dataset.status,
        "status_label": str(dataset.get_status_display()),
        "error": error,
        "warnings": [
            {**w, "message": message(w.get("code"), w.get("params"))}
            for w in dataset.warnings or []
        ],
        "rows": result.get("row_count"),
        "columns": [
            {"name": c["name"], "type": c["type"], "kind": c["kind"], "missing": c["missing"]}
            for c in result.get("columns", [])
        ],
        "profile": dataset.profile,
        "created": dataset.created.isoformat() if dataset.created else None,
        "download_url": reverse("dxq_casestudy:dataset_download", args=[dataset.sha256]),
    }


def page(sha256, **options):
    """A page of rows (see :func:`casestudy_xblock.datasets.query.page`)."""
    return query.page(data_path(find(sha256)), **options, **engine())


def aggregate(sha256, **options):
    """Chart groups (see :func:`casestudy_xblock.datasets.query.aggregate`)."""
    return query.aggregate(data_path(find(sha256)), **options, **engine())


def evaluate(sql, tables):
    """An expected answer over ``{slug: sha256}``."""
    paths = {}
    for slug, sha256 in dict(tables).items():
        expressions.check_slug(slug)
        paths[slug] = data_path(find(sha256))
    timeout = float(files.setting("DXQ_DATASET_QUERY_TIMEOUT_SECONDS"))
    return expressions.evaluate(sql, paths, timeout=timeout, **engine())


def download(sha256):
    """The file learners download: a UTF-8 CSV (with BOM, for Excel) or the original XLSX."""
    dataset = find(sha256)
    original = files.local_path(dataset.original_name, dataset.sha256)
    name = dataset.original_filename
    if dataset.kind == Dataset.CSV:
        path = files.utf8_csv_copy(original, dataset.encoding or intake.UTF8, dataset.sha256)
        if not name.lower().endswith(".csv"):
            name += ".csv"
    else:
        path = original
        if not name.lower().endswith(".xlsx"):
            name += ".xlsx"
    result = File(open(path, "rb"), name=name)  # noqa: SIM115 - the caller closes it
    result.content_type = CONTENT_TYPES[dataset.kind]
    return result

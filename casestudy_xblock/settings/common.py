"""Defaults for every environment. Production only derives values from these."""

from .helpers import add_locale_dir, apply_defaults

#: Every setting casestudy_xblock reads, with its default.
DEFAULTS = {
    # Which edition of the DX Promotion Skill Standard tags and reports use by default.
    "DXQ_SKILL_STANDARD_EDITION": "v1",
    # Case datasets (ADR 0007). Uploads larger than this are refused.
    "DXQ_DATASET_MAX_BYTES": 50 * 1024 * 1024,
    # An XLSX is a zip: refuse one that unpacks to more than this (zip bombs) ...
    "DXQ_DATASET_MAX_UNCOMPRESSED_BYTES": 512 * 1024 * 1024,
    # ... or with a part (of 1 MB or more) compressed more than this many times.
    "DXQ_DATASET_MAX_ZIP_RATIO": 200,
    "DXQ_DATASET_MAX_COLUMNS": 500,
    # How much of a CSV the upload request checks; the Celery task checks the rest.
    "DXQ_DATASET_SNIFF_BYTES": 1024 * 1024,
    # Local copies of stored files when storage has no local paths (S3), and work files.
    # None: "dxq-dataset-cache" in the system's temporary directory (never under MEDIA_ROOT,
    # which web servers often serve without a login).
    "DXQ_DATASET_CACHE_DIR": None,
    # DuckDB while converting and profiling (Celery worker) ...
    "DXQ_DATASET_CONVERT_THREADS": 2,
    "DXQ_DATASET_CONVERT_MEMORY_LIMIT": "1GB",
    # ... and for every read (pages, charts, expected answers): one thread each.
    "DXQ_DATASET_QUERY_MEMORY_LIMIT": "256MB",
    "DXQ_DATASET_QUERY_TIMEOUT_SECONDS": 10,
}


def plugin_settings(settings):
    """Add this package's defaults and Japanese catalogues to the host project's settings."""
    apply_defaults(settings, DEFAULTS)
    add_locale_dir(settings, __file__)

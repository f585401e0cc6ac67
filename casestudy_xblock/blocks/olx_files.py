"""Dataset files that travel with a course export, so another Open edX gets the case's data.

The OLX names a dataset by its SHA-256 only (``<dataset slug sha256 filename>``). During a
course export Open edX gives the runtime ``export_fs``, the PyFilesystem of the export
directory (edx-platform's ``xml_exporter`` sets it). Each dataset's original file is written
once to ``dxq_datasets/<sha256>/<file name>`` at the top of the export, not under ``static/``:
a course import turns every file under ``static/`` into a course asset (Files & Uploads), which
is public unless locked, and a dataset is the case's material, not a page asset. The importer
leaves other top-level folders alone. During a course import the runtime's
``resources_fs`` is the course directory being imported: a dataset this site does not know is
read from there, must have the SHA-256 the OLX names, and goes through
``casestudy_xblock.api.import_dataset`` (the checks, limits and profiling of a Studio upload).

Without those filesystems (the workbench, plain XML serialisation) nothing changes. A dataset
whose file is not in the export stays as the OLX names it: a warning is logged and the block
shows it as missing until an author uploads the file.
"""

import logging
import posixpath
import re
import shutil

from django.utils.translation import gettext as _

log = logging.getLogger(__name__)

EXPORT_DIR = "dxq_datasets"
SHA256 = re.compile(r"^[0-9a-f]{64}$")
COPY_CHUNK = 1024 * 1024
MAX_NAME = 200


def _api():
    """``casestudy_xblock.api``, imported when first needed (it needs Django's app registry)."""
    from .. import api

    return api


def file_name(filename):
    """The file name a dataset has in the export: the last path part of ``filename``, printable
    characters only, never empty, ``.`` or ``..``."""
    name = posixpath.basename(str(filename or "").replace("\\", "/"))
    name = "".join(char for char in name if char.isprintable()).strip()[:MAX_NAME]
    return name if name not in ("", ".", "..") else "dataset"


def export_path(sha256, filename):
    """``dxq_datasets/<sha256>/<file name>``: where a dataset's original is exported."""
    return f"{EXPORT_DIR}/{sha256}/{file_name(filename)}"


def _sha256(dataset):
    """The dataset's SHA-256 in lower case, or None when it is not one (nothing to carry)."""
    value = str(dataset.get("sha256") or "").strip().lower()
    return value if SHA256.match(value) else None


def export_files(export_fs, datasets):
    """Write the original file of each dataset to ``export_fs`` (once per SHA-256 and course).

    A dataset this site does not have (or whose file storage lost) is left out with a warning:
    the export itself goes on.
    """
    if export_fs is None:
        return
    for dataset in datasets:
        sha256 = _sha256(dataset)
        if sha256 is None:
            continue
        path = export_path(sha256, dataset.get("filename"))
        if export_fs.exists(path):
            continue  # another block (or dataset) of the course wrote it already
        api = _api()
        try:
            source = api.dataset_original(sha256)
        except api.DatasetRejected:
            log.warning(
                "Course export: dataset %r (SHA-256 %s) is not on this site; its file is not "
                "in the export, so the importing site will show it as missing.",
                dataset.get("slug"),
                sha256,
            )
            continue
        with source:
            export_fs.makedirs(posixpath.dirname(path), recreate=True)
            with export_fs.open(path, "wb") as target:
                shutil.copyfileobj(source, target, COPY_CHUNK)


def _find(resources_fs, sha256, filename):
    """The path of the dataset's file in the imported course: its own name first, else the one
    file of its SHA-256 directory (a renamed file; its SHA-256 is checked anyway)."""
    path = export_path(sha256, filename)
    if resources_fs.exists(path):
        return path
    directory = f"{EXPORT_DIR}/{sha256}"
    if resources_fs.isdir(directory):
        names = sorted(
            name
            for name in resources_fs.listdir(directory)
            if resources_fs.isfile(f"{directory}/{name}")
        )
        if names:
            return f"{directory}/{names[0]}"
    return None


def import_files(resources_fs, datasets):
    """Store each dataset this site does not know from the imported course's files.

    Raises :class:`~casestudy_xblock.blocks.olx.OlxError` (translated) when a file is refused:
    other bytes than its SHA-256 says, too large, or not a dataset the upload would accept.
    """
    if resources_fs is None:
        return
    from .olx import OlxError

    api, seen = _api(), set()
    for dataset in datasets:
        sha256 = _sha256(dataset)
        if sha256 is None or sha256 in seen:
            continue
        seen.add(sha256)
        if api.get_dataset(sha256) is not None:
            continue  # this site has it (the same bytes: the SHA-256 says so)
        filename = file_name(dataset.get("filename"))
        path = _find(resources_fs, sha256, filename)
        if path is None:
            log.warning(
                "Course import: dataset %r (%s, SHA-256 %s) is not on this site and the course "
                "has no file %s; the case shows it as missing until an author uploads the file "
                "in Studio.",
                dataset.get("slug"),
                filename,
                sha256,
                export_path(sha256, filename),
            )
            continue
        try:
            with resources_fs.open(path, "rb") as handle:
                api.import_dataset(handle, filename, sha256)
        except api.DatasetRejected as error:
            raise OlxError(
                _("The file of dataset “%(slug)s” in the course (%(path)s) was refused: %(reason)s")
                % {"slug": dataset.get("slug", ""), "path": path, "reason": error.message}
            ) from error
        log.info(
            "Course import: dataset %r (SHA-256 %s) stored from %s",
            dataset.get("slug"),
            sha256,
            path,
        )

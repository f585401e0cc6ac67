"""The public Python API of casestudy_xblock that other packages and views call."""

from django.urls import reverse
from django.utils.translation import gettext as _


def home_links(user, user_roles):
    """Links this package adds to a person's home page (see conf.portal)."""
    return [
        {
            "title": _("DX Promotion Skill Standard"),
            "text": _(
                "The skills every case study and badge is mapped to: talent types, roles and "
                "the common skill list."
            ),
            "url": reverse("dxq_casestudy:skills"),
        }
    ]


# ------------------------------------------------------------------ case datasets (ADR 0007)

#: HTTP status of a refused upload or read, by error code (400 for the others).
DATASET_HTTP_STATUS = {
    "too_large": 413,
    "binary": 415,
    "xls_legacy": 415,
    "utf16": 415,
    "not_found": 404,
    "not_ready": 409,
    "failed": 409,
}


class DatasetRejected(Exception):
    """A dataset upload or read that cannot be done, with a message for the user.

    ``code`` is stable (see ``casestudy_xblock.datasets.errors.MESSAGES``), ``params`` fill the
    message, ``message`` is translated in the language active when it was raised (Japanese by
    default) and ``http_status`` is what a view should answer.
    """

    def __init__(self, code, params=None):
        from .datasets.service import message

        self.code = code
        self.params = dict(params or {})
        self.message = message(code, self.params)
        self.http_status = DATASET_HTTP_STATUS.get(code, 400)
        super().__init__(self.message)

    def as_dict(self):
        """The JSON body of an error response."""
        return {"error": self.code, "message": self.message}


def _dataset_call(function, *args, **kwargs):
    from .datasets.errors import DatasetError

    try:
        return function(*args, **kwargs)
    except DatasetError as exc:
        raise DatasetRejected(exc.code, exc.params) from exc


def upload_dataset(fileobj, filename, user=None):
    """Check an uploaded CSV/XLSX (cheap, bounded checks), store it, schedule its profiling.

    Returns :func:`get_dataset`'s dict plus ``"created"`` (False when the same bytes were
    uploaded before: that dataset is returned). Raises :class:`DatasetRejected`.
    """
    from .datasets import service

    dataset, created = _dataset_call(service.upload, fileobj, filename, user)
    return {**service.info(dataset), "created": created}


def get_dataset(sha256):
    """Status, profile, columns, warnings and error of a dataset, or None when unknown."""
    from .datasets import service
    from .datasets.errors import DatasetError

    try:
        return service.info(service.find(sha256))
    except DatasetError:
        return None


def dataset_page(
    sha256, page=1, page_size=50, sort=None, descending=False, filters=(), offset=None
):
    """One page of rows (``page`` from 1, ``page_size`` <= 200; or an explicit ``offset``).

    ``filters``: ``[{"column", "op" (=, !=, <, <=, >, >=, contains), "value"}]``. Returns
    ``{"columns": [{"name", "type"}], "rows", "total", "offset", "limit", "page", "page_size"}``.
    """
    from .datasets import service

    if offset is None:
        if isinstance(page, bool) or not isinstance(page, int) or page < 1:
            raise DatasetRejected("bad_range", {"name": "page", "min": 1, "max": 2**31 - 1})
        offset = (page - 1) * page_size if isinstance(page_size, int) else 0
    result = _dataset_call(
        service.page,
        sha256,
        sort=sort,
        descending=bool(descending),
        offset=offset,
        limit=page_size,
        filters=filters,
    )
    return {**result, "page": offset // result["limit"] + 1, "page_size": result["limit"]}


def dataset_aggregate(
    sha256, group_by, agg="count", value=None, filters=(), limit=50, order="value"
):
    """``agg`` (count, sum, avg, min, max) of column ``value`` per value of ``group_by``.

    At most ``limit`` (<= 50) groups, largest first (``order="x"``: by the group). Returns
    ``{"group_by", "value", "agg", "labels", "values", "groups", "total_groups", "truncated"}``.
    """
    from .datasets import service

    result = _dataset_call(
        service.aggregate,
        sha256,
        x=group_by,
        y=value,
        agg=agg,
        filters=filters,
        limit=limit,
        order=order,
    )
    return {
        "group_by": group_by,
        "value": result["y"],
        "agg": agg,
        "labels": [group["x"] for group in result["groups"]],
        "values": [group["value"] for group in result["groups"]],
        "groups": result["groups"],
        "total_groups": result["total_groups"],
        "truncated": result["truncated"],
    }


def evaluate_expression(sql, tables):
    """The single value of an operator's SELECT over ``{slug: sha256}`` (expected answers)."""
    from .datasets import service

    return _dataset_call(service.evaluate, sql, tables)


def dataset_file(sha256):
    """The file learners download, open for reading (the caller closes it).

    A ``django.core.files.File`` whose ``name`` is the download file name and whose
    ``content_type`` is set: UTF-8 CSV (with BOM, for Excel) for CSVs, the original for XLSX.
    """
    from .datasets import service

    return _dataset_call(service.download, sha256)

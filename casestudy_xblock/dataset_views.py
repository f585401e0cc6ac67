"""JSON endpoints of case datasets: upload (operators), status and profile, rows, chart data,
download. Errors answer ``{"error": code, "message": translated}`` with a 4xx status."""

import json

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, JsonResponse
from django.urls import path, re_path
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_POST

from . import api, roles

UPLOADERS = (roles.OPERATOR, roles.ADMINISTRATOR)


def _error(rejected):
    return JsonResponse(rejected.as_dict(), status=rejected.http_status)


def _forbidden():
    from django.utils.translation import gettext

    message = gettext("Only course operators and administrators can upload datasets.")
    return JsonResponse({"error": "forbidden", "message": message}, status=403)


def _refuse_large_body(request):
    """413 before Django reads a request body far above the size limit (None otherwise)."""
    from .datasets.errors import human_size
    from .datasets.files import setting

    limit = int(setting("DXQ_DATASET_MAX_BYTES"))
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length <= limit + 64 * 1024:  # room for the multipart envelope
        return None
    params = {"size": human_size(length), "limit": human_size(limit)}
    return _error(api.DatasetRejected("too_large", params))


@login_required
@require_POST
def upload(request):
    """POST ``file``: 201 with the new dataset, 200 when the same bytes exist, 4xx refused."""
    if not any(roles.has_role(request.user, role) for role in UPLOADERS):
        return _forbidden()
    too_large = _refuse_large_body(request)
    if too_large is not None:
        return too_large
    uploaded = request.FILES.get("file")
    if uploaded is None:
        return _error(api.DatasetRejected("no_file"))
    try:
        result = api.upload_dataset(uploaded, uploaded.name, user=request.user)
    except api.DatasetRejected as rejected:
        return _error(rejected)
    return JsonResponse(result, status=201 if result["created"] else 200)


@login_required
@require_GET
def detail(request, sha256):
    """Status, profile, warnings and error of one dataset."""
    info = api.get_dataset(sha256)
    if info is None:
        return _error(api.DatasetRejected("not_found"))
    return JsonResponse(info)


def _int(request, name, default):
    try:
        return int(request.GET.get(name, default))
    except (TypeError, ValueError):
        return -1  # refused by the API with a clear range message


def _filters(request):
    raw = request.GET.get("filters")
    if not raw:
        return []
    try:
        filters = json.loads(raw)
    except ValueError:
        raise api.DatasetRejected("bad_filter") from None
    if not isinstance(filters, list):
        raise api.DatasetRejected("bad_filter")
    return filters


@login_required
@require_GET
def rows(request, sha256):
    """``?page=&page_size=&sort=&desc=1&filters=[{"column","op","value"}]``."""
    try:
        result = api.dataset_page(
            sha256,
            page=_int(request, "page", 1),
            page_size=_int(request, "page_size", 50),
            sort=request.GET.get("sort") or None,
            descending=request.GET.get("desc") in ("1", "true"),
            filters=_filters(request),
        )
    except api.DatasetRejected as rejected:
        return _error(rejected)
    return JsonResponse(result)


@login_required
@require_GET
def chart(request, sha256):
    """``?group_by=&agg=&value=&limit=&order=&filters=[...]``: groups for a chart."""
    try:
        result = api.dataset_aggregate(
            sha256,
            group_by=request.GET.get("group_by"),
            agg=request.GET.get("agg", "count"),
            value=request.GET.get("value") or None,
            filters=_filters(request),
            limit=_int(request, "limit", 50),
            order="x" if request.GET.get("order") == "x" else "value",
        )
    except api.DatasetRejected as rejected:
        return _error(rejected)
    return JsonResponse(result)


@login_required
@require_GET
def download(request, sha256):
    """The dataset file under its original name (UTF-8 CSV, or the original XLSX)."""
    try:
        handle = api.dataset_file(sha256)
    except api.DatasetRejected as rejected:
        return _error(rejected)
    response = FileResponse(handle, content_type=handle.content_type)
    response["Content-Disposition"] = content_disposition_header(True, handle.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


_SHA = r"(?P<sha256>[0-9a-f]{64})"

#: Included by ``casestudy_xblock.urls`` under ``datasets/`` (namespace ``dxq_casestudy``).
urlpatterns = [
    path("upload/", upload, name="dataset_upload"),
    re_path(rf"^{_SHA}/$", detail, name="dataset_detail"),
    re_path(rf"^{_SHA}/rows/$", rows, name="dataset_rows"),
    re_path(rf"^{_SHA}/chart/$", chart, name="dataset_chart"),
    re_path(rf"^{_SHA}/download/$", download, name="dataset_download"),
]

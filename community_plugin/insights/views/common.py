"""What every insights page shares: the secretariat check and file downloads."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse

from .. import exports
from ..access import is_secretariat

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def secretariat_required(view):
    """Signed-in operators and staff only (others: login page or 403)."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not is_secretariat(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def download(filename, fmt, tables):
    """A CSV (first table only) or XLSX (one sheet per table) attachment."""
    if fmt == "csv":
        _title, headers, rows = tables[0]
        response = HttpResponse(
            exports.to_csv(headers, rows), content_type="text/csv; charset=utf-8"
        )
        name = f"{filename}.csv"
    else:
        response = HttpResponse(exports.to_xlsx(tables), content_type=XLSX)
        name = f"{filename}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response

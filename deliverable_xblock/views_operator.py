"""Operator pages of peer review: dashboard, one deliverable, the flag queue, exports.

Course operators and staff only (anonymous: to the login page; anyone else: 403).
"""

import csv
import io
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import api, operator_data, svgchart
from .errors import DeliverableError
from .models import DeliverableSettings, Flag

#: Submissions listed on a deliverable's page (the neediest first); the export has them all.
PAGE_ROWS = 500


def operator_required(view):
    """Signed in, and a course operator or staff."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not api.is_operator(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@require_GET
@operator_required
def dashboard(request):
    """Every deliverable at a glance, with the at-risk queue and the flag queue."""
    return render(
        request,
        "deliverable_xblock/operator/dashboard.html",
        {
            "rows": operator_data.overview(),
            "escalations": operator_data.open_escalations(),
            "flags": operator_data.open_flags(),
        },
    )


@require_GET
@operator_required
def deliverable(request, pk):
    """One deliverable: submissions, coverage over time, disagreement, alpha, reviewers."""
    conf = get_object_or_404(DeliverableSettings, pk=pk)
    result = operator_data.estimate(conf)
    series = operator_data.coverage_series(conf)
    chart = svgchart.line_chart(
        [(row["day"].strftime("%m/%d"), row["percent"]) for row in series],
        title=_("Share of submissions with all their reviews, by day"),
    )
    return render(
        request,
        "deliverable_xblock/operator/deliverable.html",
        {
            "conf": conf,
            "submissions": operator_data.submissions_table(conf, result, limit=PAGE_ROWS),
            "submission_count": operator_data.submission_count(conf),
            "page_rows": PAGE_ROWS,
            "series": series,
            "chart": mark_safe(chart),  # noqa: S308 - svgchart escapes every text it writes
            "alphas": operator_data.alpha_by_criterion(conf),
            "reviewers": operator_data.reviewer_rows(conf),
            "escalations": operator_data.open_escalations(conf.block_key),
        },
    )


@require_POST
@operator_required
def resolve_flag(request, flag_id):
    """Hide the flagged review (a replacement is requested) or dismiss the flag."""
    flag = get_object_or_404(Flag, pk=flag_id)
    action = request.POST.get("action")
    try:
        if action == "hide":
            api.hide_review(flag.review_id, request.user, reason=flag.reason)
            messages.success(request, _("The review is hidden and a new reviewer is requested."))
        elif action == "dismiss":
            api.dismiss_flag(flag.pk, request.user)
            messages.success(request, _("The flag is dismissed; the review stays visible."))
        else:
            messages.error(request, _("Please choose an action."))
    except DeliverableError as exc:
        messages.error(request, exc.message)
    return redirect("dxq_deliverable:operator_dashboard")


def _filename(conf, ext):
    return f"peer-review-{conf.pk}.{ext}"


@require_GET
@operator_required
def export_csv(request, pk):
    """Every review score of the deliverable, with grades, as CSV (UTF-8 with BOM for Excel)."""
    conf = get_object_or_404(DeliverableSettings, pk=pk)
    header, rows = operator_data.export_rows(conf)
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(conf, "csv")}"'
    return response


@require_GET
@operator_required
def export_xlsx(request, pk):
    """The same export as an Excel workbook (openpyxl)."""
    from openpyxl import Workbook

    conf = get_object_or_404(DeliverableSettings, pk=pk)
    header, rows = operator_data.export_rows(conf)
    book = Workbook()
    sheet = book.active
    sheet.title = "reviews"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    coverage = book.create_sheet("coverage")
    coverage.append(["day", "submitted", "covered", "percent"])
    for point in operator_data.coverage_series(conf):
        coverage.append([point["day"], point["submitted"], point["covered"], point["percent"]])
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(conf, "xlsx")}"'
    return response

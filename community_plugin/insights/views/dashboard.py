"""The community health dashboard and its exports (operators and staff)."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from community_plugin.models import Space

from .. import svg
from ..forms import PeriodForm, default_period
from ..metrics import compute
from ..metrics.activity import today
from .common import download, secretariat_required


def _choice(request):
    """(form, space or None, start, end) from the query string; defaults: program, 28 days."""
    spaces = list(Space.objects.order_by("kind", "name"))
    start, end = default_period(today())
    data = request.GET if "start" in request.GET else None
    form = PeriodForm(data, spaces=spaces, initial={"start": start, "end": end, "space": ""})
    space = None
    if data is not None and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        chosen = form.cleaned_data.get("space")
        space = next((s for s in spaces if str(s.pk) == chosen), None)
    return form, space, start, end


def _charts(metrics):
    for metric in metrics:
        build = svg.column_chart if metric.chart == "column" else svg.bar_chart
        metric.svg = build(
            f"chart-{metric.key}", str(metric.title), metric.points, desc=metric.description
        )
    return metrics


@secretariat_required
def dashboard(request):
    form, space, start, end = _choice(request)
    metrics = [] if form.errors else _charts(compute(space, start, end))
    return render(
        request,
        "community_plugin/insights/dashboard.html",
        {
            "form": form,
            "space": space,
            "start": start,
            "end": end,
            "metrics": metrics,
            "query": request.GET.urlencode(),
        },
    )


def _tables(metrics):
    summary = (
        _("Summary"),
        [_("Metric"), _("This period"), _("Previous period"), _("Change (%)")],
        [
            (
                str(m.title),
                m.value if m.value is not None else "",
                m.previous if m.previous is not None else "",
                round(m.trend * 100, 1) if m.trend is not None else "",
            )
            for m in metrics
        ],
    )
    return [summary] + [(str(m.title), [str(h) for h in m.headers], m.rows) for m in metrics]


@secretariat_required
def export(request, fmt):
    form, space, start, end = _choice(request)
    if form.errors:
        raise Http404
    metrics = compute(space, start, end)
    key = request.GET.get("metric")
    name = f"community-health-{space.slug if space else 'program'}-{start}-{end}"
    if key:
        chosen = [m for m in metrics if m.key == key]
        if not chosen:
            raise Http404
        metric = chosen[0]
        return download(
            f"{name}-{key}",
            fmt,
            [(str(metric.title), [str(h) for h in metric.headers], metric.rows)],
        )
    return download(name, fmt, _tables(metrics))

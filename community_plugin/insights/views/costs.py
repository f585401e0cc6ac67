"""Cost inputs: what the program spent, and completers when the badges app cannot tell."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ..forms import CompleterForm, CostForm
from ..models import CompleterCount, CostEntry
from .common import secretariat_required


@secretariat_required
@require_http_methods(["GET", "POST"])
def costs(request):
    cost_form = CostForm(request.POST if "add_cost" in request.POST else None, prefix="cost")
    completer_form = CompleterForm(
        request.POST if "add_completers" in request.POST else None, prefix="done"
    )
    if request.method == "POST":
        form = cost_form if "add_cost" in request.POST else completer_form
        if form.is_valid():
            entry = form.save(commit=False)
            if isinstance(entry, CostEntry):
                entry.created_by = request.user
            entry.save()
            messages.success(request, _("Recorded."))
            return redirect("dxq_insights:costs")
    return render(
        request,
        "community_plugin/insights/costs.html",
        {
            "cost_form": cost_form,
            "completer_form": completer_form,
            "entries": CostEntry.objects.select_related("space")[:200],
            "completers": CompleterCount.objects.all()[:100],
        },
    )


@secretariat_required
@require_POST
def delete(request, kind, pk):
    model = CostEntry if kind == "cost" else CompleterCount
    get_object_or_404(model, pk=pk).delete()
    messages.success(request, _("Removed."))
    return redirect("dxq_insights:costs")

"""Feedback pages: send, my feedback, the triage board, one item, "you said, we did"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import feedback as service
from ..errors import RateLimited
from ..forms import FeedbackForm, TriageForm
from ..models import FeedbackItem
from .common import secretariat_required


@login_required
@require_http_methods(["GET", "POST"])
def send(request):
    """The feedback form; the page it came from is prefilled from ?from= or the referrer."""
    if request.method == "POST":
        form = FeedbackForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                service.submit(
                    request.user,
                    category=data["category"],
                    program=data["program"],
                    text=data["text"],
                    page_url=service.page_path(data["page_url"], request.get_host()),
                    contact=data["contact"],
                )
            except RateLimited as limit:
                form.add_error(
                    None,
                    _(
                        "You have sent %(limit)s feedback items in the last hour. Please try "
                        "again later; what you wrote is still here."
                    )
                    % {"limit": limit.args[0]},
                )
            else:
                messages.success(
                    request, _("Thank you. Your feedback has reached the secretariat.")
                )
                return redirect("dxq_insights:my_feedback")
    else:
        source = request.GET.get("from") or request.META.get("HTTP_REFERER", "")
        form = FeedbackForm(initial={"page_url": service.page_path(source, request.get_host())})
    return render(request, "community_plugin/insights/feedback_form.html", {"form": form})


@login_required
def mine(request):
    items = FeedbackItem.objects.filter(author=request.user).select_related("duplicate_of")
    return render(request, "community_plugin/insights/feedback_mine.html", {"items": items})


@secretariat_required
def board(request):
    status = request.GET.get("status", "")
    items = (
        FeedbackItem.objects.filter(duplicate_of__isnull=True)
        .select_related("owner")
        .annotate(merged=Count("duplicates"))
    )
    if status in dict(FeedbackItem.STATUS_CHOICES):
        items = items.filter(status=status)
    query = request.GET.get("q", "").strip()
    if query:
        items = items.filter(Q(text__icontains=query) | Q(public_said__icontains=query))
    counts = dict(
        FeedbackItem.objects.filter(duplicate_of__isnull=True)
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    columns = [(code, label, counts.get(code, 0)) for code, label in FeedbackItem.STATUS_CHOICES]
    return render(
        request,
        "community_plugin/insights/feedback_board.html",
        {"items": items[:200], "columns": columns, "status": status, "query": query},
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def item(request, pk):
    feedback = get_object_or_404(FeedbackItem.objects.select_related("author", "owner"), pk=pk)
    initial = {
        "status": feedback.status,
        "owner": feedback.owner,
        "tags": ", ".join(feedback.tags),
        "duplicate_of": feedback.duplicate_of_id,
        "reply": feedback.reply,
        "published": feedback.published,
        "public_said": feedback.public_said,
        "public_did": feedback.public_did,
    }
    if request.method == "POST":
        form = TriageForm(request.POST, item=feedback, initial=initial)
        if form.is_valid():
            data = form.cleaned_data
            emailed = service.triage(
                feedback,
                actor=request.user,
                status=data["status"],
                owner=data["owner"],
                tags=data["tags"].split(","),
                duplicate_of=data["duplicate_of"],
                reply=data["reply"],
                published=data["published"],
                public_said=data["public_said"],
                public_did=data["public_did"],
            )
            messages.success(
                request,
                _("Saved. The reply is on its way to the sender.") if emailed else _("Saved."),
            )
            return redirect("dxq_insights:feedback_item", pk=feedback.pk)
    else:
        form = TriageForm(initial=initial, item=feedback)
    duplicates = feedback.duplicates.all()
    return render(
        request,
        "community_plugin/insights/feedback_item.html",
        {"item": feedback, "form": form, "duplicates": duplicates},
    )


def you_said_we_did(request):
    """Public: what the secretariat changed after feedback, and why."""
    return render(
        request,
        "community_plugin/insights/you_said_we_did.html",
        {"items": service.published_items()},
    )

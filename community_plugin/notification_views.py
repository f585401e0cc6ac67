"""Pages for notifications: the list, preferences, and one-click unsubscribe from emails."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from . import emails, notifications
from .errors import BadToken
from .forms import PreferencesForm
from .models import Notification
from .models.notifications import KIND_CHOICES


@login_required
def notification_list(request):
    """Your notifications, newest first; POST marks them all read."""
    if request.method == "POST":
        changed = notifications.mark_read(request.user)
        messages.success(request, _("%(count)s notifications marked as read.") % {"count": changed})
        return redirect("dxq_community:notifications")
    page = Paginator(notifications.list_for(request.user), 30).get_page(request.GET.get("page"))
    return render(
        request,
        "community_plugin/notifications.html",
        {"page": page, "unread": notifications.unread_count(request.user)},
    )


@login_required
def notification_open(request, pk):
    """Mark one notification read and follow its link (links inside this site only)."""
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    notifications.mark_read(request.user, [notification.pk])
    if notification.url and url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(notification.url)
    return redirect("dxq_community:notifications")


@login_required
def preferences(request):
    """How each kind of notification reaches you by email."""
    current = notifications.preferences(request.user)
    form = PreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        for kind, value in form.cleaned_data.items():
            notifications.set_preference(request.user, kind, value)
        messages.success(request, _("Your notification settings were saved."))
        return redirect("dxq_community:preferences")
    return render(
        request,
        "community_plugin/preferences.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@csrf_exempt  # RFC 8058: mail providers POST "List-Unsubscribe=One-Click" without a CSRF token
def unsubscribe(request, token):
    """One-click unsubscribe from one kind of email; works without logging in.

    GET shows what the link does and a button (link checkers that prefetch GET change nothing);
    POST, from that button or a mail program (RFC 8058), turns that kind's email off.
    """
    try:
        user_id, kind = emails.read_token(token)
    except BadToken:
        return render(request, "community_plugin/unsubscribe.html", {"bad": True}, status=400)
    user = get_object_or_404(get_user_model(), pk=user_id)
    label = dict(KIND_CHOICES)[kind]
    done = False
    if request.method == "POST":
        notifications.set_preference(user, kind, "off")
        done = True
    return render(
        request,
        "community_plugin/unsubscribe.html",
        {"kind_label": label, "done": done, "email": user.email},
    )

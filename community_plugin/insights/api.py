"""The public Python API of community_plugin.insights. Other packages call only this."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from .access import is_secretariat


def feedback_counts(since, until):
    """{(program, category): count} of feedback items sent in [since, until)."""
    from .models import FeedbackItem

    rows = (
        FeedbackItem.objects.filter(created__gte=since, created__lt=until)
        .values_list("program", "category")
        .annotate(n=Count("pk"))
    )
    return {(program, category): n for program, category, n in rows}


def health_metrics(space=None, start=None, end=None):
    """The dashboard's metrics (see :mod:`.metrics`) for a space or the program."""
    from .metrics import compute

    return compute(space, start, end)


def feedback_url(page=""):
    """The feedback form, prefilled with the page it is reached from."""
    from urllib.parse import urlencode

    url = reverse("dxq_insights:feedback")
    return f"{url}?{urlencode({'from': page})}" if page else url


def home_links(user, roles):
    """Links this app adds to a person's home page (see conf.portal)."""
    if not getattr(user, "is_authenticated", False):
        return []
    links = [
        {
            "title": _("Send feedback"),
            "text": _("Tell the secretariat what works and what to change; see our replies."),
            "url": reverse("dxq_insights:feedback"),
        },
        {
            "title": _("Surveys for you"),
            "text": _("Questionnaires from the secretariat waiting for your answers."),
            "url": reverse("dxq_insights:my_surveys"),
        },
    ]
    if is_secretariat(user):
        links.insert(
            0,
            {
                "title": _("Community health"),
                "text": _(
                    "Whether the peer community works without instructors: activity, answers, "
                    "sessions, moderation, feedback and costs."
                ),
                "url": reverse("dxq_insights:dashboard"),
            },
        )
    return links

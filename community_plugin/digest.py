"""The weekly cohort digest: per space, unanswered questions, new ideas and upcoming sessions,
plus the person's notifications they chose to get "in the digest".

Threads come from ``community_plugin.discussions.api`` (``unanswered_questions`` and
``new_threads``) when that app is installed; without it the digest still lists sessions.
"""

import importlib
import logging
from datetime import timedelta

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from . import delivery
from .emails import absolute
from .models import Membership, Notification, Space, StudySession

log = logging.getLogger(__name__)

#: How far back the digest looks, and how far ahead for sessions.
PERIOD = timedelta(days=7)
AHEAD = timedelta(days=14)
#: At most this many items per section (the rest is "and N more" on the site).
SECTION_LIMIT = 5


def _discussions():
    try:
        return importlib.import_module("community_plugin.discussions.api")
    except ImportError:
        return None


def _thread_url(thread):
    if isinstance(thread, dict):
        return thread.get("url", "")
    if hasattr(thread, "get_absolute_url"):
        return thread.get_absolute_url()
    try:
        return reverse("dxq_discussions:thread", args=[thread.pk])
    except NoReverseMatch:
        return ""


def _thread_item(thread):
    title = thread["title"] if isinstance(thread, dict) else thread.title
    return {"title": title, "url": absolute(_thread_url(thread)) if _thread_url(thread) else ""}


def _threads(function_name, space, *args):
    discussions = _discussions()
    function = getattr(discussions, function_name, None) if discussions else None
    if function is None:
        return []
    return [_thread_item(thread) for thread in list(function(space, *args))]


def _sessions(space, now):
    sessions = StudySession.objects.filter(
        space=space, cancelled=False, starts_at__gte=now, starts_at__lt=now + AHEAD
    ).order_by("starts_at")
    from .study_sessions import local_time

    return [
        {
            "title": session.title,
            "when": local_time(session.starts_at),
            "url": absolute(reverse("dxq_community:session", args=[session.pk])),
        }
        for session in sessions
    ]


def digest_spaces(user):
    """The spaces whose news reach ``user``: every space they belong to that they may read."""
    from . import api

    return (
        api.visible_spaces(user)
        .filter(pk__in=Membership.objects.filter(user=user).values("space"))
        .order_by("kind", "name")
    )


def build(user, now=None):
    """The digest for ``user`` as plain data; ``empty`` tells whether there is anything to send."""
    now = now or timezone.now()
    since = now - PERIOD
    spaces = []
    for space in digest_spaces(user):
        section = {
            "name": space.name,
            "url": absolute(reverse("dxq_community:space", args=[space.slug])),
            "unanswered": _threads("unanswered_questions", space, since),
            "ideas": _threads("new_threads", space, "idea", since),
            "sessions": _sessions(space, now),
        }
        for key in ("unanswered", "ideas", "sessions"):
            section[f"{key}_more"] = max(0, len(section[key]) - SECTION_LIMIT)
            section[key] = section[key][:SECTION_LIMIT]
        if section["unanswered"] or section["ideas"] or section["sessions"]:
            spaces.append(section)
    pending = [
        {"title": n.title, "url": absolute(n.url) if n.url else "", "kind": n.get_kind_display()}
        for n in Notification.objects.filter(
            user=user, created__gte=since, emailed_at__isnull=True, read_at__isnull=True
        ).order_by("created")
        if _in_digest(user.pk, n.kind)
    ]
    return {
        "since": since,
        "until": now,
        "spaces": spaces,
        "notifications": pending,
        "empty": not spaces and not pending,
    }


def _in_digest(user_id, kind):
    from .notifications import delivery_of

    return delivery_of(user_id, kind) == delivery.IN_DIGEST


def recipients():
    """Ids of the people who get the weekly digest: members of cohort spaces who kept it on."""
    from .models import NotificationPreference

    off = NotificationPreference.objects.filter(kind=delivery.DIGEST, delivery=delivery.OFF)
    return list(
        Membership.objects.filter(
            space__kind__in=[Space.COURSE, Space.COHORT, Space.TEAM, Space.PROGRAM],
            user__is_active=True,
        )
        .exclude(user_id__in=off.values("user_id"))
        .values_list("user_id", flat=True)
        .distinct()
        .order_by("user_id")
    )

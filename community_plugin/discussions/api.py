"""The public Python API of community_plugin.discussions (digests, insights and home pages).

Everything returns plain data (dicts of ids, titles and URLs); models stay private.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from . import access
from . import search as _search
from .errors import DiscussionError, Forbidden, Invalid, NotFound, RateLimited  # noqa: F401
from .models import Thread

__all__ = [
    "DiscussionError",
    "accepted_answer_counts",
    "Forbidden",
    "Invalid",
    "NotFound",
    "RateLimited",
    "create_thread",
    "home_links",
    "new_threads",
    "readable_threads",
    "reindex",
    "search",
    "unanswered_questions",
]


def _summary(thread):
    return {
        "id": thread.pk,
        "space_id": thread.space_id,
        "kind": thread.kind,
        "title": thread.title,
        "url": reverse("dxq_discussions:thread", args=[thread.pk]),
        "author_id": thread.author_id,
        "created": thread.created,
        "last_activity": thread.last_activity,
        "reply_count": thread.reply_count,
        "answered": thread.accepted_post_id is not None,
        "skills": list(thread.skills or ()),
    }


def create_thread(user, space, *, kind, title, body, skills=()):
    """Start a thread in ``space`` as ``user``, with every check the new-thread page makes
    (membership, rate limit, kind, sizes), indexed for search and mentions notified.

    Returns the new thread's id; raises :class:`DiscussionError` kinds when refused.
    """
    from . import posting

    return posting.create_thread(user, space, kind=kind, title=title, body=body, skills=skills).pk


def unanswered_questions(space, since=None, limit=20):
    """Visible questions of ``space`` without an accepted answer (created after ``since``),
    the ones with fewest replies first."""
    threads = Thread.objects.filter(
        space=space, kind=Thread.QUESTION, hidden=False, accepted_post__isnull=True
    )
    if since is not None:
        threads = threads.filter(created__gte=since)
    return [_summary(t) for t in threads.order_by("reply_count", "-created")[:limit]]


def new_threads(space, kind=None, since=None, limit=20):
    """Visible threads of ``space`` (of ``kind`` if given) created after ``since``, newest first."""
    threads = Thread.objects.filter(space=space, hidden=False)
    if kind:
        threads = threads.filter(kind=kind)
    if since is not None:
        threads = threads.filter(created__gte=since)
    return [_summary(t) for t in threads.order_by("-created")[:limit]]


def search(user, q, filters=None, limit=20):
    """Threads ``user`` may read that match ``q`` (Japanese or English), best first.

    ``filters``: ``space`` (a Space), ``kind``, ``skill`` (a DSS-P id), ``answered`` (bool).
    """
    filters = filters or {}
    spaces = access.visible_spaces(user)
    if filters.get("space") is not None:
        spaces = spaces.filter(pk=filters["space"].pk)
    ids = _search.matching_ids(
        q,
        spaces,
        kind=filters.get("kind") or None,
        skill=filters.get("skill") or None,
        answered=filters.get("answered"),
    )[:limit]
    by_id = Thread.objects.in_bulk(ids)
    return [_summary(by_id[i]) for i in ids if i in by_id]


def reindex(space=None):
    """Rebuild the search tokens of every thread (of ``space``); returns how many threads.

    For data written straight into the tables (imports, generated demo data).
    """
    threads = Thread.objects.all() if space is None else Thread.objects.filter(space=space)
    count = 0
    for thread in threads.iterator(chunk_size=200):
        _search.index_thread(thread)
        count += 1
    return count


def readable_threads(user):
    """Ids of the threads ``user`` may read (a queryset of ids, for other apps' filters)."""
    return access.readable_threads(user).values_list("pk", flat=True)


def home_links(user, roles):
    """Links to the discussions for a person's home page."""
    if not user.is_authenticated or not access.visible_spaces(user).exists():
        return []
    links = [
        {
            "title": _("Discussions"),
            "text": _("Ask, answer and share with your peers in your community spaces."),
            "url": reverse("dxq_discussions:index"),
        }
    ]
    if access.is_operator(user) or _moderates_any(user):
        links.append(
            {
                "title": _("Moderation queue"),
                "text": _("Flagged posts and escalations waiting for review."),
                "url": reverse("dxq_discussions:moderation"),
            }
        )
    return links


def _moderates_any(user):
    from .moderation import moderated_spaces

    return bool(moderated_spaces(user))


def accepted_answer_counts(space_key=None):
    """``{user id: accepted answers}``: for each person, how many of their replies were
    accepted as the answer to someone else's question (visible ones only) in the space with
    slug ``space_key``, or, when None, in their best space. The history behind the badges'
    community-contribution backfill; the same count ``community_contribution`` sends."""
    from django.db.models import Count, F  # noqa: PLC0415

    rows = Thread.objects.filter(
        hidden=False, accepted_post__isnull=False, accepted_post__hidden=False
    ).exclude(author_id=F("accepted_post__author_id"))
    if space_key:
        rows = rows.filter(space__slug=space_key)
    counts = {}
    per_space = rows.values("space_id", "accepted_post__author_id").annotate(n=Count("pk"))
    for row in per_space:
        user_id = row["accepted_post__author_id"]
        counts[user_id] = max(counts.get(user_id, 0), row["n"])
    return counts

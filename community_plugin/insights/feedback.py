"""Feedback: sending, triage, replies and the public "you said, we did" list."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .errors import RateLimited
from .models import FeedbackItem


def page_path(url, host=None):
    """The path (and query) of a page of this site, or "" for another site's URL."""
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.netloc and host and parts.netloc != host:
        return ""
    if parts.scheme not in ("", "http", "https"):
        return ""
    path = parts.path or "/"
    if not path.startswith("/") or path.startswith("//") or "\\" in path:
        return ""  # protocol-relative or backslash tricks would leave the site
    return (path + (f"?{parts.query}" if parts.query else ""))[:500]


def check_rate(user):
    """Refuse a new item when ``user`` sent the hourly maximum already."""
    limit = settings.DXQ_INSIGHTS_FEEDBACK_PER_HOUR
    since = timezone.now() - dt.timedelta(hours=1)
    if FeedbackItem.objects.filter(author=user, created__gte=since).count() >= limit:
        raise RateLimited(limit)


def submit(user, *, category, program, text, page_url="", contact=""):
    check_rate(user)
    return FeedbackItem.objects.create(
        author=user,
        category=category,
        program=program,
        text=text,
        page_url=page_url,
        contact=contact,
    )


CLOSED = (FeedbackItem.DONE, FeedbackItem.DECLINED)


@transaction.atomic
def triage(
    item,
    *,
    actor,
    status,
    owner=None,
    tags=(),
    duplicate_of=None,
    reply="",
    published=False,
    public_said="",
    public_did="",
):
    """Apply the secretariat's decision; returns True when a new reply must be emailed."""
    from .tasks import send_feedback_reply

    now = timezone.now()
    if status in CLOSED and item.status not in CLOSED:
        item.closed = now
    elif status not in CLOSED:
        item.closed = None
    item.status = status
    item.owner = owner
    item.tags = sorted({t.strip() for t in tags if t.strip()})
    if duplicate_of is not None:
        duplicate_of = duplicate_of.duplicate_of or duplicate_of  # one level: the original
        if duplicate_of.pk == item.pk:
            duplicate_of = None  # never a loop (the form says why)
    item.duplicate_of = duplicate_of
    new_reply = reply.strip() and reply.strip() != item.reply
    item.reply = reply.strip()
    if new_reply:
        item.replied = now
    item.published = bool(published) and status == FeedbackItem.DONE
    item.public_said, item.public_did = public_said.strip(), public_did.strip()
    item.save()
    if duplicate_of is not None:
        # Merging: the duplicate follows its original's status from now on.
        item.duplicates.update(duplicate_of=duplicate_of)
    if new_reply and item.author_id:
        transaction.on_commit(lambda: send_feedback_reply.delay(item.pk))
    return bool(new_reply)


def published_items():
    return FeedbackItem.objects.filter(published=True, status=FeedbackItem.DONE).order_by("-closed")

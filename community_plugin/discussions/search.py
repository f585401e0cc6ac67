"""Japanese and English full-text search over threads: a token table filled at write time.

The same SQL runs on SQLite and MariaDB: ``token IN (...) GROUP BY thread HAVING COUNT = n``
(every query token present), ranked by the summed weights, then by recent activity.
See :mod:`.tokens` and ADR 0012.
"""

import hashlib
from collections import Counter

from django.db import transaction
from django.db.models import Count, Sum

from .models import Post, SearchToken, Thread
from .tokens import MAX_TOKEN, document_tokens, query_tokens

#: A title token counts this many times a body token.
TITLE_WEIGHT = 5
#: Most matches ranked for one query (a person reads the first pages only).
MAX_MATCHES = 1000
SKILL_PREFIX = "skill:"


def key(token):
    """The stored form of a token: 20 hex digits of its BLAKE2b hash."""
    return hashlib.blake2b(token.encode("utf-8"), digest_size=10).hexdigest()


def skill_token(skill_id):
    return (SKILL_PREFIX + str(skill_id))[:MAX_TOKEN]


def thread_tokens(thread, replies):
    """Counter of the tokens of ``thread`` and its visible ``replies`` (Markdown texts)."""
    counts = Counter()
    for token, n in document_tokens(thread.title).items():
        counts[token] += n * TITLE_WEIGHT
    counts.update(document_tokens(thread.body_md))
    for body in replies:
        counts.update(document_tokens(body))
    for skill in thread.skills or ():
        counts[skill_token(skill)] = 1
    return counts


@transaction.atomic
def index_thread(thread):
    """Rewrite the tokens of ``thread`` (call after every write to it or its replies)."""
    SearchToken.objects.filter(thread=thread).delete()
    if thread.hidden:
        return  # a hidden thread is found by nobody
    replies = Post.objects.filter(thread=thread, hidden=False).values_list("body_md", flat=True)
    counts = thread_tokens(thread, replies)
    SearchToken.objects.bulk_create(
        [
            SearchToken(thread_id=thread.pk, space_id=thread.space_id, key=key(t), weight=w)
            for t, w in counts.items()
        ],
        batch_size=500,
    )


def matching_ids(q, spaces, *, kind=None, skill=None, answered=None):
    """Ids of threads in ``spaces`` (a queryset or ids) matching ``q``, best first.

    ``q`` blank or without any token matches nothing (callers list instead).
    """
    wanted = query_tokens(q)
    if skill:
        wanted.append(skill_token(skill))
    if not wanted:
        return []
    rows = SearchToken.objects.filter(key__in=[key(t) for t in wanted], space__in=spaces)
    if kind:
        rows = rows.filter(thread__kind=kind)
    if answered is True:
        rows = rows.filter(thread__accepted_post__isnull=False)
    elif answered is False:
        rows = rows.filter(thread__kind=Thread.QUESTION, thread__accepted_post__isnull=True)
    grouped = (
        rows.values("thread_id")
        .annotate(hits=Count("id"), score=Sum("weight"))
        .filter(hits=len(wanted))
        .order_by("-score", "-thread_id")
    )
    return [row["thread_id"] for row in grouped[:MAX_MATCHES]]

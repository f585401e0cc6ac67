"""Posting rate limits per person, counted in the cache (shared by every worker with Redis)."""

import time

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from .errors import RateLimited


def _windows():
    return (
        ("m", 60, settings.DXQ_DISCUSSIONS_POSTS_PER_MINUTE),
        ("h", 3600, settings.DXQ_DISCUSSIONS_POSTS_PER_HOUR),
    )


def _key(user_id, name, seconds):
    return f"dxq-discussions:rate:{user_id}:{name}:{int(time.time()) // seconds}"


def check(user):
    """Raise :class:`RateLimited` when ``user`` may not post now (nothing is counted)."""
    for name, seconds, limit in _windows():
        if cache.get(_key(user.pk, name, seconds), 0) >= limit:
            if name == "m":
                message = _(
                    "You are posting too quickly. Wait a minute and send again: what you wrote "
                    "is kept below."
                )
            else:
                message = _(
                    "You have reached the number of posts allowed in an hour. Try again later: "
                    "what you wrote is kept below."
                )
            raise RateLimited(message)


def count(user):
    """Count one post of ``user`` in every window."""
    for name, seconds, _limit in _windows():
        key = _key(user.pk, name, seconds)
        if not cache.add(key, 1, seconds + 5):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, seconds + 5)

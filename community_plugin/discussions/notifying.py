"""Notifications go through ``community_plugin.api.notify`` (in-app rows, email by Celery)."""

from django.urls import reverse

from community_plugin import api as community


def thread_url(thread, post=None):
    url = reverse("dxq_discussions:thread", args=[thread.pk])
    return f"{url}#post-{post.pk}" if post is not None else url


def send(user_ids, *, kind, actor, thread, post=None, text=""):
    """Notify ``user_ids`` about ``thread`` (never the actor; nobody twice)."""
    ids = sorted({uid for uid in user_ids if uid and uid != getattr(actor, "pk", None)})
    if not ids:
        return []
    return community.notify(
        ids,
        kind=kind,
        actor=actor,
        space=thread.space,
        title=thread.title,
        url=thread_url(thread, post),
        text=text[:300],
    )

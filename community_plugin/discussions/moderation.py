"""Moderation without staff in every room: flags, masters' actions, the log, escalations."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from casestudy_xblock import roles
from casestudy_xblock.text import sanitize_plain

from . import access, notifying, search
from .errors import Forbidden, Invalid
from .models import Escalation, Flag, ModerationLog, Post, Thread

FLAG_REASONS = {code for code, _label in Flag.REASON_CHOICES}


def _log(actor, thread, post, action, note=""):
    return ModerationLog.objects.create(
        space_id=thread.space_id,
        thread=thread,
        post=post,
        actor=actor,
        action=action,
        note=sanitize_plain(note, 500, single_line=True),
    )


def _set_hidden(thread, post, hidden):
    if post is None:
        Thread.objects.filter(pk=thread.pk).update(hidden=hidden)
        thread.hidden = hidden
        search.index_thread(thread)
        return
    if post.hidden == hidden:
        return
    Post.objects.filter(pk=post.pk).update(hidden=hidden)
    post.hidden = hidden
    Thread.objects.filter(pk=thread.pk).update(reply_count=F("reply_count") + (-1 if hidden else 1))
    if hidden and thread.accepted_post_id == post.pk:
        Thread.objects.filter(pk=thread.pk).update(accepted_post=None, accepted_at=None)
        thread.accepted_post, thread.accepted_at = None, None
    search.index_thread(thread)


def _open_flags(thread, post):
    return Flag.objects.filter(thread=thread, post=post, resolved__isnull=True)


@transaction.atomic
def flag(user, thread, post, reason, note=""):
    """Report the thread body (``post`` None) or a reply; hide it at the flag threshold.

    Returns True when this flag hid it.
    """
    if reason not in FLAG_REASONS:
        raise Invalid(_("Choose a reason."), field="reason")
    author = post.author_id if post is not None else thread.author_id
    if author == user.pk:
        raise Forbidden(_("You cannot flag what you wrote."))
    if _open_flags(thread, post).filter(user=user).exists():
        raise Invalid(_("You have already flagged this. A community master will look at it."))
    Flag.objects.create(
        thread=thread,
        post=post,
        user=user,
        reason=reason,
        note=sanitize_plain(note, 500, single_line=True),
    )
    hidden = post.hidden if post is not None else thread.hidden
    count = _open_flags(thread, post).values("user").distinct().count()
    if not hidden and count >= settings.DXQ_DISCUSSIONS_FLAGS_TO_HIDE:
        _set_hidden(thread, post, True)
        _log(None, thread, post, "auto_hide", _("%(n)s flags") % {"n": count})
        return True
    return False


def _review(user, thread, post, action, note, hidden=None):
    """A moderator's decision on the thread body or a reply: show or hide it (unless
    ``hidden`` is None), close its open flags, and log ``action``."""
    access.check_moderate(user, thread.space)
    if hidden is not None:
        _set_hidden(thread, post, hidden)
    _open_flags(thread, post).update(resolved=timezone.now())
    _log(user, thread, post, action, note)


@transaction.atomic
def hide(user, thread, post=None, note=""):
    _review(user, thread, post, "hide", note, hidden=True)


@transaction.atomic
def restore(user, thread, post=None, note=""):
    _review(user, thread, post, "restore", note, hidden=False)


@transaction.atomic
def dismiss(user, thread, post=None, note=""):
    """Close the open flags without hiding (they were not right)."""
    _review(user, thread, post, "dismiss", note)


def _set_thread_state(user, thread, field, value, action, note):
    """A moderator turns the thread's ``pinned`` or ``closed`` on or off, and logs ``action``."""
    access.check_moderate(user, thread.space)
    Thread.objects.filter(pk=thread.pk).update(**{field: value})
    setattr(thread, field, value)
    _log(user, thread, None, action, note)


@transaction.atomic
def set_pinned(user, thread, pinned, note=""):
    _set_thread_state(user, thread, "pinned", pinned, "pin" if pinned else "unpin", note)


@transaction.atomic
def set_closed(user, thread, closed, note=""):
    _set_thread_state(user, thread, "closed", closed, "close" if closed else "reopen", note)


@transaction.atomic
def move(user, thread, space, note=""):
    """Move ``thread`` to ``space``; the mover must moderate both spaces."""
    access.check_moderate(user, thread.space)
    if not access.can_moderate(user, space):
        raise Forbidden(_("You can only move threads to spaces you moderate."))
    if space.pk == thread.space_id:
        return
    old = thread.space
    _log(user, thread, None, "move", f"{old.name} → {space.name} {note}".strip())
    Thread.objects.filter(pk=thread.pk).update(space=space)
    thread.space = space
    search.index_thread(thread)
    ModerationLog.objects.filter(thread=thread).update(space=space)


def escalate(user, thread, post=None, reason=""):
    """A community master hands something to the operators."""
    access.check_moderate(user, thread.space)
    reason = sanitize_plain(reason, 1000)
    if not reason:
        raise Invalid(_("Say what the operators should look at."), field="reason")
    with transaction.atomic():
        escalation = Escalation.objects.create(
            space_id=thread.space_id, thread=thread, post=post, raised_by=user, reason=reason
        )
        _log(user, thread, post, "escalate", reason)
    operators = get_user_model().objects.filter(
        Q(groups__name=roles.GROUPS[roles.OPERATOR]) | Q(is_staff=True), is_active=True
    )
    notifying.send(
        operators.values_list("pk", flat=True).distinct(),
        kind="escalation",
        actor=user,
        thread=thread,
        post=post,
        text=reason,
    )
    return escalation


@transaction.atomic
def resolve(user, escalation, resolution=""):
    if not access.is_operator(user):
        raise Forbidden(_("Only operators resolve escalations."))
    escalation.resolved, escalation.resolved_by = timezone.now(), user
    escalation.resolution = sanitize_plain(resolution, 1000)
    escalation.save(update_fields=["resolved", "resolved_by", "resolution"])
    _log(user, escalation.thread, escalation.post, "resolve", escalation.resolution)
    return escalation


def moderated_spaces(user):
    """Ids of the readable spaces ``user`` moderates."""
    spaces = access.visible_spaces(user)
    if access.is_operator(user):
        return list(spaces.values_list("pk", flat=True))
    return [space.pk for space in spaces if access.can_moderate(user, space)]


def queue(user):
    """What waits for ``user`` as a moderator: flagged items and (operators) escalations."""
    space_ids = moderated_spaces(user)
    flagged = (
        Flag.objects.filter(resolved__isnull=True, thread__space__in=space_ids)
        .values("thread", "post")
        .annotate(count=Count("id"))
        .order_by("-count", "thread", "post")
    )
    threads = Thread.objects.select_related("space", "author").in_bulk(
        {row["thread"] for row in flagged}
    )
    posts = Post.objects.select_related("author").in_bulk(
        {row["post"] for row in flagged if row["post"]}
    )
    reasons = {}
    for item in Flag.objects.filter(resolved__isnull=True, thread__space__in=space_ids):
        reasons.setdefault((item.thread_id, item.post_id), []).append(item)
    items = []
    for row in flagged:
        thread, post = threads[row["thread"]], posts.get(row["post"])
        items.append(
            {
                "thread": thread,
                "post": post,
                "count": row["count"],
                "hidden": post.hidden if post else thread.hidden,
                "flags": reasons.get((thread.pk, row["post"]), []),
            }
        )
    escalations = []
    if access.is_operator(user):
        escalations = list(
            Escalation.objects.filter(resolved__isnull=True)
            .select_related("thread", "space", "raised_by", "post")
            .order_by("created")
        )
    return {"flagged": items, "escalations": escalations}


def log_for(user, space_ids=None, limit=100):
    ids = moderated_spaces(user)
    if space_ids is not None:
        ids = [i for i in ids if i in set(space_ids)]
    return list(
        ModerationLog.objects.filter(space__in=ids).select_related("actor", "thread")[:limit]
    )

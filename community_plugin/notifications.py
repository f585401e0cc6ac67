"""In-app notifications and per-person delivery preferences (see :mod:`.delivery`)."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from . import delivery
from .models import Notification, NotificationPreference


class UnknownKind(ValueError):
    """A notification kind this package does not know."""


def preferences(user):
    """``{kind: delivery}`` for every kind, the person's choices over the defaults."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind: delivery.effective(kind, chosen.get(kind)) for kind in delivery.KINDS}


def set_preference(user, kind, value):
    """Choose how ``kind`` reaches ``user``; ValueError for a kind or value that is not allowed."""
    if kind not in delivery.KINDS or value not in delivery.choices_for(kind):
        raise ValueError(f"{kind}={value}")
    NotificationPreference.objects.update_or_create(
        user=user, kind=kind, defaults={"delivery": value}
    )


def delivery_of(user_id, kind):
    """How ``kind`` reaches the person with id ``user_id`` now."""
    chosen = (
        NotificationPreference.objects.filter(user_id=user_id, kind=kind)
        .values_list("delivery", flat=True)
        .first()
    )
    return delivery.effective(kind, chosen)


def notify(user_ids, *, kind, actor=None, space=None, title, url, text=""):
    """Create in-app notifications; queue the immediate emails once the transaction commits."""
    if kind not in delivery.KINDS:
        raise UnknownKind(kind)
    ids = {int(user_id) for user_id in user_ids}
    if actor is not None:
        ids.discard(actor.pk)
    if space is not None:  # nobody hears about a space they may not read
        from . import api

        ids = api.readers_among(space, ids)
    people = list(
        get_user_model().objects.filter(pk__in=ids, is_active=True).values_list("pk", flat=True)
    )
    created = [
        Notification.objects.create(
            user_id=user_id,
            kind=kind,
            actor=actor,
            space=space,
            title=title[:300],
            url=url[:500],
            text=text,
        )
        for user_id in sorted(people)
    ]
    to_email = [n.pk for n in created if delivery_of(n.user_id, kind) == delivery.IMMEDIATE]
    if to_email:
        from .tasks import queue_after_commit, send_notification_email

        for notification_id in to_email:
            queue_after_commit(send_notification_email, notification_id)
    return created


def unread_count(user):
    """Unread notifications of ``user`` (0 for anonymous people)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def list_for(user):
    """The notifications of ``user``, newest first."""
    return Notification.objects.filter(user=user).select_related("actor", "space")


def mark_read(user, notification_ids=None):
    """Mark some (or all) of ``user``'s notifications read; returns how many changed."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=list(notification_ids))
    return unread.update(read_at=timezone.now())

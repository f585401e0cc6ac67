"""Celery tasks of community_plugin. Receivers stay light and hand their work to these."""

import logging

from celery import shared_task
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from . import api

log = logging.getLogger(__name__)


def queue_after_commit(task, *args):
    """Queue ``task(*args)`` once the current transaction commits (at once outside one).

    A broker that cannot be reached is logged, never raised: the change that asked for the task
    (an enrollment, a team membership, a post) is committed already, and failing the request
    after it would only make people try again. The scheduled reconcile catches membership up.
    """

    def send():
        try:
            task.delay(*args)
        except OperationalError:
            log.exception("Could not queue %s%r: the broker cannot be reached.", task.name, args)

    transaction.on_commit(send)


@shared_task(name="dxq.community.add_course_member", acks_late=True)
def add_course_member(user_id, course_key, course_name=None):
    """Add an enrolled learner to their cohort and program spaces; returns newly joined slugs."""
    return api.add_course_member(user_id, course_key, course_name)


@shared_task(name="dxq.community.remove_course_member", acks_late=True)
def remove_course_member(user_id, course_key):
    """Take an unenrolled learner out of the course's spaces; returns the slugs left."""
    return api.remove_course_member(user_id, course_key)


@shared_task(name="dxq.community.set_cohort", acks_late=True)
def set_cohort(user_id, course_key, cohort_name, course_name=None):
    """Move a learner into the space of their (new) cohort; returns the space's slug."""
    return api.set_cohort(user_id, course_key, cohort_name, course_name)


@shared_task(name="dxq.community.reconcile_all")
def reconcile_all():
    """Beat: follow Open edX (unenrolled, moved cohort, team changes; team spaces created)."""
    reports = api.reconcile()
    return {slug: {"added": r.added, "removed": r.removed} for slug, r in reports.items()}


@shared_task(name="dxq.community.sync_team", acks_late=True)
def sync_team(team_id, name, course_key):
    """Someone joined or left an Open edX team: create its space if needed and follow it."""
    report = api.sync_team(team_id, name, course_key)
    return None if report is None else {"added": report.added, "removed": report.removed}


@shared_task(name="dxq.community.send_notification_email", acks_late=True)
def send_notification_email(notification_id):
    """Email one notification now (if its person still wants it); returns True when sent."""
    from . import delivery, emails
    from .models import Notification
    from .notifications import delivery_of

    notification = (
        Notification.objects.select_related("user", "actor", "space")
        .filter(pk=notification_id, emailed_at__isnull=True)
        .first()
    )
    if notification is None:
        return False
    if delivery_of(notification.user_id, notification.kind) != delivery.IMMEDIATE:
        return False
    message = emails.notification_message(notification)
    if message is None:
        return False
    claimed = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    if claimed:
        message.send()
    return bool(claimed)


@shared_task(name="dxq.community.send_session_reminders")
def send_session_reminders():
    """Beat: reminders of sessions starting within 24 h and 1 h; returns how many."""
    from . import study_sessions

    return study_sessions.send_reminders()


@shared_task(name="dxq.community.send_digest", acks_late=True)
def send_digest(user_id):
    """The weekly digest of one person; returns True when an email went out."""
    from django.contrib.auth import get_user_model

    from . import delivery, digest, emails
    from .models import Notification
    from .notifications import delivery_of

    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or delivery_of(user.pk, delivery.DIGEST) == delivery.OFF:
        return False
    from django.utils import translation

    from . import platform

    with translation.override(platform.preferred_language(user)):
        content = digest.build(user)
    if content["empty"]:
        return False
    message = emails.digest_message(user, content)
    if message is None:
        return False
    message.send()
    Notification.objects.filter(
        user=user, created__gte=content["since"], emailed_at__isnull=True
    ).update(emailed_at=timezone.now())
    return True


@shared_task(name="dxq.community.send_weekly_digests")
def send_weekly_digests():
    """Beat: queue one digest task per person who gets it; returns how many were queued."""
    from . import digest

    recipients = digest.recipients()
    for user_id in recipients:
        send_digest.delay(user_id)
    return len(recipients)

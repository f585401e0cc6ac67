"""Coverage guarantee: no submission waits past its target for its reviews (ADR 0010).

Every run (Celery beat, ``dxq.deliverable.check_coverage``) looks at each deliverable's active
submissions still short of reviews:

- after a third of ``target_hours``: **at risk**; the pool widens to learners who already did
  their own required reviews (they are notified that work is waiting);
- after two thirds: also **volunteers** (alumni and others marked in the admin as volunteer
  reviewers for the course or for every course);
- after the target: **overdue**, shown to operators.

Allocation itself already gives the neediest submission first (fewest reviews), so a person who
answers a notice gets an at-risk item. Notices are a :class:`Notification` row, an e-mail
(Django mail) and the :data:`review_help_wanted` signal (upper packages, e.g. the community
notifications, may connect to it; this package imports nothing above it).
"""

from datetime import timedelta

import django.dispatch
from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from .models import (
    Assignment,
    DeliverableSettings,
    Escalation,
    Notification,
    Submission,
    SubmissionMember,
    Volunteer,
)

#: Sent with ``block_key``, ``user_ids`` and ``submission_ids`` when reviewers are asked to help.
review_help_wanted = django.dispatch.Signal()

STAGE_FINISHED, STAGE_VOLUNTEERS, STAGE_OVERDUE = 1, 2, 3


def record_escalation(submission, kind, detail=None):
    """Open (or keep) an escalation of ``kind`` for a submission."""
    escalation, created = Escalation.objects.get_or_create(
        submission=submission, kind=kind, defaults={"detail": detail or {}}
    )
    if not created and escalation.resolved_at is not None:
        escalation.resolved_at = None
        escalation.save(update_fields=["resolved_at"])
    return escalation


def stage_of(age, target):
    """Which widening stage a submission of this age is in (0: none yet)."""
    if age >= target:
        return STAGE_OVERDUE
    if age >= target * 2 / 3:
        return STAGE_VOLUNTEERS
    if age >= target / 3:
        return STAGE_FINISHED
    return 0


def finished_reviewers(block_key, required):
    """User ids of people who submitted at least ``required`` reviews in the block."""
    return set(
        Assignment.objects.filter(block_key=block_key, state=Assignment.SUBMITTED)
        .values("reviewer_id")
        .annotate(n=Count("id"))
        .filter(n__gte=required)
        .values_list("reviewer_id", flat=True)
    )


def volunteers(course_key):
    """User ids of active volunteers for the course (or for every course)."""
    return set(
        Volunteer.objects.filter(active=True)
        .filter(Q(course_key=course_key) | Q(course_key=""))
        .values_list("user_id", flat=True)
    )


def check_coverage(now=None, block_keys=None):
    """One coverage pass over every deliverable (or those given); returns a summary dict."""
    now = now or timezone.now()
    summary = {"at_risk": 0, "overdue": 0, "notified": 0, "resolved": 0}
    # Covered submissions: their at-risk and overdue escalations are resolved.
    summary["resolved"] = Escalation.objects.filter(
        resolved_at__isnull=True,
        kind__in=[Escalation.AT_RISK, Escalation.OVERDUE, Escalation.DISAGREEMENT],
        submission__done__gte=F("submission__need"),
    ).update(resolved_at=now)
    confs = DeliverableSettings.objects.all()
    if block_keys is not None:
        confs = confs.filter(block_key__in=list(block_keys))
    for conf in confs:
        _check_block(conf, now, summary)
    return summary


def _check_block(conf, now, summary):
    target = timedelta(hours=conf.target_hours)
    short = Submission.objects.filter(
        block_key=conf.block_key,
        state=Submission.ACTIVE,
        is_gold=False,
        done__lt=F("need"),
        submitted_at__lte=now - target / 3,
    ).order_by("submitted_at")
    pool = None
    helpers = None
    for submission in short:
        stage = stage_of(now - submission.submitted_at, target)
        kind = Escalation.OVERDUE if stage == STAGE_OVERDUE else Escalation.AT_RISK
        escalation = record_escalation(submission, kind, {"stage": stage})
        summary["overdue" if kind == Escalation.OVERDUE else "at_risk"] += 1
        if escalation.detail.get("notified_stage", 0) >= min(stage, STAGE_VOLUNTEERS):
            continue
        if pool is None:
            pool = finished_reviewers(conf.block_key, conf.required_reviews)
        people = set(pool)
        if stage >= STAGE_VOLUNTEERS:
            if helpers is None:
                helpers = volunteers(conf.course_key)
            people |= helpers
        people -= set(
            SubmissionMember.objects.filter(submission=submission).values_list("user_id", flat=True)
        )
        people -= set(
            Assignment.objects.filter(submission=submission).values_list("reviewer_id", flat=True)
        )
        sent = notify(sorted(people), conf.block_key, submission, now=now)
        escalation.detail = {
            **escalation.detail,
            "notified_stage": min(stage, STAGE_VOLUNTEERS),
        }
        escalation.notified += sent
        escalation.save(update_fields=["detail", "notified"])
        summary["notified"] += sent


def notify(user_ids, block_key, submission, *, now=None):
    """Ask people to review: a Notification each (one per person and block a day), mail, signal."""
    now = now or timezone.now()
    recent = set(
        Notification.objects.filter(
            user_id__in=user_ids,
            block_key=block_key,
            kind="review_wanted",
            created__gte=now - timedelta(days=1),
        ).values_list("user_id", flat=True)
    )
    fresh = [uid for uid in user_ids if uid not in recent]
    Notification.objects.bulk_create(
        [
            Notification(
                user_id=uid,
                kind="review_wanted",
                block_key=block_key,
                submission=submission,
                created=now,
            )
            for uid in fresh
        ]
    )
    _mail(fresh)
    if fresh:
        review_help_wanted.send(
            sender=Submission,
            block_key=block_key,
            user_ids=fresh,
            submission_ids=[submission.id],
        )
    return len(fresh)


def _mail(user_ids):
    """Mail each person in their own language (``platform.preferred_language``)."""
    from django.contrib.auth import get_user_model

    from . import platform

    users = get_user_model().objects.filter(pk__in=user_ids).exclude(email="")
    sender = getattr(settings, "DXQ_PEER_MAIL_FROM", None) or settings.DEFAULT_FROM_EMAIL
    for user in users:
        with override(platform.preferred_language(user)):
            subject = _("A peer's work is waiting for your review")
            body = _(
                "A deliverable in your course is still waiting for reviews. If you have a few "
                "minutes, please open the course and ask for a review: you will get the work "
                "that needs one most. Thank you for helping your peers."
            )
        send_mail(subject, body, sender, [user.email], fail_silently=True)

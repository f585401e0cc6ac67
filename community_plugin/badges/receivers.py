"""Signal receivers of community_plugin.badges (listed in apps.py ``signals_config``).

Each one stays light: it reads the event, and after the sender's transaction commits it queues
:func:`.tasks.apply_rules_task`, which checks the rules and signs in Celery.
"""

from __future__ import annotations

import logging

from django.db import transaction

from .models import AwardRule

log = logging.getLogger(__name__)


def _queue(kind, user_id, **kwargs):
    from .tasks import apply_rules_task  # noqa: PLC0415

    if not user_id:
        return
    transaction.on_commit(lambda: apply_rules_task.delay(kind, user_id, **kwargs))


# Open edX events ---------------------------------------------------------------------------


def on_course_passing_status_updated(signal, sender, course_passing_status=None, **kwargs):
    """COURSE_PASSING_STATUS_UPDATED: a learner who now passes may earn a course badge."""
    if course_passing_status is None or not course_passing_status.is_passing:
        return
    _queue(
        AwardRule.COURSE_PASSED,
        course_passing_status.user.id,
        key=str(course_passing_status.course.course_key),
    )


def on_certificate_created(signal, sender, certificate=None, **kwargs):
    """CERTIFICATE_CREATED: a downloadable certificate may earn a badge."""
    if certificate is None:
        return
    if certificate.current_status and certificate.current_status != "downloadable":
        return
    _queue(
        AwardRule.CERTIFICATE,
        certificate.user.id,
        key=str(certificate.course.course_key),
        evidence_url=certificate.download_url or "",
    )


# our own packages --------------------------------------------------------------------------


def on_case_unit_completed(sender, user_id=None, block_usage_id="", **kwargs):
    """casestudy_xblock: a case unit completed (may complete a case-study badge's units)."""
    _queue(AwardRule.CASE_COMPLETED, user_id, key=block_usage_id)


def on_case_study_completed(sender, user_id=None, case_key="", evidence_url="", **kwargs):
    _queue(AwardRule.CASE_COMPLETED, user_id, key=case_key, evidence_url=evidence_url)


def on_deliverable_completed(sender, user_id=None, block_key="", evidence_url="", **kwargs):
    _queue(AwardRule.DELIVERABLE_COMPLETED, user_id, key=block_key, evidence_url=evidence_url)


def on_deliverable_graded(sender, user_ids=(), block_key="", **kwargs):
    """deliverable_xblock: a peer-reviewed deliverable's grade is final (every team member)."""
    for user_id in user_ids:
        _queue(AwardRule.DELIVERABLE_COMPLETED, user_id, key=block_key)


def on_collaboration_completed(
    sender, user_id=None, project_key="", evidence_url="", evidence_narrative="", **kwargs
):
    _queue(
        AwardRule.COLLABORATION_COMPLETED,
        user_id,
        key=project_key,
        evidence_url=evidence_url,
        evidence_narrative=evidence_narrative,
    )


def on_community_contribution(sender, user_id=None, count=0, space_key="", **kwargs):
    _queue(AwardRule.COMMUNITY_CONTRIBUTION, user_id, key=space_key, count=int(count or 0))

"""Receivers of Open edX events for community_plugin (wired by ``signals_config``)."""

import logging

from django.db import transaction

log = logging.getLogger(__name__)


def on_course_enrollment_created(signal, sender, enrollment=None, metadata=None, **kwargs):
    """COURSE_ENROLLMENT_CREATED: the learner joins the course's cohort space (in Celery)."""
    from .tasks import add_course_member

    if enrollment is None or enrollment.user is None:
        log.warning("COURSE_ENROLLMENT_CREATED without enrollment data: %s", metadata)
        return
    user_id = enrollment.user.id
    course_key = str(enrollment.course.course_key)
    name = enrollment.course.display_name
    transaction.on_commit(lambda: add_course_member.delay(user_id, course_key, name))

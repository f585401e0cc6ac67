"""Receivers of Open edX events for community_plugin (wired by ``signals_config``)."""

import logging

log = logging.getLogger(__name__)


def on_course_enrollment_created(signal, sender, enrollment=None, metadata=None, **kwargs):
    """COURSE_ENROLLMENT_CREATED: the learner joins the course's cohort space (in Celery)."""
    from .tasks import add_course_member, queue_after_commit

    if enrollment is None or enrollment.user is None:
        log.warning("COURSE_ENROLLMENT_CREATED without enrollment data: %s", metadata)
        return
    user_id = enrollment.user.id
    course_key = str(enrollment.course.course_key)
    name = enrollment.course.display_name
    queue_after_commit(add_course_member, user_id, course_key, name)


def on_course_unenrollment_completed(signal, sender, enrollment=None, metadata=None, **kwargs):
    """COURSE_UNENROLLMENT_COMPLETED: the learner leaves the course's spaces (in Celery)."""
    from .tasks import queue_after_commit, remove_course_member

    if enrollment is None or enrollment.user is None:
        log.warning("COURSE_UNENROLLMENT_COMPLETED without enrollment data: %s", metadata)
        return
    user_id = enrollment.user.id
    course_key = str(enrollment.course.course_key)
    queue_after_commit(remove_course_member, user_id, course_key)


def on_course_enrollment_changed(signal, sender, enrollment=None, metadata=None, **kwargs):
    """COURSE_ENROLLMENT_CHANGED: a deactivated enrollment leaves, a reactivated one joins."""
    if enrollment is None or enrollment.user is None:
        log.warning("COURSE_ENROLLMENT_CHANGED without enrollment data: %s", metadata)
        return
    if enrollment.is_active:
        on_course_enrollment_created(signal, sender, enrollment=enrollment, metadata=metadata)
    else:
        on_course_unenrollment_completed(signal, sender, enrollment=enrollment, metadata=metadata)


def on_cohort_membership_changed(signal, sender, cohort=None, metadata=None, **kwargs):
    """COHORT_MEMBERSHIP_CHANGED: the learner moves into their cohort's space (in Celery).

    Removal from a cohort emits nothing: the scheduled reconcile catches it.
    """
    from .tasks import queue_after_commit, set_cohort

    if cohort is None or cohort.user is None or not cohort.name:
        log.warning("COHORT_MEMBERSHIP_CHANGED without cohort data: %s", metadata)
        return
    user_id = cohort.user.id
    course_key = str(cohort.course.course_key)
    course_name = cohort.course.display_name
    name = cohort.name
    queue_after_commit(set_cohort, user_id, course_key, name, course_name)

"""Build and send the Open edX events the community listens to (test helper)."""

from datetime import UTC, datetime

from opaque_keys.edx.keys import CourseKey
from openedx_events.learning.data import (
    CourseData,
    CourseEnrollmentData,
    UserData,
    UserPersonalData,
)
from openedx_events.learning.signals import COURSE_ENROLLMENT_CREATED


def send_enrollment_created(user, course_key, display_name="DX Quest ケーススタディ"):
    """Send COURSE_ENROLLMENT_CREATED for ``user`` as the LMS would."""
    return COURSE_ENROLLMENT_CREATED.send_event(
        enrollment=enrollment_data(user, course_key, display_name)
    )


def send_enrollment_event(signal, user, course_key, is_active=True, display_name="DX Quest"):
    """Send ``signal`` (COURSE_ENROLLMENT_CHANGED, COURSE_UNENROLLMENT_COMPLETED) for ``user``."""
    return signal.send_event(enrollment=enrollment_data(user, course_key, display_name, is_active))


def enrollment_data(user, course_key, display_name, is_active=True):
    """The CourseEnrollmentData the LMS sends."""
    return CourseEnrollmentData(
        user=UserData(
            id=user.pk,
            is_active=True,
            pii=UserPersonalData(username=user.username, email=user.email, name=""),
        ),
        course=CourseData(course_key=CourseKey.from_string(course_key), display_name=display_name),
        mode="audit",
        is_active=is_active,
        creation_date=datetime.now(UTC),
    )


def send_cohort_membership_changed(user, course_key, cohort_name, display_name="DX Quest"):
    """Send COHORT_MEMBERSHIP_CHANGED for ``user`` as the LMS would."""
    from openedx_events.learning.data import CohortData
    from openedx_events.learning.signals import COHORT_MEMBERSHIP_CHANGED

    return COHORT_MEMBERSHIP_CHANGED.send_event(
        cohort=CohortData(
            user=UserData(
                id=user.pk,
                is_active=True,
                pii=UserPersonalData(username=user.username, email=user.email, name=""),
            ),
            course=CourseData(
                course_key=CourseKey.from_string(course_key), display_name=display_name
            ),
            name=cohort_name,
        )
    )

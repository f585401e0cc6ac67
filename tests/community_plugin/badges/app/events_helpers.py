"""Build and send the Open edX events the badges app listens to, as the LMS would."""

from opaque_keys.edx.keys import CourseKey
from openedx_events.learning.data import (
    CertificateData,
    CourseData,
    CoursePassingStatusData,
    UserData,
    UserPersonalData,
)
from openedx_events.learning.signals import CERTIFICATE_CREATED, COURSE_PASSING_STATUS_UPDATED


def user_data(user):
    return UserData(
        id=user.pk,
        is_active=True,
        pii=UserPersonalData(username=user.username, email=user.email, name=""),
    )


def course_data(course_key):
    return CourseData(course_key=CourseKey.from_string(course_key), display_name="DX Quest")


def send_passing_status(user, course_key, is_passing=True):
    return COURSE_PASSING_STATUS_UPDATED.send_event(
        course_passing_status=CoursePassingStatusData(
            is_passing=is_passing, course=course_data(course_key), user=user_data(user)
        )
    )


def send_certificate_created(user, course_key, status="downloadable"):
    return CERTIFICATE_CREATED.send_event(
        certificate=CertificateData(
            user=user_data(user),
            course=course_data(course_key),
            mode="honor",
            grade="0.9",
            download_url="https://lms.example/certificates/abc",
            name="",
            current_status=status,
        )
    )

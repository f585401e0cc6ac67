"""What community_plugin needs from the LMS, called lazily, with standalone fallbacks.

Generic lookups (anonymous id, course name, enrollment, cohort) are casestudy_xblock's; this
module adds what only the community needs.
"""

from casestudy_xblock.platform import anonymous_id, cohort_name, course_name, is_enrolled, lms_attr

__all__ = ["active_enrolled_user_ids", "anonymous_id", "cohort_name", "course_name", "is_enrolled"]


def active_enrolled_user_ids(course_key):
    """Ids of users actively enrolled in the course, for reconciling cohort spaces.

    Standalone there is no enrollment table: returns None, meaning "membership is managed here".
    """
    enrollment = lms_attr("common.djangoapps.student.models", "CourseEnrollment")
    if enrollment is None:
        return None
    from opaque_keys.edx.keys import CourseKey

    key = CourseKey.from_string(str(course_key))
    return set(
        enrollment.objects.filter(course_id=key, is_active=True).values_list("user_id", flat=True)
    )

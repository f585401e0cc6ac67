"""What casestudy_xblock needs from the LMS, called lazily, with standalone fallbacks.

No edx-platform module is imported at module level (import-linter enforces it): each function
looks the LMS up through :func:`lms_attr` when it runs. Outside the LMS (the standalone project,
tests) each one answers from our own data instead.
"""

import hashlib
import hmac
import importlib
from functools import cache


@cache
def lms_attr(module_path, attr):
    """Return ``attr`` of LMS module ``module_path``, or None when the LMS is not installed."""
    try:
        module = importlib.import_module(module_path)
    except ImportError:
        return None
    return getattr(module, attr, None)


def in_lms():
    """True when running inside edx-platform."""
    return lms_attr("common.djangoapps.student.models", "CourseEnrollment") is not None


def _course_key(course_id):
    from opaque_keys.edx.keys import CourseKey

    return CourseKey.from_string(str(course_id))


def anonymous_id(user, course_id=None):
    """The anonymous id of ``user`` (per course when given): never PII, stable across calls."""
    lms_anonymous_id = lms_attr("common.djangoapps.student.models", "anonymous_id_for_user")
    if lms_anonymous_id is not None:
        return lms_anonymous_id(user, _course_key(course_id) if course_id else None)
    from django.conf import settings

    message = f"{user.pk}:{course_id or ''}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:32]


def course_name(course_id):
    """The display name of a course; standalone, the configured name or the id itself."""
    overview = lms_attr("openedx.core.djangoapps.content.course_overviews.models", "CourseOverview")
    if overview is not None:
        try:
            return overview.get_from_id(_course_key(course_id)).display_name
        except overview.DoesNotExist:
            return str(course_id)
    from django.conf import settings

    return getattr(settings, "DXQ_STANDALONE_COURSE_NAMES", {}).get(str(course_id), str(course_id))


def is_enrolled(user, course_id):
    """True when ``user`` is enrolled in the course; standalone, every signed-in user is."""
    enrollment = lms_attr("common.djangoapps.student.models", "CourseEnrollment")
    if enrollment is not None:
        return enrollment.is_enrolled(user, _course_key(course_id))
    return bool(getattr(user, "is_authenticated", False))


def cohort_name(user, course_id):
    """The name of the user's cohort in the course, or None (standalone: no cohorts)."""
    get_cohort = lms_attr("openedx.core.djangoapps.course_groups.cohorts", "get_cohort")
    if get_cohort is None:
        return None
    cohort = get_cohort(user, _course_key(course_id), assign=False)
    return cohort.name if cohort else None


def display_name(user):
    """The name to greet a person by: their LMS profile name, else their Django name.

    Japanese names read family name first (高橋 さくら); others given name first.
    """
    profile_model = lms_attr("common.djangoapps.student.models", "UserProfile")
    if profile_model is not None:
        profile = profile_model.objects.filter(user_id=user.pk).first()
        if profile and profile.name:
            return profile.name
    first, last = user.first_name.strip(), user.last_name.strip()
    if not (first or last):
        return user.username
    if not (first + last).isascii():
        return f"{last} {first}".strip()
    return f"{first} {last}".strip()


def may_author_standalone():
    """Outside the LMS (the workbench), may the person behind this request edit blocks?

    Course operators and administrators may; so may code with no web request (tests, commands).
    Reads the request's user through django-crum, whose middleware edx-platform also runs.
    """
    from crum import get_current_user

    from . import roles

    user = get_current_user()
    if user is None:
        return True
    return roles.has_role(user, roles.OPERATOR) or roles.has_role(user, roles.ADMINISTRATOR)

"""What community_plugin needs from the LMS, called lazily, with standalone fallbacks.

Generic lookups (anonymous id, course name, enrollment, cohort) are casestudy_xblock's; this
module adds what only the community needs.
"""

from casestudy_xblock.platform import (
    anonymous_id,
    cohort_name,
    course_name,
    display_name,
    is_enrolled,
    lms_attr,
)

__all__ = [
    "active_enrolled_user_ids",
    "anonymous_id",
    "cohort_member_ids",
    "cohort_name",
    "course_name",
    "course_teams",
    "display_name",
    "is_enrolled",
    "preferred_language",
    "team_member_ids",
    "team_membership_model",
]


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


def cohort_member_ids(course_key, cohort_name):
    """Ids of users in the named cohort of the course, for reconciling cohort group spaces.

    Standalone there are no cohorts: returns None, meaning "membership is managed here".
    """
    group_model = lms_attr("openedx.core.djangoapps.course_groups.models", "CourseUserGroup")
    if group_model is None:
        return None
    from opaque_keys.edx.keys import CourseKey

    key = CourseKey.from_string(str(course_key))
    group = group_model.objects.filter(
        course_id=key, name=cohort_name, group_type=getattr(group_model, "COHORT", "cohort")
    ).first()
    if group is None:
        return set()
    return set(group.users.values_list("id", flat=True))


def course_teams(course_key):
    """``[(team_id, name)]`` of the Open edX teams of the course, for creating team spaces.

    Open edX emits no ``openedx_events`` event when someone joins or leaves a team: team spaces
    follow ``team_sync`` and the reconcile. Standalone there are no Open edX teams: returns None
    ("managed here").
    """
    team_model = lms_attr("lms.djangoapps.teams.models", "CourseTeam")
    if team_model is None:
        return None
    from opaque_keys.edx.keys import CourseKey

    key = CourseKey.from_string(str(course_key))
    return [
        (str(team_id), name)
        for team_id, name in team_model.objects.filter(course_id=key).values_list("team_id", "name")
    ]


def team_membership_model():
    """Open edX's ``CourseTeamMembership`` model, for ``team_sync`` (None standalone)."""
    return lms_attr("lms.djangoapps.teams.models", "CourseTeamMembership")


def team_member_ids(team_id):
    """Ids of users in the Open edX team ``team_id`` (None standalone)."""
    membership_model = lms_attr("lms.djangoapps.teams.models", "CourseTeamMembership")
    if membership_model is None:
        return None
    return set(
        membership_model.objects.filter(team__team_id=str(team_id)).values_list(
            "user_id", flat=True
        )
    )


def preferred_language(user):
    """The language ``user`` reads emails in: their LMS preference, else the site's (ja)."""
    from django.conf import settings

    get_preference = lms_attr(
        "openedx.core.djangoapps.user_api.preferences.api", "get_user_preference"
    )
    if get_preference is not None:
        try:
            language = get_preference(user, "pref-lang")
        except Exception:  # noqa: BLE001  (the LMS raises its own errors for missing users)
            language = None
        if language:
            return language
    return settings.LANGUAGE_CODE

"""What deliverable_xblock needs from the LMS (teams, completion, the retirement signal, the
language people read mail in), called lazily, with standalone fallbacks.

Inside edx-platform, teams are Open edX teams (``lms.djangoapps.teams``: ``CourseTeamMembership``);
standalone, :class:`deliverable_xblock.models.TeamMembership` (managed in the admin).
"""

from casestudy_xblock.platform import (  # noqa: F401 (re-exported)
    anonymous_id,
    in_lms,
    is_enrolled,
    lms_attr,
)

_TEAMS = "lms.djangoapps.teams.models"


def _course_key(course_key):
    from opaque_keys.edx.keys import CourseKey

    return CourseKey.from_string(str(course_key))


def team_of(user, course_key):
    """The id of ``user``'s team in the course, or None."""
    membership = lms_attr(_TEAMS, "CourseTeamMembership")
    if membership is not None:
        row = (
            membership.objects.filter(user_id=user.pk, team__course_id=_course_key(course_key))
            .select_related("team")
            .first()
        )
        return row.team.team_id if row else None
    from .models import TeamMembership

    return (
        TeamMembership.objects.filter(course_key=str(course_key), user_id=user.pk)
        .values_list("team_id", flat=True)
        .first()
    )


def team_member_ids(course_key, team_id):
    """The user ids of a team's members."""
    membership = lms_attr(_TEAMS, "CourseTeamMembership")
    if membership is not None:
        return list(
            membership.objects.filter(
                team__team_id=team_id, team__course_id=_course_key(course_key)
            ).values_list("user_id", flat=True)
        )
    from .models import TeamMembership

    return list(
        TeamMembership.objects.filter(course_key=str(course_key), team_id=team_id).values_list(
            "user_id", flat=True
        )
    )


_RETIREMENT_SIGNALS = "openedx.core.djangoapps.user_api.accounts.signals"


def retirement_signal():
    """The LMS's ``USER_RETIRE_LMS_MISC`` signal (sent with ``user`` when an account is retired),
    or None outside the LMS."""
    return lms_attr(_RETIREMENT_SIGNALS, "USER_RETIRE_LMS_MISC")


_PREFERENCES = "openedx.core.djangoapps.user_api.preferences.api"


def preferred_language(user):
    """The language ``user`` reads mail in: ``"en"`` when their LMS ``pref-lang`` preference is
    English, else ``"ja"`` (the program's language; also standalone, where there is none)."""
    get_preference = lms_attr(_PREFERENCES, "get_user_preference")
    value = None
    if get_preference is not None:
        try:
            value = get_preference(user, "pref-lang")
        except Exception:  # noqa: BLE001 - a missing preference must never stop a notice
            value = None
    return "en" if str(value or "").lower().startswith("en") else "ja"


_COMPLETION = "completion.models"


def submit_completion(user, block_key, completion=1.0):
    """Record ``completion`` of the block for ``user`` through the LMS completion API
    (``completion.models.BlockCompletion.objects.submit_completion``, the edx-completion app
    every LMS runs); True when recorded. Outside the LMS (standalone, the workbench) it does
    nothing and returns False: there the block emits completion when it is viewed."""
    if not in_lms():
        return False
    block_completion = lms_attr(_COMPLETION, "BlockCompletion")
    if block_completion is None:
        return False
    from opaque_keys.edx.keys import UsageKey

    block_completion.objects.submit_completion(
        user=user, block_key=UsageKey.from_string(str(block_key)), completion=completion
    )
    return True

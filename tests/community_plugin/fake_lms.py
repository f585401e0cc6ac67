"""The few edx-platform lookups community_plugin.platform makes, as in-memory stand-ins.

Installed into ``sys.modules`` under the LMS's module paths, so ``platform.py`` runs its real
LMS branch (query shapes included) without edx-platform. The data is plain dicts the test fills.
"""

import sys
import types
from dataclasses import dataclass, field

from casestudy_xblock.platform import lms_attr


@dataclass
class LmsData:
    #: course key (str) -> set of user ids actively enrolled
    enrolled: dict = field(default_factory=dict)
    #: (course key, cohort name) -> set of user ids
    cohorts: dict = field(default_factory=dict)
    #: user id -> language preference
    languages: dict = field(default_factory=dict)
    #: team id -> (course key, team name, set of user ids)
    teams: dict = field(default_factory=dict)


class _ValuesList(list):
    pass


class _Query:
    def __init__(self, rows):
        self.rows = rows

    def filter(self, **criteria):
        rows = [r for r in self.rows if all(r.get(k) == v for k, v in criteria.items())]
        return _Query(rows)

    def values_list(self, *names, flat=False):
        if flat:
            assert len(names) == 1
            return _ValuesList(r[names[0]] for r in self.rows)
        return _ValuesList(tuple(r[name] for name in names) for r in self.rows)

    def first(self):
        return self.rows[0]["group"] if self.rows else None


def install(data):
    """Put the stand-ins in ``sys.modules``; returns a function that removes them."""
    from opaque_keys.edx.keys import CourseKey

    class CourseEnrollment:
        class objects:  # noqa: N801  (the Django manager attribute)
            @staticmethod
            def filter(course_id, is_active):
                rows = [
                    {"user_id": uid}
                    for uid in data.enrolled.get(str(course_id), set())
                    if is_active
                ]
                assert isinstance(course_id, CourseKey)
                return _Query(rows)

    class _Group:
        def __init__(self, ids):
            self.users = _Query([{"id": uid} for uid in ids])

    class CourseUserGroup:
        COHORT = "cohort"

        class objects:  # noqa: N801
            @staticmethod
            def filter(course_id, name, group_type):
                key = (str(course_id), name)
                if key not in data.cohorts or group_type != "cohort":
                    return _Query([])
                return _Query([{"group": _Group(data.cohorts[key])}])

    class CourseTeam:
        class objects:  # noqa: N801
            @staticmethod
            def filter(course_id):
                assert isinstance(course_id, CourseKey)
                return _Query(
                    [
                        {"team_id": team_id, "name": name}
                        for team_id, (course, name, _ids) in data.teams.items()
                        if course == str(course_id)
                    ]
                )

    class CourseTeamMembership:
        class objects:  # noqa: N801
            @staticmethod
            def filter(team__team_id):
                _course, _name, ids = data.teams.get(team__team_id, ("", "", set()))
                return _Query([{"user_id": uid} for uid in ids])

    def get_user_preference(user, key):
        return data.languages.get(user.pk) if key == "pref-lang" else None

    modules = {
        "common.djangoapps.student.models": {"CourseEnrollment": CourseEnrollment},
        "openedx.core.djangoapps.course_groups.models": {"CourseUserGroup": CourseUserGroup},
        "lms.djangoapps.teams.models": {
            "CourseTeam": CourseTeam,
            "CourseTeamMembership": CourseTeamMembership,
        },
        "openedx.core.djangoapps.user_api.preferences.api": {
            "get_user_preference": get_user_preference
        },
    }
    saved = {name: sys.modules.get(name) for name in modules}
    for name, attrs in modules.items():
        module = types.ModuleType(name)
        module.__dict__.update(attrs)
        sys.modules[name] = module
    lms_attr.cache_clear()

    def uninstall():
        for name, previous in saved.items():
            if previous is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = previous
        lms_attr.cache_clear()

    return uninstall

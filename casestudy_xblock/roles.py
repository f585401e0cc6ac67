"""The people DX Quest serves (PROGRAM.md, "Who uses it") and how a user's roles are read.

Roles are Django groups, so the LMS admin and the standalone admin grant them the same way. The
staff administrator role follows Django's ``is_staff``/``is_superuser``. Every package reads
roles from here (it is the bottom layer). Pure: no Django import.
"""

from dataclasses import dataclass


def _(text):
    """Mark ``text`` for translation without translating it here (gettext_noop)."""
    return text


ADMINISTRATOR = "administrator"
OPERATOR = "operator"
LEARNER = "learner"
COMPANY = "company"
HUB = "hub"

#: Django group name of each role granted by group membership.
GROUPS = {
    OPERATOR: "dxq-course-operators",
    LEARNER: "dxq-learners",
    COMPANY: "dxq-company-users",
    HUB: "dxq-hub-users",
}

#: Display order on home pages: the broadest role first.
ORDER = (ADMINISTRATOR, OPERATOR, HUB, COMPANY, LEARNER)


@dataclass(frozen=True)
class RoleInfo:
    """A role and the English source of its label (translated where it is shown)."""

    code: str
    label: str
    summary: str


ROLES = {
    ADMINISTRATOR: RoleInfo(
        ADMINISTRATOR,
        _("Secretariat administrator"),
        _(
            "You run the program: approve projects, run the matching, watch KPIs, issue badges "
            "and export data."
        ),
    ),
    OPERATOR: RoleInfo(
        OPERATOR,
        _("Course operator"),
        _("You author case studies, datasets, rubrics and peer-review settings, and run cohorts."),
    ),
    LEARNER: RoleInfo(
        LEARNER,
        _("Learner"),
        _(
            "You work through case studies with data, review peers' work, learn in your cohort "
            "community and earn badges."
        ),
    ),
    COMPANY: RoleInfo(
        COMPANY,
        _("Company user"),
        _(
            "You describe your company and its problem, meet the matched team weekly and evaluate "
            "the outcome."
        ),
    ),
    HUB: RoleInfo(
        HUB,
        _("Regional hub user"),
        _(
            "You find candidate companies, fill in hearing sheets with them and support the "
            "collaboration."
        ),
    ),
}


def roles_of(user):
    """Return the role codes of ``user`` in display order (empty for anonymous users)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    found = set()
    if user.is_staff or user.is_superuser:
        found.add(ADMINISTRATOR)
    group_to_role = {group: role for role, group in GROUPS.items()}
    for name in user.groups.values_list("name", flat=True):
        if name in group_to_role:
            found.add(group_to_role[name])
    return [code for code in ORDER if code in found]


def has_role(user, code):
    """True when ``user`` holds role ``code``."""
    return code in roles_of(user)

"""A small community for tests: the demo accounts, a cohort space, a community master."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from community_plugin import api, study_sessions

COURSE = "course-v1:DXQuest+CS101+2026"
ROLES = ("anonymous", "learner", "master", "operator", "company", "hub", "staff", "outsider")
#: Who may read the cohort space (learner and master are members; operators and staff see all).
READERS = {"learner", "master", "operator", "staff"}
#: Who moderates it: its community master, operators and staff.
MODERATORS = {"master", "operator", "staff"}


@dataclass
class World:
    users: dict
    space: object
    other_space: object

    def user(self, role):
        """The account playing ``role`` (None for anonymous)."""
        return {
            "anonymous": None,
            "learner": self.users["learner1"],
            "master": self.users["master"],
            "operator": self.users["operator"],
            "company": self.users["company"],
            "hub": self.users["hub"],
            "staff": self.users["admin"],
            "outsider": self.users["learner2"],  # a learner of another course
        }[role]


def build(demo_accounts):
    users = demo_accounts
    # demo accounts put every learner in the demo course: start from a clean slate.
    from community_plugin.models import Membership

    Membership.objects.all().delete()
    space = api.course_space(COURSE, "みどり精密工業のDX")
    for name in ("learner1", "master"):
        api.add_course_member(users[name].pk, COURSE)
    api.set_community_master(users["master"].pk, space)
    other = api.course_space("course-v1:DXQuest+CS999+2026", "別コース")
    api.add_course_member(users["learner2"].pk, "course-v1:DXQuest+CS999+2026")
    return World(users=users, space=space, other_space=other)


def login(client, world, role):
    user = world.user(role)
    if user is not None:
        client.force_login(user)
    return user


def study_session(
    world,
    starts_in=timedelta(days=2),
    *,
    title="需要予測の勉強会",
    meeting_url="https://meet.example.jp/secret-room",
    **extra,
):
    """A one-hour study session in the cohort space, hosted by its community master, that starts
    ``starts_in`` from now (negative: it has started). ``extra``: capacity, description..."""
    starts = timezone.now() + starts_in
    return study_sessions.create(
        world.space,
        world.user("master"),
        title=title,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        meeting_url=meeting_url,
        **extra,
    )

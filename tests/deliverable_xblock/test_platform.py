"""Teams inside the LMS: ``platform.team_of`` and ``team_member_ids`` read Open edX teams
(``lms.djangoapps.teams.models.CourseTeamMembership``), and a team deliverable then makes one
submission the whole team shares. edx-platform is not installed here, so its membership model
is stood in for under its real import path by the few lookups we make (user, team id, course)."""

import sys
import types
from dataclasses import dataclass

import pytest
from opaque_keys.edx.keys import CourseKey

from casestudy_xblock.platform import lms_attr
from deliverable_xblock import api, platform
from deliverable_xblock.errors import NotAllowed
from tests.deliverable_xblock.peer_support import BLOCK, COMMENTS, COURSE, RUBRIC, scores

PATH = "lms.djangoapps.teams.models"


@dataclass
class Team:
    team_id: str
    course_id: CourseKey


@dataclass
class Membership:
    user_id: int
    team: Team


class Memberships(list):
    """The part of a Django queryset ``platform`` uses, over in-memory membership rows."""

    LOOKUPS = {
        "user_id": lambda m: m.user_id,
        "team__course_id": lambda m: m.team.course_id,
        "team__team_id": lambda m: m.team.team_id,
    }

    def filter(self, **lookups):
        for name, value in lookups.items():
            if name == "team__course_id":
                assert isinstance(value, CourseKey)  # a CourseKeyField compares keys
        return Memberships(
            m for m in self if all(self.LOOKUPS[k](m) == v for k, v in lookups.items())
        )

    def select_related(self, *names):
        return self

    def first(self):
        return self[0] if self else None

    def values_list(self, field, flat=False):
        assert flat
        assert field == "user_id"
        return [m.user_id for m in self]


@pytest.fixture
def lms_teams(monkeypatch):
    for name in ("lms", "lms.djangoapps", "lms.djangoapps.teams"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    module = types.ModuleType(PATH)
    module.CourseTeamMembership = types.SimpleNamespace(objects=Memberships())
    monkeypatch.setitem(sys.modules, PATH, module)
    lms_attr.cache_clear()
    yield module.CourseTeamMembership.objects
    lms_attr.cache_clear()


def test_team_of_reads_open_edx_teams(lms_teams, make_user):
    ren, aoi, other = make_user(), make_user(), make_user()
    course = CourseKey.from_string(COURSE)
    lms_teams.append(Membership(ren.pk, Team("yamanami-a", course)))
    lms_teams.append(Membership(aoi.pk, Team("yamanami-a", course)))
    elsewhere = CourseKey.from_string("course-v1:DXQ+Other+2026")
    lms_teams.append(Membership(other.pk, Team("yamanami-a", elsewhere)))
    assert platform.team_of(ren, COURSE) == "yamanami-a"
    assert platform.team_of(other, COURSE) is None
    assert sorted(platform.team_member_ids(COURSE, "yamanami-a")) == sorted([ren.pk, aoi.pk])


def test_a_team_deliverable_uses_the_lms_team(lms_teams, make_user):
    api.configure(BLOCK, COURSE, required_reviews=1, calibration_items=0, team_mode=True)
    api.publish_rubric(BLOCK, RUBRIC)
    ren, aoi, solo, reviewer = (make_user() for _ in range(4))
    course = CourseKey.from_string(COURSE)
    for user in (ren, aoi):
        lms_teams.append(Membership(user.pk, Team("yamanami-a", course)))
    lms_teams.append(Membership(reviewer.pk, Team("yamanami-b", course)))

    with pytest.raises(NotAllowed):
        api.submit(BLOCK, COURSE, solo, text_html="<p>alone</p>")
    first = api.submit(BLOCK, COURSE, ren, text_html="<p>team A v1</p>")
    second = api.submit(BLOCK, COURSE, aoi, text_html="<p>team A v2</p>")
    assert api.submission_of(BLOCK, ren).id == second.id == api.submission_of(BLOCK, aoi).id
    assert first.id != second.id
    api.submit(BLOCK, COURSE, reviewer, text_html="<p>team B</p>")
    # Neither member may review the team's work; the other team's member gets it.
    assert api.request_review(BLOCK, aoi).submission_id != second.id
    assert api.request_review(BLOCK, reviewer).submission_id == second.id


def test_someone_who_joins_the_team_later_shares_its_work_and_never_reviews_it(
    lms_teams, make_user
):
    api.configure(BLOCK, COURSE, required_reviews=2, calibration_items=0, team_mode=True)
    api.publish_rubric(BLOCK, RUBRIC)
    ren, other = make_user(), make_user()
    course = CourseKey.from_string(COURSE)
    lms_teams.append(Membership(ren.pk, Team("yamanami-a", course)))
    lms_teams.append(Membership(other.pk, Team("yamanami-b", course)))
    team_work = api.submit(BLOCK, COURSE, ren, text_html="<p>team A</p>")
    other_work = api.submit(BLOCK, COURSE, other, text_html="<p>team B</p>")

    newcomer = make_user()
    lms_teams.append(Membership(newcomer.pk, Team("yamanami-a", course)))
    assert api.submission_of(BLOCK, newcomer).id == team_work.id
    assert api.request_review(BLOCK, newcomer).submission_id == other_work.id
    lease = api.current_assignment(BLOCK, newcomer)
    api.submit_review(lease.id, newcomer, scores=scores(3), comments=COMMENTS)
    assert api.request_review(BLOCK, newcomer) is None  # only their own team's work is left

"""Team spaces follow Open edX team membership at once, through Django's signals on its
``CourseTeamMembership`` rows (``community_plugin.team_sync``), not only on the reconcile.

The model is a stand-in with the shape of edx-platform's (``.team`` with ``team_id``, ``name``
and ``course_id``); the signals are Django's own, sent as edx-platform's ``save()`` and
``delete()`` send them; the LMS reads go through ``platform.py``'s LMS branch (``fake_lms``).
"""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import post_delete, post_save
from django.test import TestCase

from community_plugin import api, platform, team_sync
from community_plugin.models import Membership, Space

from .world import COURSE


class CourseTeamMembership:
    """The shape of ``lms.djangoapps.teams.models.CourseTeamMembership`` that we read."""

    def __init__(self, user_id, team_id, name, course_id):
        self.user_id = user_id
        self.team = SimpleNamespace(team_id=team_id, name=name, course_id=course_id)


@pytest.fixture
def lms(community_world):
    from tests.community_plugin import fake_lms

    data = fake_lms.LmsData()
    uninstall = fake_lms.install(data)
    assert team_sync.connect(CourseTeamMembership)
    yield data
    team_sync.disconnect(CourseTeamMembership)
    uninstall()


def joins(lms, user, team_id="t-1", name="需要予測チーム", course=COURSE):
    members = lms.teams.setdefault(team_id, (course, name, set()))[2]
    members.add(user.pk)
    row = CourseTeamMembership(user.pk, team_id, name, course)
    with TestCase.captureOnCommitCallbacks(execute=True):
        post_save.send(sender=CourseTeamMembership, instance=row, created=True, raw=False)
    return row


def leaves(lms, row):
    lms.teams[row.team.team_id][2].discard(row.user_id)
    with TestCase.captureOnCommitCallbacks(execute=True):
        post_delete.send(sender=CourseTeamMembership, instance=row)


def test_joining_an_open_edx_team_creates_and_fills_its_space_at_once(community_world, lms):
    learner, master = community_world.user("learner"), community_world.user("master")
    joins(lms, learner)
    space = Space.objects.get(kind=Space.TEAM, team_id="t-1")
    assert (space.name, space.course_key) == ("需要予測チーム", COURSE)
    assert Membership.objects.get(space=space, user=learner).source == Membership.TEAM
    assert api.can_read(learner, space)
    assert not api.can_read(master, space)

    row = joins(lms, master)
    assert api.is_member(master, space)
    leaves(lms, row)
    assert not api.is_member(master, space)
    assert api.is_member(learner, space)
    assert Space.objects.filter(kind=Space.TEAM).count() == 1


def test_leaving_keeps_a_community_master_set_here(community_world, lms):
    learner = community_world.user("learner")
    row = joins(lms, learner)
    space = api.team_space("t-1", "需要予測チーム", COURSE)
    api.set_community_master(learner.pk, space)
    leaves(lms, row)
    assert api.is_community_master(learner, space)


def test_a_team_of_a_course_without_a_space_gets_none(community_world, lms):
    joins(lms, community_world.user("outsider"), team_id="t-x", course="course-v1:Other+X+2026")
    assert not Space.objects.filter(kind=Space.TEAM).exists()


def test_only_new_memberships_count(community_world, lms):
    """Saving an existing row (last activity) or loading fixtures (raw) queues nothing."""
    learner = community_world.user("learner")
    lms.teams["t-1"] = (COURSE, "T", {learner.pk})
    row = CourseTeamMembership(learner.pk, "t-1", "T", COURSE)
    with TestCase.captureOnCommitCallbacks(execute=True) as queued:
        post_save.send(sender=CourseTeamMembership, instance=row, created=False, raw=False)
        post_save.send(sender=CourseTeamMembership, instance=row, created=True, raw=True)
    assert queued == []
    assert not Space.objects.filter(kind=Space.TEAM).exists()


def test_a_membership_whose_team_is_being_deleted_is_left_to_the_reconcile(community_world, lms):
    class Gone:
        user_id = 1

        @property
        def team(self):  # CourseTeam.DoesNotExist is an ObjectDoesNotExist
            raise ObjectDoesNotExist("CourseTeam matching query does not exist.")

    assert team_sync.team_of(Gone()) is None
    with TestCase.captureOnCommitCallbacks(execute=True) as queued:
        post_delete.send(sender=CourseTeamMembership, instance=Gone())
    assert queued == []


def test_an_unexpected_error_reading_the_team_is_logged_not_raised_into_the_lms(
    community_world, lms, caplog
):
    class Broken:
        user_id = 1

        @property
        def team(self):
            raise RuntimeError("database went away")

    with TestCase.captureOnCommitCallbacks(execute=True) as queued:
        post_delete.send(sender=CourseTeamMembership, instance=Broken())
    assert queued == []
    assert "database went away" in caplog.text


def test_standalone_connects_nothing():
    assert platform.team_membership_model() is None
    assert team_sync.connect(None) is False

"""``dxq_demo_community`` loads the demo cohort community, idempotently."""

import pytest
from django.core.management import CommandError, call_command

from community_plugin import api, study_sessions
from community_plugin.models import Attendance, Notification, Rsvp, Space, StudySession


def test_demo_community_is_complete_and_idempotent(demo_accounts):
    call_command("dxq_demo_community")
    call_command("dxq_demo_community")
    cohort = api.course_space("course-v1:DXQuest+CS101+2026")
    assert {u.username for u in api.members_of(cohort)} >= {"learner1", "learner2", "master"}
    assert api.is_community_master(demo_accounts["master"], cohort)
    assert api.is_member(demo_accounts["master"], api.alumni_space())
    assert Space.objects.filter(kind=Space.TEAM).count() == 1
    past, upcoming = StudySession.objects.order_by("starts_at")
    assert past.title == "データ前処理もくもく会"
    assert list(study_sessions.past(cohort)) == [past]
    assert Attendance.objects.filter(session=past, attended=True).count() == 1
    assert study_sessions.counts(upcoming)["going"] == 2
    assert not Rsvp.objects.filter(session=upcoming, user=demo_accounts["learner1"]).exists()
    assert Notification.objects.filter(user=demo_accounts["learner1"]).count() == 1
    assert StudySession.objects.count() == 2


def test_demo_community_needs_the_demo_accounts(db):
    with pytest.raises(CommandError, match="dxq_demo_accounts"):
        call_command("dxq_demo_community")

"""A broker that cannot be reached never fails the LMS request whose change is committed.

Enrollments, cohort moves, team memberships and posts queue Celery tasks once their transaction
commits. If the broker is down then, the change stands, the failure is logged, and the
scheduled reconcile catches membership up; the learner is not shown an error.
"""

import logging
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.signals import post_save
from kombu.exceptions import OperationalError

from community_plugin import api, tasks, team_sync
from community_plugin.models import Notification
from tests.community_plugin.events import send_enrollment_created

from .world import COURSE

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def broker_down(monkeypatch):
    """Every ``.delay`` of the community's tasks fails as kombu fails without a broker."""

    def unreachable(*args, **kwargs):
        raise OperationalError("[Errno 111] Connection refused")

    for name in ("add_course_member", "sync_team", "send_notification_email"):
        monkeypatch.setattr(getattr(tasks, name), "delay", unreachable)


@pytest.fixture
def learner():
    return get_user_model().objects.create_user("hanako", "hanako@example.com", "pw")


def test_an_enrollment_commits_and_the_outage_is_logged(broker_down, learner, caplog):
    logged = caplog.at_level(logging.ERROR, logger="community_plugin.tasks")
    with logged, transaction.atomic():  # the LMS's enrolling transaction
        send_enrollment_created(learner, COURSE)
    assert "dxq.community.add_course_member" in caplog.text
    assert api.spaces_of(learner) == []  # not joined yet: the reconcile will add them


class CourseTeamMembership:
    """The shape of Open edX's membership row that ``team_sync`` reads."""

    def __init__(self, user_id):
        self.user_id = user_id
        self.team = SimpleNamespace(team_id="t-1", name="需要予測チーム", course_id=COURSE)


def test_a_team_join_commits_when_the_broker_is_down(broker_down, learner, caplog):
    assert team_sync.connect(CourseTeamMembership)
    try:
        logged = caplog.at_level(logging.ERROR, logger="community_plugin.tasks")
        with logged, transaction.atomic():
            post_save.send(
                sender=CourseTeamMembership,
                instance=CourseTeamMembership(learner.pk),
                created=True,
                raw=False,
            )
    finally:
        team_sync.disconnect(CourseTeamMembership)
    assert "dxq.community.sync_team" in caplog.text


def test_a_notification_is_kept_in_app_when_its_email_cannot_be_queued(broker_down, learner):
    with transaction.atomic():
        api.notify([learner.pk], kind="mention", title="在庫の質問", url="/")
    assert Notification.objects.filter(user=learner, emailed_at__isnull=True).count() == 1

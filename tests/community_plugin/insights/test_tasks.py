"""The Celery tasks on a real worker (Redis broker, the session's test database)."""

import datetime as dt

import pytest

from community_plugin import api as community
from community_plugin.insights import surveys
from community_plugin.insights.models import DailyActivity, FeedbackItem, Visit
from community_plugin.insights.tasks import (
    rollup_daily_activity,
    send_feedback_reply,
    send_survey_reminders,
)
from tests.integration.conftest import celery_worker_process, real_broker  # noqa: F401

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def test_reply_email_is_sent_by_the_worker(real_broker, demo_accounts):  # noqa: F811
    item = FeedbackItem.objects.create(
        author=demo_accounts["learner1"], category="content", text="x", reply="対応しました"
    )
    assert send_feedback_reply.delay(item.pk).get(timeout=60) == 1


def test_reminders_are_sent_by_the_worker(real_broker, demo_accounts):  # noqa: F811
    community.join_alumni(demo_accounts["learner1"].pk)
    graduates = surveys.install_ready_surveys()[0]
    assert send_survey_reminders.delay(graduates.pk).get(timeout=60) == 1
    graduates.refresh_from_db()
    assert graduates.last_reminder is not None


def test_daily_rollup_by_the_worker(real_broker, demo_accounts):  # noqa: F811
    day = dt.date(2026, 3, 2)
    Visit.objects.create(user=demo_accounts["learner1"], day=day)
    Visit.objects.create(user=demo_accounts["learner2"], day=day - dt.timedelta(days=3))
    assert rollup_daily_activity.delay(day.isoformat()).get(timeout=60) == day.isoformat()
    row = DailyActivity.objects.get(space_id=0, day=day)
    assert (row.daily_active, row.monthly_active) == (1, 2)

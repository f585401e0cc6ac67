"""community_plugin's Celery work really runs in a separate worker on Redis.

The cohort event's task moves the learner, the reconcile beat task runs, and an immediate
notification is emailed (the worker claims the row: ``emailed_at``). The worker is the one the
test session starts (tests/integration/conftest.py); DXQ_TEST_BROKER_URL picks the Redis db.
"""

import time

import pytest
from django.contrib.auth import get_user_model

from community_plugin import api
from community_plugin.models import Membership, Notification, Space
from community_plugin.tasks import reconcile_all
from tests.community_plugin.events import send_cohort_membership_changed
from tests.integration.conftest import celery_worker_process, real_broker  # noqa: F401

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("real_broker"),
]
COURSE = "course-v1:DXQuest+CS101+2026"


def _wait_for(predicate, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return predicate()


def test_cohort_event_and_reconcile_run_in_the_worker():
    learner = get_user_model().objects.create_user("sakura", "sakura@example.com", "pw")
    responses = send_cohort_membership_changed(learner, COURSE, "東京チーム")
    assert [error for _receiver, error in responses if error] == []
    assert _wait_for(
        lambda: Membership.objects.filter(
            user=learner, space__kind=Space.COHORT, space__cohort="東京チーム"
        ).exists()
    )
    assert {space.kind for space in api.spaces_of(learner)} == {"program", "course", "cohort"}
    result = reconcile_all.delay()
    reports = result.get(timeout=60)
    assert result.successful()
    # Standalone (no LMS in the worker either): nothing Open edX owns is removed.
    assert all(report["removed"] == [] for report in reports.values())
    assert api.is_member(learner, api.cohort_space(COURSE, "東京チーム"))


def test_an_immediate_notification_is_emailed_by_the_worker():
    users = get_user_model().objects
    asker = users.create_user("kaito", "kaito@example.com", "pw")
    helper = users.create_user("mei", "mei@example.com", "pw")
    space = api.course_space(COURSE, "みどり精密工業のDX")
    for person in (asker, helper):
        api.add_member(person.pk, space)
    (made,) = api.notify(
        [asker.pk, helper.pk],
        kind="mention",
        actor=helper,
        space=space,
        title="@kaito 納期の質問に回答しました",
        url="/dxq/discussions/",
    )
    assert made.user_id == asker.pk  # never the actor
    assert _wait_for(lambda: Notification.objects.get(pk=made.pk).emailed_at is not None)

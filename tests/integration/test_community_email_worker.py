"""Community emails really travel through Redis to a Celery worker process (Redis db 2 in CI)."""

import time

import pytest
from django.contrib.auth import get_user_model

from community_plugin import api
from community_plugin.models import Notification
from community_plugin.tasks import send_notification_email

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def _wait_emailed(notification, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        notification.refresh_from_db()
        if notification.emailed_at is not None:
            return True
        time.sleep(0.2)
    return False


def test_notify_queues_the_email_to_the_worker(real_broker):
    users = get_user_model().objects
    asker = users.create_user("aiko", "aiko@example.com", "pw", last_name="青木", first_name="愛子")
    helper = users.create_user("ken", "ken@example.com", "pw")
    space = api.course_space("course-v1:DXQuest+CS101+2026", "みどり精密工業のDX")
    api.add_member(asker.pk, space)  # only people who may read the space are notified
    [notification] = api.notify(
        [asker.pk],
        kind="answer",
        actor=helper,
        space=space,
        title="あなたの質問に回答がつきました",
        url="/dxq/community/spaces/",
    )
    # Autocommit: on_commit ran at once and the task went to Redis; the worker sent the mail.
    assert _wait_emailed(notification)


def test_the_email_task_round_trip_and_idempotence(real_broker):
    user = get_user_model().objects.create_user("mio", "mio@example.com", "pw")
    notification = Notification.objects.create(
        user=user, kind="mention", title="メンション", url="/"
    )
    assert send_notification_email.delay(notification.pk).get(timeout=60) is True
    assert send_notification_email.delay(notification.pk).get(timeout=60) is False
    notification.refresh_from_db()
    assert notification.emailed_at is not None

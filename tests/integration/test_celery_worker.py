"""Tasks really travel through Redis to a separate worker process and back."""

import time

import pytest
from django.contrib.auth import get_user_model

from community_plugin import api
from community_plugin.tasks import add_course_member
from tests.community_plugin.events import send_enrollment_created

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]
COURSE = "course-v1:DXQuest+CS101+2026"


def test_task_round_trip_through_redis_worker(real_broker):
    learner = get_user_model().objects.create_user("kenji", "kenji@example.com", "pw")
    result = add_course_member.delay(learner.pk, COURSE, "みどり精密工業のDX")
    joined = result.get(timeout=60)
    assert result.successful()
    assert sorted(joined) == sorted([api.course_space(COURSE).slug, "program"])
    # The worker wrote to the same database this test reads.
    assert {space.kind for space in api.spaces_of(learner)} == {"course", "program"}


def test_enrollment_event_is_handled_by_the_worker(real_broker):
    learner = get_user_model().objects.create_user("yui", "yui@example.com", "pw")
    responses = send_enrollment_created(learner, COURSE, "みどり精密工業のDX")
    assert [error for _receiver, error in responses if error] == []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(api.spaces_of(learner)) < 2:
        time.sleep(0.2)
    assert {space.name for space in api.spaces_of(learner)} == {
        "みどり精密工業のDX",
        "マナビDX Quest",
    }

"""Peer review's Celery tasks really run in a separate worker (Redis): grading and coverage."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from deliverable_xblock import api, tasks
from deliverable_xblock.models import Escalation, PublishedGrade
from tests.deliverable_xblock.peer_support import BLOCK, COMMENTS, COURSE, RUBRIC, scores

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def _wait_for(check, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False


def test_final_grade_is_published_by_the_worker(real_broker, django_user_model, settings):
    settings.DXQ_PEER_REGRADE_DELAY_SECONDS = 2
    api.configure(BLOCK, COURSE, required_reviews=2, calibration_items=0)
    api.publish_rubric(BLOCK, RUBRIC)
    users = [django_user_model.objects.create_user(f"w{i}", password="x") for i in range(3)]
    for user in users:
        api.submit(BLOCK, COURSE, user, text_html="<p>x</p>")
    for user in users:
        for _ in range(2):
            lease = api.request_review(BLOCK, user)
            api.submit_review(lease.id, user, scores=scores(3), comments=COMMENTS)
    # The request returned at once; the worker re-estimates and publishes.
    assert _wait_for(lambda: PublishedGrade.objects.count() == 3)
    assert api.grade_of(BLOCK, users[0]).published


def test_coverage_pass_runs_in_the_worker(real_broker, django_user_model):
    api.configure(BLOCK, COURSE, required_reviews=2, target_hours=1, calibration_items=0)
    api.publish_rubric(BLOCK, RUBRIC)
    author = django_user_model.objects.create_user("late", password="x")
    api.submit(BLOCK, COURSE, author, text_html="<p>x</p>", now=timezone.now() - timedelta(hours=2))
    summary = tasks.check_coverage.delay().get(timeout=60)
    assert summary["overdue"] == 1
    assert Escalation.objects.filter(kind=Escalation.OVERDUE).exists()

"""The coverage guarantee reaches people through the block: a learner who finished their reviews
sees the notice the coverage task left and gets the waiting work; a volunteer (alumnus, no
submission of their own) may review at all."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation

from deliverable_xblock import api, coverage
from deliverable_xblock.blocks import identity
from deliverable_xblock.models import Assignment, Notification, Volunteer
from tests.deliverable_xblock.blocks.test_reviewing import review_once

pytestmark = pytest.mark.django_db

INVITATION = 'data-role="review-invitation"'


@pytest.fixture(autouse=True)
def japanese():
    with translation.override("ja"):
        yield


@pytest.fixture
def reviewed(trio, django_capture_on_commit_callbacks):
    """The trio each gave their two required reviews."""
    with django_capture_on_commit_callbacks(execute=True):
        for harness in trio * 2:
            _html, result = review_once(harness)
            assert result["ok"], result
    return trio


def test_a_coverage_notice_reaches_a_reviewer_who_answers_it(reviewed, course, make_user):
    sato = reviewed[0]
    key = identity.block_key(sato.block)
    late = course.harness(make_user("learner-late"))
    assert late.call("submit_work", {"text": "<p>遅れて提出</p>"})["ok"]
    assert INVITATION not in sato.html()

    # A third of the 72-hour target later, the late work is at risk: the coverage task asks
    # the learners who finished their reviews (a notice in the block and a mail).
    summary = coverage.check_coverage(now=timezone.now() + timedelta(hours=30), block_keys=[key])
    assert summary["at_risk"] == 1
    assert summary["notified"] == 3
    assert sato.user.email in {address for m in mail.outbox for address in m.to}
    page = sato.html()
    assert INVITATION in page
    assert "仲間の成果物があなたのレビューを待っています" in page

    leased = sato.call("request_review", {})
    assert leased["ok"], leased
    assert "遅れて提出" in leased["sections"]["review"]
    assignment = Assignment.objects.get(reviewer=sato.user, state=Assignment.LEASED)
    assert assignment.submission_id == api.submission_of(key, late.user).id
    assert assignment.source == "backfill"
    assert not Notification.objects.filter(user=sato.user, read_at__isnull=True).exists()
    assert INVITATION not in sato.html()
    assert api.open_invitations(key, reviewed[1].user) == 1  # the others' notices stay open


def test_a_volunteer_reviews_without_submitting(
    trio,  # noqa: F811
    course,
    make_user,
):
    key = identity.block_key(trio[0].block)
    alumna = course.harness(make_user("alumna"))
    refused = alumna.call("request_review", {})
    assert refused["ok"] is False
    assert refused["code"] == "not_submitted"
    assert 'data-role="volunteer"' not in alumna.html()

    Volunteer.objects.create(user=alumna.user, course_key=identity.course_key(alumna.block))
    assert 'data-role="volunteer"' in alumna.html()
    html, result = review_once(alumna)
    assert result["ok"], result
    assert Assignment.objects.get(reviewer=alumna.user).source == "volunteer"
    assert api.reviews_done(key, alumna.user) == 1
    assert api.submission_of(key, alumna.user) is None


def test_a_volunteer_for_another_course_is_not_one_here(trio, course, make_user):
    other = course.harness(make_user("elsewhere"))
    Volunteer.objects.create(user=other.user, course_key="course-v1:other+x+y")
    assert other.call("request_review", {})["code"] == "not_submitted"
    Volunteer.objects.filter(user=other.user).update(course_key="", active=False)
    assert other.call("request_review", {})["code"] == "not_submitted"

"""Helpfulness, flags handled by operators (hide + replacement), retirement of a learner."""

import pytest
from django.test import TestCase

from deliverable_xblock import api
from deliverable_xblock.errors import NotAllowed
from deliverable_xblock.models import (
    CriterionScore,
    Draft,
    Flag,
    PublishedGrade,
    Review,
    ReviewerStats,
    Submission,
)
from tests.deliverable_xblock.peer_support import BLOCK, COMMENTS, scores, submit_all


def _round(users):
    with TestCase.captureOnCommitCallbacks(execute=True):
        for user in users:
            for _ in range(3):
                lease = api.request_review(BLOCK, user)
                if lease is None:
                    break
                api.submit_review(
                    lease.id, user, scores=scores(3), comments=COMMENTS, overall_comment="Nice"
                )


def test_helpfulness_feeds_reputation(deliverable, learners):
    submit_all(learners[:4])
    _round(learners[:4])
    review = api.reviews_received(BLOCK, learners[0])[0]
    reviewer_id = Review.objects.get(pk=review.id).reviewer_id
    before = ReviewerStats.objects.get(user_id=reviewer_id).reputation
    api.rate_review(review.id, learners[0], 5)
    after = ReviewerStats.objects.get(user_id=reviewer_id)
    assert after.helpfulness_count == 1
    assert after.reputation > before


def test_operator_hides_a_flagged_review_and_a_replacement_is_requested(
    deliverable, learners, make_user
):
    submit_all(learners[:4])
    _round(learners[:4])
    received = api.reviews_received(BLOCK, learners[0])
    api.flag_review(received[0].id, learners[0], "abusive", "rude")
    submission = Submission.objects.get(pk=api.submission_of(BLOCK, learners[0]).id)
    assert submission.done == 3
    with pytest.raises(NotAllowed):
        api.hide_review(received[0].id, learners[1])
    operator = make_user("operator", is_staff=True)
    api.hide_review(received[0].id, operator, "abusive")
    submission.refresh_from_db()
    assert submission.done == 2  # a slot opens: the pool gives it to a new reviewer
    assert Flag.objects.get().state == Flag.HIDDEN
    assert len(api.reviews_received(BLOCK, learners[0])) == 2
    helper = make_user()
    assert api.request_review(BLOCK, helper).submission_id == submission.id


def test_dismissing_a_flag_keeps_the_review(deliverable, learners, make_user):
    submit_all(learners[:4])
    _round(learners[:4])
    received = api.reviews_received(BLOCK, learners[0])
    flag_id = api.flag_review(received[0].id, learners[0], "other")
    api.dismiss_flag(flag_id, make_user("op2", is_staff=True))
    assert Flag.objects.get().state == Flag.DISMISSED
    assert len(api.reviews_received(BLOCK, learners[0])) == 3


def test_retire_user_removes_personal_text_and_keeps_grades(deliverable, learners):
    submit_all(learners[:4])
    _round(learners[:4])
    api.save_draft(BLOCK, learners[0], "<p>draft</p>")
    received = api.reviews_received(BLOCK, learners[1])
    api.rate_review(received[0].id, learners[1], 4, "useful, thanks")
    grades_before = list(PublishedGrade.objects.values_list("points_earned", flat=True))

    api.retire_user(learners[0])

    assert not Draft.objects.filter(user=learners[0]).exists()
    assert not ReviewerStats.objects.filter(user=learners[0]).exists()
    authored = Review.objects.filter(assignment__reviewer=learners[0])
    assert authored.count() == 3
    assert all(r.overall_comment == "" and r.reviewer_id is None for r in authored)
    assert not CriterionScore.objects.filter(review__in=authored).exclude(comment="").exists()
    assert list(PublishedGrade.objects.values_list("points_earned", flat=True)) == grades_before
    assert Submission.objects.filter(author=learners[0]).count() == 0

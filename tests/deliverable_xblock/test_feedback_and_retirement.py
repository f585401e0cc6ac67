"""Helpfulness, flags handled by operators (hide + replacement), retirement of a learner."""

import pytest
from django.test import TestCase

from deliverable_xblock import api, grading
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
from tests.deliverable_xblock.peer_support import BLOCK, COMMENTS, COURSE, scores, submit_all


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


def _review_each_other(users, points_for):
    """Each user reviews every other one's work once; ``points_for(reviewer, author)``."""
    authors = {Submission.objects.get(pk=api.submission_of(BLOCK, u).id).pk: u for u in users}
    with TestCase.captureOnCommitCallbacks(execute=True):
        for reviewer in users:
            while (lease := api.request_review(BLOCK, reviewer)) is not None:
                author = authors[lease.submission_id]
                api.submit_review(
                    lease.id,
                    reviewer,
                    scores=scores(points_for(reviewer, author)),
                    comments=COMMENTS,
                )


def test_a_hidden_review_stops_counting_in_a_published_grade(deliverable, learners, make_user):
    """The operator upholds a flag on a careless review of published work: the grade is
    estimated and published again once the replacement review is in, without the hidden one."""
    from submissions import api as submissions_api

    api.configure(BLOCK, COURSE, required_reviews=3, calibration_items=0, disagreement_threshold=9)
    group = learners[:4]
    submit_all(group)
    careless = group[1]
    _review_each_other(group, lambda r, a: 0 if (r, a) == (careless, group[0]) else 4)
    work = Submission.objects.get(pk=api.submission_of(BLOCK, group[0]).id)
    before = PublishedGrade.objects.get(submission=work).points_earned
    received = [r for r in api.reviews_received(BLOCK, group[0]) if r.points == 0]
    api.flag_review(received[0].id, group[0], "careless")

    operator = make_user("operator", is_staff=True)
    api.hide_review(received[0].id, operator, "careless")
    shown = api.grade_of(BLOCK, group[0])
    assert not shown.published  # waiting for the replacement
    assert not shown.final

    helper = make_user()
    with TestCase.captureOnCommitCallbacks(execute=True):
        lease = api.request_review(BLOCK, helper)
        assert lease.submission_id == work.id
        api.submit_review(lease.id, helper, scores=scores(4), comments=COMMENTS)
    after = PublishedGrade.objects.get(submission=work)
    # Published again from the visible reviews (three of 4 points), the hidden 0 left out.
    visible = grading.regrade_block(BLOCK, publish=False)
    assert after.points_earned == round(visible.total(work.id)[0], 2) > before
    assert api.grade_of(BLOCK, group[0]).published
    assert submissions_api.get_latest_score_for_submission(work.uuid)["points_earned"] == round(
        after.points_earned
    )


def test_a_retired_reviewers_scores_still_count(deliverable, learners):
    """Retirement detaches the reviewer's name, not their scores: work they reviewed before
    its grade was final is still graded from every review it got."""
    group = learners[:4]
    submit_all(group)
    api.configure(BLOCK, COURSE, required_reviews=3, calibration_items=0, give_to_get=False)
    # group[1] and group[2] review group[0]'s work; then group[1] retires.
    for reviewer in group[1:3]:
        lease = api.request_review(BLOCK, reviewer)
        while lease.submission_id != api.submission_of(BLOCK, group[0]).id:
            api.submit_review(lease.id, reviewer, scores=scores(2), comments=COMMENTS)
            lease = api.request_review(BLOCK, reviewer)
        api.submit_review(lease.id, reviewer, scores=scores(0), comments=COMMENTS)
    api.retire_user(group[1])
    work = Submission.objects.get(pk=api.submission_of(BLOCK, group[0]).id)
    assert work.done == 2

    with TestCase.captureOnCommitCallbacks(execute=True):
        lease = api.request_review(BLOCK, group[3])
        while lease.submission_id != work.id:
            api.submit_review(lease.id, group[3], scores=scores(2), comments=COMMENTS)
            lease = api.request_review(BLOCK, group[3])
        api.submit_review(lease.id, group[3], scores=scores(0), comments=COMMENTS)

    grade = PublishedGrade.objects.get(submission=work)
    # Three reviews of 0 points: the retired reviewer's zero is one of them.
    reviews_used = {
        cid: len(
            [
                o
                for o in grading.block_observations(BLOCK)
                if o.item == work.id and o.criterion == cid
            ]
        )
        for cid in ("c1", "c2", "c3", "c4")
    }
    assert reviews_used == {"c1": 3, "c2": 3, "c3": 3, "c4": 3}
    assert grade.points_possible == 16

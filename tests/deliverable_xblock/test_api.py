"""The API end to end: submit, request_review, submit_review, grade_of, progress."""

import pytest
from django.test import TestCase

from deliverable_xblock import api
from deliverable_xblock.errors import InvalidScores, NotYourAssignment, RubricLocked
from tests.deliverable_xblock.peer_support import (
    BLOCK,
    COMMENTS,
    COURSE,
    RUBRIC,
    scores,
    submit_all,
)


def review_round(users, points=3):
    with TestCase.captureOnCommitCallbacks(execute=True):
        _review_round(users, points)


def _review_round(users, points):
    for user in users:
        for _ in range(3):
            assignment = api.request_review(BLOCK, user)
            if assignment is None:
                break
            api.submit_review(
                assignment.id, user, scores=scores(points), comments=COMMENTS, overall_comment="ok"
            )


def test_submit_stores_through_edx_submissions(deliverable, learners):
    from submissions import api as submissions_api

    info = api.submit(BLOCK, COURSE, learners[0], text_html="<p>Hi<script>x</script></p>")
    stored = submissions_api.get_submission(info.uuid)
    assert stored["answer"]["text_html"] == "<p>Hi</p>"
    assert api.submission_of(BLOCK, learners[0]).uuid == info.uuid
    assert api.submission_of(BLOCK, learners[1]) is None


def test_resubmission_supersedes_the_old_attempt(deliverable, learners):
    first = api.submit(BLOCK, COURSE, learners[0], text_html="<p>v1</p>")
    second = api.submit(BLOCK, COURSE, learners[0], text_html="<p>v2</p>")
    assert second.attempt == first.attempt + 1
    assert api.submission_of(BLOCK, learners[0]).text_html == "<p>v2</p>"
    assignment = api.request_review(BLOCK, learners[1])
    assert assignment.submission_id == second.id


def test_never_own_submission(deliverable, learners):
    api.submit(BLOCK, COURSE, learners[0], text_html="<p>mine</p>")
    assert api.request_review(BLOCK, learners[0]) is None


def test_full_cycle_gives_a_grade_with_interval(deliverable, learners):
    submit_all(learners[:4])
    review_round(learners[:4], points=3)
    grade = api.grade_of(BLOCK, learners[0])
    assert grade.visible
    assert grade.final
    assert grade.published
    assert grade.points_possible == 16
    assert grade.total_low <= grade.total <= grade.total_high
    assert 10 <= grade.total <= 14
    assert [c["id"] for c in grade.criteria] == ["c1", "c2", "c3", "c4"]
    progress = api.progress_of(BLOCK, learners[0])
    assert progress.reviews_done == 3
    assert progress.state == "graded"


def test_published_grade_reaches_edx_submissions(deliverable, learners):
    from submissions import api as submissions_api

    infos = submit_all(learners[:4])
    review_round(learners[:4], points=4)
    score = submissions_api.get_latest_score_for_submission(infos[0].uuid)
    assert score["points_possible"] == 16
    assert score["points_earned"] >= 14


def test_give_to_get_hides_grade_until_own_reviews(deliverable, learners):
    submit_all(learners[:5])
    review_round(learners[1:5], points=2)
    grade = api.grade_of(BLOCK, learners[0])
    assert grade is not None
    assert not grade.visible
    assert grade.reviews_needed == 3
    review_round(learners[:1])
    grade = api.grade_of(BLOCK, learners[0])
    assert grade.visible
    assert grade.reviews_needed == 0


def test_give_to_get_can_be_switched_off(deliverable, learners):
    api.configure(BLOCK, COURSE, give_to_get=False, calibration_items=0)
    submit_all(learners[:5])
    review_round(learners[1:5])
    assert api.grade_of(BLOCK, learners[0]).visible


def test_invalid_scores_are_refused_with_errors(deliverable, learners):
    submit_all(learners[:2])
    assignment = api.request_review(BLOCK, learners[1])
    with pytest.raises(InvalidScores) as caught:
        api.submit_review(assignment.id, learners[1], scores={"c1": "o9"}, comments={})
    assert set(caught.value.errors) == {"c1", "c2", "c3", "c4", "fb"}
    with pytest.raises(NotYourAssignment):
        api.submit_review(assignment.id, learners[0], scores=scores(2), comments=COMMENTS)


def test_rubric_versioning(deliverable, learners):
    first = api.publish_rubric(BLOCK, RUBRIC)
    assert first.number == 1
    assert api.publish_rubric(BLOCK, RUBRIC).pk == first.pk  # unchanged: same version
    submit_all(learners[:2])
    assignment = api.request_review(BLOCK, learners[1])
    review = api.submit_review(assignment.id, learners[1], scores=scores(2), comments=COMMENTS)
    changed = {"criteria": [dict(c) for c in RUBRIC["criteria"]]}
    changed["criteria"][0] = {**changed["criteria"][0], "label": "Problem framing"}
    second = api.publish_rubric(BLOCK, changed)
    assert second.number == 2
    assert api.current_rubric(BLOCK)["version"] == 2
    review.refresh_from_db()
    assert review.rubric_id == first.pk
    first.criteria = changed["criteria"]
    with pytest.raises(RubricLocked):
        first.save()


def test_reviews_received_rate_and_flag(deliverable, learners):
    submit_all(learners[:4])
    review_round(learners[:4])
    received = api.reviews_received(BLOCK, learners[0])
    assert len(received) == 3
    assert {c["id"] for c in received[0].criteria} >= {"c1", "fb"}
    api.rate_review(received[0].id, learners[0], 5, "thanks")
    api.flag_review(received[1].id, learners[0], "careless", "empty")
    again = api.reviews_received(BLOCK, learners[0])
    assert again[0].my_rating == 5
    assert again[1].flagged
    from deliverable_xblock.errors import NotAllowed

    with pytest.raises(NotAllowed):
        api.rate_review(received[0].id, learners[3], 4)
    with pytest.raises(InvalidScores):
        api.rate_review(received[0].id, learners[0], 9)


def test_drafts_autosave_and_go_away_on_submit(deliverable, learners):
    assert api.draft_of(BLOCK, learners[0]) is None
    api.save_draft(BLOCK, learners[0], "<p>first<script>x</script></p>", [])
    api.save_draft(BLOCK, learners[0], "<p>second</p>", [{"name": "a.pdf", "size": 3}])
    draft = api.draft_of(BLOCK, learners[0])
    assert draft["text_html"] == "<p>second</p>"
    assert draft["files"][0]["name"] == "a.pdf"
    api.submit(BLOCK, COURSE, learners[0], text_html="<p>done</p>")
    assert api.draft_of(BLOCK, learners[0]) is None


def test_submitting_after_the_deadline_is_refused(deliverable, learners):
    from datetime import timedelta

    from django.utils import timezone

    from deliverable_xblock.errors import DeadlinePassed

    api.configure(BLOCK, COURSE, deadline=timezone.now() - timedelta(hours=1))
    with pytest.raises(DeadlinePassed) as caught:
        api.submit(BLOCK, COURSE, learners[0], text_html="<p>late</p>")
    assert caught.value.message == "締切を過ぎました。"  # Japanese first
    assert api.submission_of(BLOCK, learners[0]) is None

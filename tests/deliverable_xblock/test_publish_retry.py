"""A grade whose ``set_score`` failed (edx-submissions or its database briefly unavailable) is
sent again by the next re-grade: the LMS never silently misses a final grade."""

from django.test import TestCase
from submissions import api as submissions_api
from submissions.models import Score

from deliverable_xblock import api, grading
from deliverable_xblock.models import PublishedGrade, Submission
from tests.deliverable_xblock.peer_support import BLOCK, COMMENTS, scores, submit_all


def _review_all(users):
    with TestCase.captureOnCommitCallbacks(execute=True):
        for user in users:
            while (lease := api.request_review(BLOCK, user)) is not None:
                api.submit_review(lease.id, user, scores=scores(3), comments=COMMENTS)


def test_a_failed_set_score_is_sent_again_by_the_next_regrade(
    deliverable, learners, monkeypatch, caplog
):
    group = learners[:4]
    submit_all(group)
    real_set_score = submissions_api.set_score

    def unavailable(*args, **kwargs):
        raise submissions_api.SubmissionInternalError("database went away")

    monkeypatch.setattr(submissions_api, "set_score", unavailable)
    _review_all(group)
    assert "set_score failed" in caplog.text
    work = Submission.objects.get(pk=api.submission_of(BLOCK, group[0]).id)
    grade = PublishedGrade.objects.get(submission=work)
    assert grade.lms_sent_at is None
    assert submissions_api.get_latest_score_for_submission(work.uuid) is None

    monkeypatch.setattr(submissions_api, "set_score", real_set_score)
    grading.regrade_block(BLOCK)

    grade.refresh_from_db()
    assert grade.lms_sent_at is not None
    score = submissions_api.get_latest_score_for_submission(work.uuid)
    assert score["points_earned"] == round(grade.points_earned)
    # Sent once: a later re-grade does not send it again.
    grading.regrade_block(BLOCK)
    assert Score.objects.filter(submission__uuid=work.uuid).count() == 1


def test_a_sent_grade_records_when(deliverable, learners):
    submit_all(learners[:4])
    _review_all(learners[:4])
    assert not PublishedGrade.objects.filter(lms_sent_at__isnull=True).exists()

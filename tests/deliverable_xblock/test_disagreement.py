"""Reviews that disagree beyond the threshold ask for more reviewers automatically."""

from deliverable_xblock import api
from deliverable_xblock.models import Escalation, Submission
from tests.deliverable_xblock.peer_support import BLOCK, COMMENTS, COURSE, scores


def _review(reviewer, points):
    lease = api.request_review(BLOCK, reviewer)
    return api.submit_review(lease.id, reviewer, scores=scores(points), comments=COMMENTS)


def test_split_reviews_raise_the_need(deliverable, make_user):
    api.configure(
        BLOCK,
        COURSE,
        required_reviews=2,
        disagreement_threshold=2.0,
        max_extra_reviews=2,
        calibration_items=0,
    )
    info = api.submit(BLOCK, COURSE, make_user(), text_html="<p>x</p>")
    _review(make_user(), 0)
    _review(make_user(), 4)
    submission = Submission.objects.get(pk=info.id)
    assert submission.need == 3  # one more reviewer requested
    assert Escalation.objects.filter(submission=submission, kind="disagreement").exists()
    third = make_user()
    assert api.request_review(BLOCK, third).submission_id == info.id


def test_agreeing_reviews_do_not(deliverable, make_user):
    api.configure(BLOCK, COURSE, required_reviews=2, calibration_items=0)
    info = api.submit(BLOCK, COURSE, make_user(), text_html="<p>x</p>")
    _review(make_user(), 3)
    _review(make_user(), 3)
    assert Submission.objects.get(pk=info.id).need == 2


def test_extra_reviews_are_capped(deliverable, make_user):
    api.configure(BLOCK, COURSE, required_reviews=2, max_extra_reviews=1, calibration_items=0)
    info = api.submit(BLOCK, COURSE, make_user(), text_html="<p>x</p>")
    for points in (0, 4, 0, 4):
        lease = api.request_review(BLOCK, (reviewer := make_user()))
        if lease is None:
            break
        api.submit_review(lease.id, reviewer, scores=scores(points), comments=COMMENTS)
    assert Submission.objects.get(pk=info.id).need == 3

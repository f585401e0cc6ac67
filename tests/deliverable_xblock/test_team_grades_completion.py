"""Completion without opening the block: inside the LMS, once a learner's (or their team's) work
is submitted and they gave their required reviews, the engine submits the block's completion
through edx-completion (``BlockCompletion.objects.submit_completion``); outside it, nothing.

edx-completion and edx-platform are not installed here: for the LMS case, the two modules our
``platform`` looks up (``common.djangoapps.student.models``, which tells it it is in the LMS,
and ``completion.models``) are stood in for under their real import paths, for the test only.
"""

import sys
import types

import pytest
from django.test import TestCase
from opaque_keys.edx.keys import UsageKey

from casestudy_xblock.platform import lms_attr
from deliverable_xblock import api, platform
from deliverable_xblock.models import TeamMembership
from deliverable_xblock.submitting import complete_if_done
from tests.deliverable_xblock.peer_support import BLOCK, COMMENTS, COURSE, scores, submit_all


class Completions:
    """``BlockCompletion.objects`` of edx-completion: records each ``submit_completion``."""

    def __init__(self):
        self.calls = []

    def submit_completion(self, user, block_key, completion):
        self.calls.append((user.pk, block_key, completion))
        return object(), True


@pytest.fixture
def lms_completion(monkeypatch):
    """In the LMS, with edx-completion: the recorded calls."""
    completions = Completions()
    modules = {
        "common.djangoapps.student.models": {"CourseEnrollment": type("CourseEnrollment", (), {})},
        "completion.models": {"BlockCompletion": types.SimpleNamespace(objects=completions)},
    }
    for path, attrs in modules.items():
        parts = path.split(".")
        for depth in range(1, len(parts)):
            monkeypatch.setitem(sys.modules, ".".join(parts[:depth]), types.ModuleType("pkg"))
        module = types.ModuleType(path)
        for name, value in attrs.items():
            setattr(module, name, value)
        monkeypatch.setitem(sys.modules, path, module)
    lms_attr.cache_clear()  # LMS look-ups are cached per process
    yield completions
    lms_attr.cache_clear()


def review_all(users, times=3):
    with TestCase.captureOnCommitCallbacks(execute=True):
        for _ in range(times):
            for user in users:
                lease = api.request_review(BLOCK, user)
                api.submit_review(lease.id, user, scores=scores(3), comments=COMMENTS)


def test_standalone_submits_no_completion(deliverable, learners):
    submit_all(learners[:4])
    review_all(learners[:4])
    assert "completion" not in sys.modules
    assert platform.submit_completion(learners[0], BLOCK) is False
    assert complete_if_done(BLOCK, learners[0].pk) is False


def test_in_the_lms_a_learner_who_submitted_and_reviewed_is_complete(
    lms_completion, deliverable, learners
):
    submit_all(learners[:4])
    assert lms_completion.calls == []  # submitted, no review given yet
    review_all(learners[:4])  # three reviews each; every grade is published
    expected = {(u.pk, UsageKey.from_string(BLOCK), 1.0) for u in learners[:4]}
    assert set(lms_completion.calls) == expected
    assert len(lms_completion.calls) == 4
    assert isinstance(lms_completion.calls[0][1], UsageKey)


def test_in_the_lms_reviews_without_a_submission_are_not_enough(
    lms_completion, deliverable, learners
):
    submit_all(learners[:3])
    volunteer = learners[5]  # reviews first (as a volunteer may), submits later
    with TestCase.captureOnCommitCallbacks(execute=True):
        for _ in range(3):
            lease = api.request_review(BLOCK, volunteer)
            api.submit_review(lease.id, volunteer, scores=scores(2), comments=COMMENTS)
    assert complete_if_done(BLOCK, volunteer.pk) is False
    assert lms_completion.calls == []

    with TestCase.captureOnCommitCallbacks(execute=True):
        api.submit(BLOCK, COURSE, volunteer, text_html="<p>late work</p>")
    assert lms_completion.calls == [(volunteer.pk, UsageKey.from_string(BLOCK), 1.0)]


def test_in_the_lms_a_team_submission_completes_members_who_reviewed(
    lms_completion, deliverable, learners
):
    api.configure(BLOCK, COURSE, required_reviews=1, calibration_items=0, team_mode=True)
    ren, aoi, other = learners[:3]
    for user, team in ((ren, "a"), (aoi, "a"), (other, "b")):
        TeamMembership.objects.create(course_key=COURSE, team_id=team, user=user)
    api.submit(BLOCK, COURSE, other, text_html="<p>team B</p>")
    with TestCase.captureOnCommitCallbacks(execute=True):  # aoi reviews before her team submits
        lease = api.request_review(BLOCK, aoi)
        api.submit_review(lease.id, aoi, scores=scores(3), comments=COMMENTS)
    with TestCase.captureOnCommitCallbacks(execute=True):
        api.submit(BLOCK, COURSE, ren, text_html="<p>team A</p>")
    # ren submitted for the team but gave no review yet; aoi had given hers.
    assert lms_completion.calls == [(aoi.pk, UsageKey.from_string(BLOCK), 1.0)]


def test_a_failing_completion_api_loses_nothing(lms_completion, deliverable, learners, caplog):
    def broken(user, block_key, completion):
        raise RuntimeError("completion service down")

    lms_completion.submit_completion = broken
    submit_all(learners[:4])
    review_all(learners[:4])
    assert api.grade_of(BLOCK, learners[0]).published
    assert "could not be submitted" in caplog.text


def test_in_the_lms_the_last_required_review_completes_the_reviewer(
    lms_completion, deliverable, learners
):
    """The reviewer's own work is not graded yet: completion comes from their last review."""
    submit_all(learners[:4])
    reviewer = learners[0]
    with TestCase.captureOnCommitCallbacks(execute=True):
        for given in range(3):
            assert lms_completion.calls == [], given  # not before the third review
            lease = api.request_review(BLOCK, reviewer)
            api.submit_review(lease.id, reviewer, scores=scores(3), comments=COMMENTS)
    assert lms_completion.calls == [(reviewer.pk, UsageKey.from_string(BLOCK), 1.0)]

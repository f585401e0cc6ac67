"""Reviews made on different rubric versions are graded on the latest version's scale.

Rule (``estimation.on_latest_scale``): a review's points on a criterion count as the same
fraction of the latest maximum as of its own version's maximum; criteria the latest version no
longer scores are not graded; work whose reviews do not cover a criterion the latest version
added is graded on the covered criteria, its total counted in proportion to the points
possible. Every expected value below is computed by hand: when all reviews of a cell agree
(after rescaling), the estimate is exactly that value (no spread, no bias).
"""

import pytest
from django.test import TestCase

from deliverable_xblock import api, estimation
from deliverable_xblock.estimation import Observation
from deliverable_xblock.models import PublishedGrade
from tests.deliverable_xblock.peer_support import BLOCK, COURSE


def criterion(cid, points, label=None):
    return {
        "id": cid,
        "label": label or cid.upper(),
        "options": [{"id": f"{cid}-{p}", "label": str(p), "points": p} for p in points],
    }


#: v1: C1 out of 4, C2 out of 4. v2: C1 out of 10 (other options), C2 dropped, C3 (out of 6) added.
V1 = {"criteria": [criterion("c1", [0, 1, 2, 3, 4]), criterion("c2", [0, 1, 2, 3, 4])]}
V2 = {"criteria": [criterion("c1", [0, 5, 10]), criterion("c3", [0, 3, 6], label="Data")]}
LATEST = {"c1": 10, "c3": 6}


# --- the pure rule ------------------------------------------------------------------------------


def test_points_move_to_the_latest_scale_and_dropped_criteria_are_left_out():
    observations = [
        Observation("r1", "x", "c1", 2, scale=4),  # 2 of 4 -> 5 of 10
        Observation("r1", "x", "c2", 4, scale=4),  # not in the latest version
        Observation("r2", "x", "c1", 5, scale=10),
        Observation("r3", "x", "c1", 3),  # no scale: already on the latest one
        Observation("r4", "x", "c1", 1, scale=0),  # worth nothing in its version: no evidence
    ]
    moved = estimation.on_latest_scale(observations, LATEST)
    assert [(o.reviewer, o.criterion, o.points) for o in moved] == [
        ("r1", "c1", 5.0),
        ("r2", "c1", 5),
        ("r3", "c1", 3),
    ]
    assert estimation.median_grade(observations, LATEST) == {"x": {"c1": 5.0}}


def test_two_versions_with_different_maxima_estimate_on_the_latest_scale():
    observations = [
        Observation("r1", "x", "c1", 2, scale=4),
        Observation("r2", "x", "c1", 2, scale=4),
        Observation("r3", "x", "c1", 5, scale=10),
        Observation("r3", "x", "c3", 3, scale=6),
        Observation("r1", "x", "c2", 1, scale=4),
    ]
    result = estimation.estimate(observations, maxima=LATEST)
    cells = result.items["x"]
    assert set(cells) == {"c1", "c3"}  # C2 (dropped) is not graded
    assert cells["c1"].mean == pytest.approx(5.0)  # not 3.0, the pool of 2, 2 and 5
    assert cells["c1"].maximum == 10
    assert cells["c1"].spread == pytest.approx(0.0)  # the reviews agree once on one scale
    assert cells["c3"].mean == pytest.approx(3.0)
    total, low, high, possible = result.total("x")
    assert (total, possible) == (pytest.approx(8.0), 16.0)
    assert low <= total <= high
    assert result.unrated("x") == []


def test_a_criterion_added_later_counts_the_covered_criteria_in_proportion():
    observations = [Observation(r, "x", "c1", 2, scale=4) for r in ("r1", "r2")]
    result = estimation.estimate(observations, maxima=LATEST)
    total, low, high, possible = result.total("x")
    # 5/10 on C1 only: half of the covered points, so half of all 16.
    assert (total, possible) == (pytest.approx(8.0), 16.0)
    sd = result.items["x"]["c1"].sd * 16 / 10
    assert low == pytest.approx(max(0.0, 8.0 - estimation.Z * sd))
    assert high == pytest.approx(min(16.0, 8.0 + estimation.Z * sd))
    assert result.unrated("x") == ["c3"]


def test_a_single_version_is_graded_as_before():
    observations = [Observation(r, "x", c, 3) for r in ("r1", "r2") for c in ("c1", "c2")]
    plain = estimation.estimate(observations, maxima={"c1": 4, "c2": 4})
    scaled = estimation.estimate(
        [Observation(o.reviewer, o.item, o.criterion, o.points, scale=4) for o in observations],
        maxima={"c1": 4, "c2": 4},
    )
    assert plain.total("x") == scaled.total("x") == pytest.approx((6.0, *plain.total("x")[1:]))


# --- through the engine -------------------------------------------------------------------------


@pytest.fixture
def two_versions(db, make_user):
    api.configure(BLOCK, COURSE, required_reviews=3, calibration_items=0)
    api.publish_rubric(BLOCK, V1)
    author, pending = make_user("author"), make_user("pending")
    work = api.submit(BLOCK, COURSE, author, text_html="<p>plan</p>")
    other = api.submit(BLOCK, COURSE, pending, text_html="<p>other plan</p>")
    reviewers = [make_user(f"r{i}") for i in range(1, 4)]
    return author, pending, work, other, reviewers


def review_both(reviewer, scores, comments=None):
    """The reviewer reviews both submissions, in whatever order allocation gives them."""
    for _ in range(2):
        lease = api.request_review(BLOCK, reviewer)
        api.submit_review(lease.id, reviewer, scores=scores, comments=comments or {})


def test_a_grade_from_reviews_on_two_versions(two_versions):
    author, pending, work, other, (r1, r2, r3) = two_versions
    with TestCase.captureOnCommitCallbacks(execute=True):
        for reviewer in (r1, r2):  # 2 of 4 on C1, 4 of 4 on C2 (dropped later)
            review_both(reviewer, {"c1": "c1-2", "c2": "c2-4"})
        assert api.publish_rubric(BLOCK, V2).number == 2
        lease = api.request_review(BLOCK, r3)
        api.submit_review(lease.id, r3, scores={"c1": "c1-5", "c3": "c3-3"})
    reviewed = lease.submission_id
    owner = author if reviewed == work.id else pending
    grade = api.grade_of(BLOCK, owner)
    # C1: 2/4, 2/4 and 5/10 are all 5/10; C3: 3/6; C2 left out: 8 of 16, and no extra review
    # was asked for (pooled, C1 read 2, 2, 5: a spread beyond the threshold).
    assert grade.published
    published = PublishedGrade.objects.get(submission_id=reviewed)
    assert (published.points_earned, published.points_possible) == (8.0, 16.0)
    assert published.details["criteria"]["c1"]["mean"] == pytest.approx(5.0)
    assert set(published.details["criteria"]) == {"c1", "c3"}
    assert [(c["id"], c["estimate"], c["points_possible"]) for c in grade.criteria] == [
        ("c1", 5.0, 10),
        ("c3", 3.0, 6),
    ]
    assert (grade.total, grade.points_possible, grade.unrated) == (8.0, 16.0, [])

    # The other work has only its two v1 reviews: 5/10 on C1, no review scored C3 (added).
    waiting = pending if owner is author else author
    estimate = api.grade_of(BLOCK, waiting)
    assert not estimate.published
    assert [(c["id"], c["estimate"]) for c in estimate.criteria] == [("c1", 5.0)]
    assert (estimate.total, estimate.points_possible) == (8.0, 16.0)
    assert estimate.unrated == ["Data"]

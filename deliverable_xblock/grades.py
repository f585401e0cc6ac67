"""A learner's grade (with its interval) and progress, as the block shows them."""

from django.utils import timezone

from . import grading
from .models import (
    Assignment,
)
from .results import GradeInfo, ProgressInfo
from .review_flow import reviews_done
from .submitting import _own_submission, settings_of


def grade_of(block_key, user):
    """The learner's grade with its interval, or None before any review arrived."""
    submission = _own_submission(block_key, user)
    if submission is None:
        return None
    conf = settings_of(block_key)
    done = reviews_done(block_key, user)
    needed = max(0, conf.required_reviews - done) if conf.give_to_get else 0
    rubric = grading.latest_rubric(block_key)
    if rubric is None:
        return None
    published = _published(submission)
    if published is not None:
        details = published.details.get("criteria", {})
        unrated = published.details.get("unrated", [])
        total, low, high = published.points_earned, published.low, published.high
    else:
        result = grading.quick_estimate(submission, rubric)
        if result is None or submission.id not in result.items:
            return None
        details = {
            cid: {"mean": c.mean, "low": c.low, "high": c.high, "max": c.maximum}
            for cid, c in result.items[submission.id].items()
        }
        unrated = result.unrated(submission.id)
        total, low, high, _possible = result.total(submission.id)
    criteria = [
        {
            "id": c["id"],
            "label": c["label"],
            "estimate": round(details[c["id"]]["mean"], 1),
            "low": round(details[c["id"]]["low"]),
            "high": round(details[c["id"]]["high"]),
            "points_possible": details[c["id"]]["max"],
        }
        for c in rubric.criteria
        if c["id"] in details
    ]
    return GradeInfo(
        criteria=criteria,
        total=round(total, 1),
        total_low=float(round(low)),
        total_high=float(round(high)),
        points_possible=float(rubric.points_possible),
        visible=needed == 0,
        reviews_needed=needed,
        reviews_received=submission.done,
        final=submission.done >= submission.need,
        published=published is not None,
        unrated=[c["label"] for c in rubric.criteria if c["id"] in unrated],
    )


def _published(submission):
    from .models import PublishedGrade

    return PublishedGrade.objects.filter(submission=submission).first()


def progress_of(block_key, user, *, now=None):
    """Reviews done/required and the learner's state, for the block's UI."""
    conf = settings_of(block_key)
    submission = _own_submission(block_key, user)
    done = reviews_done(block_key, user)
    has_lease = Assignment.objects.filter(
        block_key=str(block_key),
        reviewer=user,
        state=Assignment.LEASED,
        expires_at__gt=now or timezone.now(),
    ).exists()
    if submission is None:
        state = "not_submitted"
    elif done < conf.required_reviews:
        state = "reviewing"
    elif _published(submission) is not None:
        state = "graded"
    else:
        state = "waiting"
    return ProgressInfo(
        submitted=submission is not None,
        reviews_done=done,
        reviews_required=conf.required_reviews,
        reviews_received=submission.done if submission else 0,
        reviews_needed_for_grade=max(0, conf.required_reviews - done) if conf.give_to_get else 0,
        has_lease=has_lease,
        state=state,
    )

"""Asking for, doing and receiving reviews; rating and flagging them."""

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from . import allocation, grading, rubrics
from .errors import (
    InvalidScores,
    LeaseExpired,
    NotAllowed,
    NotFound,
    NotYourAssignment,
)
from .models import (
    Assignment,
    CriterionScore,
    Flag,
    HelpfulnessRating,
    Review,
    ReviewerStats,
    Submission,
    SubmissionMember,
)
from .results import AssignmentInfo, ReviewInfo
from .submitting import (
    _answer,
    _own_submission,
    complete_if_done,
    join_team_submission,
    settings_of,
)


def request_review(block_key, reviewer, *, now=None, source="pool"):
    """Lease the next submission to review (see :mod:`.allocation`); None when none waits."""
    now = now or timezone.now()
    conf = settings_of(block_key)
    join_team_submission(block_key, reviewer)  # never their own team's work, even if new to it
    found = allocation.allocate(
        str(block_key),
        reviewer.pk,
        now=now,
        lease_minutes=conf.lease_minutes,
        calibration_items=conf.calibration_items,
        source=source,
    )
    if found is None:
        return None
    return assignment_info(found.assignment_id)


def assignment_info(assignment_id):
    """An :class:`AssignmentInfo` for an existing assignment."""
    assignment = Assignment.objects.select_related("submission").get(pk=assignment_id)
    rubric = grading.latest_rubric(assignment.block_key)
    answer = _answer(assignment.submission.uuid)
    return AssignmentInfo(
        id=assignment.id,
        submission_id=assignment.submission_id,
        text_html=answer.get("text_html", ""),
        files=list(answer.get("files", [])),
        rubric={"criteria": rubric.criteria} if rubric else {"criteria": []},
        rubric_version=rubric.number if rubric else 0,
        leased_at=assignment.leased_at,
        expires_at=assignment.expires_at,
    )


def current_assignment(block_key, reviewer, *, now=None):
    """The reviewer's live lease in this block, or None."""
    now = now or timezone.now()
    live = (
        Assignment.objects.filter(
            block_key=str(block_key),
            reviewer=reviewer,
            state=Assignment.LEASED,
            expires_at__gt=now,
        )
        .values_list("id", flat=True)
        .first()
    )
    return assignment_info(live) if live else None


def _live_leases(submission_id, now, exclude_id=None):
    qs = Assignment.objects.filter(
        submission_id=submission_id, state=Assignment.LEASED, expires_at__gt=now
    )
    if exclude_id:
        qs = qs.exclude(pk=exclude_id)
    return qs.count()


def submit_review(
    assignment_id,
    reviewer,
    *,
    scores,
    comments=None,
    overall_comment="",
    now=None,
    regrade=True,
):
    """Record a review; raises LeaseExpired, NotYourAssignment, InvalidScores."""
    now = now or timezone.now()
    comments = {k: str(v or "").strip() for k, v in (comments or {}).items()}
    try:
        assignment = Assignment.objects.select_related("submission").get(pk=assignment_id)
    except Assignment.DoesNotExist as exc:
        raise NotFound() from exc
    if assignment.reviewer_id != reviewer.pk:
        raise NotYourAssignment()
    rubric = grading.latest_rubric(assignment.block_key)
    if rubric is None:
        raise InvalidScores(_("This deliverable has no rubric yet."))
    points, errors = rubrics.check_scores(rubric.criteria, scores, comments)
    if errors:
        raise InvalidScores(errors={k: _(v) for k, v in errors.items()})
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=assignment.submission_id)
        assignment = Assignment.objects.select_for_update().get(pk=assignment_id)
        if assignment.state == Assignment.SUBMITTED:
            raise NotAllowed(_("You have already submitted this review."))
        if assignment.state == Assignment.CANCELLED or submission.state != Submission.ACTIVE:
            raise LeaseExpired(_("The author replaced this work with a new version."))
        late = assignment.expires_at <= now and not submission.is_gold
        # Late but the slot is still free: keep the reviewer's work.
        if late and submission.done + _live_leases(submission.id, now, assignment.id) >= (
            submission.need
        ):
            assignment.state = Assignment.EXPIRED
            assignment.save(update_fields=["state"])
            raise LeaseExpired()
        assignment.state = Assignment.SUBMITTED
        assignment.completed_at = now
        assignment.save(update_fields=["state", "completed_at"])
        scored = [p for p in points.values() if p is not None]
        review = Review.objects.create(
            assignment=assignment,
            submission=submission,
            reviewer=reviewer,
            rubric=rubric,
            is_gold=submission.is_gold,
            overall_comment=str(overall_comment or "").strip(),
            points=float(sum(scored)),
            created=now,
        )
        CriterionScore.objects.bulk_create(
            [
                CriterionScore(
                    review=review,
                    criterion_id=cid,
                    option_id=str((scores or {}).get(cid) or ""),
                    points=value,
                    comment=comments.get(cid, ""),
                )
                for cid, value in points.items()
            ]
        )
        if not submission.is_gold:
            Submission.objects.filter(pk=submission.pk).update(done=F("done") + 1)
            submission.done += 1
            if submission.done >= submission.need and submission.first_covered_at is None:
                Submission.objects.filter(pk=submission.pk).update(first_covered_at=now)
            _check_disagreement(submission, rubric)
        # Inside the LMS the reviewer's completion does not wait for them to reopen the block:
        # submitted once, with their last required review (not again for a volunteer's extras).
        if (
            reviews_done(assignment.block_key, reviewer)
            == settings_of(assignment.block_key).required_reviews
        ):
            done_key, reviewer_id = assignment.block_key, reviewer.pk
            transaction.on_commit(lambda: complete_if_done(done_key, reviewer_id))
        if regrade and submission.done >= submission.need:
            block_key = submission.block_key
            transaction.on_commit(lambda: schedule_regrade(block_key))
    return review


def schedule_regrade(block_key):
    """Re-grade the block in the worker soon; reviews finishing meanwhile share that run."""
    from celery import current_app
    from django.conf import settings

    from . import tasks

    if current_app.conf.task_always_eager:
        tasks.regrade_block.delay(block_key)
        return
    delay = int(getattr(settings, "DXQ_PEER_REGRADE_DELAY_SECONDS", 30))
    if cache.add(f"dxq_deliverable:regrade:{block_key}", 1, delay):
        tasks.regrade_block.apply_async((block_key,), countdown=delay)


def _check_disagreement(submission, rubric):
    """Raise ``need`` by one when the reviews so far disagree beyond the threshold."""
    from . import coverage
    from .estimation import disagrees

    conf = settings_of(submission.block_key)
    if submission.done < 2 or submission.need >= conf.required_reviews + conf.max_extra_reviews:
        return False
    result = grading.quick_estimate(submission, rubric)
    if result is None or submission.id not in result.items:
        return False
    if not disagrees(result.items[submission.id], conf.disagreement_threshold):
        return False
    if submission.done < submission.need:
        return False  # wait until the planned reviews are in
    Submission.objects.filter(pk=submission.pk).update(need=F("need") + 1)
    submission.need += 1
    coverage.record_escalation(submission, "disagreement")
    return True


def reviews_done(block_key, user):
    """How many reviews ``user`` has submitted in this block."""
    return Assignment.objects.filter(
        block_key=str(block_key), reviewer=user, state=Assignment.SUBMITTED
    ).count()


def reviews_received(block_key, user):
    """The visible reviews of the learner's (or team's) submission."""
    submission = _own_submission(block_key, user)
    if submission is None:
        return []
    rubric = grading.latest_rubric(block_key)
    labels = {c["id"]: c for c in (rubric.criteria if rubric else [])}
    reviews = (
        Review.objects.filter(submission=submission, hidden=False)
        .select_related("rubric")
        .prefetch_related("scores")
        .order_by("created")
    )
    ratings = dict(
        HelpfulnessRating.objects.filter(review__submission=submission, rater=user).values_list(
            "review_id", "helpful"
        )
    )
    flagged = set(
        Flag.objects.filter(review__submission=submission, flagger=user).values_list(
            "review_id", flat=True
        )
    )
    out = []
    for review in reviews:
        version_labels = {c["id"]: c for c in review.rubric.criteria}
        criteria = []
        for score in review.scores.all():
            criterion = version_labels.get(score.criterion_id) or labels.get(score.criterion_id, {})
            option = next(
                (o for o in criterion.get("options", []) if o["id"] == score.option_id), {}
            )
            criteria.append(
                {
                    "id": score.criterion_id,
                    "label": criterion.get("label", score.criterion_id),
                    "option": score.option_id,
                    "option_label": option.get("label", ""),
                    "points": score.points,
                    "max": max((o["points"] for o in criterion.get("options", [])), default=0),
                    "comment": score.comment,
                }
            )
        out.append(
            ReviewInfo(
                id=review.id,
                created=review.created,
                overall_comment=review.overall_comment,
                criteria=criteria,
                points=review.points,
                my_rating=ratings.get(review.id),
                flagged=review.id in flagged,
            )
        )
    return out


def _received_review(review_id, user):
    try:
        review = Review.objects.select_related("submission").get(pk=review_id, hidden=False)
    except Review.DoesNotExist as exc:
        raise NotFound() from exc
    if not SubmissionMember.objects.filter(submission=review.submission, user=user).exists():
        raise NotAllowed()
    return review


def rate_review(review_id, user, helpful, comment=""):
    """The author rates a review's helpfulness (1–5); updates the reviewer's reputation."""
    from . import reputation

    try:
        helpful = int(helpful)
    except (TypeError, ValueError):
        helpful = 0
    if not 1 <= helpful <= 5:
        raise InvalidScores(_("Please rate from 1 to 5."))
    review = _received_review(review_id, user)
    HelpfulnessRating.objects.update_or_create(
        review=review, rater=user, defaults={"helpful": helpful, "comment": str(comment)[:2000]}
    )
    if review.reviewer_id:
        from django.db.models import Avg, Count

        agg = HelpfulnessRating.objects.filter(review__reviewer_id=review.reviewer_id).aggregate(
            mean=Avg("helpful"), n=Count("id")
        )
        stats, _created = ReviewerStats.objects.get_or_create(user_id=review.reviewer_id)
        stats.helpfulness = reputation.shrunk_helpfulness(agg["mean"], agg["n"])
        stats.helpfulness_count = agg["n"]
        stats.reputation = reputation.reputation_score(stats.reliability, stats.helpfulness)
        stats.save()
    return helpful


def flag_review(review_id, user, reason, text=""):
    """The author reports a review to the operators (flag queue)."""
    valid = {code for code, _label in Flag.REASONS}
    if reason not in valid:
        raise InvalidScores(_("Please choose a reason."))
    review = _received_review(review_id, user)
    flag, _created = Flag.objects.get_or_create(
        review=review,
        flagger=user,
        state=Flag.OPEN,
        defaults={"reason": reason, "text": str(text)[:4000]},
    )
    return flag.id

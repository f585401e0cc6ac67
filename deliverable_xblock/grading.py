"""Grades of a deliverable: estimation over its reviews, reviewer statistics, publishing.

:func:`regrade_block` runs the full iterative estimate (``estimation.estimate``) over a block's
visible reviews and gold items, stores each reviewer's bias and variance in
:class:`ReviewerStats` (carried to their next deliverable as a prior) and publishes the grade of
every submission whose reviews are complete (edx-submissions ``set_score`` + PublishedGrade; for
team work ``team_api.set_score``, so that every member's LMS grade follows, see
:mod:`.team_submissions`); members who also gave their required reviews get the block's
completion in the LMS.
:func:`quick_estimate` grades one submission from stored reviewer statistics (for the learner's
page before the grade is final).
"""

import logging

from django.db import transaction
from django.utils import timezone

from . import estimation, rubrics, signals, team_submissions
from .models import (
    CriterionScore,
    DeliverableSettings,
    PublishedGrade,
    ReviewerStats,
    RubricVersion,
    Submission,
)

log = logging.getLogger(__name__)


def latest_rubric(block_key):
    """The newest :class:`RubricVersion` of a block, or None."""
    return RubricVersion.objects.filter(block_key=block_key).order_by("-number").first()


_SCORE_ROW = (
    "review__reviewer_id",
    "review_id",
    "review__submission_id",
    "criterion_id",
    "points",
    "review__rubric_id",
)


def _observations(score_rows):
    """Observations from ``_SCORE_ROW`` rows, each with its criterion's maximum in the rubric
    version the review used (``scale``: estimation puts it on the latest version's scale).

    A review whose reviewer was retired (detached, ``reviewer`` None) still counts, as a
    reviewer of its own with no history (``"retired-<review id>"``), so the grades of the work
    they reviewed hold."""
    score_rows = [row for row in score_rows if row[4] is not None]
    versions = RubricVersion.objects.filter(pk__in={row[5] for row in score_rows})
    version_maxima = {
        pk: rubrics.maxima(criteria) for pk, criteria in versions.values_list("pk", "criteria")
    }
    return [
        estimation.Observation(
            reviewer if reviewer is not None else f"retired-{review_id}",
            item,
            criterion,
            points,
            scale=version_maxima.get(rubric_id, {}).get(criterion),
        )
        for reviewer, review_id, item, criterion, points, rubric_id in score_rows
        if criterion in version_maxima.get(rubric_id, {})
    ]


def _user_ids(reviewers):
    """The real users among estimated reviewers (not the ``retired-…`` stand-ins)."""
    return [uid for uid in reviewers if isinstance(uid, int)]


def block_observations(block_key):
    """All visible scored reviews of a block as Observations (one query)."""
    rows = CriterionScore.objects.filter(
        review__submission__block_key=block_key, review__hidden=False
    ).values_list(*_SCORE_ROW)
    return _observations(rows)


def gold_truth(block_key):
    """{(submission id, criterion id): expert points} of the block's gold items."""
    truth = {}
    for sid, scores in Submission.objects.filter(block_key=block_key, is_gold=True).values_list(
        "id", "expert_scores"
    ):
        for cid, points in (scores or {}).items():
            truth[(sid, cid)] = float(points)
    return truth


def priors(user_ids):
    """{user id: (bias, variance)} from earlier deliverables."""
    return {
        uid: (bias, variance)
        for uid, bias, variance in ReviewerStats.objects.filter(
            user_id__in=_user_ids(user_ids)
        ).values_list("user_id", "bias", "variance")
    }


def regrade_block(block_key, *, now=None, publish=True):
    """Re-estimate a block; store reviewer statistics; publish final grades. Returns the Result."""
    rubric = latest_rubric(block_key)
    if rubric is None:
        return None
    maxima = rubrics.maxima(rubric.criteria)
    observations = block_observations(block_key)
    reviewer_ids = {o.reviewer for o in observations}
    result = estimation.estimate(
        observations, maxima=maxima, gold=gold_truth(block_key), priors=priors(reviewer_ids)
    )
    _store_reviewer_stats(result)
    if publish:
        publish_final(block_key, result, rubric, now=now)
    return result


def _store_reviewer_stats(result):
    users = _user_ids(result.reviewers)
    existing = {s.user_id: s for s in ReviewerStats.objects.filter(user_id__in=users)}
    for uid in users:
        est = result.reviewers[uid]
        stats = existing.get(uid) or ReviewerStats(user_id=uid)
        stats.bias = est.bias
        stats.variance = est.variance
        stats.reliability = est.reliability
        stats.reviews = est.count
        stats.gold_reviews = est.gold_count
        from .reputation import reputation_score

        stats.reputation = reputation_score(stats.reliability, stats.helpfulness)
        stats.save()


def publish_final(block_key, result, rubric, *, now=None):
    """Publish every complete, not yet published submission of the block."""
    now = now or timezone.now()
    pending = Submission.objects.filter(
        block_key=block_key, state=Submission.ACTIVE, is_gold=False, grade__isnull=True
    ).filter(done__gte=models_f("need"))
    for submission in pending:
        if submission.id in result.items:
            publish(submission, result, rubric, now=now)
    resend_unsent(block_key, now=now)


def resend_unsent(block_key, *, now=None):
    """Send again the published grades edx-submissions did not accept (``set_score`` failed)."""
    unsent = PublishedGrade.objects.filter(
        submission__block_key=block_key,
        submission__state=Submission.ACTIVE,
        lms_sent_at__isnull=True,
    ).select_related("submission")
    for grade in unsent:
        joined = _send(grade.submission, grade, now=now)
        if joined:  # attached only now: named as graded now
            _announce(grade.submission, grade, user_ids=joined)


def models_f(name):
    from django.db.models import F

    return F(name)


def publish(submission, result, rubric, *, now=None):
    """Send one submission's grade to edx-submissions and record it."""
    total, low, high, possible = result.total(submission.id)
    possible = rubric.points_possible or possible
    details = {
        cid: {"mean": c.mean, "low": c.low, "high": c.high, "max": c.maximum, "sd": c.sd}
        for cid, c in result.items[submission.id].items()
    }
    unrated = result.unrated(submission.id)
    with transaction.atomic():
        grade, created = PublishedGrade.objects.get_or_create(
            submission=submission,
            defaults={
                "points_earned": round(total, 2),
                "points_possible": possible,
                "low": round(low, 2),
                "high": round(high, 2),
                "details": {"criteria": details, "rubric": rubric.number, "unrated": unrated},
                "published_at": now or timezone.now(),
            },
        )
    if created:
        _send(submission, grade, now=now)
        _announce(submission, grade)  # after _send: late joiners it attached are named too
    return grade


def _send(submission, grade, *, now=None):
    """``set_score`` for one published grade; on success record when (``lms_sent_at``).

    Returns the ids of the late joiners it attached (an empty list), or None when
    edx-submissions did not accept the score."""
    try:
        with transaction.atomic():
            joined = _send_score(
                submission, round(grade.points_earned), int(round(grade.points_possible))
            )
    except Exception:  # our record stays; the next re-grade (hourly at least) sends it again
        log.exception("set_score failed for %s", submission.uuid)
        return None
    PublishedGrade.objects.filter(pk=grade.pk).update(lms_sent_at=now or timezone.now())
    _complete_members(submission, joined)
    return joined


def _send_score(submission, points_earned, points_possible):
    """edx-submissions ``set_score``: for team work on every member's individual submission
    (``team_api.set_score``, late joiners included), so each member's LMS grade follows."""
    from submissions import api as submissions_api

    from .submitting import ITEM_TYPE

    if submission.team_submission_uuid:
        return team_submissions.set_score(submission, points_earned, points_possible, ITEM_TYPE)
    # individual work, and team work stored before team submissions existed
    submissions_api.set_score(submission.uuid, points_earned, points_possible)
    return []


def _complete_members(submission, joined):
    """Late joiners became members of the team's work just now: those who gave their own
    required reviews get the block's completion in the LMS (``submitting.complete_if_done``;
    nothing standalone). Everyone else got it when they submitted or gave their last review."""
    from .submitting import complete_if_done

    block_key = submission.block_key
    for user_id in joined:
        transaction.on_commit(lambda uid=user_id: complete_if_done(block_key, uid))


def _announce(submission, grade, user_ids=None):
    """Tell packages above (badges) once the grade is stored: ``signals.deliverable_graded``,
    naming the members the work is graded for (``SubmissionMember.counts_for_grade``): not
    those who submitted with another team first, whose grade is that team's."""
    if user_ids is None:
        user_ids = list(
            submission.members.filter(counts_for_grade=True).values_list("user_id", flat=True)
        )
    if not user_ids:
        return
    payload = {
        "user_ids": user_ids,
        "block_key": submission.block_key,
        "course_key": submission.course_key,
        "points_earned": grade.points_earned,
        "points_possible": grade.points_possible,
    }
    transaction.on_commit(lambda: signals.deliverable_graded.send(sender=None, **payload))


def quick_estimate(submission, rubric):
    """A provisional per-criterion estimate of one submission from stored reviewer stats."""
    rows = CriterionScore.objects.filter(review__submission=submission, review__hidden=False)
    observations = _observations(rows.values_list(*_SCORE_ROW))
    if not observations:
        return None
    maxima = rubrics.maxima(rubric.criteria)
    return estimation.estimate(
        observations,
        maxima=maxima,
        priors=priors({o.reviewer for o in observations}),
        iterations=0,
    )


def settings_for(block_key):
    """The block's DeliverableSettings (defaults when the block was never configured)."""
    found = DeliverableSettings.objects.filter(block_key=block_key).first()
    return found or DeliverableSettings(block_key=block_key, course_key="")

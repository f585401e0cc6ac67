"""What the operator dashboard shows and exports, gathered in a few queries per page."""

from collections import defaultdict
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Case, Count, F, Q, Value, When
from django.utils import timezone

from . import estimation, grading, krippendorff, rubrics
from .models import (
    CriterionScore,
    DeliverableSettings,
    Escalation,
    Flag,
    PublishedGrade,
    Review,
    ReviewerStats,
    Submission,
)


def overview():
    """One row per deliverable: counts, coverage, open escalations and flags."""
    confs = list(DeliverableSettings.objects.order_by("course_key", "block_key"))
    keys = [c.block_key for c in confs]
    subs = {
        row["block_key"]: row
        for row in Submission.objects.filter(
            block_key__in=keys, state=Submission.ACTIVE, is_gold=False
        )
        .values("block_key")
        .annotate(
            total=Count("id"),
            covered=Count("id", filter=Q(first_covered_at__isnull=False)),
        )
    }
    reviews = dict(
        Review.objects.filter(submission__block_key__in=keys, is_gold=False, hidden=False)
        .values("submission__block_key")
        .annotate(n=Count("id"))
        .values_list("submission__block_key", "n")
    )
    escalations = dict(
        Escalation.objects.filter(submission__block_key__in=keys, resolved_at__isnull=True)
        .values("submission__block_key")
        .annotate(n=Count("id"))
        .values_list("submission__block_key", "n")
    )
    rows = []
    for conf in confs:
        s = subs.get(conf.block_key, {"total": 0, "covered": 0})
        rows.append(
            {
                "conf": conf,
                "submissions": s["total"],
                "covered": s["covered"],
                "coverage": round(100 * s["covered"] / s["total"]) if s["total"] else None,
                "reviews": reviews.get(conf.block_key, 0),
                "escalations": escalations.get(conf.block_key, 0),
            }
        )
    return rows


def open_escalations(block_key=None):
    """At-risk, overdue and disagreement items still open, oldest first."""
    qs = Escalation.objects.filter(resolved_at__isnull=True).select_related("submission")
    if block_key:
        qs = qs.filter(submission__block_key=block_key)
    return list(qs.order_by("submission__submitted_at")[:200])


def open_flags():
    """The flag queue: open flags with their review."""
    return list(
        Flag.objects.filter(state=Flag.OPEN)
        .select_related("review", "review__submission")
        .prefetch_related("review__scores")
        .order_by("created")[:200]
    )


def _names(user_ids):
    users = get_user_model().objects.filter(pk__in=[u for u in user_ids if u])
    return {u.pk: u.username for u in users}


def submissions_table(conf, result=None, limit=None):
    """Rows of the deliverable's submissions: author, waiting, reviews, grade, disagreement.

    With ``limit`` (the page), those still short of reviews come first, oldest first."""
    queryset = Submission.objects.filter(block_key=conf.block_key, is_gold=False).exclude(
        state=Submission.SUPERSEDED
    )
    if limit:
        short_first = Case(When(done__lt=F("need"), then=Value(0)), default=Value(1))
        queryset = queryset.annotate(complete=short_first).order_by("complete", "submitted_at")
        subs = list(queryset[:limit])
    else:
        subs = list(queryset.order_by("submitted_at"))
    names = _names({s.author_id for s in subs})
    grades = {g.submission_id: g for g in PublishedGrade.objects.filter(submission__in=subs)}
    rows = []
    for s in subs:
        items = (result.items.get(s.id) if result else None) or {}
        spread = max((c.spread for c in items.values()), default=0.0)
        total = result.total(s.id) if result and items else None
        grade = grades.get(s.id)
        rows.append(
            {
                "id": s.id,
                "author": names.get(s.author_id, "—"),
                "team": s.team_id,
                "attempt": s.attempt,
                "submitted_at": s.submitted_at,
                "done": s.done,
                "need": s.need,
                "covered_at": s.first_covered_at,
                "estimate": round(total[0], 1) if total else None,
                "low": round(total[1]) if total else None,
                "high": round(total[2]) if total else None,
                "published": grade.points_earned if grade else None,
                "spread": round(spread, 1),
                "disagreement": spread > conf.disagreement_threshold,
            }
        )
    return rows


def submission_count(conf):
    """How many current submissions the deliverable has."""
    return (
        Submission.objects.filter(block_key=conf.block_key, is_gold=False)
        .exclude(state=Submission.SUPERSEDED)
        .count()
    )


def coverage_series(conf, now=None, days=14):
    """Per day since the first submission: % of submissions so far with all their reviews."""
    now = now or timezone.now()
    subs = list(
        Submission.objects.filter(block_key=conf.block_key, is_gold=False)
        .exclude(state=Submission.SUPERSEDED)
        .values_list("submitted_at", "first_covered_at")
    )
    if not subs:
        return []
    start = min(s for s, _c in subs).replace(hour=0, minute=0, second=0, microsecond=0)
    series = []
    for day in range(days + 1):
        moment = start + timedelta(days=day + 1)
        if moment - timedelta(days=1) > now:
            break
        arrived = [c for s, c in subs if s < moment]
        covered = sum(1 for c in arrived if c is not None and c < moment)
        series.append(
            {
                "day": (start + timedelta(days=day)).date(),
                "submitted": len(arrived),
                "covered": covered,
                "percent": round(100 * covered / len(arrived)) if arrived else 0,
            }
        )
    return series


def alpha_by_criterion(conf):
    """Krippendorff's alpha (interval) per scored criterion and over all criteria."""
    rubric = grading.latest_rubric(conf.block_key)
    if rubric is None:
        return []
    units = defaultdict(list)
    for sid, cid, points in CriterionScore.objects.filter(
        review__submission__block_key=conf.block_key,
        review__hidden=False,
        review__is_gold=False,
        points__isnull=False,
    ).values_list("review__submission_id", "criterion_id", "points"):
        units[(sid, cid)].append(points)
    rows = []
    for criterion in rubric.criteria:
        if criterion.get("feedback_only"):
            continue
        cid = criterion["id"]
        value = krippendorff.alpha([v for (s, c), v in units.items() if c == cid])
        rows.append({"id": cid, "label": criterion["label"], "alpha": value})
    overall = krippendorff.alpha(list(units.values()))
    rows.append({"id": "", "label": None, "alpha": overall})
    return rows


def reviewer_rows(conf):
    """Reviewers of this deliverable with their carried-over statistics and reputation."""
    counts = dict(
        Review.objects.filter(submission__block_key=conf.block_key)
        .values("reviewer_id")
        .annotate(n=Count("id"))
        .values_list("reviewer_id", "n")
    )
    stats = {s.user_id: s for s in ReviewerStats.objects.filter(user_id__in=list(counts))}
    names = _names(counts)
    rows = []
    for uid, n in counts.items():
        if uid is None:
            continue
        s = stats.get(uid)
        rows.append(
            {
                "user": names.get(uid, "—"),
                "reviews": n,
                "bias": round(s.bias, 2) if s else None,
                "reliability": round(s.reliability, 2) if s else None,
                "helpfulness": round(s.helpfulness, 1) if s and s.helpfulness else None,
                "reputation": s.reputation if s else None,
            }
        )
    rows.sort(key=lambda r: -(r["reputation"] or 0))
    return rows


def estimate(conf):
    """The current estimate of the deliverable (not stored, not published)."""
    rubric = grading.latest_rubric(conf.block_key)
    if rubric is None:
        return None
    observations = grading.block_observations(conf.block_key)
    return estimation.estimate(
        observations,
        maxima=rubrics.maxima(rubric.criteria),
        gold=grading.gold_truth(conf.block_key),
        priors=grading.priors({o.reviewer for o in observations}),
    )


def export_rows(conf):
    """(header, rows) of the export: one row per visible review criterion score."""
    header = [
        "submission_id",
        "author",
        "team",
        "submitted_at",
        "reviews_done",
        "reviews_needed",
        "grade_estimate",
        "grade_low",
        "grade_high",
        "published_points",
        "review_id",
        "reviewer",
        "rubric_version",
        "criterion",
        "option",
        "points",
        "hidden",
    ]
    result = estimate(conf)
    table = {row["id"]: row for row in submissions_table(conf, result)}
    scores = (
        CriterionScore.objects.filter(
            review__submission__block_key=conf.block_key, review__is_gold=False
        )
        .select_related("review", "review__rubric")
        .order_by("review__submission_id", "review_id", "criterion_id")
    )
    names = _names({s.review.reviewer_id for s in scores})
    rows = []
    for score in scores:
        sub = table.get(score.review.submission_id)
        if sub is None:
            continue
        rows.append(
            [
                sub["id"],
                sub["author"],
                sub["team"],
                sub["submitted_at"].isoformat(),
                sub["done"],
                sub["need"],
                sub["estimate"],
                sub["low"],
                sub["high"],
                sub["published"],
                score.review_id,
                names.get(score.review.reviewer_id, ""),
                score.review.rubric.number,
                score.criterion_id,
                score.option_id,
                score.points,
                score.review.hidden,
            ]
        )
    return header, rows

"""The public Python API of deliverable_xblock: the only door for the block and other packages.

A deliverable is identified by ``block_key`` (the XBlock usage id, str) and ``course_key``
(str). Functions raise only the typed errors of :mod:`deliverable_xblock.errors`. Times default
to now; the ``now`` keyword exists so that tests and the simulation can move time forward.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from casestudy_xblock import roles
from casestudy_xblock.text import sanitize_html

from . import allocation, grading, platform, rubrics
from .errors import (
    DeadlinePassed,
    InvalidRubric,
    InvalidScores,
    LeaseExpired,
    NotAllowed,
    NotFound,
    NothingToReview,
    NotYourAssignment,
    RubricLocked,
)
from .models import (
    Assignment,
    CriterionScore,
    DeliverableSettings,
    Draft,
    Flag,
    HelpfulnessRating,
    Review,
    ReviewerStats,
    RubricVersion,
    Submission,
    SubmissionMember,
)

__all__ = [
    "RubricLocked",
    "LeaseExpired",
    "NotYourAssignment",
    "InvalidScores",
    "NothingToReview",
    "DeadlinePassed",
    "NotAllowed",
    "NotFound",
]

ITEM_TYPE = "dxq_deliverable"
_SETTINGS_CACHE = "dxq_deliverable:settings:{}"


# ------------------------------------------------------------------ results


@dataclass(frozen=True)
class SubmissionInfo:
    """A submission as the block shows it (own, or the team's)."""

    id: int
    uuid: str
    block_key: str
    attempt: int
    submitted_at: datetime
    text_html: str
    files: list
    team_id: str
    author_id: int | None
    reviews_done: int
    reviews_needed: int


@dataclass(frozen=True)
class AssignmentInfo:
    """A lease handed to a reviewer: what to review, against which rubric, until when."""

    id: int
    submission_id: int
    text_html: str
    files: list
    rubric: dict
    rubric_version: int
    leased_at: datetime
    expires_at: datetime


@dataclass(frozen=True)
class ReviewInfo:
    """A review as its author's recipient sees it (anonymous)."""

    id: int
    created: datetime
    overall_comment: str
    criteria: list  # [{id, label, option, option_label, points, max, comment}]
    points: float
    my_rating: int | None
    flagged: bool


@dataclass(frozen=True)
class GradeInfo:
    """A grade with its uncertainty ("12/16, likely 11–13")."""

    criteria: list  # [{id, label, estimate, low, high, points_possible}]
    total: float
    total_low: float
    total_high: float
    points_possible: float
    visible: bool
    reviews_needed: int
    reviews_received: int
    final: bool
    published: bool


@dataclass(frozen=True)
class ProgressInfo:
    """Where the learner is: submitted? reviews done/required, the state for the UI."""

    submitted: bool
    reviews_done: int
    reviews_required: int
    reviews_received: int
    reviews_needed_for_grade: int
    has_lease: bool
    state: str  # "not_submitted" | "reviewing" | "waiting" | "graded"
    extra: dict = field(default_factory=dict)


# ------------------------------------------------------------------ settings and rubrics


def configure(
    block_key,
    course_key,
    *,
    required_reviews=3,
    lease_minutes=60,
    target_hours=72,
    give_to_get=True,
    disagreement_threshold=2.0,
    team_mode=False,
    max_extra_reviews=2,
    calibration_items=3,
    deadline=None,
):
    """Create or update a deliverable's peer-review settings; returns them."""
    values = {
        "course_key": str(course_key),
        "required_reviews": max(1, int(required_reviews)),
        "lease_minutes": max(1, int(lease_minutes)),
        "target_hours": max(1, int(target_hours)),
        "give_to_get": bool(give_to_get),
        "disagreement_threshold": float(disagreement_threshold),
        "team_mode": bool(team_mode),
        "max_extra_reviews": int(max_extra_reviews),
        "calibration_items": int(calibration_items),
        "deadline": deadline,
    }
    found, _created = DeliverableSettings.objects.update_or_create(
        block_key=str(block_key), defaults=values
    )
    cache.delete(_SETTINGS_CACHE.format(found.block_key))
    return found


def settings_of(block_key):
    """The settings of a block (cached; defaults when never configured)."""
    key = _SETTINGS_CACHE.format(block_key)
    found = cache.get(key)
    if found is None:
        found = grading.settings_for(str(block_key))
        if found.pk:
            cache.set(key, found, 300)
    return found


def publish_rubric(block_key, rubric):
    """Publish ``rubric``: the latest version if unchanged, else a new version."""
    try:
        criteria = rubrics.normalise(rubric)
    except ValueError as exc:
        raise InvalidRubric(str(exc)) from exc
    from .models import rubric_digest

    with transaction.atomic():
        latest = grading.latest_rubric(block_key)
        if latest is not None and latest.digest == rubric_digest(criteria):
            return latest
        number = latest.number + 1 if latest else 1
        try:
            return RubricVersion.objects.create(
                block_key=str(block_key), number=number, criteria=criteria
            )
        except IntegrityError:  # published concurrently: take theirs
            return grading.latest_rubric(block_key)


def current_rubric(block_key):
    """The latest rubric of a block as a dict (with its ``version``), or None."""
    latest = grading.latest_rubric(block_key)
    if latest is None:
        return None
    return {"version": latest.number, "criteria": latest.criteria}


# ------------------------------------------------------------------ submitting


def _author(block_key, course_key, user, team_id, conf):
    if not conf.team_mode:
        return f"u:{user.pk}", "", [user.pk]
    team_id = team_id or platform.team_of(user, course_key)
    if not team_id:
        raise NotAllowed(_("This is a team deliverable: join a team before you submit."))
    members = set(platform.team_member_ids(course_key, team_id))
    if user.pk not in members:
        raise NotAllowed(_("You are not a member of this team."))
    return f"t:{team_id}", team_id, sorted(members)


def _clean_files(files):
    keys = ("name", "size", "sha256", "storage_path", "content_type")
    return [{k: f.get(k) for k in keys} for f in (files or [])]


def submit(block_key, course_key, user, *, text_html, files=(), team_id=None, now=None):
    """Submit (or resubmit) work; returns :class:`SubmissionInfo`."""
    from submissions import api as submissions_api

    now = now or timezone.now()
    conf = settings_of(block_key)
    if conf.deadline and now > conf.deadline:
        raise DeadlinePassed()
    author_key, team_id, member_ids = _author(block_key, course_key, user, team_id, conf)
    student_id = f"team-{team_id}" if team_id else platform.anonymous_id(user, str(course_key))
    answer = {"text_html": sanitize_html(text_html or ""), "files": _clean_files(files)}
    student_item = {
        "student_id": student_id,
        "course_id": str(course_key),
        "item_id": str(block_key),
        "item_type": ITEM_TYPE,
    }
    created = submissions_api.create_submission(student_item, answer, submitted_at=now)
    required = conf.required_reviews
    with transaction.atomic():
        previous = Submission.objects.select_for_update().filter(
            block_key=block_key, author_key=author_key, state=Submission.ACTIVE, is_gold=False
        )
        for old in previous:
            old.state = Submission.SUPERSEDED
            old.save(update_fields=["state"])
            Assignment.objects.filter(submission=old, state=Assignment.LEASED).update(
                state=Assignment.CANCELLED
            )
        submission = Submission.objects.create(
            block_key=str(block_key),
            course_key=str(course_key),
            uuid=str(created["uuid"]),
            author=user,
            team_id=team_id,
            author_key=author_key,
            attempt=created.get("attempt_number", 1),
            submitted_at=now,
            need=required,
        )
        SubmissionMember.objects.bulk_create(
            [SubmissionMember(submission=submission, user_id=uid) for uid in member_ids]
        )
        Draft.objects.filter(block_key=block_key, user=user).delete()
    return _submission_info(submission, answer)


def _submission_info(submission, answer=None):
    if answer is None:
        answer = _answer(submission.uuid)
    return SubmissionInfo(
        id=submission.id,
        uuid=submission.uuid,
        block_key=submission.block_key,
        attempt=submission.attempt,
        submitted_at=submission.submitted_at,
        text_html=answer.get("text_html", ""),
        files=list(answer.get("files", [])),
        team_id=submission.team_id,
        author_id=submission.author_id,
        reviews_done=submission.done,
        reviews_needed=submission.need,
    )


def _answer(uuid):
    from submissions import api as submissions_api

    try:
        answer = submissions_api.get_submission(uuid)["answer"]
    except Exception:  # a retired or missing answer shows as empty
        return {}
    return answer if isinstance(answer, dict) else {"text_html": str(answer)}


def save_draft(block_key, user, text_html, files=()):
    """Autosave a draft (kept until the learner submits)."""
    draft, _created = Draft.objects.update_or_create(
        block_key=str(block_key),
        user=user,
        defaults={"text_html": sanitize_html(text_html or ""), "files": _clean_files(files)},
    )
    return {"text_html": draft.text_html, "files": draft.files, "saved": draft.modified}


def draft_of(block_key, user):
    """The learner's draft ({text_html, files, saved}) or None."""
    draft = Draft.objects.filter(block_key=str(block_key), user=user).first()
    if draft is None:
        return None
    return {"text_html": draft.text_html, "files": draft.files, "saved": draft.modified}


def _own_submission(block_key, user):
    return (
        Submission.objects.filter(
            block_key=str(block_key),
            members__user=user,
            state=Submission.ACTIVE,
            is_gold=False,
        )
        .order_by("-submitted_at")
        .first()
    )


def submission_of(block_key, user):
    """The learner's (or their team's) current submission, or None."""
    submission = _own_submission(block_key, user)
    return _submission_info(submission) if submission else None


# ------------------------------------------------------------------ reviewing


def request_review(block_key, reviewer, *, now=None, source="pool"):
    """Lease the next submission to review (see :mod:`.allocation`); None when none waits."""
    now = now or timezone.now()
    conf = settings_of(block_key)
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


# ------------------------------------------------------------------ operators


def is_operator(user):
    """Course operators and staff run peer review."""
    return bool(
        getattr(user, "is_authenticated", False)
        and (roles.has_role(user, roles.OPERATOR) or roles.has_role(user, roles.ADMINISTRATOR))
    )


def hide_review(review_id, operator, reason="", *, flag_state=Flag.HIDDEN):
    """Hide a review (flag upheld) and put its submission back in the pool for a replacement."""
    if not is_operator(operator):
        raise NotAllowed()
    with transaction.atomic():
        review = Review.objects.select_for_update().select_related("submission").get(pk=review_id)
        if not review.hidden:
            review.hidden = True
            review.hidden_reason = str(reason)[:200]
            review.save(update_fields=["hidden", "hidden_reason"])
            if not review.is_gold:
                # One visible review fewer: the slot opens again and allocation fills it.
                Submission.objects.filter(pk=review.submission_id, done__gt=0).update(
                    done=F("done") - 1
                )
        Flag.objects.filter(review=review, state=Flag.OPEN).update(
            state=flag_state, resolved_by=operator, resolved_at=timezone.now()
        )
    return review


def dismiss_flag(flag_id, operator):
    """Close a flag without hiding the review."""
    if not is_operator(operator):
        raise NotAllowed()
    Flag.objects.filter(pk=flag_id, state=Flag.OPEN).update(
        state=Flag.DISMISSED, resolved_by=operator, resolved_at=timezone.now()
    )


def create_gold(block_key, course_key, operator, *, text_html, files=(), expert_scores):
    """An operator adds a calibration item with expert scores ({criterion id: option id})."""
    from submissions import api as submissions_api

    if not is_operator(operator):
        raise NotAllowed()
    rubric = grading.latest_rubric(block_key)
    if rubric is None:
        raise InvalidScores(_("This deliverable has no rubric yet."))
    points, errors = rubrics.check_scores(
        [c for c in rubric.criteria if not c.get("feedback_only")], expert_scores, {}
    )
    if errors:
        raise InvalidScores(errors={k: _(v) for k, v in errors.items()})
    count = Submission.objects.filter(block_key=block_key, is_gold=True).count()
    student_item = {
        "student_id": f"dxq-gold-{count + 1}",
        "course_id": str(course_key),
        "item_id": str(block_key),
        "item_type": ITEM_TYPE,
    }
    answer = {"text_html": sanitize_html(text_html or ""), "files": _clean_files(files)}
    created = submissions_api.create_submission(student_item, answer)
    with transaction.atomic():
        gold = Submission.objects.create(
            block_key=str(block_key),
            course_key=str(course_key),
            uuid=str(created["uuid"]),
            author=operator,
            author_key=f"g:{count + 1}",
            is_gold=True,
            need=0,
            expert_scores={k: v for k, v in points.items() if v is not None},
        )
        SubmissionMember.objects.create(submission=gold, user=operator)
    return gold.id


# ------------------------------------------------------------------ grades and progress


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
        total, low, high = published.points_earned, published.low, published.high
    else:
        result = grading.quick_estimate(submission, rubric)
        if result is None or submission.id not in result.items:
            return None
        details = {
            cid: {"mean": c.mean, "low": c.low, "high": c.high, "max": c.maximum}
            for cid, c in result.items[submission.id].items()
        }
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


# ------------------------------------------------------------------ retirement and home


def retire_user(user):
    """Remove a learner's personal data; scores stay (anonymous) so others' grades hold."""
    from .models import Notification, TeamMembership, Volunteer

    with transaction.atomic():
        Draft.objects.filter(user=user).delete()
        Notification.objects.filter(user=user).delete()
        Volunteer.objects.filter(user=user).delete()
        TeamMembership.objects.filter(user=user).delete()
        ReviewerStats.objects.filter(user=user).delete()
        CriterionScore.objects.filter(review__reviewer=user).update(comment="")
        Review.objects.filter(reviewer=user).update(overall_comment="", reviewer=None)
        HelpfulnessRating.objects.filter(rater=user).update(comment="")
        Flag.objects.filter(flagger=user).update(text="", flagger=None)
        Submission.objects.filter(author=user).update(author=None)
        Assignment.objects.filter(reviewer=user, state=Assignment.LEASED).update(
            state=Assignment.CANCELLED
        )


def home_links(user, user_roles):
    """Links on a person's home page: the peer-review dashboard for operators and staff."""
    if not ({roles.OPERATOR, roles.ADMINISTRATOR} & set(user_roles)):
        return []
    try:
        url = reverse("dxq_deliverable:operator_dashboard")
    except NoReverseMatch:
        return []
    return [
        {
            "title": _("Peer review"),
            "text": _(
                "Submissions, review coverage, disagreement, reliability, reviewer reputation "
                "and the flag queue."
            ),
            "url": url,
        }
    ]

"""What operators do (gold items, hiding reviews, flags) and the retirement of a learner."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from casestudy_xblock import roles
from casestudy_xblock.text import sanitize_html

from . import grading, rubrics
from .errors import (
    InvalidScores,
    NotAllowed,
)
from .models import (
    Assignment,
    CriterionScore,
    Draft,
    Flag,
    HelpfulnessRating,
    PublishedGrade,
    Review,
    ReviewerStats,
    Submission,
    SubmissionMember,
)
from .submitting import ITEM_TYPE, _clean_files


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
                # A grade already published counted the hidden review: it is estimated and
                # published again once the replacement is in (the LMS keeps the old score
                # until then; the learner sees the provisional estimate).
                PublishedGrade.objects.filter(submission_id=review.submission_id).delete()
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


def retire_user(user):
    """Remove a learner's personal data; scores stay (anonymous) so others' grades hold.

    The learner is also detached from the submissions they were a member of: a team's grade
    published later then gives them no new edx-submissions submission (as a late joiner would
    get) and ``deliverable_graded`` no longer names them. What edx-submissions already holds
    under their anonymous id is left to the platform's own retirement.
    """
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
        SubmissionMember.objects.filter(user=user).delete()
        Assignment.objects.filter(reviewer=user, state=Assignment.LEASED).update(
            state=Assignment.CANCELLED
        )

"""Deliverable settings, rubrics, drafts and submissions (through edx-submissions)."""

import logging

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from casestudy_xblock.text import sanitize_html

from . import grading, platform, rubrics, team_submissions
from .errors import (
    DeadlinePassed,
    InvalidRubric,
    NotAllowed,
)
from .models import (
    Assignment,
    DeliverableSettings,
    Draft,
    RubricVersion,
    Submission,
    SubmissionMember,
)
from .results import SubmissionInfo

log = logging.getLogger(__name__)

ITEM_TYPE = "dxq_deliverable"
_SETTINGS_CACHE = "dxq_deliverable:settings:{}"


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
    """Submit (or resubmit) work; returns :class:`SubmissionInfo`.

    Individual work is one edx-submissions submission under the learner's anonymous id; team work
    is a TeamSubmission with one individual submission per member (:mod:`.team_submissions`), so
    that a published grade reaches every member's LMS grade.
    """
    from submissions import api as submissions_api

    now = now or timezone.now()
    conf = settings_of(block_key)
    if conf.deadline and now > conf.deadline:
        raise DeadlinePassed()
    author_key, team_id, member_ids = _author(block_key, course_key, user, team_id, conf)
    if team_id and _graded_with_team_other_than(block_key, user, team_id):
        raise NotAllowed(
            _(
                "You submitted this deliverable with your earlier team: that team's work is "
                "graded for you, so you cannot submit your current team's work. A teammate "
                "can submit it."
            )
        )
    answer = {"text_html": sanitize_html(text_html or ""), "files": _clean_files(files)}
    required = conf.required_reviews
    with transaction.atomic():
        _serialise_submissions(block_key)
        previous = list(
            Submission.objects.select_for_update().filter(
                block_key=block_key, author_key=author_key, state=Submission.ACTIVE, is_gold=False
            )
        )
        team_submission_uuid = ""
        counted = member_ids
        if team_id:
            attempt = _next_attempt(block_key, author_key)
            uuid, team_submission_uuid, counted = team_submissions.create(
                course_key,
                block_key,
                team_id,
                user,
                member_ids,
                answer,
                now=now,
                attempt=attempt,
                item_type=ITEM_TYPE,
            )
        else:
            student_item = {
                "student_id": platform.anonymous_id(user, str(course_key)),
                "course_id": str(course_key),
                "item_id": str(block_key),
                "item_type": ITEM_TYPE,
            }
            created = submissions_api.create_submission(student_item, answer, submitted_at=now)
            uuid, attempt = str(created["uuid"]), created.get("attempt_number", 1)
        for old in previous:
            old.state = Submission.SUPERSEDED
            old.save(update_fields=["state"])
            Assignment.objects.filter(submission=old, state=Assignment.LEASED).update(
                state=Assignment.CANCELLED
            )
        submission = Submission.objects.create(
            block_key=str(block_key),
            course_key=str(course_key),
            uuid=uuid,
            team_submission_uuid=team_submission_uuid,
            author=user,
            team_id=team_id,
            author_key=author_key,
            attempt=attempt,
            submitted_at=now,
            need=required,
        )
        SubmissionMember.objects.bulk_create(
            [
                SubmissionMember(
                    submission=submission, user_id=uid, counts_for_grade=uid in counted
                )
                for uid in member_ids
            ]
        )
        Draft.objects.filter(block_key=block_key, user=user).delete()
        key = str(block_key)
        for uid in member_ids:
            transaction.on_commit(lambda uid=uid: complete_if_done(key, uid))
    return _submission_info(submission, answer)


def _serialise_submissions(block_key):
    """Lock the deliverable's settings row until the submission commits.

    Two submissions of the same work at once (a double click, two teammates pressing *Submit*
    together) would each see no active attempt to supersede, or both supersede the same one,
    and leave two active pieces of work (and, for a team, two active edx-submissions
    TeamSubmissions, whose "one per team" check runs in Python). Taken in turn, the second one
    sees the first and supersedes it. Submissions are rare and short next to reviews, which
    never take this lock. A block never configured has no row, and nothing to wait for.
    """
    list(
        DeliverableSettings.objects.select_for_update()
        .filter(block_key=str(block_key))
        .values_list("pk", flat=True)
    )


def _next_attempt(block_key, author_key):
    """The next attempt number of a (team's) work: one more than any earlier attempt."""
    latest = Submission.objects.filter(
        block_key=str(block_key), author_key=author_key, is_gold=False
    ).aggregate(latest=Max("attempt"))["latest"]
    return (latest or 0) + 1


def complete_if_done(block_key, user_id):
    """Inside the LMS, mark the block complete for a learner whose (team's) work is submitted
    and who gave their required reviews (the block's own rule, without them opening it).

    Outside the LMS it does nothing (the block emits completion when it is viewed)."""
    if not platform.in_lms():
        return False
    from .review_flow import reviews_done  # review_flow imports this module

    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    conf = settings_of(block_key)
    if reviews_done(block_key, user) < conf.required_reviews:
        return False
    if not Submission.objects.filter(
        block_key=str(block_key), members__user=user, state=Submission.ACTIVE, is_gold=False
    ).exists():
        return False
    try:
        return platform.submit_completion(user, block_key)
    except Exception:  # completion is a convenience: never lose the work or the grade for it
        log.exception("Completion of %s for user %s could not be submitted", block_key, user_id)
        return False


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


def join_team_submission(block_key, user):
    """Team mode: someone who joined the team after it submitted becomes a member of the team's
    current submission (they see it, and may not review it)."""
    conf = settings_of(block_key)
    if not conf.team_mode or not conf.course_key:
        return
    team_id = platform.team_of(user, conf.course_key)
    if not team_id:
        return
    current = (
        Submission.objects.filter(
            block_key=str(block_key),
            author_key=f"t:{team_id}",
            state=Submission.ACTIVE,
            is_gold=False,
        )
        .order_by("-submitted_at")
        .first()
    )
    if current is not None:
        SubmissionMember.objects.get_or_create(submission=current, user=user)


def _own_submission(block_key, user):
    """The work that counts for the learner, as it does in the LMS (see ``SubmissionMember``):

    1. the latest active work graded for them (their own, or the team's they are counted in);
    2. otherwise, if a team's work was ever graded for them, the latest such work even if that
       team has since replaced it without them: edx-submissions never gives them a submission
       in another team's work, so no other work's grade is theirs (ORA2 shows it the same way);
    3. otherwise the latest active work they are a member of (their team's work before the
       grade attaches them as a late joiner; team work stored before team submissions).
    """
    join_team_submission(block_key, user)
    mine = Submission.objects.filter(block_key=str(block_key), is_gold=False).order_by(
        "-submitted_at", "-pk"
    )
    counted = mine.filter(members__user=user, members__counts_for_grade=True)
    return (
        counted.filter(state=Submission.ACTIVE).first()
        or counted.exclude(team_submission_uuid="").first()
        or mine.filter(members__user=user, state=Submission.ACTIVE).first()
    )


def _graded_with_team_other_than(block_key, user, team_id):
    """True when a team's work other than ``team_id``'s is graded for the learner: they have an
    individual submission in that team's TeamSubmission, and edx-submissions gives them none in
    any other team's work of this deliverable."""
    return (
        Submission.objects.filter(
            block_key=str(block_key),
            is_gold=False,
            members__user=user,
            members__counts_for_grade=True,
        )
        .exclude(team_submission_uuid="")
        .exclude(team_id=team_id)
        .exists()
    )


def graded_with_other_team(block_key, user):
    """True when the learner is on a team now but another team's work is the one graded for
    them (they moved after that team submitted): their current team's work is not theirs."""
    conf = settings_of(block_key)
    if not conf.team_mode or not conf.course_key:
        return False
    current = platform.team_of(user, conf.course_key)
    return bool(current) and _graded_with_team_other_than(block_key, user, current)


def submission_of(block_key, user):
    """The learner's (or their team's) current submission, or None."""
    submission = _own_submission(block_key, user)
    return _submission_info(submission) if submission else None

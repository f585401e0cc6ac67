"""Team work in edx-submissions, kept as ORA2 keeps team assignments (``submissions.team_api``).

A team's work is one edx-submissions ``TeamSubmission`` with one individual submission per member
(student id: the member's anonymous id; ``item_type="dxq_deliverable"``). The grade goes out with
``team_api.set_score``, which scores every individual submission, so edx-submissions sends
``score_set`` once per member and the LMS grades app updates each member's persistent grade
without them opening the block again.

The rules are edx-submissions' own (see ``team_api.create_submission_for_team``):

- a member who already submitted this deliverable with *another* team gets no individual
  submission here: they keep the grade of the team they first submitted with (ORA2 shows them
  that team's work and grade);
- only one TeamSubmission per team and item may be active. A resubmission retires the previous
  one (``status`` deleted) and creates a new one; every member, including those who submitted the
  earlier attempt, gets a new individual submission. Their earlier submissions and scores stay,
  as they do when a learner resubmits alone: the earlier grade holds until the new one is final;
- someone who joined the team after it submitted gets an individual submission of the team's
  answer, attached to the team submission, when the grade is published (unless they submitted
  with another team), so the grade reaches them too.

Two steps have no function in edx-submissions' API and use its models directly: retiring the
previous TeamSubmission of a team (``team_api.reset_scores(clear_state=True)`` would also reset
every member's LMS grade to 0/0 until the new attempt is graded) and attaching a late joiner's
submission (``submissions.api.create_submission`` takes the ``TeamSubmission`` itself).
"""

import logging

from django.contrib.auth import get_user_model
from django.db import transaction

from . import platform
from .models import SubmissionMember

log = logging.getLogger(__name__)


def _student_item(course_key, block_key, student_id, item_type):
    return {
        "student_id": student_id,
        "course_id": str(course_key),
        "item_id": str(block_key),
        "item_type": item_type,
    }


def anonymous_ids(course_key, user_ids, *, enrolled_only=False):
    """{anonymous id: user} of the active users among ``user_ids`` (enrolled ones, if asked)."""
    users = get_user_model().objects.filter(pk__in=list(user_ids), is_active=True)
    return {
        platform.anonymous_id(user, str(course_key)): user
        for user in users
        if not enrolled_only or platform.is_enrolled(user, str(course_key))
    }


def _retire_active(course_key, block_key, team_id):
    """Mark the team's active TeamSubmissions for this item deleted (a resubmission replaces
    them); returns their uuids.

    Normally there is at most one, but edx-submissions checks "one active per team" in Python
    (a ``pre_save`` receiver), not in the database: two teammates committing at once could leave
    two, and ``team_api.get_team_submission_for_team`` then fails for good. So every active one
    is retired, not just the one ``get`` would find (``submit`` also serialises submissions).
    """
    from submissions.models import DELETED, TeamSubmission

    active = TeamSubmission.objects.filter(
        course_id=str(course_key), item_id=str(block_key), team_id=team_id
    )
    uuids = [str(u) for u in active.values_list("uuid", flat=True)]
    if uuids:
        TeamSubmission.objects.filter(uuid__in=uuids).update(status=DELETED)
    return uuids


def create(course_key, block_key, team_id, user, member_ids, answer, *, now, attempt, item_type):
    """Store a team's (re)submission; returns ``(uuid, team_submission_uuid, counted)``.

    ``uuid`` is the submitter's individual submission (or, when they submitted with another
    team, another member's); when every member submitted with another team, the answer is kept
    under the team's own student id ``team-<id>`` (which no learner has) so that it can be read.
    ``counted``: the ids of the members who got an individual submission (the work is graded
    for them); members who submitted with another team first are not among them.
    """
    from submissions import api as submissions_api
    from submissions import team_api
    from submissions.errors import DuplicateTeamSubmissionsError

    people = anonymous_ids(course_key, member_ids)
    members = sorted(people)
    item = (str(course_key), str(block_key), team_id)
    arguments = (*item, user.pk, members, answer)
    options = {"submitted_at": now, "attempt_number": attempt, "item_type": item_type}
    with transaction.atomic():
        _retire_active(*item)
        try:
            with transaction.atomic():
                created = team_api.create_submission_for_team(*arguments, **options)
        except DuplicateTeamSubmissionsError:  # a teammate submitted at the same moment
            _retire_active(*item)
            created = team_api.create_submission_for_team(*arguments, **options)
        uuids = [str(u) for u in created["submission_uuids"]]
        team_submission_uuid = str(created["team_submission_uuid"])
        if not uuids:
            holder = _student_item(course_key, block_key, f"team-{team_id}", item_type)
            kept = submissions_api.create_submission(holder, answer, submitted_at=now)
            return str(kept["uuid"]), team_submission_uuid, []
        included = team_api.get_team_submission_student_ids(team_submission_uuid)
        counted = sorted(people[anon].pk for anon in included if anon in people)
        mine = platform.anonymous_id(user, str(course_key))
        own = submissions_api.get_submissions(
            _student_item(course_key, block_key, mine, item_type), limit=1
        )
    uuid = str(own[0]["uuid"]) if own and str(own[0]["uuid"]) in uuids else uuids[0]
    return uuid, team_submission_uuid, counted


def add_late_joiners(submission, item_type):
    """Give members who joined the team after it submitted an individual submission of the
    team's answer in its TeamSubmission; returns their user ids.

    Candidates are the people on the team now and those who already became members of the
    submission (by opening the block); inactive, unenrolled or retired people, those already in
    the TeamSubmission and those who submitted with another team are left out.
    """
    from submissions import api as submissions_api
    from submissions import team_api
    from submissions.errors import TeamSubmissionNotFoundError
    from submissions.models import TeamSubmission

    tsu = submission.team_submission_uuid
    course, block = submission.course_key, submission.block_key
    candidates = set(platform.team_member_ids(course, submission.team_id))
    candidates |= set(submission.members.values_list("user_id", flat=True))
    people = anonymous_ids(course, candidates, enrolled_only=True)
    try:
        covered = set(team_api.get_team_submission_student_ids(tsu))
    except TeamSubmissionNotFoundError:  # every member had submitted with another team
        covered = set()
    missing = {anon: user for anon, user in people.items() if anon not in covered}
    if not missing:
        return []
    elsewhere = team_api.get_teammates_with_submissions_from_other_teams(
        course, block, submission.team_id, sorted(missing)
    )
    for row in elsewhere:
        missing.pop(row["student_id"], None)
    if not missing:
        return []
    team_submission = TeamSubmission.objects.get(uuid=tsu)
    answer = submissions_api.get_submission(submission.uuid)["answer"]
    joined = []
    for anon, user in sorted(missing.items()):
        submissions_api.create_submission(
            _student_item(course, block, anon, item_type),
            answer,
            submitted_at=submission.submitted_at,
            attempt_number=submission.attempt,
            team_submission=team_submission,
        )
        SubmissionMember.objects.update_or_create(
            submission=submission, user=user, defaults={"counts_for_grade": True}
        )
        joined.append(user.pk)
    return joined


def set_score(submission, points_earned, points_possible, item_type):
    """Score every member's individual submission (late joiners first get theirs); returns the
    ids of the late joiners added."""
    from submissions import team_api

    with transaction.atomic():
        joined = add_late_joiners(submission, item_type)
        if joined:
            log.info("Late joiners %s added to team submission %s", joined, submission.pk)
        team_api.set_score(submission.team_submission_uuid, points_earned, points_possible)
    return joined

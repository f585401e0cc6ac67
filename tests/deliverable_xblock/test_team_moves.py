"""A learner who changes team after submitting: the work graded for them stays their first
team's, as in the LMS (edx-submissions gives them no submission in a later team's work, so
their LMS grade is the first team's; ORA2 shows them that team's work and grade).

``SubmissionMember.counts_for_grade`` records it; the block's own work, its grade, give-to-get,
``deliverable_graded`` and ``graded_user_ids`` follow it.
"""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.test import TestCase
from django.utils import timezone
from submissions import api as submissions_api

from deliverable_xblock import api, signals
from deliverable_xblock.models import PublishedGrade, Submission, SubmissionMember
from tests.deliverable_xblock import test_team_grades as team_grades
from tests.deliverable_xblock.peer_support import BLOCK, COURSE
from tests.deliverable_xblock.test_team_grades import join, review, student_item

# The fixtures of the team-grade tests: two teams of three on a team deliverable.
team_deliverable = team_grades.team_deliverable
teams = team_grades.teams
score_events = team_grades.score_events


@pytest.fixture
def graded_events():
    """The ``user_ids`` of every ``deliverable_graded`` sent during the test."""
    events = []

    def receiver(sender, **kwargs):
        events.append(sorted(kwargs["user_ids"]))

    signals.deliverable_graded.connect(receiver, weak=False, dispatch_uid="test_team_moves")
    yield events
    signals.deliverable_graded.disconnect(dispatch_uid="test_team_moves")


def counted(work_id):
    return dict(
        SubmissionMember.objects.filter(submission_id=work_id).values_list(
            "user_id", "counts_for_grade"
        )
    )


def test_a_learner_who_moved_after_submitting_keeps_their_first_teams_work(
    teams, graded_events, score_events
):
    api.configure(BLOCK, COURSE, required_reviews=2, calibration_items=0, team_mode=True)
    a, b = teams["a"], teams["b"]
    mover = b[0]
    first = api.submit(BLOCK, COURSE, mover, text_html="<p>Team B</p>")
    join(mover, "yamanami-a")  # moves after team B submitted
    later = api.submit(BLOCK, COURSE, a[0], text_html="<p>Team A</p>")
    assert counted(first.id) == {u.pk: True for u in b}
    assert counted(later.id) == {**{u.pk: True for u in a}, mover.pk: False}

    # The block shows the mover team B's work, and says their current team's is not theirs.
    assert api.submission_of(BLOCK, mover).id == first.id
    assert api.graded_with_other_team(BLOCK, mover)
    assert not any(api.graded_with_other_team(BLOCK, u) for u in a + b[1:])
    with pytest.raises(api.NotAllowed):
        api.submit(BLOCK, COURSE, mover, text_html="<p>Team A, by the mover</p>")
    assert Submission.objects.filter(state=Submission.ACTIVE).count() == 2

    review(b[1:])  # team A's work is graded: not for the mover
    assert graded_events == [sorted(u.pk for u in a)]
    assert mover.pk not in api.graded_user_ids(BLOCK)
    assert api.grade_of(BLOCK, mover) is None  # team B's work has no review yet
    assert submissions_api.get_score(student_item(mover)) is None

    review(a[:2])  # team B's work is graded: for the mover too
    grade = PublishedGrade.objects.get(submission_id=first.id)
    assert graded_events[1] == sorted(u.pk for u in b)
    assert mover.pk in api.graded_user_ids(BLOCK)
    mine = api.grade_of(BLOCK, mover)
    assert mine.published
    assert mine.total == round(grade.points_earned, 1)
    lms = submissions_api.get_score(student_item(mover))
    assert lms["points_earned"] == round(grade.points_earned)
    assert lms["submission_uuid"] in {
        s["uuid"] for s in submissions_api.get_submissions(student_item(mover))
    }
    received = [r.id for r in api.reviews_received(BLOCK, mover)]
    assert received == [r.id for r in api.reviews_received(BLOCK, b[1])]
    assert len(received) == 2


def test_a_team_that_resubmits_without_the_learner_who_left_leaves_them_the_graded_version(
    teams, graded_events
):
    api.configure(BLOCK, COURSE, required_reviews=2, calibration_items=0, team_mode=True)
    a, b = teams["a"], teams["b"]
    leaver = a[2]
    first = api.submit(BLOCK, COURSE, a[0], text_html="<p>v1</p>")
    review(b[:2])
    grade = PublishedGrade.objects.get(submission_id=first.id)
    join(leaver, "yamanami-b")
    second = api.submit(BLOCK, COURSE, a[1], text_html="<p>v2</p>")
    assert counted(second.id) == {a[0].pk: True, a[1].pk: True}

    shown = api.submission_of(BLOCK, leaver)
    assert (shown.id, shown.text_html) == (first.id, "<p>v1</p>")
    mine = api.grade_of(BLOCK, leaver)
    assert mine.published
    assert mine.total == round(grade.points_earned, 1)
    assert submissions_api.get_score(student_item(leaver))["points_earned"] == round(
        grade.points_earned
    )
    assert api.graded_with_other_team(BLOCK, leaver)
    assert api.submission_of(BLOCK, a[0]).id == second.id


def test_a_member_who_joined_after_the_submission_is_graded_through_the_teams_work(
    teams, make_user, graded_events
):
    a, b = teams["a"], teams["b"]
    work = api.submit(BLOCK, COURSE, a[0], text_html="<p>Team A</p>")
    newcomer = make_user("newcomer")
    join(newcomer, "yamanami-a")
    assert api.submission_of(BLOCK, newcomer).id == work.id  # the team's work, not graded yet
    assert counted(work.id)[newcomer.pk] is False
    assert not api.graded_with_other_team(BLOCK, newcomer)

    review(b)
    assert counted(work.id)[newcomer.pk] is True
    assert graded_events == [sorted(u.pk for u in a + [newcomer])]
    assert api.grade_of(BLOCK, newcomer).published


def test_existing_members_are_marked_from_the_order_of_their_submissions(db, make_user):
    """The data migration: individual and pre-team-submission work counts for every member;
    in team submissions a member counts only with the first team they submitted with."""
    migration = importlib.import_module(
        "deliverable_xblock.migrations.0004_submissionmember_counts_for_grade"
    )
    solo, old1, old2, mover, b_mate, a_mate = (make_user() for _ in range(6))
    t0 = timezone.now()

    def work(n, team_id, tsu, members, *, block=BLOCK, hours=0):
        row = Submission.objects.create(
            block_key=block,
            course_key=COURSE,
            uuid=f"uuid-{n}",
            author=members[0],
            team_id=team_id,
            author_key=f"t:{team_id}" if team_id else f"u:{members[0].pk}",
            team_submission_uuid=tsu,
            submitted_at=t0 + timedelta(hours=hours),
        )
        SubmissionMember.objects.bulk_create(
            [SubmissionMember(submission=row, user=u) for u in members]
        )
        return row.id

    individual = work(1, "", "", [solo])
    legacy = work(2, "old", "", [old1, old2, mover])
    team_a = work(3, "a", "tsu-a", [mover, a_mate], hours=2)  # later, listed first
    team_b = work(4, "b", "tsu-b", [mover, b_mate], hours=1)  # the mover's first team
    elsewhere = work(5, "a", "tsu-x", [mover], block=BLOCK + "-other", hours=3)
    SubmissionMember.objects.update(counts_for_grade=False)

    migration.mark_counted(apps, None)
    assert counted(individual) == {solo.pk: True}
    assert counted(legacy) == {old1.pk: True, old2.pk: True, mover.pk: True}
    assert counted(team_b) == {mover.pk: True, b_mate.pk: True}
    assert counted(team_a) == {mover.pk: False, a_mate.pk: True}
    assert counted(elsewhere) == {mover.pk: True}  # another deliverable: its own first team


def test_a_late_joiner_attached_when_a_failed_grade_is_sent_again_is_named_then(
    teams, make_user, graded_events, monkeypatch
):
    from submissions import team_api

    from deliverable_xblock import grading

    a, b = teams["a"], teams["b"]
    work = api.submit(BLOCK, COURSE, a[0], text_html="<p>Team A</p>")
    newcomer = make_user("newcomer")
    join(newcomer, "yamanami-a")
    real_set_score = team_api.set_score

    def unavailable(*args, **kwargs):
        raise team_api.TeamSubmissionInternalError("database went away")

    monkeypatch.setattr(team_api, "set_score", unavailable)
    review(b)  # published, not sent: the newcomer is not attached yet, nor named
    assert graded_events == [sorted(u.pk for u in a)]
    assert counted(work.id).get(newcomer.pk) in (None, False)

    monkeypatch.setattr(team_api, "set_score", real_set_score)
    with TestCase.captureOnCommitCallbacks(execute=True):
        grading.resend_unsent(BLOCK)
    assert counted(work.id)[newcomer.pk] is True
    assert graded_events == [sorted(u.pk for u in a), [newcomer.pk]]
    assert newcomer.pk in api.graded_user_ids(BLOCK)

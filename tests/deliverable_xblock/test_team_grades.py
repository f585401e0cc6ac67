"""Team grades reach every member's LMS grade: team work is an edx-submissions TeamSubmission with
one individual submission per member, and publishing calls ``team_api.set_score``, so
edx-submissions sends ``score_set`` (what the LMS grades app listens to) once per member.

Teams are the standalone ``TeamMembership`` rows; the real edx-submissions runs on the test
database. Each test has two teams of three: each team's work is reviewed by the other team.
"""

from collections import Counter

import pytest
from django.test import TestCase
from submissions import api as submissions_api
from submissions import team_api
from submissions.models import score_set

from deliverable_xblock import api, platform, team_submissions
from deliverable_xblock.models import PublishedGrade, Submission, SubmissionMember, TeamMembership
from tests.deliverable_xblock.peer_support import BLOCK, COMMENTS, COURSE, RUBRIC, scores


@pytest.fixture
def team_deliverable(db):
    api.configure(BLOCK, COURSE, required_reviews=3, calibration_items=0, team_mode=True)
    api.publish_rubric(BLOCK, RUBRIC)
    return BLOCK


@pytest.fixture
def teams(team_deliverable, make_user):
    """{"a": [3 users], "b": [3 users]} on teams "yamanami-a" and "yamanami-b"."""
    made = {}
    for name in ("a", "b"):
        made[name] = [make_user(f"{name}{i}") for i in range(1, 4)]
        for user in made[name]:
            join(user, f"yamanami-{name}")
    return made


@pytest.fixture
def score_events():
    """Every ``score_set`` edx-submissions sends during the test (kwargs)."""
    events = []

    def receiver(sender, **kwargs):
        events.append(kwargs)

    score_set.connect(receiver, weak=False, dispatch_uid="test_team_grades")
    yield events
    score_set.disconnect(dispatch_uid="test_team_grades")


def join(user, team):
    TeamMembership.objects.update_or_create(
        course_key=COURSE, user=user, defaults={"team_id": team}
    )


def anon(user):
    return platform.anonymous_id(user, COURSE)


def student_item(user):
    return {
        "student_id": anon(user),
        "course_id": COURSE,
        "item_id": BLOCK,
        "item_type": api.ITEM_TYPE,
    }


def review(reviewers, points=3):
    """Each reviewer reviews the one piece of work they may review; grades publish at commit."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        for user in reviewers:
            lease = api.request_review(BLOCK, user)
            api.submit_review(lease.id, user, scores=scores(points), comments=COMMENTS)


def test_a_published_team_grade_reaches_every_member(teams, score_events):
    a, b = teams["a"], teams["b"]
    work = api.submit(BLOCK, COURSE, a[0], text_html="<p>Team A</p>")
    api.submit(BLOCK, COURSE, b[1], text_html="<p>Team B</p>")
    # One TeamSubmission, one individual submission per member under their anonymous id.
    stored = team_api.get_team_submission_for_team(COURSE, BLOCK, "yamanami-a")
    assert sorted(team_api.get_team_submission_student_ids(stored["team_submission_uuid"])) == (
        sorted(anon(u) for u in a)
    )
    assert Submission.objects.get(pk=work.id).team_submission_uuid == str(
        stored["team_submission_uuid"]
    )
    assert submissions_api.get_submission(work.uuid)["answer"]["text_html"] == "<p>Team A</p>"
    assert score_events == []

    review(b)  # team B reviews team A's work: final, published
    grade = PublishedGrade.objects.get(submission_id=work.id)
    for member in a:
        score = submissions_api.get_score(student_item(member))
        assert (score["points_earned"], score["points_possible"]) == (
            round(grade.points_earned),
            16,
        )
    assert Counter(e["anonymous_user_id"] for e in score_events) == {anon(u): 1 for u in a}
    assert {(e["course_id"], e["item_id"]) for e in score_events} == {(COURSE, BLOCK)}

    review(a)
    assert Counter(e["anonymous_user_id"] for e in score_events) == {anon(u): 1 for u in a + b}
    # No learner called "team-…" exists in edx-submissions any more.
    ghost = {**student_item(a[0]), "student_id": "team-yamanami-a"}
    assert submissions_api.get_submissions(ghost) == []


def test_a_resubmission_by_another_member_is_graded_for_everyone(teams, score_events):
    a, b = teams["a"], teams["b"]
    first = api.submit(BLOCK, COURSE, a[0], text_html="<p>v1</p>")
    api.submit(BLOCK, COURSE, b[0], text_html="<p>Team B</p>")
    review(b, points=2)  # v1 is graded
    first_grade = round(PublishedGrade.objects.get(submission_id=first.id).points_earned)

    second = api.submit(BLOCK, COURSE, a[1], text_html="<p>v2</p>")
    assert second.attempt == 2
    current = team_api.get_team_submission_for_team(COURSE, BLOCK, "yamanami-a")
    assert (
        str(current["team_submission_uuid"])
        != Submission.objects.get(pk=first.id).team_submission_uuid
    )
    assert current["submitted_by"] == a[1].pk
    for member in a:
        mine = submissions_api.get_submissions(student_item(member))
        assert [(s["attempt_number"], s["answer"]["text_html"]) for s in mine] == [
            (2, "<p>v2</p>"),
            (1, "<p>v1</p>"),
        ]
        # The earlier grade holds until the new attempt is graded (nobody is reset to 0).
        assert submissions_api.get_score(student_item(member))["points_earned"] == first_grade
    events_before = len(score_events)

    review(b, points=4)  # the same reviewers review v2
    grade = PublishedGrade.objects.get(submission_id=second.id)
    assert round(grade.points_earned) > first_grade
    new_events = score_events[events_before:]
    assert Counter(e["anonymous_user_id"] for e in new_events) == {anon(u): 1 for u in a}
    for member in a:
        score = submissions_api.get_score(student_item(member))
        assert score["points_earned"] == round(grade.points_earned)
        assert (
            score["submission_uuid"]
            == submissions_api.get_submissions(student_item(member))[0]["uuid"]
        )


def test_a_member_who_joined_after_the_submission_gets_the_grade(teams, make_user, score_events):
    a, b = teams["a"], teams["b"]
    work = api.submit(BLOCK, COURSE, a[0], text_html="<p>Team A</p>")
    api.submit(BLOCK, COURSE, b[0], text_html="<p>Team B</p>")
    newcomer = make_user("newcomer")
    join(newcomer, "yamanami-a")  # joins after the submission and never opens the block
    leaver = a[2]
    join(leaver, "yamanami-c")  # left after the submission: keeps the work they shared

    review(b)
    grade = round(PublishedGrade.objects.get(submission_id=work.id).points_earned)
    graded = a + [newcomer]
    assert Counter(e["anonymous_user_id"] for e in score_events) == {anon(u): 1 for u in graded}
    for member in graded:
        assert submissions_api.get_score(student_item(member))["points_earned"] == grade
    tsu = Submission.objects.get(pk=work.id).team_submission_uuid
    assert anon(newcomer) in team_api.get_team_submission_student_ids(tsu)
    mine = submissions_api.get_submissions(student_item(newcomer))
    assert [s["answer"]["text_html"] for s in mine] == ["<p>Team A</p>"]
    # They became a member of the work (they may not review it) and are named as graded.
    assert SubmissionMember.objects.filter(submission_id=work.id, user=newcomer).exists()
    assert newcomer.pk in api.graded_user_ids(BLOCK)


def test_a_member_who_submitted_with_another_team_keeps_that_teams_grade(teams, score_events):
    api.configure(BLOCK, COURSE, required_reviews=2, calibration_items=0, team_mode=True)
    a, b = teams["a"], teams["b"]
    mover = b[0]
    api.submit(BLOCK, COURSE, mover, text_html="<p>Team B</p>")
    join(mover, "yamanami-a")  # moves after team B submitted
    work = api.submit(BLOCK, COURSE, a[0], text_html="<p>Team A</p>")
    tsu = Submission.objects.get(pk=work.id).team_submission_uuid
    # edx-submissions (as for ORA2) makes no individual submission for them in team A.
    assert anon(mover) not in team_api.get_team_submission_student_ids(tsu)

    review(b[1:])  # the two teammates the mover left review team A's work
    assert Counter(e["anonymous_user_id"] for e in score_events) == {anon(u): 1 for u in a}
    assert submissions_api.get_score(student_item(mover)) is None  # team B is not graded yet


def test_a_retired_late_joiner_gets_nothing_new(teams, make_user, score_events):
    a, b = teams["a"], teams["b"]
    work = api.submit(BLOCK, COURSE, a[0], text_html="<p>Team A</p>")
    api.submit(BLOCK, COURSE, b[0], text_html="<p>Team B</p>")
    newcomer = make_user("newcomer")
    join(newcomer, "yamanami-a")
    assert api.submission_of(BLOCK, newcomer).id == work.id  # opened the block: a member
    api.retire_user(newcomer)
    assert not SubmissionMember.objects.filter(user=newcomer).exists()

    review(b)
    assert Counter(e["anonymous_user_id"] for e in score_events) == {anon(u): 1 for u in a}
    assert submissions_api.get_submissions(student_item(newcomer)) == []
    assert newcomer.pk not in api.graded_user_ids(BLOCK)


def test_team_work_stored_before_team_submissions_is_still_scored(teams, score_events):
    """Rows from before the migration wrap a ``team-<id>`` submission: set_score as before."""
    a, b = teams["a"], teams["b"]
    legacy_item = {**student_item(a[0]), "student_id": "team-yamanami-a"}
    created = submissions_api.create_submission(legacy_item, {"text_html": "<p>old</p>"})
    old = Submission.objects.create(
        block_key=BLOCK,
        course_key=COURSE,
        uuid=str(created["uuid"]),
        author=a[0],
        team_id="yamanami-a",
        author_key="t:yamanami-a",
        need=3,
    )
    SubmissionMember.objects.bulk_create([SubmissionMember(submission=old, user=u) for u in a])
    api.submit(BLOCK, COURSE, b[0], text_html="<p>Team B</p>")

    review(b)
    score = submissions_api.get_latest_score_for_submission(old.uuid)
    assert score["points_earned"] == round(PublishedGrade.objects.get(submission=old).points_earned)
    assert [e["anonymous_user_id"] for e in score_events] == ["team-yamanami-a"]

    # The team's next attempt moves to a TeamSubmission and numbers on from the old one.
    again = api.submit(BLOCK, COURSE, a[1], text_html="<p>new</p>")
    assert again.attempt == 2
    assert Submission.objects.get(pk=again.id).team_submission_uuid


def test_an_active_team_submission_left_behind_is_replaced(teams, monkeypatch):
    """A TeamSubmission our rows do not know (a crash, or a teammate submitting at the same
    moment, unseen until their commit) never blocks the team: it is retired and replaced."""
    a = teams["a"]
    stray = team_api.create_submission_for_team(
        COURSE,
        BLOCK,
        "yamanami-a",
        a[2].pk,
        [anon(a[2])],
        {"text_html": "?"},
        item_type=api.ITEM_TYPE,
    )
    real_retire = team_submissions._retire_active
    calls = {"n": 0}

    def unseen_once(*args):
        calls["n"] += 1
        if calls["n"] == 1:  # the concurrent one is not visible yet
            return []
        return real_retire(*args)

    monkeypatch.setattr(team_submissions, "_retire_active", unseen_once)
    work = api.submit(BLOCK, COURSE, a[0], text_html="<p>Team A</p>")
    monkeypatch.undo()
    current = team_api.get_team_submission_for_team(COURSE, BLOCK, "yamanami-a")
    assert (
        str(current["team_submission_uuid"])
        == Submission.objects.get(pk=work.id).team_submission_uuid
    )
    assert str(current["team_submission_uuid"]) != str(stray["team_submission_uuid"])
    assert calls["n"] == 2


def test_individual_work_keeps_one_submission_per_learner(
    team_deliverable, make_user, score_events
):
    api.configure(BLOCK, COURSE, required_reviews=1, calibration_items=0, team_mode=False)
    ren, aoi = make_user(), make_user()
    work = api.submit(BLOCK, COURSE, ren, text_html="<p>mine</p>")
    assert Submission.objects.get(pk=work.id).team_submission_uuid == ""
    assert submissions_api.get_submission_and_student(work.uuid)["student_item"][
        "student_id"
    ] == anon(ren)
    api.submit(BLOCK, COURSE, aoi, text_html="<p>hers</p>")
    review([aoi, ren])
    assert sorted(e["anonymous_user_id"] for e in score_events) == sorted([anon(ren), anon(aoi)])
    assert team_submissions.anonymous_ids(COURSE, [ren.pk]) == {anon(ren): ren}

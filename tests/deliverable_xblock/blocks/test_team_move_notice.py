"""The block of a learner who moved to another team after their first team submitted: it shows
the first team's work (the one graded for them, as in the LMS), says why, and does not let them
submit for their new team."""

import pytest
from django.utils import translation

from deliverable_xblock import api
from deliverable_xblock.blocks import identity
from deliverable_xblock.models import TeamMembership

pytestmark = pytest.mark.django_db

NOTICE = "Your current team's work is not graded for you"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def team_course(make_course, content):
    return make_course({**content, "team_mode": True})


def join(user, team):
    TeamMembership.objects.update_or_create(
        course_key=identity.WORKBENCH_COURSE, user=user, defaults={"team_id": team}
    )


def test_a_learner_who_moved_sees_their_first_teams_work_and_why(team_course, make_user):
    alice, bob, carol = make_user(), make_user(), make_user()
    join(alice, "yamanami-a")
    join(bob, "yamanami-a")
    join(carol, "yamanami-b")
    a, b, c = (team_course.harness(u) for u in (alice, bob, carol))
    assert a.call("submit_work", {"text": "<p>Plan of team A</p>"})["ok"]
    join(alice, "yamanami-b")  # alice moves after team A submitted
    assert c.call("submit_work", {"text": "<p>Plan of team B</p>"})["ok"]

    page = a.html()
    assert "Plan of team A" in page
    assert "Plan of team B" not in page
    assert 'data-role="graded-elsewhere"' in page
    assert NOTICE in page
    assert 'contenteditable="true"' not in page  # her first team's work, read only
    assert "Submit again" not in page
    refused = a.call("submit_work", {"text": "<p>Plan of team B, by alice</p>"}, status=403)
    assert (refused["code"], "earlier team" in refused["error"]) == ("not_allowed", True)
    key = identity.block_key(a.block)
    assert api.submission_of(key, carol).text_html == "<p>Plan of team B</p>"

    for other in (b, c):  # teammates who did not move see nothing of it
        assert NOTICE not in other.html()

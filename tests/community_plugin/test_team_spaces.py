"""Open edX teams reach team spaces: they emit no event, so the reconcile creates and fills them."""

import pytest
from django.core.management import call_command

from community_plugin import api
from community_plugin.models import Membership, Space

from .world import COURSE


@pytest.fixture
def lms(community_world):
    """The LMS's data (enrollments, cohorts, teams), read through platform.py's LMS branch."""
    from tests.community_plugin import fake_lms

    data = fake_lms.LmsData()
    data.enrolled[COURSE] = {
        community_world.user("learner").pk,
        community_world.user("master").pk,
    }
    data.enrolled["course-v1:DXQuest+CS999+2026"] = {community_world.user("outsider").pk}
    uninstall = fake_lms.install(data)
    yield data
    uninstall()


def test_platform_lists_teams_and_their_members(community_world, lms):
    from community_plugin import platform

    lms.teams["t-1"] = (COURSE, "需要予測チーム", {1, 2})
    assert platform.course_teams(COURSE) == [("t-1", "需要予測チーム")]
    assert platform.course_teams("course-v1:DXQuest+CS999+2026") == []
    assert platform.team_member_ids("t-1") == {1, 2}
    assert platform.team_member_ids("missing") == set()


def test_platform_has_no_teams_standalone():
    from community_plugin import platform

    assert platform.course_teams(COURSE) is None
    assert platform.team_member_ids("t-1") is None


def test_reconcile_creates_team_spaces_and_follows_team_membership(community_world, lms):
    learner, master = community_world.user("learner"), community_world.user("master")
    lms.teams["t-1"] = (COURSE, "需要予測チーム", {learner.pk})
    reports = api.reconcile()
    space = Space.objects.get(kind=Space.TEAM, team_id="t-1")
    assert space.name == "需要予測チーム"
    assert space.course_key == COURSE
    assert reports[space.slug].added == [learner.pk]
    assert Membership.objects.get(space=space, user=learner).source == Membership.TEAM
    assert api.can_read(learner, space)
    assert not api.can_read(master, space)

    # The learner leaves the team and the master joins it in the LMS: no event, reconcile.
    lms.teams["t-1"] = (COURSE, "需要予測チーム", {master.pk})
    report = api.reconcile()[space.slug]
    assert report.removed == [learner.pk]
    assert report.added == [master.pk]
    assert not api.is_member(learner, space)
    assert api.is_member(master, space)
    assert Space.objects.filter(kind=Space.TEAM).count() == 1  # created once


def test_team_reconcile_keeps_masters_and_people_added_by_hand(community_world, lms):
    learner, company = community_world.user("learner"), community_world.user("company")
    lms.teams["t-1"] = (COURSE, "T", {learner.pk})
    api.reconcile()
    space = api.team_space("t-1", "T", COURSE)
    api.set_community_master(learner.pk, space)
    api.add_member(company.pk, space, Membership.MANUAL)  # a company mentor, added here
    lms.teams["t-1"] = (COURSE, "T", set())
    report = api.reconcile(space)[space.slug]
    assert report.removed == []
    assert api.is_community_master(learner, space)
    assert api.is_member(company, space)


def test_team_spaces_of_our_own_are_left_alone(community_world, lms):
    learner = community_world.user("learner")
    space = api.team_space("demo-team-a", "チームA", COURSE)
    api.add_member(learner.pk, space, Membership.TEAM)
    report = api.reconcile()[space.slug]
    assert report.skipped == "not an Open edX team"
    assert api.is_member(learner, space)


def test_standalone_team_spaces_are_managed_here(community_world):
    learner = community_world.user("learner")
    space = api.team_space("t-1", "T", COURSE)
    api.add_member(learner.pk, space, Membership.TEAM)
    assert api.reconcile()[space.slug].skipped == "standalone"
    assert api.is_member(learner, space)


def test_reconcile_command_reports_team_spaces(community_world, lms, capsys):
    lms.teams["t-9"] = (COURSE, "T9", {community_world.user("learner").pk})
    call_command("dxq_community_reconcile")
    slug = api.team_space("t-9", "T9", COURSE).slug
    assert f"{slug}: +1 -0" in capsys.readouterr().out


def test_a_renamed_open_edx_team_renames_its_space(community_world, lms):
    learner = community_world.user("learner")
    lms.teams["t-1"] = (COURSE, "需要予測チーム", {learner.pk})
    api.reconcile()
    lms.teams["t-1"] = (COURSE, "需要予測・在庫チーム", {learner.pk})
    api.reconcile()
    assert Space.objects.get(kind=Space.TEAM, team_id="t-1").name == "需要予測・在庫チーム"
    api.sync_team("t-1", "在庫チーム", COURSE)  # a join or leave after a rename (team_sync)
    assert Space.objects.get(kind=Space.TEAM, team_id="t-1").name == "在庫チーム"


def test_open_edx_names_longer_than_a_space_name_are_cut_to_fit(community_world, lms):
    """Open edX allows 255 characters for team names and more for course names: MySQL in
    strict mode refuses a longer value than the column instead of cutting it."""
    limit = Space._meta.get_field("name").max_length
    lms.teams["t-long"] = (COURSE, "チ" * 255, {community_world.user("learner").pk})
    api.reconcile()
    assert Space.objects.get(team_id="t-long").name == "チ" * limit
    course = api.course_space("course-v1:DXQuest+LONG+2026", "講" * 300)
    assert course.name == "講" * limit
    cohort = api.cohort_space("course-v1:DXQuest+LONG+2026", "A組")
    assert len(cohort.name) == limit
    assert all(len(name) <= limit for name in Space.objects.values_list("name", flat=True))

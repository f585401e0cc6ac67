"""The functions community_plugin.api promises discussions, insights and badges."""

import pytest

from community_plugin import api
from community_plugin.models import Membership, Space

from .world import ROLES


@pytest.mark.parametrize("role", ROLES)
def test_visible_spaces_per_role(community_world, role):
    from django.contrib.auth.models import AnonymousUser

    user = community_world.user(role) or AnonymousUser()
    visible = set(api.visible_spaces(user).values_list("slug", flat=True))
    cohort, other = community_world.space.slug, community_world.other_space.slug
    expected = {
        "anonymous": set(),
        "learner": {cohort, "program"},
        "master": {cohort, "program"},
        "operator": set(Space.objects.values_list("slug", flat=True)),
        "staff": set(Space.objects.values_list("slug", flat=True)),
        "company": set(),
        "hub": set(),
        "outsider": {other, "program"},
    }[role]
    assert visible == expected


def test_company_user_added_to_a_learner_space_still_cannot_read_it(community_world):
    company = community_world.user("company")
    api.add_member(company.pk, community_world.space)
    assert not api.can_read(company, community_world.space)
    team = api.team_space("t-1", "協働チーム")
    api.add_member(company.pk, team, Membership.TEAM)
    assert api.can_read(company, team)


@pytest.mark.parametrize(
    ("role", "moderates"),
    [
        ("learner", False),
        ("master", True),
        ("operator", True),
        ("staff", True),
        ("company", False),
        ("outsider", False),
    ],
)
def test_can_moderate(community_world, role, moderates):
    assert api.can_moderate(community_world.user(role), community_world.space) is moderates


def test_anonymous_can_neither_read_nor_moderate(community_world):
    from django.contrib.auth.models import AnonymousUser

    assert not api.can_read(AnonymousUser(), community_world.space)
    assert not api.can_moderate(AnonymousUser(), community_world.space)


def test_team_and_alumni_spaces_are_created_once(community_world):
    team = api.team_space("team-42", "チーム42", "course-v1:X+Y+Z")
    assert api.team_space("team-42", "別名") == team
    assert team.kind == Space.TEAM
    assert team.team_id == "team-42"
    assert team.name == "チーム42"
    assert api.alumni_space() == api.alumni_space()
    assert api.alumni_space().kind == Space.ALUMNI


def test_join_alumni_is_idempotent_and_records_the_source(community_world):
    learner = community_world.user("learner")
    assert api.join_alumni(learner.pk) is True
    assert api.join_alumni(learner.pk) is False
    membership = Membership.objects.get(space=api.alumni_space(), user=learner)
    assert membership.source == "badge"
    assert api.can_read(learner, api.alumni_space())


def test_members_of_and_mention_targets(community_world):
    space = community_world.space
    assert [u.username for u in api.members_of(space)] == ["learner1", "master"]
    targets = api.mention_targets(space, "")
    assert targets[0] == {"type": "group", "handle": "cohort", "name": space.name, "count": 2}
    assert {t["handle"] for t in targets} == {"cohort", "learner1", "master"}
    assert [t["handle"] for t in api.mention_targets(space, "@lea")] == ["learner1"]
    # Japanese names match too (山田 太郎 is learner1).
    assert [t["handle"] for t in api.mention_targets(space, "山田")] == ["learner1"]
    # People outside the space are never offered.
    assert api.mention_targets(space, "learner2") == []


def test_resolve_mentions_of_people_and_the_cohort(community_world):
    space, users = community_world.space, community_world.users
    assert api.resolve_mentions(space, ["@learner1", "learner2"]) == [users["learner1"].pk]
    assert api.resolve_mentions(space, ["cohort"]) == sorted(
        [users["learner1"].pk, users["master"].pk]
    )
    team = api.team_space("t-9", "T9")
    api.add_member(users["learner2"].pk, team, Membership.TEAM)
    assert api.resolve_mentions(team, ["@team"]) == [users["learner2"].pk]


def test_cohort_space_for_a_japanese_cohort_name_is_distinct(community_world):
    a = api.cohort_space(community_world.space.course_key, "東京チーム")
    b = api.cohort_space(community_world.space.course_key, "大阪チーム")
    assert a != b
    assert a.kind == Space.COHORT
    assert a.cohort == "東京チーム"
    assert a.name.endswith("/ 東京チーム")

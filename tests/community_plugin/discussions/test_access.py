"""access.Viewer agrees with community_plugin's rules for every role (it caches them)."""

import pytest

from community_plugin import api as community
from community_plugin.discussions import access

pytestmark = pytest.mark.django_db

ROLES = ["learner1", "learner2", "master", "operator", "admin", "company", "hub", "outsider"]


@pytest.mark.parametrize("who", ROLES)
def test_viewer_matches_community_rules(people, who):
    user = getattr(people, who)
    team = community.team_space("t-1", "チーム")
    community.add_member(people.company.pk, team)  # company users read team spaces they are in
    community.add_member(people.learner1.pk, team)
    viewer = access.Viewer(user)
    assert set(viewer.spaces()) == set(community.visible_spaces(user))
    for space in (people.space, people.other, team, community.program_space()):
        assert viewer.can_read(space) == community.can_read(user, space), space
        assert viewer.can_moderate(space) == community.can_moderate(user, space), space


def test_anonymous_viewer_reads_nothing(people):
    from django.contrib.auth.models import AnonymousUser

    viewer = access.Viewer(AnonymousUser())
    assert list(viewer.spaces()) == []
    assert not viewer.can_read(people.space)
    assert not viewer.can_moderate(people.space)


def test_page_query_counts_stay_flat(client, people, django_assert_max_num_queries):
    from community_plugin.discussions import posting

    for i in range(25):
        thread = posting.create_thread(
            people.operator, people.space, kind="question", title=f"在庫{i}", body="本文"
        )
        posting.reply(people.operator, thread, body="返信")
    client.force_login(people.learner1)
    client.get("/dxq/discussions/")  # the first request of a day records a visit (insights)
    space = f"/dxq/discussions/s/{people.space.slug}/"
    for url in (space, space + "?q=在庫", space + "?kind=idea&answered=no", "/dxq/discussions/"):
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(f"/dxq/discussions/t/{thread.pk}/").status_code == 200

"""A refused action says why on the 403 page (the reason the view gave), in the user's language."""

from django.utils import translation


def test_the_403_page_gives_the_views_reason(client, demo_accounts):
    from community_plugin import api

    space = api.program_space()
    api.add_member(demo_accounts["learner1"].pk, space, "manual")
    client.force_login(demo_accounts["learner1"])
    url = f"/dxq/community/spaces/{space.slug}/sessions/new/"
    response = client.get(url)  # Japanese by default
    assert response.status_code == 403
    page = response.content.decode()
    assert 'role="alert"' in page
    with translation.override("ja"):
        reason = translation.gettext(
            "Only community masters and operators can create study sessions."
        )
    assert reason != "Only community masters and operators can create study sessions."
    assert reason in page


def test_a_refusal_without_a_reason_shows_the_general_text(client, demo_accounts):
    client.force_login(demo_accounts["learner1"])
    response = client.get("/dxq/insights/")
    assert response.status_code == 403
    page = response.content.decode()
    with translation.override("ja"):
        title = translation.gettext("You cannot open this page")
    assert title != "You cannot open this page"
    assert title in page
    assert 'role="alert"' not in page

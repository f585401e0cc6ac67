"""Who may open each insights page: anonymous, learner, company, hub, operator, staff."""

import pytest
from django.test import Client
from django.urls import reverse

from community_plugin.insights.models import FeedbackItem, Survey

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "learner1", "company", "hub", "operator", "admin"]
SECRETARIAT = {"operator", "admin"}


@pytest.fixture
def objects(demo_accounts):
    item = FeedbackItem.objects.create(
        author=demo_accounts["learner1"], category=FeedbackItem.CONTENT, text="データが重い"
    )
    survey = Survey.objects.create(slug="s", title_ja="調査", target=Survey.LINK)
    return {"item": item, "survey": survey}


def client_for(accounts, role):
    client = Client()
    if role != "anonymous":
        client.force_login(accounts[role])
    return client


def secretariat_urls(objects):
    item, survey = objects["item"], objects["survey"]
    return [
        reverse("dxq_insights:dashboard"),
        reverse("dxq_insights:dashboard_export", args=["xlsx"]),
        reverse("dxq_insights:dashboard_export", args=["csv"]),
        reverse("dxq_insights:feedback_board"),
        reverse("dxq_insights:feedback_item", args=[item.pk]),
        reverse("dxq_insights:surveys"),
        reverse("dxq_insights:survey_new"),
        reverse("dxq_insights:survey_edit", args=[survey.pk]),
        reverse("dxq_insights:question_new", args=[survey.pk]),
        reverse("dxq_insights:survey_results", args=[survey.pk]),
        reverse("dxq_insights:survey_export", args=[survey.pk, "csv"]),
        reverse("dxq_insights:survey_export", args=[survey.pk, "xlsx"]),
        reverse("dxq_insights:costs"),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_secretariat_pages(demo_accounts, objects, role):
    client = client_for(demo_accounts, role)
    for url in secretariat_urls(objects):
        response = client.get(url)
        if role == "anonymous":
            assert response.status_code == 302, url
            assert "/login/" in response["Location"], url
        elif role in SECRETARIAT:
            assert response.status_code == 200, url
        else:
            assert response.status_code == 403, url


@pytest.mark.parametrize("role", ROLES)
def test_secretariat_actions_are_refused_to_others(demo_accounts, objects, role):
    if role in SECRETARIAT:
        return
    client = client_for(demo_accounts, role)
    item = objects["item"]
    response = client.post(
        reverse("dxq_insights:feedback_item", args=[item.pk]), {"status": "done"}
    )
    assert response.status_code in (302, 403)
    item.refresh_from_db()
    assert item.status == FeedbackItem.NEW
    response = client.post(reverse("dxq_insights:survey_remind", args=[objects["survey"].pk]))
    assert response.status_code in (302, 403)
    if role != "anonymous":
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_pages_for_everyone_signed_in(demo_accounts, objects, role):
    client = client_for(demo_accounts, role)
    for name in ("feedback", "my_feedback", "my_surveys"):
        response = client.get(reverse(f"dxq_insights:{name}"))
        if role == "anonymous":
            assert response.status_code == 302
        else:
            assert response.status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_you_said_we_did_is_public(demo_accounts, objects, role):
    response = client_for(demo_accounts, role).get(reverse("dxq_insights:you_said_we_did"))
    assert response.status_code == 200


def test_my_feedback_shows_only_my_items(demo_accounts, objects):
    FeedbackItem.objects.create(
        author=demo_accounts["learner2"], category=FeedbackItem.OTHER, text="佐藤の意見"
    )
    page = client_for(demo_accounts, "learner1").get(reverse("dxq_insights:my_feedback"))
    text = page.content.decode()
    assert "データが重い" in text
    assert "佐藤の意見" not in text


def test_the_feedback_link_is_on_every_suite_page(demo_accounts):
    page = client_for(demo_accounts, "learner1").get(reverse("dxq_community:spaces"))
    assert (
        reverse("dxq_insights:feedback") + "?from=/dxq/community/spaces/" in page.content.decode()
    )


def test_home_links(demo_accounts):
    from casestudy_xblock import roles
    from community_plugin.insights import api

    learner = api.home_links(demo_accounts["learner1"], roles.roles_of(demo_accounts["learner1"]))
    operator = api.home_links(demo_accounts["operator"], roles.roles_of(demo_accounts["operator"]))
    dashboard = reverse("dxq_insights:dashboard")
    assert dashboard not in [link["url"] for link in learner]
    assert dashboard in [link["url"] for link in operator]
    assert api.home_links(type("Anon", (), {"is_authenticated": False})(), []) == []

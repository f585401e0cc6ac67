"""Who may open each insights page: anonymous, learner, company, hub, operator, staff."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from community_plugin.insights.models import CostEntry, FeedbackItem, Question, Survey

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "learner1", "company", "hub", "operator", "admin"]
SECRETARIAT = {"operator", "admin"}


@pytest.fixture
def objects(demo_accounts):
    item = FeedbackItem.objects.create(
        author=demo_accounts["learner1"], category=FeedbackItem.CONTENT, text="データが重い"
    )
    survey = Survey.objects.create(slug="s", title_ja="調査", target=Survey.LINK)
    question = Question.objects.create(survey=survey, kind=Question.TEXT, text_ja="ご意見")
    return {"item": item, "survey": survey, "question": question}


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
        reverse("dxq_insights:question_edit", args=[survey.pk, objects["question"].pk]),
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
    entry = CostEntry.objects.create(
        category=CostEntry.STAFF,
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 1, 31),
        amount_jpy=1000,
    )
    survey, question = objects["survey"], objects["question"]
    for url, data in (
        (reverse("dxq_insights:cost_delete", args=["cost", entry.pk]), {}),
        (reverse("dxq_insights:survey_edit", args=[survey.pk]), {"title_ja": "改ざん"}),
        (
            reverse("dxq_insights:question_edit", args=[survey.pk, question.pk]),
            {"kind": "text", "text_ja": "改ざん"},
        ),
        (reverse("dxq_insights:survey_new"), {"title_ja": "新規", "target": "link"}),
        (reverse("dxq_insights:costs"), {"category": "staff", "amount_jpy": "1"}),
    ):
        response = client.post(url, data)
        assert response.status_code == (302 if role == "anonymous" else 403), url
    assert CostEntry.objects.filter(pk=entry.pk).exists()
    assert Survey.objects.get().title_ja == "調査"
    assert Question.objects.get().text_ja == "ご意見"


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


@pytest.fixture
def workbench(settings, tmp_path, db):
    from workbench.runtime_util import reset_global_state
    from workbench.scenarios import get_scenarios

    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.DXQ_DATASET_CACHE_DIR = str(tmp_path / "cache")
    reset_global_state()
    get_scenarios()
    yield
    from casestudy_xblock.datasets import query

    query.close_readers()


def test_the_feedback_link_is_on_the_case_and_deliverable_pages(demo_accounts, workbench):
    from casestudy_xblock.api import workbench_student_id
    from deliverable_xblock.blocks import scenarios

    client = client_for(demo_accounts, "learner1")
    student = {"student": workbench_student_id(demo_accounts["learner1"])}
    for path in (
        "/workbench/scenario/dxq_case.1/",
        f"/workbench/scenario/{scenarios.scenario_id(0)}/",
    ):
        page = client.get(path, student)
        assert page.status_code == 200, path
        html = page.content.decode()
        assert reverse("dxq_insights:feedback") + "?from=" + path in html, path
        assert "事務局にご意見を送る" in html, path
        assert reverse("dxq_insights:you_said_we_did") in html, path


def test_home_links(demo_accounts):
    from casestudy_xblock import roles
    from community_plugin.insights import api

    learner = api.home_links(demo_accounts["learner1"], roles.roles_of(demo_accounts["learner1"]))
    operator = api.home_links(demo_accounts["operator"], roles.roles_of(demo_accounts["operator"]))
    dashboard = reverse("dxq_insights:dashboard")
    assert dashboard not in [link["url"] for link in learner]
    assert dashboard in [link["url"] for link in operator]
    assert api.home_links(type("Anon", (), {"is_authenticated": False})(), []) == []

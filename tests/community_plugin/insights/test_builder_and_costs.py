"""Operators build a survey and record costs through the pages; bad input keeps what was typed."""

import pytest
from django.test import Client
from django.urls import reverse

from community_plugin import api as community
from community_plugin.insights.models import CompleterCount, CostEntry, Question, Survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(demo_accounts):
    client = Client()
    client.force_login(demo_accounts["operator"])
    return client


def test_build_a_survey_with_questions(operator):
    space = community.program_space()
    response = operator.post(
        reverse("dxq_insights:survey_new"),
        {
            "title_ja": "勉強会アンケート",
            "title_en": "Study session survey",
            "target": "space",
            "space": space.pk,
            "anonymous": "on",
            "opens": "2026-01-01T09:00",
        },
    )
    survey = Survey.objects.get()
    assert response.status_code == 302
    assert survey.slug == "study-session-survey"
    assert survey.created_by.username == "operator"
    url = reverse("dxq_insights:question_new", args=[survey.pk])
    refused = operator.post(
        url,
        {
            "q-kind": "single",
            "q-text_ja": "形式は?",
            "q-required": "on",
            "q-choices_text": "オンライン | Online",
        },
    )
    text = refused.content.decode()
    assert "選択肢を1行に1つずつ、2つ以上書いてください。" in text
    assert "形式は?" in text  # kept
    operator.post(
        url,
        {
            "q-kind": "single",
            "q-text_ja": "形式は?",
            "q-text_en": "Format?",
            "q-required": "on",
            "q-choices_text": "オンライン | Online\n対面 | In person",
        },
    )
    question = Question.objects.get()
    assert question.choices == [
        {"value": "o1", "ja": "オンライン", "en": "Online"},
        {"value": "o2", "ja": "対面", "en": "In person"},
    ]
    operator.post(
        reverse("dxq_insights:question_edit", args=[survey.pk, question.pk]), {"delete": "1"}
    )
    assert not Question.objects.exists()


def test_a_space_survey_needs_its_space_and_a_sane_window(operator):
    response = operator.post(
        reverse("dxq_insights:survey_new"),
        {
            "title_ja": "調査",
            "target": "space",
            "opens": "2026-02-01T09:00",
            "closes": "2026-01-01T09:00",
        },
    )
    text = response.content.decode()
    assert "回答を依頼するメンバーのスペースを選んでください。" in text
    assert "締切は開始より後にしてください。" in text
    assert not Survey.objects.exists()


def test_record_and_remove_costs(operator):
    url = reverse("dxq_insights:costs")
    refused = operator.post(
        url,
        {
            "add_cost": "1",
            "cost-category": "staff",
            "cost-program": "community",
            "cost-period_start": "2026-02-01",
            "cost-period_end": "2026-01-01",
            "cost-amount_jpy": "100000",
        },
    )
    assert "期間の終了日は開始日以降にしてください。" in refused.content.decode()
    operator.post(
        url,
        {
            "add_cost": "1",
            "cost-category": "staff",
            "cost-program": "community",
            "cost-period_start": "2026-01-01",
            "cost-period_end": "2026-01-31",
            "cost-amount_jpy": "100000",
        },
    )
    operator.post(
        url,
        {
            "add_completers": "1",
            "done-period_start": "2026-01-01",
            "done-period_end": "2026-01-31",
            "done-count": "12",
        },
    )
    entry = CostEntry.objects.get()
    assert entry.amount_jpy == 100_000
    assert CompleterCount.objects.get().count == 12
    operator.post(reverse("dxq_insights:cost_delete", args=["cost", entry.pk]))
    assert not CostEntry.objects.exists()


def test_dashboard_refuses_a_reversed_period_in_japanese(operator):
    page = operator.get(
        reverse("dxq_insights:dashboard") + "?start=2026-02-01&end=2026-01-01&space="
    )
    assert "期間の終了日は開始日以降にしてください。" in page.content.decode()
    assert (
        operator.get(
            reverse("dxq_insights:dashboard_export", args=["xlsx"])
            + "?start=2026-02-01&end=2026-01-01"
        ).status_code
        == 404
    )


def test_a_refused_cost_keeps_what_was_typed_and_says_why_in_japanese(operator):
    refused = operator.post(
        reverse("dxq_insights:costs"),
        {
            "add_cost": "1",
            "cost-category": "platform",
            "cost-program": "community",
            "cost-period_start": "2026-01-01",
            "cost-period_end": "2026-01-31",
            "cost-amount_jpy": "十万円",
            "cost-note": "サーバー費用",
        },
    )
    text = refused.content.decode()
    assert refused.status_code == 200
    assert "整数を入力してください。" in text
    assert 'value="十万円"' in text
    assert 'value="2026-01-31"' in text
    assert "サーバー費用" in text
    assert not CostEntry.objects.exists()


def test_every_question_kind_is_built_and_answered_in_japanese_or_english(operator, demo_accounts):
    survey = Survey.objects.create(
        slug="kinds", title_ja="形式の調査", title_en="Kinds", target="link"
    )
    url = reverse("dxq_insights:question_new", args=[survey.pk])
    kinds = {
        "single": ("一つ選ぶ", "Pick one", "はい | Yes\nいいえ | No"),
        "multiple": ("いくつでも", "Pick any", "赤 | Red\n青 | Blue\n緑 | Green"),
        "likert": ("満足度", "Satisfaction", ""),
        "nps": ("推奨度", "Recommend", ""),
        "number": ("人数", "Headcount", ""),
        "text": ("ご意見", "Comments", ""),
    }
    for kind, (ja, en, options) in kinds.items():
        data = {"q-kind": kind, "q-text_ja": ja, "q-text_en": en, "q-choices_text": options}
        if kind == "number":
            data.update({"q-min_value": "0", "q-max_value": "100"})
        if kind != "text":
            data["q-required"] = "on"
        assert operator.post(url, data).status_code == 302, kind
    questions = {q.kind: q for q in survey.questions.all()}
    assert set(questions) == set(kinds)
    assert questions["text"].required is False
    assert (questions["number"].min_value, questions["number"].max_value) == (0, 100)
    assert [c["en"] for c in questions["multiple"].choices] == ["Red", "Blue", "Green"]

    answer = reverse("dxq_insights:answer", args=[survey.token])
    visitor = Client()
    japanese = visitor.get(answer).content.decode()
    assert all(ja in japanese for ja, _en, _o in kinds.values())
    visitor.cookies["django_language"] = "en"
    english = visitor.get(answer, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert all(en in english for _ja, en, _o in kinds.values())
    assert "Blue" in english
    refused = visitor.post(
        answer,
        {
            str(questions["number"].pk): "101",
            str(questions["text"].pk): "とても良い",
            "submit": "1",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    text = refused.content.decode()
    assert "Enter 100 or less." in text
    assert "とても良い" in text  # kept

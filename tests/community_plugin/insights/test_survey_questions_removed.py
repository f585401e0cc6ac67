"""Removing a question never loses its answers.

A question that has answers is taken off the survey, not deleted: respondents no longer see it
(nor must answer it), and its answers stay in the results and both exports, marked removed. It
can be put back. A question nobody answered is deleted. The Django admin refuses to delete an
answered question.
"""

import csv
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from community_plugin.insights import surveys
from community_plugin.insights.admin import QuestionInline
from community_plugin.insights.errors import InvalidAnswers
from community_plugin.insights.models import Question, Response, Survey
from community_plugin.insights.models.surveys import ANSWERED_NOT_DELETED

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(demo_accounts):
    client = Client()
    client.force_login(demo_accounts["operator"])
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def survey():
    survey = Survey.objects.create(
        slug="session", title_ja="勉強会の調査", title_en="Session survey", target=Survey.LINK
    )
    Question.objects.create(
        survey=survey,
        position=1,
        kind="single",
        text_ja="形式は?",
        text_en="Which format?",
        choices=[
            {"value": "o1", "ja": "オンライン", "en": "Online"},
            {"value": "o2", "ja": "対面", "en": "In person"},
        ],
    )
    Question.objects.create(
        survey=survey, position=2, kind="text", text_ja="ご意見", text_en="Comments"
    )
    return survey


def _questions(survey):
    return list(Question.objects.filter(survey=survey).order_by("position"))


def _answer(survey, data):
    surveys.save(survey, AnonymousUser(), data, final=True)


def _remove(client, survey, question):
    url = reverse("dxq_insights:question_edit", args=[survey.pk, question.pk])
    return client.post(url, {"delete": "1"}, follow=True)


def _csv(client, survey):
    response = client.get(reverse("dxq_insights:survey_export", args=[survey.pk, "csv"]))
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_an_answered_question_is_taken_off_but_keeps_its_answers(operator, survey):
    choice, comment = _questions(survey)
    _answer(survey, {str(choice.pk): "o2", str(comment.pk): "夜がいい"})
    _answer(survey, {str(choice.pk): "o1", str(comment.pk): "短めに"})

    page = _remove(operator, survey, choice)

    assert "stays in the results and exports" in page.content.decode()
    choice.refresh_from_db()  # still there, marked removed
    assert choice.removed
    # Results: the removed question keeps its tally, after the offered ones, marked removed.
    with translation.override("en"):
        count, per_question = surveys.results(survey)
    assert count == 2
    assert [q.pk for q, *_rest in per_question] == [comment.pk, choice.pk]
    removed_points = per_question[1][1]
    assert removed_points == [("Online", 1), ("In person", 1)]
    results_page = operator.get(reverse("dxq_insights:survey_results", args=[survey.pk]))
    assert "Which format? (removed)" in results_page.content.decode()
    # Both exports keep the column and every answer.
    rows = _csv(operator, survey)
    assert rows[0][-2:] == ["Comments", "Which format? (removed)"]
    assert sorted(row[-1] for row in rows[1:]) == ["In person", "Online"]
    xlsx = operator.get(reverse("dxq_insights:survey_export", args=[survey.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    header = [cell.value for cell in sheet[1]]
    assert "Which format? (removed)" in header
    column = header.index("Which format? (removed)")
    assert sorted(sheet.cell(row=r, column=column + 1).value for r in (2, 3)) == [
        "In person",
        "Online",
    ]


def test_respondents_no_longer_see_or_must_answer_a_removed_question(operator, survey):
    choice, comment = _questions(survey)
    _answer(survey, {str(choice.pk): "o1", str(comment.pk): "はい"})
    _remove(operator, survey, choice)
    choice.refresh_from_db()
    assert choice.removed
    page = Client().get(reverse("dxq_insights:answer", args=[survey.token]))
    text = page.content.decode()
    assert "形式は?" not in text
    assert "ご意見" in text
    # A required question taken off the survey no longer blocks a submission, and an answer
    # to it is not taken any more.
    with pytest.raises(InvalidAnswers) as refused:
        _answer(survey, {})
    assert list(refused.value.errors) == [str(comment.pk)]
    _answer(survey, {str(choice.pk): "o2", str(comment.pk): "いいえ"})
    latest = [r.answers for r in Response.objects.filter(survey=survey)]
    assert {str(comment.pk): "いいえ"} in latest


def test_the_builder_lists_a_removed_question_apart_and_can_put_it_back(operator, survey):
    choice, _comment = _questions(survey)
    _answer(survey, {str(choice.pk): "o1", str(_comment.pk): "x"})
    _remove(operator, survey, choice)
    edit = operator.get(reverse("dxq_insights:survey_edit", args=[survey.pk])).content.decode()
    offered, _sep, removed = edit.partition("Removed questions")
    assert "形式は?" not in offered
    assert "形式は?" in removed
    url = reverse("dxq_insights:question_edit", args=[survey.pk, choice.pk])
    assert 'name="restore"' in operator.get(url).content.decode()
    page = operator.post(url, {"restore": "1"}, follow=True)
    assert "back on the survey" in page.content.decode()
    choice.refresh_from_db()
    assert not choice.removed
    answer_page = Client().get(reverse("dxq_insights:answer", args=[survey.token]))
    assert "形式は?" in answer_page.content.decode()


def test_a_question_nobody_answered_is_deleted(operator, survey):
    choice, comment = _questions(survey)
    page = _remove(operator, survey, choice)
    assert "Question removed." in page.content.decode()
    assert _questions(survey) == [comment]


def test_the_removed_mark_is_translated(operator, survey):
    choice, comment = _questions(survey)
    _answer(survey, {str(choice.pk): "o1", str(comment.pk): "x"})
    _remove(operator, survey, choice)
    operator.cookies["django_language"] = "ja"
    with translation.override("ja"):
        # "形式は?(削除済み)" once `make translations` has compiled the glossary's Japanese.
        expected = translation.gettext("%(question)s (removed)") % {"question": "形式は?"}
    assert _csv(operator, survey)[0][-1] == expected


def _inline_formset(survey, delete):
    from django.contrib import admin
    from django.contrib.auth import get_user_model
    from django.test import RequestFactory

    from community_plugin.insights.admin import SurveyAdmin

    request = RequestFactory().post("/")
    request.user, _new = get_user_model().objects.get_or_create(
        username="admin-x", defaults={"is_staff": True, "is_superuser": True}
    )
    inline = QuestionInline(Survey, admin.site)
    admin_view = SurveyAdmin(Survey, admin.site)
    FormSet = inline.get_formset(request, survey)
    questions = _questions(survey)
    data = {
        "questions-TOTAL_FORMS": str(len(questions)),
        "questions-INITIAL_FORMS": str(len(questions)),
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "1000",
    }
    for index, question in enumerate(questions):
        prefix = f"questions-{index}"
        data.update(
            {
                f"{prefix}-id": str(question.pk),
                f"{prefix}-survey": str(survey.pk),
                f"{prefix}-position": str(question.position),
                f"{prefix}-kind": question.kind,
                f"{prefix}-text_ja": question.text_ja,
                f"{prefix}-text_en": question.text_en,
                f"{prefix}-required": "on",
                f"{prefix}-choices": __import__("json").dumps(question.choices),
            }
        )
        if question.pk == delete.pk:
            data[f"{prefix}-DELETE"] = "on"
    assert QuestionInline in admin_view.inlines
    return FormSet(data, instance=survey, prefix="questions")


def test_the_admin_refuses_to_delete_an_answered_question(survey):
    choice, comment = _questions(survey)
    assert _inline_formset(survey, choice).is_valid()  # no answers yet: may be deleted
    _answer(survey, {str(choice.pk): "o1", str(comment.pk): "x"})
    formset = _inline_formset(survey, choice)
    assert not formset.is_valid()
    assert formset.non_form_errors() == [str(ANSWERED_NOT_DELETED)]

"""Surveys: targets, validation, save and resume, submission, anonymity, results, reminders."""

import datetime as dt
import hashlib

import pytest
from django.apps import apps
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from community_plugin import api as community
from community_plugin.insights import surveys
from community_plugin.insights.errors import (
    AlreadyAnswered,
    InvalidAnswers,
    NotTargeted,
    SurveyClosed,
)
from community_plugin.insights.models import Response, Survey, SurveyCompletion
from community_plugin.insights.tasks import send_survey_reminders

pytestmark = pytest.mark.django_db


@pytest.fixture
def graduates(demo_accounts):
    community.join_alumni(demo_accounts["learner1"].pk)
    community.join_alumni(demo_accounts["learner2"].pk)
    return {s.slug: s for s in surveys.install_ready_surveys()}["graduate-follow-up"]


def full_answers(survey):
    data = {}
    for q in survey.questions.all():
        data[str(q.pk)] = {
            "multiple": ["o1", "o3"],
            "single": ["o2"],
            "likert": ["4"],
            "nps": ["9"],
            "number": ["3"],
            "text": ["社内のデータ活用を進めています"],
        }[q.kind]
    return data


def test_ready_surveys_are_installed_once(demo_accounts):
    first = surveys.install_ready_surveys()
    again = surveys.install_ready_surveys()
    assert [s.pk for s in first] == [s.pk for s in again]
    graduates, companies = first
    assert graduates.anonymous
    assert graduates.target == Survey.ALUMNI
    assert not companies.anonymous
    assert companies.target == Survey.COMPANIES
    assert {q.kind for q in graduates.questions.all()} == {
        "multiple",
        "single",
        "likert",
        "number",
        "nps",
        "text",
    }
    assert all(q.text_en and q.text_ja for q in graduates.questions.all())


def test_only_targeted_people_may_answer(graduates, demo_accounts):
    assert surveys.may_answer(graduates, demo_accounts["learner1"])
    assert not surveys.may_answer(graduates, demo_accounts["company"])
    with pytest.raises(NotTargeted):
        surveys.save(graduates, demo_accounts["company"], {})
    companies = Survey.objects.get(slug="company-outcome-survey")
    assert surveys.may_answer(companies, demo_accounts["company"])
    assert not surveys.may_answer(companies, demo_accounts["learner1"])


def test_closed_survey_refuses_answers(graduates, demo_accounts):
    graduates.closes = timezone.now() - dt.timedelta(minutes=1)
    graduates.opens = timezone.now() - dt.timedelta(days=1)
    graduates.save()
    with pytest.raises(SurveyClosed):
        surveys.save(graduates, demo_accounts["learner1"], {})


def test_bad_answers_get_messages_and_the_valid_ones_are_kept(graduates, demo_accounts):
    questions = list(graduates.questions.all())
    number = next(q for q in questions if q.kind == "number")
    likert = next(q for q in questions if q.kind == "likert")
    data = {str(number.pk): ["たくさん"], str(likert.pk): ["5"]}
    with pytest.raises(InvalidAnswers) as failure:
        surveys.save(graduates, demo_accounts["learner1"], data, token=None, final=True)
    assert str(number.pk) in failure.value.errors
    required = [q for q in questions if q.required and q.kind not in ("likert",)]
    assert all(str(q.pk) in failure.value.errors for q in required)


def test_save_and_resume_by_token_then_submit(graduates, demo_accounts):
    learner = demo_accounts["learner1"]
    data = full_answers(graduates)
    first_key = next(iter(data))
    response, token = surveys.save(graduates, learner, {first_key: data[first_key]})
    assert token
    assert response.submitted_on is None
    assert surveys.find_draft(graduates, learner, token).answers == {first_key: ["o1", "o3"]}
    assert surveys.find_draft(graduates, learner, "someone-else") is None
    response, _token = surveys.save(graduates, learner, data, token=token, final=True)
    assert response.submitted_on == timezone.localdate()
    assert response.resume_hash is None
    assert Response.objects.filter(survey=graduates).count() == 1
    with pytest.raises(AlreadyAnswered):
        surveys.save(graduates, learner, data, token=token, final=True)


def test_named_survey_keeps_the_draft_by_user(demo_accounts):
    companies = {s.slug: s for s in surveys.install_ready_surveys()}["company-outcome-survey"]
    user = demo_accounts["company"]
    data = full_answers(companies)
    key = next(iter(data))
    surveys.save(companies, user, {key: data[key]})
    assert surveys.find_draft(companies, user).answers == {key: "o2"}
    response, _token = surveys.save(companies, user, data, final=True)
    assert response.user == user
    headers, rows = surveys.export_table(companies)
    assert rows[0][1] == "company"


def _rows_mentioning(value):
    """(table, column) pairs of every table in the database holding ``value`` in some column."""
    hits = []
    with connection.cursor() as cursor:
        for model in apps.get_models():
            table = model._meta.db_table
            for field in model._meta.concrete_fields:
                column = connection.ops.quote_name(field.column)
                try:
                    cursor.execute(
                        f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)} "  # noqa: S608
                        f"WHERE CAST({column} AS CHAR) LIKE %s",
                        [f"%{value}%"],
                    )
                except Exception:  # noqa: BLE001, S112 - binary or unsupported columns
                    continue
                if cursor.fetchone()[0]:
                    hits.append((table, field.column))
    return hits


def test_an_anonymous_response_cannot_be_linked_to_its_user(graduates, demo_accounts):
    learner = demo_accounts["learner1"]
    client = Client()
    client.force_login(learner)
    url = reverse("dxq_insights:answer", args=[graduates.token])
    client.post(url, {"save": "1"})
    token = client.cookies[f"dxq_survey_{graduates.pk}"].value
    assert Response.objects.get(survey=graduates).resume_hash
    client.post(url, {**full_answers(graduates), "submit": "1"})
    response = Response.objects.get(survey=graduates)
    assert response.submitted_on is not None
    # The response row: no user, no resume hash left, only the day.
    assert response.user_id is None
    assert response.resume_hash is None
    assert {f.name for f in Response._meta.concrete_fields} == {
        "id",
        "survey",
        "user",
        "resume_hash",
        "answers",
        "submitted_on",
    }
    # "Has answered" is recorded apart, with nothing pointing at the response.
    completion = SurveyCompletion.objects.get(survey=graduates)
    assert completion.user == learner
    assert {f.name for f in SurveyCompletion._meta.concrete_fields} == {"id", "survey", "user"}
    # No table but the response's own holds its id (sessions included), and the resume
    # token the browser held is nowhere in the database, hashed or not.
    holders = set(_rows_mentioning(response.id.hex)) | set(_rows_mentioning(str(response.id)))
    assert holders == {("dxq_insights_response", "id")}
    assert _rows_mentioning(token) == []
    assert _rows_mentioning(hashlib.sha256(token.encode()).hexdigest()) == []
    # The export names nobody.
    headers, rows = surveys.export_table(graduates)
    assert "Username" not in headers
    assert "ユーザー名" not in headers
    flat = " ".join(str(cell) for row in rows for cell in row)
    for person in demo_accounts.values():
        assert person.username not in flat
        assert person.email not in flat


def test_results_tally_and_export(graduates, demo_accounts):
    for name in ("learner1", "learner2"):
        surveys.save(graduates, demo_accounts[name], full_answers(graduates), final=True)
    count, per_question = surveys.results(graduates)
    assert count == 2
    by_kind = {q.kind: (points, summary) for q, points, _h, _r, summary in per_question}
    assert dict(by_kind["likert"][0])["4"] == 2
    assert "100" in by_kind["nps"][1]  # two promoters: NPS 100
    client = Client()
    client.force_login(demo_accounts["operator"])
    xlsx = client.get(reverse("dxq_insights:survey_export", args=[graduates.pk, "xlsx"]))
    sheet = load_workbook(__import__("io").BytesIO(xlsx.content)).active
    assert sheet.max_row == 3
    csv = client.get(reverse("dxq_insights:survey_export", args=[graduates.pk, "csv"]))
    assert csv.content.startswith("\ufeff".encode())
    page = client.get(reverse("dxq_insights:survey_results", args=[graduates.pk]))
    assert page.content.decode().count("<svg") >= 4


def test_reminders_go_only_to_those_who_have_not_answered(graduates, demo_accounts):
    surveys.save(graduates, demo_accounts["learner1"], full_answers(graduates), final=True)
    assert send_survey_reminders(graduates.pk) == 1
    assert [m.to for m in mail.outbox] == [[demo_accounts["learner2"].email]]
    graduates.refresh_from_db()
    assert graduates.last_reminder is not None


def test_resume_through_the_browser_cookie(graduates, demo_accounts):
    client = Client()
    client.force_login(demo_accounts["learner2"])
    url = reverse("dxq_insights:answer", args=[graduates.token])
    text_q = next(q for q in graduates.questions.all() if q.kind == "text")
    client.post(url, {str(text_q.pk): "途中まで書いた回答", "save": "1"})
    page = client.get(url)
    assert "途中まで書いた回答" in page.content.decode()
    other = Client()
    other.force_login(demo_accounts["learner2"])  # another browser: no cookie, no draft
    assert "途中まで書いた回答" not in other.get(url).content.decode()


def test_link_survey_answered_by_a_visitor(demo_accounts):
    survey = Survey.objects.create(slug="open", title_ja="公開調査", target=Survey.LINK)
    from community_plugin.insights.models import Question

    q = Question.objects.create(survey=survey, kind="nps", text_ja="推奨度", required=True)
    client = Client()
    url = reverse("dxq_insights:answer", args=[survey.token])
    assert client.post(url, {str(q.pk): "11", "submit": "1"}).status_code == 200
    assert not Response.objects.filter(survey=survey, submitted_on__isnull=False).exists()
    client.post(url, {str(q.pk): "8", "submit": "1"})
    assert Response.objects.get(survey=survey).answers == {str(q.pk): 8}
    assert not SurveyCompletion.objects.exists()


def test_answer_page_per_role(graduates, demo_accounts):
    url = reverse("dxq_insights:answer", args=[graduates.token])
    anonymous = Client().get(url)
    assert anonymous.status_code == 302
    assert "/login/" in anonymous["Location"]
    for name, status in (("learner1", 200), ("company", 403), ("hub", 403), ("operator", 200)):
        client = Client()
        client.force_login(demo_accounts[name])
        assert client.get(url).status_code == status, name
    operator = Client()
    operator.force_login(demo_accounts["operator"])
    assert "submit" not in operator.get(url).content.decode().split("<form")[-1].split("</form>")[0]
    assert operator.post(url, {"submit": "1"}).status_code == 403  # a preview only
    graduates.closes = timezone.now()
    graduates.save()
    client = Client()
    client.force_login(demo_accounts["learner1"])
    assert client.get(url).status_code == 410


def test_a_space_survey_asks_the_members_of_that_space_only(demo_accounts):
    from community_plugin.models import Membership, Space

    cohort = Space.objects.create(slug="cohort-1", kind=Space.COHORT, name="第1期")
    Membership.objects.create(
        space=cohort, user=demo_accounts["learner2"], source=Membership.MANUAL
    )
    survey = Survey.objects.create(
        slug="cohort", title_ja="第1期の調査", target=Survey.SPACE, space=cohort
    )
    assert list(surveys.targeted_users(survey)) == [demo_accounts["learner2"]]
    assert surveys.may_answer(survey, demo_accounts["learner2"])
    for name in ("learner1", "company", "hub", "operator"):
        assert not surveys.may_answer(survey, demo_accounts[name]), name
    anonymous = Client().get(reverse("dxq_insights:answer", args=[survey.token]))
    assert anonymous.status_code == 302
    survey.space = None  # the space was deleted: nobody is asked
    survey.save()
    assert not surveys.targeted_users(survey).exists()
    assert not surveys.may_answer(survey, demo_accounts["learner2"])


def test_the_daily_beat_reminds_only_open_targeted_surveys_not_reminded_lately(
    graduates, demo_accounts, settings
):
    from community_plugin.insights.tasks import remind_open_surveys

    settings.DXQ_INSIGHTS_REMINDER_DAYS = 7
    now = timezone.now()
    companies = Survey.objects.get(slug="company-outcome-survey")
    companies.last_reminder = now - dt.timedelta(days=2)  # reminded lately: skipped
    companies.save()
    Survey.objects.create(slug="link", title_ja="リンク調査", target=Survey.LINK)  # no one to ask
    Survey.objects.create(
        slug="over",
        title_ja="終了した調査",
        target=Survey.ALUMNI,
        opens=now - dt.timedelta(days=30),
        closes=now - dt.timedelta(days=1),
    )
    surveys.save(graduates, demo_accounts["learner1"], full_answers(graduates), final=True)
    assert remind_open_surveys() == 1  # the graduates' survey only (tasks run eagerly here)
    assert [m.to for m in mail.outbox] == [[demo_accounts["learner2"].email]]
    assert remind_open_surveys() == 0  # reminded just now
    graduates.refresh_from_db()
    graduates.last_reminder = now - dt.timedelta(days=8)
    graduates.save()
    assert remind_open_surveys() == 1


def test_surveys_for_you_lists_the_open_surveys_that_ask_you(graduates, demo_accounts):
    url = reverse("dxq_insights:my_surveys")
    pages = {}
    for name in ("learner1", "company", "hub"):
        client = Client()
        client.force_login(demo_accounts[name])
        pages[name] = client.get(url).content.decode()
    companies = Survey.objects.get(slug="company-outcome-survey").title_ja
    assert graduates.title_ja in pages["learner1"]
    assert companies not in pages["learner1"]
    assert companies in pages["company"]
    assert graduates.title_ja not in pages["company"]
    assert graduates.title_ja not in pages["hub"]
    answer = reverse("dxq_insights:answer", args=[graduates.token])
    assert answer in pages["learner1"]
    surveys.save(graduates, demo_accounts["learner1"], full_answers(graduates), final=True)
    client = Client()
    client.force_login(demo_accounts["learner1"])
    assert f'href="{answer}"' not in client.get(url).content.decode()  # answered: no link


def test_free_text_results_do_not_follow_the_order_people_answered_in(demo_accounts):
    """Listed in the order of the random response ids (as the exports are), never in the order
    of submission, which "has answered" rows would tie to people."""
    import uuid

    from community_plugin.insights.models import Question

    survey = Survey.objects.create(slug="order", title_ja="順序", target=Survey.LINK)
    question = Question.objects.create(survey=survey, kind="text", text_ja="ご意見")
    for n, text in ((3, "一番目"), (1, "二番目"), (2, "三番目")):  # submitted in this order
        Response.objects.create(
            id=uuid.UUID(int=n),
            survey=survey,
            answers={str(question.pk): text},
            submitted_on=timezone.localdate(),
        )
    _count, per_question = surveys.results(survey)
    rows = per_question[0][3]
    assert rows == [("二番目",), ("三番目",), ("一番目",)]

"""A survey keeps the anonymity it was answered under.

Once anyone has started answering (a draft or a submitted response), a survey can no longer be
switched between anonymous and named: a named response would stay linked to its person in a
survey now called anonymous, and an anonymous one would show an empty name column in a named
export. The builder and the Django admin both refuse it, in the operator's language, and keep
everything else that was typed.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from community_plugin.insights import surveys
from community_plugin.insights.models import Question, Survey
from community_plugin.insights.models.surveys import ANONYMITY_LOCKED

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(demo_accounts):
    client = Client()
    client.force_login(demo_accounts["operator"])
    return client


def _survey(anonymous):
    survey = Survey.objects.create(
        slug=f"s-{anonymous}", title_ja="調査", target=Survey.LINK, anonymous=anonymous
    )
    question = Question.objects.create(survey=survey, kind="text", text_ja="ご意見")
    return survey, question


def _post(client, survey, *, anonymous, title="調査(改)"):
    data = {"title_ja": title, "target": Survey.LINK, "opens": "2026-01-01T09:00"}
    if anonymous:
        data["anonymous"] = "on"
    return client.post(reverse("dxq_insights:survey_edit", args=[survey.pk]), data)


@pytest.mark.parametrize("anonymous", [True, False])
def test_the_builder_refuses_to_switch_anonymity_once_answered(operator, anonymous):
    survey, question = _survey(anonymous)
    assert _post(operator, survey, anonymous=anonymous).status_code == 302  # same: saved
    surveys.save(survey, AnonymousUser(), {str(question.pk): "途中"})  # a draft only
    refused = _post(operator, survey, anonymous=not anonymous, title="新しい題名")
    assert refused.status_code == 200
    with translation.override("ja"):
        assert str(ANONYMITY_LOCKED) in refused.content.decode()
    assert "新しい題名" in refused.content.decode()  # what was typed is kept
    survey.refresh_from_db()
    assert survey.anonymous is anonymous
    assert survey.title_ja == "調査(改)"


def test_a_survey_nobody_answered_may_switch(operator):
    survey, _question = _survey(True)
    assert _post(operator, survey, anonymous=False).status_code == 302
    survey.refresh_from_db()
    assert not survey.anonymous


def test_the_model_refuses_it_too(demo_accounts):
    survey, question = _survey(False)
    surveys.save(survey, demo_accounts["learner1"], {str(question.pk): "はい"}, final=True)
    survey.created_by = demo_accounts["operator"]
    survey.title_ja = "題名だけ変える"
    survey.full_clean()  # other changes are fine
    survey.anonymous = True
    with pytest.raises(ValidationError) as refused:
        survey.full_clean()
    assert "anonymous" in refused.value.message_dict

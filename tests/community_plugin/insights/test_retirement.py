"""Account retirement in the LMS: edx-platform's ``USER_RETIRE_LMS_MISC`` removes or unlinks what
insights holds about the person. The signal module is edx-platform's (a ``Signal()``), recreated
here under its real import path; our code finds it only by that path."""

import datetime as dt
import sys
import types

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.dispatch import Signal

from casestudy_xblock.platform import lms_attr
from community_plugin.insights import receivers, surveys
from community_plugin.insights.models import (
    FeedbackItem,
    Question,
    Response,
    Survey,
    SurveyCompletion,
    Visit,
)

pytestmark = pytest.mark.django_db

PATH = "openedx.core.djangoapps.user_api.accounts.signals"


@pytest.fixture
def lms_signals(monkeypatch):
    """edx-platform's accounts signals module, as the LMS defines it."""
    parts = PATH.split(".")
    for depth in range(1, len(parts)):
        monkeypatch.setitem(sys.modules, ".".join(parts[:depth]), types.ModuleType("pkg"))
    module = types.ModuleType(PATH)
    module.USER_RETIRE_LMS_CRITICAL = Signal()
    module.USER_RETIRE_LMS_MISC = Signal()
    monkeypatch.setitem(sys.modules, PATH, module)
    lms_attr.cache_clear()  # LMS look-ups are cached per process
    yield module
    module.USER_RETIRE_LMS_MISC.disconnect(dispatch_uid=receivers.DISPATCH_UID)
    lms_attr.cache_clear()


def test_outside_the_lms_there_is_nothing_to_connect():
    lms_attr.cache_clear()
    assert receivers.connect_retirement() is False


def _named_survey(slug):
    survey = Survey.objects.create(slug=slug, title_ja=slug, target=Survey.LINK, anonymous=False)
    choice = Question.objects.create(
        survey=survey,
        kind="single",
        text_ja="形式",
        choices=[{"value": "o1", "ja": "A", "en": "A"}, {"value": "o2", "ja": "B", "en": "B"}],
    )
    text = Question.objects.create(survey=survey, kind="text", text_ja="ご意見")
    return survey, choice, text


def test_the_lms_retirement_signal_retires_insights_data(lms_signals, demo_accounts):
    learner, other = demo_accounts["learner1"], demo_accounts["learner2"]
    apps.get_app_config("dxq_insights").ready()  # as in the LMS at start-up
    assert lms_signals.USER_RETIRE_LMS_MISC.has_listeners()

    mine = FeedbackItem.objects.create(
        author=learner, category="content", text="田中です。説明がほしい", contact="090-0000"
    )
    theirs = FeedbackItem.objects.create(author=other, category="content", text="他の人")
    named, choice, text = _named_survey("named")
    for person in (learner, other):
        surveys.save(
            named,
            person,
            {str(choice.pk): "o1", str(text.pk): f"{person.username}の意見"},
            final=True,
        )
    drafted, d_choice, _d_text = _named_survey("drafted")
    surveys.save(drafted, learner, {str(d_choice.pk): "o2"})  # a draft only
    anonymous = Survey.objects.create(slug="anon", title_ja="匿名", target=Survey.LINK)
    a_text = Question.objects.create(survey=anonymous, kind="text", text_ja="感想")
    surveys.save(anonymous, AnonymousUser(), {str(a_text.pk): "匿名の感想"}, final=True)
    Visit.objects.create(user=learner, day=dt.date(2026, 1, 5))
    Visit.objects.create(user=other, day=dt.date(2026, 1, 5))

    # edx-platform's LMSAccountRetirementView sends it like this.
    lms_signals.USER_RETIRE_LMS_MISC.send(
        sender=object, email=learner.email, new_email="retired@x", user=learner
    )

    mine.refresh_from_db()
    assert (mine.author, mine.text, mine.contact) == (None, "", "")
    assert (mine.category, mine.status) == ("content", FeedbackItem.NEW)  # counts still hold
    theirs.refresh_from_db()
    assert (theirs.author, theirs.text) == (other, "他の人")
    unlinked = Response.objects.get(survey=named, user__isnull=True)
    assert unlinked.answers == {str(choice.pk): "o1"}  # the choice stays, the words go
    assert Response.objects.get(survey=named, user=other).answers[str(text.pk)] == "learner2の意見"
    assert not Response.objects.filter(survey=drafted).exists()
    assert not SurveyCompletion.objects.filter(user=learner).exists()
    assert SurveyCompletion.objects.filter(user=other).exists()
    assert list(Visit.objects.values_list("user", flat=True)) == [other.pk]
    assert Response.objects.get(survey=anonymous).answers == {str(a_text.pk): "匿名の感想"}
    count, _per_question = surveys.results(named)
    assert count == 2

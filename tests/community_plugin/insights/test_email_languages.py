"""Survey reminders and feedback replies go out in each recipient's own language.

The language is the LMS user preference ``pref-lang`` (an in-memory stand-in here, as in the
community's notification tests), else ``settings.LANGUAGE_CODE`` (Japanese).
"""

import pytest
from django.core import mail

from community_plugin import api as community
from community_plugin.insights import surveys
from community_plugin.insights.models import FeedbackItem
from community_plugin.insights.tasks import (
    recipient_language,
    send_feedback_reply,
    send_survey_reminders,
)
from tests.community_plugin import fake_lms

pytestmark = pytest.mark.django_db


@pytest.fixture
def languages():
    """Install the LMS preference lookup; the test fills ``data.languages`` (user id -> code)."""
    data = fake_lms.LmsData()
    uninstall = fake_lms.install(data)
    yield data.languages
    uninstall()


def _by_recipient():
    return {message.to[0]: message for message in mail.outbox}


def test_a_reminder_run_writes_to_each_person_in_their_language(demo_accounts, languages):
    japanese, english, unset = (demo_accounts[n] for n in ("learner1", "learner2", "hub"))
    for person in (japanese, english, unset):
        community.join_alumni(person.pk)
    languages.update({japanese.pk: "ja", english.pk: "en-us"})  # no preference for the hub user
    graduates = surveys.install_ready_surveys()[0]

    assert send_survey_reminders(graduates.pk) == 3

    sent = _by_recipient()
    ja, en, fallback = sent[japanese.email], sent[english.email], sent[unset.email]
    assert ja.subject == f"[DX Quest] ご回答のお願い: {graduates.title_ja}"
    assert "ご回答をお願いします" in ja.body
    assert en.subject == f"[DX Quest] Reminder: {graduates.title_en}"
    assert en.body.startswith(f'We would value your answers to the survey "{graduates.title_en}"')
    assert graduates.token in en.body
    assert fallback.subject == ja.subject  # settings.LANGUAGE_CODE
    assert (ja.extra_headers["Content-Language"], en.extra_headers["Content-Language"]) == (
        "ja",
        "en",
    )


def test_a_reply_goes_to_each_sender_of_merged_duplicates_in_their_language(
    demo_accounts, languages
):
    japanese, english = demo_accounts["learner1"], demo_accounts["learner2"]
    languages[english.pk] = "en"
    original = FeedbackItem.objects.create(
        author=japanese, category="content", text="x", status="done", reply="対応しました"
    )
    FeedbackItem.objects.create(author=english, category="content", text="y", duplicate_of=original)

    assert send_feedback_reply(original.pk) == 2

    sent = _by_recipient()
    ja, en = sent[japanese.email], sent[english.email]
    assert ja.subject == f"[DX Quest] ご意見 #{original.pk} への返信"
    assert en.subject == f"[DX Quest] A reply to your feedback #{original.pk}"
    assert en.body.startswith("Thank you for your feedback.\n\nStatus: Done")
    assert "対応しました" in en.body  # the secretariat's own words, as written
    assert "Thank you" not in ja.body


def test_an_unknown_or_missing_preference_falls_back_to_the_site_language(
    demo_accounts, languages, settings
):
    person = demo_accounts["learner1"]
    assert recipient_language(person) == settings.LANGUAGE_CODE
    languages[person.pk] = "xx"
    assert recipient_language(person) == settings.LANGUAGE_CODE
    languages[person.pk] = "EN"
    assert recipient_language(person) == "en"

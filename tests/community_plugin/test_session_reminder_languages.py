"""Study-session reminders are stored and mailed in each person's language (their LMS
``pref-lang``), not in the language the beat task happens to run in."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from community_plugin import study_sessions
from community_plugin.models import Notification, Rsvp

from .world import study_session


@pytest.fixture
def lms(community_world):
    from tests.community_plugin import fake_lms

    data = fake_lms.LmsData()
    uninstall = fake_lms.install(data)
    yield data
    uninstall()


def test_each_person_gets_the_reminder_in_their_language(community_world, lms):
    learner, master = community_world.user("learner"), community_world.user("master")
    lms.languages[learner.pk] = "en"
    lms.languages[master.pk] = "ja"
    session = study_session(community_world, starts_in=timedelta(minutes=40), title="需要予測")
    for person in (learner, master):
        study_sessions.answer(session, person, Rsvp.GOING)
    with translation.override("ja"):  # the task's own language must not matter
        assert study_sessions.send_reminders(timezone.now()) == 2
    english = Notification.objects.get(kind="session_reminder", user=learner)
    japanese = Notification.objects.get(kind="session_reminder", user=master)
    assert english.title == "Study session soon: 需要予測"
    assert english.text.endswith("(Japan time).")
    with translation.override("ja"):
        assert japanese.title == translation.gettext("Study session soon: %(title)s") % {
            "title": "需要予測"
        }
    assert japanese.title != english.title

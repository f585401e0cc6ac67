"""Study sessions: Japan time in, UTC stored; RSVPs within capacity; attendance; reminders."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from community_plugin import ics, study_sessions
from community_plugin.errors import NotAllowed, SessionClosed, SessionFull
from community_plugin.forms import StudySessionForm
from community_plugin.models import Notification, Rsvp

from .world import study_session


def test_form_reads_japan_time_and_stores_utc():
    form = StudySessionForm(
        {
            "title": "夜の勉強会",
            "date": "2026-12-01",
            "start": "20:00",
            "end": "21:30",
            "meeting_url": "https://meet.example.jp/x",
            "capacity": "5",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["starts_at"].astimezone(UTC) == datetime(
        2026, 12, 1, 11, 0, tzinfo=UTC
    )


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://meet.example.jp/x", True),
        ("http://meet.example.jp/x", False),
        ("javascript:alert(1)", False),
        ("meet.example.jp", False),
        ("", True),
    ],
)
def test_meeting_link_must_be_https(url, ok):
    form = StudySessionForm(
        {"title": "t", "date": "2026-12-01", "start": "20:00", "end": "21:00", "meeting_url": url}
    )
    assert form.is_valid() is ok
    if not ok:
        assert "https://" in form.errors["meeting_url"][0]


def test_end_before_start_is_refused_and_keeps_the_input():
    form = StudySessionForm(
        {"title": "夜の勉強会", "date": "2026-12-01", "start": "21:00", "end": "20:00"}
    )
    assert not form.is_valid()
    assert "end" in form.errors
    assert form["title"].value() == "夜の勉強会"


def test_only_masters_and_operators_create(community_world):
    with pytest.raises(NotAllowed):
        study_sessions.create(
            community_world.space,
            community_world.user("learner"),
            title="x",
            starts_at=timezone.now(),
            ends_at=timezone.now(),
        )
    assert study_sessions.can_create(community_world.user("operator"), community_world.space)


def test_capacity_is_respected_with_a_clear_message(community_world):
    session = study_session(community_world, capacity=1)
    study_sessions.answer(session, community_world.user("master"), Rsvp.GOING)
    with pytest.raises(SessionFull, match="1"):
        study_sessions.answer(session, community_world.user("learner"), Rsvp.GOING)
    # Interested is always possible; answering again keeps a single row.
    study_sessions.answer(session, community_world.user("learner"), Rsvp.INTERESTED)
    study_sessions.answer(session, community_world.user("master"), Rsvp.GOING)
    assert study_sessions.counts(session) == {
        "going": 1,
        "interested": 1,
        "not_going": 0,
        "places_left": 0,
    }
    # The place frees up when the master declines.
    study_sessions.answer(session, community_world.user("master"), Rsvp.NOT_GOING)
    study_sessions.answer(session, community_world.user("learner"), Rsvp.GOING)
    assert study_sessions.counts(session)["going"] == 1


def test_non_members_cannot_answer_and_closed_sessions_refuse(community_world):
    session = study_session(community_world)
    with pytest.raises(NotAllowed):
        study_sessions.answer(session, community_world.user("outsider"), Rsvp.GOING)
    session.cancelled = True
    session.save()
    with pytest.raises(SessionClosed):
        study_sessions.answer(session, community_world.user("learner"), Rsvp.GOING)
    over = study_session(community_world, starts_in=-timedelta(hours=3))
    with pytest.raises(SessionClosed):
        study_sessions.answer(over, community_world.user("learner"), Rsvp.GOING)


def test_attendance_by_host_or_master_only_after_start(community_world):
    future = study_session(community_world)
    with pytest.raises(SessionClosed):
        study_sessions.take_attendance(future, community_world.user("master"), [])
    past = study_session(community_world, starts_in=-timedelta(hours=2))
    learner = community_world.user("learner")
    with pytest.raises(NotAllowed):
        study_sessions.take_attendance(past, learner, [learner.pk])
    with pytest.raises(NotAllowed):  # only members can be marked present
        study_sessions.take_attendance(
            past, community_world.user("master"), [community_world.user("company").pk]
        )
    assert study_sessions.take_attendance(past, community_world.user("operator"), [learner.pk]) == 1
    assert study_sessions.attendees(past) == {learner.pk}


def test_reminders_24h_and_1h_are_sent_once(community_world, django_capture_on_commit_callbacks):
    now = timezone.now()
    tomorrow = study_session(community_world, starts_in=timedelta(hours=20))
    soon = study_session(community_world, starts_in=timedelta(minutes=40))
    later = study_session(community_world, starts_in=timedelta(days=3))
    learner, master = community_world.user("learner"), community_world.user("master")
    for session in (tomorrow, soon, later):
        study_sessions.answer(session, learner, Rsvp.GOING)
    study_sessions.answer(soon, master, Rsvp.NOT_GOING)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert study_sessions.send_reminders(now) == 2  # learner for tomorrow and for soon
    assert study_sessions.send_reminders(now) == 0  # claimed: never twice
    reminders = Notification.objects.filter(kind="session_reminder", user=learner)
    assert reminders.count() == 2
    assert not Notification.objects.filter(kind="session_reminder", user=master).exists()
    assert len(mail.outbox) == 2  # session reminders are emailed at once by default
    # An hour before "tomorrow" starts, its 1 h reminder goes out too.
    assert study_sessions.send_reminders(tomorrow.starts_at - timedelta(minutes=30)) == 1


def test_ics_file_in_utc_escaped_and_folded(community_world):
    session = study_session(community_world)
    session.description = "持ち物: ノートPC; データ, 質問\n歓迎"
    text = study_sessions.ics_text(session)
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert f"DTSTART:{session.starts_at.astimezone(UTC):%Y%m%dT%H%M%SZ}" in text
    assert "\\;" in text
    assert "\\," in text
    assert "\\n" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    long = ics.calendar(
        uid="u",
        title="あ" * 100,
        description="",
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        url="",
        stamp=session.starts_at,
    )
    assert all(len(line.encode()) <= 75 for line in long.split("\r\n"))


def test_a_freed_place_is_offered_to_the_interested(
    community_world, django_capture_on_commit_callbacks
):
    session = study_session(community_world, capacity=1)
    master, learner = community_world.user("master"), community_world.user("learner")
    study_sessions.answer(session, master, Rsvp.GOING)
    study_sessions.answer(session, learner, Rsvp.INTERESTED)
    with django_capture_on_commit_callbacks(execute=True):
        study_sessions.answer(session, master, Rsvp.NOT_GOING)
    [note] = Notification.objects.filter(user=learner)
    assert session.title in note.title
    assert note.url == f"/dxq/community/sessions/{session.pk}/"
    assert len(mail.outbox) == 1


def test_cancel_tells_those_who_answered_once(community_world):
    session = study_session(community_world)
    learner = community_world.user("learner")
    study_sessions.answer(session, learner, Rsvp.GOING)
    with pytest.raises(NotAllowed):
        study_sessions.cancel(session, learner)
    assert study_sessions.cancel(session, community_world.user("operator")) is True
    assert study_sessions.cancel(session, community_world.user("operator")) is False
    assert Notification.objects.filter(user=learner).count() == 1
    with pytest.raises(SessionClosed):
        study_sessions.answer(session, learner, Rsvp.GOING)

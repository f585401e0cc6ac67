"""Every page of community_plugin, per role: who sees what, who may change what."""

import pytest

from community_plugin import api, study_sessions
from community_plugin.models import Notification, Rsvp, StudySession

from .world import MODERATORS, READERS, ROLES, login


def _expect(response, role, allowed, forbidden_status=404):
    if role == "anonymous":
        assert response.status_code == 302
        assert "/login/" in response["Location"]
    elif allowed:
        assert response.status_code in (200, 302), response.status_code
    else:
        assert response.status_code == forbidden_status, response.status_code


@pytest.mark.parametrize("role", ROLES)
def test_space_page(client, community_world, community_upcoming, role):
    login(client, community_world, role)
    response = client.get(f"/dxq/community/spaces/{community_world.space.slug}/")
    _expect(response, role, role in READERS)
    if role in READERS:
        body = response.content.decode()
        assert "需要予測の勉強会" in body
        assert "山田 太郎" in body
        assert ("sessions/new" in body) is (role in MODERATORS)


@pytest.mark.parametrize("role", ROLES)
def test_spaces_list(client, community_world, role):
    login(client, community_world, role)
    response = client.get("/dxq/community/spaces/")
    _expect(response, role, True)
    if role != "anonymous":
        shown = community_world.space.name in response.content.decode()
        assert shown is (role in READERS)


@pytest.mark.parametrize("role", ROLES)
def test_session_page_shows_the_link_to_members_only(
    client, community_world, community_upcoming, role
):
    login(client, community_world, role)
    response = client.get(f"/dxq/community/sessions/{community_upcoming.pk}/")
    _expect(response, role, role in READERS)
    if role in READERS:
        body = response.content.decode()
        assert ("secret-room" in body) is (role in {"learner", "master", "operator", "staff"})
        assert "JST" in body


def test_session_time_is_shown_in_japan_time(client, community_world, community_upcoming):
    login(client, community_world, "learner")
    body = client.get(f"/dxq/community/sessions/{community_upcoming.pk}/").content.decode()
    local = study_sessions.local_time(community_upcoming.starts_at)
    assert local.strftime("%H:%M") in body


@pytest.mark.parametrize("role", ROLES)
def test_rsvp(client, community_world, community_upcoming, role):
    login(client, community_world, role)
    response = client.post(
        f"/dxq/community/sessions/{community_upcoming.pk}/rsvp/", {"status": "going"}
    )
    may = role in {"learner", "master", "operator", "staff"}
    _expect(response, role, role in READERS)
    assert community_upcoming.rsvps.filter(status=Rsvp.GOING).exists() is (
        may and role != "anonymous"
    )


def test_rsvp_when_full_explains_and_changes_nothing(client, community_world, community_upcoming):
    for role in ("master", "operator"):
        study_sessions.answer(community_upcoming, community_world.user(role), Rsvp.GOING)
    login(client, community_world, "learner")
    response = client.post(
        f"/dxq/community/sessions/{community_upcoming.pk}/rsvp/", {"status": "going"}, follow=True
    )
    assert "2" in response.content.decode()
    assert "dxq-message--error" in response.content.decode()
    assert study_sessions.answer_of(community_world.user("learner"), community_upcoming) is None


def test_rsvp_with_a_bad_status_says_so(client, community_world, community_upcoming):
    login(client, community_world, "learner")
    response = client.post(
        f"/dxq/community/sessions/{community_upcoming.pk}/rsvp/", {"status": "maybe"}, follow=True
    )
    assert "dxq-message--error" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_create_session_page(client, community_world, role):
    login(client, community_world, role)
    url = f"/dxq/community/spaces/{community_world.space.slug}/sessions/new/"
    data = {
        "title": "もくもく会",
        "date": "2030-01-10",
        "start": "20:00",
        "end": "21:00",
        "meeting_url": "https://meet.example.jp/m",
        "capacity": "",
    }
    response = client.post(url, data)
    if role in MODERATORS:
        assert response.status_code == 302
        assert StudySession.objects.filter(title="もくもく会").exists()
    else:
        _expect(response, role, False, 404 if role not in READERS else 403)
        assert not StudySession.objects.filter(title="もくもく会").exists()


def test_failed_create_keeps_what_was_typed(client, community_world):
    login(client, community_world, "master")
    url = f"/dxq/community/spaces/{community_world.space.slug}/sessions/new/"
    response = client.post(
        url,
        {
            "title": "未完成の勉強会",
            "date": "2030-01-10",
            "start": "20:00",
            "end": "19:00",
            "meeting_url": "http://insecure",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "未完成の勉強会" in body
    assert "http://insecure" in body


@pytest.mark.parametrize("role", ROLES)
def test_attendance(client, community_world, community_past_session, role):
    login(client, community_world, role)
    learner = community_world.user("learner")
    response = client.post(
        f"/dxq/community/sessions/{community_past_session.pk}/attendance/",
        {"present": [learner.pk]},
    )
    if role == "learner":
        assert response.status_code == 403
    else:
        _expect(response, role, role in READERS, 404)
    assert (learner.pk in study_sessions.attendees(community_past_session)) is (role in MODERATORS)


def test_attendance_form_shown_to_the_host_after_start(
    client, community_world, community_past_session
):
    login(client, community_world, "master")
    assert (
        "present-"
        in client.get(f"/dxq/community/sessions/{community_past_session.pk}/").content.decode()
    )
    login(client, community_world, "learner")
    assert (
        "present-"
        not in client.get(f"/dxq/community/sessions/{community_past_session.pk}/").content.decode()
    )


@pytest.mark.parametrize("role", ROLES)
def test_ics_download(client, community_world, community_upcoming, role):
    login(client, community_world, role)
    response = client.get(f"/dxq/community/sessions/{community_upcoming.pk}/calendar.ics")
    _expect(response, role, role in READERS)
    if role in READERS:
        assert response["Content-Type"].startswith("text/calendar")
        assert b"BEGIN:VEVENT" in response.content


@pytest.mark.parametrize("role", ROLES)
def test_followup_thread_button(client, community_world, community_upcoming, role):
    login(client, community_world, role)
    response = client.post(f"/dxq/community/sessions/{community_upcoming.pk}/follow-up/")
    if role in MODERATORS:
        community_upcoming.refresh_from_db()
        assert community_upcoming.followup_thread_id
        assert response.status_code == 302
        assert (
            response["Location"] == f"/dxq/discussions/t/{community_upcoming.followup_thread_id}/"
        )
        thread = client.get(response["Location"])
        assert thread.status_code == 200
        assert community_upcoming.title in thread.content.decode()
        again = client.post(f"/dxq/community/sessions/{community_upcoming.pk}/follow-up/")
        assert again["Location"] == response["Location"]  # once only
    elif role == "learner":
        assert response.status_code == 403
    else:
        _expect(response, role, False)


@pytest.mark.parametrize("role", ROLES)
def test_notification_pages_are_personal(client, community_world, role):
    learner = community_world.user("learner")
    note = Notification.objects.create(
        user=learner, kind="mention", title="秘密の通知", url="/dxq/community/spaces/"
    )
    user = login(client, community_world, role)
    response = client.get("/dxq/community/notifications/")
    _expect(response, role, True)
    if user is not None:
        assert ("秘密の通知" in response.content.decode()) is (role == "learner")
        opened = client.get(f"/dxq/community/notifications/{note.pk}/open/")
        assert opened.status_code == (302 if role == "learner" else 404)
        assert client.get("/dxq/community/notifications/settings/").status_code == 200


def test_header_badge_counts_unread(client, community_world):
    learner = community_world.user("learner")
    api.notify([learner.pk], kind="reply", title="返信があります", url="/dxq/community/spaces/")
    login(client, community_world, "learner")
    body = client.get("/dxq/community/spaces/").content.decode()
    assert 'data-testid="unread-badge">1' in body
    client.post("/dxq/community/notifications/")
    assert 'data-testid="unread-badge"' not in client.get("/dxq/community/spaces/").content.decode()


def test_open_notification_never_redirects_off_site(client, community_world):
    learner = community_world.user("learner")
    note = Notification.objects.create(
        user=learner, kind="mention", title="x", url="https://evil.example/"
    )
    login(client, community_world, "learner")
    response = client.get(f"/dxq/community/notifications/{note.pk}/open/")
    assert response["Location"] == "/dxq/community/notifications/"


def test_preferences_form_saves_and_refuses_bad_values(client, community_world):
    login(client, community_world, "learner")
    data = {
        "mention": "digest",
        "answer": "immediate",
        "accepted": "off",
        "reply": "off",
        "session_reminder": "immediate",
        "escalation": "off",
        "digest": "off",
    }
    assert client.post("/dxq/community/notifications/settings/", data).status_code == 302
    from community_plugin import notifications

    assert notifications.preferences(community_world.user("learner"))["mention"] == "digest"
    bad = client.post("/dxq/community/notifications/settings/", {**data, "digest": "digest"})
    assert bad.status_code == 400


@pytest.mark.parametrize("role", ROLES)
def test_cancel_session(client, community_world, community_upcoming, role):
    login(client, community_world, role)
    response = client.post(f"/dxq/community/sessions/{community_upcoming.pk}/cancel/")
    if role == "learner":
        assert response.status_code == 403
    else:
        _expect(response, role, role in MODERATORS)
    community_upcoming.refresh_from_db()
    assert community_upcoming.cancelled is (role in MODERATORS)


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_space_and_session_pages_do_not_grow_queries_with_members(
    client, community_world, community_upcoming
):
    from django.contrib.auth import get_user_model

    login(client, community_world, "master")
    urls = [
        f"/dxq/community/spaces/{community_world.space.slug}/",
        f"/dxq/community/sessions/{community_upcoming.pk}/",
        "/dxq/community/spaces/",
    ]
    for url in urls:  # the first request of a session also writes the session
        client.get(url)
    before = [_queries(client, url) for url in urls]
    for n in range(30):
        user = get_user_model().objects.create_user(f"peer{n}", f"p{n}@example.jp", "pw")
        api.add_course_member(user.pk, community_world.space.course_key)
        study_sessions.answer(community_upcoming, user, Rsvp.INTERESTED)
    assert [_queries(client, url) for url in urls] == before

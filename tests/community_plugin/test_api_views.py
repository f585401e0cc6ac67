"""The REST API under /dxq/community/api/: the same permissions as the pages, per role."""

from datetime import timedelta

import pytest
from django.utils import timezone

from community_plugin import study_sessions
from community_plugin.models import Notification

from .world import MODERATORS, READERS, ROLES, login

API = "/dxq/community/api"


def _check(response, role, allowed, denied=404):
    if role == "anonymous":
        assert response.status_code == 403
    elif allowed:
        assert response.status_code in (200, 201), (response.status_code, response.content)
    else:
        assert response.status_code == denied, response.status_code


@pytest.mark.parametrize("role", ROLES)
def test_spaces(client, community_world, role):
    login(client, community_world, role)
    response = client.get(f"{API}/spaces/")
    _check(response, role, True)
    if role != "anonymous":
        slugs = {s["slug"] for s in response.json()}
        assert (community_world.space.slug in slugs) is (role in READERS)


@pytest.mark.parametrize("role", ROLES)
def test_space_detail_members_and_mentions(client, community_world, role):
    login(client, community_world, role)
    slug = community_world.space.slug
    for path in ("", "members/", "mentions/?q=lea"):
        _check(client.get(f"{API}/spaces/{slug}/{path}"), role, role in READERS)
    if role in READERS:
        detail = client.get(f"{API}/spaces/{slug}/").json()
        assert detail["can_moderate"] is (role in MODERATORS)
        members = client.get(f"{API}/spaces/{slug}/members/").json()
        assert members[0] == {
            "username": "master",
            "name": "コミュニティマスター",
            "role": "master",
        }
        assert client.get(f"{API}/spaces/{slug}/mentions/?q=lea").json()[0]["handle"] == "learner1"


@pytest.mark.parametrize("role", ROLES)
def test_sessions_list_and_detail(client, community_world, community_upcoming, role):
    login(client, community_world, role)
    response = client.get(f"{API}/spaces/{community_world.space.slug}/sessions/")
    _check(response, role, role in READERS)
    detail = client.get(f"{API}/sessions/{community_upcoming.pk}/")
    _check(detail, role, role in READERS)
    if role in READERS:
        assert response.json()["upcoming"][0]["title"] == "需要予測の勉強会"
        assert detail.json()["meeting_url"] == "https://meet.example.jp/secret-room"


@pytest.mark.parametrize("role", ROLES)
def test_create_session(client, community_world, role):
    login(client, community_world, role)
    starts = timezone.now() + timedelta(days=1)
    response = client.post(
        f"{API}/spaces/{community_world.space.slug}/sessions/",
        {
            "title": "API勉強会",
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=1)).isoformat(),
            "meeting_url": "https://meet.example.jp/api",
        },
        content_type="application/json",
    )
    if role in MODERATORS:
        assert response.status_code == 201
    elif role in READERS:
        assert response.status_code == 403
    else:
        _check(response, role, False)


def test_create_session_refuses_bad_input_in_japanese(client, community_world):
    login(client, community_world, "master")
    starts = timezone.now()
    response = client.post(
        f"{API}/spaces/{community_world.space.slug}/sessions/",
        {
            "title": "x",
            "starts_at": starts.isoformat(),
            "ends_at": starts.isoformat(),
            "meeting_url": "http://plain",
        },
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="ja",
    )
    assert response.status_code == 400
    assert "meeting_url" in response.json()


@pytest.mark.parametrize("role", ROLES)
def test_rsvp(client, community_world, community_upcoming, role):
    login(client, community_world, role)
    response = client.post(
        f"{API}/sessions/{community_upcoming.pk}/rsvp/",
        {"status": "interested"},
        content_type="application/json",
    )
    _check(response, role, role in READERS)
    if role in READERS:
        assert response.json()["my_answer"] == "interested"
        assert response.json()["counts"]["interested"] == 1


def test_rsvp_full_is_409_with_a_message(client, community_world, community_upcoming):
    for role in ("master", "operator"):  # the session takes two
        study_sessions.answer(community_upcoming, community_world.user(role), "going")
    login(client, community_world, "learner")
    response = client.post(
        f"{API}/sessions/{community_upcoming.pk}/rsvp/",
        {"status": "going"},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert "2" in response.json()["detail"]
    bad = client.post(
        f"{API}/sessions/{community_upcoming.pk}/rsvp/",
        {"status": "maybe"},
        content_type="application/json",
    )
    assert bad.status_code == 400


@pytest.mark.parametrize("role", ROLES)
def test_attendance(client, community_world, community_past_session, role):
    login(client, community_world, role)
    learner = community_world.user("learner")
    response = client.post(
        f"{API}/sessions/{community_past_session.pk}/attendance/",
        {"present": [learner.pk]},
        content_type="application/json",
    )
    if role == "learner":
        assert response.status_code == 403
    else:
        _check(response, role, role in MODERATORS)
    assert (learner.pk in study_sessions.attendees(community_past_session)) is (role in MODERATORS)


@pytest.mark.parametrize("role", ROLES)
def test_cancel(client, community_world, community_upcoming, role):
    study_sessions.answer(community_upcoming, community_world.user("learner"), "going")
    login(client, community_world, role)
    response = client.post(f"{API}/sessions/{community_upcoming.pk}/cancel/")
    if role == "learner":
        assert response.status_code == 403
    else:
        _check(response, role, role in MODERATORS)
    community_upcoming.refresh_from_db()
    assert community_upcoming.cancelled is (role in MODERATORS)
    told = Notification.objects.filter(
        user=community_world.user("learner"), kind="session_reminder"
    )
    assert told.exists() is (role in MODERATORS)
    if role in MODERATORS:
        assert response.json()["cancelled"] is True


@pytest.mark.parametrize("role", ROLES)
def test_followup_thread(client, community_world, community_upcoming, role):
    login(client, community_world, role)
    response = client.post(f"{API}/sessions/{community_upcoming.pk}/follow-up/")
    community_upcoming.refresh_from_db()
    if role == "learner":
        assert response.status_code == 403
    else:
        _check(response, role, role in MODERATORS)
    if role not in MODERATORS:
        assert community_upcoming.followup_thread_id is None
        return
    assert response.status_code == 201
    assert response.json() == {
        "thread": community_upcoming.followup_thread_id,
        "url": f"/dxq/discussions/t/{community_upcoming.followup_thread_id}/",
    }
    again = client.post(f"{API}/sessions/{community_upcoming.pk}/follow-up/")
    assert again.status_code == 200
    assert again.json()["thread"] == community_upcoming.followup_thread_id  # once only


@pytest.mark.parametrize("role", ROLES)
def test_notifications_and_preferences(client, community_world, role):
    learner = community_world.user("learner")
    note = Notification.objects.create(user=learner, kind="mention", title="通知A", url="/x/")
    login(client, community_world, role)
    listing = client.get(f"{API}/notifications/")
    _check(listing, role, True)
    read = client.post(f"{API}/notifications/{note.pk}/read/")
    prefs = client.get(f"{API}/preferences/")
    _check(prefs, role, True)
    if role == "learner":
        assert listing.json()["unread"] == 1
        assert listing.json()["results"][0]["title"] == "通知A"
        assert read.json() == {"marked": 1, "unread": 0}
    elif role != "anonymous":
        assert listing.json()["count"] == 0
        assert read.status_code == 404
    note.refresh_from_db()
    assert (note.read_at is not None) is (role == "learner")


def test_preferences_update_and_validation(client, community_world):
    login(client, community_world, "learner")
    ok = client.put(f"{API}/preferences/", {"mention": "off"}, content_type="application/json")
    assert ok.status_code == 200
    assert ok.json()["mention"] == "off"
    bad = client.put(
        f"{API}/preferences/", {"digest": "digest", "nope": "off"}, content_type="application/json"
    )
    assert bad.status_code == 400
    assert set(bad.json()) == {"digest", "nope"}
    assert client.post(f"{API}/notifications/read-all/").json()["marked"] == 0


def test_every_endpoint_is_in_the_openapi_schema():
    from drf_spectacular.generators import SchemaGenerator

    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    ours = {p for p in paths if p.startswith(API)}
    assert ours == {
        f"{API}/spaces/",
        f"{API}/spaces/{{slug}}/",
        f"{API}/spaces/{{slug}}/members/",
        f"{API}/spaces/{{slug}}/mentions/",
        f"{API}/spaces/{{slug}}/sessions/",
        f"{API}/sessions/{{id}}/",
        f"{API}/sessions/{{id}}/rsvp/",
        f"{API}/sessions/{{id}}/attendance/",
        f"{API}/sessions/{{id}}/cancel/",
        f"{API}/sessions/{{id}}/follow-up/",
        f"{API}/notifications/",
        f"{API}/notifications/read-all/",
        f"{API}/notifications/{{id}}/read/",
        f"{API}/preferences/",
    }
    assert set(paths[f"{API}/spaces/{{slug}}/sessions/"]) == {"get", "post"}

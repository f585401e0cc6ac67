"""The REST API: same permissions as the pages, per role; the OpenAPI schema."""

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from community_plugin.discussions import posting
from community_plugin.discussions.models import Thread

from .rest_client import API, as_user

pytestmark = pytest.mark.django_db


ROLES = ["learner1", "master", "operator", "admin", "company", "hub", "outsider"]
READERS = {"learner1", "master", "operator", "admin"}


def test_anonymous_gets_nothing(people, question):
    client = APIClient()
    for url in ("threads/", f"threads/{question.pk}/", "spaces/", "schema/", "skills/"):
        assert client.get(API + url).status_code == 403, url


@pytest.mark.parametrize("who", ROLES)
def test_reading_per_role(people, question, who):
    client = as_user(getattr(people, who))
    detail = client.get(f"{API}threads/{question.pk}/")
    listed = client.get(f"{API}threads/", {"space": people.space.slug})
    found = client.get(f"{API}threads/", {"q": "在庫回転率"})
    if who in READERS:
        assert detail.status_code == 200
        assert detail.json()["title"] == "在庫回転率の計算"
        assert [t["id"] for t in listed.json()["results"]] == [question.pk]
        assert [t["id"] for t in found.json()["results"]] == [question.pk]
    else:
        assert detail.status_code == 404
        assert listed.json()["results"] == []
        assert found.json()["results"] == []


@pytest.mark.parametrize("who", ROLES)
def test_posting_per_role(people, who):
    response = as_user(getattr(people, who)).post(
        f"{API}threads/",
        {"space": people.space.slug, "kind": "idea", "title": "API から", "body": "本文"},
        format="json",
    )
    assert response.status_code == (201 if who in READERS else 404)


def test_full_question_flow(people, question):
    replier = as_user(people.learner2)
    reply = replier.post(f"{API}threads/{question.pk}/posts/", {"body": "@learner1 こうです"})
    assert reply.status_code == 201
    post_id = reply.json()["id"]
    assert replier.post(f"{API}threads/{question.pk}/accept/", {"post": post_id}).status_code == 403
    asker = as_user(people.learner1)
    accepted = asker.post(f"{API}threads/{question.pk}/accept/", {"post": post_id}, format="json")
    assert accepted.status_code == 200
    assert accepted.json()["answered"] is True
    worked = as_user(people.master).post(
        f"{API}threads/{question.pk}/react/", {"kind": "worked", "post": post_id}
    )
    assert worked.json() == {"active": True}
    edited = replier.patch(f"{API}posts/{post_id}/", {"body": "直しました"}, format="json")
    assert edited.status_code == 200
    assert edited.json()["body_md"] == "直しました"
    assert (
        as_user(people.learner1).patch(f"{API}posts/{post_id}/", {"body": "x"}).status_code == 403
    )
    revisions = asker.get(f"{API}threads/{question.pk}/revisions/").json()
    assert [r["body_md"] for r in revisions] == ["@learner1 こうです"]
    sub = asker.post(f"{API}threads/{question.pk}/subscription/", {"state": "mute"})
    assert sub.json() == {"state": "mute"}


def test_invalid_input_gets_a_message_and_field(people, question):
    response = as_user(people.learner2).post(
        f"{API}threads/", {"space": people.space.slug, "kind": "idea", "title": " ", "body": "b"}
    )
    assert response.status_code == 400
    assert response.json()["field"] == "title"
    assert response.json()["detail"]


@override_settings(DXQ_DISCUSSIONS_POSTS_PER_MINUTE=1)
def test_rate_limit_is_429(people, question):
    response = as_user(people.learner1).post(f"{API}threads/{question.pk}/posts/", {"body": "x"})
    assert response.status_code == 429
    assert response.json()["detail"]


@pytest.mark.parametrize(
    ("who", "status"),
    [("learner2", 403), ("master", 200), ("operator", 200), ("company", 404), ("hub", 404)],
)
def test_moderation_per_role(people, question, who, status):
    response = as_user(getattr(people, who)).post(
        f"{API}threads/{question.pk}/moderate/", {"action": "pin"}
    )
    assert response.status_code == status
    assert Thread.objects.get(pk=question.pk).pinned is (status == 200)


def test_flag_queue_escalation_and_log(people, question):
    flagged = as_user(people.learner2).post(
        f"{API}threads/{question.pk}/flag/", {"reason": "off_topic"}
    )
    assert flagged.status_code == 201
    assert flagged.json() == {"hidden": False}
    assert as_user(people.learner2).get(f"{API}moderation/queue/").status_code == 403
    queue = as_user(people.master).get(f"{API}moderation/queue/").json()
    assert queue["flagged"] == [{"thread": question.pk, "post": None, "count": 1, "hidden": False}]
    escalation = as_user(people.master).post(
        f"{API}threads/{question.pk}/escalate/", {"reason": "運営へ"}
    )
    assert escalation.status_code == 201
    pk = escalation.json()["id"]
    assert as_user(people.master).post(f"{API}escalations/{pk}/resolve/").status_code == 404
    resolved = as_user(people.operator).post(
        f"{API}escalations/{pk}/resolve/", {"resolution": "ok"}
    )
    assert resolved.status_code == 200
    log = as_user(people.master).get(f"{API}moderation/log/").json()
    assert [entry["action"] for entry in log] == ["resolve", "escalate"]


def test_spaces_mentions_and_skills(people, question):
    client = as_user(people.learner1)
    slugs = {space["slug"] for space in client.get(f"{API}spaces/").json()}
    assert people.space.slug in slugs
    assert people.other.slug not in slugs
    targets = client.get(f"{API}spaces/{people.space.slug}/mentions/", {"q": "learner"}).json()
    assert "learner2" in {t["handle"] for t in targets}
    assert client.get(f"{API}spaces/{people.other.slug}/mentions/").status_code == 404
    skills = client.get(f"{API}skills/", HTTP_ACCEPT_LANGUAGE="ja").json()
    assert len(skills) == 49
    assert skills[0]["id"] == "dss-p/v1/BT-1-1"


def test_hidden_reply_bodies_stay_hidden_in_the_api(people, question):
    from community_plugin.discussions import moderation

    post = posting.reply(people.learner2, question, body="見せない本文")
    moderation.hide(people.master, question, post)
    rows = as_user(people.learner1).get(f"{API}threads/{question.pk}/posts/").json()
    assert rows[0]["hidden"] is True
    assert rows[0]["body_md"] == ""
    rows = as_user(people.master).get(f"{API}threads/{question.pk}/posts/").json()
    assert rows[0]["body_md"] == "見せない本文"


def test_schema_for_signed_in_people_without_warnings(people, recwarn, capsys):
    from drf_spectacular.drainage import GENERATOR_STATS

    GENERATOR_STATS.reset()
    response = as_user(people.learner1).get(f"{API}schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    paths = [p for p in schema["paths"] if p.startswith("/dxq/discussions/api/")]
    assert "/dxq/discussions/api/threads/{id}/accept/" in paths
    assert len(paths) >= 15
    problems = capsys.readouterr().err
    ours = [line for line in problems.splitlines() if "discussions" in line]
    assert ours == []
    assert not GENERATOR_STATS._warn_cache or not any(
        "discussions" in str(key) for key in GENERATOR_STATS._warn_cache
    )

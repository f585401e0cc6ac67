"""The REST API beyond the question flow: edits, replies by id, every moderation action, and
what each refusal answers (status and body)."""

import pytest
from django.conf import settings

from community_plugin.discussions import moderation, posting
from community_plugin.discussions.models import EditRevision, Flag, Post, Reaction, Thread

from .rest_client import API, as_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def reply(people, question):
    return posting.reply(people.learner2, question, body="金額の列を使います。")


@pytest.fixture
def elsewhere(people):
    """A reply in a thread of another course's space."""
    thread = posting.create_thread(
        people.outsider, people.other, kind="idea", title="別のコース", body="本文"
    )
    return posting.reply(people.outsider, thread, body="別の返信")


def test_the_author_edits_the_thread_and_nobody_else(people, question):
    url = f"{API}threads/{question.pk}/"
    edited = as_user(people.learner1).patch(
        url, {"title": "在庫回転率の求め方", "body": "直しました", "skills": ["dss-p/v1/DU-2-1"]}
    )
    assert edited.status_code == 200
    assert (edited.json()["title"], edited.json()["skills"]) == (
        "在庫回転率の求め方",
        ["dss-p/v1/DU-2-1"],
    )
    assert list(EditRevision.objects.values_list("title", flat=True)) == ["在庫回転率の計算"]
    refused = as_user(people.learner2).patch(url, {"title": "乗っ取り", "body": "x"})
    assert refused.status_code == 403
    assert refused.json()["detail"]
    assert as_user(people.outsider).patch(url, {"title": "t", "body": "b"}).status_code == 404
    empty = as_user(people.learner1).patch(url, {"title": "", "body": ""})
    assert (empty.status_code, empty.json()["field"]) == (400, "title")
    assert Thread.objects.get(pk=question.pk).title == "在庫回転率の求め方"


def test_a_reply_is_read_by_its_id_as_its_thread_allows(people, question, reply):
    url = f"{API}posts/{reply.pk}/"
    assert as_user(people.learner1).get(url).json()["body_md"] == "金額の列を使います。"
    assert as_user(people.outsider).get(url).status_code == 404
    assert as_user(people.company).get(url).status_code == 404
    missing = as_user(people.learner1).get(f"{API}posts/999999/")
    assert (missing.status_code, set(missing.json())) == (404, {"detail", "field"})


def test_a_hidden_reply_by_id_shows_its_text_to_its_author_and_moderators(people, question, reply):
    moderation.hide(people.master, question, reply)
    url = f"{API}posts/{reply.pk}/"
    seen = {
        who: as_user(getattr(people, who)).get(url).json()["body_md"]
        for who in ("learner1", "learner2", "master", "operator")
    }
    text = "金額の列を使います。"
    assert seen == {"learner1": "", "learner2": text, "master": text, "operator": text}


@pytest.mark.parametrize(
    ("who", "action", "data"),
    [
        ("learner2", "react", {"kind": "helpful"}),
        ("learner1", "accept", {}),
        ("learner2", "flag", {"reason": "spam"}),
        ("master", "moderate", {"action": "hide"}),
        ("master", "escalate", {"reason": "見てください"}),
    ],
)
def test_a_reply_of_another_thread_is_not_found(people, question, elsewhere, who, action, data):
    response = as_user(getattr(people, who)).post(
        f"{API}threads/{question.pk}/{action}/", {**data, "post": elsewhere.pk}, format="json"
    )
    assert response.status_code == 404
    assert set(response.json()) == {"detail", "field"}
    assert not Reaction.objects.exists()
    assert not Flag.objects.exists()
    assert not Post.objects.get(pk=elsewhere.pk).hidden
    assert Thread.objects.get(pk=question.pk).accepted_post_id is None


def test_the_asker_accepts_and_withdraws_with_null(people, question, reply):
    url = f"{API}threads/{question.pk}/accept/"
    asker = as_user(people.learner1)
    assert asker.post(url, {"post": reply.pk}, format="json").json()["answered"] is True
    withdrawn = asker.post(url, {"post": None}, format="json")
    assert (withdrawn.status_code, withdrawn.json()["answered"]) == (200, False)


def test_flags_refused_for_ones_own_post_and_twice(people, question):
    url = f"{API}threads/{question.pk}/flag/"
    own = as_user(people.learner1).post(url, {"reason": "spam"})
    assert own.status_code == 403
    assert own.json()["detail"]
    assert as_user(people.learner2).post(url, {"reason": "spam"}).status_code == 201
    again = as_user(people.learner2).post(url, {"reason": "rude"})
    assert again.status_code == 400
    assert again.json()["detail"]
    unknown = as_user(people.learner2).post(url, {"reason": "nope"})
    assert (unknown.status_code, list(unknown.json())) == (400, ["reason"])  # DRF's own body


def test_every_moderation_action(people, question, reply):
    master = as_user(people.master)
    url = f"{API}threads/{question.pk}/moderate/"

    def moderate(**data):
        response = master.post(url, data, format="json")
        assert response.status_code == 200, response.json()
        return response.json()

    moderate(action="hide", post=reply.pk, note="宣伝")
    assert Post.objects.get(pk=reply.pk).hidden
    moderate(action="restore", post=reply.pk)
    assert not Post.objects.get(pk=reply.pk).hidden
    as_user(people.learner2).post(f"{API}threads/{question.pk}/flag/", {"reason": "off_topic"})
    moderate(action="dismiss")
    assert not Flag.objects.filter(resolved__isnull=True).exists()
    assert moderate(action="pin")["pinned"] is True
    assert moderate(action="unpin")["pinned"] is False
    assert moderate(action="close")["closed"] is True
    assert moderate(action="reopen")["closed"] is False
    assert moderate(action="hide")["hidden"] is True
    assert moderate(action="restore")["hidden"] is False
    actions = [entry["action"] for entry in master.get(f"{API}moderation/log/").json()]
    assert actions == [
        "restore",
        "hide",
        "reopen",
        "close",
        "unpin",
        "pin",
        "dismiss",
        "restore",
        "hide",
    ]


def test_moving_a_thread(people, question):
    url = f"{API}threads/{question.pk}/moderate/"
    unknown = as_user(people.master).post(url, {"action": "move", "space": "no-such-space"})
    assert (unknown.status_code, unknown.json()["field"]) == (400, "space")
    assert unknown.json()["detail"]
    not_theirs = as_user(people.master).post(url, {"action": "move", "space": people.other.slug})
    assert not_theirs.status_code == 403
    moved = as_user(people.operator).post(url, {"action": "move", "space": people.other.slug})
    assert (moved.status_code, moved.json()["space"]) == (200, people.other.slug)
    assert Thread.objects.get(pk=question.pk).space_id == people.other.pk


def test_only_moderators_escalate_and_read_the_log(people, question):
    refused = as_user(people.learner2).post(
        f"{API}threads/{question.pk}/escalate/", {"reason": "運営へ"}
    )
    assert refused.status_code == 403
    assert refused.json()["detail"]
    log = as_user(people.learner2).get(f"{API}moderation/log/")
    assert (log.status_code, set(log.json())) == (403, {"detail", "field"})
    assert as_user(people.master).get(f"{API}moderation/log/").json() == []


@pytest.mark.parametrize(
    "action", ["react", "accept", "subscription", "flag", "moderate", "escalate", "posts"]
)
def test_anonymous_people_may_not_act(people, question, action):
    response = as_user(None).post(f"{API}threads/{question.pk}/{action}/", {})
    assert response.status_code == 403
    assert Thread.objects.get(pk=question.pk).reply_count == 0


def test_a_missing_escalation_is_not_found(people):
    response = as_user(people.operator).post(f"{API}escalations/999999/resolve/")
    assert (response.status_code, set(response.json())) == (404, {"detail", "field"})


def test_refusals_answer_in_the_persons_language_with_a_null_field(people):
    """Services raise English msgids; the API shows them translated (Japanese first)."""
    client = as_user(people.learner1)
    assert client.get(f"{API}spaces/no-such-space/mentions/").json() == {
        "detail": "スペースが見つかりません。",
        "field": None,
    }
    assert client.get(f"{API}posts/999999/").json() == {
        "detail": "返信が見つかりません。",
        "field": None,
    }
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get(f"{API}threads/999999/").json() == {
        "detail": "No such thread.",
        "field": None,
    }


def test_an_unreadable_thread_is_not_found_before_its_input_is_checked(people, question):
    response = as_user(people.outsider).post(
        f"{API}threads/{question.pk}/react/", {"kind": "no-such-kind"}
    )
    assert (response.status_code, set(response.json())) == (404, {"detail", "field"})

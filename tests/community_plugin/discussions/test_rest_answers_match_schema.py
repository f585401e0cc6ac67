"""Every discussions API operation answers what the OpenAPI schema says it answers.

test_rest_schema.py pins which components the schema names; this test calls each operation for
real and validates the JSON against the documented schema, so the two cannot drift apart.
"""

import pytest

from tests.community_plugin import openapi_answers

from .rest_client import API, as_user

pytestmark = pytest.mark.django_db


class Recorder:
    """Calls the API as someone and checks each answer against the schema."""

    def __init__(self):
        self.called = set()

    def __call__(self, user, method, url, data=None, status=200):
        client = as_user(user)
        call = getattr(client, method.lower())
        if method == "GET":
            response = call(API + url, data)
        else:
            response = call(API + url, data or {}, format="json")
        return openapi_answers.checked(
            response, api=API, url=url, method=method, status=status, called=self.called
        )


def test_every_operation_answers_as_documented(people, question):
    call = Recorder()
    learner, replier, master = people.learner1, people.learner2, people.master
    slug, pk = people.space.slug, question.pk

    call(learner, "GET", "spaces/")
    call(learner, "GET", f"spaces/{slug}/mentions/", {"q": "learner"})
    listed = call(learner, "GET", "threads/")
    assert [t["id"] for t in listed["results"]] == [pk]
    call(learner, "GET", "threads/", {"q": "在庫回転率", "space": slug, "page": 1})
    call(
        replier,
        "POST",
        "threads/",
        {"space": slug, "kind": "idea", "title": "案", "body": "本文"},
        201,
    )
    call(learner, "GET", f"threads/{pk}/")
    call(
        learner,
        "PATCH",
        f"threads/{pk}/",
        {"title": "在庫回転率の計算（追記）", "body": "質問です"},
    )
    reply = call(replier, "POST", f"threads/{pk}/posts/", {"body": "@learner1 こうです"}, 201)
    replies = call(learner, "GET", f"threads/{pk}/posts/")
    assert [p["id"] for p in replies] == [reply["id"]]
    call(replier, "PATCH", f"posts/{reply['id']}/", {"body": "@learner1 こうです（訂正）"})
    call(learner, "GET", f"posts/{reply['id']}/")
    revisions = call(learner, "GET", f"threads/{pk}/revisions/")
    assert len(revisions) == 2
    call(learner, "POST", f"threads/{pk}/react/", {"kind": "helpful", "post": reply["id"]})
    call(learner, "POST", f"threads/{pk}/accept/", {"post": reply["id"]})
    call(replier, "POST", f"threads/{pk}/subscription/", {"state": "mute"})
    call(replier, "POST", f"threads/{pk}/flag/", {"reason": "spam"}, 201)
    call(master, "POST", f"threads/{pk}/moderate/", {"action": "pin"})
    escalation = call(master, "POST", f"threads/{pk}/escalate/", {"reason": "確認を"}, 201)
    call(master, "GET", "moderation/queue/")
    call(master, "GET", "moderation/log/")
    call(people.operator, "POST", f"escalations/{escalation['id']}/resolve/", {"resolution": "済"})
    call(learner, "GET", "skills/")

    assert call.called == openapi_answers.operations_under(API), "an operation is not exercised"

"""Every community API operation answers what the OpenAPI schema says it answers."""

from datetime import timedelta

from django.utils import timezone

from community_plugin import notifications

from . import openapi_answers
from .world import login

API = "/dxq/community/api/"


class Recorder:
    """Calls the API as a role of the test world and checks each answer against the schema."""

    def __init__(self, client, world):
        self.client, self.world, self.called = client, world, set()

    def __call__(self, role, method, url, data=None, status=200):
        self.client.logout()
        login(self.client, self.world, role)
        call = getattr(self.client, method.lower())
        if method == "GET":
            response = call(API + url, data)
        else:
            response = call(API + url, data or {}, content_type="application/json")
        return openapi_answers.checked(
            response, api=API, url=url, method=method, status=status, called=self.called
        )


def test_every_operation_answers_as_documented(
    client, community_world, community_upcoming, community_past_session
):
    call = Recorder(client, community_world)
    slug, upcoming, past = (
        community_world.space.slug,
        community_upcoming.pk,
        community_past_session.pk,
    )
    learner = community_world.user("learner")
    for title in ("一件目", "二件目"):
        notifications.notify(
            [learner.pk], kind="mention", space=community_world.space, title=title, url="/"
        )

    call("learner", "GET", "spaces/")
    detail = call("learner", "GET", f"spaces/{slug}/")
    assert (detail["is_member"], detail["can_moderate"]) == (True, False)
    call("learner", "GET", f"spaces/{slug}/members/")
    call("learner", "GET", f"spaces/{slug}/mentions/", {"q": "lea"})
    call("learner", "GET", f"spaces/{slug}/sessions/")
    starts = timezone.now() + timedelta(days=1)
    session = {
        "title": "API勉強会",
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=1)).isoformat(),
    }
    call("master", "POST", f"spaces/{slug}/sessions/", session, 201)
    call("learner", "GET", f"sessions/{upcoming}/")
    call("learner", "POST", f"sessions/{upcoming}/rsvp/", {"status": "going"})
    call("master", "POST", f"sessions/{past}/attendance/", {"present": [learner.pk]})
    call("master", "POST", f"sessions/{upcoming}/follow-up/", status=201)
    call("master", "POST", f"sessions/{upcoming}/follow-up/")  # already there: 200, same thread
    call("master", "POST", f"sessions/{upcoming}/cancel/")
    listed = call("learner", "GET", "notifications/")
    assert listed["unread"] == listed["count"] >= 2
    marked = call("learner", "POST", f"notifications/{listed['results'][0]['id']}/read/")
    assert marked == {"marked": 1, "unread": listed["count"] - 1}
    call("learner", "POST", "notifications/read-all/")
    preferences = call("learner", "GET", "preferences/")
    assert preferences["mention"] == "immediate"
    call("learner", "PUT", "preferences/", {"mention": "digest"})
    changed = call("learner", "PATCH", "preferences/", {"reply": "off"})
    assert (changed["mention"], changed["reply"]) == ("digest", "off")

    assert call.called == openapi_answers.operations_under(API), "an operation is not exercised"

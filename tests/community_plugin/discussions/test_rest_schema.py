"""The OpenAPI schema of the discussions API: every operation, its input and its answers."""

from drf_spectacular.generators import SchemaGenerator

from .rest_client import API

#: (path, method): (request component, {status: response component}, parameter names)
OPERATIONS = {
    ("spaces/", "get"): (None, {"200": "[DiscussionSpace]"}, []),
    ("spaces/{slug}/mentions/", "get"): (None, {"200": "[DiscussionMention]"}, ["q", "slug"]),
    ("threads/", "get"): (
        None,
        {"200": "ThreadPage"},  # {count, page, pages, results}: not DRF's next/previous
        ["answered", "kind", "page", "q", "skill", "space"],
    ),
    ("threads/", "post"): ("ThreadCreate", {"201": "Thread"}, []),
    ("threads/{id}/", "get"): (None, {"200": "Thread"}, ["id"]),
    ("threads/{id}/", "patch"): ("PatchedThreadEdit", {"200": "Thread"}, ["id"]),
    ("threads/{id}/posts/", "get"): (None, {"200": "[Post]"}, ["id"]),  # every reply
    ("threads/{id}/posts/", "post"): ("Reply", {"201": "Post"}, ["id"]),
    ("threads/{id}/react/", "post"): ("Reaction", {"200": "ReactionResult"}, ["id"]),
    ("threads/{id}/accept/", "post"): ("Accept", {"200": "Thread"}, ["id"]),
    ("threads/{id}/subscription/", "post"): (
        "ThreadSubscription",
        {"200": "ThreadSubscription"},
        ["id"],
    ),
    ("threads/{id}/flag/", "post"): ("Flag", {"201": "FlagResult"}, ["id"]),
    ("threads/{id}/moderate/", "post"): ("Moderate", {"200": "Thread"}, ["id"]),
    ("threads/{id}/escalate/", "post"): ("Escalate", {"201": "Escalation"}, ["id"]),
    ("threads/{id}/revisions/", "get"): (None, {"200": "[Revision]"}, ["id"]),
    ("posts/{id}/", "get"): (None, {"200": "Post"}, ["id"]),
    ("posts/{id}/", "patch"): ("PatchedPostEdit", {"200": "Post"}, ["id"]),
    ("moderation/queue/", "get"): (None, {"200": "ModerationQueue"}, []),
    ("moderation/log/", "get"): (None, {"200": "[ModerationLog]"}, []),
    ("escalations/{id}/resolve/", "post"): ("EscalationResolve", {"200": "Escalation"}, ["id"]),
    ("skills/", "get"): (None, {"200": "[DiscussionSkill]"}, []),
}


def _component(content):
    """The component a request or response body refers to; ``[Name]`` for a list of them."""
    if not content:
        return None
    schema = content["application/json"]["schema"]
    if schema.get("type") == "array":
        return f"[{schema['items']['$ref'].rsplit('/', 1)[-1]}]"
    return schema["$ref"].rsplit("/", 1)[-1]


def test_every_operation_keeps_its_input_answers_and_parameters():
    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    found = {}
    for path, operations in paths.items():
        if not path.startswith(API):
            continue
        for method, operation in operations.items():
            request = (operation.get("requestBody") or {}).get("content")
            found[(path.removeprefix(API), method)] = (
                _component(request),
                {code: _component(r.get("content")) for code, r in operation["responses"].items()},
                sorted(p["name"] for p in operation.get("parameters", [])),
            )
    assert found == OPERATIONS

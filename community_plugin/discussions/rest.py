"""The discussions REST API (DRF): what the pages do, with the same permissions.

Mounted at ``/dxq/discussions/api/``; the OpenAPI schema of the whole suite is served at
``/dxq/discussions/api/schema/`` to signed-in people.
"""

import functools

from django.utils.translation import get_language
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from casestudy_xblock import skills as skill_standard
from community_plugin import api as community

from . import access, moderation, posting, reactions, reading
from . import serializers as s
from .errors import DiscussionError, Forbidden, Invalid, NotFound, RateLimited
from .models import EditRevision, Escalation, Post, Thread


class _Problem(APIException):
    def __init__(self, error, code):
        super().__init__({"detail": str(error.message), "field": error.field})
        self.status_code = code


_CODES = {
    NotFound: status.HTTP_404_NOT_FOUND,
    Forbidden: status.HTTP_403_FORBIDDEN,
    Invalid: status.HTTP_400_BAD_REQUEST,
    RateLimited: status.HTTP_429_TOO_MANY_REQUESTS,
}


def typed_errors(method):
    """Turn the services' typed errors into HTTP answers with a message in the user's language."""

    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        try:
            return method(*args, **kwargs)
        except DiscussionError as error:
            raise _Problem(error, _CODES.get(type(error), 400)) from None

    return wrapper


class Pages(PageNumberPagination):
    page_size = 20


def _post_in(thread, post_id):
    if post_id in (None, ""):
        return None
    post = Post.objects.filter(pk=post_id, thread=thread).select_related("author").first()
    if post is None:
        raise NotFound("No such reply.")
    return post


LIST_PARAMETERS = [
    OpenApiParameter("space", str, description="Slug of one space (default: every readable one)"),
    OpenApiParameter("q", str, description="Search words (Japanese or English)"),
    OpenApiParameter("kind", str, enum=["question", "idea", "showcase", "event"]),
    OpenApiParameter("skill", str, description="A DSS-P skill id"),
    OpenApiParameter("answered", str, enum=["yes", "no"]),
    OpenApiParameter("page", int),
]


class SpaceViewSet(viewsets.GenericViewSet):
    """Spaces the person may read."""

    serializer_class = s.DiscussionSpaceSerializer
    permission_classes = [permissions.IsAuthenticated]
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    def list(self, request):
        spaces = access.Viewer(request.user).spaces().order_by("kind", "name")
        return Response(s.DiscussionSpaceSerializer(spaces, many=True).data)

    @extend_schema(
        parameters=[OpenApiParameter("q", str)],
        responses=s.DiscussionMentionSerializer(many=True),
    )
    @action(detail=True, methods=["get"], serializer_class=s.DiscussionMentionSerializer)
    def mentions(self, request, slug=None):
        """Who can be @mentioned in the space (autocomplete)."""
        space = community.space_by_slug(slug)
        if space is None or not access.can_read(request.user, space):
            raise _Problem(NotFound("No such space."), 404)
        return Response(community.mention_targets(space, request.query_params.get("q", "")))


class ThreadViewSet(viewsets.GenericViewSet):
    """Threads: list and search, start, read, edit; replies, reactions, moderation."""

    serializer_class = s.ThreadSerializer
    queryset = Thread.objects.none()  # for the schema's path types; reads go through access
    permission_classes = [permissions.IsAuthenticated]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    pagination_class = Pages

    def _thread(self, pk):
        try:
            return access.get_thread(self.request.user, pk)
        except NotFound as error:
            raise _Problem(error, 404) from None

    @extend_schema(parameters=LIST_PARAMETERS, responses=s.ThreadSerializer(many=True))
    def list(self, request):
        filters = reading.Filters.from_query(request.query_params)
        viewer = access.Viewer(request.user)
        space_ids = None
        slug = request.query_params.get("space")
        if slug:
            space_ids = list(viewer.spaces().filter(slug=slug).values_list("pk", flat=True))
        page = reading.thread_list(viewer, space_ids, filters, request.query_params.get("page"), 20)
        return Response(
            {
                "count": page.paginator.count,
                "page": page.number,
                "pages": page.paginator.num_pages,
                "results": s.ThreadSerializer(page.object_list, many=True).data,
            }
        )

    @extend_schema(request=s.ThreadCreateSerializer, responses={201: s.ThreadSerializer})
    @typed_errors
    def create(self, request):
        data = s.ThreadCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        space = community.space_by_slug(data.validated_data["space"])
        if space is None or not access.can_read(request.user, space):
            raise NotFound("No such space.")
        thread = posting.create_thread(
            request.user,
            space,
            kind=data.validated_data["kind"],
            title=data.validated_data["title"],
            body=data.validated_data["body"],
            skills=data.validated_data["skills"],
            files=request.FILES.getlist("attachments"),
        )
        return Response(s.ThreadSerializer(thread).data, status=status.HTTP_201_CREATED)

    def retrieve(self, request, pk=None):
        return Response(s.ThreadSerializer(self._thread(pk)).data)

    @extend_schema(request=s.ThreadEditSerializer, responses=s.ThreadSerializer)
    @typed_errors
    def partial_update(self, request, pk=None):
        thread = self._thread(pk)
        data = s.ThreadEditSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        posting.edit_thread(
            request.user,
            thread,
            title=data.validated_data["title"],
            body=data.validated_data["body"],
            skills=data.validated_data.get("skills"),
        )
        return Response(s.ThreadSerializer(thread).data)

    @extend_schema(methods=["GET"], responses=s.PostSerializer(many=True))
    @extend_schema(methods=["POST"], request=s.ReplySerializer, responses={201: s.PostSerializer})
    @action(detail=True, methods=["get", "post"], serializer_class=s.PostSerializer)
    @typed_errors
    def posts(self, request, pk=None):
        """The replies of a thread (GET) or a new reply (POST)."""
        thread = self._thread(pk)
        context = {"request": request, "moderator": access.can_moderate(request.user, thread.space)}
        if request.method == "GET":
            posts = (
                Post.objects.filter(thread=thread)
                .select_related("author")
                .prefetch_related("attachments")
                .order_by("created")
            )
            return Response(s.PostSerializer(posts, many=True, context=context).data)
        data = s.ReplySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        post = posting.reply(
            request.user,
            thread,
            body=data.validated_data["body"],
            files=request.FILES.getlist("attachments"),
        )
        return Response(s.PostSerializer(post, context=context).data, status=201)

    @extend_schema(request=s.ReactionSerializer, responses=s.ReactionResultSerializer)
    @action(detail=True, methods=["post"], serializer_class=s.ReactionSerializer)
    @typed_errors
    def react(self, request, pk=None):
        """Toggle a reaction on the thread body or a reply."""
        thread = self._thread(pk)
        data = s.ReactionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        post = _post_in(thread, data.validated_data["post"])
        active = reactions.toggle(request.user, thread, post, data.validated_data["kind"])
        return Response({"active": active})

    @extend_schema(request=s.AcceptSerializer, responses=s.ThreadSerializer)
    @action(detail=True, methods=["post"], serializer_class=s.AcceptSerializer)
    @typed_errors
    def accept(self, request, pk=None):
        """The asker accepts a reply as the answer (post null withdraws it)."""
        thread = self._thread(pk)
        data = s.AcceptSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        reactions.accept(request.user, thread, _post_in(thread, data.validated_data["post"]))
        return Response(s.ThreadSerializer(thread).data)

    @extend_schema(request=s.ThreadSubscriptionSerializer, responses=s.ThreadSubscriptionSerializer)
    @action(detail=True, methods=["post"], serializer_class=s.ThreadSubscriptionSerializer)
    @typed_errors
    def subscription(self, request, pk=None):
        """Follow, mute, or neither."""
        thread = self._thread(pk)
        data = s.ThreadSubscriptionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        state = data.validated_data["state"]
        posting.set_subscription(request.user, thread, None if state == "none" else state)
        return Response({"state": state})

    @extend_schema(request=s.FlagSerializer, responses={201: s.FlagResultSerializer})
    @action(detail=True, methods=["post"], serializer_class=s.FlagSerializer)
    @typed_errors
    def flag(self, request, pk=None):
        """Report the thread body or a reply."""
        thread = self._thread(pk)
        data = s.FlagSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        post = _post_in(thread, data.validated_data["post"])
        hidden = moderation.flag(
            request.user, thread, post, data.validated_data["reason"], data.validated_data["note"]
        )
        return Response({"hidden": hidden}, status=201)

    @extend_schema(request=s.ModerateSerializer, responses=s.ThreadSerializer)
    @action(detail=True, methods=["post"], serializer_class=s.ModerateSerializer)
    @typed_errors
    def moderate(self, request, pk=None):
        """Community masters and operators: hide, restore, dismiss flags, pin, close, move."""
        thread = self._thread(pk)
        data = s.ModerateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        what, note = data.validated_data["action"], data.validated_data["note"]
        post = _post_in(thread, data.validated_data["post"])
        if what == "move":
            target = community.space_by_slug(data.validated_data["space"])
            if target is None:
                raise Invalid("No such space.", field="space")
            moderation.move(request.user, thread, target, note)
        elif what in ("hide", "restore", "dismiss"):
            getattr(moderation, what)(request.user, thread, post, note)
        elif what in ("pin", "unpin"):
            moderation.set_pinned(request.user, thread, what == "pin", note)
        else:
            moderation.set_closed(request.user, thread, what == "close", note)
        thread.refresh_from_db()
        return Response(s.ThreadSerializer(thread).data)

    @extend_schema(request=s.EscalateSerializer, responses={201: s.EscalationSerializer})
    @action(detail=True, methods=["post"], serializer_class=s.EscalateSerializer)
    @typed_errors
    def escalate(self, request, pk=None):
        """A community master hands the thread (or a reply) to the operators."""
        thread = self._thread(pk)
        data = s.EscalateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        post = _post_in(thread, data.validated_data["post"])
        escalation = moderation.escalate(request.user, thread, post, data.validated_data["reason"])
        return Response(s.EscalationSerializer(escalation).data, status=201)

    @extend_schema(responses=s.RevisionSerializer(many=True))
    @action(detail=True, methods=["get"], serializer_class=s.RevisionSerializer)
    def revisions(self, request, pk=None):
        """Earlier versions of the thread body and its replies."""
        thread = self._thread(pk)
        revisions = EditRevision.objects.filter(thread=thread).select_related("editor")
        return Response(s.RevisionSerializer(revisions, many=True).data)


class PostViewSet(viewsets.GenericViewSet):
    """One reply: read it, or edit it (its author)."""

    serializer_class = s.PostSerializer
    queryset = Post.objects.none()  # for the schema's path types; reads go through access
    permission_classes = [permissions.IsAuthenticated]

    @typed_errors
    def retrieve(self, request, pk=None):
        post = access.get_post(request.user, pk)
        context = {
            "request": request,
            "moderator": access.can_moderate(request.user, post.thread.space),
        }
        return Response(s.PostSerializer(post, context=context).data)

    @extend_schema(request=s.PostEditSerializer, responses=s.PostSerializer)
    @typed_errors
    def partial_update(self, request, pk=None):
        post = access.get_post(request.user, pk)
        data = s.PostEditSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        posting.edit_post(request.user, post, body=data.validated_data["body"])
        return Response(s.PostSerializer(post, context={"request": request}).data)


class ModerationQueueView(APIView):
    """What waits for a community master (flags) or an operator (flags and escalations)."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=s.ModerationQueueSerializer)
    def get(self, request):
        if not moderation.moderated_spaces(request.user):
            raise _Problem(Forbidden("Only community masters and operators can do this."), 403)
        return Response(s.ModerationQueueSerializer(moderation.queue(request.user)).data)


class ModerationLogView(APIView):
    """The moderation audit log of the spaces the person moderates."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=s.ModerationLogSerializer(many=True))
    def get(self, request):
        if not moderation.moderated_spaces(request.user):
            raise _Problem(Forbidden("Only community masters and operators can do this."), 403)
        return Response(s.ModerationLogSerializer(moderation.log_for(request.user), many=True).data)


class EscalationResolveView(APIView):
    """Operators close an escalation."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=s.EscalationResolveSerializer, responses=s.EscalationSerializer)
    @typed_errors
    def post(self, request, pk):
        escalation = Escalation.objects.filter(pk=pk, resolved__isnull=True).first()
        if escalation is None or not access.is_operator(request.user):
            raise NotFound("No such escalation.")
        data = s.EscalationResolveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        moderation.resolve(request.user, escalation, data.validated_data["resolution"])
        return Response(s.EscalationSerializer(escalation).data)


class SkillListView(APIView):
    """DSS-P skill items with names in the request's language (the tag picker)."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=s.DiscussionSkillSerializer(many=True))
    def get(self, request):
        lang = get_language() or "ja"
        items = [
            {"id": item.id, "name": item.name(lang), "category": item.id.rsplit("/", 1)[-1][:2]}
            for item in skill_standard.all()
        ]
        return Response(items)

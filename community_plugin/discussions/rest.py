"""The discussions REST API (DRF): what the pages do, with the same permissions.

Mounted at ``/dxq/discussions/api/``; the OpenAPI schema of the whole suite is served at
``/dxq/discussions/api/schema/`` to signed-in people.
"""

import functools

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException
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
    """A typed error as an HTTP answer: ``{"detail": message, "field": name or null}``.

    The message is shown in the person's language: services may raise an English msgid
    (see :mod:`.errors`), translated here where it is shown.
    """

    def __init__(self, error, code):
        super().__init__()
        # Set after __init__: APIException would turn every value, None too, into a string.
        self.detail = {"detail": error.shown(_), "field": error.field}
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


#: Threads per page of the API's list (the pages use DXQ_DISCUSSIONS_PAGE_SIZE).
THREADS_PER_PAGE = 20


def _checked(serializer_class, request):
    """The request's input as ``serializer_class`` validates it (DRF's 400 when it is wrong)."""
    data = serializer_class(data=request.data)
    data.is_valid(raise_exception=True)
    return data.validated_data


def _readable_space(user, slug):
    """The space ``slug`` if ``user`` may read it, else :class:`NotFound`."""
    space = community.space_by_slug(slug)
    if space is None or not access.can_read(user, space):
        raise NotFound(_("No such space."))
    return space


def thread_action(takes, responses):
    """A POST on a thread the person may read, taking the input ``takes`` validates.

    The method is called as ``method(self, request, thread, data)`` and says only what the
    action does: the thread is looked up first (404 when it is not readable), then the input is
    checked (DRF's 400), and the services' typed errors become HTTP answers. ``responses`` is
    the schema's.
    """

    def decorate(method):
        @functools.wraps(method)
        def view(self, request, pk=None):
            thread = self._thread(pk)
            return method(self, request, thread, _checked(takes, request))

        routed = action(detail=True, methods=["post"], serializer_class=takes)(typed_errors(view))
        return extend_schema(request=takes, responses=responses)(routed)

    return decorate


class ModeratesASpace(permissions.BasePermission):
    """Community masters of a readable space, and operators (403 with our body otherwise)."""

    def has_permission(self, request, view):
        if not moderation.moderated_spaces(request.user):
            raise _Problem(Forbidden(_("Only community masters and operators can do this.")), 403)
        return True


def _post_in(thread, post_id):
    if post_id in (None, ""):
        return None
    post = Post.objects.filter(pk=post_id, thread=thread).select_related("author").first()
    if post is None:
        raise NotFound(_("No such reply."))
    return post


LIST_PARAMETERS = [
    OpenApiParameter("space", str, description="Slug of one space (default: every readable one)"),
    OpenApiParameter("q", str, description="Search words (Japanese or English)"),
    OpenApiParameter("kind", str, enum=["question", "idea", "showcase", "event"]),
    OpenApiParameter("skill", str, description="A DSS-P skill id"),
    OpenApiParameter("answered", str, enum=["yes", "no"]),
    OpenApiParameter("page", int, description="Page number, from 1 (past the end: the last page)"),
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
    @typed_errors
    def mentions(self, request, slug=None):
        """Who can be @mentioned in the space (autocomplete)."""
        space = _readable_space(request.user, slug)
        return Response(community.mention_targets(space, request.query_params.get("q", "")))


class ThreadViewSet(viewsets.GenericViewSet):
    """Threads: list and search, start, read, edit; replies, reactions, moderation."""

    serializer_class = s.ThreadSerializer
    queryset = Thread.objects.none()  # for the schema's path types; reads go through access
    permission_classes = [permissions.IsAuthenticated]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    # The list pages itself ({count, page, pages, results}); replies and revisions come whole.
    pagination_class = None

    def _thread(self, pk):
        try:
            return access.get_thread(self.request.user, pk)
        except NotFound as error:
            raise _Problem(error, 404) from None

    @extend_schema(parameters=LIST_PARAMETERS, responses=s.ThreadPageSerializer)
    def list(self, request):
        filters = reading.Filters.from_query(request.query_params)
        viewer = access.Viewer(request.user)
        space_ids = None
        slug = request.query_params.get("space")
        if slug:
            space_ids = list(viewer.spaces().filter(slug=slug).values_list("pk", flat=True))
        page = reading.thread_list(
            viewer, space_ids, filters, request.query_params.get("page"), THREADS_PER_PAGE
        )
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
        data = _checked(s.ThreadCreateSerializer, request)
        thread = posting.create_thread(
            request.user,
            _readable_space(request.user, data["space"]),
            kind=data["kind"],
            title=data["title"],
            body=data["body"],
            skills=data["skills"],
            files=request.FILES.getlist("attachments"),
        )
        return Response(s.ThreadSerializer(thread).data, status=status.HTTP_201_CREATED)

    def retrieve(self, request, pk=None):
        return Response(s.ThreadSerializer(self._thread(pk)).data)

    @extend_schema(request=s.ThreadEditSerializer, responses=s.ThreadSerializer)
    @typed_errors
    def partial_update(self, request, pk=None):
        thread = self._thread(pk)
        data = _checked(s.ThreadEditSerializer, request)
        posting.edit_thread(
            request.user, thread, title=data["title"], body=data["body"], skills=data.get("skills")
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
        data = _checked(s.ReplySerializer, request)
        post = posting.reply(
            request.user, thread, body=data["body"], files=request.FILES.getlist("attachments")
        )
        return Response(s.PostSerializer(post, context=context).data, status=201)

    @thread_action(s.ReactionSerializer, responses=s.ReactionResultSerializer)
    def react(self, request, thread, data):
        """Toggle a reaction on the thread body or a reply."""
        post = _post_in(thread, data["post"])
        return Response({"active": reactions.toggle(request.user, thread, post, data["kind"])})

    @thread_action(s.AcceptSerializer, responses=s.ThreadSerializer)
    def accept(self, request, thread, data):
        """The asker accepts a reply as the answer (post null withdraws it)."""
        reactions.accept(request.user, thread, _post_in(thread, data["post"]))
        return Response(s.ThreadSerializer(thread).data)

    @thread_action(s.ThreadSubscriptionSerializer, responses=s.ThreadSubscriptionSerializer)
    def subscription(self, request, thread, data):
        """Follow, mute, or neither."""
        state = data["state"]
        posting.set_subscription(request.user, thread, None if state == "none" else state)
        return Response({"state": state})

    @thread_action(s.FlagSerializer, responses={201: s.FlagResultSerializer})
    def flag(self, request, thread, data):
        """Report the thread body or a reply."""
        post = _post_in(thread, data["post"])
        hidden = moderation.flag(request.user, thread, post, data["reason"], data["note"])
        return Response({"hidden": hidden}, status=201)

    @thread_action(s.ModerateSerializer, responses=s.ThreadSerializer)
    def moderate(self, request, thread, data):
        """Community masters and operators: hide, restore, dismiss flags, pin, close, move."""
        what, note = data["action"], data["note"]
        post = _post_in(thread, data["post"])
        if what == "move":
            target = community.space_by_slug(data["space"])
            if target is None:
                raise Invalid(_("No such space."), field="space")
            moderation.move(request.user, thread, target, note)
        elif what in ("hide", "restore", "dismiss"):
            getattr(moderation, what)(request.user, thread, post, note)
        elif what in ("pin", "unpin"):
            moderation.set_pinned(request.user, thread, what == "pin", note)
        else:
            moderation.set_closed(request.user, thread, what == "close", note)
        thread.refresh_from_db()
        return Response(s.ThreadSerializer(thread).data)

    @thread_action(s.EscalateSerializer, responses={201: s.EscalationSerializer})
    def escalate(self, request, thread, data):
        """A community master hands the thread (or a reply) to the operators."""
        post = _post_in(thread, data["post"])
        escalation = moderation.escalate(request.user, thread, post, data["reason"])
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
        posting.edit_post(request.user, post, body=_checked(s.PostEditSerializer, request)["body"])
        return Response(s.PostSerializer(post, context={"request": request}).data)


class ModerationQueueView(APIView):
    """What waits for a community master (flags) or an operator (flags and escalations)."""

    permission_classes = [permissions.IsAuthenticated, ModeratesASpace]

    @extend_schema(responses=s.ModerationQueueSerializer)
    def get(self, request):
        return Response(s.ModerationQueueSerializer(moderation.queue(request.user)).data)


class ModerationLogView(APIView):
    """The moderation audit log of the spaces the person moderates."""

    permission_classes = [permissions.IsAuthenticated, ModeratesASpace]

    @extend_schema(responses=s.ModerationLogSerializer(many=True))
    def get(self, request):
        return Response(s.ModerationLogSerializer(moderation.log_for(request.user), many=True).data)


class EscalationResolveView(APIView):
    """Operators close an escalation."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=s.EscalationResolveSerializer, responses=s.EscalationSerializer)
    @typed_errors
    def post(self, request, pk):
        escalation = Escalation.objects.filter(pk=pk, resolved__isnull=True).first()
        if escalation is None or not access.is_operator(request.user):
            raise NotFound(_("No such escalation."))
        data = _checked(s.EscalationResolveSerializer, request)
        moderation.resolve(request.user, escalation, data["resolution"])
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

"""REST endpoints for the community pages, under ``dxq/community/api/``; same permissions.

Spaces a person may not read answer 404; actions by the wrong person answer 403; anonymous
requests answer 403 (session authentication, as in the LMS).
"""

from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from . import api, notifications, study_sessions
from .errors import NotAllowed, SessionClosed, SessionFull
from .models import Membership, StudySession
from .serializers import (
    PREFERENCES_CHANGE_SCHEMA,
    PREFERENCES_SCHEMA,
    AttendanceSerializer,
    MarkedReadSerializer,
    MemberSerializer,
    MentionTargetSerializer,
    NotificationPageSerializer,
    NotificationSerializer,
    PreferencesSerializer,
    RsvpSerializer,
    SessionSerializer,
    SpaceDetailSerializer,
    SpaceSerializer,
    session_data,
)


def _space(user, slug):
    space = api.space_by_slug(slug)
    if space is None or not api.can_read(user, space):
        raise Http404
    return space


def _session(user, pk):
    session = get_object_or_404(StudySession.objects.select_related("space", "host"), pk=pk)
    if not api.can_read(user, session.space):
        raise Http404
    return session


def _session_json(session, user):
    return session_data(
        session,
        user,
        study_sessions.counts(session),
        study_sessions.answer_of(user, session),
        study_sessions.can_see_link(user, session),
    )


class SpaceList(APIView):
    @extend_schema(responses=SpaceSerializer(many=True))
    def get(self, request):
        spaces = api.visible_spaces(request.user).annotate(member_count=Count("memberships"))
        return Response(SpaceSerializer(spaces.order_by("kind", "name"), many=True).data)


class SpaceDetail(APIView):
    @extend_schema(responses=SpaceDetailSerializer)
    def get(self, request, slug):
        space = _space(request.user, slug)
        space.member_count = space.memberships.count()
        space.is_member = api.is_member(request.user, space)
        space.is_master = api.is_community_master(request.user, space)
        space.can_moderate = api.can_moderate(request.user, space)
        return Response(SpaceDetailSerializer(space).data)


class SpaceMembers(APIView):
    @extend_schema(responses=MemberSerializer(many=True))
    def get(self, request, slug):
        space = _space(request.user, slug)
        rows = (
            Membership.objects.filter(space=space, user__is_active=True)
            .select_related("user")
            .order_by("role", "user__username")  # masters first
        )
        data = [
            {
                "username": m.user.username,
                "name": api.platform.display_name(m.user),
                "role": m.role,
            }
            for m in rows
        ]
        return Response(MemberSerializer(data, many=True).data)


class SpaceMentions(APIView):
    @extend_schema(responses=MentionTargetSerializer(many=True))
    def get(self, request, slug):
        space = _space(request.user, slug)
        return Response(api.mention_targets(space, request.query_params.get("q", "")))


class SpaceSessions(APIView):
    @extend_schema(
        responses=inline_serializer(
            "SpaceSessions",
            {
                "upcoming": SessionSerializer(many=True),
                "past": SessionSerializer(many=True),
            },
        )
    )
    def get(self, request, slug):
        space = _space(request.user, slug)
        now = timezone.now()
        return Response(
            {
                "upcoming": [
                    _session_json(s, request.user) for s in study_sessions.upcoming(space, now)
                ],
                "past": [
                    _session_json(s, request.user) for s in study_sessions.past(space, now)[:50]
                ],
            }
        )

    @extend_schema(request=SessionSerializer, responses={201: SessionSerializer})
    def post(self, request, slug):
        space = _space(request.user, slug)
        if not study_sessions.can_create(request.user, space):
            raise PermissionDenied(
                _("Only community masters and operators can create study sessions.")
            )
        serializer = SessionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        session = study_sessions.create(space, request.user, **serializer.validated_data)
        return Response(_session_json(session, request.user), status=status.HTTP_201_CREATED)


class SessionDetail(APIView):
    @extend_schema(responses=SessionSerializer)
    def get(self, request, pk):
        return Response(_session_json(_session(request.user, pk), request.user))


class SessionRsvp(APIView):
    @extend_schema(request=RsvpSerializer, responses=SessionSerializer)
    def post(self, request, pk):
        session = _session(request.user, pk)
        serializer = RsvpSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            study_sessions.answer(session, request.user, serializer.validated_data["status"])
        except NotAllowed as error:
            raise PermissionDenied(str(error)) from error
        except (SessionFull, SessionClosed) as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        return Response(_session_json(session, request.user))


class SessionAttendance(APIView):
    @extend_schema(request=AttendanceSerializer, responses=AttendanceSerializer)
    def post(self, request, pk):
        session = _session(request.user, pk)
        serializer = AttendanceSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            study_sessions.take_attendance(
                session, request.user, serializer.validated_data["present"]
            )
        except NotAllowed as error:
            raise PermissionDenied(str(error)) from error
        except SessionClosed as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        return Response({"present": sorted(study_sessions.attendees(session))})


class SessionCancel(APIView):
    @extend_schema(request=None, responses=SessionSerializer)
    def post(self, request, pk):
        """Cancel the session (host, community masters, operators); those who answered are told."""
        session = _session(request.user, pk)
        try:
            study_sessions.cancel(session, request.user)
        except NotAllowed as error:
            raise PermissionDenied(str(error)) from error
        return Response(_session_json(session, request.user))


FOLLOWUP_THREAD = inline_serializer(
    "FollowupThread", {"thread": serializers.IntegerField(), "url": serializers.CharField()}
)


class SessionFollowup(APIView):
    @extend_schema(
        request=None,
        # 201 when opened now, 200 when it was there already (the same thread).
        responses={201: FOLLOWUP_THREAD, 200: FOLLOWUP_THREAD},
    )
    def post(self, request, pk):
        """Open the session's follow-up thread for notes in discussions (once)."""
        from community_plugin.discussions.api import DiscussionError, RateLimited

        session = _session(request.user, pk)
        if not study_sessions.can_manage(request.user, session):
            raise PermissionDenied(_("Only the host, community masters and operators can do this."))
        existed = bool(session.followup_thread_id)
        try:
            thread_id = study_sessions.create_followup_thread(session, request.user)
        except RateLimited as error:
            return Response({"detail": str(error)}, status=status.HTTP_429_TOO_MANY_REQUESTS)
        except DiscussionError as error:
            return Response({"detail": str(error)}, status=status.HTTP_400_BAD_REQUEST)
        return Response(
            {"thread": thread_id, "url": reverse("dxq_discussions:thread", args=[thread_id])},
            status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED,
        )


class NotificationPage(PageNumberPagination):
    page_size = 30


class NotificationList(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("page", int, description="Page number, from 1")],
        responses=NotificationPageSerializer,
    )
    def get(self, request):
        paginator = NotificationPage()
        page = paginator.paginate_queryset(notifications.list_for(request.user), request, view=self)
        response = paginator.get_paginated_response(NotificationSerializer(page, many=True).data)
        response.data["unread"] = notifications.unread_count(request.user)
        return response


class NotificationRead(APIView):
    @extend_schema(request=None, responses=MarkedReadSerializer)
    def post(self, request, pk=None):
        ids = None if pk is None else [pk]
        if pk is not None:
            get_object_or_404(notifications.list_for(request.user), pk=pk)
        changed = notifications.mark_read(request.user, ids)
        return Response({"marked": changed, "unread": notifications.unread_count(request.user)})


class Preferences(APIView):
    @extend_schema(responses=PREFERENCES_SCHEMA)
    def get(self, request):
        return Response(notifications.preferences(request.user))

    @extend_schema(request=PREFERENCES_CHANGE_SCHEMA, responses=PREFERENCES_SCHEMA)
    def put(self, request):
        serializer = PreferencesSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        for kind, value in serializer.validated_data.items():
            notifications.set_preference(request.user, kind, value)
        return Response(notifications.preferences(request.user))

    patch = put

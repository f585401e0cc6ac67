"""REST URLs of community_plugin, under ``dxq/community/api/``."""

from django.urls import path

from . import api_views as v

urlpatterns = [
    path("spaces/", v.SpaceList.as_view(), name="api-spaces"),
    path("spaces/<slug:slug>/", v.SpaceDetail.as_view(), name="api-space"),
    path("spaces/<slug:slug>/members/", v.SpaceMembers.as_view(), name="api-space-members"),
    path("spaces/<slug:slug>/mentions/", v.SpaceMentions.as_view(), name="api-space-mentions"),
    path("spaces/<slug:slug>/sessions/", v.SpaceSessions.as_view(), name="api-space-sessions"),
    path("sessions/<int:pk>/", v.SessionDetail.as_view(), name="api-session"),
    path("sessions/<int:pk>/rsvp/", v.SessionRsvp.as_view(), name="api-session-rsvp"),
    path(
        "sessions/<int:pk>/attendance/",
        v.SessionAttendance.as_view(),
        name="api-session-attendance",
    ),
    path("sessions/<int:pk>/cancel/", v.SessionCancel.as_view(), name="api-session-cancel"),
    path("sessions/<int:pk>/follow-up/", v.SessionFollowup.as_view(), name="api-session-followup"),
    path("notifications/", v.NotificationList.as_view(), name="api-notifications"),
    path("notifications/read-all/", v.NotificationRead.as_view(), name="api-notifications-read"),
    path(
        "notifications/<int:pk>/read/", v.NotificationRead.as_view(), name="api-notification-read"
    ),
    path("preferences/", v.Preferences.as_view(), name="api-preferences"),
]

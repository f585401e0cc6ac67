"""URLs of community_plugin, mounted by the plugin framework at ``dxq/community/``."""

from django.urls import include, path

from . import notification_views, views

app_name = "dxq_community"

urlpatterns = [
    path("spaces/", views.my_spaces, name="spaces"),
    path("spaces/<slug:slug>/", views.space_page, name="space"),
    path("spaces/<slug:slug>/sessions/new/", views.session_new, name="session_new"),
    path("sessions/<int:pk>/", views.session_page, name="session"),
    path("sessions/<int:pk>/rsvp/", views.session_rsvp, name="session_rsvp"),
    path("sessions/<int:pk>/attendance/", views.session_attendance, name="session_attendance"),
    path("sessions/<int:pk>/follow-up/", views.session_followup, name="session_followup"),
    path("sessions/<int:pk>/cancel/", views.session_cancel, name="session_cancel"),
    path("sessions/<int:pk>/calendar.ics", views.session_ics, name="session_ics"),
    path("notifications/", notification_views.notification_list, name="notifications"),
    path(
        "notifications/<int:pk>/open/",
        notification_views.notification_open,
        name="notification_open",
    ),
    path("notifications/settings/", notification_views.preferences, name="preferences"),
    path("unsubscribe/<str:token>/", notification_views.unsubscribe, name="unsubscribe"),
    path("api/", include("community_plugin.api_urls")),
]

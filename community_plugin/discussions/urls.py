"""URLs of community_plugin.discussions, mounted by the plugin framework at ``dxq/discussions/``."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.routers import SimpleRouter

from . import rest, views

app_name = "dxq_discussions"

router = SimpleRouter()
router.register("spaces", rest.SpaceViewSet, basename="api-space")
router.register("threads", rest.ThreadViewSet, basename="api-thread")
router.register("posts", rest.PostViewSet, basename="api-post")

urlpatterns = [
    path("", views.index, name="index"),
    path("s/<slug:slug>/", views.space_threads, name="space"),
    path("s/<slug:slug>/new/", views.new_thread, name="new"),
    path("t/<int:pk>/", views.thread_view, name="thread"),
    path("t/<int:pk>/action/", views.thread_action, name="action"),
    path("t/<int:pk>/edit/", views.edit_thread, name="edit_thread"),
    path("p/<int:pk>/edit/", views.edit_post, name="edit_post"),
    path("files/<int:pk>/", views.attachment, name="attachment"),
    path("moderation/", views.moderation_queue, name="moderation"),
    path(
        "api/schema/",
        SpectacularAPIView.as_view(permission_classes=[IsAuthenticated]),
        name="api-schema",
    ),
    path("api/moderation/queue/", rest.ModerationQueueView.as_view(), name="api-queue"),
    path("api/moderation/log/", rest.ModerationLogView.as_view(), name="api-log"),
    path(
        "api/escalations/<int:pk>/resolve/",
        rest.EscalationResolveView.as_view(),
        name="api-resolve",
    ),
    path("api/skills/", rest.SkillListView.as_view(), name="api-skills"),
    path("api/", include(router.urls)),
]

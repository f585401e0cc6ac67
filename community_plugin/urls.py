"""URLs of community_plugin, mounted by the plugin framework at ``dxq/community/``."""

from django.urls import path

from . import views

app_name = "dxq_community"

urlpatterns = [
    path("spaces/", views.my_spaces, name="spaces"),
]

"""URLs of matching_plugin, mounted by the plugin framework at ``dxq/matching/``."""

from django.urls import path

from . import views

app_name = "dxq_matching"

urlpatterns = [
    path("organization/", views.my_organization, name="organization"),
]

"""URLs of casestudy_xblock, mounted by the plugin framework at ``dxq/casestudy/``."""

from django.urls import include, path

from . import views

app_name = "dxq_casestudy"

urlpatterns = [
    path("skills/", views.skill_standard, name="skills"),
    path("skills/api/", views.skills_api, name="skills_api"),
    path("skills/mine/", views.my_skills, name="my_skills"),
    path("datasets/", include("casestudy_xblock.dataset_views")),
]

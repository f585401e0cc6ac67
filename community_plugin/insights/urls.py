"""URLs of community_plugin.insights, mounted by the plugin framework at ``dxq/insights/``."""

from django.urls import path, re_path

from .views import costs, dashboard, feedback, surveys

app_name = "dxq_insights"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    re_path(r"^dashboard\.(?P<fmt>csv|xlsx)$", dashboard.export, name="dashboard_export"),
    path("feedback/", feedback.send, name="feedback"),
    path("feedback/mine/", feedback.mine, name="my_feedback"),
    path("feedback/board/", feedback.board, name="feedback_board"),
    path("feedback/<int:pk>/", feedback.item, name="feedback_item"),
    path("you-said-we-did/", feedback.you_said_we_did, name="you_said_we_did"),
    path("surveys/", surveys.manage, name="surveys"),
    path("surveys/new/", surveys.edit, name="survey_new"),
    path("surveys/mine/", surveys.mine, name="my_surveys"),
    path("surveys/<int:pk>/", surveys.edit, name="survey_edit"),
    path("surveys/<int:pk>/questions/new/", surveys.question, name="question_new"),
    path("surveys/<int:pk>/questions/<int:question_pk>/", surveys.question, name="question_edit"),
    path("surveys/<int:pk>/results/", surveys.results, name="survey_results"),
    re_path(
        r"^surveys/(?P<pk>[0-9]+)/results\.(?P<fmt>csv|xlsx)$", surveys.export, name="survey_export"
    ),
    path("surveys/<int:pk>/remind/", surveys.remind, name="survey_remind"),
    path("s/<str:token>/", surveys.answer, name="answer"),
    path("costs/", costs.costs, name="costs"),
    path("costs/<str:kind>/<int:pk>/delete/", costs.delete, name="cost_delete"),
]

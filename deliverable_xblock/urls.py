"""URLs of deliverable_xblock, mounted by the plugin framework at ``dxq/deliverable/``."""

from django.urls import path

from . import views_operator

app_name = "dxq_deliverable"

urlpatterns = [
    path("operator/", views_operator.dashboard, name="operator_dashboard"),
    path("operator/<int:pk>/", views_operator.deliverable, name="operator_deliverable"),
    path("operator/<int:pk>/export.csv", views_operator.export_csv, name="operator_export_csv"),
    path("operator/<int:pk>/export.xlsx", views_operator.export_xlsx, name="operator_export_xlsx"),
    path(
        "operator/flags/<int:flag_id>/", views_operator.resolve_flag, name="operator_resolve_flag"
    ),
]

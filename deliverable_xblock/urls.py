"""URLs of deliverable_xblock, mounted by the plugin framework at ``dxq/deliverable/``."""

app_name = "dxq_deliverable"

urlpatterns = []

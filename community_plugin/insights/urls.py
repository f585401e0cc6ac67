"""URLs of community_plugin.insights, mounted by the plugin framework at ``dxq/insights/``."""

app_name = "dxq_insights"

urlpatterns = []

"""URLs of community_plugin.badges, mounted by the plugin framework at ``dxq/badges/``."""

app_name = "dxq_badges"

urlpatterns = []

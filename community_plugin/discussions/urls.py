"""URLs of community_plugin.discussions, mounted by the plugin framework at ``dxq/discussions/``."""

app_name = "dxq_discussions"

urlpatterns = []

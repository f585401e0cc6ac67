"""Pages of community_plugin.insights."""

"""Models of community_plugin.insights."""

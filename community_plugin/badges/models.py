"""Models of community_plugin.badges."""

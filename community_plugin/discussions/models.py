"""Models of community_plugin.discussions."""

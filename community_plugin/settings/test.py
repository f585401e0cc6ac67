"""Test settings for community_plugin: same as common."""


def plugin_settings(settings):
    """No test-only values for community_plugin."""
    return settings

"""Test settings for matching_plugin: same as common."""


def plugin_settings(settings):
    """No test-only values for matching_plugin."""
    return settings

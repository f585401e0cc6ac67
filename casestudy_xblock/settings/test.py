"""Test settings for casestudy_xblock: same as common."""


def plugin_settings(settings):
    """No test-only values for casestudy_xblock."""
    return settings

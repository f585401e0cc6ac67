"""test: same as common."""


def plugin_settings(settings):
    """No test-only values."""
    return settings

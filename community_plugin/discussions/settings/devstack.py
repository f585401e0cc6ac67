"""devstack: same as common."""


def plugin_settings(settings):
    """No devstack-only values."""
    return settings

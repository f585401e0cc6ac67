"""Devstack/Tutor dev: same as common; nothing differs yet."""


def plugin_settings(settings):
    """No devstack-only values for community_plugin."""
    return settings

"""Defaults for every environment. Production only derives values from these."""

from casestudy_xblock.settings.helpers import apply_defaults

#: Every setting community_plugin.badges reads, with its default.
DEFAULTS = {}


def plugin_settings(settings):
    """Add this app's defaults to the host project's settings."""
    apply_defaults(settings, DEFAULTS)
    # Messages live in the community_plugin catalogue (its settings add that locale dir).

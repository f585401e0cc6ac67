"""Defaults for every environment. Production only derives values from these."""

from casestudy_xblock.settings.helpers import add_locale_dir, apply_defaults

#: Every setting deliverable_xblock reads, with its default.
DEFAULTS = {}


def plugin_settings(settings):
    """Add this app's defaults to the host project's settings."""
    apply_defaults(settings, DEFAULTS)
    add_locale_dir(settings, __file__)

"""Defaults for every environment. Production only derives values from these."""

from casestudy_xblock.settings.helpers import add_locale_dir, apply_defaults

#: Every setting matching_plugin reads, with its default.
DEFAULTS = {
    # Hours a week a talent promises for the two-month collaboration (PROGRAM.md: 6+ hours).
    "DXQ_MATCHING_MIN_TALENT_HOURS_PER_WEEK": 6,
}


def plugin_settings(settings):
    """Add this package's defaults and Japanese catalogues to the host project's settings."""
    apply_defaults(settings, DEFAULTS)
    add_locale_dir(settings, __file__)

"""Defaults for every environment. Production only derives values from these."""

from casestudy_xblock.settings.helpers import add_locale_dir, apply_defaults

#: Every setting community_plugin reads, with its default.
DEFAULTS = {
    # The program-wide space every learner joins; cohort spaces follow course enrollment.
    "DXQ_COMMUNITY_PROGRAM_SPACE_SLUG": "program",
}


def plugin_settings(settings):
    """Add this package's defaults and Japanese catalogues to the host project's settings."""
    apply_defaults(settings, DEFAULTS)
    add_locale_dir(settings, __file__)

"""Defaults for every environment. Production only derives values from these."""

from .helpers import add_locale_dir, apply_defaults

#: Every setting casestudy_xblock reads, with its default.
DEFAULTS = {
    # Which edition of the DX Promotion Skill Standard tags and reports use by default.
    "DXQ_SKILL_STANDARD_EDITION": "v1",
}


def plugin_settings(settings):
    """Add this package's defaults and Japanese catalogues to the host project's settings."""
    apply_defaults(settings, DEFAULTS)
    add_locale_dir(settings, __file__)

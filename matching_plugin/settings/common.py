"""Defaults for every environment. Production only derives values from these."""

from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "conf" / "locale"


def plugin_settings(settings):
    """Add matching_plugin's defaults to the LMS/Studio (or standalone) settings module."""
    # Hours a week a talent promises for the two-month collaboration (PROGRAM.md: 6+ hours).
    settings.DXQ_MATCHING_MIN_TALENT_HOURS_PER_WEEK = getattr(
        settings, "DXQ_MATCHING_MIN_TALENT_HOURS_PER_WEEK", 6
    )
    # Our Japanese catalogues (conf/locale, Open edX's layout), found in the LMS as standalone.
    locale_paths = list(getattr(settings, "LOCALE_PATHS", []))
    if str(LOCALE_DIR) not in map(str, locale_paths):
        settings.LOCALE_PATHS = [*locale_paths, LOCALE_DIR]

"""Defaults for every environment. Production only derives values from these."""

from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "conf" / "locale"


def plugin_settings(settings):
    """Add community_plugin's defaults to the LMS/Studio (or standalone) settings module."""
    # The program-wide space every learner joins; cohort spaces follow course enrollment.
    settings.DXQ_COMMUNITY_PROGRAM_SPACE_SLUG = getattr(
        settings, "DXQ_COMMUNITY_PROGRAM_SPACE_SLUG", "program"
    )
    # Our Japanese catalogues (conf/locale, Open edX's layout), found in the LMS as standalone.
    locale_paths = list(getattr(settings, "LOCALE_PATHS", []))
    if str(LOCALE_DIR) not in map(str, locale_paths):
        settings.LOCALE_PATHS = [*locale_paths, LOCALE_DIR]

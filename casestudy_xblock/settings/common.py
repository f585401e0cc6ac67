"""Defaults for every environment. Production only derives values from these."""

from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "conf" / "locale"


def plugin_settings(settings):
    """Add casestudy_xblock's defaults to the LMS/Studio (or standalone) settings module."""
    # Which edition of the DX Promotion Skill Standard tags and reports use by default.
    settings.DXQ_SKILL_STANDARD_EDITION = getattr(settings, "DXQ_SKILL_STANDARD_EDITION", "v1")
    # Our Japanese catalogues (conf/locale, Open edX's layout), found in the LMS as standalone.
    locale_paths = list(getattr(settings, "LOCALE_PATHS", []))
    if str(LOCALE_DIR) not in map(str, locale_paths):
        settings.LOCALE_PATHS = [*locale_paths, LOCALE_DIR]

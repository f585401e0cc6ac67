"""Defaults for every environment. Production only derives values from these."""


def plugin_settings(settings):
    """Add casestudy_xblock's defaults to the LMS/Studio (or standalone) settings module."""
    # Which edition of the DX Promotion Skill Standard tags and reports use by default.
    settings.DXQ_SKILL_STANDARD_EDITION = getattr(settings, "DXQ_SKILL_STANDARD_EDITION", "v1")

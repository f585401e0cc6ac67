"""Defaults for every environment. Production only derives values from these."""


def plugin_settings(settings):
    """Add community_plugin's defaults to the LMS/Studio (or standalone) settings module."""
    # The program-wide space every learner joins; cohort spaces follow course enrollment.
    settings.DXQ_COMMUNITY_PROGRAM_SPACE_SLUG = getattr(
        settings, "DXQ_COMMUNITY_PROGRAM_SPACE_SLUG", "program"
    )

"""Defaults for every environment. Production only derives values from these."""


def plugin_settings(settings):
    """Add matching_plugin's defaults to the LMS/Studio (or standalone) settings module."""
    # Hours a week a talent promises for the two-month collaboration (PROGRAM.md: 6+ hours).
    settings.DXQ_MATCHING_MIN_TALENT_HOURS_PER_WEEK = getattr(
        settings, "DXQ_MATCHING_MIN_TALENT_HOURS_PER_WEEK", 6
    )

"""Defaults for every environment. Production only derives values from these."""

from celery.schedules import crontab

from casestudy_xblock.settings.helpers import apply_defaults

#: Every setting community_plugin.insights reads, with its default.
DEFAULTS = {
    # Feedback items one person may send per hour (spam protection).
    "DXQ_INSIGHTS_FEEDBACK_PER_HOUR": 10,
    # Days between two reminder emails of a survey.
    "DXQ_INSIGHTS_REMINDER_DAYS": 7,
    # Where links in emails point.
    "DXQ_INSIGHTS_SITE_URL": "http://127.0.0.1:8000",
    # Closed days the nightly rollup recomputes (late or backdated posts within them count).
    "DXQ_INSIGHTS_ROLLUP_REFRESH_DAYS": 3,
}

MIDDLEWARE = "community_plugin.insights.middleware.VisitMiddleware"

BEAT = {
    "dxq-insights-rollup-daily-activity": {
        "task": "dxq_insights.rollup_daily_activity",
        "schedule": crontab(hour=0, minute=20),
    },
    "dxq-insights-survey-reminders": {
        "task": "dxq_insights.remind_open_surveys",
        "schedule": crontab(hour=10, minute=0),
    },
}


def plugin_settings(settings):
    """Add this app's defaults, its visit recorder and its periodic tasks to the host's settings."""
    apply_defaults(settings, DEFAULTS)
    middleware = list(getattr(settings, "MIDDLEWARE", []))
    if MIDDLEWARE not in middleware:
        anchor = "django.contrib.auth.middleware.AuthenticationMiddleware"
        index = middleware.index(anchor) + 1 if anchor in middleware else len(middleware)
        middleware.insert(index, MIDDLEWARE)
        settings.MIDDLEWARE = middleware
    schedule = getattr(settings, "CELERY_BEAT_SCHEDULE", None)
    if schedule is None:
        schedule = settings.CELERY_BEAT_SCHEDULE = {}
    for name, entry in BEAT.items():
        schedule.setdefault(name, entry)
    # Messages live in the community_plugin catalogue (its settings add that locale dir).

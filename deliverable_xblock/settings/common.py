"""Defaults for every environment. Production only derives values from these."""

from casestudy_xblock.settings.helpers import add_locale_dir, apply_defaults

#: Every setting deliverable_xblock reads, with its default.
DEFAULTS = {
    # Coverage guarantee (ADR 0010): how often the beat task looks for at-risk submissions.
    "DXQ_PEER_COVERAGE_MINUTES": 15,
    # Seconds between a completed review and the re-grade that publishes final grades (the
    # reviews completed meanwhile share one run of the estimation).
    "DXQ_PEER_REGRADE_DELAY_SECONDS": 30,
    # Sender of "a submission needs your review" mails.
    "DXQ_PEER_MAIL_FROM": None,
}

BEAT_SCHEDULE = {
    "dxq-peer-coverage": {
        "task": "dxq.deliverable.check_coverage",
        "schedule": 60 * 15,  # every 15 minutes
    },
    "dxq-peer-regrade": {
        "task": "dxq.deliverable.regrade_all",
        "schedule": 60 * 60,  # hourly: re-estimate reviewers, publish final grades
    },
}


def plugin_settings(settings):
    """Add this app's defaults and its periodic tasks to the host project's settings."""
    apply_defaults(settings, DEFAULTS)
    add_locale_dir(settings, __file__)
    schedule = getattr(settings, "CELERY_BEAT_SCHEDULE", None)
    if schedule is None:
        schedule = settings.CELERY_BEAT_SCHEDULE = {}
    for name, entry in BEAT_SCHEDULE.items():
        schedule.setdefault(name, entry)

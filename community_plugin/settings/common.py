"""Defaults for every environment. Production only derives values from these."""

from casestudy_xblock.settings.helpers import add_locale_dir, apply_defaults

#: Every setting community_plugin reads, with its default.
DEFAULTS = {
    # The program-wide space every learner joins; cohort spaces follow course enrollment.
    "DXQ_COMMUNITY_PROGRAM_SPACE_SLUG": "program",
    # The alumni space: people who completed the program (fed by the badges app).
    "DXQ_COMMUNITY_ALUMNI_SPACE_SLUG": "alumni",
    # Study session times are shown in this zone (stored in UTC).
    "DXQ_COMMUNITY_TIME_ZONE": "Asia/Tokyo",
    # Where links in emails point (the LMS root URL in production).
    "DXQ_COMMUNITY_SITE_URL": "http://127.0.0.1:8000",
    "DXQ_COMMUNITY_FROM_EMAIL": "DX Quest <no-reply@dxquest.example>",
    # Membership CSV imports larger than this are refused (bytes).
    "DXQ_COMMUNITY_CSV_MAX_BYTES": 1_000_000,
}

#: Periodic tasks (celery beat): reconcile membership, session reminders, the weekly digest.
BEAT_SCHEDULE = {
    "dxq-community-reconcile": {
        "task": "dxq.community.reconcile_all",
        "schedule": 60 * 60 * 6,  # every six hours
    },
    "dxq-community-session-reminders": {
        "task": "dxq.community.send_session_reminders",
        "schedule": 60 * 10,  # every ten minutes: 24 h and 1 h reminders
    },
    "dxq-community-weekly-digest": {
        "task": "dxq.community.send_weekly_digests",
        "schedule": 60 * 60 * 24 * 7,  # weekly
    },
}

CONTEXT_PROCESSOR = "community_plugin.context_processors.notifications"


def plugin_settings(settings):
    """Add this package's defaults and Japanese catalogues to the host project's settings."""
    apply_defaults(settings, DEFAULTS)
    add_locale_dir(settings, __file__)
    schedule = getattr(settings, "CELERY_BEAT_SCHEDULE", None)
    if schedule is None:
        schedule = settings.CELERY_BEAT_SCHEDULE = {}
    for name, entry in BEAT_SCHEDULE.items():
        schedule.setdefault(name, entry)
    _add_context_processor(settings)
    _name_schema_enums(settings)


#: drf-spectacular names choice sets after their field; two fields called "kind" would get
#: hashed names ("Kind4bbEnum"). These give them names that say what they are.
ENUM_NAME_OVERRIDES = {
    "SpaceKindEnum": "community_plugin.models.spaces.Space.KIND_CHOICES",
    "ThreadKindEnum": "community_plugin.discussions.models.Thread.KIND_CHOICES",
}


def _name_schema_enums(settings):
    spectacular = dict(getattr(settings, "SPECTACULAR_SETTINGS", None) or {})
    overrides = dict(spectacular.get("ENUM_NAME_OVERRIDES") or {})
    for name, choices in ENUM_NAME_OVERRIDES.items():
        overrides.setdefault(name, choices)
    spectacular["ENUM_NAME_OVERRIDES"] = overrides
    settings.SPECTACULAR_SETTINGS = spectacular


def _add_context_processor(settings):
    """The unread-notification badge in the header needs its count on every page."""
    for template in getattr(settings, "TEMPLATES", []):
        if template.get("BACKEND") != "django.template.backends.django.DjangoTemplates":
            continue
        processors = template.setdefault("OPTIONS", {}).setdefault("context_processors", [])
        if CONTEXT_PROCESSOR not in processors:
            processors.append(CONTEXT_PROCESSOR)

"""Django app configuration: how Open edX (and the standalone project) loads this app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

_SETTINGS = {
    "common": {"relative_path": "settings.common"},
    "production": {"relative_path": "settings.production"},
    "devstack": {"relative_path": "settings.devstack"},
    "test": {"relative_path": "settings.test"},
}


_EVENTS = "openedx_events.learning.signals"
_RECEIVERS = [
    {
        "receiver_func_name": "on_course_passing_status_updated",
        "signal_path": f"{_EVENTS}.COURSE_PASSING_STATUS_UPDATED",
    },
    {
        "receiver_func_name": "on_certificate_created",
        "signal_path": f"{_EVENTS}.CERTIFICATE_CREATED",
    },
    {
        "receiver_func_name": "on_case_unit_completed",
        "signal_path": "casestudy_xblock.signals.case_unit_completed",
    },
    {
        "receiver_func_name": "on_deliverable_graded",
        "signal_path": "deliverable_xblock.signals.deliverable_graded",
    },
    *(
        {
            "receiver_func_name": f"on_{name}",
            "signal_path": f"community_plugin.badges.signals.{name}",
        }
        for name in (
            "case_study_completed",
            "deliverable_completed",
            "collaboration_completed",
            "community_contribution",
        )
    ),
]


class BadgesConfig(AppConfig):
    """Registered under ``lms.djangoapp`` and ``cms.djangoapp`` through edx-django-utils."""

    name = "community_plugin.badges"
    label = "dxq_badges"
    verbose_name = _("Open Badges")
    default_auto_field = "django.db.models.BigAutoField"

    plugin_app = {
        "url_config": {
            project: {"namespace": "dxq_badges", "regex": r"^dxq/badges/", "relative_path": "urls"}
            for project in ("lms.djangoapp", "cms.djangoapp")
        },
        "settings_config": {
            "lms.djangoapp": _SETTINGS,
            "cms.djangoapp": _SETTINGS,
        },
        "signals_config": {
            "lms.djangoapp": {"relative_path": "receivers", "receivers": _RECEIVERS},
        },
    }

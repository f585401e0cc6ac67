"""Django app configuration: how Open edX (and the standalone project) loads community_plugin."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

_SETTINGS = {
    "common": {"relative_path": "settings.common"},
    "production": {"relative_path": "settings.production"},
    "devstack": {"relative_path": "settings.devstack"},
    "test": {"relative_path": "settings.test"},
}


class CommunityConfig(AppConfig):
    """Registered under ``lms.djangoapp`` and ``cms.djangoapp`` through edx-django-utils."""

    name = "community_plugin"
    label = "dxq_community"
    verbose_name = _("Community")
    default_auto_field = "django.db.models.BigAutoField"

    plugin_app = {
        "url_config": {
            "lms.djangoapp": {
                "namespace": "dxq_community",
                "regex": r"^dxq/community/",
                "relative_path": "urls",
            },
            "cms.djangoapp": {
                "namespace": "dxq_community",
                "regex": r"^dxq/community/",
                "relative_path": "urls",
            },
        },
        "settings_config": {
            "lms.djangoapp": _SETTINGS,
            "cms.djangoapp": _SETTINGS,
        },
        "signals_config": {
            "lms.djangoapp": {
                "relative_path": "receivers",
                "receivers": [
                    {
                        "receiver_func_name": "on_course_enrollment_created",
                        "signal_path": "openedx_events.learning.signals.COURSE_ENROLLMENT_CREATED",
                    },
                    {
                        "receiver_func_name": "on_course_enrollment_changed",
                        "signal_path": "openedx_events.learning.signals.COURSE_ENROLLMENT_CHANGED",
                    },
                    {
                        "receiver_func_name": "on_course_unenrollment_completed",
                        "signal_path": (
                            "openedx_events.learning.signals.COURSE_UNENROLLMENT_COMPLETED"
                        ),
                    },
                    {
                        "receiver_func_name": "on_cohort_membership_changed",
                        "signal_path": "openedx_events.learning.signals.COHORT_MEMBERSHIP_CHANGED",
                    },
                ],
            },
        },
    }

    def ready(self):
        """Inside the LMS, team spaces follow Open edX team membership rows (``team_sync``)."""
        from . import platform, team_sync

        team_sync.connect(platform.team_membership_model())

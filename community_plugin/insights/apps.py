"""Django app configuration: how Open edX (and the standalone project) loads this app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

_SETTINGS = {
    "common": {"relative_path": "settings.common"},
    "production": {"relative_path": "settings.production"},
    "devstack": {"relative_path": "settings.devstack"},
    "test": {"relative_path": "settings.test"},
}


class InsightsConfig(AppConfig):
    """Registered under ``lms.djangoapp`` and ``cms.djangoapp`` through edx-django-utils."""

    name = "community_plugin.insights"
    label = "dxq_insights"
    verbose_name = _("Program insights")
    default_auto_field = "django.db.models.BigAutoField"

    plugin_app = {
        "url_config": {
            project: {
                "namespace": "dxq_insights",
                "regex": r"^dxq/insights/",
                "relative_path": "urls",
            }
            for project in ("lms.djangoapp", "cms.djangoapp")
        },
        "settings_config": {
            "lms.djangoapp": _SETTINGS,
            "cms.djangoapp": _SETTINGS,
        },
        "signals_config": {
            project: {"relative_path": "receivers", "receivers": []}
            for project in ("lms.djangoapp", "cms.djangoapp")
        },
    }

    def ready(self):
        from .receivers import connect_retirement

        connect_retirement()  # the LMS's account retirement (nothing to connect standalone)

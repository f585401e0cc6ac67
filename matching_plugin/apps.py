"""Django app configuration: how Open edX (and the standalone project) loads matching_plugin."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

_SETTINGS = {
    "common": {"relative_path": "settings.common"},
    "production": {"relative_path": "settings.production"},
    "devstack": {"relative_path": "settings.devstack"},
    "test": {"relative_path": "settings.test"},
}


class MatchingConfig(AppConfig):
    """Registered under ``lms.djangoapp`` and ``cms.djangoapp`` through edx-django-utils."""

    name = "matching_plugin"
    label = "dxq_matching"
    verbose_name = _("Company collaboration and matching")
    default_auto_field = "django.db.models.BigAutoField"

    plugin_app = {
        "url_config": {
            "lms.djangoapp": {
                "namespace": "dxq_matching",
                "regex": r"^dxq/matching/",
                "relative_path": "urls",
            },
            "cms.djangoapp": {
                "namespace": "dxq_matching",
                "regex": r"^dxq/matching/",
                "relative_path": "urls",
            },
        },
        "settings_config": {
            "lms.djangoapp": _SETTINGS,
            "cms.djangoapp": _SETTINGS,
        },
        "signals_config": {
            "lms.djangoapp": {"relative_path": "receivers", "receivers": []},
        },
    }

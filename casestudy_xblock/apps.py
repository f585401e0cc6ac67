"""Django app configuration: how Open edX (and the standalone project) loads casestudy_xblock."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

_SETTINGS = {
    "common": {"relative_path": "settings.common"},
    "production": {"relative_path": "settings.production"},
    "devstack": {"relative_path": "settings.devstack"},
    "test": {"relative_path": "settings.test"},
}


class CaseStudyConfig(AppConfig):
    """Registered under ``lms.djangoapp`` and ``cms.djangoapp`` through edx-django-utils."""

    name = "casestudy_xblock"
    label = "dxq_casestudy"
    verbose_name = _("Case studies")
    default_auto_field = "django.db.models.BigAutoField"

    plugin_app = {
        "url_config": {
            "lms.djangoapp": {
                "namespace": "dxq_casestudy",
                "regex": r"^dxq/casestudy/",
                "relative_path": "urls",
            },
            "cms.djangoapp": {
                "namespace": "dxq_casestudy",
                "regex": r"^dxq/casestudy/",
                "relative_path": "urls",
            },
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

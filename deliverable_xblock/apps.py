"""Django app configuration: how Open edX (and the standalone project) loads deliverable_xblock."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

_SETTINGS = {
    "common": {"relative_path": "settings.common"},
    "production": {"relative_path": "settings.production"},
    "devstack": {"relative_path": "settings.devstack"},
    "test": {"relative_path": "settings.test"},
}


class DeliverableConfig(AppConfig):
    """Registered under ``lms.djangoapp`` and ``cms.djangoapp`` through edx-django-utils."""

    name = "deliverable_xblock"
    label = "dxq_deliverable"
    verbose_name = _("Deliverables and peer review")
    default_auto_field = "django.db.models.BigAutoField"

    plugin_app = {
        "url_config": {
            project: {
                "namespace": "dxq_deliverable",
                "regex": r"^dxq/deliverable/",
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

"""The standalone portal: login, per-role home pages and demo accounts (not shipped to the LMS)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "conf.portal"
    label = "dxq_portal"
    verbose_name = _("DX Quest portal")

    def ready(self):
        """Connect the plugins' signal receivers, as edx-platform's plugins app does."""
        from edx_django_utils.plugins import connect_plugin_receivers

        from conf.settings.base import PROJECT_TYPE

        connect_plugin_receivers(PROJECT_TYPE)

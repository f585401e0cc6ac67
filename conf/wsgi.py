"""WSGI entry point for the standalone project."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conf.settings.dev")
application = get_wsgi_application()

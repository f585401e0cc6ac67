"""The standalone project's Celery app. In Open edX the LMS's own Celery app runs our tasks."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conf.settings.dev")

app = Celery("dxquest")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

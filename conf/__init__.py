"""The standalone DX Quest project: settings, URLs, demo accounts, requirements, Tutor plugin."""

from .celery import app as celery_app

__all__ = ["celery_app"]

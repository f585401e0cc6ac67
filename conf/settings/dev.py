"""The demo: SQLite and eager Celery unless DXQ_DATABASE_URL / DXQ_BROKER_URL say otherwise."""

import os

from edx_django_utils.plugins import add_plugins

from .base import *  # noqa: F401,F403
from .base import PROJECT_TYPE

DEBUG = os.environ.get("DXQ_DEBUG") == "1"  # off by default: the demo shows our own error pages
add_plugins(__name__, PROJECT_TYPE, "devstack")

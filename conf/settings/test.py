"""Test settings: the same project, fast password hashing, mail kept in memory.

The test database is a file (SQLite) or ``test_<name>`` (MariaDB) so that a real Celery worker
started by the test session can reach it; the session tells the worker its name through
``DXQ_TEST_DATABASE_NAME``.
"""

import os

from edx_django_utils.plugins import add_plugins

from .base import *  # noqa: F401,F403
from .base import DATABASES, PROJECT_TYPE, VAR_DIR

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # One file per test session, so two sessions on one machine never share it.
    DATABASES["default"].setdefault("TEST", {})["NAME"] = str(
        VAR_DIR / f"test_dxquest_{os.getpid()}.sqlite3"
    )
if os.environ.get("DXQ_TEST_DATABASE_NAME"):  # set for the Celery worker the tests start
    DATABASES["default"]["NAME"] = os.environ["DXQ_TEST_DATABASE_NAME"]

add_plugins(__name__, PROJECT_TYPE, "test")

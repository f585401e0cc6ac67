"""Settings shared by the standalone dev and test projects.

The three DX Quest packages are found and configured exactly as the LMS does it: through their
``lms.djangoapp`` entry points (``get_plugin_apps``) and their ``plugin_settings`` functions
(``add_plugins``). The package must therefore be installed (``pip install -e .``).
"""

import os
import warnings
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _
from edx_django_utils.plugins import add_plugins, get_plugin_apps

# fs (PyFilesystem2, XBlock's) warns on import that pkg_resources is deprecated; setuptools is
# pinned below 82 for it (conf/requirements/constraints.txt), as edx-platform does.
warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)

PROJECT_TYPE = "lms.djangoapp"
BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("DXQ_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)  # the SQLite database, media and logs live here

SECRET_KEY = os.environ.get("DXQ_SECRET_KEY", "dxq-standalone-not-for-production")
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "djpyfs",
    "workbench",
    # What the LMS already has: REST framework with an OpenAPI schema, and edx-submissions
    # (deliverables store learners' work through its API).
    "rest_framework",
    "drf_spectacular",
    "submissions",
    "conf.portal",
    *get_plugin_apps(PROJECT_TYPE),
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "conf.portal.middleware.JapaneseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "crum.CurrentRequestUserMiddleware",  # as in edx-platform: blocks read the request's user
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "conf.urls"
WSGI_APPLICATION = "conf.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "conf" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.static",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "casestudy_xblock.context_processors.user_display_name",
            ],
        },
    },
]

# Database: SQLite by default; DXQ_DATABASE_URL=mysql://root@127.0.0.1:3306/dxquest for MariaDB.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DXQ_DATABASE_URL", f"sqlite:///{VAR_DIR / 'dxquest.sqlite3'}"),
        conn_max_age=0,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.mysql":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"charset": "utf8mb4", "init_command": "SET sql_mode='STRICT_TRANS_TABLES'"}
    )
    DATABASES["default"]["TEST"] = {"CHARSET": "utf8mb4", "COLLATION": "utf8mb4_unicode_ci"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery: eager by default; DXQ_BROKER_URL=redis://127.0.0.1:6379/0 uses a real worker.
CELERY_BROKER_URL = os.environ.get("DXQ_BROKER_URL", "memory://")
CELERY_RESULT_BACKEND = os.environ.get(
    "DXQ_RESULT_BACKEND", CELERY_BROKER_URL.replace("memory://", "cache+memory://")
)
CELERY_TASK_ALWAYS_EAGER = "DXQ_BROKER_URL" not in os.environ
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Asia/Tokyo"
# Periodic tasks: each plugin's settings add theirs to this schedule (run `celery beat`).
CELERY_BEAT_SCHEDULE = {}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "DX Quest API",
    "DESCRIPTION": "The REST APIs of the DX Quest plugins (the same permissions as the pages).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
}

# Language: Japanese first, English from the switch in every page's header.
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("Japanese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "conf" / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Tokyo"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"

# Mail (notifications, digests, survey reminders, feedback replies). The standalone project
# writes each message to a file in var/mail/ unless an SMTP server is configured.
if os.environ.get("DXQ_SMTP_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["DXQ_SMTP_HOST"]
    EMAIL_PORT = int(os.environ.get("DXQ_SMTP_PORT", "25"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = os.environ.get(
    "DXQ_FROM_EMAIL", "マナビDX Quest <no-reply@dxquest.example.jp>"
)

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "login"

# xblock-sdk's workbench (where operators try blocks before placing them in Studio).
WORKBENCH = {"reset_state_on_restart": False, "services": {}}
DJFS = {"type": "osfs", "directory_root": str(VAR_DIR / "djpyfs"), "url_root": "/static/djpyfs"}
# xblock-sdk's own sample blocks need templates and services this project does not carry: the
# workbench lists only DX Quest's scenarios.
EXCLUDED_XBLOCKS = {
    "allscopes_demo",
    "attempts_scoreboard_demo",
    "equality_demo",
    "filethumbs",
    "helloworld_demo",
    "html_demo",
    "problem_demo",
    "sidebar_demo",
    "slider_demo",
    "textinput_demo",
    "thumbs",
    "view_counter_demo",
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "SAMEORIGIN"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Each DX Quest package adds its own defaults, as in the LMS.
add_plugins(__name__, PROJECT_TYPE, "common")

"""A settings module shaped like edx-platform's ``lms/envs``: it knows nothing of DX Quest and
finds the packages only through their entry points, as the LMS does."""

from edx_django_utils.plugins import add_plugins, get_plugin_apps

SECRET_KEY = "lms-like"
ROOT_URLCONF = "tests.integration.lms_like_urls"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # What edx-platform installs itself and our plugins rely on.
    "rest_framework",
    "submissions",
    *get_plugin_apps("lms.djangoapp"),
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
STATIC_URL = "/static/"
LANGUAGE_CODE = "ja"
USE_I18N = True
USE_TZ = True
ALLOWED_HOSTS = ["testserver"]
# What an operator puts in the LMS's YAML configuration; production settings derive from it.
ENV_TOKENS = {
    "DXQ_COMMUNITY_PROGRAM_SPACE_SLUG": "manabi-dx-quest",
    "DXQ_SKILL_STANDARD_EDITION": "v2",
}

add_plugins(__name__, "lms.djangoapp", "common")
add_plugins(__name__, "lms.djangoapp", "production")

"""Run in a fresh interpreter: load DX Quest the way the LMS does and print what got wired."""

import json
import os
import sys

os.environ["DJANGO_SETTINGS_MODULE"] = "tests.integration.lms_like_settings"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.urls import reverse  # noqa: E402
from edx_django_utils.plugins import connect_plugin_receivers, get_plugin_apps  # noqa: E402
from openedx_events.learning.signals import COURSE_ENROLLMENT_CREATED  # noqa: E402


def render_pages():
    """Status and <h1> of our pages rendered inside the LMS-shaped project (no portal there)."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    client = Client()
    client.force_login(get_user_model().objects.create_user("ren", password="x"))
    pages = {}
    for name in ("dxq_casestudy:skills", "dxq_community:spaces"):
        response = client.get(reverse(name))
        html = response.content.decode()
        heading = (
            html.split("<h1", 1)[-1].split(">", 1)[-1].split("<", 1)[0] if "<h1" in html else ""
        )
        pages[name] = {"status": response.status_code, "h1": heading.strip()}
    return pages


connect_plugin_receivers("lms.djangoapp")
receivers = [
    f"{func.__module__}.{func.__qualname__}"
    for func in (entry[1]() for entry in COURSE_ENROLLMENT_CREATED.receivers)
    if func is not None
]
json.dump(
    {
        "lms_apps": get_plugin_apps("lms.djangoapp"),
        "cms_apps": get_plugin_apps("cms.djangoapp"),
        "installed": [
            app for app in settings.INSTALLED_APPS if "_plugin" in app or "_xblock" in app
        ],
        "settings": {
            name: getattr(settings, name)
            for name in (
                "DXQ_SKILL_STANDARD_EDITION",
                "DXQ_COMMUNITY_PROGRAM_SPACE_SLUG",
                "DXQ_MATCHING_MIN_TALENT_HOURS_PER_WEEK",
            )
        },
        "urls": {
            "skills": reverse("dxq_casestudy:skills"),
            "spaces": reverse("dxq_community:spaces"),
            "organization": reverse("dxq_matching:organization"),
        },
        "enrollment_receivers": receivers,
        "pages": render_pages(),
    },
    sys.stdout,
)

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
            app for app in settings.INSTALLED_APPS if "_plugin" in app or "casestudy" in app
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
    },
    sys.stdout,
)

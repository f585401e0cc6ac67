"""DX Quest loads into an LMS-shaped project through the edx-django-utils plugin framework."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXPECTED_APPS = [
    "casestudy_xblock.apps.CaseStudyConfig",
    "community_plugin.apps.CommunityConfig",
    "community_plugin.badges.apps.BadgesConfig",
    "community_plugin.discussions.apps.DiscussionsConfig",
    "community_plugin.insights.apps.InsightsConfig",
    "deliverable_xblock.apps.DeliverableConfig",
    "matching_plugin.apps.MatchingConfig",
]


@pytest.fixture(scope="module")
def wired():
    """What a fresh interpreter wired after loading the plugins the LMS way."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "-m", "tests.integration.load_like_lms"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_entry_points_register_every_app_for_lms_and_studio(wired):
    assert sorted(wired["lms_apps"]) == EXPECTED_APPS
    assert sorted(wired["cms_apps"]) == EXPECTED_APPS
    assert sorted(wired["installed"]) == EXPECTED_APPS


def test_plugin_settings_apply_common_then_production(wired):
    assert wired["settings"]["DXQ_MATCHING_MIN_TALENT_HOURS_PER_WEEK"] == 6  # the default
    # ENV_TOKENS (the operator's YAML) override the common defaults in production.
    assert wired["settings"]["DXQ_COMMUNITY_PROGRAM_SPACE_SLUG"] == "manabi-dx-quest"
    assert wired["settings"]["DXQ_SKILL_STANDARD_EDITION"] == "v2"


def test_plugin_urls_are_mounted_under_dxq(wired):
    assert wired["urls"] == {
        "skills": "/dxq/casestudy/skills/",
        "spaces": "/dxq/community/spaces/",
        "organization": "/dxq/matching/organization/",
    }


def test_enrollment_event_receiver_is_connected(wired):
    assert (
        "community_plugin.receivers.on_course_enrollment_created" in wired["enrollment_receivers"]
    )


def test_pages_render_inside_the_lms_without_the_standalone_portal(wired):
    assert wired["pages"] == {
        "dxq_casestudy:skills": {"status": 200, "h1": "DX推進スキル標準"},
        "dxq_community:spaces": {"status": 200, "h1": "参加しているコミュニティ"},
    }

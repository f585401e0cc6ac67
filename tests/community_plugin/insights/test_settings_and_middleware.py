"""Plugin settings add the visit recorder and the beat schedule; visits are recorded daily."""

import pytest
from django.conf import settings
from django.test import Client

from community_plugin.insights.models import Visit


def test_plugin_settings():
    assert "community_plugin.insights.middleware.VisitMiddleware" in settings.MIDDLEWARE
    auth = settings.MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware")
    assert settings.MIDDLEWARE.index("community_plugin.insights.middleware.VisitMiddleware") > auth
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"dxq_insights.rollup_daily_activity", "dxq_insights.remind_open_surveys"} <= tasks


@pytest.mark.django_db
def test_a_signed_in_person_is_recorded_once_a_day(demo_accounts):
    client = Client()
    client.get("/dxq/insights/you-said-we-did/")
    assert not Visit.objects.exists()  # anonymous visitors are not recorded
    client.force_login(demo_accounts["learner1"])
    for _ in range(3):
        client.get("/dxq/insights/you-said-we-did/")
    assert Visit.objects.filter(user=demo_accounts["learner1"]).count() == 1

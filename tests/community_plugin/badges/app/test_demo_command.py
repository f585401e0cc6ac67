"""manage.py dxq_demo_badges: the demo issuer, classes and awards, idempotent."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from community_plugin.badges import api
from community_plugin.badges.models import Award, AwardRule, BadgeClass, Issuer


def test_demo_badges_are_loaded_once(demo_accounts, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("dxq_demo_badges")
    call_command("dxq_demo_badges")
    issuer = Issuer.objects.get(slug="dxq")
    assert issuer.name == "マナビDX Quest 事務局"
    assert issuer.keys.filter(retired_at__isnull=True).count() == 2
    names = set(BadgeClass.objects.values_list("name_ja", flat=True))
    assert names == {"ケーススタディ修了", "地域企業協働プログラム修了"}
    case = BadgeClass.objects.get(slug="dxq-case-study")
    assert case.skills
    assert case.image.name.endswith(".png")
    assert case.rules.filter(kind=AwardRule.CASE_COMPLETED, threshold=6).exists()
    learner1 = demo_accounts["learner1"]
    held = Award.objects.filter(recipient=learner1, revoked_at__isnull=True)
    assert held.count() == 2
    assert held.get(badge_class=case).evidence_narrative
    revoked = Award.objects.get(revoked_at__isnull=False)
    assert revoked.recipient == demo_accounts["learner2"]
    assert Award.objects.count() == 3
    for award in Award.objects.all():
        result = api.verify_award(award)
        assert result.valid == (not award.is_revoked), result.failed


def test_demo_needs_the_demo_accounts(db):
    with pytest.raises(CommandError, match="dxq_demo_accounts"):
        call_command("dxq_demo_badges")


def test_home_link_for_signed_in_people(demo_accounts):
    from django.contrib.auth.models import AnonymousUser

    assert api.home_links(AnonymousUser(), set()) == []
    links = api.home_links(demo_accounts["learner1"], {"learner"})
    assert [link["url"] for link in links] == ["/dxq/badges/mine/"]

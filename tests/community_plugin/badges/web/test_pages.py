"""The pages: "My badges" (downloads, LinkedIn, privacy switch) and the verification page, for
every role, in Japanese and English."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.urls import reverse

from community_plugin.badges import api
from community_plugin.badges.models import Award
from tests.community_plugin.badges.web.conftest import make_badge_class

pytestmark = pytest.mark.django_db

ROLES = ["admin", "operator", "learner1", "learner2", "company", "hub"]


def mine_url():
    return reverse("dxq_badges:mine")


def verify_url(award):
    return reverse("dxq_badges:verify", args=[award.public_id])


def privacy_url(award):
    return reverse("dxq_badges:privacy", args=[award.public_id])


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


# My badges ------------------------------------------------------------------------------------


def test_my_badges_needs_login(client):
    response = client.get(mine_url())
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize("username", ROLES)
def test_my_badges_for_every_role_shows_only_their_own(client_of, award, demo_accounts, username):
    response = client_of(demo_accounts[username]).get(mine_url())
    assert response.status_code == 200
    assert response.context["rows"] == []
    assert str(award.public_id) not in response.content.decode()


def test_my_badges_empty_state(client_of, learner):
    page = client_of(learner).get(mine_url()).content.decode()
    assert "バッジはまだありません" in page


def test_my_badges_lists_awards_with_downloads_and_linkedin(client_of, award, learner):
    response = client_of(learner).get(mine_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert award.badge_class.name_ja in page
    pid = str(award.public_id)
    for suffix in ("assertions/%s.png", "assertions/%s.svg", "assertions/%s.json"):
        assert "/dxq/badges/" + suffix % pid in page
    for suffix in (
        "assertions/%s.jws",
        "credentials/%s.png",
        "credentials/%s.svg",
        "credentials/%s.json",
    ):
        assert "/dxq/badges/" + suffix % pid in page
    assert f"/dxq/badges/credentials/{pid}.jwt" in page
    assert verify_url(award) in page
    row = response.context["rows"][0]
    link = urlsplit(row["linkedin_url"])
    assert (link.scheme, link.netloc, link.path) == ("https", "www.linkedin.com", "/profile/add")
    params = parse_qs(link.query)
    assert params["startTask"] == ["CERTIFICATION_NAME"]
    assert params["name"] == [award.badge_class.name_ja]
    assert params["organizationName"] == [award.issuer.name]
    assert params["issueYear"] == [str(award.issued_on.year)]
    assert params["issueMonth"] == [str(award.issued_on.month)]
    assert params["certUrl"] == [award.verify_url]
    assert params["certId"] == [pid]
    assert "expirationYear" not in params
    assert 'rel="noopener noreferrer"' in page


def test_my_badges_in_english_with_expiry(client_of, issuer, learner):
    yearly = make_badge_class(issuer, slug="yearly", expiry_days=365)
    award = api.award(yearly, learner, source="manual")
    response = english(client_of(learner)).get(mine_url())
    page = response.content.decode()
    assert "My badges" in page
    assert yearly.name_en in page
    params = parse_qs(urlsplit(response.context["rows"][0]["linkedin_url"]).query)
    assert params["name"] == [yearly.name_en]
    assert params["expirationYear"] == [str(award.expires.year)]


def test_my_badges_shows_only_own_awards(client_of, award, other_learner):
    page = client_of(other_learner).get(mine_url()).content.decode()
    assert str(award.public_id) not in page


def test_revoked_award_shows_status_without_downloads(client_of, award, learner):
    api.revoke(award, "誤発行")
    response = client_of(learner).get(mine_url())
    row = response.context["rows"][0]
    assert row["status"] == "revoked"
    assert row["downloads"] == []
    assert row["linkedin_url"] == ""
    page = response.content.decode()
    assert "失効" in page
    assert "誤発行" in page
    assert privacy_url(award) not in page


# privacy switch -------------------------------------------------------------------------------


def test_privacy_switch_by_owner(client_of, award, learner):
    client = client_of(learner)
    response = client.post(privacy_url(award), {"public": "0"})
    assert response.status_code == 302
    assert not Award.objects.get(pk=award.pk).public
    assert client.get(verify_url(award)).status_code == 200  # the owner still sees it
    follow = client.post(privacy_url(award), {"public": "1"}, follow=True)
    assert Award.objects.get(pk=award.pk).public
    assert "公開" in follow.content.decode()


def test_privacy_switch_needs_csrf(client_of, award, learner):
    client = client_of(learner, enforce_csrf_checks=True)
    assert client.post(privacy_url(award), {"public": "0"}).status_code == 403
    assert Award.objects.get(pk=award.pk).public


def test_privacy_switch_owner_only(client_of, award, other_learner, demo_accounts):
    assert client_of(other_learner).post(privacy_url(award), {"public": "0"}).status_code == 404
    admin = demo_accounts["admin"]
    assert client_of(admin).post(privacy_url(award), {"public": "0"}).status_code == 404
    anonymous = client_of().post(privacy_url(award), {"public": "0"})
    assert anonymous.status_code == 302
    assert Award.objects.get(pk=award.pk).public


def test_privacy_switch_get_and_bad_value(client_of, award, learner):
    client = client_of(learner)
    assert client.get(privacy_url(award)).status_code == 405
    response = client.post(privacy_url(award), {"public": "maybe"}, follow=True)
    assert "公開にするか非公開にするかを選んでください" in response.content.decode()
    assert Award.objects.get(pk=award.pk).public


# verification page ----------------------------------------------------------------------------


@pytest.mark.parametrize("username", [None, *ROLES])
def test_verification_page_for_every_role(client_of, award, demo_accounts, username):
    client = client_of(demo_accounts[username] if username else None)
    response = client.get(verify_url(award))
    assert response.status_code == 200
    page = response.content.decode()
    assert award.badge_class.name_ja in page
    assert response.context["status"] == "valid"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize("username", [None, "operator", "learner2", "company", "hub"])
def test_private_award_page_is_404_for_others(client_of, award, learner, demo_accounts, username):
    api.set_public(award, learner, False)
    client = client_of(demo_accounts[username] if username else None)
    assert client.get(verify_url(award)).status_code == 404


def test_private_award_page_for_owner_and_staff(client_of, award, learner, demo_accounts):
    api.set_public(award, learner, False)
    owner = client_of(learner).get(verify_url(award))
    assert owner.status_code == 200
    assert "非公開" in owner.content.decode()
    assert owner["X-Robots-Tag"] == "noindex"
    assert client_of(demo_accounts["admin"]).get(verify_url(award)).status_code == 200


def test_verification_page_lists_checks_and_content_in_japanese(client, award):
    response = client.get(verify_url(award))
    page = response.content.decode()
    names = [check.name for check in response.context["checks"]]
    assert {"proof", "jwt", "ob2_jws", "recipient", "status", "expiry"} <= set(names)
    assert all(check.ok for check in response.context["checks"])
    assert page.count('class="dxq-check--ok"') == len(names)
    assert "有効" in page
    badge = award.badge_class
    assert badge.criteria_ja in page
    assert badge.description_ja in page
    assert award.issuer.name in page
    assert "需要予測の成果物を提出。" in page
    assert award.evidence_url in page
    assert "ビジネス戦略策定・実行" in page  # DSS-P BT-1-1, linked to the skill standard
    assert reverse("dxq_casestudy:skills") + "?q=BT-1-1" in page
    assert 'lang="ja"' in page


def test_verification_page_in_english(client, award):
    page = english(client).get(verify_url(award)).content.decode()
    assert award.badge_class.name_en in page
    assert award.badge_class.criteria_en in page
    assert "Business strategy formulation and execution" in page
    assert "Valid" in page
    assert '<html lang="en">' in page


def test_verification_page_shows_revocation_at_once(client, award):
    assert client.get(verify_url(award)).context["status"] == "valid"
    api.revoke(award, "不正行為")
    response = client.get(verify_url(award))
    assert response.context["status"] == "revoked"
    page = response.content.decode()
    assert "不正行為" in page
    status_check = next(c for c in response.context["checks"] if c.name == "status")
    assert not status_check.ok


def test_verification_page_shows_expiry(client, issuer, learner):
    import datetime as dt

    from django.utils import timezone

    short = make_badge_class(issuer, slug="short", expiry_days=10)
    issued = timezone.now().replace(microsecond=0) - dt.timedelta(days=30)
    award = api.award(short, learner, source="manual", issued_on=issued)
    response = client.get(verify_url(award))
    assert response.context["status"] == "expired"
    assert "期限切れ" in response.content.decode()


def test_criteria_markdown_is_sanitised(client, issuer, learner):
    risky = make_badge_class(
        issuer,
        slug="risky",
        criteria_ja="**太字**<script>alert(1)</script>[リンク](javascript:alert(1))",
    )
    award = api.award(risky, learner, source="manual")
    page = client.get(verify_url(award)).content.decode()
    assert "<strong>太字</strong>" in page
    assert "<script>alert(1)" not in page
    assert 'href="javascript:' not in page


def test_verification_page_unknown_is_404(client):
    import uuid

    assert client.get(reverse("dxq_badges:verify", args=[uuid.uuid4()])).status_code == 404


def test_home_link_points_to_my_badges(learner, other_learner, badge_class):
    links = api.home_links(learner, {"learner"})
    assert [link["url"] for link in links] == [mine_url()]
    # No learner role and no badge (a company or hub user): no card.
    assert api.home_links(other_learner, {"company"}) == []
    # No learner role, but a badge earned (an Open edX learner outside dxq-learners): the card.
    api.award(badge_class, other_learner, source="manual")
    assert [link["url"] for link in api.home_links(other_learner, set())] == [mine_url()]

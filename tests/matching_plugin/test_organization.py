"""Company and hub users see the organization they act for; nobody else may."""

import pytest

from matching_plugin import api


def test_company_user_sees_company_and_its_hub(client, demo_accounts):
    client.force_login(demo_accounts["company"])
    page = client.get("/dxq/matching/organization/").content.decode()
    assert "みどり精密工業株式会社" in page
    assert "信州DX推進ハブ" in page
    assert "鈴木 一郎 (代表取締役)" in page


def test_hub_user_sees_the_companies_it_supports(client, demo_accounts):
    client.force_login(demo_accounts["hub"])
    page = client.get("/dxq/matching/organization/").content.decode()
    assert "信州DX推進ハブ" in page
    assert "みどり精密工業株式会社" in page


@pytest.mark.parametrize("username", ["learner1", "operator"])
def test_other_roles_are_refused(client, demo_accounts, username):
    client.force_login(demo_accounts[username])
    assert client.get("/dxq/matching/organization/").status_code == 403


def test_affiliate_is_idempotent(demo_accounts):
    hub_user = demo_accounts["hub"]
    first = api.affiliate(hub_user, "信州DX推進ハブ", "hub", "長野県")
    second = api.affiliate(hub_user, "信州DX推進ハブ", "hub", "長野県")
    assert first.pk == second.pk
    assert api.organization_of(hub_user) == first

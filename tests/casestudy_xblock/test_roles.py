"""Roles come from Django groups and staff flags."""

from django.contrib.auth.models import AnonymousUser

from casestudy_xblock import roles


def test_each_demo_account_has_its_role(demo_accounts):
    assert {name: roles.roles_of(user) for name, user in demo_accounts.items()} == {
        "admin": ["administrator"],
        "operator": ["operator"],
        "learner1": ["learner"],
        "learner2": ["learner"],
        "master": ["learner"],  # a learner who is a community master of the demo cohort
        "company": ["company"],
        "hub": ["hub"],
    }


def test_roles_are_ordered_broadest_first(demo_accounts):
    from django.contrib.auth.models import Group

    learner = demo_accounts["learner1"]
    learner.groups.add(Group.objects.get(name=roles.GROUPS[roles.HUB]))
    assert roles.roles_of(learner) == ["hub", "learner"]
    assert roles.has_role(learner, roles.HUB)


def test_anonymous_has_no_role():
    assert roles.roles_of(AnonymousUser()) == []
    assert roles.roles_of(None) == []

"""The demo accounts: one per role, each with a known password. Creating them is idempotent."""

import os
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from casestudy_xblock import roles
from community_plugin import api as community
from matching_plugin import api as matching

DEMO_PASSWORD = os.environ.get("DXQ_DEMO_PASSWORD", "dxquest-demo")
DEMO_COURSE_KEY = "course-v1:DXQuest+CS101+2026"
DEMO_COURSE_NAME = "ケーススタディ: みどり精密工業のDX"
DEMO_HUB = {"name": "信州DX推進ハブ", "prefecture": "長野県"}
DEMO_COMPANY = {"name": "みどり精密工業株式会社", "prefecture": "長野県"}


@dataclass(frozen=True)
class DemoAccount:
    username: str
    last_name: str
    first_name: str
    role: str
    email: str


ACCOUNTS = [
    DemoAccount("admin", "事務局", "管理者", roles.ADMINISTRATOR, "admin@dxquest.example"),
    DemoAccount("operator", "運営", "花子", roles.OPERATOR, "operator@dxquest.example"),
    DemoAccount("learner1", "山田", "太郎", roles.LEARNER, "learner1@dxquest.example"),
    DemoAccount("learner2", "佐藤", "美咲", roles.LEARNER, "learner2@dxquest.example"),
    DemoAccount("company", "鈴木", "一郎", roles.COMPANY, "company@dxquest.example"),
    DemoAccount("hub", "高橋", "さくら", roles.HUB, "hub@dxquest.example"),
    # An alumnus volunteering as the cohort's community master (dxq_demo_community sets the role).
    DemoAccount("master", "コミュニティマスター", "", roles.LEARNER, "master@dxquest.example"),
]


def _ensure_user(account):
    user_model = get_user_model()
    user, _created = user_model.objects.get_or_create(username=account.username)
    user.first_name, user.last_name, user.email = (
        account.first_name,
        account.last_name,
        account.email,
    )
    user.is_staff = user.is_superuser = account.role == roles.ADMINISTRATOR
    user.is_active = True
    user.set_password(DEMO_PASSWORD)
    user.save()
    if account.role in roles.GROUPS:
        group, _created = Group.objects.get_or_create(name=roles.GROUPS[account.role])
        user.groups.add(group)
    return user


@transaction.atomic
def ensure_demo_accounts():
    """Create or refresh the demo accounts and what they belong to; return them in order."""
    for group_name in roles.GROUPS.values():
        Group.objects.get_or_create(name=group_name)
    users = {account.username: _ensure_user(account) for account in ACCOUNTS}
    hub = matching.affiliate(users["hub"], DEMO_HUB["name"], "hub", DEMO_HUB["prefecture"])
    matching.affiliate(
        users["company"],
        DEMO_COMPANY["name"],
        "company",
        DEMO_COMPANY["prefecture"],
        title="代表取締役",
        hub=hub,
    )
    for account in ACCOUNTS:
        if account.role == roles.LEARNER:
            community.add_course_member(
                users[account.username].pk, DEMO_COURSE_KEY, DEMO_COURSE_NAME
            )
    return [(account, users[account.username]) for account in ACCOUNTS]

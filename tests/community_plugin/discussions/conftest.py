"""Fixtures of the discussions tests: a cohort space with people in every role.

``learner1`` and ``learner2`` are members of the demo course space; ``master`` is a learner who
is its community master; ``outsider`` is a learner in another course's space only.
"""

from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache

from casestudy_xblock import roles
from community_plugin import api as community
from community_plugin.discussions import posting
from conf.portal import demo


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # rate-limit counters
    yield
    cache.clear()


def _learner(username, last, first):
    user = get_user_model().objects.create_user(
        username, f"{username}@dxquest.example", "pw", last_name=last, first_name=first
    )
    user.groups.add(Group.objects.get_or_create(name=roles.GROUPS[roles.LEARNER])[0])
    return user


@pytest.fixture
def people(demo_accounts):
    """Every role, plus the space and another course's space."""
    space = community.course_space(demo.DEMO_COURSE_KEY, demo.DEMO_COURSE_NAME)
    master = demo_accounts["master"]  # a learner of the course; made its community master here
    community.add_member(master.pk, space, master=True)
    outsider = _learner("outsider", "外部", "学")
    other = community.course_space("course-v1:Other+X1+2026", "別のコース")
    community.add_member(outsider.pk, other)
    return SimpleNamespace(
        space=space,
        other=other,
        outsider=outsider,
        **demo_accounts,
    )


@pytest.fixture
def question(people):
    """A question by learner1 in the space (the REST tests' thread)."""
    return posting.create_thread(
        people.learner1, people.space, kind="question", title="在庫回転率の計算", body="質問"
    )

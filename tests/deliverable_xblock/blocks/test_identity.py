"""Who the learner is: the LMS user service's user id, or the workbench's signed-in user."""

import pytest
from xblock.reference.user_service import UserService, XBlockUser

from deliverable_xblock.blocks import identity

pytestmark = pytest.mark.django_db


class LmsUsers(UserService):
    """The LMS's user service as edx-platform fills it (only the attributes we read)."""

    def __init__(self, attrs):
        super().__init__()
        self.attrs = attrs

    def get_current_user(self):
        user = XBlockUser(is_current_user=True)
        user.opt_attrs = dict(self.attrs)
        return user


def test_in_the_lms_the_user_service_names_the_learner(course, make_user):
    learner, other = make_user(), make_user()
    lms = LmsUsers({"edx-platform.user_id": learner.pk, "edx-platform.is_authenticated": True})
    harness = course.harness(other, services={"user": lms})  # crum's user is not used in the LMS
    assert identity.in_lms(harness.block)
    assert identity.current_user(harness.block) == learner
    assert harness.call("save_draft", {"text": "<p>LMS</p>"})["ok"]


def test_in_the_lms_an_anonymous_or_inactive_user_is_nobody(course, make_user):
    anonymous = LmsUsers({"edx-platform.user_id": None, "edx-platform.is_authenticated": False})
    harness = course.harness(make_user(), services={"user": anonymous})
    assert identity.current_user(harness.block) is None
    gone = make_user()
    gone.is_active = False
    gone.save()
    retired = LmsUsers({"edx-platform.user_id": gone.pk, "edx-platform.is_authenticated": True})
    assert identity.current_user(course.harness(gone, services={"user": retired}).block) is None


def test_keys_in_the_workbench(course, make_user):
    block = course.harness(make_user()).block
    assert identity.block_key(block) == course.usage
    assert identity.course_key(block) == identity.WORKBENCH_COURSE


def test_refresh_renders_every_section(course, make_user):
    harness = course.harness(make_user())
    sections = harness.call("refresh", {})["sections"]
    assert set(sections) == {"work", "review", "received", "grade"}
    assert "まだレビューはありません" in sections["received"]
    some = harness.call("refresh", {"sections": ["received", "grade"]})["sections"]
    assert set(some) == {"received", "grade"}
    assert harness.call("refresh", {"sections": ["secrets"]}, status=400)["code"] == "bad_request"


@pytest.mark.parametrize("username", ["admin", "operator", "learner1", "company", "hub"])
def test_every_demo_role_sees_the_learner_view_standalone(course, demo_accounts, username):
    """Standalone, every signed-in person counts as enrolled (casestudy_xblock.platform); in
    the LMS, enrolment decides. The learner sections are theirs alone."""
    harness = course.harness(demo_accounts[username])
    html = harness.html()
    assert 'data-section="work"' in html
    assert harness.call("save_draft", {"text": f"<p>{username}</p>"})["ok"]
    assert f"<p>{username}</p>" in harness.html()
    other = course.harness(demo_accounts["learner2"])
    assert f"<p>{username}</p>" not in other.html()

"""A course enrollment puts the learner in the course's cohort space and the program space."""

import pytest
from django.contrib.auth import get_user_model

from community_plugin import api
from community_plugin.models import Membership, Space
from tests.community_plugin.events import send_enrollment_created

COURSE = "course-v1:DXQuest+CS101+2026"


@pytest.fixture
def learner(db):
    return get_user_model().objects.create_user("hanako", "hanako@example.com", "pw")


def test_enrollment_event_adds_learner_to_cohort_and_program_spaces(
    learner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        send_enrollment_created(learner, COURSE, "みどり精密工業のDX")
    assert len(callbacks) == 1
    spaces = {space.kind: space for space in api.spaces_of(learner)}
    assert set(spaces) == {Space.COURSE, Space.PROGRAM}
    assert spaces[Space.COURSE].name == "みどり精密工業のDX"
    assert spaces[Space.COURSE].course_key == COURSE
    assert Membership.objects.get(user=learner, space=spaces[Space.COURSE]).source == "enrollment"


def test_nothing_is_queued_before_the_enrolling_transaction_commits(
    learner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        send_enrollment_created(learner, COURSE)
    assert api.spaces_of(learner) == []


def test_adding_a_member_twice_is_idempotent(learner):
    assert sorted(api.add_course_member(learner.pk, COURSE, "X")) == [
        api.course_space(COURSE).slug,
        "program",
    ]
    assert api.add_course_member(learner.pk, COURSE, "X") == []
    assert Membership.objects.filter(user=learner).count() == 2


def test_spaces_of_counts_members(learner):
    other = get_user_model().objects.create_user("taro", "taro@example.com", "pw")
    api.add_course_member(learner.pk, COURSE, "X")
    api.add_course_member(other.pk, COURSE, "X")
    assert [space.member_count for space in api.spaces_of(learner)] == [2, 2]


def test_spaces_page_lists_my_spaces_and_needs_login(client, learner):
    api.add_course_member(learner.pk, COURSE, "みどり精密工業のDX")
    response = client.get("/dxq/community/spaces/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
    client.force_login(learner)
    response = client.get("/dxq/community/spaces/")
    assert response.status_code == 200
    assert "みどり精密工業のDX" in response.content.decode()


def test_four_byte_japanese_survives_the_database(learner):
    # 𠮷 (U+20BB7) needs utf8mb4 on MariaDB/MySQL; SQLite stores it as is.
    api.add_course_member(learner.pk, "course-v1:DXQuest+CS102+2026", "𠮷田精機のDX 🏭")
    names = {space.name for space in api.spaces_of(learner)}
    assert "𠮷田精機のDX 🏭" in names

"""Membership follows Open edX: events add, reconcile removes; standalone CSV imports."""

import pytest
from django.core.management import call_command

from community_plugin import api
from community_plugin.errors import InvalidCsv
from community_plugin.models import Membership, Space
from tests.community_plugin.events import send_cohort_membership_changed

from .world import COURSE


def _slugs(user):
    return {space.slug for space in api.spaces_of(user)}


def test_cohort_event_moves_the_learner_between_cohort_spaces(
    community_world, django_capture_on_commit_callbacks
):
    learner = community_world.user("learner")
    with django_capture_on_commit_callbacks(execute=True):
        send_cohort_membership_changed(learner, COURSE, "東京チーム")
    tokyo = api.cohort_space(COURSE, "東京チーム")
    assert tokyo.slug in _slugs(learner)
    assert Membership.objects.get(space=tokyo, user=learner).source == Membership.COHORT
    with django_capture_on_commit_callbacks(execute=True):
        send_cohort_membership_changed(learner, COURSE, "Osaka")
    osaka = api.cohort_space(COURSE, "Osaka")
    assert osaka.slug in _slugs(learner)
    assert tokyo.slug not in _slugs(learner)  # moved: left the old cohort's space
    assert community_world.space.slug in _slugs(learner)  # still in the course-wide space


def test_moving_cohort_keeps_a_master_in_their_old_cohort(community_world):
    master = community_world.user("master")
    api.set_cohort(master.pk, COURSE, "A")
    api.set_community_master(master.pk, api.cohort_space(COURSE, "A"))
    api.set_cohort(master.pk, COURSE, "B")
    assert {"A", "B"} <= {s.cohort for s in api.spaces_of(master)}


@pytest.fixture
def lms_enrollments():
    """Open edX's answer to "who is enrolled / in this cohort", through platform.py's LMS path."""
    from tests.community_plugin import fake_lms

    data = fake_lms.LmsData()
    uninstall = fake_lms.install(data)
    yield data.enrolled, data.cohorts
    uninstall()


def test_reconcile_removes_an_unenrolled_learner_and_keeps_the_master(
    community_world, lms_enrollments
):
    enrolled, _cohorts = lms_enrollments
    learner, master = community_world.user("learner"), community_world.user("master")
    space = community_world.space
    enrolled[COURSE] = set()  # both unenrolled in the LMS: no event was sent
    enrolled["course-v1:DXQuest+CS999+2026"] = {community_world.user("outsider").pk}
    report = api.reconcile()[space.slug]
    assert report.removed == [learner.pk]
    assert not api.is_member(learner, space)
    assert api.is_community_master(master, space)  # the master role survives reconcile


def test_reconcile_keeps_manual_and_csv_members_and_adds_missing_ones(
    community_world, lms_enrollments
):
    enrolled, _ = lms_enrollments
    space = community_world.space
    company = community_world.user("company")
    hub = community_world.user("hub")
    api.add_member(company.pk, space, Membership.MANUAL)
    enrolled[COURSE] = {community_world.user("learner").pk, hub.pk}
    enrolled["course-v1:DXQuest+CS999+2026"] = set()
    report = api.reconcile(space)[space.slug]
    assert report.added == [hub.pk]
    assert report.removed == []
    assert api.is_member(company, space)


def test_reconcile_of_cohort_spaces(community_world, lms_enrollments):
    _enrolled, cohorts = lms_enrollments
    learner = community_world.user("learner")
    api.set_cohort(learner.pk, COURSE, "A")
    space = api.cohort_space(COURSE, "A")
    cohorts[(COURSE, "A")] = set()  # removed from the cohort in the LMS
    report = api.reconcile(space)[space.slug]
    assert report.removed == [learner.pk]
    assert not api.is_member(learner, space)


def test_standalone_reconcile_changes_nothing(community_world):
    before = Membership.objects.count()
    reports = api.reconcile()
    assert {r.skipped for r in reports.values()} == {"standalone"}
    assert Membership.objects.count() == before


def test_reconcile_command_and_beat_entry(community_world, lms_enrollments, capsys, settings):
    enrolled, _ = lms_enrollments
    enrolled[COURSE] = set()
    call_command("dxq_community_reconcile", "--space", community_world.space.slug)
    assert f"{community_world.space.slug}: +0 -1" in capsys.readouterr().out
    assert settings.CELERY_BEAT_SCHEDULE["dxq-community-reconcile"]["task"] == (
        "dxq.community.reconcile_all"
    )


def test_admin_reconcile_action(community_staff_client, community_world, lms_enrollments):
    enrolled, _ = lms_enrollments
    enrolled[COURSE] = set()
    response = community_staff_client.post(
        "/admin/dxq_community/space/",
        {"action": "reconcile_now", "_selected_action": [community_world.space.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert not api.is_member(community_world.user("learner"), community_world.space)


CSV = (
    "username,email,role\n"
    "learner2,,member\n"
    ",hub@dxquest.example,コミュニティマスター\n"
    "nobody,,member\n"
    "learner1,,boss\n"
    ",not-an-email,\n"
    "\n"
)


def test_csv_import_keeps_good_rows_and_reports_bad_ones_in_japanese(community_world):
    from django.utils import translation

    space = api.team_space("csv-team", "CSVチーム")
    with translation.override("ja"):
        report = api.import_members_csv(space, CSV.encode("utf-8"))
    assert report.added == ["learner2", "hub"]
    assert report.masters == ["hub"]
    assert api.is_community_master(community_world.user("hub"), space)
    assert len(report.errors) == 3
    assert [e[:3] for e in report.errors] == ["4行目", "5行目", "6行目"]
    assert any("nobody" in e and "アカウント" in e for e in report.errors), report.errors
    assert any("boss" in e for e in report.errors)
    # Importing again changes nothing and says they are already there.
    again = api.import_members_csv(space, CSV.encode("cp932"))
    assert again.added == []
    assert sorted(again.already) == ["hub", "learner2"]


@pytest.mark.parametrize("data", [b"\xff\xfe\x00garbage\x81", b"name,age\nx,1\n", b"x" * 1_000_001])
def test_unreadable_csv_is_refused(community_world, data):
    with pytest.raises(InvalidCsv):
        api.import_members_csv(community_world.space, data)


def test_admin_csv_import_page(community_staff_client, community_world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    space = community_world.space
    url = f"/admin/dxq_community/space/{space.pk}/import-members/"
    assert community_staff_client.get(url).status_code == 200
    upload = SimpleUploadedFile("members.csv", CSV.encode(), content_type="text/csv")
    response = community_staff_client.post(url, {"file": upload})
    body = response.content.decode()
    assert response.status_code == 200
    assert "nobody" in body
    assert api.is_member(community_world.user("outsider"), space)


def test_operators_without_staff_cannot_use_the_admin_import(client, community_world):
    client.force_login(community_world.user("operator"))
    url = f"/admin/dxq_community/space/{community_world.space.pk}/import-members/"
    assert client.get(url).status_code == 302


def test_membership_admin_makes_masters(community_staff_client, community_world):
    membership = Membership.objects.get(
        space=community_world.space, user=community_world.user("learner")
    )
    community_staff_client.post(
        "/admin/dxq_community/membership/",
        {"action": "make_masters", "_selected_action": [membership.pk]},
    )
    membership.refresh_from_db()
    assert membership.role == Membership.MASTER
    assert Space.objects.filter(pk=community_world.space.pk).exists()


def test_platform_reads_the_lms_when_it_is_there(community_world, lms_enrollments):
    from community_plugin import platform

    enrolled, cohorts = lms_enrollments
    enrolled[COURSE] = {1, 2}
    cohorts[(COURSE, "A")] = {2}
    assert platform.active_enrolled_user_ids(COURSE) == {1, 2}
    assert platform.cohort_member_ids(COURSE, "A") == {2}
    assert platform.cohort_member_ids(COURSE, "missing") == set()


def test_platform_answers_none_standalone():
    from community_plugin import platform

    assert platform.active_enrolled_user_ids(COURSE) is None
    assert platform.cohort_member_ids(COURSE, "A") is None


@pytest.mark.parametrize(
    "signal_name", ["COURSE_UNENROLLMENT_COMPLETED", "COURSE_ENROLLMENT_CHANGED"]
)
def test_unenrollment_events_remove_at_once_but_keep_masters(
    community_world, django_capture_on_commit_callbacks, signal_name
):
    from openedx_events.learning import signals

    from tests.community_plugin.events import send_enrollment_event

    learner, master = community_world.user("learner"), community_world.user("master")
    api.set_cohort(learner.pk, COURSE, "A")
    with django_capture_on_commit_callbacks(execute=True):
        for person in (learner, master):
            responses = send_enrollment_event(
                getattr(signals, signal_name), person, COURSE, is_active=False
            )
            assert [error for _receiver, error in responses if error] == []
    assert _slugs(learner) == {"program"}
    assert api.is_community_master(master, community_world.space)


def test_reactivated_enrollment_joins_again(community_world, django_capture_on_commit_callbacks):
    from openedx_events.learning.signals import COURSE_ENROLLMENT_CHANGED

    from tests.community_plugin.events import send_enrollment_event

    hub = community_world.user("hub")
    with django_capture_on_commit_callbacks(execute=True):
        send_enrollment_event(COURSE_ENROLLMENT_CHANGED, hub, COURSE, is_active=True)
    assert community_world.space.slug in _slugs(hub)


def test_every_receiver_is_declared_for_the_lms():
    from community_plugin import receivers
    from community_plugin.apps import CommunityConfig

    declared = CommunityConfig.plugin_app["signals_config"]["lms.djangoapp"]["receivers"]
    paths = {entry["signal_path"].rsplit(".", 1)[1] for entry in declared}
    assert paths == {
        "COURSE_ENROLLMENT_CREATED",
        "COURSE_ENROLLMENT_CHANGED",
        "COURSE_UNENROLLMENT_COMPLETED",
        "COHORT_MEMBERSHIP_CHANGED",
    }
    assert all(hasattr(receivers, entry["receiver_func_name"]) for entry in declared)

"""The badges admin: who may use it, issuer set-up and rotation, awarding (one, typed list,
CSV), revoking, bulk job progress."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from community_plugin.badges import api
from community_plugin.badges.models import Award, BulkJob, Issuer

ROLES = ["anonymous", "learner1", "operator", "company", "hub"]


@pytest.fixture
def staff(demo_accounts):
    return demo_accounts["admin"]


def login(client, demo_accounts, who):
    if who != "anonymous":
        client.force_login(demo_accounts[who])


def award_url(badge_class):
    return reverse("admin:dxq_badges_badgeclass_award", args=[badge_class.pk])


@pytest.mark.parametrize("who", ROLES)
def test_only_staff_reach_the_badge_admin(client, demo_accounts, badge_class, who):
    login(client, demo_accounts, who)
    made = api.award(badge_class, demo_accounts["learner2"], source="manual")
    for url in (
        award_url(badge_class),
        reverse("admin:dxq_badges_award_changelist"),
        reverse("admin:dxq_badges_issuer_changelist"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login/" in response["Location"]
    response = client.post(
        reverse("admin:dxq_badges_award_changelist"),
        {"action": "revoke", "_selected_action": [made.pk], "reason": "x"},
    )
    assert response.status_code == 302
    response = client.post(award_url(badge_class), {"recipients": "learner1"})
    assert response.status_code == 302
    made.refresh_from_db()
    assert not made.is_revoked
    assert Award.objects.count() == 1


def test_staff_without_permissions_cannot_award_or_revoke(client, badge_class, learner):
    clerk = get_user_model().objects.create_user("clerk", "clerk@example.jp", "pw", is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_award"))
    client.force_login(clerk)
    assert client.get(award_url(badge_class)).status_code == 403
    made = api.award(badge_class, learner, source="manual")
    client.post(
        reverse("admin:dxq_badges_award_changelist"),
        {"action": "revoke", "_selected_action": [made.pk], "reason": "x"},
    )
    made.refresh_from_db()
    assert not made.is_revoked


def test_creating_an_issuer_generates_its_keys(client, staff):
    client.force_login(staff)
    response = client.post(
        reverse("admin:dxq_badges_issuer_add"),
        {
            "slug": "hub",
            "name": "信州DX推進ハブ",
            "url": "https://hub.example.jp/",
            "email": "hub@example.jp",
            "description": "",
            "did_method": "web",
            "created_0": "2026-04-01",
            "created_1": "09:00:00",
            "keys-TOTAL_FORMS": "0",
            "keys-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    issuer = Issuer.objects.get(slug="hub")
    assert sorted(issuer.keys.values_list("kind", flat=True)) == ["ed25519", "rsa"]


def test_rotate_action(client, staff, issuer):
    client.force_login(staff)
    client.post(
        reverse("admin:dxq_badges_issuer_changelist"),
        {"action": "rotate_keys", "_selected_action": [issuer.pk]},
    )
    assert issuer.keys.count() == 4
    assert issuer.keys.filter(retired_at__isnull=True).count() == 2


def test_award_one_person_at_once(client, staff, badge_class, learner):
    client.force_login(staff)
    response = client.post(
        award_url(badge_class),
        {
            "recipients": "hanako",
            "evidence_url": "https://portfolio.example.jp/h",
            "evidence_narrative": "提案書",
        },
    )
    assert response.status_code == 302
    award = Award.objects.get()
    assert award.recipient == learner
    assert award.source == "manual"
    assert award.evidence_narrative == "提案書"


def test_award_form_errors_keep_what_was_typed(client, staff, badge_class):
    client.force_login(staff)
    response = client.post(award_url(badge_class), {"evidence_narrative": "残す文章"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "残す文章" in page
    assert "errornote" in page


def test_csv_upload_issues_good_rows_and_lists_bad_ones(
    client, staff, badge_class, learner, other_learner, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    upload = SimpleUploadedFile(
        "people.csv", b"username\nhanako\nghost\ntaro@example.jp\n", "text/csv"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(award_url(badge_class), {"csv_file": upload})
    assert response.status_code == 200  # stays on the page to show the bad row
    page = response.content.decode()
    assert "ghost" in page
    job = BulkJob.objects.get()
    assert job.total == 2
    assert job.state == "done"
    assert job.done == 2
    assert set(Award.objects.values_list("source", flat=True)) == {"csv"}
    assert set(Award.objects.values_list("recipient__username", flat=True)) == {"hanako", "taro"}


def test_revoke_action_asks_for_a_reason(client, staff, badge_class, learner):
    made = api.award(badge_class, learner, source="manual")
    client.force_login(staff)
    url = reverse("admin:dxq_badges_award_changelist")
    response = client.post(url, {"action": "revoke", "_selected_action": [made.pk]})
    assert response.status_code == 200
    assert b'name="reason"' in response.content
    made.refresh_from_db()
    assert not made.is_revoked
    client.post(url, {"action": "revoke", "_selected_action": [made.pk], "reason": "誤発行"})
    made.refresh_from_db()
    assert made.is_revoked
    assert made.revocation_reason == "誤発行"


def test_bulk_job_page_shows_progress(client, staff, badge_class):
    job = BulkJob.objects.create(
        badge_class=badge_class, total=10, done=4, failed=1, state="running"
    )
    client.force_login(staff)
    page = client.get(reverse("admin:dxq_badges_bulkjob_change", args=[job.pk])).content.decode()
    assert 'value="50"' in page
    assert 'http-equiv="refresh"' in page
    assert client.get(reverse("admin:dxq_badges_bulkjob_changelist")).status_code == 200


def test_admin_pages_render(client, staff, badge_class, learner):
    made = api.award(badge_class, learner, source="manual")
    client.force_login(staff)
    for url in (
        reverse("admin:dxq_badges_badgeclass_change", args=[badge_class.pk]),
        reverse("admin:dxq_badges_award_change", args=[made.pk]),
        reverse("admin:dxq_badges_issuer_change", args=[badge_class.issuer.pk]),
        award_url(badge_class),
        reverse("admin:dxq_badges_award_changelist") + "?revoked_at__isempty=1",
        reverse("admin:dxq_badges_badgeclass_changelist"),
        reverse("admin:dxq_badges_issuer_changelist"),
        reverse("admin:dxq_badges_bulkjob_changelist"),
    ):
        assert client.get(url).status_code == 200, url


def test_course_passers_need_open_edx(client, staff, badge_class):
    client.force_login(staff)
    response = client.post(
        award_url(badge_class),
        {"course_key": "course-v1:DXQuest+CS101+2026"},
        HTTP_ACCEPT_LANGUAGE="ja",
    )
    assert response.status_code == 200
    assert "Open edX 上でのみ" in response.content.decode()
    assert not BulkJob.objects.exists()


def test_slugs_in_use_cannot_change(client, staff, badge_class, learner):
    api.award(badge_class, learner, source="manual")
    client.force_login(staff)
    page = client.get(
        reverse("admin:dxq_badges_badgeclass_change", args=[badge_class.pk])
    ).content.decode()
    assert 'name="slug"' not in page
    page = client.get(
        reverse("admin:dxq_badges_issuer_change", args=[badge_class.issuer.pk])
    ).content.decode()
    assert 'name="slug"' not in page

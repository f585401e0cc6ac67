"""Re-signing many awards (after a key rotation) is a bulk job in Celery, like issuing: batches,
progress in the admin, failures recorded, nothing re-signed inside the admin's request.
(Celery eager here; the worker tests in test_bulk_worker.py run the same batch task.)"""

import base64
import json

from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse

from community_plugin.badges import api
from community_plugin.badges.models import ED25519, RSA, Award, BulkJob
from community_plugin.badges.tasks import bulk_batch
from tests.community_plugin.badges.app.helpers import make_badge_class


def people(count, prefix="r"):
    model = get_user_model()
    model.objects.bulk_create(
        [model(username=f"{prefix}{i}", email=f"{prefix}{i}@example.jp") for i in range(count)]
    )
    return list(model.objects.filter(username__startswith=prefix).order_by("pk"))


def _part(token, index):
    part = token.split(".")[index]
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)).decode()


def signed_with(award, issuer):
    """Whether ``award``'s three forms name the issuer's active keys."""
    award.refresh_from_db()
    ed, rsa = issuer.active_key(ED25519), issuer.active_key(RSA)
    return (
        award.credential["proof"]["verificationMethod"] == ed.method_id
        and json.loads(_part(award.credential_jwt, 0))["kid"] == rsa.method_id
        and json.loads(_part(award.ob2_jws, 1))["verification"]["creator"] == rsa.url
    )


@override_settings(DXQ_BADGES_BULK_BATCH=5)
def test_reissue_runs_as_a_bulk_job_in_batches(
    issuer, badge_class, django_capture_on_commit_callbacks
):
    users = people(12)
    with django_capture_on_commit_callbacks(execute=True):
        awards = [api.award(badge_class, user, source="manual") for user in users]
        api.revoke(awards[0], "誤発行")
    api.rotate_keys(issuer)
    assert not any(signed_with(made, issuer) for made in awards)

    with django_capture_on_commit_callbacks(execute=True):
        jobs = api.start_reissue_jobs(Award.objects.all())
    [job] = jobs
    job.refresh_from_db()
    assert job.action == BulkJob.REISSUE
    assert (job.state, job.total, job.done, job.failed) == ("done", 11, 11, 0)
    assert job.progress_percent == 100
    assert len(job.batches_done) == 3  # 11 awards in batches of 5
    for made in awards[1:]:
        assert signed_with(made, issuer)
        assert api.verify_award(made).valid
    awards[0].refresh_from_db()
    assert not signed_with(awards[0], issuer)  # a revoked badge is not re-signed
    assert Award.objects.count() == 12  # re-signing makes no new award


def test_one_job_per_badge_class_and_failures_are_recorded(
    issuer, badge_class, learner, other_learner, django_capture_on_commit_callbacks
):
    other_class = make_badge_class(issuer, slug="collaboration")
    with django_capture_on_commit_callbacks(execute=True):
        first = api.award(badge_class, learner, source="manual")
        second = api.award(other_class, learner, source="manual")
        third = api.award(other_class, other_learner, source="manual")
    api.rotate_keys(issuer)
    with django_capture_on_commit_callbacks(execute=True):
        jobs = api.start_reissue_jobs([first, second, third])
        # Revoked after the job was made, before its batch ran: recorded, not re-signed.
        api.revoke(third, "取り消し")
    assert sorted(job.badge_class_id for job in jobs) == sorted([badge_class.pk, other_class.pk])
    by_class = {job.badge_class_id: BulkJob.objects.get(pk=job.pk) for job in jobs}
    assert (by_class[badge_class.pk].done, by_class[badge_class.pk].failed) == (1, 0)
    job = by_class[other_class.pk]
    assert (job.state, job.done, job.failed) == ("done", 1, 1)
    assert job.errors[0]["award_id"] == third.pk
    assert "失効" in job.errors[0]["error"] or "revoked" in job.errors[0]["error"]
    assert signed_with(first, issuer)
    assert signed_with(second, issuer)
    assert not signed_with(third, issuer)


def test_a_redelivered_reissue_batch_is_counted_once(
    issuer, badge_class, learner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        made = api.award(badge_class, learner, source="manual")
    api.rotate_keys(issuer)
    with django_capture_on_commit_callbacks(execute=True):
        [job] = api.start_reissue_jobs([made])
    BulkJob.objects.filter(pk=job.pk).update(state=BulkJob.RUNNING)
    bulk_batch.delay(job.pk, 0)  # the same batch again (a worker killed before its ack)
    job.refresh_from_db()
    assert (job.total, job.done, job.failed) == (1, 1, 0)
    assert signed_with(made, issuer)


def test_admin_reissue_action_queues_a_job_and_shows_its_progress(
    client, demo_accounts, issuer, badge_class, learner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        made = api.award(badge_class, learner, source="manual")
    api.rotate_keys(issuer)
    before = Award.objects.get(pk=made.pk).credential
    client.force_login(demo_accounts["admin"])
    with django_capture_on_commit_callbacks(execute=False) as pending:
        response = client.post(
            reverse("admin:dxq_badges_award_changelist"),
            {"action": "reissue", "_selected_action": [made.pk]},
        )
    # Nothing signed inside the request: a job is queued, and the admin goes to its progress.
    assert Award.objects.get(pk=made.pk).credential == before
    job = BulkJob.objects.get()
    assert (job.action, job.total, job.created_by) == (BulkJob.REISSUE, 1, demo_accounts["admin"])
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:dxq_badges_bulkjob_change", args=[job.pk])
    page = client.get(response["Location"]).content.decode()
    assert "<progress" in page
    for callback in pending:
        callback()
    job.refresh_from_db()
    assert (job.state, job.done) == ("done", 1)
    assert signed_with(made, issuer)


def test_reissue_action_needs_the_change_permission(client, badge_class, learner):
    from django.contrib.auth.models import Permission

    made = api.award(badge_class, learner, source="manual")
    clerk = get_user_model().objects.create_user("clerk", "clerk@example.jp", "pw", is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_award"))
    client.force_login(clerk)
    client.post(
        reverse("admin:dxq_badges_award_changelist"),
        {"action": "reissue", "_selected_action": [made.pk]},
    )
    assert not BulkJob.objects.exists()


def test_reissuing_only_revoked_badges_queues_nothing_and_says_why(
    client, demo_accounts, badge_class, learner
):
    made = api.award(badge_class, learner, source="manual")
    api.revoke(made, "誤発行")
    client.force_login(demo_accounts["admin"])
    response = client.post(
        reverse("admin:dxq_badges_award_changelist"),
        {"action": "reissue", "_selected_action": [made.pk]},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="ja",
    )
    assert not BulkJob.objects.exists()
    page = response.content.decode()
    # Japanese once `make translations` has compiled the new message (glossary: badges_core).
    said = ("失効したバッジは再署名されません。", "Revoked badges are not re-signed.")
    assert any(text in page for text in said)

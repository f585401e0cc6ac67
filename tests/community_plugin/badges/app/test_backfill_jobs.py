"""Backfill from the admin goes through bulk jobs: everyone who already qualifies is awarded in
Celery batches with progress on the job's page, not in one long task that holds a worker."""

from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse

from casestudy_xblock import evidence
from community_plugin.badges import api
from community_plugin.badges.models import Award, AwardRule, BulkJob
from community_plugin.badges.tasks import backfill_task

SKILL = [("block", "", "dss-p/v1/BT-1-1")]


def completers(count, prefix="done"):
    made = []
    for i in range(count):
        user = get_user_model().objects.create_user(f"{prefix}{i}", f"{prefix}{i}@example.jp", "pw")
        evidence.record(user, f"a-{prefix}{i}", "dx-1-yamanami-seikos-dx.dxq_case.d0.u0", SKILL)
        made.append(user)
    return made


@override_settings(DXQ_BADGES_BULK_BATCH=4)
def test_backfill_task_issues_through_a_bulk_job_per_rule(
    badge_class, django_capture_on_commit_callbacks
):
    rule = AwardRule.objects.create(
        badge_class=badge_class, kind=AwardRule.CASE_COMPLETED, course_key="yamanami"
    )
    AwardRule.objects.create(badge_class=badge_class, kind=AwardRule.COLLABORATION_COMPLETED)
    people = completers(10)
    with django_capture_on_commit_callbacks(execute=True):
        holder = api.award(badge_class, people[0], source="manual")
        report = backfill_task.delay(badge_class.pk).get()
    assert report[str(rule.pk)]["qualified"] == 10
    assert report[str(rule.pk)]["queued"] == 9  # the holder keeps the one they have
    job = BulkJob.objects.get()
    assert (job.source, job.rule, job.action) == (Award.SOURCE_BACKFILL, rule, BulkJob.ISSUE)
    assert (job.state, job.total, job.done, job.failed) == ("done", 9, 9, 0)
    assert len(job.batches_done) == 3  # batches of 4
    new = Award.objects.exclude(pk=holder.pk)
    assert new.count() == 9
    assert set(new.values_list("source", "rule")) == {(Award.SOURCE_BACKFILL, rule.pk)}
    # Nobody left to award: no empty job.
    with django_capture_on_commit_callbacks(execute=True):
        backfill_task.delay(badge_class.pk).get()
    assert BulkJob.objects.count() == 1


def test_admin_backfill_action_shows_the_jobs(
    client, demo_accounts, badge_class, django_capture_on_commit_callbacks
):
    AwardRule.objects.create(badge_class=badge_class, kind=AwardRule.CASE_COMPLETED)
    completers(3)
    client.force_login(demo_accounts["admin"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:dxq_badges_badgeclass_changelist"),
            {"action": "backfill", "_selected_action": [badge_class.pk]},
            follow=True,
        )
    assert response.status_code == 200
    job = BulkJob.objects.get()
    assert (job.created_by, job.done, job.source) == (demo_accounts["admin"], 3, "backfill")
    page = client.get(reverse("admin:dxq_badges_bulkjob_changelist")).content.decode()
    assert "<progress" in page

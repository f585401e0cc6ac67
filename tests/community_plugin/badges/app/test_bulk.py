"""Bulk jobs (Celery eager here; a real worker in test_bulk_worker.py): batches, progress,
failures recorded without stopping the rest, reruns that double nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from community_plugin.badges import api
from community_plugin.badges.models import Award


def people(count, prefix="p"):
    model = get_user_model()
    model.objects.bulk_create(
        [model(username=f"{prefix}{i}", email=f"{prefix}{i}@example.jp") for i in range(count)]
    )
    return list(model.objects.filter(username__startswith=prefix).order_by("pk"))


def run(badge_class, ids, on_commit):
    with on_commit(execute=True):
        job = api.start_bulk_job(badge_class, ids, description="test")
    job.refresh_from_db()
    return job


@override_settings(DXQ_BADGES_BULK_BATCH=7)
def test_bulk_issues_everyone_in_batches(badge_class, django_capture_on_commit_callbacks):
    ids = [user.pk for user in people(30)]
    job = run(badge_class, ids, django_capture_on_commit_callbacks)
    assert (job.state, job.total, job.done, job.failed) == ("done", 30, 30, 0)
    assert job.finished is not None
    assert job.progress_percent == 100
    assert Award.objects.filter(source="bulk").count() == 30


@override_settings(DXQ_BADGES_BULK_BATCH=5)
def test_a_bad_recipient_is_recorded_and_the_rest_issued(
    badge_class, django_capture_on_commit_callbacks
):
    users = people(12)
    get_user_model().objects.filter(pk=users[3].pk).update(email="")
    ids = [user.pk for user in users] + [999999]
    job = run(badge_class, ids, django_capture_on_commit_callbacks)
    assert (job.state, job.done, job.failed) == ("done", 11, 2)
    assert {item["user_id"] for item in job.errors} == {users[3].pk, 999999}
    assert Award.objects.count() == 11
    # Rerun: nothing doubled, the same two fail.
    with django_capture_on_commit_callbacks(execute=True):
        from community_plugin.badges.tasks import start_bulk

        start_bulk.delay(job.pk)
    job.refresh_from_db()
    assert (job.done, job.failed) == (11, 2)
    assert Award.objects.count() == 11


@override_settings(DXQ_BADGES_BULK_BATCH=4)
def test_a_failing_batch_is_recorded_and_later_batches_run(
    badge_class, django_capture_on_commit_callbacks
):
    ids = [user.pk for user in people(8)]
    ids.insert(5, "not-an-id")  # the batch holding it fails as a whole in the worker
    job = run(badge_class, ids, django_capture_on_commit_callbacks)
    assert job.failed == 4
    assert job.done == 5
    assert job.errors[0]["user_id"] is None
    assert "ValueError" in job.errors[0]["error"]
    assert job.state == "done"
    assert Award.objects.count() == 5


def test_a_job_for_nobody_finishes(badge_class, django_capture_on_commit_callbacks):
    job = run(badge_class, [], django_capture_on_commit_callbacks)
    assert job.state == "done"
    assert job.total == 0


@pytest.mark.parametrize("size", [1, 3])
def test_batch_size_setting(badge_class, django_capture_on_commit_callbacks, size):
    with override_settings(DXQ_BADGES_BULK_BATCH=size):
        job = run(
            badge_class, [u.pk for u in people(3, f"s{size}-")], django_capture_on_commit_callbacks
        )
    assert job.done == 3


def test_award_many_keeps_holders_and_takes_one_block_of_indices(
    badge_class, django_capture_on_commit_callbacks
):
    users = people(5, "m")
    held = api.award(badge_class, users[0], source="manual")
    get_user_model().objects.filter(pk=users[2].pk).update(email="")
    users = list(get_user_model().objects.filter(username__startswith="m").order_by("pk"))
    with django_capture_on_commit_callbacks(execute=True):
        results = api.award_many(badge_class, users, source="bulk")
    assert [user.pk for user, _made, _error in results] == [user.pk for user in users]
    assert results[0][1].pk == held.pk
    assert results[2][1] is None
    assert "メール" in results[2][2] or "email" in results[2][2]
    new = [made.status_index for _user, made, _error in results[1:] if made is not None]
    assert new == list(range(held.status_index + 1, held.status_index + 4))
    assert Award.objects.count() == 4


def test_every_badges_task_is_acknowledged_late():
    """A worker killed mid-task gets the task delivered again (docs/badges.md: all of them)."""
    from community_plugin.badges import tasks

    names = ["award_task", "apply_rules_task", "start_bulk", "bulk_batch", "backfill_task"]
    assert [name for name in names if not getattr(tasks, name).acks_late] == []

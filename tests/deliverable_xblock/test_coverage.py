"""Coverage guarantee with time moved forward: at risk, widening, notices, overdue, resolved."""

from datetime import timedelta

from django.core import mail
from django.test import TestCase
from django.utils import timezone

from deliverable_xblock import api, coverage
from deliverable_xblock.models import Escalation, Notification, Submission, Volunteer
from tests.deliverable_xblock.peer_support import BLOCK, COMMENTS, COURSE, scores

T0 = timezone.now().replace(microsecond=0) - timedelta(days=30)


def at(hours):
    return T0 + timedelta(hours=hours)


def _finish_reviews(reviewer, now, count=3):
    for _ in range(count):
        lease = api.request_review(BLOCK, reviewer, now=now)
        if lease is None:
            return
        api.submit_review(lease.id, reviewer, scores=scores(3), comments=COMMENTS, now=now)


def test_backfill_widens_the_pool_step_by_step(deliverable, make_user):
    api.configure(BLOCK, COURSE, required_reviews=3, target_hours=72, calibration_items=0)
    early = [make_user() for _ in range(4)]
    for user in early:
        api.submit(BLOCK, COURSE, user, text_html="<p>x</p>", now=at(0))
    for user in early:  # everyone reviews the other three
        _finish_reviews(user, at(1))
    late = make_user("late")
    api.submit(BLOCK, COURSE, late, text_html="<p>late</p>", now=at(10))
    alumna = make_user("alumna")
    Volunteer.objects.create(user=alumna, course_key=COURSE)
    signals = []
    coverage.review_help_wanted.connect(lambda **kw: signals.append(kw["user_ids"]), weak=False)

    # Within a third of the target: nothing happens.
    assert coverage.check_coverage(now=at(20))["at_risk"] == 0
    # After a third: at risk; the learners who finished their reviews are asked.
    summary = coverage.check_coverage(now=at(35))
    assert summary["at_risk"] == 1
    asked = set(Notification.objects.values_list("user_id", flat=True))
    assert asked == {u.pk for u in early}
    assert len(mail.outbox) == 4
    assert signals
    assert set(signals[-1]) == asked
    # Running again at the same stage asks nobody twice.
    assert coverage.check_coverage(now=at(36))["notified"] == 0
    # After two thirds: volunteers too.
    coverage.check_coverage(now=at(60))
    assert Notification.objects.filter(user=alumna).exists()
    # After the target: overdue, shown to operators.
    coverage.check_coverage(now=at(83))
    assert Escalation.objects.filter(kind=Escalation.OVERDUE, resolved_at__isnull=True).exists()
    # A helper answers: the late submission is the one they get; once covered, resolved.
    with TestCase.captureOnCommitCallbacks(execute=True):
        for helper in (early[0], early[1], alumna):
            lease = api.request_review(BLOCK, helper, now=at(84))
            assert lease.submission_id == api.submission_of(BLOCK, late).id
            api.submit_review(lease.id, helper, scores=scores(2), comments=COMMENTS, now=at(84))
    coverage.check_coverage(now=at(85))
    assert not Escalation.objects.filter(resolved_at__isnull=True).exists()


def test_beat_schedule_lists_the_coverage_task():
    from django.conf import settings

    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "dxq.deliverable.check_coverage" in tasks
    assert "dxq.deliverable.regrade_all" in tasks


def test_coverage_task_runs_through_celery(deliverable, make_user):
    from deliverable_xblock import tasks

    api.submit(BLOCK, COURSE, make_user(), text_html="<p>x</p>", now=at(0))
    result = tasks.check_coverage.delay().get()
    assert result["overdue"] == 1


def test_coverage_mail_is_in_each_recipients_language(deliverable, make_user, monkeypatch):
    """Inside the LMS each person is asked in the language of their ``pref-lang`` preference
    (Japanese without one), as the community's mails are. The LMS preferences API is stood in
    for under its real import path."""
    import sys
    import types

    from casestudy_xblock.platform import lms_attr

    english, japanese, unset = make_user("en1"), make_user("ja1"), make_user("none1")
    chosen = {english.pk: "en", japanese.pk: "ja"}
    path = "openedx.core.djangoapps.user_api.preferences.api"
    parts = path.split(".")
    for i in range(1, len(parts)):
        monkeypatch.setitem(sys.modules, ".".join(parts[:i]), types.ModuleType(parts[i - 1]))
    module = types.ModuleType(path)
    module.get_user_preference = lambda user, key: (
        chosen.get(user.pk) if key == "pref-lang" else None
    )
    monkeypatch.setitem(sys.modules, path, module)
    lms_attr.cache_clear()
    try:
        author = make_user("author1")
        work = api.submit(BLOCK, COURSE, author, text_html="<p>x</p>", now=at(0))
        coverage.notify(
            [english.pk, japanese.pk, unset.pk], BLOCK, Submission.objects.get(pk=work.id)
        )
    finally:
        lms_attr.cache_clear()
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects == {
        english.email: "A peer's work is waiting for your review",
        japanese.email: "仲間の成果物があなたのレビューを待っています",
        unset.email: "仲間の成果物があなたのレビューを待っています",
    }

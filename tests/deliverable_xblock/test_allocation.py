"""Allocation: order, exclusions, leases, calibration, and the query bound."""

from datetime import timedelta

import pytest
from django.utils import timezone

from deliverable_xblock import allocation, api
from deliverable_xblock.errors import LeaseExpired
from deliverable_xblock.models import Assignment, Submission, TeamMembership
from tests.deliverable_xblock.peer_support import BLOCK, COMMENTS, COURSE, scores

T0 = timezone.now().replace(microsecond=0)


def hours(h):
    return T0 + timedelta(hours=h)


def submit_at(user, hour):
    return api.submit(BLOCK, COURSE, user, text_html="<p>x</p>", now=hours(hour))


def test_fewest_reviews_first_then_longest_waiting(deliverable, make_user):
    a, b, c = (make_user() for _ in range(3))
    sub_a, sub_b, sub_c = submit_at(a, 0), submit_at(b, 1), submit_at(c, 2)
    Submission.objects.filter(pk=sub_a.id).update(done=2)
    r1, r2, r3 = (make_user() for _ in range(3))
    # b and c both have 0 reviews: b waited longer.
    assert api.request_review(BLOCK, r1, now=hours(3)).submission_id == sub_b.id
    # b now has a live lease (load 1), c has 0: c.
    assert api.request_review(BLOCK, r2, now=hours(3)).submission_id == sub_c.id
    # b 1, c 1, a 2: b (longest waiting among the least reviewed).
    assert api.request_review(BLOCK, r3, now=hours(3)).submission_id == sub_b.id


def test_late_submitter_is_served_before_older_reviewed_work(deliverable, make_user):
    early = [make_user() for _ in range(3)]
    for user in early:
        submit_at(user, 0)
    Submission.objects.update(done=1)
    late = make_user()
    late_sub = submit_at(late, 50)
    reviewer = make_user()
    assert api.request_review(BLOCK, reviewer, now=hours(51)).submission_id == late_sub.id
    oldest = allocation.allocate(
        BLOCK, make_user().pk, now=hours(51), order=allocation.ORDER_OLDEST, calibration_items=0
    )
    assert oldest.submission_id != late_sub.id  # ORA2's rule gives the oldest instead


def test_never_own_team_or_already_reviewed(deliverable, make_user):
    api.configure(BLOCK, COURSE, team_mode=True, calibration_items=0)
    alice, bob, carol = make_user("alice"), make_user("bob"), make_user("carol")
    for user, team in ((alice, "red"), (bob, "red"), (carol, "blue")):
        TeamMembership.objects.create(course_key=COURSE, team_id=team, user=user)
    red = api.submit(BLOCK, COURSE, alice, text_html="<p>red</p>")
    assert api.submission_of(BLOCK, bob).id == red.id  # team members share it
    assert api.request_review(BLOCK, bob) is None  # their own team's work
    assignment = api.request_review(BLOCK, carol)
    assert assignment.submission_id == red.id
    api.submit_review(assignment.id, carol, scores=scores(2), comments=COMMENTS)
    assert api.request_review(BLOCK, carol) is None  # already reviewed it


def test_team_submission_requires_a_team(deliverable, make_user):
    from deliverable_xblock.errors import NotAllowed

    api.configure(BLOCK, COURSE, team_mode=True)
    with pytest.raises(NotAllowed):
        api.submit(BLOCK, COURSE, make_user(), text_html="<p>x</p>")


def test_a_live_lease_is_returned_again_not_doubled(deliverable, make_user):
    submit_at(make_user(), 0)
    submit_at(make_user(), 0)
    reviewer = make_user()
    first = api.request_review(BLOCK, reviewer, now=hours(1))
    again = api.request_review(BLOCK, reviewer, now=hours(1.5))
    assert again.id == first.id
    assert Assignment.objects.filter(reviewer=reviewer).count() == 1


def test_expired_lease_returns_to_the_pool(deliverable, make_user):
    api.configure(BLOCK, COURSE, required_reviews=1, lease_minutes=60, calibration_items=0)
    author = make_user()
    sub = submit_at(author, 0)
    slow, quick = make_user(), make_user()
    lease = api.request_review(BLOCK, slow, now=hours(1))
    assert lease.submission_id == sub.id
    assert api.request_review(BLOCK, quick, now=hours(1.5)) is None  # the only slot is leased
    replacement = api.request_review(BLOCK, quick, now=hours(2.1))  # lease expired at 2:00
    assert replacement.submission_id == sub.id
    api.submit_review(replacement.id, quick, scores=scores(3), comments=COMMENTS, now=hours(2.2))
    with pytest.raises(LeaseExpired):
        api.submit_review(lease.id, slow, scores=scores(3), comments=COMMENTS, now=hours(2.3))
    assert Submission.objects.get(pk=sub.id).done == 1


def test_late_review_is_kept_when_the_slot_is_still_free(deliverable, make_user):
    submit_at(make_user(), 0)
    reviewer = make_user()
    lease = api.request_review(BLOCK, reviewer, now=hours(1))
    review = api.submit_review(
        lease.id, reviewer, scores=scores(3), comments=COMMENTS, now=hours(5)
    )
    assert review.pk


def test_calibration_items_are_mixed_in_blind(deliverable, make_user):
    api.configure(BLOCK, COURSE, calibration_items=2)
    operator = make_user("op", is_staff=True)
    golds = [
        api.create_gold(
            BLOCK, COURSE, operator, text_html=f"<p>gold {i}</p>", expert_scores=scores(2)
        )
        for i in range(3)
    ]
    for _ in range(4):
        submit_at(make_user(), 0)
    reviewer = make_user()
    kinds = []
    for step in range(5):
        lease = api.request_review(BLOCK, reviewer, now=hours(1 + step))
        if lease is None:
            break
        kinds.append("gold" if lease.submission_id in golds else "peer")
        api.submit_review(
            lease.id, reviewer, scores=scores(2), comments=COMMENTS, now=hours(1.5 + step)
        )
    assert kinds == ["gold", "peer", "gold", "peer", "peer"]
    # Gold items are not in the peer pool and do not count as received reviews.
    assert Submission.objects.filter(is_gold=True, done=0).count() == 3


@pytest.mark.django_db(transaction=True)  # as in production: no test transaction around it
def test_allocation_takes_at_most_four_queries(deliverable, make_user):
    """Four statements; SQLite also logs its BEGIN/COMMIT (MariaDB toggles autocommit)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(30):
        submit_at(make_user(), 0)
    Submission.objects.filter(
        pk__in=list(Submission.objects.values_list("pk", flat=True)[:10])
    ).update(done=2)
    for _ in range(5):  # some live leases and finished reviews around
        api.request_review(BLOCK, make_user(), now=hours(1))
    reviewer = make_user()
    with CaptureQueriesContext(connection) as captured:
        found = allocation.allocate(BLOCK, reviewer.pk, now=hours(1), calibration_items=0)
    assert found is not None
    assert not found.reused
    statements = [
        q["sql"] for q in captured.captured_queries if q["sql"] not in ("BEGIN", "COMMIT")
    ]
    assert len(statements) <= 4, statements

"""``api.completion_count``: the completers the program insights divide costs by."""

import datetime as dt

from django.utils import timezone

from community_plugin.badges import api

from .helpers import make_badge_class


def test_none_when_no_completion_badge_is_defined(issuer):
    make_badge_class(issuer, slug="first-answer")
    now = timezone.now()
    assert api.completion_count(now - dt.timedelta(days=1), now) is None


def test_counts_distinct_live_recipients_of_completion_badges_in_the_window(
    issuer, learner, other_learner
):
    completion = make_badge_class(issuer, slug="program-completed", marks_completion=True)
    other = make_badge_class(issuer, slug="first-answer")
    now = timezone.now()
    since, until = now - dt.timedelta(days=1), now + dt.timedelta(days=1)

    assert api.completion_count(since, until) == 0
    api.award(completion, learner, source="manual")
    api.award(other, other_learner, source="manual")  # not a completion badge
    assert api.completion_count(since, until) == 1

    revoked = api.award(completion, other_learner, source="manual")
    api.revoke(revoked, "issued by mistake")
    assert api.completion_count(since, until) == 1  # a revoked award does not count

    api.award(completion, other_learner, source="manual")  # re-awarded after revocation
    assert api.completion_count(since, until) == 2
    assert api.completion_count(until, until + dt.timedelta(days=1)) == 0  # outside

"""A small community whose health figures were computed by hand (see test_metrics.py).

Period under test: 2026-01-05..2026-01-11 (Asia/Tokyo); the previous period is
2025-12-29..2026-01-04.
"""

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from casestudy_xblock import roles
from community_plugin.discussions.models import Flag, Post, Reaction, Thread
from community_plugin.insights.models import CompleterCount, CostEntry, FeedbackItem, Visit
from community_plugin.models import Attendance, Membership, Rsvp, Space, StudySession

TOKYO = ZoneInfo("Asia/Tokyo")
START, END = dt.date(2026, 1, 5), dt.date(2026, 1, 11)
NOW = dt.datetime(2026, 2, 1, tzinfo=TOKYO)


def at(month, day, hour, minute=0, year=2026):
    return dt.datetime(year, month, day, hour, minute, tzinfo=TOKYO)


def _thread(space, author, kind, when, skills=(), hidden=False):
    thread = Thread.objects.create(
        space=space,
        author=author,
        kind=kind,
        title=f"t {when}",
        body_md="b",
        body_html="<p>b</p>",
        skills=list(skills),
        hidden=hidden,
    )
    Thread.objects.filter(pk=thread.pk).update(created=when)
    return thread


def _reply(thread, author, when):
    post = Post.objects.create(thread=thread, author=author, body_md="r", body_html="<p>r</p>")
    Post.objects.filter(pk=post.pk).update(created=when)
    return post


def build():
    users = get_user_model().objects
    operators, _ = Group.objects.get_or_create(name=roles.GROUPS[roles.OPERATOR])
    people = {name: users.create_user(name, f"{name}@example.org", "pw") for name in "abcd"}
    op = users.create_user("op", "op@example.org", "pw")
    op.groups.add(operators)
    a, b, c, d = (people[n] for n in "abcd")
    space = Space.objects.create(slug="s", kind=Space.COURSE, name="S")
    for person in (a, b, c, d, op):
        Membership.objects.create(space=space, user=person, source=Membership.MANUAL)
    skill = "dss-p/v1/BT-1-1"
    Q, IDEA = Thread.QUESTION, Thread.IDEA

    t0 = _thread(space, a, Q, at(1, 1, 10))
    _reply(t0, b, at(1, 1, 11))

    t1 = _thread(space, a, Q, at(1, 5, 10), skills=[skill])
    accepted = _reply(t1, b, at(1, 5, 10, 30))
    _reply(t1, a, at(1, 5, 11))
    _reply(t1, op, at(1, 5, 12))
    Thread.objects.filter(pk=t1.pk).update(accepted_post=accepted)

    t2 = _thread(space, b, Q, at(1, 6, 9))
    t2_first = _reply(t2, op, at(1, 6, 11))
    _reply(t2, c, at(1, 6, 12))

    t3 = _thread(space, c, Q, at(1, 7, 8))
    _reply(t3, a, at(1, 8, 14))

    t4 = _thread(space, d, Q, at(1, 8, 10))

    t5 = _thread(space, a, IDEA, at(1, 9, 10), skills=[skill])
    _reply(t5, d, at(1, 9, 15))

    _thread(space, d, Q, at(1, 10, 9), hidden=True)

    reaction = Reaction.objects.create(thread=t1, user=c, kind=Reaction.HELPFUL)
    Reaction.objects.filter(pk=reaction.pk).update(created=at(1, 10, 10))

    for user, day in ((a, 5), (a, 6), (b, 5)):
        Visit.objects.create(user=user, day=dt.date(2026, 1, day))
    Visit.objects.create(user=c, day=dt.date(2025, 12, 20))

    session = StudySession.objects.create(
        space=space, title="勉強会", starts_at=at(1, 9, 19), ends_at=at(1, 9, 20), host=op
    )
    for user, status in ((a, Rsvp.GOING), (b, Rsvp.GOING), (c, Rsvp.GOING), (d, Rsvp.INTERESTED)):
        Rsvp.objects.create(session=session, user=user, status=status)
    Attendance.objects.create(session=session, user=a, attended=True)
    Attendance.objects.create(session=session, user=b, attended=False)
    Attendance.objects.create(session=session, user=d, attended=True)

    flag1 = Flag.objects.create(thread=t4, user=a, reason=Flag.OTHER)
    Flag.objects.filter(pk=flag1.pk).update(created=at(1, 8, 11), resolved=at(1, 8, 13))
    flag2 = Flag.objects.create(thread=t2, post=t2_first, user=d, reason=Flag.RUDE)
    Flag.objects.filter(pk=flag2.pk).update(created=at(1, 9, 9), resolved=at(1, 9, 13))

    for when, category, program in (
        (at(1, 6, 9), FeedbackItem.CONTENT, "case_study"),
        (at(1, 7, 9), FeedbackItem.PLATFORM, "portal"),
        (at(1, 2, 9), FeedbackItem.OTHER, "general"),
    ):
        item = FeedbackItem.objects.create(author=a, category=category, program=program, text="x")
        FeedbackItem.objects.filter(pk=item.pk).update(created=when)

    CostEntry.objects.create(
        category=CostEntry.STAFF,
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 1, 14),
        amount_jpy=140_000,
    )
    CompleterCount.objects.create(
        period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 1, 31), count=31
    )
    return SimpleNamespace(space=space, op=op, t4=t4, **people)

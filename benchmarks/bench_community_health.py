"""Community health dashboard: computation time and SQL queries at 100k posts / 5k members.

Anchor (same process, same database, same run): the same dashboard over a community of 1k posts
(50 members). The data is written with ``bulk_create``: threads, replies, reactions, flags,
visits and study sessions over 180 days; the dashboard covers the last 28 days. The first call
fills the daily rollups (as the nightly Celery beat task would) and is reported apart ("cold");
the figures are the median of later calls (closed days read from the rollups, today computed
live). The nightly refresh (the beat task's work for one space: the last
DXQ_INSIGHTS_ROLLUP_REFRESH_DAYS days) is timed apart. SQLite by default; MariaDB when
DXQ_DATABASE_URL is set.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import random
import time

from .harness import median_seconds, record

DAYS = 180
UNUSABLE = "!"  # an unusable password hash: nobody can log in


def _setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conf.settings.test")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    with contextlib.suppress(RuntimeError):
        setup_test_environment()
    if connection.vendor == "mysql":
        # Tables straight from the models (edx-submissions' MariaDB UUID migration fails on a
        # fresh database), as pytest-django's --nomigrations does.
        class NoMigrations:
            def __contains__(self, item):
                return True

            def __getitem__(self, item):
                return None

        settings.MIGRATION_MODULES = NoMigrations()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    return connection


def populate(slug, posts, members, seed=7):
    """A space with ``members`` people and ``posts`` contributions (1 thread per 10 posts)."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from community_plugin.discussions.models import Flag, Post, Reaction, Thread
    from community_plugin.insights.demo import past_timestamps
    from community_plugin.insights.models import Visit
    from community_plugin.models import Attendance, Membership, Rsvp, Space, StudySession

    rng = random.Random(seed)
    users = get_user_model()
    users.objects.bulk_create(
        [users(username=f"{slug}-{n}", password=UNUSABLE, email="") for n in range(members)],
        batch_size=2000,
    )
    people = list(
        users.objects.filter(username__startswith=f"{slug}-").values_list("pk", flat=True)
    )
    space = Space.objects.create(slug=slug, kind=Space.COURSE, name=slug)
    Membership.objects.bulk_create(
        [Membership(space=space, user_id=u, source=Membership.MANUAL) for u in people],
        batch_size=2000,
    )
    now = timezone.now()
    start = now - dt.timedelta(days=DAYS)

    def moment():
        return start + dt.timedelta(seconds=rng.uniform(0, DAYS * 86400))

    n_threads = max(1, posts // 10)
    with past_timestamps(Thread, Post, Reaction, Flag):
        threads = []
        for _ in range(n_threads):
            created = moment()
            threads.append(
                Thread(
                    space=space,
                    kind=rng.choice(["question"] * 3 + ["idea"]),
                    title="t",
                    body_md="b",
                    body_html="b",
                    author_id=rng.choice(people),
                    created=created,
                    last_activity=created,
                    skills=["dss-p/v1/BT-1-1"] if rng.random() < 0.5 else [],
                )
            )
        Thread.objects.bulk_create(threads, batch_size=2000)
        thread_rows = list(Thread.objects.filter(space=space).values_list("pk", "created"))
        replies = []
        for _ in range(posts - n_threads):
            pk, created = rng.choice(thread_rows)
            when = min(now, created + dt.timedelta(hours=rng.expovariate(1 / 8)))
            replies.append(
                Post(
                    thread_id=pk,
                    author_id=rng.choice(people),
                    body_md="r",
                    body_html="r",
                    created=when,
                )
            )
        Post.objects.bulk_create(replies, batch_size=5000)
        post_rows = list(
            Post.objects.filter(thread__space=space).values_list("pk", "thread_id", "created")[
                : posts // 5
            ]
        )
        Reaction.objects.bulk_create(
            [
                Reaction(
                    thread_id=t, post_id=p, user_id=rng.choice(people), kind="helpful", created=c
                )
                for p, t, c in post_rows
            ],
            batch_size=5000,
            ignore_conflicts=True,
        )
        Flag.objects.bulk_create(
            [
                Flag(
                    thread_id=t,
                    post_id=p,
                    user_id=rng.choice(people),
                    reason="spam",
                    created=c,
                    resolved=c + dt.timedelta(hours=3),
                )
                for p, t, c in post_rows[: max(1, posts // 200)]
            ],
            batch_size=2000,
        )
    today = timezone.localdate()
    visits = [
        Visit(user_id=u, day=today - dt.timedelta(days=d))
        for u in people
        for d in range(60)
        if rng.random() < 0.15
    ]
    Visit.objects.bulk_create(visits, batch_size=5000, ignore_conflicts=True)
    for week in range(8):
        starts = now - dt.timedelta(weeks=week, hours=3)
        session = StudySession.objects.create(
            space=space,
            title=f"s{week}",
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=1),
            host_id=people[0],
        )
        going = rng.sample(people, min(len(people), 30))
        Rsvp.objects.bulk_create([Rsvp(session=session, user_id=u, status="going") for u in going])
        Attendance.objects.bulk_create(
            [Attendance(session=session, user_id=u, attended=rng.random() < 0.7) for u in going]
        )
    return space


def _measure(space, repeats):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from community_plugin.insights.metrics import compute

    end = timezone.localdate()
    start = end - dt.timedelta(days=27)
    began = time.perf_counter()
    compute(space, start, end)  # cold: fills the daily rollups of both periods
    cold_ms = (time.perf_counter() - began) * 1000
    with CaptureQueriesContext(connection) as queries:
        compute(space, start, end)
    ms = median_seconds(lambda: compute(space, start, end), repeats=repeats) * 1000
    return ms, len(queries.captured_queries), cold_ms


def _refresh(space, repeats):
    """The nightly rollup refresh of one space (ms, median)."""
    from django.utils import timezone

    from community_plugin.insights.metrics.base import Scope
    from community_plugin.insights.metrics.daily import refresh

    yesterday = timezone.localdate() - dt.timedelta(days=1)
    return median_seconds(lambda: refresh(Scope(space), yesterday), repeats=repeats) * 1000


def run(
    posts: int = 100_000,
    members: int = 5_000,
    small_posts: int = 1_000,
    small_members: int = 50,
    repeats: int = 5,
) -> list[dict]:
    connection = _setup_django()
    try:
        small = populate("small", small_posts, small_members)
        small_ms, small_queries, small_cold = _measure(small, repeats)
        large = populate("large", posts, members)
        large_ms, large_queries, large_cold = _measure(large, repeats)
        program_ms, program_queries, _cold = _measure(None, repeats)
        small_refresh, large_refresh = _refresh(small, repeats), _refresh(large, repeats)
        params = {
            "posts": posts,
            "members": members,
            "period_days": 28,
            "repeats": repeats,
            "database": connection.vendor,
        }
        anchor_ms = f"same dashboard at {small_posts:,} posts / {small_members} members, ms"
        anchor_q = f"same dashboard at {small_posts:,} posts / {small_members} members, queries"
        return [
            record("community_health_ms", large_ms, "ms", anchor_ms, small_ms, params),
            record(
                "community_health_queries",
                large_queries,
                "queries",
                anchor_q,
                small_queries,
                params,
            ),
            record(
                "community_health_cold_ms",
                large_cold,
                "ms",
                anchor_ms + " (cold)",
                small_cold,
                params,
            ),
            record(
                "community_health_rollup_refresh_ms",
                large_refresh,
                "ms",
                f"same refresh at {small_posts:,} posts / {small_members} members, ms",
                small_refresh,
                {**params, "scope": "one space, nightly refresh of the last days"},
            ),
            record(
                "community_health_program_ms",
                program_ms,
                "ms",
                anchor_ms,
                small_ms,
                {**params, "scope": "program (both spaces)"},
            ),
            record(
                "community_health_program_queries",
                program_queries,
                "queries",
                anchor_q,
                small_queries,
                {**params, "scope": "program (both spaces)"},
            ),
        ]
    finally:
        connection.creation.destroy_test_db(
            connection.settings_dict["NAME"], verbosity=0, keepdb=False
        )

"""Peer-review allocation at scale on MariaDB: queries, p95 latency, 200 concurrent reviewers.

A deliverable with 10,000 submissions and 50,000 completed reviews; reviewers ask for work
through ``deliverable_xblock.allocation.allocate``. Anchor (same run, same data, same code
path): ORA2's rule, the **oldest** submission still short of reviews, implemented the same way
(``order="oldest"``), so the ratio isolates the ordering rule.

Needs MariaDB: uses ``DXQ_DATABASE_URL`` when it is a mysql:// URL, else tries
``mysql://root@127.0.0.1:3306/dxq_peer_engine``; without MariaDB it prints why and returns no
records. 200 concurrent reviewers need 200+ connections: the benchmark raises the server's
``max_connections`` to 400 when it is lower (``SET GLOBAL``; root only).

Every connection gives up instead of hanging on a stuck server: connecting after
``CONNECT_TIMEOUT`` seconds, waiting for an answer after ``DXQ_BENCH_DB_TIMEOUT`` seconds
(default 120; the longest statement, copying the 50,000 reviews, takes seconds). The run then
prints what did not answer and returns no records.
"""

from __future__ import annotations

import contextlib
import os
import random
import statistics
import threading
import time
from datetime import UTC, datetime, timedelta

from .harness import record

DEFAULT_URL = "mysql://root@127.0.0.1:3306/dxq_peer_engine"
BLOCK = "block-v1:DXQ+Bench+2026+type@dxq_deliverable+block@alloc"
TIGHT = "block-v1:DXQ+Bench+2026+type@dxq_deliverable+block@tight"
COURSE = "course-v1:DXQ+Bench+2026"
NOW = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
#: Seconds to wait for MariaDB to accept a connection.
CONNECT_TIMEOUT = 10


def _timeouts():
    """MySQLdb connection options: give up on a server that does not answer."""
    wait = int(os.environ.get("DXQ_BENCH_DB_TIMEOUT") or 120)
    return {"connect_timeout": CONNECT_TIMEOUT, "read_timeout": wait, "write_timeout": wait}


def _with_timeouts(settings_dict):
    """Make every connection opened from ``settings_dict`` give up in time (each thread's
    connection is opened from the same dict)."""
    settings_dict.setdefault("OPTIONS", {}).update(_timeouts())
    return settings_dict


def _stuck(exc):
    """What the run prints when MariaDB refused, failed or stopped answering."""
    wait = _timeouts()["read_timeout"]
    return (
        f"peer_alloc: stopped: MariaDB refused or did not answer ({exc}). Each connection waits "
        f"{CONNECT_TIMEOUT} s to connect and {wait} s for an answer (DXQ_BENCH_DB_TIMEOUT "
        "sets it); check that the server is up and not stuck, then run again."
    )


def _mariadb_reachable(url):
    try:
        import MySQLdb
        from dj_database_url import parse

        cfg = parse(url)
        server = MySQLdb.connect(
            host=cfg["HOST"],
            port=int(cfg["PORT"] or 3306),
            user=cfg["USER"],
            passwd=cfg["PASSWORD"] or "",
            **_timeouts(),
        )
        server.cursor().execute(
            f"CREATE DATABASE IF NOT EXISTS `{cfg['NAME']}` CHARACTER SET utf8mb4"
        )
        server.close()
        return True
    except Exception as exc:  # noqa: BLE001 - any failure means "no MariaDB here"
        print(f"peer_alloc: MariaDB not reachable ({exc}); skipped")
        return False


def _setup_django():
    from django.conf import settings

    url = os.environ.get("DXQ_DATABASE_URL", "")
    if not settings.configured:
        if not url.startswith("mysql"):
            if not _mariadb_reachable(DEFAULT_URL):
                return None
            os.environ["DXQ_DATABASE_URL"] = DEFAULT_URL
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conf.settings.test")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    if connection.vendor != "mysql":
        print("peer_alloc: needs MariaDB (set DXQ_DATABASE_URL=mysql://...); skipped")
        return None
    _with_timeouts(connection.settings_dict)
    with contextlib.suppress(RuntimeError):
        setup_test_environment()
    with connection.cursor() as cursor:
        cursor.execute("SELECT @@max_connections")
        if cursor.fetchone()[0] < 400:
            cursor.execute("SET GLOBAL max_connections = 400")
    test = connection.settings_dict.setdefault("TEST", {})
    test["NAME"] = f"test_{connection.settings_dict['NAME']}_bench"  # apart from pytest's
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    return connection


def _populate(submissions, reviews, rng):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from deliverable_xblock import api
    from deliverable_xblock.models import (
        Assignment,
        Review,
        RubricVersion,
        Submission,
        SubmissionMember,
    )

    User = get_user_model()
    password = make_password("x")
    User.objects.bulk_create(
        [User(username=f"b{i}", password=password) for i in range(submissions + 1000)],
        batch_size=2000,
    )
    ids = list(User.objects.order_by("id").values_list("id", flat=True))
    authors, spare = ids[:submissions], ids[submissions:]
    api.configure(BLOCK, COURSE, required_reviews=3, calibration_items=0)
    api.configure(TIGHT, COURSE, required_reviews=3, calibration_items=0)
    rubric = RubricVersion.objects.create(
        block_key=BLOCK,
        number=1,
        criteria=[{"id": "c", "label": "c", "options": [{"id": "o", "points": 1}]}],
    )
    start = NOW - timedelta(days=10)
    Submission.objects.bulk_create(
        [
            Submission(
                block_key=BLOCK,
                course_key=COURSE,
                uuid=f"bench-{i}",
                author_id=uid,
                author_key=f"u:{uid}",
                submitted_at=start + timedelta(seconds=60 * i),
                need=6,
            )
            for i, uid in enumerate(authors)
        ],
        batch_size=2000,
    )
    sub_ids = list(
        Submission.objects.filter(block_key=BLOCK).order_by("id").values_list("id", flat=True)
    )
    SubmissionMember.objects.bulk_create(
        [
            SubmissionMember(submission_id=s, user_id=u)
            for s, u in zip(sub_ids, authors, strict=False)
        ],
        batch_size=2000,
    )
    pairs, done = set(), {}
    while len(pairs) < reviews:
        k = rng.randrange(submissions)
        reviewer = authors[rng.randrange(submissions)]
        if reviewer == authors[k] or (sub_ids[k], reviewer) in pairs:
            continue
        if done.get(sub_ids[k], 0) >= 6:
            continue
        pairs.add((sub_ids[k], reviewer))
        done[sub_ids[k]] = done.get(sub_ids[k], 0) + 1
    Assignment.objects.bulk_create(
        [
            Assignment(
                submission_id=s,
                reviewer_id=r,
                block_key=BLOCK,
                state=Assignment.SUBMITTED,
                leased_at=start,
                expires_at=start + timedelta(hours=1),
                completed_at=start,
            )
            for s, r in pairs
        ],
        batch_size=2000,
    )
    # One completed review per submitted assignment, copied server-side.
    from django.db import connection

    review_table = connection.ops.quote_name(Review._meta.db_table)
    assignment_table = connection.ops.quote_name(Assignment._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {review_table} (assignment_id, submission_id, reviewer_id, rubric_id, "  # noqa: S608
            "is_gold, overall_comment, points, hidden, hidden_reason, created) "
            f"SELECT id, submission_id, reviewer_id, %s, 0, '', 1, 0, '', completed_at "
            f"FROM {assignment_table} WHERE block_key = %s",
            [rubric.pk, BLOCK],
        )
    for count in set(done.values()):
        Submission.objects.filter(id__in=[s for s, n in done.items() if n == count]).update(
            done=count
        )
    # The tight deliverable: 40 submissions × 3 reviews = 120 slots for 200 reviewers.
    Submission.objects.bulk_create(
        [
            Submission(
                block_key=TIGHT,
                course_key=COURSE,
                uuid=f"tight-{i}",
                author_id=authors[i],
                author_key=f"u:{authors[i]}",
                submitted_at=start,
                need=3,
            )
            for i in range(40)
        ]
    )
    return authors, spare


def _sequential(reviewers, order):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from deliverable_xblock.allocation import allocate

    queries, millis, trips = [], [], []
    for reviewer in reviewers:
        with CaptureQueriesContext(connection) as captured:
            began = time.perf_counter()
            found = allocate(BLOCK, reviewer, now=NOW, calibration_items=0, order=order)
            millis.append((time.perf_counter() - began) * 1000)
        if found is None:
            from deliverable_xblock.allocation import _candidates

            rows = _candidates(BLOCK, reviewer, NOW, order)
            raise RuntimeError(f"nothing allocated to {reviewer}: {rows[:6]}")
        # SQL statements; Django also logs the BEGIN and COMMIT around the lease (round trips).
        queries.append(
            sum(1 for q in captured.captured_queries if q["sql"] not in ("BEGIN", "COMMIT"))
        )
        trips.append(len(captured.captured_queries))
        if os.environ.get("DXQ_BENCH_SHOW_QUERIES") and len(queries) == 1:
            for q in captured.captured_queries:
                print(q["sql"][:100].replace("\n", " "))
    return max(queries), statistics.quantiles(millis, n=20)[18], max(trips)


def _concurrent(block, reviewers, order):
    from django.db import connection

    from deliverable_xblock.allocation import allocate

    barrier = threading.Barrier(len(reviewers), timeout=_timeouts()["read_timeout"])
    millis, granted, errors = [], [], []
    lock = threading.Lock()

    def work(reviewer):
        try:
            barrier.wait()
            began = time.perf_counter()
            found = allocate(block, reviewer, now=NOW, calibration_items=0, order=order)
            elapsed = (time.perf_counter() - began) * 1000
            with lock:
                millis.append(elapsed)
                if found is not None:
                    granted.append(found.submission_id)
        except Exception as exc:  # noqa: BLE001 - counted and reported
            with lock:
                errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(r,)) for r in reviewers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return millis, granted, errors


def _over_assigned(block):
    """Submissions holding more reviews plus live leases than they need (must be 0)."""
    from django.db import connection

    from deliverable_xblock.models import Assignment, Submission

    sub = connection.ops.quote_name(Submission._meta.db_table)
    asg = connection.ops.quote_name(Assignment._meta.db_table)
    with connection.cursor() as cursor:
        # Only quoted table names are formatted in; values go as parameters.
        cursor.execute(
            f"SELECT COUNT(*) FROM {sub} s WHERE s.block_key = %s AND s.done + (SELECT COUNT(*) "  # noqa: S608
            f"FROM {asg} a WHERE a.submission_id = s.id AND a.state = 'leased' "
            f"AND a.expires_at > %s) > s.need",
            [block, connection.ops.adapt_datetimefield_value(NOW)],
        )
        return cursor.fetchone()[0]


def _reset_leases():
    from deliverable_xblock.models import Assignment

    Assignment.objects.filter(state=Assignment.LEASED).delete()


def run(submissions: int = 10_000, reviews: int = 50_000, concurrent: int = 200) -> list[dict]:
    from django.db import OperationalError

    try:
        connection = _setup_django()
    except OperationalError as exc:
        print(_stuck(exc))
        return []
    if connection is None:
        return []
    try:
        return _measure(connection, submissions, reviews, concurrent)
    except OperationalError as exc:
        print(_stuck(exc))
        return []
    finally:
        from django.db import connections

        connections.close_all()
        try:
            connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)
        except OperationalError as exc:
            print(
                f"peer_alloc: could not drop the test database "
                f"{connection.settings_dict['NAME']} ({exc}); drop it by hand."
            )


def _measure(connection, submissions, reviews, concurrent):
    rng = random.Random(4)
    began = time.perf_counter()
    authors, spare = _populate(submissions, reviews, rng)
    print(f"peer_alloc: data ready in {time.perf_counter() - began:.0f} s")
    sample = rng.sample(authors, 600)
    ours_q, ours_p95, ours_trips = _sequential(sample[:300], "fewest")
    _reset_leases()
    old_q, old_p95, _old_trips = _sequential(sample[300:], "oldest")
    _reset_leases()
    params = {
        "submissions": submissions,
        "reviews": reviews,
        "allocations": 300,
        "round_trips_with_begin_commit": ours_trips,
    }
    out = [
        record(
            "peer_alloc_queries",
            ours_q,
            "queries (max)",
            "oldest-first (ORA2 rule)",
            old_q,
            params,
        ),
        record("peer_alloc_p95_ms", ours_p95, "ms", "oldest-first (ORA2 rule)", old_p95, params),
    ]
    results = {}
    for order in ("fewest", "oldest"):
        millis, granted, errors = _concurrent(BLOCK, spare[:concurrent], order)
        over = _over_assigned(BLOCK)
        results[order] = (statistics.quantiles(millis, n=20)[18], len(granted), over, errors)
        _reset_leases()
    (ours_c, ours_granted, ours_over, ours_err) = results["fewest"]
    (old_c, old_granted, old_over, _old_err) = results["oldest"]
    out.append(
        record(
            "peer_alloc_concurrent_p95_ms",
            ours_c,
            "ms",
            "oldest-first (ORA2 rule)",
            old_c,
            {
                **params,
                "reviewers": concurrent,
                "granted": ours_granted,
                "over_assigned_submissions": ours_over,
                "errors": len(ours_err),
                "anchor_granted": old_granted,
                "anchor_over_assigned": old_over,
            },
        )
    )
    millis, granted, errors = _concurrent(TIGHT, spare[concurrent : 2 * concurrent], "fewest")
    over = _over_assigned(TIGHT)
    out.append(
        record(
            "peer_alloc_tight_leases",
            len(granted) or 1e-9,
            "leases",
            "open slots (40 × 3)",
            120,
            {
                "reviewers": concurrent,
                "over_assigned_submissions": over,
                "errors": len(errors),
                "p95_ms": round(statistics.quantiles(millis, n=20)[18], 1),
            },
        )
    )
    if ours_err or errors:
        print("peer_alloc errors:", (ours_err + errors)[:3])
    return out

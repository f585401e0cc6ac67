"""Allocation: which submission a reviewer gets next (ADR 0010, "Allocation").

Rule: among active submissions of the block that the reviewer may review (not their own, not
their team's, not one they already had), the one with the **fewest reviews** (completed plus live
leases), then the one **waiting longest**. Calibration (gold) items are mixed in blind: while a
reviewer has scored fewer than ``calibration_items`` gold items, their 1st, 3rd, 5th... request
is a gold item.

Queries (the bound is tested with ``django_assert_max_num_queries`` and measured by
``benchmarks/bench_peer_alloc.py``):

1. one read with four branches (UNION ALL): the reviewer's live lease if any, their counts, a
   gold item, and the first few peer candidates in order (the live lease count is a correlated
   ``COUNT`` on an index, never a Python loop);
2. ``SELECT ... FOR UPDATE SKIP LOCKED`` of the first candidate (MariaDB 10.6+; SQLite
   serialises writers itself): a row another reviewer is leasing right now is skipped, not
   waited for, and the next candidate is tried;
3. the live lease count of the locked row, read after the lock was taken (the candidate read
   runs outside the transaction, so this count sees every lease committed by whoever held the
   lock before us, under READ COMMITTED and REPEATABLE READ alike);
4. the INSERT of the lease.

Under contention (all candidates locked or filled meanwhile) the reviewer walks further or
looks again (at most ``ROUNDS`` times); uncontended it is exactly these four.

A submission is never leased beyond ``need``: leases on a row are only created while holding its
lock, and the count is re-read under that lock. An expired lease (``expires_at`` past) simply
stops counting, so the slot is back in the pool without any sweeper.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import connection, transaction
from django.db.utils import IntegrityError

from .models import Assignment, Submission, SubmissionMember

#: How many rows the first query reads in index order (fewest completed reviews, then longest
#: waiting) before adding their live leases: the true order (completed + live) is taken among
#: them, so no query ever walks every submission.
WINDOW = 48
#: How many of those the reviewer tries to lock, best first.
CANDIDATES = 16
#: How many times a reviewer looks again when every candidate was taken meanwhile (contention).
ROUNDS = 12

ORDER_FEWEST = "fewest"  # ours: fewest reviews (done + live leases), then longest waiting
ORDER_OLDEST = "oldest"  # ORA2's rule, for the benchmark and the simulation anchor


@dataclass(frozen=True)
class Allocation:
    """What :func:`allocate` decided: an assignment (new or the reviewer's live one)."""

    assignment_id: int
    submission_id: int
    is_gold: bool
    reused: bool


def _tables():
    return {
        "sub": connection.ops.quote_name(Submission._meta.db_table),
        "asg": connection.ops.quote_name(Assignment._meta.db_table),
        "mem": connection.ops.quote_name(SubmissionMember._meta.db_table),
    }


def _candidate_sql(order):
    t = _tables()
    inner_order = (
        "s.done, s.submitted_at, s.id" if order == ORDER_FEWEST else "s.submitted_at, s.id"
    )
    # Only quoted table names and constants are formatted in; values go as parameters.
    return f"""
SELECT * FROM (SELECT 'mine' AS kind, a.submission_id AS sid, 0 AS load_, NULL AS waited, 0 AS room
  FROM {t["asg"]} a
  WHERE a.reviewer_id = %s AND a.block_key = %s AND a.state = 'leased' AND a.expires_at > %s
  ORDER BY a.id LIMIT 1) q_mine
UNION ALL
SELECT * FROM (SELECT 'count' AS kind, COUNT(*) AS sid,
  COALESCE(SUM(CASE WHEN a.is_gold THEN 1 ELSE 0 END), 0) AS load_, NULL AS waited, 0 AS room
  FROM {t["asg"]} a
  WHERE a.reviewer_id = %s AND a.block_key = %s AND a.state = 'submitted') q_count
UNION ALL
SELECT * FROM (SELECT 'gold' AS kind, s.id AS sid, 0 AS load_, NULL AS waited, 0 AS room
  FROM {t["sub"]} s
  WHERE s.block_key = %s AND s.state = 'active' AND s.is_gold = %s
  AND NOT EXISTS (SELECT 1 FROM {t["asg"]} b WHERE b.submission_id = s.id AND b.reviewer_id = %s)
  AND NOT EXISTS (SELECT 1 FROM {t["mem"]} m WHERE m.submission_id = s.id AND m.user_id = %s)
  ORDER BY s.id LIMIT 1) q_gold
UNION ALL
SELECT 'peer' AS kind, q.id AS sid, q.done + q.live AS load_, q.submitted_at AS waited,
  q.need - q.done - q.live AS room
FROM (SELECT p.id, p.done, p.need, p.submitted_at, (SELECT COUNT(*) FROM {t["asg"]} l
  WHERE l.submission_id = p.id AND l.state = 'leased' AND l.expires_at > %s) AS live
FROM (SELECT s.id, s.done, s.need, s.submitted_at FROM {t["sub"]} s
  WHERE s.block_key = %s AND s.state = 'active' AND s.is_gold = %s AND s.done < s.need
  AND NOT EXISTS (SELECT 1 FROM {t["mem"]} m WHERE m.submission_id = s.id AND m.user_id = %s)
  AND NOT EXISTS (SELECT 1 FROM {t["asg"]} b WHERE b.submission_id = s.id AND b.reviewer_id = %s)
  AND s.done + (SELECT COUNT(*) FROM {t["asg"]} f WHERE f.submission_id = s.id
    AND f.state = 'leased' AND f.expires_at > %s) < s.need
  ORDER BY {inner_order} LIMIT {WINDOW}) p) q
"""  # noqa: S608


def _candidates(block_key, reviewer_id, now, order):
    when = connection.ops.adapt_datetimefield_value(now)
    params = [
        reviewer_id,
        block_key,
        when,  # mine
        reviewer_id,
        block_key,  # count
        block_key,
        True,
        reviewer_id,
        reviewer_id,  # gold
        when,
        block_key,
        False,
        reviewer_id,
        reviewer_id,
        when,  # peer
    ]
    with connection.cursor() as cursor:
        cursor.execute(_candidate_sql(order), params)
        return cursor.fetchall()


def _rank_peers(rows, order):
    """Peer candidates in allocation order: (load, waited, id) or, oldest-first, (waited, id)."""
    peers = [r for r in rows if r[0] == "peer" and r[4] > 0]
    if order == ORDER_FEWEST:
        peers.sort(key=lambda r: (r[2], _sortable(r[3]), r[1]))
    else:
        peers.sort(key=lambda r: (_sortable(r[3]), r[1]))
    return [r[1] for r in peers][:CANDIDATES]


def _sortable(value):
    """Datetimes come back as datetime (MariaDB) or as text (SQLite raw cursor): both sort."""
    return str(value)


def gold_due(done_total, done_gold, calibration_items):
    """Blind calibration schedule: requests 1, 3, 5... are gold until enough gold is scored."""
    return done_gold < calibration_items and done_total >= 2 * done_gold


def allocate(
    block_key,
    reviewer_id,
    *,
    now,
    lease_minutes=60,
    calibration_items=3,
    order=ORDER_FEWEST,
    source="pool",
):
    """Lease the next submission to ``reviewer_id``; returns an :class:`Allocation` or None."""
    expires = now + timedelta(minutes=lease_minutes)
    for _round in range(ROUNDS):
        rows = _candidates(block_key, reviewer_id, now, order)
        mine = [r[1] for r in rows if r[0] == "mine"]
        if mine:
            found = Assignment.objects.only("id").get(
                submission_id=mine[0], reviewer_id=reviewer_id
            )
            return Allocation(found.id, mine[0], False, True)
        counts = next((r for r in rows if r[0] == "count"), ("count", 0, 0))
        gold = [r[1] for r in rows if r[0] == "gold"]
        peers = _rank_peers(rows, order)
        if gold and gold_due(int(counts[1]), int(counts[2] or 0), calibration_items):
            return _insert(gold[0], reviewer_id, block_key, now, expires, True, "calibration")
        if not peers:
            return None
        found = _lease_peer(peers, reviewer_id, block_key, now, expires, source)
        if found is not None:
            return found
        # Every candidate was locked by another reviewer or filled meanwhile: look again.
    return None


def _insert(submission_id, reviewer_id, block_key, now, expires, is_gold, source):
    try:
        with transaction.atomic():
            assignment = Assignment.objects.create(
                submission_id=submission_id,
                reviewer_id=reviewer_id,
                block_key=block_key,
                is_gold=is_gold,
                leased_at=now,
                expires_at=expires,
                source=source,
            )
    except IntegrityError:  # the same reviewer asked twice at once: the other call won
        return None
    return Allocation(assignment.id, submission_id, is_gold, False)


def _lease_peer(peers, reviewer_id, block_key, now, expires, source):
    """Walk the candidates in order; lease the first one not locked by someone else and
    still short of reviews. Uncontended this is 3 queries (lock, count, insert)."""
    for submission_id in peers:
        try:
            with transaction.atomic():
                row = (
                    Submission.objects.select_for_update(skip_locked=True)
                    .filter(id=submission_id, state=Submission.ACTIVE)
                    .values_list("need", "done")
                    .first()
                )
                if row is None:
                    continue  # another reviewer holds it right now
                need, done = row
                live = Assignment.objects.filter(
                    submission_id=submission_id, state=Assignment.LEASED, expires_at__gt=now
                ).count()
                if done + live >= need:
                    continue  # filled since the candidate query
                assignment = Assignment.objects.create(
                    submission_id=submission_id,
                    reviewer_id=reviewer_id,
                    block_key=block_key,
                    leased_at=now,
                    expires_at=expires,
                    source=source,
                )
        except IntegrityError:
            return None  # the same reviewer asked twice at once
        return Allocation(assignment.id, submission_id, False, False)
    return None

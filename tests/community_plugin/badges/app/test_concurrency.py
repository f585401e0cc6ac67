"""Concurrent awards (threads, each with its own connection): one live award per person and
badge, distinct status indices. Meaningful on MariaDB (row locks, unique keys); on SQLite the
writes serialise and the same assertions hold."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import close_old_connections, connection

from community_plugin.badges import api
from community_plugin.badges.models import Award

pytestmark = pytest.mark.django_db(transaction=True)


def in_threads(count, work):
    barrier = threading.Barrier(count)
    results, errors = [], []

    def run(index):
        try:
            barrier.wait(timeout=30)
            results.append(work(index))
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


def test_concurrent_awards_to_one_person_make_one_award(badge_class, learner):
    if connection.vendor == "sqlite":
        pytest.skip(
            "SQLite locks the whole file: the race needs MariaDB (run with DXQ_DATABASE_URL)"
        )
    results, errors = in_threads(6, lambda _i: api.award(badge_class, learner, source="rule").pk)
    assert errors == []
    assert len(set(results)) == 1
    assert Award.objects.filter(recipient=learner, badge_class=badge_class).count() == 1


def test_concurrent_awards_get_distinct_status_indices(badge_class):
    if connection.vendor == "sqlite":
        pytest.skip(
            "SQLite locks the whole file: the race needs MariaDB (run with DXQ_DATABASE_URL)"
        )
    model = get_user_model()
    users = [model.objects.create_user(f"c{i}", f"c{i}@example.jp", "pw") for i in range(8)]
    results, errors = in_threads(
        8, lambda i: api.award(badge_class, users[i], source="bulk").status_index
    )
    assert errors == []
    assert sorted(results) == sorted(set(results))
    assert len(results) == 8

"""Page rendering: SQL queries and time for each role's home page and our pages.

Anchor (same process, same database, same run): Django admin's index page for the
administrator, a well-known page every Django developer can reason about. Figures are per
request through Django's test client (middleware, templates, database), not through HTTP.
"""

from __future__ import annotations

import contextlib
import os

from .harness import median_seconds, record

PAGES = [
    ("home_learner", "learner1", "/home/"),
    ("home_admin", "admin", "/home/"),
    ("home_company", "company", "/home/"),
    ("skills_page", "learner1", "/dxq/casestudy/skills/"),
    ("spaces_page", "learner1", "/dxq/community/spaces/"),
    ("organization_page", "hub", "/dxq/matching/organization/"),
]
ANCHOR = ("admin", "/admin/")


def _setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conf.settings.test")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    with contextlib.suppress(RuntimeError):  # another benchmark of this run set it up already
        setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    return connection


def _measure(client, path, repeats):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}")
    count = len(queries.captured_queries)  # now: the next request resets the query log
    seconds = median_seconds(lambda: client.get(path), repeats=repeats)
    return count, seconds * 1000


def run(repeats: int = 15) -> list[dict]:
    connection = _setup_django()
    from django.test import Client

    from conf.portal.demo import ensure_demo_accounts

    try:
        users = {account.username: user for account, user in ensure_demo_accounts()}

        def client_for(username):
            client = Client()
            client.force_login(users[username])
            return client

        anchor_queries, anchor_ms = _measure(client_for(ANCHOR[0]), ANCHOR[1], repeats)
        anchor_q = f"Django admin index ({ANCHOR[1]}), queries"
        anchor_t = f"Django admin index ({ANCHOR[1]}), ms"
        records = []
        for name, username, path in PAGES:
            queries, ms = _measure(client_for(username), path, repeats)
            params = {"path": path, "user": username, "repeats": repeats}
            records.append(
                record(f"{name}_queries", queries, "queries", anchor_q, anchor_queries, params)
            )
            records.append(record(f"{name}_ms", ms, "ms", anchor_t, anchor_ms, params))
        return records
    finally:
        connection.creation.destroy_test_db(
            connection.settings_dict["NAME"], verbosity=0, keepdb=False
        )

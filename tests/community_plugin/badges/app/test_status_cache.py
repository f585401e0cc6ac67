"""The cached status-list credential never hides a revocation, even one this process's cache
did not hear of (another web process with its own local-memory cache, a Celery worker), nor
one that lands while a list is being built."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection

from community_plugin.badges import api, documents, issuing, statuslist

ROOT = Path(__file__).resolve().parents[4]


def _revoked_elsewhere(award):
    """A revocation made by another process: the database changes, our cache is not told."""
    issuing.revoke(award, "別プロセスで取り消し")


def test_a_revocation_made_by_another_process_shows_on_the_next_fetch(issuer, badge_class, learner):
    made = api.award(badge_class, learner, source="manual")
    entry = made.credential["credentialStatus"]
    assert statuslist.status(entry, api.status_list_credential(issuer)) is False  # now cached
    _revoked_elsewhere(made)
    assert statuslist.status(entry, api.status_list_credential(issuer)) is True


def test_a_list_built_before_a_revocation_and_stored_after_it_is_not_served(
    issuer, badge_class, learner, monkeypatch
):
    made = api.award(badge_class, learner, source="manual")
    entry = made.credential["credentialStatus"]
    stale = documents.build_status_list_credential(issuer)  # a reader read the bits...
    stale_key = documents._cache_key(issuer.pk)
    api.revoke(made, "取り消し")  # ...the revocation commits and clears the cache...
    cache.set(stale_key, stale, 300)  # ...then the slow reader stores what it built
    assert statuslist.status(entry, api.status_list_credential(issuer)) is True


def test_the_list_is_cached_while_nothing_changes(issuer, badge_class, learner, monkeypatch):
    api.award(badge_class, learner, source="manual")
    first = api.status_list_credential(issuer)
    built = []
    real_build = documents.build_status_list_credential
    monkeypatch.setattr(
        documents,
        "build_status_list_credential",
        lambda found: built.append(found) or real_build(found),
    )
    assert api.status_list_credential(issuer) == first
    assert built == []


def test_a_key_rotation_re_signs_the_list_even_if_the_cache_was_not_told(
    issuer, badge_class, learner
):
    from community_plugin.badges import keystore

    api.award(badge_class, learner, source="manual")
    before = api.status_list_credential(issuer)
    keystore.rotate(issuer, (keystore.ED25519,))  # without the api's cache invalidation
    after = api.status_list_credential(issuer)
    assert after["proof"]["verificationMethod"] != before["proof"]["verificationMethod"]
    assert after["proof"]["verificationMethod"] == issuer.active_key("ed25519").method_id


@pytest.mark.django_db(transaction=True)
def test_a_revocation_in_a_real_other_process_shows_here(issuer, badge_class, learner):
    """Another Django process (its own local-memory cache) revokes through the API; this
    process, whose cache still holds the list, serves the bit on its next fetch. Needs a
    database both processes reach: MariaDB."""
    if connection.vendor != "mysql":
        pytest.skip("needs a database another process can open (run with DXQ_DATABASE_URL)")
    made = api.award(badge_class, learner, source="manual")
    entry = made.credential["credentialStatus"]
    assert statuslist.status(entry, api.status_list_credential(issuer)) is False  # now cached
    db = connection.settings_dict
    url = f"mysql://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 3306}/{db['NAME']}"
    script = (
        "from community_plugin.badges import api; "
        "from community_plugin.badges.models import Award; "
        f"api.revoke(Award.objects.get(public_id='{made.public_id}'), '別プロセス')"
    )
    env = {**os.environ, "DXQ_DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "conf.settings.test"}
    env.pop("DXQ_BROKER_URL", None)
    subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", script],
        check=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    made.refresh_from_db()
    assert made.is_revoked
    assert statuslist.status(entry, api.status_list_credential(issuer)) is True

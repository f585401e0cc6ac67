"""Rate limits counted in a real Redis cache, shared by every process (as in production).

Uses Redis database 1 (``DXQ_TEST_REDIS_URL`` to change it); skipped without Redis.
"""

import os

import pytest
from django.core.cache import caches
from django.test import override_settings

from community_plugin.discussions import posting, ratelimit
from community_plugin.discussions.errors import RateLimited
from tests.support import missing

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("DXQ_TEST_REDIS_URL", "redis://127.0.0.1:6379/1")


@pytest.fixture
def redis_cache():
    import redis

    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.exceptions.ConnectionError:
        missing(f"Redis not reachable at {REDIS_URL}")
    config = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "dxq-test-discussions",
        }
    }
    with override_settings(CACHES=config):
        caches["default"].clear()
        yield caches["default"]
        caches["default"].clear()


@override_settings(DXQ_DISCUSSIONS_POSTS_PER_MINUTE=3)
def test_limit_counts_in_redis_and_another_process_sees_it(people, redis_cache):
    thread = posting.create_thread(
        people.learner1, people.space, kind="question", title="t", body="b"
    )
    posting.reply(people.learner1, thread, body="1")
    keys = [key for key in redis_cache._cache.get_client().keys("*") if b":rate:" in key]
    assert keys, "the counters live in Redis"
    # What another worker process would see: a fresh client on the same Redis database.
    import redis

    other = redis.Redis.from_url(REDIS_URL)
    minute_key = next(key for key in other.keys("*") if b":rate:" in key and b":m:" in key)
    assert int(other.get(minute_key)) == 2
    posting.reply(people.learner1, thread, body="2")
    with pytest.raises(RateLimited):
        ratelimit.check(people.learner1)
    with pytest.raises(RateLimited):
        posting.reply(people.learner1, thread, body="3")
    posting.reply(people.learner2, thread, body="someone else is not limited")

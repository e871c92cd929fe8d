"""With DJANGO_CACHE_URL=redis://… the rate-limit counters live in Redis: a limit reached in
one process still holds in a fresh one (a restarted or another gunicorn worker), where the
default local-memory cache would start again from zero.

Runs where a Redis server is given (`bash .ci/redis.sh .venv/bin/python -m pytest
tests/hardening/test_shared_cache.py`, as .ci/run does); skipped otherwise."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REDIS = os.environ.get("DJANGO_CACHE_URL", "")

pytestmark = pytest.mark.skipif(
    not REDIS.startswith("redis://"), reason="needs a Redis server (.ci/redis.sh)"
)

# One "request" of a visitor at 203.0.113.9 through the API's anonymous throttle: whether it
# is let through, and which cache the process uses.
CODE = """
import django, json
django.setup()
from django.conf import settings
from django.test import RequestFactory
from rest_framework.request import Request
from api.throttling import AnonRateThrottle
request = Request(RequestFactory().get("/api/v1/minutes/", REMOTE_ADDR="203.0.113.9"))
print(json.dumps({
    "allowed": [AnonRateThrottle().allow_request(request, None) for _ in range(int(%(times)d))],
    "backend": settings.CACHES["default"]["BACKEND"],
}))
"""


def _visit(times: int, cache_url: str) -> dict:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_CACHE_URL=cache_url,
        DJANGO_API_ANON_RATE="3/hour",
    )
    result = subprocess.run(
        [sys.executable, "-c", CODE % {"times": times}],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def fresh_redis():
    import redis

    client = redis.Redis.from_url(REDIS)
    client.flushdb()
    yield REDIS
    client.flushdb()


def test_a_limit_reached_in_one_process_holds_in_the_next(fresh_redis):
    first = _visit(4, fresh_redis)
    assert first["backend"] == "django.core.cache.backends.redis.RedisCache"
    assert first["allowed"] == [True, True, True, False]
    # A new process (a restarted worker): still refused, the counter is in Redis.
    assert _visit(1, fresh_redis)["allowed"] == [False]


def test_the_local_memory_cache_forgets_at_restart(fresh_redis):
    # The contrast that makes the shared cache necessary.
    assert _visit(4, "locmem://")["allowed"] == [True, True, True, False]
    assert _visit(1, "locmem://")["allowed"] == [True]

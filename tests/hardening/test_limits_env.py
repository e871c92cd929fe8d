"""The limits' settings come from the environment (read once, in config/settings.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_cache

ROOT = Path(__file__).resolve().parents[2]

CODE = """
import django, json
django.setup()
from django.conf import settings
from django.test import RequestFactory
from rest_framework.settings import api_settings
from committee.access import client_address
request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1",
                               HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5, 10.0.0.2")
print(json.dumps({
    "client": client_address(request),
    "num_proxies": api_settings.NUM_PROXIES,
    "limit": settings.AXES_FAILURE_LIMIT,
    "cooloff": settings.AXES_COOLOFF_TIME.total_seconds(),
    "cache": settings.CACHES["default"],
    "token_rate": api_settings.DEFAULT_THROTTLE_RATES["token"],
}))
"""


def _settings(**env: str) -> dict:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"
    }
    clean.update({"DJANGO_SETTINGS_MODULE": "config.settings", **env})
    result = subprocess.run(
        [sys.executable, "-c", CODE],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_defaults_ignore_forwarded_headers_and_keep_one_process_cache():
    values = _settings()
    assert values["client"] == "127.0.0.1"
    assert values["num_proxies"] == 0
    assert values["limit"] == 5 and values["cooloff"] == 900
    assert values["cache"]["BACKEND"].endswith("LocMemCache")


def test_trusted_proxies_failure_limit_and_the_shared_cache_from_the_environment():
    values = _settings(
        DJANGO_TRUSTED_PROXY_COUNT="2",
        DJANGO_LOGIN_FAILURE_LIMIT="8",
        DJANGO_LOGIN_COOLOFF_MINUTES="30",
        DJANGO_CACHE_URL="redis://127.0.0.1:6379/2",
        DJANGO_API_TOKEN_RATE="3/min",
    )
    assert values["client"] == "203.0.113.5"  # two from the right: what the outer proxy saw
    assert values["num_proxies"] == 2
    assert values["limit"] == 8 and values["cooloff"] == 1800
    assert values["cache"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/2",
    }
    assert values["token_rate"] == "3/min"


def test_a_file_cache_and_bad_cache_urls(monkeypatch):
    monkeypatch.setenv("DJANGO_CACHE_URL", "file:///var/cache/committee")
    assert env_cache("DJANGO_CACHE_URL")["LOCATION"] == "/var/cache/committee"
    for bad in ("memcached://x", "file://relative"):
        monkeypatch.setenv("DJANGO_CACHE_URL", bad)
        with pytest.raises(ImproperlyConfigured):
            env_cache("DJANGO_CACHE_URL")


def test_cookies_are_https_only_in_production_unless_a_loopback_test_server_says_so():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE)"
    )
    base = {
        k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"
    }
    base.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="x" * 60,
        PUBLIC_BASE_URL="https://media.example.ir",
    )
    for extra, expected in (({}, "True True"), ({"DJANGO_SECURE_COOKIES": "0"}, "False False")):
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env={**base, **extra},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.stdout.strip() == expected, result.stderr

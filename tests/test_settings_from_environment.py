"""Settings the apps read are read once, from the environment, in config/settings.py: a
fresh process with the variable set sees it, one without it sees the documented default."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAMES = ("PORTAL_PAGE_CACHE_SECONDS", "MINUTES_VERIFY_MAX_UPLOAD_BYTES")


def _settings(extra: dict[str, str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(extra, DJANGO_SETTINGS_MODULE="config.settings")
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {NAMES!r}}}))"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_without_the_variables_the_documented_defaults_apply():
    result = _settings({})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "PORTAL_PAGE_CACHE_SECONDS": 300,
        "MINUTES_VERIFY_MAX_UPLOAD_BYTES": 20 * 1024 * 1024,
    }


def test_the_page_cache_and_the_verification_limit_come_from_the_environment():
    result = _settings(
        {"DJANGO_PORTAL_CACHE_SECONDS": "0", "DJANGO_VERIFY_MAX_UPLOAD_BYTES": "1048576"}
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "PORTAL_PAGE_CACHE_SECONDS": 0,
        "MINUTES_VERIFY_MAX_UPLOAD_BYTES": 1048576,
    }


def test_a_limit_that_is_not_a_number_refuses_to_start():
    result = _settings({"DJANGO_VERIFY_MAX_UPLOAD_BYTES": "20MB"})
    assert result.returncode != 0
    assert "DJANGO_VERIFY_MAX_UPLOAD_BYTES" in result.stderr


def _read(names: tuple[str, ...], extra: dict[str, str]) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(extra, DJANGO_SETTINGS_MODULE="config.settings")
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {names!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


EMAIL_NAMES = (
    "EMAIL_RETRY_SECONDS",
    "EMAIL_MAX_ATTEMPTS",
    "EMAIL_TIMEOUT",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_USE_TLS",
    "DEFAULT_FROM_EMAIL",
)


def test_the_outbox_and_the_smtp_server_come_from_the_environment():
    assert _read(EMAIL_NAMES, {}) == {
        "EMAIL_RETRY_SECONDS": 60,
        "EMAIL_MAX_ATTEMPTS": 5,
        "EMAIL_TIMEOUT": 30,
        "EMAIL_HOST": "localhost",
        "EMAIL_PORT": 25,
        "EMAIL_HOST_USER": "",
        "EMAIL_USE_TLS": False,
        "DEFAULT_FROM_EMAIL": "media-committee@localhost",
    }
    assert _read(
        EMAIL_NAMES,
        {
            "DJANGO_EMAIL_RETRY_SECONDS": "5",
            "DJANGO_EMAIL_MAX_ATTEMPTS": "2",
            "DJANGO_EMAIL_TIMEOUT": "7",
            "DJANGO_EMAIL_HOST": "mail.rasht.ir",
            "DJANGO_EMAIL_PORT": "587",
            "DJANGO_EMAIL_HOST_USER": "committee",
            "DJANGO_EMAIL_USE_TLS": "1",
            "DJANGO_DEFAULT_FROM_EMAIL": "کمیته رسانه <media@rasht.ir>",
        },
    ) == {
        "EMAIL_RETRY_SECONDS": 5,
        "EMAIL_MAX_ATTEMPTS": 2,
        "EMAIL_TIMEOUT": 7,
        "EMAIL_HOST": "mail.rasht.ir",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "committee",
        "EMAIL_USE_TLS": True,
        "DEFAULT_FROM_EMAIL": "کمیته رسانه <media@rasht.ir>",
    }


def test_the_life_of_an_answer_link_comes_from_the_environment():
    assert _read(("RSVP_LINK_DAYS",), {}) == {"RSVP_LINK_DAYS": 30}
    assert _read(("RSVP_LINK_DAYS",), {"DJANGO_RSVP_LINK_DAYS": "7"}) == {"RSVP_LINK_DAYS": 7}
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE="config.settings", DJANGO_RSVP_LINK_DAYS="a week")
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; settings.RSVP_LINK_DAYS"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0 and "DJANGO_RSVP_LINK_DAYS" in result.stderr


def _sqlite_conn_max_age(extra: dict[str, str]) -> int:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.pop("DATABASE_URL", None)  # the embedded database, even under .ci/postgres.sh
    env.update(extra, DJANGO_SETTINGS_MODULE="config.settings")
    code = "from django.conf import settings; print(settings.DATABASES['default']['CONN_MAX_AGE'])"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return int(result.stdout)


def test_the_worker_may_keep_its_sqlite_connection_between_tasks():
    assert _sqlite_conn_max_age({}) == 0  # as Django: closed after each request
    assert _sqlite_conn_max_age({"DJANGO_CONN_MAX_AGE": "600"}) == 600


def test_the_portal_index_check_comes_from_the_environment():
    name = ("PORTAL_INDEX_CHECK_SECONDS",)
    assert _read(name, {}) == {"PORTAL_INDEX_CHECK_SECONDS": 300}
    assert _read(name, {"DJANGO_PORTAL_INDEX_CHECK_SECONDS": "0"}) == {
        "PORTAL_INDEX_CHECK_SECONDS": 0
    }

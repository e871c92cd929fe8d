"""The embedded database under concurrent writers: a lost race is a refusal (409 on the
pages and the API), a lock held too long a 503 with Retry-After, never a 500."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError
from django.test import RequestFactory

from config.middleware import DatabaseBusyMiddleware

ROOT = Path(__file__).resolve().parents[2]


def _settings_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"
    }
    env.update({"DJANGO_SQLITE_PATH": str(tmp_path / "race.sqlite3"), **extra})
    return env


def test_the_sqlite_options_are_read_from_the_environment(tmp_path):
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.DATABASES['default']['OPTIONS']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            **_settings_env(tmp_path, DJANGO_SQLITE_TIMEOUT="7"),
            "DJANGO_SETTINGS_MODULE": "config.settings",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    options = json.loads(result.stdout)
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] == 7
    assert "journal_mode=WAL" in options["init_command"]


def test_two_identical_record_saves_at_once_never_fail_with_a_lock_error(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "hardening" / "sqlite_race.py")],
        cwd=ROOT,
        env=_settings_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcomes = json.loads(result.stdout.strip().splitlines()[-1])
    assert len(outcomes) == 20
    assert [o for o in outcomes if o.startswith("error")] == []
    assert "saved" in outcomes


def _busy_view(request):
    raise OperationalError("database is locked")


@pytest.mark.parametrize(
    ("path", "content_type"),
    [("/meetings/1/record/", "text/html"), ("/api/v1/meetings/1/record/", "application/json")],
)
def test_a_lock_held_too_long_is_a_503_with_retry_after(path, content_type):
    middleware = DatabaseBusyMiddleware(_busy_view)
    request = RequestFactory().post(path)
    try:
        _busy_view(request)
    except OperationalError as error:
        response = middleware.process_exception(request, error)
    assert response is not None
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response["Content-Type"].startswith(content_type)
    assert "دوباره تلاش کنید" in response.content.decode()


def test_other_database_errors_are_left_to_the_error_page():
    middleware = DatabaseBusyMiddleware(_busy_view)
    request = RequestFactory().get("/")
    assert middleware.process_exception(request, OperationalError("no such table: x")) is None

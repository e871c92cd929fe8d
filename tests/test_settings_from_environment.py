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

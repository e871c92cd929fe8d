"""The tasks backend comes from the environment (DJANGO_TASKS_BACKEND, config/settings.py):
the tests and one-off commands run tasks at once unless told otherwise."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _tasks_setting(extra: dict[str, str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(extra, DJANGO_SETTINGS_MODULE="config.settings")
    code = "import json; from django.conf import settings; print(json.dumps(settings.TASKS))"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_without_the_variable_tasks_run_immediately():
    result = _tasks_setting({})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    }


def test_database_queues_them_for_the_worker():
    result = _tasks_setting({"DJANGO_TASKS_BACKEND": "database"})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_an_unknown_backend_refuses_to_start():
    result = _tasks_setting({"DJANGO_TASKS_BACKEND": "celery"})
    assert result.returncode != 0
    assert "DJANGO_TASKS_BACKEND='celery': use one of immediate, database" in result.stderr

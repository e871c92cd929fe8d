"""The reminders' settings come from the environment (config/env.py), read once in a fresh
process: the documented defaults without the variables, their values with them, and a value
that cannot be understood stops the process naming the variable."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAMES = ("INVITATION_REMINDER_DAYS", "DECISION_REMINDER_DAYS", "OVERDUE_DIGEST_WEEKDAY")


def _settings(extra: dict[str, str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.pop("DATABASE_URL", None)
    env.update(extra, DJANGO_SETTINGS_MODULE="config.settings")
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {NAMES!r}}}))"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_the_defaults_two_days_seven_and_one_day_and_saturday():
    result = _settings({})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "INVITATION_REMINDER_DAYS": 2,
        "DECISION_REMINDER_DAYS": [7, 1],
        "OVERDUE_DIGEST_WEEKDAY": "saturday",
    }


def test_the_reminders_come_from_the_environment():
    result = _settings(
        {
            "DJANGO_INVITATION_REMINDER_DAYS": "3",
            "DJANGO_DECISION_REMINDER_DAYS": "1, 14,3",
            "DJANGO_OVERDUE_DIGEST_WEEKDAY": "Wednesday",
        }
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "INVITATION_REMINDER_DAYS": 3,
        "DECISION_REMINDER_DAYS": [14, 3, 1],
        "OVERDUE_DIGEST_WEEKDAY": "wednesday",
    }


def test_an_empty_list_turns_the_deadline_reminders_off():
    result = _settings({"DJANGO_DECISION_REMINDER_DAYS": ""})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["DECISION_REMINDER_DAYS"] == []


def test_values_that_cannot_be_understood_refuse_to_start():
    for name, value in (
        ("DJANGO_DECISION_REMINDER_DAYS", "7;1"),
        ("DJANGO_DECISION_REMINDER_DAYS", "-1"),
        ("DJANGO_OVERDUE_DIGEST_WEEKDAY", "shanbe"),
        ("DJANGO_INVITATION_REMINDER_DAYS", "two"),
    ):
        result = _settings({name: value})
        assert result.returncode != 0, (name, value)
        assert name in result.stderr

"""With DJANGO_DEBUG=0 a failed request is logged with its traceback to standard error
(which gunicorn and systemd keep), and mailed to DJANGO_ADMINS."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import django
django.setup()
import config.views

def broken(request):
    raise ZeroDivisionError("planted failure")

config.views.healthz = broken  # before the URLconf is imported
from django.core import mail
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
client = Client(raise_request_exception=False)
response = client.get("/healthz", HTTP_HOST="media.example.ir", secure=True)
print("STATUS", response.status_code)
print("MAILED", [m.to for m in mail.outbox])
"""


def test_a_server_error_is_logged_with_its_traceback_and_mailed_to_the_admins(tmp_path):
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "media.example.ir",
            "PUBLIC_BASE_URL": "https://media.example.ir",
            "DJANGO_ADMINS": "Ops <ops@example.ir>",
            "DJANGO_SQLITE_PATH": str(tmp_path / "db.sqlite3"),
        }
    )
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "STATUS 500" in result.stdout, result.stdout + result.stderr
    assert "ERROR django.request: Internal Server Error: /healthz" in result.stderr
    assert "Traceback" in result.stderr
    assert "ZeroDivisionError: planted failure" in result.stderr
    assert "MAILED [['ops@example.ir']]" in result.stdout

"""Production settings pass Django's deployment checklist (`manage.py check --deploy`)."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _check(extra: dict[str, str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(extra)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checklist():
    result = _check(
        {
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
            "DJANGO_ALLOWED_HOSTS": "media.example.ir",
            "PUBLIC_BASE_URL": "https://media.example.ir",
            # The demo seal stands in for the municipality's certificate (make setup makes it).
            "DJANGO_SIGNING_P12": str(ROOT / "var" / "demo-seal" / "demo-seal.p12"),
            "DJANGO_SIGNING_PASSPHRASE": "demo-seal",
        }
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_without_a_public_base_url_fails_the_checklist():
    result = _check(
        {
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
            "DJANGO_ALLOWED_HOSTS": "media.example.ir",
        }
    )
    assert result.returncode != 0
    assert "PUBLIC_BASE_URL is not set" in result.stdout + result.stderr


def test_a_public_base_url_without_a_scheme_refuses_to_start():
    result = _check({"PUBLIC_BASE_URL": "media.example.ir"})
    assert result.returncode != 0
    assert "must be an absolute http(s) address" in result.stderr


def test_production_without_a_secret_key_refuses_to_start():
    result = _check({"DJANGO_DEBUG": "0", "DJANGO_ALLOWED_HOSTS": "media.example.ir"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr

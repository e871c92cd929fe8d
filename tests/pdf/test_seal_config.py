"""The seal's configuration comes from the environment (DJANGO_SIGNING_P12,
DJANGO_SIGNING_PASSPHRASE, DJANGO_SIGNING_TSA_URL): each case runs the application in a
subprocess with that environment, as production would, against the loopback test PKI
(tests/pdf/conftest.py: test_pki)."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent

pytestmark = pytest.mark.django_db

# Renders the snapshot, seals it, checks it, and prints what it found as JSON.
SEAL_SCRIPT = """
import json, os, pathlib
from minutes.publication import signing
from minutes.publication.pdf import render_minutes_pdf
snapshot = json.loads(pathlib.Path(os.environ["SEAL_TEST_SNAPSHOT"]).read_text())
data = signing.seal_pdf(render_minutes_pdf(snapshot, verify_url="https://media.example.ir/v/"))
pathlib.Path(os.environ["SEAL_TEST_OUTPUT"]).write_bytes(data)
result, report = signing.last_seal(), signing.verify_pdf(data)
print(json.dumps({
    "description": signing.seal_description(),
    "level": result.level, "seconds": result.seconds, "visible": result.visible,
    "report": {key: getattr(report, key) for key in (
        "status", "intact", "trusted", "signer", "timestamped", "timestamp_trusted", "level",
        "demo", "modified_after_signing", "no_changes_allowed", "ok")},
    "signed_at": report.signed_at.isoformat() if report.signed_at else None,
}))
"""


def _run(args: list[str], extra: dict[str, str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(extra)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def _production(**extra: str) -> dict[str, str]:
    return {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
        "DJANGO_ALLOWED_HOSTS": "media.example.ir",
        "PUBLIC_BASE_URL": "https://media.example.ir",
        **extra,
    }


@pytest.fixture
def seal_in_subprocess(published, tmp_path):
    snapshot = tmp_path / "snapshot.json"
    snapshot.write_text(json.dumps(published.snapshot))
    output = tmp_path / "sealed.pdf"

    def run(env: dict[str, str]) -> subprocess.CompletedProcess:
        return _run(
            ["shell", "-c", SEAL_SCRIPT],
            {"SEAL_TEST_SNAPSHOT": str(snapshot), "SEAL_TEST_OUTPUT": str(output), **env},
        )

    run.output = output
    return run


def test_a_configured_certificate_and_timestamp_service_seal_at_level_b_lt(
    seal_in_subprocess, test_pki, tmp_path
):
    result = seal_in_subprocess(
        {
            "DJANGO_SIGNING_P12": str(test_pki.p12),
            "DJANGO_SIGNING_PASSPHRASE": test_pki.passphrase,
            "DJANGO_SIGNING_TSA_URL": test_pki.tsa_url,
        }
    )
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["description"] == {"subject": test_pki.seal_subject, "demo": False}
    report = found["report"]
    assert report["status"] == "signed" and report["ok"], found
    assert report["signer"] == test_pki.seal_subject and not report["demo"]
    assert report["trusted"]  # the root CA came with the PKCS#12
    assert report["timestamped"] and report["timestamp_trusted"]
    # The seal's CRL was fetched from the loopback PKI at signing and embedded.
    assert found["level"] == report["level"] == "B-LT"
    assert report["no_changes_allowed"] and not report["modified_after_signing"]
    assert found["visible"]

    sealed = seal_in_subprocess.output.read_bytes()
    from tests.pdf.conftest import pdf_file, run_tool

    out = run_tool("pdfsig", str(pdf_file(sealed, tmp_path, "lt.pdf"))).stdout
    assert "Signature Validation: Signature is Valid." in out
    assert test_pki.seal_subject in out


def test_a_timestamp_alone_gives_b_t(seal_in_subprocess, test_pki, tmp_path):
    # Without its CA in the PKCS#12, the seal's chain is unknown: nothing to embed.
    from cryptography.hazmat.primitives.serialization import (
        BestAvailableEncryption,
        pkcs12,
    )

    bundle = pkcs12.load_pkcs12(test_pki.p12.read_bytes(), test_pki.passphrase.encode())
    alone = tmp_path / "alone.p12"
    alone.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"seal", bundle.key, bundle.cert.certificate, None, BestAvailableEncryption(b"x")
        )
    )
    result = seal_in_subprocess(
        {
            "DJANGO_SIGNING_P12": str(alone),
            "DJANGO_SIGNING_PASSPHRASE": "x",
            "DJANGO_SIGNING_TSA_URL": test_pki.tsa_url,
        }
    )
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["level"] == found["report"]["level"] == "B-T"
    assert found["report"]["intact"] and found["report"]["timestamped"]
    assert not found["report"]["trusted"]  # no trust root configured for it


def test_a_wrong_passphrase_fails_clearly(seal_in_subprocess, test_pki):
    result = seal_in_subprocess(
        {"DJANGO_SIGNING_P12": str(test_pki.p12), "DJANGO_SIGNING_PASSPHRASE": "wrong"}
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "wrong DJANGO_SIGNING_PASSPHRASE" in result.stderr


def test_a_missing_certificate_file_fails_clearly(seal_in_subprocess, tmp_path):
    result = seal_in_subprocess({"DJANGO_SIGNING_P12": str(tmp_path / "nowhere.p12")})
    assert result.returncode != 0
    assert "does not exist" in result.stderr


def test_production_without_a_certificate_refuses_to_seal(seal_in_subprocess):
    result = seal_in_subprocess(_production())
    assert result.returncode != 0
    assert "DJANGO_SIGNING_P12 is not set" in result.stderr
    assert "demo certificate is never used in production" in result.stderr


def test_production_without_a_certificate_fails_the_deploy_check():
    result = _run(["check", "--deploy"], _production())
    assert result.returncode != 0
    assert "minutes.E010" in result.stdout + result.stderr


def test_production_with_a_wrong_passphrase_fails_the_deploy_check(test_pki):
    result = _run(
        ["check", "--deploy"],
        _production(DJANGO_SIGNING_P12=str(test_pki.p12), DJANGO_SIGNING_PASSPHRASE="wrong"),
    )
    assert result.returncode != 0
    assert "minutes.E011" in result.stdout + result.stderr


def test_production_with_its_certificate_passes_the_seal_checks(test_pki):
    result = _run(
        ["check", "--deploy"],
        _production(
            DJANGO_SIGNING_P12=str(test_pki.p12), DJANGO_SIGNING_PASSPHRASE=test_pki.passphrase
        ),
    )
    assert "minutes.E01" not in result.stdout + result.stderr, result.stdout + result.stderr

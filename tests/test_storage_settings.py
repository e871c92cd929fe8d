"""DJANGO_STORAGE and DJANGO_S3_*, read by config/settings.py in a fresh process: the file
system by default; with DJANGO_STORAGE=s3 every file field (published PDFs, attachments,
logos, photos) is kept in the bucket through django-storages. Nothing here reaches a
network: the storage is only built, and a signed address computed locally."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CODE = """
import django, json
django.setup()
from django.core.files.storage import default_storage
from minutes.models import Attachment, Minutes
from committee.models import Committee
from demands.models import Demand
fields = [
    Minutes._meta.get_field("pdf"), Attachment._meta.get_field("file"),
    Committee._meta.get_field("logo"), Demand._meta.get_field("photo"),
]
default_storage._setup()
storage = default_storage._wrapped
info = {
    "class": type(storage).__module__ + "." + type(storage).__name__,
    "fields": sorted({type(f.storage._wrapped if hasattr(f.storage, "_wrapped") else f.storage)
                      .__name__ for f in fields}),
}
if info["class"].endswith("S3Storage"):
    info.update(
        bucket=storage.bucket_name, endpoint=storage.endpoint_url, location=storage.location,
        region=storage.region_name, acl=storage.default_acl, overwrite=storage.file_overwrite,
        addressing=storage.addressing_style,
        url=storage.url("minutes/RASHT-1.pdf"),
    )
print(json.dumps(info))
"""


def _run(extra: dict[str, str]) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "AWS_")) and k != "DATABASE_URL"
    }
    env.update(extra, DJANGO_SETTINGS_MODULE="config.settings")
    return subprocess.run(
        [sys.executable, "-c", CODE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def test_the_files_are_on_the_file_system_by_default():
    result = _run({})
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["class"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert data["fields"] == ["FileSystemStorage"]


def test_an_s3_compatible_bucket_holds_every_file_field():
    result = _run(
        {
            "DJANGO_STORAGE": "s3",
            "DJANGO_S3_BUCKET": "committee-files",
            "DJANGO_S3_ENDPOINT_URL": "https://s3.example.ir",
            "DJANGO_S3_REGION": "ir-thr-1",
            "DJANGO_S3_ACCESS_KEY_ID": "AKIDEXAMPLE",
            "DJANGO_S3_SECRET_ACCESS_KEY": "secret-example",
            "DJANGO_S3_PREFIX": "/rasht/",
            "DJANGO_S3_ADDRESSING_STYLE": "path",
        }
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["class"] == "storages.backends.s3.S3Storage"
    assert data["fields"] == ["S3Storage"]
    assert data["bucket"] == "committee-files"
    assert data["endpoint"] == "https://s3.example.ir"
    assert data["region"] == "ir-thr-1"
    assert data["location"] == "rasht"
    assert data["acl"] is None and data["overwrite"] is False
    # A private bucket: an address is only ever a signed, expiring one, path-style.
    assert data["url"].startswith(
        "https://s3.example.ir/committee-files/rasht/minutes/RASHT-1.pdf?"
    )
    assert "Signature" in data["url"] and "Expires" in data["url"]


def test_s3_without_a_bucket_refuses_to_start():
    result = _run({"DJANGO_STORAGE": "s3"})
    assert result.returncode != 0
    assert "DJANGO_S3_BUCKET must be set" in result.stderr


def test_an_unknown_storage_refuses_to_start():
    result = _run({"DJANGO_STORAGE": "ftp"})
    assert result.returncode != 0
    assert "DJANGO_STORAGE" in result.stderr

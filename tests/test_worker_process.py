"""Publication end to end with the real worker: settings from the environment
(DJANGO_TASKS_BACKEND=database, a SQLite file of its own), the publication answered with
the PDF still to do, then `manage.py db_worker --batch` renders, seals and stores it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # two Django processes migrate, publish and render (~30 s)

ROOT = Path(__file__).resolve().parent.parent

PUBLISH = """
from minutes import services
from minutes.models import Minutes
from tests.pdf.conftest import PUBLISHED_AT, build_world
from django_tasks_db.models import DBTaskResult

world = build_world()
services.publish_minutes(world.secretariat, world.minutes, at=PUBLISHED_AT)
minutes = Minutes.objects.get(pk=world.minutes.pk)
print(json.dumps({
    "id": minutes.pk, "status": minutes.status, "sha256": minutes.sha256,
    "queued": list(DBTaskResult.objects.values_list("status", flat=True)),
}))
"""

CHECK = """
import io
from pyhanko.pdf_utils.reader import PdfFileReader
from minutes.models import Minutes
from django_tasks_db.models import DBTaskResult

minutes = Minutes.objects.get(pk={pk})
with minutes.pdf.open("rb") as handle:
    data = handle.read()
print(json.dumps({{
    "sha256": minutes.sha256, "size": minutes.pdf_size, "length": len(data),
    "head": data[:5].decode(), "seals": len(PdfFileReader(io.BytesIO(data)).embedded_signatures),
    "path": minutes.pdf.path,
    "tasks": list(DBTaskResult.objects.values_list("status", "return_value")),
}}))
"""


@pytest.fixture
def environment(tmp_path) -> dict[str, str]:
    # A SQLite file of its own, even when the suite runs on PostgreSQL (DATABASE_URL).
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_TASKS_BACKEND="database",
        DJANGO_SQLITE_PATH=str(tmp_path / "db.sqlite3"),
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        DJANGO_LOG_LEVEL="WARNING",
    )
    return env


def _manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def _shell(env: dict[str, str], code: str) -> dict:
    output = _manage(env, "shell", "-c", "import json\n" + code).stdout
    return json.loads(output.strip().splitlines()[-1])


def test_the_worker_process_stores_the_sealed_pdf_of_a_publication(environment, tmp_path):
    _manage(environment, "migrate", "--noinput", "-v", "0")

    published = _shell(environment, PUBLISH)
    assert published["status"] == "published"
    assert published["sha256"] == ""  # publishing answered; the PDF is the worker's
    assert published["queued"] == ["READY"]

    _manage(environment, "db_worker", "--batch", "--no-startup-delay", "-v", "0")

    stored = _shell(environment, CHECK.format(pk=published["id"]))
    assert len(stored["sha256"]) == 64
    assert stored["head"] == "%PDF-" and stored["size"] == stored["length"]
    assert stored["seals"] == 1
    assert Path(stored["path"]).is_relative_to(tmp_path / "media")
    assert stored["tasks"] == [["SUCCESSFUL", True]]

    # Nothing is left to do: the cron job queues nothing, a second worker finds no task.
    assert "0 missing PDF(s) queued" in _manage(environment, "store_pdfs").stdout

"""The PDF of a publication is rendered by a task (minutes/tasks.py): queued when the
publication commits, safe to run twice or again after a worker was killed mid-task."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from minutes import services
from minutes.models import Minutes
from minutes.tasks import store_minutes_pdf
from tests.pdf.conftest import PUBLISHED_AT

pytestmark = pytest.mark.django_db

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _stored_files(minutes: Minutes) -> list[str]:
    return [name for name in default_storage.listdir("minutes")[1] if minutes.document_id in name]


def test_a_task_run_twice_stores_the_pdf_once(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the immediate backend runs it
        services.publish_minutes(world.secretariat, world.minutes, at=PUBLISHED_AT)
    minutes = Minutes.objects.get(pk=world.minutes.pk)
    stored = (minutes.pdf.name, minutes.sha256, minutes.pdf_size)
    assert minutes.sha256

    again = store_minutes_pdf.enqueue(minutes.pk)
    assert again.status == TaskResultStatus.SUCCESSFUL
    assert again.return_value is False
    minutes.refresh_from_db()
    assert (minutes.pdf.name, minutes.sha256, minutes.pdf_size) == stored
    assert _stored_files(minutes) == [f"{minutes.document_id}.pdf"]


def test_with_the_database_backend_publishing_queues_the_task(
    world, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_BACKEND
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_minutes(world.secretariat, world.minutes, at=PUBLISHED_AT)
    minutes = Minutes.objects.get(pk=world.minutes.pk)
    assert minutes.status == Minutes.Status.PUBLISHED
    assert not minutes.pdf and minutes.sha256 == ""  # for the worker to do
    (queued,) = DBTaskResult.objects.all()
    assert queued.status == TaskResultStatus.READY
    assert queued.task_path == "minutes.tasks.store_minutes_pdf"
    assert queued.args_kwargs == {"args": [minutes.pk], "kwargs": {}}

    # The cron job does not queue it a second time while it waits.
    call_command("store_pdfs", stdout=open("/dev/null", "w"))
    assert DBTaskResult.objects.count() == 1


def test_store_pdfs_queues_a_missing_pdf_again_after_a_failure(
    world, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_BACKEND
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_minutes(world.secretariat, world.minutes, at=PUBLISHED_AT)
    DBTaskResult.objects.update(status=TaskResultStatus.FAILED)
    call_command("store_pdfs", stdout=open("/dev/null", "w"))
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1


def test_a_file_left_by_a_killed_run_is_replaced_not_duplicated(
    world, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_BACKEND
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_minutes(world.secretariat, world.minutes, at=PUBLISHED_AT)
    minutes = Minutes.objects.get(pk=world.minutes.pk)
    # A worker killed after writing the file, before its row committed: half a file.
    default_storage.save(f"minutes/{minutes.document_id}.pdf", ContentFile(b"%PDF-1.7 half"))

    assert store_minutes_pdf.call(minutes.pk) is True
    minutes.refresh_from_db()
    assert minutes.pdf.name == f"minutes/{minutes.document_id}.pdf"
    assert _stored_files(minutes) == [f"{minutes.document_id}.pdf"]
    with minutes.pdf.open("rb") as handle:
        assert handle.read() != b"%PDF-1.7 half" and minutes.pdf_size > 1000

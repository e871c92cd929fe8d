"""A PDF that failed in the worker is in the admin with its error, and is retried there."""

from __future__ import annotations

from unittest import mock

import pytest
from django.urls import reverse
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from minutes import services
from minutes.models import Minutes
from minutes.publication import pdf as minutes_pdf
from tests.pdf.conftest import PUBLISHED_AT

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/django_tasks_database/dbtaskresult/"


def _work(result: DBTaskResult) -> None:
    """What `manage.py db_worker` does with the task it claimed."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    result.claim(worker.worker_id)
    worker.run_task(result)


@pytest.fixture
def failed(world, settings, django_capture_on_commit_callbacks) -> DBTaskResult:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_minutes(world.secretariat, world.minutes, at=PUBLISHED_AT)
    (queued,) = DBTaskResult.objects.all()
    with mock.patch.object(
        minutes_pdf, "render_minutes_pdf", side_effect=RuntimeError("Pango is missing")
    ):
        _work(queued)
    queued.refresh_from_db()
    assert queued.status == TaskResultStatus.FAILED
    return queued


def test_the_failed_pdf_is_listed_with_its_error_and_revision(admin_client, failed, world):
    minutes = Minutes.objects.get(pk=world.minutes.pk)
    page = admin_client.get(CHANGELIST, {"status__exact": "FAILED"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "RuntimeError: Pango is missing" in text
    assert minutes.document_id in text

    # The minutes list says the PDF is not there yet and links to the failed tasks.
    listing = admin_client.get(reverse("admin:minutes_minutes_changelist")).content.decode()
    assert "در حال تهیه PDF…" in listing
    assert f"{CHANGELIST}?status__exact=FAILED" in listing


def test_retrying_it_in_the_admin_queues_it_and_the_worker_stores_it(admin_client, failed, world):
    response = admin_client.post(
        CHANGELIST, {"action": "retry_selected", "_selected_action": [str(failed.pk)]}
    )
    assert response.status_code == 302
    retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert retry.args_kwargs == failed.args_kwargs

    _work(retry)
    retry.refresh_from_db()
    assert retry.status == TaskResultStatus.SUCCESSFUL
    minutes = Minutes.objects.get(pk=world.minutes.pk)
    assert minutes.pdf and len(minutes.sha256) == 64

    # Nothing is left to retry.
    admin_client.post(
        CHANGELIST, {"action": "retry_selected", "_selected_action": [str(failed.pk)]}
    )
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()


def test_the_secretariat_finds_the_failed_pdf_from_its_inbox_and_retries_it(client, failed, world):
    """Not only a superuser: the secretariat on the admin's staff with the read permission
    the demo's group gives (view_dbtaskresult) follows the inbox to the failed task and
    queues it again."""
    from django.contrib.auth.models import Permission

    user = world.secretariat
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.user_permissions.add(Permission.objects.get(codename="view_dbtaskresult"))
    client.force_login(user)
    inbox = client.get(reverse("inbox")).content.decode()
    assert "RuntimeError: Pango is missing" in inbox
    assert f"{CHANGELIST}?status__exact=FAILED" in inbox
    listing = client.get(CHANGELIST, {"status__exact": "FAILED"}).content.decode()
    assert 'value="retry_selected"' in listing
    response = client.post(
        CHANGELIST, {"action": "retry_selected", "_selected_action": [str(failed.pk)]}
    )
    assert response.status_code == 302
    assert DBTaskResult.objects.get(status=TaskResultStatus.READY).args_kwargs == (
        failed.args_kwargs
    )

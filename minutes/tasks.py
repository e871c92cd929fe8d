"""Background tasks (Django's tasks API, through the django-tasks backport).

Which backend runs them is DJANGO_TASKS_BACKEND (config/settings.py): ``database`` queues
them in the database for ``manage.py db_worker`` (make run, production), ``immediate`` runs
them at once in the process that enqueues them (the tests' default).
"""

from __future__ import annotations

from django_tasks import TaskResultStatus, task
from django_tasks.backends.immediate import ImmediateBackend


@task()
def store_minutes_pdf(minutes_id: int) -> bool:
    """Render, seal and store the PDF of a published revision, once: True when this run
    stored it, False when there was nothing to do (already stored, or not published).

    Safe to run twice, or again after a worker was killed half-way
    (minutes.pdf.store_published_pdf)."""
    from minutes.publication.pdf import (
        store_published_pdf,  # the renderer is heavy; load it on demand
    )

    return store_published_pdf(minutes_id)


@task()
def deliver_email(email_id: int) -> bool:
    """Send one email of the outbox (minutes/outbox.py): True when this run sent it."""
    from minutes.outbox import deliver

    return deliver(email_id)


def runs_in_the_background() -> bool:
    """Whether an enqueued task waits for a worker (False: it has run when enqueue returns)."""
    return not isinstance(store_minutes_pdf.get_backend(), ImmediateBackend)


def enqueue_pdf(minutes_id: int) -> None:
    """Queue the PDF of a published revision (called once its publication has committed)."""
    store_minutes_pdf.enqueue(minutes_id)


def queued_pdf_ids() -> set[int]:
    """The revisions whose PDF task waits in the database queue, not yet taken by a worker.
    (A task left «running» by a worker that was killed is not counted: it will not finish.)"""
    from django_tasks_db.backend import DatabaseBackend

    if not isinstance(store_minutes_pdf.get_backend(), DatabaseBackend):
        return set()
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.filter(
        task_path=store_minutes_pdf.module_path, status=TaskResultStatus.READY
    ).values_list("args_kwargs", flat=True)
    return {row["args"][0] for row in rows if row.get("args")}


def enqueue_missing_pdfs() -> int:
    """Queue the PDF of every published revision that has none yet and is not already
    queued (after a failed rendering, a worker killed mid-task, an import); how many."""
    from minutes.models import Minutes

    queued = queued_pdf_ids()
    pending = Minutes.objects.filter(status=Minutes.Status.PUBLISHED, sha256="").order_by("pk")
    count = 0
    for pk in pending.values_list("pk", flat=True):
        if pk not in queued:
            enqueue_pdf(pk)
            count += 1
    return count

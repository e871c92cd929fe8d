from __future__ import annotations

from django.core.management.base import BaseCommand

from minutes.tasks import enqueue_missing_pdfs, runs_in_the_background


class Command(BaseCommand):
    help = (
        "Queue the PDF of every published minutes revision that has none yet (after a failed "
        "rendering, a worker stopped mid-task, or an import) for the worker (manage.py "
        "db_worker); with DJANGO_TASKS_BACKEND=immediate, render and store them now. Never "
        "re-renders a stored one; run it from cron."
    )

    def handle(self, *args, **options):
        count = enqueue_missing_pdfs()
        if runs_in_the_background():
            self.stdout.write(f"{count} missing PDF(s) queued for the worker.")
        else:
            self.stdout.write(f"{count} missing PDF(s) rendered and stored (or failed, logged).")

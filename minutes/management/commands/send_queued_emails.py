from __future__ import annotations

from django.core.management.base import BaseCommand

from minutes.outbox import send_due
from minutes.tasks import runs_in_the_background


class Command(BaseCommand):
    help = (
        "Queue a delivery for every email of the outbox that waits and whose next try is due "
        "(a worker stopped mid-send, or a backend that cannot defer a retry); with "
        "DJANGO_TASKS_BACKEND=immediate, send them now. An email already sent is never sent "
        "again by it; run it from cron every few minutes."
    )

    def handle(self, *args, **options):
        count = send_due()
        verb = "queued for the worker" if runs_in_the_background() else "sent (or retried later)"
        self.stdout.write(f"{count} waiting email(s) {verb}.")

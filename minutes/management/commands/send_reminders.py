from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from minutes.reminders import send_reminders


def _moment(value: str) -> datetime.datetime:
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"--now {value!r} is not an ISO 8601 date and time, e.g. 2025-03-01T08:00+03:30."
        ) from None
    if timezone.is_naive(moment):  # Tehran time, as the reminders' days are
        moment = timezone.make_aware(moment)
    return moment


class Command(BaseCommand):
    help = (
        "Send the reminders that are due (minutes/reminders.py): to invitees who have not "
        "answered, DJANGO_INVITATION_REMINDER_DAYS before the meeting; to the people "
        "responsible for a decision, DJANGO_DECISION_REMINDER_DAYS before its deadline; and "
        "the weekly digest of overdue decisions on DJANGO_OVERDUE_DIGEST_WEEKDAY. Each through "
        "the outbox, never twice: safe to run as often as you like (cron, hourly or daily)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            type=_moment,
            help="run as if it were this moment (ISO 8601; without an offset, Tehran time): "
            "for tests and to make up a missed run",
        )

    def handle(self, *args, now=None, **options):
        run = send_reminders(now)
        self.stdout.write(
            f"Reminders queued: {run.invitations} to invitees who have not answered, "
            f"{run.deadlines} before a decision's deadline, {run.digests} weekly digest(s) of "
            "overdue decisions."
        )

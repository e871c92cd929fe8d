from __future__ import annotations

from django.core.management.base import BaseCommand

from demands.services import notify_decisions


class Command(BaseCommand):
    help = (
        "Email whoever raised a demand once the minutes of the meeting that took it up are "
        "published (each demand once); run from cron, e.g. hourly."
    )

    def handle(self, *args, **options):
        count = notify_decisions()
        self.stdout.write(f"{count} demand(s) notified")

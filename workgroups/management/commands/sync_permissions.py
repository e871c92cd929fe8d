from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from workgroups.permissions import sync_all_permissions


class Command(BaseCommand):
    help = (
        "Recompute every object permission from today's roles and memberships. Every change "
        "made through the services already does this for its own workgroup; run this daily "
        "(e.g. from cron just after midnight, Tehran time) so that terms which simply run out "
        "on their end date lose their permissions too."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            sync_all_permissions()
        self.stdout.write("Permissions recomputed from today's roles and memberships.")

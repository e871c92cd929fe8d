"""Rebuild the portal's index of published minutes from their snapshots."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from portal import report_cells
from portal.indexing import ensure_index, rebuild_index


class Command(BaseCommand):
    help = "Index published minutes for the public portal (--rebuild: from scratch)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--rebuild", action="store_true", help="Drop the index and build it again."
        )

    def handle(self, *args, rebuild: bool = False, **options):
        count = rebuild_index() if rebuild else ensure_index()
        if rebuild:
            # The index's rows were replaced behind the audit log's back.
            report_cells.rebuild()
        self.stdout.write(f"Indexed {count} published revision(s).")

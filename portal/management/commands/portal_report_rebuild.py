"""Recount the reports' maintained aggregates (portal.report_cells) from the decisions."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from portal.indexing import ensure_index
from portal.report_cells import rebuild


class Command(BaseCommand):
    help = (
        "Recount the public reports' aggregates from the published decisions (after an "
        "import or any change made outside the services)."
    )

    def handle(self, *args, **options):
        ensure_index()
        start = time.perf_counter()
        count = rebuild()
        self.stdout.write(f"{count} report cell(s) in {time.perf_counter() - start:.1f} s.")

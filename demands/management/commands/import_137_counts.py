"""``manage.py import_137_counts --slug <committee> FILE.csv [--dry-run]``: the 137 contact
centre's monthly counts of requests (the layout in demands/imports.py and docs/demands.md).
The whole file is checked first; every problem is printed with its row and column and
nothing is written; a file without problems is written in one transaction."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from committee.models import Committee
from demands.imports import import_counts


class Command(BaseCommand):
    help = (
        "Import the 137 contact centre's counts of requests (CSV: month, topic, district, "
        "requests) for a committee; a month imported again replaces its counts."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the CSV file")
        parser.add_argument("--slug", required=True, help="the committee")
        parser.add_argument("--dry-run", action="store_true", help="check only, write nothing")

    def handle(self, *args, **options):
        committee = Committee.objects.filter(slug=options["slug"]).first()
        if committee is None:
            raise CommandError(f"No committee with the slug {options['slug']!r}.")
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        report = import_counts(
            committee,
            path.read_bytes(),
            file_name=path.name,
            dry_run=options["dry_run"],
            from_command=True,
        )
        if not report.ok:
            for problem in report.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(report.problems)} problem(s); nothing was written.")
        if options["dry_run"]:
            self.stdout.write(f"{len(report.rows)} rows are correct; nothing was written.")
            return
        self.stdout.write(
            f"{len(report.rows)} rows: {report.created} new, {report.updated} replaced, "
            f"{report.unchanged} unchanged ({report.requests} requests)."
        )

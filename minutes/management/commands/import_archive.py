from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from minutes.publication.archive import ArchiveError, import_archive


class Command(BaseCommand):
    help = (
        "Restore the publications of an archive written by export_archive into a database "
        "without minutes: the sealed PDFs, their frozen snapshots and their meetings, each "
        "PDF checked against its SHA-256 and every entry as the services would (ids, "
        "revisions, statuses, dates), in one transaction. It restores the publications only, "
        "not decisions, follow-ups or current statuses as rows (the tracker and the API stay "
        "empty), nor people and users: the backup of an installation is `backup`/`restore`."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The zip file to read.")

    def handle(self, *args, path: Path, **options):
        try:
            count = import_archive(path)
        except ArchiveError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"{count} published revision(s) restored from {path}.")

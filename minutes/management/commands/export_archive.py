from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from minutes.publication.archive import ArchiveError, export_archive


class Command(BaseCommand):
    help = (
        "Write every published minutes PDF and a JSON manifest (metadata, hashes) to a zip: "
        "the publications only, not a backup (see `backup`)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The zip file to write.")

    def handle(self, *args, path: Path, **options):
        try:
            count = export_archive(path)
        except ArchiveError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"{count} published revision(s) written to {path}.")

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from committee.backup import BackupError, write_backup


class Command(BaseCommand):
    help = (
        "Back up the whole installation into one file (a .tar.gz): the database (SQLite "
        "through its online backup API, PostgreSQL with pg_dump --format=custom), every file "
        "under MEDIA_ROOT and a manifest with the SHA-256 of each. Safe while the site runs."
    )

    def add_arguments(self, parser):
        parser.add_argument("destination", type=Path, help="The file to write, e.g. backup.tar.gz.")

    def handle(self, *args, destination: Path, **options):
        try:
            manifest = write_backup(destination)
        except BackupError as error:
            raise CommandError(str(error)) from None
        media = sum(1 for name in manifest["members"] if name.startswith("media/"))
        self.stdout.write(
            f"Backed up the {manifest['engine']} database and {media} media file(s) to "
            f"{destination}."
        )

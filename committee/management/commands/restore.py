from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from committee.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a file written by `backup`: check every member against the manifest's "
        "SHA-256 first, then replace the database and write the media files under "
        "MEDIA_ROOT. Refuses a backup of another database engine, a member with an unsafe "
        "name, and a database that holds data unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path, help="The backup file to read.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that already holds data.",
        )

    def handle(self, *args, source: Path, force: bool, **options):
        try:
            manifest = restore_backup(source, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from None
        media = sum(1 for name in manifest["members"] if name.startswith("media/"))
        self.stdout.write(
            f"Restored the database of {manifest['created_at']} and {media} media file(s) "
            f"from {source}. Run `manage.py migrate` if this code is newer than the backup."
        )

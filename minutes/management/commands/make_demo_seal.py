"""``manage.py make_demo_seal``: the demo seal certificate, made once (see docs/pdf.md)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from minutes.publication import signing


class Command(BaseCommand):
    # Run by `make setup` before anything else: no system checks (no URL conf loaded).
    requires_system_checks: list[str] = []
    help = (
        "Make a local demo certificate authority and a demo seal certificate "
        f"(«{signing.DEMO_SUBJECT}») in var/demo-seal/, used to sign published PDFs when "
        "DJANGO_SIGNING_P12 is not set (never in production)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-missing",
            action="store_true",
            help="Do nothing, quietly, when the demo seal exists (used by `make setup`).",
        )
        parser.add_argument("--force", action="store_true", help="Replace an existing demo seal.")
        parser.add_argument(
            "--dir", default="", help="Another directory than var/demo-seal/ (for tests)."
        )

    def handle(self, *args, if_missing: bool, force: bool, dir: str, **options):
        directory = Path(dir) if dir else signing.demo_seal_dir()
        present = (directory / signing.DEMO_P12_FILE).exists() and (
            directory / signing.DEMO_CA_FILE
        ).exists()
        if present and if_missing and not force:
            return
        if present and not force:
            raise CommandError(
                f"A demo seal already exists in {directory}; use --force to replace it "
                "(files signed with the old one then no longer verify against the new CA)."
            )
        signing.create_demo_seal(directory, force=True)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo seal made in {directory}: {signing.DEMO_CA_FILE} (the demo CA, to "
                f"trust when checking a file) and {signing.DEMO_P12_FILE} (passphrase "
                f"«{signing.DEMO_PASSPHRASE.decode()}»). It is not a real seal."
            )
        )

from __future__ import annotations

from django.core.management.base import BaseCommand

from demo.loader import DEMO_PASSWORD, LOGINS, demo_is_loaded, load_demo


class Command(BaseCommand):
    help = (
        "Fill an empty database with a realistic Persian demo committee (fictional people). "
        "Does nothing when the database already holds data."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Stay quiet about an existing demo (used by `make run` and `make test`).",
        )
        parser.add_argument(
            "--logins", action="store_true", help="Only print the demo logins, load nothing."
        )

    def handle(self, *args, if_empty: bool, logins: bool, **options):
        if logins:
            if demo_is_loaded():
                self._print_logins()
            else:
                self.stdout.write("The demo is not loaded in this database; no demo logins.")
            return
        result = load_demo()
        if result.loaded:
            summary = ", ".join(f"{count} {name}" for name, count in result.counts.items())
            self.stdout.write(self.style.SUCCESS(f"Demo loaded: {summary}."))
            self._print_logins()
        elif result.reason == "already-loaded":
            if not if_empty:
                self.stdout.write("The demo is already loaded; nothing changed.")
                self._print_logins()
        else:
            self.stdout.write(
                "The database already holds data that is not the demo; the demo was not loaded."
            )

    def _print_logins(self) -> None:
        self.stdout.write(f"Demo logins (password «{DEMO_PASSWORD}» for each, demo only):")
        for username, who in LOGINS:
            self.stdout.write(f"  {username:<12} {who}")

from __future__ import annotations

from django.core.management.base import BaseCommand

from workgroups.services import setup_committee


class Command(BaseCommand):
    help = "Create a media committee with its five standard workgroups (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument("--slug", default="rasht", help="Latin identifier used in URLs.")
        parser.add_argument("--city", default="رشت")
        parser.add_argument("--municipality", default=None, help="Defaults to «شهرداری <city>».")
        parser.add_argument(
            "--name", default=None, help="Defaults to «کمیته رسانه شهرداری <city>»."
        )

    def handle(self, *args, slug, city, municipality, name, **options):
        municipality = municipality or f"شهرداری {city}"
        result = setup_committee(
            slug=slug,
            name=name or f"کمیته رسانه {municipality}",
            municipality=municipality,
            city=city,
        )
        verb = "Created" if result.committee_created else "Found"
        self.stdout.write(
            f"{verb} committee «{result.committee.name}» (slug {result.committee.slug}); "
            f"{result.workgroups_created} workgroup(s) added, "
            f"{result.committee.workgroups.count()} in all."
        )

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from committee.models import Committee
from demands.services import ensure_lists


class Command(BaseCommand):
    help = (
        "Give a committee the standard topics of demands (in the fields of its workgroups) "
        "and numbered districts; safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--slug", help="the committee (default: every committee)")
        parser.add_argument("--districts", type=int, default=5, help="how many districts")

    def handle(self, *args, **options):
        committees = Committee.objects.all()
        if options["slug"]:
            committees = committees.filter(slug=options["slug"])
            if not committees.exists():
                raise CommandError(f"No committee with the slug {options['slug']!r}.")
        for committee in committees:
            topics, districts = ensure_lists(committee, districts=options["districts"])
            self.stdout.write(f"{committee.slug}: {topics} topics, {districts} districts")

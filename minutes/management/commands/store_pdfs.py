from __future__ import annotations

from django.core.management.base import BaseCommand

from minutes.models import Minutes


class Command(BaseCommand):
    help = (
        "Render and store the PDF of every published minutes revision that has none yet "
        "(after a failed rendering, or an import). Never re-renders a stored one."
    )

    def handle(self, *args, **options):
        from minutes.publication.pdf import store_published_pdf

        pending = Minutes.objects.filter(status=Minutes.Status.PUBLISHED, sha256="")
        count = 0
        for pk in pending.values_list("pk", flat=True):
            store_published_pdf(pk)
            count += 1
        self.stdout.write(f"{count} PDF(s) rendered and stored.")

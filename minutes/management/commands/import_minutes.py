"""``manage.py import_minutes FILE --committee SLUG --user USERNAME [--dry-run] [--publish]``:
a committee's past meetings from a spreadsheet or a JSON document of the API's shapes
(minutes/importer.py, docs/import.md)."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from committee.models import Committee
from minutes.importer import ImportFileError, import_minutes
from persian.digits import localized_digits


class Command(BaseCommand):
    help = (
        "Import a committee's past meetings (attendance, agenda, decisions) from an XLSX "
        "workbook, a folder of CSV files or a JSON document; everything or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            help="An .xlsx workbook, a meetings .csv, a folder of CSVs, or a JSON document "
            "(told apart by content).",
        )
        parser.add_argument("--committee", help="The committee's slug (when there are several).")
        parser.add_argument(
            "--user",
            required=True,
            help="The username the import is done as (audited): a superuser, or the secretariat "
            "for plenary meetings; workgroup records need the chair's or a superuser's rights.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Check and show, write nothing.")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Once imported, submit, approve and publish each meeting's minutes as --user "
            "(who must be allowed each step); their PDFs are rendered by the worker.",
        )

    def handle(self, *args, **options):
        user = get_user_model().objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(_("کاربر «%(name)s» نیست.") % {"name": options["user"]})
        committees = Committee.objects.all()
        if options["committee"]:
            committees = committees.filter(slug=options["committee"])
        if committees.count() != 1:
            raise CommandError(_("کمیته را با --committee تعیین کنید."))
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(_("پرونده «%(name)s» نیست.") % {"name": path})
        try:
            report = import_minutes(
                user,
                committees.get(),
                path,
                dry_run=options["dry_run"],
                publish=options["publish"] and not options["dry_run"],
            )
        except (ImportFileError, UnicodeDecodeError) as error:
            message = (
                _("پرونده CSV باید با UTF-8 ذخیره شده باشد.")
                if isinstance(error, UnicodeDecodeError)
                else str(error)
            )
            raise CommandError(message) from None
        if report.problems:
            for problem in report.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                _("%(count)s ایراد؛ هیچ چیز ثبت نشد. ایرادها را درست کنید و دوباره بفرستید.")
                % {"count": localized_digits(len(report.problems))}
            )
        counts = {k: localized_digits(v) for k, v in report.counts().items()}
        summary = (
            _(
                "%(meetings)s جلسه، %(attendance)s حضور و غیاب، %(agenda)s بند دستور و "
                "%(decisions)s مصوبه"
            )
            % counts
        )
        if options["dry_run"]:
            self.stdout.write(_("آزمایشی، بی‌ثبت: %(summary)s ثبت می‌شد.") % {"summary": summary})
            for plan in report.meetings:
                self.stdout.write(f"  {plan.key}: {plan.title}")
        else:
            self.stdout.write(_("ثبت شد: %(summary)s.") % {"summary": summary})
        if report.written and options["publish"]:
            from minutes.tasks import runs_in_the_background

            self.stdout.write(
                (
                    _("%(count)s صورتجلسه منتشر شد؛ PDF آن‌ها در پس‌زمینه ساخته می‌شود.")
                    if runs_in_the_background()
                    else _("%(count)s صورتجلسه منتشر شد و PDF آن‌ها ساخته شد.")
                )
                % {"count": localized_digits(len(report.published))}
            )
            for plan, _meeting, message in report.unpublished:
                self.stderr.write(
                    _("«%(title)s» (%(key)s) منتشر نشد: %(message)s")
                    % {"title": plan.title, "key": plan.key, "message": message}
                )

"""The secretariat's import of a committee's past from a spreadsheet or a JSON document of
the API's shapes: upload, a dry run showing what would be created and every problem
(sheet, row, column; or the place in the document), then the real import in one
transaction, optionally published — the importer of ``manage.py import_minutes``
(minutes/importer.py, docs/import.md). The template workbook and the JSON example are
downloadable here."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from minutes import importer
from minutes.visibility import Viewer
from persian.digits import localized_digits

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ImportForm(forms.Form):
    committee = forms.ModelChoiceField(label=gettext_lazy("کمیته"), queryset=None, empty_label=None)
    file = forms.FileField(
        label=gettext_lazy("پرونده XLSX، CSV یا JSON"),
        help_text=gettext_lazy(
            "حداکثر ۱۰ مگابایت؛ برگه‌ها و ستون‌ها مانند پرونده نمونه، یا JSON مانند نمونه JSON."
        ),
    )
    publish = forms.BooleanField(
        label=gettext_lazy("انتشار پس از ورود"),
        required=False,
        help_text=gettext_lazy(
            "پس از ثبت، صورتجلسه هر جلسه به نام شما ارسال، تأیید و منتشر می‌شود و PDF آن "
            "ساخته می‌شود؛ هر گامی که اجازه‌اش را ندارید انجام نمی‌شود و آن جلسه پیش‌نویس "
            "می‌ماند."
        ),
    )

    def __init__(self, *args, committees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees
        if committees.count() == 1:
            self.fields["committee"].widget = forms.HiddenInput()
            self.fields["committee"].initial = committees.first()


def _managed(request: HttpRequest):
    committees = Viewer.for_request(request).managed_committees
    if not committees.exists():
        raise PermissionDenied(_("گذشته کمیته را فقط دبیرخانه آن وارد می‌کند."))
    return committees


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    _managed(request)
    response = HttpResponse(importer.template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="import-template.xlsx"'
    return response


@login_required
def import_example_json(request: HttpRequest) -> HttpResponse:
    _managed(request)
    response = HttpResponse(importer.example_json(), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="import-example.json"'
    return response


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    committees = _managed(request)
    form = ImportForm(request.POST or None, request.FILES or None, committees=committees)
    report = None
    dry_run = request.POST.get("action") != "import"
    if request.method == "POST" and form.is_valid():
        try:
            result = importer.import_upload(
                request.user,
                form.cleaned_data["committee"],
                form.cleaned_data["file"],
                dry_run=dry_run,
                publish=form.cleaned_data["publish"] and not dry_run,
            )
        except importer.ImportFileError as error:
            form.add_error("file", str(error))
        else:
            report = importer.report_data(result, dry_run=dry_run)
            if result.written and form.cleaned_data["publish"]:
                messages.success(
                    request,
                    _("%(count)s جلسه ثبت شد و صورتجلسه %(published)s جلسه منتشر شد.")
                    % {
                        "count": localized_digits(len(result.created)),
                        "published": localized_digits(len(result.published)),
                    },
                )
                for entry in report["unpublished"]:
                    messages.warning(request, entry["text"])
                return redirect("meeting_list")
            if result.written:
                messages.success(
                    request,
                    _("%(count)s جلسه ثبت شد؛ صورتجلسه‌های آن‌ها پیش‌نویس‌اند.")
                    % {"count": len(result.created)},
                )
                return redirect("meeting_list")
    return render(
        request,
        "minutes/import.html",
        {"form": form, "report": report, "dry_run": dry_run},
    )

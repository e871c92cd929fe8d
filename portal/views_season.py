"""The season's report for the mayor (portal.season_reports): the secretariat's form that
queues one, and the download of a published one."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from committee.models import Committee
from minutes import policy
from minutes.errors import NotAllowed, ServiceError
from persian.digits import localized_digits, to_persian_digits
from portal import reports, season_reports
from portal.models import SeasonReport


def form_context(committee: Committee, values: dict | None = None) -> dict:
    """What the form «تهیهٔ گزارش فصل» needs: the seasons, the values shown."""
    values = values or {}
    return {
        "season_choices": list(enumerate(reports.SEASON_NAMES, start=1)),
        "season_year": values.get("year", to_persian_digits(season_reports.jalali_year_now())),
        "season_value": str(values.get("season", "")),
        "season_action": reverse("portal_season_report_create", args=[committee.slug]),
    }


@require_POST
def season_report_create(request: HttpRequest, slug: str) -> HttpResponse:
    committee = get_object_or_404(Committee, slug=slug)
    if not policy.is_secretariat(request.user, committee):
        raise PermissionDenied(_("فقط دبیرخانه کمیته گزارش فصل تهیه می‌کند."))
    year, season = request.POST.get("year", ""), request.POST.get("season", "")
    try:
        report = season_reports.request_season_report(request.user, committee, year, season)
    except NotAllowed as error:
        raise PermissionDenied(error.message) from error
    except ServiceError as error:
        context = {
            "committee": committee,
            "season_error": error.message,
            "season_error_field": error.field,
            "page_title": _("تهیهٔ گزارش فصل"),
            **form_context(committee, {"year": year[:10], "season": season[:10]}),
        }
        return render(request, "portal/season_report_form.html", context, status=400)
    # With the immediate task backend the worker's run is already over; with the database
    # queue the version waits for it.
    status = SeasonReport.objects.filter(pk=report.pk).values_list("status", flat=True).first()
    if status == SeasonReport.Status.READY:
        text = _("گزارش فصل %(season)s (نسخه %(version)s) تهیه و منتشر شد.")
    elif status == SeasonReport.Status.FAILED:
        text = _(
            "تهیهٔ گزارش فصل %(season)s (نسخه %(version)s) ناموفق بود؛ خطا در بخش مدیریت "
            "ثبت شده است. دوباره بکوشید."
        )
    else:
        text = _(
            "گزارش فصل %(season)s (نسخه %(version)s) در صف تهیه است؛ چند لحظه دیگر در فهرست "
            "گزارش‌های فصل می‌آید."
        )
    level = messages.ERROR if status == SeasonReport.Status.FAILED else messages.SUCCESS
    messages.add_message(
        request,
        level,
        text
        % {
            "season": season_reports.shown_label(report),
            "version": localized_digits(report.version),
        },
    )
    return redirect(reverse("portal_report", args=[committee.slug]) + "#season-reports")


@require_GET
def season_report_pdf(
    request: HttpRequest, slug: str, year: int, season: int, version: int
) -> HttpResponse:
    """A published season report, as stored: always a download."""
    report = (
        SeasonReport.objects.select_related("committee")
        .filter(
            committee__slug=slug,
            year=year,
            season=season,
            version=version,
            status=SeasonReport.Status.READY,
        )
        .first()
    )
    if report is None or not report.pdf:
        raise Http404(_("این گزارش فصل منتشر نشده است."))
    persian, fallback = season_reports.file_names(report)
    response = FileResponse(
        report.pdf.open("rb"), as_attachment=True, content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(persian, safe='')}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["ETag"] = f'"{report.sha256}"'
    response["Cache-Control"] = "public, max-age=3600"
    return response

"""The season's report for the mayor: the committee's scoreboard for one ended Jalali
season (بهار، تابستان، پاییز، زمستان) as a sealed PDF on the minutes' letterhead.

* :func:`request_season_report` is what the secretariat's form calls: it checks the
  permission (``minutes.policy.is_secretariat``), refuses a season that has not ended, and
  in one transaction adds the next version of that season (old versions are kept) and an
  audit entry; once that has committed the background worker renders it
  (``portal.tasks.store_season_report``).
* :func:`store_season_report` (the task) computes the figures exactly as the public
  scoreboard does (``portal.views_reports.committee_report_data``: the same source, the
  maintained aggregates or the decisions), draws the same charts (``portal.charts``),
  renders through the minutes' PDF pipeline (``minutes.publication.pdf.write_pdf``: the
  allow-list fetcher, Vazirmatn embedded, PDF/A-3a, tagged) and seals it with the minutes'
  seal (``minutes.publication.signing.seal_pdf``), then stores the bytes and their SHA-256.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import logging
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from committee import audit
from committee.models import Committee
from minutes import policy
from minutes.errors import NotAllowed, ServiceError
from persian.digits import localized_digits, to_latin_digits, to_persian_digits
from persian.jalali import MONTH_NAMES, format_date, format_datetime, to_jalali
from portal import charts, reports
from portal.models import SeasonReport
from portal.report_charts import stack_chart, trend_chart
from portal.reports import FIELD_LABELS, TABLE_FIELDS, Period, PeriodError
from portal.templatetags.reports import show

logger = logging.getLogger(__name__)

TEMPLATE = "portal/pdf/season_report.html"
STYLESHEET = "portal/pdf/season_report.css"
AUDIT_FIELDS = ("year", "season", "version", "status", "sha256")


# --- asking for one -----------------------------------------------------------------------


def season_period(year: object, season: object, today: datetime.date | None = None) -> Period:
    """The Jalali season asked for, or a :class:`ServiceError` with a Persian message: a
    year and a season that do not exist, or a season that has not ended yet."""
    today = today or timezone.localdate()
    year_text, season_text = str(year or "").strip(), str(season or "").strip()
    if not year_text:
        raise ServiceError(_("سال گزارش را بنویسید."), field="year")
    if not season_text:
        raise ServiceError(_("فصل گزارش را برگزینید."), field="season")
    try:
        period = reports.parse_period(
            {"period": reports.SEASON, "year": year_text[:10], "season": season_text[:10]}
        )
    except PeriodError as error:
        season_digits = to_latin_digits(season_text)
        good_season = season_digits in ("1", "2", "3", "4")
        raise ServiceError(error.message, field="year" if good_season else "season") from error
    if period.end >= today:
        raise ServiceError(
            _(
                "%(season)s هنوز به پایان نرسیده است (تا %(end)s)؛ گزارش فصل پس از پایان آن "
                "تهیه می‌شود."
            )
            % {"season": period.label, "end": format_date(period.end)},
            field="season",
        )
    return period


@transaction.atomic
def request_season_report(
    actor, committee: Committee, year: object, season: object
) -> SeasonReport:
    """Queue the next version of the committee's report for an ended season."""
    if not policy.is_secretariat(actor, committee):
        raise NotAllowed(_("فقط دبیرخانه کمیته گزارش فصل تهیه می‌کند."))
    period = season_period(year, season)
    # One version number at a time per committee: the committee's row is the lock.
    Committee.objects.select_for_update().filter(pk=committee.pk).first()
    versions = SeasonReport.objects.filter(
        committee=committee, year=period.year, season=period.season
    )
    version = (versions.aggregate(top=Max("version"))["top"] or 0) + 1
    report = SeasonReport.objects.create(
        committee=committee,
        year=period.year,
        season=period.season,
        version=version,
        requested_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit.record(
        actor,
        "season_report.request",
        report,
        after=audit.snapshot(report, AUDIT_FIELDS),
        committee=committee,
    )
    from portal.tasks import enqueue_season_report

    transaction.on_commit(lambda: enqueue_season_report(report.pk), robust=True)
    return report


# --- the list -----------------------------------------------------------------------------


# The seasons' names for an English page (a Persian page and the PDF use SEASON_NAMES).
SEASON_NAMES_EN = ("Spring", "Summer", "Autumn", "Winter")


def label(report: SeasonReport) -> str:
    """«تابستان ۱۴۰۵» (always Persian: the PDF's and its file's name)."""
    return to_persian_digits(f"{reports.SEASON_NAMES[report.season - 1]} {report.year}")


def shown_label(report: SeasonReport) -> str:
    """The season in the page's language: «تابستان ۱۴۰۵», or "Summer 1405"."""
    if (translation.get_language() or "fa").startswith("en"):
        return f"{SEASON_NAMES_EN[report.season - 1]} {report.year}"
    return label(report)


def published(committee: Committee, limit: int | None = None) -> list[SeasonReport]:
    """The committee's ready season reports, newest season first and, within a season,
    newest version first; ``is_newest`` marks the latest version of each season."""
    rows = SeasonReport.objects.filter(
        committee=committee, status=SeasonReport.Status.READY
    ).order_by("-year", "-season", "-version")
    if limit:
        rows = rows[:limit]
    found = list(rows)
    seen: set[tuple[int, int]] = set()
    for report in found:
        key = (report.year, report.season)
        report.is_newest = key not in seen
        seen.add(key)
        report.label = shown_label(report)
        report.version_text = localized_digits(report.version)
        report.produced_text = format_datetime(report.produced_at)
        report.as_of_text = format_date(report.figures_as_of)
        report.url = download_url(report)
    return found


def pending(committee: Committee) -> list[SeasonReport]:
    """The versions not ready yet (waiting for the worker, or failed), for the secretariat."""
    rows = list(
        SeasonReport.objects.filter(committee=committee)
        .exclude(status=SeasonReport.Status.READY)
        .order_by("-requested_at", "-pk")[:20]
    )
    for report in rows:
        report.label = shown_label(report)
        report.version_text = localized_digits(report.version)
        report.requested_text = format_datetime(report.requested_at)
    return rows


def download_url(report: SeasonReport) -> str:
    return reverse(
        "portal_season_report_pdf",
        args=[report.committee.slug, report.year, report.season, report.version],
    )


def file_names(report: SeasonReport) -> tuple[str, str]:
    """The download's Persian name and its ASCII fallback."""
    persian = to_persian_digits(
        _("گزارش فصل %(season)s - %(committee)s - نسخه %(version)s")
        % {"season": label(report), "committee": report.committee.name, "version": report.version}
    )
    return (
        persian.replace("/", "-") + ".pdf",
        f"season-report-{report.year}-{report.season}-v{report.version}.pdf",
    )


# --- rendering ----------------------------------------------------------------------------


def _row(data: dict[str, Any]) -> dict[str, Any]:
    from minutes.publication import pdf

    return {
        "name": pdf.shown(data["name"]),
        "cells": [show(data[name], share=name == "on_time_share") for name in TABLE_FIELDS],
        "overdue": bool(data["overdue"]),
    }


def _press_row(data: dict[str, Any]) -> dict[str, Any]:
    from minutes.publication import pdf

    return {
        "name": pdf.shown(data["name"]),
        "cells": [
            show(data[name])
            for name in ("asked", "accepted", "answered", "median_days", "p90_days")
        ],
    }


def _chart_image(svg: str, alt: str, inline: dict[str, tuple[bytes, str]]) -> dict[str, str]:
    """A chart of the page (portal.charts), drawn as an image for the PDF (charts.png),
    with its alternative text for the structure tree."""
    data = charts.png(svg)
    uri = "data:image/png;base64," + base64.b64encode(data).decode("ascii")
    inline[uri] = (data, "image/png")
    return {"uri": uri, "alt": alt}


def _stack(rows: list[dict[str, Any]], title: str, short: dict[Any, str] | None = None) -> str:
    return stack_chart(
        rows, title=title, label_id="chart-title", table_id="chart-table", short=short
    )


def build_context(report: SeasonReport, inline: dict[str, tuple[bytes, str]]) -> dict[str, Any]:
    from minutes.publication import pdf, signing
    from portal.views_reports import committee_report_data
    from workgroups.models import Workgroup

    committee = report.committee
    period = reports.parse_period(
        {"period": reports.SEASON, "year": str(report.year), "season": str(report.season)}
    )
    data = committee_report_data(committee, period, None)
    now = timezone.now()
    organizations = [r for r in data["organizations"] if r["key"] is not None]
    unassigned = [r for r in data["organizations"] if r["key"] is None]
    organizations.sort(key=lambda r: (-r["overdue"], -r["assigned"], r["name"]))
    short = dict(Workgroup.objects.filter(committee=committee).values_list("pk", "short_name"))
    short[None] = _("کل کمیته")
    months = data["months"]
    images = []
    if organizations:
        images.append(
            _chart_image(
                _stack(organizations, _("مصوبات هر سازمان مسئول")),
                _(
                    "نمودار میله‌ای مصوبات هر سازمان مسئول: به‌موقع، با تأخیر، باز در مهلت و "
                    "عقب‌افتاده؛ ارقام در جدول زیر آن."
                ),
                inline,
            )
        )
    charts_by_name = {"organizations": images[0] if images else None}
    if data["workgroups"]:
        charts_by_name["workgroups"] = _chart_image(
            _stack(data["workgroups"], _("مصوبات هر کارگروه"), short),
            _("نمودار میله‌ای مصوبات هر کارگروه؛ ارقام در جدول زیر آن."),
            inline,
        )
    charts_by_name["trend"] = _chart_image(
        trend_chart([MONTH_NAMES[m["month"] - 1] for m in months], months),
        _("نمودار خطی روند ماهانه؛ ارقام در جدول زیر آن."),
        inline,
    )
    totals = data["totals"]
    season_label = label(report)
    title = _("گزارش فصل %(season)s — %(name)s") % {"season": season_label, "name": committee.name}
    return {
        "title": title,
        "season_label": season_label,
        "version": to_persian_digits(report.version),
        "committee": {
            "name": pdf.shown(committee.name),
            "municipality": pdf.shown(committee.municipality),
        },
        "body": {"name": pdf.shown(committee.name), "kind": "committee"},
        "period_text": _("از %(since)s تا %(until)s")
        % {
            "since": format_date(period.start, lang="fa"),
            "until": format_date(period.end, lang="fa"),
        },
        "as_of": format_date(timezone.localdate(), lang="fa"),
        "produced": format_datetime(now, lang="fa"),
        "totals": {
            name: show(totals[name], share=name == "on_time_share") for name in TABLE_FIELDS
        },
        "headers": [str(FIELD_LABELS[name]) for name in TABLE_FIELDS],
        "organizations": [_row(r) for r in organizations],
        "unassigned": [_row(r) for r in unassigned],
        "workgroups": [_row(r) for r in data["workgroups"]],
        "months": [
            {
                "label": to_persian_digits(m["label"]),
                "taken": show(m["taken"]),
                "done": show(m["done"]),
                "overdue": show(m["overdue"]),
            }
            for m in months
        ],
        "press_headers": [
            str(reports.PRESS_LABELS[name])
            for name in ("asked", "accepted", "answered", "median_days", "p90_days")
        ],
        "press_workgroups": [_press_row(r) for r in data["press_workgroups"]],
        "press_organizations": [_press_row(r) for r in data["press_organizations"]],
        "press_definition": data["press_definition"],
        "definitions": data["definitions"],
        "charts": charts_by_name,
        "page_url": _page_url(committee, period),
        "seal": signing.seal_description(),
        "meta": {
            "author": pdf.fa_text(committee.name),
            "subject": pdf.fa_text(title),
            "created": pdf.w3c_datetime(now),
            "modified": pdf.w3c_datetime(now),
            "keywords": ", ".join((_("گزارش فصل"), pdf.fa_text(committee.name), season_label)),
        },
    }


def _page_url(committee: Committee, period: Period) -> str:
    from django.conf import settings
    from django.utils.http import urlencode

    path = reverse("portal_report", args=[committee.slug]) + "?" + urlencode(period.query())
    return settings.PUBLIC_BASE_URL.rstrip("/") + path


def render_season_report_pdf(report: SeasonReport) -> bytes:
    """The report as PDF/A-3a bytes (not yet sealed). Always in Persian."""
    from minutes.publication import pdf

    with translation.override("fa"):
        inline: dict[str, tuple[bytes, str]] = {}
        context = build_context(report, inline)
        context["logo_data_uri"] = pdf.logo_data_uri(report.committee.slug, inline)
        html = render_to_string(TEMPLATE, context)
        stylesheet = render_to_string(pdf.STYLESHEET) + render_to_string(STYLESHEET)
        fetcher = pdf.AllowListURLFetcher(files=pdf.allowed_asset_files(), inline=inline)
        return pdf.write_pdf(html, fetcher=fetcher, stylesheet=stylesheet)


def store_season_report(report_id: int) -> bool:
    """Render, seal and store one requested version; True when this run stored it.

    Does nothing for a version already stored. A rendering that fails marks the version
    «ناموفق» with the error (the task is then failed too, and shown in the inbox)."""
    from minutes.publication import signing

    report = SeasonReport.objects.select_related("committee").filter(pk=report_id).first()
    if report is None or report.status == SeasonReport.Status.READY:
        return False
    try:
        data = signing.seal_pdf(render_season_report_pdf(report))
    except Exception as error:
        logger.exception("The season report %s could not be rendered.", report_id)
        SeasonReport.objects.filter(pk=report_id).exclude(status=SeasonReport.Status.READY).update(
            status=SeasonReport.Status.FAILED, error=str(error)[:2000]
        )
        raise
    with transaction.atomic():
        locked = SeasonReport.objects.select_for_update().filter(pk=report_id).first()
        if locked is None or locked.status == SeasonReport.Status.READY:
            return False
        ascii_name = file_names(report)[1]
        locked.pdf.save(ascii_name, ContentFile(data), save=False)
        stored = locked.pdf.name
        try:
            locked.sha256 = hashlib.sha256(data).hexdigest()
            locked.pdf_size = len(data)
            locked.status = SeasonReport.Status.READY
            locked.produced_at = timezone.now()
            locked.figures_as_of = timezone.localdate()
            locked.error = ""
            locked.save()
            audit.record(
                None,
                "season_report.publish",
                locked,
                after=audit.snapshot(locked, AUDIT_FIELDS),
                committee=report.committee,
            )
        except BaseException:
            locked.pdf.storage.delete(stored)
            raise
    return True


def jalali_year_now() -> int:
    return to_jalali(timezone.localdate()).year

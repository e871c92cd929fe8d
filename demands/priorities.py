"""The public priorities page of a committee (``/committee/<c>/demands/priorities/``): its
published demands over a Jalali period (month, season, year or range, as the accountability
reports choose it, portal.reports.parse_period) counted by topic and by district — people
who raised them and supporters — and by Jalali month, drawn as charts by portal.charts
(pygal, server-side SVG, nothing the Content-Security-Policy refuses), each chart followed
by its figures as a table; beside them, never added to them, the requests of the 137
contact centre the secretariat imported (demands.imports)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from committee.models import Committee
from demands import counts, imports
from demands.models import Demand, ImportedCount, Support
from persian.jalali import MONTH_NAMES, format_numeric_latin, to_jalali
from portal import charts
from portal import reports as periods
from portal.indexing import ensure_index

BARS_SHOWN = 15
OLDEST_WAITING = 5


def _period(request: HttpRequest) -> tuple[periods.Period, str]:
    try:
        return periods.parse_period(request.GET), ""
    except periods.PeriodError as error:
        return periods.parse_period({}), error.message


def _period_choices(period: periods.Period) -> dict[str, Any]:
    """What portal/_period_form.html offers (the same form as the reports')."""
    return {
        "kinds": [
            (periods.MONTH, _("ماه")),
            (periods.SEASON, _("فصل")),
            (periods.YEAR, _("سال")),
            (periods.RANGE, _("بازه دلخواه")),
        ],
        "months": list(enumerate(MONTH_NAMES, start=1)),
        "seasons": list(enumerate(periods.SEASON_NAMES, start=1)),
        "since": "" if period.kind != periods.RANGE else period.query()["since"],
        "until": "" if period.kind != periods.RANGE else period.query()["until"],
    }


def _month_of(value) -> tuple[int, int]:
    day = to_jalali(timezone.localtime(value).date())
    return day.year, day.month


def monthly(committee: Committee, demands, period: periods.Period) -> list[dict[str, Any]]:
    """Per Jalali month of the period: demands raised (and published), people who raised
    them, supports given in the month, and the 137 centre's requests."""
    raised: Counter = Counter()
    people: Counter = Counter()
    for created_at, n in demands.order_by().values_list("created_at", "raised"):
        key = _month_of(created_at)
        raised[key] += 1
        people[key] += n
    supports: Counter = Counter(
        _month_of(created_at)
        for created_at in Support.objects.filter(
            demand__committee=committee,
            demand__status=Demand.Status.PUBLISHED,
            created_at__date__gte=period.start,
            created_at__date__lte=period.end,
        ).values_list("created_at", flat=True)
    )
    months = period.months()
    imported: dict[tuple[int, int], int] = {}
    if months:
        (first_year, _m), (last_year, _n) = months[0], months[-1]
        for year, month, n in ImportedCount.objects.filter(
            committee=committee, year__gte=first_year, year__lte=last_year
        ).values_list("year", "month", "requests"):
            imported[(year, month)] = imported.get((year, month), 0) + n
    return [
        {
            "label": imports.month_label(year, month),
            "short": imports.month_label(year, month).split()[0],
            "demands": raised[(year, month)],
            "raised": people[(year, month)],
            "supporters": supports[(year, month)],
            "imported": imported.get((year, month), 0),
        }
        for year, month in months
    ]


def _bars(rows: list[dict[str, Any]], *, title: str, label_id: str, table_id: str):
    shown = rows[:BARS_SHOWN]
    return charts.stacked_bars(
        [row["name"] for row in shown],
        [
            (_("طرح‌کنندگان"), [row["raised"] for row in shown]),
            (_("حمایت‌ها"), [row["supporters"] for row in shown]),
        ],
        title=title,
        label_id=label_id,
        table_id=table_id,
    )


@require_GET
def priorities(request: HttpRequest, slug: str) -> HttpResponse:
    committee = get_object_or_404(Committee, slug=slug)
    ensure_index()  # the stages are read from the portal's index
    period, error = _period(request)
    demands = (
        Demand.objects.public()
        .filter(
            committee=committee,
            created_at__date__gte=period.start,
            created_at__date__lte=period.end,
        )
        .with_counts()
        .with_stage()
    )
    figures = counts.summarise(
        demands,
        counts.imported(
            ImportedCount.objects.filter(committee=committee),
            date_from=period.start,
            date_to=period.end,
        ),
    )
    months = monthly(committee, demands, period)
    # One year's months are named alone on the axes (the table names the year).
    axis = [m["short"] if len(months) <= 12 else m["label"] for m in months]
    has_imported = bool(figures["imported"]["total"])
    oldest = (
        demands.at_stage("waiting")
        .select_related("committee", "topic", "district")
        .order_by("published_at", "pk")[:OLDEST_WAITING]
    )
    range_query = (
        f"date_from={format_numeric_latin(period.start)}&date_to={format_numeric_latin(period.end)}"
    )
    list_url = reverse("demand_list", args=[committee.slug])
    context = {
        "committee": committee,
        "period": period,
        "error": error,
        "choices": _period_choices(period),
        "counts": figures,
        "months": months,
        "has_imported": has_imported,
        "oldest": oldest,
        "list_url": f"{list_url}?{range_query}",
        "csv_url": f"{reverse('demand_counts_csv', args=[committee.slug])}?{range_query}",
        "charts_css": f"{reverse('portal_charts_css')}?v={charts.stylesheet_version()}",
        "topic_chart": _bars(
            figures["by_topic"],
            title=_("طرح‌کنندگان و حمایت‌ها به تفکیک موضوع"),
            label_id="topic-chart-title",
            table_id="by-topic",
        )
        if figures["total"]
        else "",
        "district_chart": _bars(
            figures["by_district"],
            title=_("طرح‌کنندگان و حمایت‌ها به تفکیک منطقه"),
            label_id="district-chart-title",
            table_id="by-district",
        )
        if figures["total"]
        else "",
        "trend_chart": charts.lines(
            axis,
            [
                (_("مطالبات طرح‌شده"), [m["demands"] for m in months]),
                (_("حمایت‌ها"), [m["supporters"] for m in months]),
            ],
            title=_("مطالبات و حمایت‌ها در هر ماه"),
            label_id="trend-chart-title",
            table_id="months-table",
        ),
        "imported_chart": charts.bars(
            axis,
            [m["imported"] for m in months],
            name=_("درخواست‌های سامانه ۱۳۷"),
            title=_("درخواست‌های سامانه ۱۳۷ در هر ماه"),
            label_id="imported-chart-title",
            table_id="months-table",
        )
        if has_imported
        else "",
        "page_title": _("اولویت‌های شهروندان — %(name)s") % {"name": committee.name},
        "page_description": _(
            "مطالبات شهروندان به تفکیک موضوع، منطقه و ماه، %(period)s: شمار طرح‌کنندگان، "
            "حمایت‌ها و سهمی که به مصوبه رسید."
        )
        % {"period": period.label},
        "canonical_url": request.build_absolute_uri(request.path),
        "site_name": committee.name,
    }
    return render(request, "demands/priorities.html", context, status=400 if error else 200)

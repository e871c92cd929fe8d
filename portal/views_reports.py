"""The public reports: the committee's scoreboard and a responsible organisation's record,
over a Jalali period, with charts and their tables, and the same figures as CSV. The
figures come from portal.reports; this module only chooses, sorts and shows them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import quote, urlencode

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from committee.models import Committee, District, Organization
from minutes import policy
from persian.jalali import MONTH_NAMES, format_numeric_latin, to_jalali
from persian.spreadsheet import csv_lines
from portal import charts, report_cells, reports, season_reports
from portal.cache import cached_public_page
from portal.indexing import ensure_index
from portal.models import PublicDecision
from portal.paging import page_of
from portal.report_charts import stack_chart, trend_chart
from portal.reports import FIELD_LABELS, TABLE_FIELDS, Figures, Period, PeriodError
from portal.search import DISTRICT_UNKNOWN, DistrictField
from portal.views import committee_feeds, decision_rows
from portal.views_season import form_context
from workgroups.models import Workgroup

OVERDUE_SHOWN = 100
FOLLOW_UPS_SHOWN = 200
PLENARY = "committee"


def _period(request: HttpRequest) -> tuple[Period, str]:
    """The chosen period, or this year and the Persian reason the choice was refused."""
    try:
        return reports.parse_period(request.GET), ""
    except PeriodError as error:
        return reports.parse_period({}), error.message


def _period_choices(period: Period) -> dict[str, Any]:
    this_year = to_jalali(timezone.localdate()).year
    return {
        "kinds": [
            (reports.MONTH, _("ماه")),
            (reports.SEASON, _("فصل")),
            (reports.YEAR, _("سال")),
            (reports.RANGE, _("بازه دلخواه")),
        ],
        "months": list(enumerate(MONTH_NAMES, start=1)),
        "seasons": list(enumerate(reports.SEASON_NAMES, start=1)),
        "this_year": this_year,
        "since": "" if period.kind != reports.RANGE else period.query()["since"],
        "until": "" if period.kind != reports.RANGE else period.query()["until"],
    }


def _body(request: HttpRequest, committee: Committee) -> Workgroup | str | None:
    """``?body=``: one workgroup's decisions, or the plenary's (``committee``)."""
    slug = request.GET.get("body", "")
    if not slug:
        return None
    if slug == PLENARY:
        return PLENARY
    workgroup = Workgroup.objects.filter(committee=committee, slug=slug).first()
    if workgroup is None:
        raise Http404(_("کارگروهی با این نامک در این کمیته نیست."))
    return workgroup


class DistrictError(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def parse_district(params, committee: Committee) -> District | None:
    """``?district=<id>``: one of the committee's districts (DistrictError otherwise)."""
    value = params.get("district", "")
    if not value:
        return None
    try:
        district = DistrictField(queryset=District.objects.all()).clean(value)
    except ValidationError as error:
        raise DistrictError(str(DISTRICT_UNKNOWN)) from error
    if district.committee_id != committee.pk:
        raise DistrictError(str(DISTRICT_UNKNOWN))
    return district


def _district(request: HttpRequest, committee: Committee) -> tuple[District | None, str]:
    try:
        return parse_district(request.GET, committee), ""
    except DistrictError as error:
        return None, error.message


def _of_body(queryset, body: Workgroup | str | None):
    if body == PLENARY:
        return queryset.filter(workgroup__isnull=True)
    if isinstance(body, Workgroup):
        return queryset.filter(workgroup=body)
    return queryset


def _sort(request: HttpRequest) -> tuple[str, bool]:
    sort = request.GET.get("sort", "overdue")
    if sort not in reports.SORT_FIELDS:
        sort = "overdue"
    return sort, request.GET.get("dir", "desc" if sort != "name" else "asc") != "asc"


def _sort_links(request: HttpRequest, sort: str, descending: bool, anchor: str) -> list[dict]:
    """A link per column that sorts by it (the first click: largest first; again: reversed).
    Works without JavaScript."""
    links = []
    for name in ("name", *TABLE_FIELDS):
        query = request.GET.copy()
        query["sort"] = name
        active = name == sort
        first = "asc" if name == "name" else "desc"
        query["dir"] = ("asc" if descending else "desc") if active else first
        links.append(
            {
                "field": name,
                "label": FIELD_LABELS[name],
                "url": f"?{query.urlencode()}#{anchor}",
                "active": active,
                "aria_sort": ("descending" if descending else "ascending") if active else "",
            }
        )
    return links


class Source:
    """Where a report's figures come from: the maintained aggregates (portal.report_cells)
    for a period of whole Jalali months, else the decisions themselves (portal.reports);
    both give the same figures (tests/portal/test_report_cells.py)."""

    CELL_KEYS = {"responsible_person": "person"}

    def __init__(
        self,
        committee: Committee,
        period: Period,
        body: Workgroup | str | None = None,
        organization: Organization | None = None,
        district: District | None = None,
    ) -> None:
        self.period = period
        self.today = timezone.localdate()
        self.decisions = _of_body(reports.public_decisions(committee, period), body)
        self.all_decisions = self.decisions
        self.cells = None
        if organization is not None:
            self.decisions = self.decisions.filter(organization=organization)
        if district is not None:
            # The aggregates are not kept by district: counted from the decisions.
            self.decisions = self.decisions.filter(districts=district)
        elif report_cells.covers(period) and report_cells.refresh() is not None:
            cells = _of_body(report_cells.cells(committee.pk, period), body)
            if organization is not None:
                cells = cells.filter(organization=organization)
            self.cells = cells

    def figures(self) -> Figures:
        if self.cells is None:
            return reports.figures(self.decisions, self.today)
        return report_cells.figures_by(self.cells, None, self.today).get(None) or Figures()

    def figures_by(self, key: str, names: dict[Any, str]) -> list[Figures]:
        if self.cells is None:
            return reports.figures_by(self.decisions, key, names, self.today)
        found = report_cells.figures_by(self.cells, self.CELL_KEYS.get(key, key), self.today)
        rows = []
        for where in sorted(found, key=lambda k: (k is not None, str(k))):
            row = found[where]
            row.name = names.get(where, "")
            rows.append(row)
        return rows

    def district_rows(
        self, committee: Committee, districts: list[District] | None = None
    ) -> list[Figures]:
        """The figures of each of the committee's districts (a decision naming two counts in
        both) and of the decisions that name none (key None), from the decisions; each
        district's row links to its page. Independent of ``?district=``. ``districts``: the
        committee's list, when already read."""
        if districts is None:
            districts = list(District.objects.filter(committee=committee))
        names: dict[Any, str] = {d.pk: d.name for d in districts}
        names[None] = _("بدون منطقه")
        order = {d.pk: position for position, d in enumerate(districts)}
        rows = reports.figures_by(self.all_decisions, "districts", names, self.today)
        for row in rows:
            if row.key is not None:
                row.url = reverse("portal_district", args=[committee.slug, row.key])
        return sorted(rows, key=lambda r: (r.key is None, order.get(r.key, 0)))

    def trend(self) -> list[reports.MonthPoint]:
        if self.cells is None:
            return reports.trend(self.decisions, self.period, self.today)
        return report_cells.trend(self.cells, self.period, self.today)


def _organization_names(keys: Iterable[Any]) -> dict[Any, str]:
    names: dict[Any, str] = dict(
        Organization.objects.filter(pk__in=[k for k in keys if k]).values_list("pk", "name")
    )
    names[None] = _("بدون سازمان مسئول")
    return names


def _workgroup_short_names(committee: Committee) -> dict[Any, str]:
    names: dict[Any, str] = dict(
        Workgroup.objects.filter(committee=committee).values_list("pk", "short_name")
    )
    names[None] = _("کل کمیته")
    return names


def _workgroup_names(committee: Committee) -> dict[Any, str]:
    names: dict[Any, str] = dict(
        Workgroup.objects.filter(committee=committee).values_list("pk", "name")
    )
    names[None] = _("جلسات کل کمیته")
    return names


def _organization_rows(committee: Committee, source: Source) -> list[Figures]:
    rows = source.figures_by("organization", {})
    names = _organization_names(row.key for row in rows)
    for row in rows:
        row.name = names.get(row.key, "")
        if row.key:
            row.url = reverse("portal_organization_report", args=[committee.slug, row.key])
    return rows


def _workgroup_rows(committee: Committee, source: Source) -> list[Figures]:
    rows = source.figures_by("workgroup", _workgroup_names(committee))
    slugs = dict(Workgroup.objects.filter(committee=committee).values_list("pk", "slug"))
    for row in rows:
        body = slugs.get(row.key, PLENARY)
        row.url = "?" + urlencode({"body": body})
    return rows


def _csv_url(name: str, args: list, request: HttpRequest, **extra: str) -> str:
    query = request.GET.copy()
    for key in ("sort", "dir"):
        query.pop(key, None)
    for key, value in extra.items():
        query[key] = value
    return reverse(name, args=args) + (f"?{query.urlencode()}" if query else "")


def _charts_css_url() -> str:
    return f"{reverse('portal_charts_css')}?v={charts.stylesheet_version()}"


def _render(request: HttpRequest, template: str, context: dict, error: str) -> HttpResponse:
    response = render(request, template, context)
    if error:
        response.status_code = 400
    return response


# --- The committee's scoreboard ---------------------------------------------------------------


@require_GET
@cached_public_page
def committee_report(request: HttpRequest, slug: str) -> HttpResponse:
    ensure_index()
    committee = get_object_or_404(Committee, slug=slug)
    period, error = _period(request)
    body = _body(request, committee)
    district, district_error = _district(request, committee)
    source = Source(committee, period, body, district=district)
    sort, descending = _sort(request)
    district_list = list(District.objects.filter(committee=committee))
    districts = source.district_rows(committee, district_list)
    organizations = _organization_rows(committee, source)
    unassigned = next((r for r in organizations if r.key is None), None)
    organizations = reports.sort_rows([r for r in organizations if r.key], sort, descending)
    workgroups = reports.sort_rows(_workgroup_rows(committee, source), sort, descending)
    months = source.trend()
    questions = reports.public_questions(committee, period)
    if isinstance(body, Workgroup):
        questions = questions.filter(meeting__workgroup=body)
    elif body == PLENARY:
        questions = questions.filter(meeting__workgroup__isnull=True)
    press_workgroups = reports.press_by(
        questions, "meeting__workgroup", _workgroup_names(committee)
    )
    press_keys = questions.values_list("agenda_item__presenter__organization", flat=True)
    press_names = _organization_names(press_keys)
    press_names[None] = _("بی‌نام سازمان پاسخ‌دهنده")
    press_organizations = reports.press_by(
        questions, "agenda_item__presenter__organization", press_names, accepted_only=True
    )
    name = body.name if isinstance(body, Workgroup) else committee.name
    if body == PLENARY:
        name = _("جلسات کل %(name)s") % {"name": committee.name}
    if district is not None:
        name = _("%(name)s، %(district)s") % {"name": name, "district": district.name}
    title = _("کارنامه اجرای مصوبات — %(name)s") % {"name": name}
    context = {
        "committee": committee,
        "body": body,
        "district": district,
        "district_error": district_error,
        "district_choices": district_list,
        "districts": districts,
        "district_chart": stack_chart(
            [r for r in districts if r.key is not None],
            title=_("مصوبات هر منطقه شهری"),
            label_id="district-chart-title",
            table_id="districts-table",
        )
        if any(r.key is not None and r.assigned for r in districts)
        else "",
        "body_name": name,
        "period": period,
        "error": error,
        "choices": _period_choices(period),
        "totals": source.figures(),
        "organizations": organizations,
        "unassigned": unassigned,
        "workgroups": workgroups,
        "months": months,
        "press_workgroups": press_workgroups,
        "press_organizations": press_organizations,
        "fields": TABLE_FIELDS,
        "labels": FIELD_LABELS,
        "press_labels": reports.PRESS_LABELS,
        "definitions": reports.DEFINITIONS,
        "press_definition": reports.PRESS_DEFINITION,
        "org_sort_links": _sort_links(request, sort, descending, "organizations"),
        "wg_sort_links": _sort_links(request, sort, descending, "workgroups"),
        "org_chart": stack_chart(
            organizations,
            title=_("مصوبات هر سازمان مسئول"),
            label_id="org-chart-title",
            table_id="organizations-table",
        )
        if organizations
        else "",
        "wg_chart": stack_chart(
            workgroups,
            title=_("مصوبات هر کارگروه"),
            label_id="wg-chart-title",
            table_id="workgroups-table",
            short=_workgroup_short_names(committee),
        )
        if workgroups
        else "",
        "trend_chart": trend_chart(
            [m.short_label if len(months) <= 12 else m.label for m in months], months
        ),
        "csv": {
            table.replace("-", "_"): _csv_url(
                "portal_report_csv", [committee.slug], request, table=table
            )
            for table in CSV_TABLES
        },
        "tracker_url": reverse("portal_decisions"),
        "charts_css": _charts_css_url(),
        "feeds": committee_feeds(committee),
        "page_title": title,
        "page_description": _(
            "کدام سازمان مصوبات کمیته را به‌موقع انجام داده و کدام عقب مانده است؛ %(period)s."
        )
        % {"period": period.label},
        "site_name": committee.name,
        "canonical_url": request.build_absolute_uri(request.path),
        "season_reports": season_reports.published(committee) if body is None else [],
    }
    if body is None and policy.is_secretariat(request.user, committee):
        context.update(
            can_produce_season=True,
            season_pending=season_reports.pending(committee),
            **form_context(committee),
        )
    return _render(request, "portal/report.html", context, error or district_error)


# --- One organisation's record -------------------------------------------------------------------


def _responsible_organization(committee: Committee, pk: int) -> Organization:
    """An organisation named as responsible in a public decision of the committee."""
    named = PublicDecision.objects.filter(committee=committee, organization_id=pk)
    organization = Organization.objects.filter(pk=pk).first()
    if organization is None or not named.exists():
        raise Http404(_("این سازمان مسئول اجرای هیچ مصوبه عمومی این کمیته نیست."))
    return organization


@require_GET
@cached_public_page
def organization_report(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    ensure_index()
    committee = get_object_or_404(Committee, slug=slug)
    organization = _responsible_organization(committee, pk)
    period, error = _period(request)
    today = timezone.localdate()
    source = Source(committee, period, organization=organization)
    decisions = source.decisions
    totals = source.figures()
    people = source.figures_by("responsible_person", {"": _("بی‌نام مسئول پیگیری")})
    for row in people:
        row.name = row.name or row.key or _("بی‌نام مسئول پیگیری")
    people.sort(key=lambda r: (-r.overdue, -r.assigned, r.name))
    overdue = list(reports.overdue_decisions(decisions, today)[:OVERDUE_SHOWN])
    for decision in overdue:
        decision.days_overdue = (today - decision.deadline).days
    distribution = reports.distribution(totals.done_days_counted())
    notes = reports.follow_ups(decisions)
    tracker = (
        reverse("portal_decisions")
        + "?"
        + urlencode({"organization": organization.pk, "status": "overdue"})
    )
    title = _("کارنامه %(name)s") % {"name": organization.name}
    context = {
        "committee": committee,
        "organization": organization,
        "period": period,
        "error": error,
        "choices": _period_choices(period),
        "totals": totals,
        "people": people,
        "overdue": overdue,
        "overdue_more": max(0, totals.overdue - len(overdue)),
        "follow_ups": list(notes[:FOLLOW_UPS_SHOWN]),
        "follow_ups_more": max(0, notes.count() - FOLLOW_UPS_SHOWN),
        "distribution": distribution,
        "distribution_chart": charts.bars(
            [label for label, _count in distribution],
            [count for _label, count in distribution],
            name=_("مصوبات انجام‌شده"),
            title=_("روز از جلسه تا انجام"),
            label_id="days-chart-title",
            table_id="days-table",
        ),
        "stack_chart": stack_chart(
            [replace_name(totals, organization.name)],
            title=_("وضعیت مصوبات"),
            label_id="stack-chart-title",
            table_id="totals-table",
        ),
        "fields": TABLE_FIELDS,
        "labels": FIELD_LABELS,
        "definitions": reports.DEFINITIONS,
        "tracker_url": tracker,
        "charts_css": _charts_css_url(),
        "report_url": reverse("portal_report", args=[committee.slug])
        + ("?" + urlencode(period.query())),
        "csv_url": _csv_url("portal_organization_report_csv", [committee.slug, pk], request),
        "today": today,
        "feeds": committee_feeds(committee),
        "page_title": title,
        "page_description": _(
            "مصوبات سپرده به %(name)s: به‌موقع، با تأخیر، باز و عقب‌افتاده؛ %(period)s."
        )
        % {"name": organization.name, "period": period.label},
        "site_name": committee.name,
        "canonical_url": request.build_absolute_uri(request.path),
    }
    return _render(request, "portal/organization_report.html", context, error)


def replace_name(row: Figures, name: str) -> Figures:
    row.name = name
    return row


# --- CSV ----------------------------------------------------------------------------------------

CSV_TABLES = (
    "organizations",
    "workgroups",
    "districts",
    "months",
    "press-workgroups",
    "press-organizations",
)


def _figure_cells(row: Figures) -> list[str]:
    return [_plain(getattr(row, name)) for name in TABLE_FIELDS]


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _figure_headers(first: str) -> list[str]:
    return [first, *(str(FIELD_LABELS[name]) for name in TABLE_FIELDS)]


def _period_cells(period: Period) -> list[str]:
    return [format_numeric_latin(period.start), format_numeric_latin(period.end)]


def _stream(rows: Iterator[str], filename: str, persian: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(rows, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f"attachment; filename=\"{filename}\"; filename*=UTF-8''{quote(persian)}"
    )
    return response


def _refuse(message: str) -> HttpResponse:
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")


@require_GET
def committee_report_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """One table of the scoreboard (``table=``) for the same period and body: UTF-8 with a
    BOM, Persian headers, Latin digits, the period's first and last day (Jalali) in each
    row."""
    ensure_index()
    committee = get_object_or_404(Committee, slug=slug)
    try:
        period = reports.parse_period(request.GET)
    except PeriodError as error:
        return _refuse(error.message)
    table = request.GET.get("table", "organizations")
    if table not in CSV_TABLES:
        return _refuse(_("جدول «%(table)s» شناخته نیست.") % {"table": table[:40]})
    body = _body(request, committee)
    try:
        district = parse_district(request.GET, committee)
    except DistrictError as error:
        return _refuse(error.message)
    source = Source(committee, period, body, district=district)
    span = ["از (شمسی)", "تا (شمسی)"]
    headers: list[str]
    rows: list[list[str]]
    if table in ("organizations", "workgroups"):
        found = (
            _organization_rows(committee, source)
            if table == "organizations"
            else _workgroup_rows(committee, source)
        )
        first = "سازمان مسئول اجرا" if table == "organizations" else "کارگروه"
        headers = [*span, *_figure_headers(first)]
        rows = [
            [*_period_cells(period), r.name, *_figure_cells(r)]
            for r in sorted(found, key=lambda r: (r.key is None, r.name))
        ]
    elif table == "districts":
        headers = [*span, *_figure_headers("منطقه")]
        rows = [
            [*_period_cells(period), r.name, *_figure_cells(r)]
            for r in source.district_rows(committee)
        ]
    elif table == "months":
        headers = ["سال", "ماه", "مصوبات گرفته‌شده", "انجام‌شده", "عقب‌افتاده در پایان ماه"]
        rows = [
            [str(m.year), str(m.month), _plain(m.taken), _plain(m.done), _plain(m.overdue)]
            for m in source.trend()
        ]
    else:
        questions = reports.public_questions(committee, period)
        if table == "press-workgroups":
            found_press = reports.press_by(
                questions, "meeting__workgroup", _workgroup_names(committee)
            )
            first = "کارگروه"
        else:
            keys = questions.values_list("agenda_item__presenter__organization", flat=True)
            found_press = reports.press_by(
                questions,
                "agenda_item__presenter__organization",
                _organization_names(keys),
                accepted_only=True,
            )
            first = "سازمان پاسخ‌دهنده"
        headers = [
            *span,
            first,
            *(str(reports.PRESS_LABELS[k]) for k in reports.PRESS_LABELS),
        ]
        rows = [
            [
                *_period_cells(period),
                r.name,
                str(r.asked),
                str(r.accepted),
                str(r.answered),
                _plain(r.median_days),
                _plain(r.p90_days),
            ]
            for r in found_press
        ]
    stamp = format_numeric_latin(period.start).replace("/", "-")
    return _stream(
        csv_lines(headers, rows),
        f"report-{table}-{stamp}.csv",
        f"کارنامه-{table}-{stamp}.csv",
    )


@require_GET
def organization_report_csv(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The organisation's figures and each responsible person's, for the period."""
    ensure_index()
    committee = get_object_or_404(Committee, slug=slug)
    organization = _responsible_organization(committee, pk)
    try:
        period = reports.parse_period(request.GET)
    except PeriodError as error:
        return _refuse(error.message)
    source = Source(committee, period, organization=organization)
    totals = source.figures()
    people = source.figures_by("responsible_person", {})
    headers = [
        "از (شمسی)",
        "تا (شمسی)",
        "سازمان مسئول اجرا",
        "مسئول پیگیری",
        *(str(FIELD_LABELS[name]) for name in TABLE_FIELDS),
    ]
    rows = [[*_period_cells(period), organization.name, "", *_figure_cells(totals)]]
    rows += [
        [*_period_cells(period), organization.name, p.key or "", *_figure_cells(p)]
        for p in sorted(people, key=lambda r: r.key or "")
    ]
    stamp = format_numeric_latin(period.start).replace("/", "-")
    return _stream(
        csv_lines(headers, rows),
        f"organization-{organization.pk}-{stamp}.csv",
        f"کارنامه-{organization.name}-{stamp}.csv",
    )


@require_GET
def charts_css(request: HttpRequest) -> HttpResponse:
    """The charts' stylesheet (portal.charts.stylesheet), allowed by ``style-src 'self'``."""
    response = HttpResponse(charts.stylesheet(), content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response


# --- The same figures as data (the API: api/views/reports.py) -----------------------------


def _figure_data(row: Figures) -> dict[str, Any]:
    data: dict[str, Any] = {"key": row.key, "name": row.name}
    data.update({name: getattr(row, name) for name in TABLE_FIELDS})
    return data


def _press_data(row: reports.PressFigures) -> dict[str, Any]:
    return {
        "key": row.key,
        "name": row.name,
        "asked": row.asked,
        "accepted": row.accepted,
        "answered": row.answered,
        "median_days": row.median_days,
        "p90_days": row.p90_days,
    }


def _period_data(period: Period) -> dict[str, Any]:
    return {
        "kind": period.kind,
        "label": period.label,
        "since": period.start.isoformat(),
        "until": period.end.isoformat(),
        "since_jalali": format_numeric_latin(period.start),
        "until_jalali": format_numeric_latin(period.end),
    }


def committee_report_data(
    committee: Committee,
    period: Period,
    body: Workgroup | str | None,
    district: District | None = None,
) -> dict[str, Any]:
    """The scoreboard's figures as plain data (the same as the page and the CSV)."""
    ensure_index()
    source = Source(committee, period, body, district=district)
    organizations = _organization_rows(committee, source)
    questions = reports.public_questions(committee, period)
    if isinstance(body, Workgroup):
        questions = questions.filter(meeting__workgroup=body)
    elif body == PLENARY:
        questions = questions.filter(meeting__workgroup__isnull=True)
    press_names = _organization_names(
        questions.values_list("agenda_item__presenter__organization", flat=True)
    )
    press_names[None] = _("بی‌نام سازمان پاسخ‌دهنده")
    return {
        "committee": committee.slug,
        "body": body.slug if isinstance(body, Workgroup) else body,
        "period": _period_data(period),
        "definitions": [str(d) for d in reports.DEFINITIONS],
        "press_definition": str(reports.PRESS_DEFINITION),
        "totals": _figure_data(source.figures()),
        "organizations": [
            _figure_data(r) for r in sorted(organizations, key=lambda r: (r.key is None, r.name))
        ],
        "workgroups": [_figure_data(r) for r in _workgroup_rows(committee, source)],
        "district": district.pk if district is not None else None,
        "districts": [_figure_data(r) for r in source.district_rows(committee)],
        "months": [
            {
                "year": m.year,
                "month": m.month,
                "label": m.label,
                "taken": m.taken,
                "done": m.done,
                "overdue": m.overdue,
            }
            for m in source.trend()
        ],
        "press_workgroups": [
            _press_data(r)
            for r in reports.press_by(questions, "meeting__workgroup", _workgroup_names(committee))
        ],
        "press_organizations": [
            _press_data(r)
            for r in reports.press_by(
                questions, "agenda_item__presenter__organization", press_names, accepted_only=True
            )
        ],
    }


def organization_report_data(
    committee: Committee, organization_id: int, period: Period
) -> dict[str, Any]:
    """One responsible organisation's figures and each responsible person's, as data
    (Http404 for an organisation responsible for no public decision of the committee)."""
    ensure_index()
    organization = _responsible_organization(committee, organization_id)
    source = Source(committee, period, organization=organization)
    totals = source.figures()
    totals.key, totals.name = organization.pk, organization.name
    people = source.figures_by("responsible_person", {})
    for row in people:
        row.name = row.key or ""
    return {
        "committee": committee.slug,
        "organization": {"id": organization.pk, "name": organization.name},
        "period": _period_data(period),
        "definitions": [str(d) for d in reports.DEFINITIONS],
        "totals": _figure_data(totals),
        "people": [_figure_data(r) for r in sorted(people, key=lambda r: r.name)],
        "page": reverse("portal_organization_report", args=[committee.slug, organization.pk]),
    }


# --- One district of the city -------------------------------------------------------------------

DISTRICT_PAGE_SIZE = 50


@require_GET
@cached_public_page
def district_report(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """What was decided for one district of the city and how far it got: every public
    decision naming it (newest meeting first), each with its bucket (done on time, late,
    open within its deadline, overdue, no deadline, cancelled: reports.bucket_q), and the
    figures for the period chosen (this year by default)."""
    ensure_index()
    committee = get_object_or_404(Committee, slug=slug)
    district = get_object_or_404(District, committee=committee, pk=pk)
    period, error = _period(request)
    today = timezone.localdate()
    source = Source(committee, period, district=district)
    totals = source.figures()
    rows = decision_rows(reports.with_bucket(source.decisions, today)).order_by(
        "-meeting_date", "-meeting_id", "number"
    )
    page = page_of(request, rows, DISTRICT_PAGE_SIZE)
    tracker = reverse("portal_decisions") + "?" + urlencode({"district": district.pk})
    title = _("مصوبات %(district)s") % {"district": district.name}
    context = {
        "committee": committee,
        "district": district,
        "period": period,
        "error": error,
        "choices": _period_choices(period),
        "totals": totals,
        "page": page,
        "bucket_labels": {name: FIELD_LABELS[name] for name in reports.BUCKETS},
        "stack_chart": stack_chart(
            [replace_name(totals, district.name)],
            title=_("وضعیت مصوبات این منطقه"),
            label_id="stack-chart-title",
            table_id="totals-table",
        )
        if totals.assigned
        else "",
        "fields": TABLE_FIELDS,
        "labels": FIELD_LABELS,
        "definitions": reports.DEFINITIONS,
        "tracker_url": tracker,
        "report_url": reverse("portal_report", args=[committee.slug])
        + "?"
        + urlencode({**period.query(), "district": district.pk}),
        "other_districts": District.objects.filter(committee=committee).exclude(pk=district.pk),
        "charts_css": _charts_css_url(),
        "today": today,
        "feeds": committee_feeds(committee),
        "page_title": title,
        "page_description": _(
            "آنچه کمیته برای %(district)s تصویب کرده و به کجا رسیده است؛ %(period)s."
        )
        % {"district": district.name, "period": period.label},
        "site_name": committee.name,
        "canonical_url": request.build_absolute_uri(request.path),
    }
    return _render(request, "portal/district_report.html", context, error)

"""The reports' maintained aggregates (portal.report_cells) give the same figures as the
direct computation over the decisions (portal.reports), after a series of changes made
through the services, for every grouping, body, period of whole months and day."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from minutes import services
from minutes.models import Decision
from persian.jalali import to_jalali
from portal import report_cells, reports
from portal.indexing import ensure_index
from portal.models import PublicDecision, ReportCell
from tests.factories import OrganizationFactory, PersonFactory
from tests.portal.test_reports import _day, _follow, record  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db
with_record = pytest.mark.usefixtures("record")

D = datetime.timedelta
KEYS = (("organization", "organization"), ("workgroup", "workgroup"))
PERSON = ("responsible_person", "person")


def _values(f: reports.Figures) -> tuple:
    return (
        *(getattr(f, name) for name in reports.COUNT_FIELDS),
        *(getattr(f, name) for name in reports.DAY_FIELDS),
        sorted(f.done_days_counted().items()),
    )


def _periods() -> list[reports.Period]:
    today = to_jalali(timezone.localdate())
    before = to_jalali(timezone.localdate() - D(days=60))
    last_year = f"{today.year - 1}/01/01"
    return [
        reports.parse_period({}),
        reports.parse_period({"period": "season", "season": str((today.month - 1) // 3 + 1)}),
        reports.parse_period({"period": "month", "month": str(today.month)}),
        reports.parse_period(
            {"period": "month", "year": str(before.year), "month": str(before.month)}
        ),
        reports.parse_period(
            {"period": "range", "since": last_year, "until": f"{today.year}/12/29"}
        ),
    ]


def _assert_same(portal) -> int:
    """Compare every figure both ways; how many comparisons had something to count."""
    ensure_index()
    if report_cells.refresh() is None:
        report_cells.rebuild()
    compared = 0
    for period in _periods():
        assert report_cells.covers(period)
        for body in (None, portal.workgroup, "plenary"):
            decisions = reports.public_decisions(portal.committee, period)
            cells = report_cells.cells(portal.committee.pk, period)
            if body == "plenary":
                decisions = decisions.filter(workgroup__isnull=True)
                cells = cells.filter(workgroup__isnull=True)
            elif body is not None:
                decisions = decisions.filter(workgroup=body)
                cells = cells.filter(workgroup=body)
            for today in (timezone.localdate(), _day(-25), _day(40)):
                direct = reports.figures(decisions, today)
                counted = report_cells.figures_by(cells, None, today).get(None, reports.Figures())
                assert _values(direct) == _values(counted), (period, body, today)
                compared += direct.assigned > 0
                for key, cell_key in KEYS:
                    by_key = {
                        r.key: _values(r) for r in reports.figures_by(decisions, key, {}, today)
                    }
                    from_cells = report_cells.figures_by(cells, cell_key, today)
                    assert by_key == {k: _values(f) for k, f in from_cells.items()}, key
                org_decisions = decisions.filter(organization=portal.organization)
                org_cells = cells.filter(organization=portal.organization)
                by_person = {
                    r.key: _values(r)
                    for r in reports.figures_by(org_decisions, PERSON[0], {}, today)
                }
                from_cells = report_cells.figures_by(org_cells, PERSON[1], today)
                assert by_person == {k: _values(f) for k, f in from_cells.items()}
                direct_trend = reports.trend(decisions, period, today)
                assert direct_trend == report_cells.trend(cells, period, today), (period, today)
    return compared


@with_record
def test_the_cells_equal_the_direct_figures_through_a_series_of_changes(portal):
    assert _assert_same(portal) > 0
    assert ReportCell.objects.exists()
    by_number = {
        d.number: d
        for d in Decision.objects.filter(meeting__title="جلسه عمرانی").order_by("number")
    }
    # A follow-up marks an overdue decision done (late), another moves one in progress.
    _follow(portal, by_number[4], Decision.Status.DONE, 0)
    _follow(portal, by_number[3], Decision.Status.IN_PROGRESS, -1)
    assert _assert_same(portal) > 0
    # A note dated later on a done decision moves the day it was done; one dated earlier
    # does not change its status.
    _follow(portal, by_number[1], Decision.Status.DONE, -3)
    _follow(portal, by_number[8], Decision.Status.IN_PROGRESS, -55)
    assert _assert_same(portal) > 0
    # A new meeting of the plenary, another organisation, a decision done the same day.
    other = OrganizationFactory(name="سازمان سیما منظر و فضای سبز")
    plenary = portal.publish(
        portal.meeting(None, title="جلسه کل کمیته", days_ago=35),
        decisions=[
            {"text": "مصوبه کل ۱", "deadline": _day(-20), "responsible_organization": other},
            {
                "text": "مصوبه کل ۲",
                "deadline": None,
                "responsible_organization": other,
                "responsible_person": PersonFactory(organization=other),
            },
            {"text": "مصوبه کل ۳", "deadline": _day(-34)},
        ],
    )
    decisions = {d.text: d for d in plenary.meeting.decisions.all()}
    services.record_follow_up(
        portal.superuser,
        decisions["مصوبه کل ۲"],
        status=Decision.Status.DONE,
        note="انجام شد",
        date=_day(-35),
    )
    services.record_follow_up(
        portal.superuser,
        decisions["مصوبه کل ۳"],
        status=Decision.Status.CANCELLED,
        note="لغو شد",
        date=_day(-30),
    )
    assert _assert_same(portal) > 0
    # A correction that moves a deadline and hands a decision to another organisation.
    correction = portal.correct(plenary, "اصلاح مهلت")
    services.update_decision(
        portal.superuser,
        Decision.objects.get(pk=decisions["مصوبه کل ۱"].pk),
        expected_version=None,
        deadline=_day(10),
        responsible_organization=portal.organization,
    )
    portal.republish(correction)
    assert _assert_same(portal) > 0
    # A correction that takes the only public decision out of a meeting: its slice is
    # recounted from where the meeting was last counted.
    alone = portal.publish(
        portal.meeting(portal.other_workgroup, title="جلسه تنها", days_ago=100),
        decisions=[{"text": "مصوبه تنها", "deadline": _day(-90)}],
    )
    assert _assert_same(portal) > 0
    correction = portal.correct(alone, "حذف مصوبه")
    services.remove_decision(
        portal.other_chair,
        Decision.objects.get(text="مصوبه تنها"),
        expected_version=None,
    )
    portal.republish(correction)
    ensure_index()
    assert not PublicDecision.objects.filter(text="مصوبه تنها").exists()
    assert _assert_same(portal) > 0
    # The aggregates were kept by refresh() alone; a rebuild from scratch changes nothing.
    kept = sorted(
        ReportCell.objects.values_list(
            "committee",
            "workgroup",
            "organization",
            "person",
            "year",
            "month",
            "kind",
            "day",
            "days",
            "n",
        ),
        key=str,
    )
    call_command("portal_report_rebuild", verbosity=0)
    rebuilt = sorted(
        ReportCell.objects.values_list(
            "committee",
            "workgroup",
            "organization",
            "person",
            "year",
            "month",
            "kind",
            "day",
            "days",
            "n",
        ),
        key=str,
    )
    assert kept == rebuilt


@with_record
def test_nothing_to_do_costs_two_queries(portal, django_assert_max_num_queries):
    ensure_index()
    assert report_cells.refresh() is None  # never counted: the reports read the decisions
    report_cells.rebuild()
    with django_assert_max_num_queries(2):
        assert report_cells.refresh() == 0


@with_record
def test_a_change_behind_the_services_back_needs_the_rebuild(portal):
    ensure_index()
    report_cells.rebuild()
    period = reports.parse_period({})
    cells = report_cells.cells(portal.committee.pk, period)
    before = report_cells.figures_by(cells, None, timezone.localdate())[None].assigned
    PublicDecision.objects.filter(organization__isnull=True).delete()
    report_cells.refresh()
    assert report_cells.figures_by(cells, None, timezone.localdate())[None].assigned == before
    call_command("portal_report_rebuild", verbosity=0)
    assert report_cells.figures_by(cells, None, timezone.localdate())[None].assigned == before - 1


@pytest.mark.parametrize(
    "values",
    [[5], [1, 2], [3, 1, 2], [10, 10, 30, 31], list(range(1, 101)), [7] * 9 + [100]],
)
def test_the_counted_median_and_percentile_are_those_of_the_list(values):
    counted: dict[int, int] = {}
    for value in values:
        counted[value] = counted.get(value, 0) + 1
    assert reports.histogram_median(counted) == reports.median(values)
    for share in (50, 90, 100):
        assert reports.histogram_percentile(counted, share) == reports.percentile(values, share)
    assert reports.distribution(counted) == reports.distribution(values)


@with_record
def test_a_range_not_made_of_whole_months_is_computed_directly(portal, client):
    assert not report_cells.covers(
        reports.parse_period({"period": "range", "since": "1405/01/02", "until": "1405/02/31"})
    )
    response = client.get(
        f"/committee/{portal.committee.slug}/report/?period=range&since=1405/01/02&until=1405/02/31"
    )
    assert response.status_code == 200

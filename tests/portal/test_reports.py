"""The public reports (portal.reports, portal.views_reports): every figure on a small
hand-made record where each number is known, the choice of period, sorting, the CSV, the
charts under the CSP, and what bad input gets."""

from __future__ import annotations

import csv
import datetime
import io
import re

import pytest
from django.utils import timezone

from minutes import services
from minutes.models import Decision
from persian.jalali import format_numeric_latin, to_jalali
from portal import reports
from portal.indexing import ensure_index
from portal.models import PublicDecision
from tests.factories import OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
D = datetime.timedelta


def _day(n: int) -> datetime.date:
    return TODAY() + D(days=n)


def _range(since: int = -90, until: int = 0) -> str:
    return (
        f"period=range&since={format_numeric_latin(_day(since))}"
        f"&until={format_numeric_latin(_day(until))}"
    )


def _follow(portal, decision, status, days):
    services.record_follow_up(
        portal.secretariat, decision, status=status, note=f"گزارش {status}", date=_day(days)
    )


@pytest.fixture
def record(portal):
    """Organisation A (portal.organization), meeting 60 days ago:

    1. deadline −30, done on −30 → on time (on the deadline itself), 30 days to done
    2. deadline −30, done on −29 → late (a day after), 31 days
    3. deadline today, open → open within its deadline (today is not overdue)
    4. deadline −1, open → overdue by 1 day
    5. deadline −10, in progress since −5 → overdue by 10 days
    6. no deadline, open → counted apart
    7. deadline +5, cancelled → counted apart
    8. deadline −40, done on −50 → on time, 10 days
    and an internal decision, overdue, which is never counted.
    Organisation B, another workgroup, meeting 20 days ago: deadline −15, open → overdue
    15 days. A decision whose organisation is not known (renamed since), overdue.
    """
    other = OrganizationFactory(name="سازمان پسماند شهرداری رشت")
    person_b = PersonFactory(first_name="مینا", last_name="رحیمی", organization=other)
    meeting = portal.meeting(portal.workgroup, title="جلسه عمرانی", days_ago=60)
    deadlines = [-30, -30, 0, -1, -10, None, 5, -40]
    minutes = portal.publish(
        meeting,
        decisions=[
            {"text": f"مصوبه {i}", "deadline": None if d is None else _day(d)}
            for i, d in enumerate(deadlines, start=1)
        ]
        + [
            {"text": "مصوبه داخلی", "deadline": _day(-5), "is_public": False},
            {"text": "مصوبه بی‌سازمان", "deadline": _day(-3)},
        ],
    )
    by_number = {d.number: d for d in minutes.meeting.decisions.all()}
    _follow(portal, by_number[1], Decision.Status.DONE, -30)
    _follow(portal, by_number[2], Decision.Status.IN_PROGRESS, -40)
    _follow(portal, by_number[2], Decision.Status.DONE, -29)
    _follow(portal, by_number[5], Decision.Status.IN_PROGRESS, -5)
    _follow(portal, by_number[7], Decision.Status.CANCELLED, -2)
    _follow(portal, by_number[8], Decision.Status.DONE, -50)
    portal.publish(
        portal.meeting(portal.other_workgroup, title="جلسه فرهنگی", days_ago=20),
        decisions=[
            {
                "text": "مصوبه سازمان ب",
                "deadline": _day(-15),
                "responsible_organization": other,
                "responsible_person": person_b,
            }
        ],
    )
    # An organisation renamed since publication: the published name no longer names one.
    ensure_index()
    PublicDecision.objects.filter(text="مصوبه بی‌سازمان").update(organization=None)
    return other


def _figures(portal, query: str = ""):
    period = reports.parse_period(dict(p.split("=") for p in (query or _range()).split("&")))
    return reports.figures(
        reports.public_decisions(portal.committee, period).filter(organization=portal.organization)
    )


def test_each_figure_of_an_organisation_on_a_hand_worked_record(portal, record):
    f = _figures(portal)
    counts = {name: getattr(f, name) for name in reports.COUNT_FIELDS}
    assert counts == {
        "assigned": 8,
        "on_time": 2,
        "late": 1,
        "open": 1,
        "overdue": 2,
        "no_deadline": 1,
        "cancelled": 1,
    }
    assert sorted(f.days_to_done) == [10, 30, 31]
    assert f.median_days_to_done == 30
    assert f.p90_days_to_done == 31
    assert f.median_days_overdue == 5.5  # 1 and 10 days
    assert f.p90_days_overdue == 10
    assert f.on_time_share == 67


def test_percentiles_by_hand():
    assert reports.percentile([], 90) is None
    assert reports.percentile([5], 90) == 5
    assert reports.percentile(list(range(1, 11)), 90) == 9
    assert reports.percentile(list(range(1, 12)), 90) == 10
    assert reports.median([1, 10]) == 5.5


def test_the_organisation_page_shows_the_figures_the_overdue_and_the_notes(portal, record, client):
    url = f"/committee/{portal.committee.slug}/organizations/{portal.organization.pk}/?{_range()}"
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    row = re.search(r'<table class="table figures-table" id="totals-table">.*?</table>', body, re.S)
    cells = re.findall(r'<td[^>]*class="num[^"]*">([^<]*)</td>', row.group(0))
    # assigned, on time, late, open, overdue, no deadline, cancelled, share, median, p90, …
    assert cells == ["۸", "۲", "۱", "۱", "۲", "۱", "۱", "۶۷٪", "۳۰", "۳۱", "۵٫۵", "۱۰"]
    overdue = re.search(r'<ol class="overdue-list">(.*?)</ol>', body, re.S).group(1)
    assert re.findall(r">(مصوبه \d)</a>", overdue) == ["مصوبه 5", "مصوبه 4"]  # oldest first
    assert "#decision-5" in overdue and "/archive/" in overdue
    assert "مصوبه داخلی" not in body
    notes = re.search(r'<ol class="follow-up-list">(.*?)</ol>', body, re.S).group(1)
    dates = re.findall(r'<time datetime="([\d-]+)"', notes)
    assert dates == sorted(dates) and len(dates) == 6


def test_a_person_inside_the_organisation(portal, record, client):
    url = f"/committee/{portal.committee.slug}/organizations/{portal.organization.pk}/?{_range()}"
    body = client.get(url).content.decode()
    table = re.search(r'id="people-table">.*?</table>', body, re.S).group(0)
    assert portal.official.full_name in table or "امیرخانی" in table


def test_internal_decisions_are_never_counted(portal, record):
    period = reports.parse_period(dict(p.split("=") for p in _range().split("&")))
    everything = reports.figures(reports.public_decisions(portal.committee, period))
    # 8 of A, 1 of B, 1 without organisation; not the internal one.
    assert everything.assigned == 10
    assert everything.overdue == 4


def test_the_period_counts_only_meetings_inside_it(portal, record):
    # Only the last 30 days: the meeting of 20 days ago, not the one of 60 days ago.
    period = reports.parse_period(dict(p.split("=") for p in _range(-30, 0).split("&")))
    assert reports.figures(reports.public_decisions(portal.committee, period)).assigned == 1


@pytest.mark.parametrize(
    ("params", "start", "end"),
    [
        ({"period": "month", "year": "1404", "month": "12"}, (1404, 12, 1), (1404, 12, 29)),
        ({"period": "month", "year": "۱۴۰۳", "month": "۱۲"}, (1403, 12, 1), (1403, 12, 30)),
        ({"period": "season", "year": "1405", "season": "2"}, (1405, 4, 1), (1405, 6, 31)),
        ({"period": "season", "year": "1405", "season": "4"}, (1405, 10, 1), (1405, 12, 29)),
        ({"period": "year", "year": "1403"}, (1403, 1, 1), (1403, 12, 30)),
        (
            {"period": "range", "since": "1405/02/08", "until": "۱۴۰۵/۰۳/۰۱"},
            (1405, 2, 8),
            (1405, 3, 1),
        ),
    ],
)
def test_the_jalali_periods(params, start, end):
    period = reports.parse_period(params)
    first, last = to_jalali(period.start), to_jalali(period.end)
    assert (first.year, first.month, first.day) == start
    assert (last.year, last.month, last.day) == end


def test_the_page_takes_a_month_or_a_season_from_its_form(portal, record, client):
    meeting_day = to_jalali(_day(-60))
    slug = portal.committee.slug
    season = (meeting_day.month - 1) // 3 + 1
    for query in (
        f"period=month&year={meeting_day.year}&month={meeting_day.month}",
        f"period=season&year={meeting_day.year}&season={season}",
        f"period=month&month={meeting_day.month}&year={meeting_day.year}&sort=late",
    ):
        response = client.get(f"/committee/{slug}/report/?{query}")
        assert response.status_code == 200, query
        assert 'role="alert"' not in response.content.decode()
    # The current month and season by default when only the kind is chosen.
    assert client.get(f"/committee/{slug}/report/?period=month").status_code == 200
    assert client.get(f"/committee/{slug}/report/?period=season").status_code == 200


def test_the_default_period_is_this_jalali_year():
    period = reports.parse_period({})
    assert period.kind == "year" and period.year == to_jalali(TODAY()).year


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"period": "decade"}, "شناخته نیست"),
        ({"period": "year", "year": "99999"}, "سال باید"),
        ({"period": "year", "year": "abc"}, "سال باید"),
        ({"period": "month", "year": "1405", "month": "13"}, "ماه باید"),
        ({"period": "season", "year": "1405", "season": "0"}, "فصل باید"),
        ({"period": "range", "since": "1405/03/01", "until": "1405/02/01"}, "جابه‌جا"),
        ({"period": "range", "since": "1405/02/31", "until": "1405/12/30"}, "وجود ندارد"),
        ({"period": "range", "since": "hello", "until": "1405/02/01"}, "سال/ماه/روز"),
        ({"period": "range", "since": "1300/01/01", "until": "1405/02/01"}, "میان سال"),
    ],
)
def test_bad_periods_get_a_persian_message(portal, client, params, message):
    with pytest.raises(reports.PeriodError, match=message):
        reports.parse_period(params)
    for url in (
        f"/committee/{portal.committee.slug}/report/",
        f"/committee/{portal.committee.slug}/report/export.csv",
    ):
        response = client.get(url, params)
        assert response.status_code == 400
        assert message in response.content.decode()


def test_an_unknown_organisation_or_committee_or_workgroup_is_not_found(portal, record, client):
    slug = portal.committee.slug
    press = OrganizationFactory(name="روزنامه گیلان امروز")
    assert client.get(f"/committee/{slug}/organizations/999999/").status_code == 404
    assert client.get(f"/committee/{slug}/organizations/{press.pk}/").status_code == 404
    assert client.get("/committee/nowhere/report/").status_code == 404
    assert client.get(f"/committee/{slug}/report/?body=nowhere").status_code == 404
    response = client.get(f"/committee/{slug}/report/export.csv?table=secrets")
    assert response.status_code == 400 and "شناخته نیست" in response.content.decode()


def _organization_names(body: str) -> list[str]:
    table = re.search(r'id="organizations-table">.*?</table>', body, re.S).group(0)
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>', table)


def test_the_scoreboard_sorts_by_each_figure_with_plain_links(portal, record, client):
    base = f"/committee/{portal.committee.slug}/report/?{_range()}"
    a, b = portal.organization.name, record.name
    assert _organization_names(client.get(base).content.decode()) == [a, b]  # overdue 2 vs 1
    assert _organization_names(client.get(base + "&sort=overdue&dir=asc").content.decode()) == [
        b,
        a,
    ]
    assert _organization_names(client.get(base + "&sort=assigned&dir=asc").content.decode()) == [
        b,
        a,
    ]
    assert _organization_names(client.get(base + "&sort=p90_days_overdue").content.decode()) == [
        b,
        a,
    ]
    body = client.get(base + "&sort=nonsense").content.decode()
    assert _organization_names(body) == [a, b]
    # Each header is a link that sorts by it, the active one says how.
    assert 'aria-sort="descending"' in body
    assert "sort=median_days_to_done" in body
    # The decision without an organisation is counted apart.
    assert "بدون سازمان مسئول" in body


def test_the_workgroups_and_the_trend(portal, record, client):
    body = client.get(f"/committee/{portal.committee.slug}/report/?{_range()}").content.decode()
    table = re.search(r'id="workgroups-table">.*?</table>', body, re.S).group(0)
    assert portal.workgroup.name in table and portal.other_workgroup.name in table
    trend = re.search(r'id="trend-table">.*?</table>', body, re.S).group(0)
    taken = [
        int(v)
        for v in re.findall(
            r'data-label="مصوبات گرفته‌شده">([^<]+)<',
            trend.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")),
        )
    ]
    assert sum(taken) == 10
    period = reports.parse_period(dict(p.split("=") for p in _range().split("&")))
    months = reports.trend(reports.public_decisions(portal.committee, period), period)
    # This month's "overdue at the end" is today's overdue count, as in the tracker.
    assert months[-1].overdue == 4
    assert sum(m.done or 0 for m in months) == 3


def test_the_charts_are_inline_svg_without_script_or_inline_style(portal, record, client):
    response = client.get(f"/committee/{portal.committee.slug}/report/?{_range()}")
    body = response.content.decode()
    svgs = re.findall(r"<svg.*?</svg>", body, re.S)
    assert len(svgs) == 3
    for svg in svgs:
        assert "<script" not in svg and "<style" not in svg and "style=" not in svg
        assert 'role="img"' in svg
    # The only scripts are the site's own files (the date picker), none inline.
    scripts = re.findall(r"<script[^>]*>", body)
    assert scripts and all('src="/static/' in tag for tag in scripts), scripts
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body)
    csp = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in csp
    css = client.get("/reports/charts.css")
    assert css.status_code == 200 and css["Content-Type"].startswith("text/css")
    assert ".report-chart .color-0" in css.content.decode()


def test_the_csv_has_the_same_figures(portal, record, client):
    response = client.get(
        f"/committee/{portal.committee.slug}/report/export.csv?{_range()}&table=organizations"
    )
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    header, data = rows[0], {r[2]: r for r in rows[1:]}
    a = data[portal.organization.name]
    assert a[header.index("مصوبات سپرده‌شده")] == "8"
    assert a[header.index("عقب‌افتاده")] == "2"
    assert a[header.index("میانه روز عقب‌افتادگی")] == "5.5"
    assert data["بدون سازمان مسئول"][header.index("عقب‌افتاده")] == "1"
    org = client.get(
        f"/committee/{portal.committee.slug}/organizations/{portal.organization.pk}/export.csv?{_range()}"
    )
    rows = list(csv.reader(io.StringIO(b"".join(org.streaming_content).decode("utf-8-sig"))))
    assert rows[1][4] == "8"


def test_the_press_figures(portal, client):
    from minutes.models import AgendaItem, Question
    from tests.factories import QuestionFactory

    meeting = portal.meeting(portal.workgroup, days_ago=10)
    answered = QuestionFactory(meeting=meeting, author=portal.journalist, status="accepted")
    QuestionFactory(
        meeting=meeting, author=portal.journalist, status="declined", decline_reason="تکراری"
    )
    Question.objects.filter(pk=answered.pk).update(created_at=timezone.now() - D(days=15))
    portal.publish(
        meeting,
        items=[
            {
                "title": "پرسش درباره آسفالت",
                "kind": "question",
                "answer": "پاسخ داده شد",
                "presenter": portal.official,
            }
        ],
    )
    Question.objects.filter(pk=answered.pk).update(
        agenda_item=AgendaItem.objects.get(meeting=meeting, kind="question")
    )
    body = client.get(f"/committee/{portal.committee.slug}/report/?{_range()}").content.decode()
    table = re.search(r'id="press-workgroups">.*?</table>', body, re.S).group(0)
    cells = re.findall(r'class="num"[^>]*>([^<]*)<', table)
    assert cells == ["۲", "۱", "۱", "۱۵", "۱۵"]
    org = re.search(r'id="press-organizations">.*?</table>', body, re.S).group(0)
    assert portal.organization.name in org
    assert "تکراری" not in body


def test_the_reports_are_linked(portal, record, client):
    slug = portal.committee.slug
    assert f"/committee/{slug}/report/" in client.get(f"/committee/{slug}/").content.decode()
    workgroup = client.get(
        f"/committee/{slug}/workgroups/{portal.workgroup.slug}/"
    ).content.decode()
    assert f"/committee/{slug}/report/?body={portal.workgroup.slug}" in workgroup
    assert "/report/" in client.get("/decisions/").content.decode()


def test_the_scoreboard_reads_a_fixed_number_of_queries(
    portal, record, client, django_assert_max_num_queries
):
    url = f"/committee/{portal.committee.slug}/report/?{_range()}"
    client.get(url)  # the index is built on the first visit
    # 25, and the table by district (computed from the decisions, not the aggregates): the
    # committee's list of districts, one grouped count and the two reads of days.
    with django_assert_max_num_queries(29):
        assert client.get(url).status_code == 200
    organization = f"/committee/{portal.committee.slug}/organizations/{portal.organization.pk}/"
    with django_assert_max_num_queries(20):
        assert client.get(organization + f"?{_range()}").status_code == 200

"""The season's report for the mayor (portal.season_reports), through the pages: the
secretariat produces a season's PDF, the report page and the committee page list it, anyone
downloads it; its text carries the committee's name and the scoreboard's figures for that
season on a small hand-made record; permissions, an unfinished season and bad input."""

from __future__ import annotations

import datetime
import hashlib
import io
import re
import shutil
import subprocess
import unicodedata

import pytest
from django.utils import timezone
from pypdf import PdfReader

from minutes import services
from minutes.models import Decision
from minutes.publication import signing
from persian.digits import to_persian_digits
from portal import reports
from portal.models import SeasonReport
from tests.factories import OrganizationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

D = datetime.timedelta
SEASON_NAMES = reports.SEASON_NAMES


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _last_ended_season() -> tuple[int, int, datetime.date, datetime.date]:
    current = reports.parse_period({"period": "season"})
    year, season = (
        (current.year, current.season - 1)
        if current.season > 1
        else (
            current.year - 1,
            4,
        )
    )
    period = reports.parse_period({"period": "season", "year": str(year), "season": str(season)})
    return year, season, period.start, period.end


def _follow(portal, decision, status, day):
    services.record_follow_up(
        portal.secretariat, decision, status=status, note=f"گزارش {status}", date=day
    )


@pytest.fixture
def season(portal):
    """In the last ended season, organisation A (portal.organization), a meeting on the
    season's 6th day (M):

    1. deadline M+20, done on M+15 → on time, 15 days to done
    2. deadline M+10, done on M+30 → late, 30 days
    3. deadline M+10, still open → overdue today
    4. no deadline, open → counted apart
    5. deadline today+30, open → open within its deadline
    Organisation B, the other workgroup, a meeting on the 21st day: deadline +5, cancelled.
    A meeting of this season (yesterday) is not counted.

    Totals: 6 assigned, 1 on time, 1 late, 1 open, 1 overdue, 1 without deadline, 1
    cancelled; A: median days to done 22.5, 90th percentile 30, 50 % on time."""
    year, number, start, _end = _last_ended_season()
    today = timezone.localdate()
    m = start + D(days=5)
    minutes = portal.publish(
        portal.meeting(portal.workgroup, title="جلسه عمرانی فصل", days_ago=(today - m).days),
        decisions=[
            {"text": "مصوبه یک", "deadline": m + D(days=20)},
            {"text": "مصوبه دو", "deadline": m + D(days=10)},
            {"text": "مصوبه سه", "deadline": m + D(days=10)},
            {"text": "مصوبه چهار", "deadline": None},
            {"text": "مصوبه پنج", "deadline": today + D(days=30)},
        ],
    )
    by_text = {d.text: d for d in minutes.meeting.decisions.all()}
    _follow(portal, by_text["مصوبه یک"], Decision.Status.DONE, m + D(days=15))
    _follow(portal, by_text["مصوبه دو"], Decision.Status.DONE, m + D(days=30))
    other = OrganizationFactory(name="سازمان پسماند شهرداری رشت")
    m2 = start + D(days=20)
    cancelled = portal.publish(
        portal.meeting(portal.other_workgroup, title="جلسه فرهنگی", days_ago=(today - m2).days),
        decisions=[
            {
                "text": "مصوبه سازمان ب",
                "deadline": m2 + D(days=5),
                "responsible_organization": other,
                "responsible_person": PersonFactory(organization=other),
            }
        ],
    )
    _follow(portal, cancelled.meeting.decisions.get(), Decision.Status.CANCELLED, m2 + D(days=6))
    portal.publish(portal.meeting(portal.workgroup, title="جلسه امروز", days_ago=1))
    return year, number, other


def _produce(client, portal, captured, year, season):
    with captured(execute=True):
        return client.post(
            f"/committee/{portal.committee.slug}/report/seasons/new/",
            {"year": str(year), "season": str(season)},
        )


def _pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "season.pdf"
    path.write_bytes(data)
    tool = shutil.which("pdftotext")
    assert tool, "pdftotext (poppler-utils) is required"
    result = subprocess.run(
        [tool, "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    lines = []
    for line in result.stdout.replace("\f", "\n").splitlines():
        line = unicodedata.normalize("NFKC", line)
        line = re.sub("[\u200e\u200f\u2066-\u2069\u202a-\u202e]", "", line).strip()
        if line:
            # -raw writes a right-to-left line's words in visual order.
            lines.append(" ".join(reversed(line.split())))
    return "\n".join(lines)


def _fa(*values) -> list[str]:
    return [to_persian_digits(str(v)).replace(".", "\u066b") for v in values]


def test_the_secretariat_produces_a_season_report_that_anyone_downloads(
    portal, season, client, django_capture_on_commit_callbacks, tmp_path
):
    year, number, other = season
    start = _last_ended_season()[2]
    slug = portal.committee.slug
    client.force_login(portal.secretariat)
    page = client.get(f"/committee/{slug}/report/").content.decode()
    assert "تهیهٔ گزارش فصل" in page
    assert 'name="season"' in page

    response = _produce(client, portal, django_capture_on_commit_callbacks, year, number)
    assert response.status_code == 302
    assert response["Location"].endswith(f"/committee/{slug}/report/#season-reports")
    report = SeasonReport.objects.get()
    assert report.status == SeasonReport.Status.READY, report.error
    assert (report.year, report.season, report.version) == (year, number, 1)

    client.logout()
    url = f"/committee/{slug}/report/seasons/{year}-{number}-v1.pdf"
    page = client.get(f"/committee/{slug}/report/").content.decode()
    assert url in page
    assert report.sha256 in page
    assert "آخرین نسخه" in page
    assert url in client.get(f"/committee/{slug}/").content.decode()

    download = client.get(url)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    data = b"".join(download.streaming_content)
    assert data.startswith(b"%PDF-")
    assert hashlib.sha256(data).hexdigest() == report.sha256

    # Archival, tagged, and sealed like the minutes.
    reader = PdfReader(io.BytesIO(data))
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert b"pdfaid:part" in data or b"pdfaid" in data
    seal = signing.verify_pdf(data)
    assert seal.status == "signed" and seal.intact

    text = " ".join(_pdf_text(data, tmp_path).split())  # a table cell is a line
    assert portal.committee.name in text
    assert f"{SEASON_NAMES[number - 1]} {to_persian_digits(year)}" in text
    # The totals row: assigned, on time, late, open, overdue, no deadline, cancelled,
    # share on time, median and 90th percentile of days to done.
    # share on time, median and 90th percentile of days to done, of days overdue (one
    # decision, overdue since M+10).
    overdue = (timezone.localdate() - (start + D(days=15))).days
    assert " ".join(_fa(6, 1, 1, 1, 1, 1, 1, "50٪", 22.5, 30, overdue, overdue)) in text
    # Organisation A's row, then B's.
    row = _fa(5, 1, 1, 1, 1, 1, 0, "50٪", 22.5, 30, overdue, overdue)
    assert f"{portal.organization.name} {' '.join(row)}" in text
    assert f"{other.name} {' '.join(_fa(1, 0, 0, 0, 0, 0, 1))} — — — — —" in text
    # The workgroups and the monthly trend of the season.
    assert f"{portal.workgroup.name} {' '.join(row)}" in text
    assert "مصوبات گرفته‌شده" in text and "روند ماهانه" in text
    # The seal's box and the address of the same figures on the site.
    assert "مهر الکترونیکی" in text
    assert f"period=season&year={year}&season={number}" in text


def test_the_figures_are_those_of_the_public_scoreboard_for_that_season(
    portal, season, client, django_capture_on_commit_callbacks
):
    """The same source (portal.views_reports.committee_report_data) as the page and the
    API: checked on the hand-made record."""
    from portal.views_reports import committee_report_data

    year, number, _other = season
    period = reports.parse_period({"period": "season", "year": str(year), "season": str(number)})
    data = committee_report_data(portal.committee, period, None)
    totals = data["totals"]
    assert [totals[k] for k in reports.COUNT_FIELDS] == [6, 1, 1, 1, 1, 1, 1]
    assert totals["median_days_to_done"] == 22.5
    api = client.get(
        f"/api/v1/reports/{portal.committee.slug}/?period=season&year={year}&season={number}"
    ).json()
    assert api["totals"] == totals


def test_producing_a_season_again_keeps_the_old_version_and_marks_the_newest(
    portal, season, client, django_capture_on_commit_callbacks
):
    year, number, _other = season
    client.force_login(portal.secretariat)
    _produce(client, portal, django_capture_on_commit_callbacks, year, number)
    _produce(client, portal, django_capture_on_commit_callbacks, to_persian_digits(year), number)
    versions = list(SeasonReport.objects.order_by("version").values_list("version", "status"))
    assert versions == [(1, "ready"), (2, "ready")]
    client.logout()
    page = client.get(f"/committee/{portal.committee.slug}/report/").content.decode()
    v1 = f"/report/seasons/{year}-{number}-v1.pdf"
    v2 = f"/report/seasons/{year}-{number}-v2.pdf"
    assert page.index(v2) < page.index(v1)  # newest first
    assert page.count("آخرین نسخه") == 1
    assert "جایگزین‌شده با نسخه تازه‌تر" in page
    assert client.get(v1.join([f"/committee/{portal.committee.slug}", ""])).status_code == 200


@pytest.mark.parametrize("who", ["anonymous", "chair", "other_committee", "member"])
def test_only_the_committees_secretariat_may_produce_one(
    portal, season, client, django_capture_on_commit_callbacks, who
):
    from committee.models import CommitteeRole
    from tests.factories import CommitteeFactory, CommitteeRoleFactory

    year, number, _other = season
    if who == "chair":
        client.force_login(portal.chair)
    elif who == "member":
        client.force_login(UserFactory(username="reader"))
    elif who == "other_committee":
        elsewhere = PersonFactory(user=UserFactory(username="sec-elsewhere"))
        CommitteeRoleFactory(
            committee=CommitteeFactory(slug="lahijan"),
            person=elsewhere,
            role=CommitteeRole.Role.SECRETARIAT_HEAD,
        )
        client.force_login(elsewhere.user)
    response = _produce(client, portal, django_capture_on_commit_callbacks, year, number)
    assert response.status_code == 403
    assert not SeasonReport.objects.exists()
    page = client.get(f"/committee/{portal.committee.slug}/report/").content.decode()
    assert "تهیهٔ گزارش فصل" not in page


def test_a_season_that_has_not_ended_is_refused(
    portal, season, client, django_capture_on_commit_callbacks
):
    current = reports.parse_period({"period": "season"})
    client.force_login(portal.secretariat)
    response = _produce(
        client, portal, django_capture_on_commit_callbacks, current.year, current.season
    )
    assert response.status_code == 400
    assert "هنوز به پایان نرسیده است" in response.content.decode()
    nxt = current.year + 1
    response = _produce(client, portal, django_capture_on_commit_callbacks, nxt, 1)
    assert response.status_code == 400
    assert not SeasonReport.objects.exists()


@pytest.mark.parametrize(
    ("year", "season", "message"),
    [
        ("", "1", "سال گزارش را بنویسید."),
        ("1404", "", "فصل گزارش را برگزینید."),
        ("1404", "5", "فصل باید عددی از ۱ تا ۴ باشد."),
        ("1404", "بهار", "فصل باید عددی از ۱ تا ۴ باشد."),
        ("abc", "1", "سال باید عددی"),
        ("99999999999999999999", "1", "سال باید عددی"),
        ("1404\x00", "1", "سال باید عددی"),
    ],
)
def test_bad_input_gets_a_persian_error(
    portal, client, django_capture_on_commit_callbacks, year, season, message
):
    client.force_login(portal.secretariat)
    response = _produce(client, portal, django_capture_on_commit_callbacks, year, season)
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    field = "id_season_season" if message.startswith("فصل") else "id_season_year"
    assert re.search(f'id="{field}"[^>]*aria-invalid="true"', body)
    assert not SeasonReport.objects.exists()


def test_an_unpublished_or_unknown_report_is_not_found(portal, client):
    slug = portal.committee.slug
    SeasonReport.objects.create(committee=portal.committee, year=1404, season=2, version=1)
    assert client.get(f"/committee/{slug}/report/seasons/1404-2-v1.pdf").status_code == 404
    assert client.get(f"/committee/{slug}/report/seasons/1404-3-v1.pdf").status_code == 404
    assert client.get("/committee/nowhere/report/seasons/1404-2-v1.pdf").status_code == 404


def test_the_form_is_a_post(portal, client):
    client.force_login(portal.secretariat)
    assert client.get(f"/committee/{portal.committee.slug}/report/seasons/new/").status_code == 405


def test_a_rendering_that_fails_is_marked_and_the_page_still_answers(
    portal, season, client, django_capture_on_commit_callbacks, monkeypatch
):
    from portal import season_reports

    def broken(report):
        raise RuntimeError("WeasyPrint went away")

    monkeypatch.setattr(season_reports, "render_season_report_pdf", broken)
    year, number, _other = season
    client.force_login(portal.secretariat)
    response = _produce(client, portal, django_capture_on_commit_callbacks, year, number)
    assert response.status_code == 302  # the request committed; the worker failed after it
    report = SeasonReport.objects.get()
    assert report.status == SeasonReport.Status.FAILED
    assert "WeasyPrint went away" in report.error
    page = client.get(f"/committee/{portal.committee.slug}/report/")
    assert page.status_code == 200
    assert "ناموفق" in page.content.decode()
    client.logout()
    anonymous = client.get(f"/committee/{portal.committee.slug}/report/").content.decode()
    assert f"{year}-{number}-v1.pdf" not in anonymous


def test_the_list_in_english(portal, season, client, django_capture_on_commit_callbacks):
    from django.conf import settings

    year, number, _other = season
    client.force_login(portal.secretariat)
    _produce(client, portal, django_capture_on_commit_callbacks, year, number)
    client.logout()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(f"/committee/{portal.committee.slug}/report/").content.decode()
    english = ("Spring", "Summer", "Autumn", "Winter")[number - 1]
    assert f"Season report {english} {year} (PDF)" in page
    assert "latest version" in page

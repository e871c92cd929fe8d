"""«Where in the city»: decisions name the committee's districts; the tracker, the
scoreboard and a district's own page filter and count by them, by the reports' one set of
definitions; internal decisions never appear; bad input gets a Persian message."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from committee.models import District
from minutes import services
from minutes.models import Decision, Minutes
from minutes.publication.record import PublishedRecord
from minutes.services import ServiceError
from portal.indexing import ensure_index
from portal.models import PublicDecision
from tests.factories import CommitteeFactory

pytestmark = pytest.mark.django_db

D = datetime.timedelta
UNKNOWN = "این منطقه در فهرست مناطق شهری نیست."


def _day(n: int) -> datetime.date:
    return timezone.localdate() + D(days=n)


@pytest.fixture
def city(portal):
    """Three districts; a meeting 30 days ago:

    1. «پل» — district 1; deadline −10, done on −12 → on time
    2. «میدان» — districts 1 and 2; deadline −1, open → overdue
    3. «پارک» — district 2; deadline +10 → open within its deadline
    4. «داخلی» — district 1, internal, overdue → never public
    5. «همه شهر» — no district
    """
    one = District.objects.create(committee=portal.committee, name="منطقه ۱", order=1)
    two = District.objects.create(committee=portal.committee, name="منطقه ۲", order=2)
    three = District.objects.create(committee=portal.committee, name="منطقه ۳", order=3)
    meeting = portal.meeting(days_ago=30)
    minutes = portal.publish(
        meeting,
        decisions=[
            {"text": "مصوبه پل", "deadline": _day(-10), "districts": [one]},
            {"text": "مصوبه میدان", "deadline": _day(-1), "districts": [two, one]},
            {"text": "مصوبه پارک", "deadline": _day(10), "districts": [two]},
            {"text": "مصوبه داخلی", "deadline": _day(-5), "districts": [one], "is_public": False},
            {"text": "مصوبه همه شهر", "deadline": _day(5)},
        ],
    )
    first = minutes.meeting.decisions.get(number=1)
    services.record_follow_up(
        portal.secretariat, first, status=Decision.Status.DONE, note="انجام شد", date=_day(-12)
    )
    ensure_index()
    return {"one": one, "two": two, "three": three, "minutes": minutes}


def test_the_published_record_names_the_districts_and_old_records_read_as_none(portal, city):
    snapshot = Minutes.objects.get(pk=city["minutes"].pk).snapshot
    by_text = {d["text"]: d for d in snapshot["decisions"]}
    assert by_text["مصوبه میدان"]["districts"] == ["منطقه ۱", "منطقه ۲"]  # the list's order
    assert "districts" not in by_text["مصوبه همه شهر"]  # a record without them is unchanged
    assert "مصوبه داخلی" not in by_text
    record = PublishedRecord.from_json(snapshot)
    assert {d.text: d.districts for d in record.decisions}["مصوبه پل"] == ("منطقه ۱",)
    old = dict(
        snapshot,
        decisions=[{k: v for k, v in d.items() if k != "districts"} for d in snapshot["decisions"]],
    )
    assert all(d.districts == () for d in PublishedRecord.from_json(old).decisions)
    # The index matched them to the committee's list.
    row = PublicDecision.objects.get(text="مصوبه میدان")
    assert set(row.districts.all()) == {city["one"], city["two"]}


def test_the_tracker_filters_by_district_and_links_each_district(client, portal, city):
    page = client.get("/decisions/", {"district": city["one"].pk}).content.decode()
    assert "مصوبه پل" in page and "مصوبه میدان" in page
    assert "مصوبه پارک" not in page and "مصوبه همه شهر" not in page
    assert "مصوبه داخلی" not in page
    url = f"/committee/{portal.committee.slug}/districts/{city['two'].pk}/"
    assert f'href="{url}"' in page


@pytest.mark.parametrize("value", ["999999", "abc", "-1", "99999999999999999999999"])
def test_the_tracker_says_in_persian_when_the_district_is_unknown(client, city, value):
    response = client.get("/decisions/", {"district": value})
    assert response.status_code == 200
    page = response.content.decode()
    assert UNKNOWN in page
    assert "مصوبه پل" not in page  # never silently everything
    csv = client.get("/decisions/export.csv", {"district": value})
    assert csv.status_code == 400 and UNKNOWN in csv.content.decode()


def test_a_districts_page_lists_its_public_decisions_and_how_far_each_got(client, portal, city):
    url = f"/committee/{portal.committee.slug}/districts/{city['one'].pk}/"
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "مصوبات منطقه ۱" in page
    assert "مصوبه پل" in page and "مصوبه میدان" in page
    assert "مصوبه داخلی" not in page and "مصوبه پارک" not in page
    rows = page.split('id="district-caption"')[1]
    # Newest meeting first, then by number: 1 (on time) before 2 (overdue).
    assert rows.index("مصوبه پل") < rows.index("مصوبه میدان")
    first, second = rows.split("مصوبه میدان")
    assert "انجام‌شده به‌موقع" in first.split("مصوبه پل")[1]
    assert "عقب‌افتاده" in second.split("</tr>")[0]
    assert response.context["totals"].assigned == 2
    assert response.context["totals"].on_time == 1
    assert response.context["totals"].overdue == 1
    # The third district has nothing yet, and says so.
    empty = client.get(f"/committee/{portal.committee.slug}/districts/{city['three'].pk}/")
    assert empty.status_code == 200 and "مصوبه عمومی برای این منطقه نیست" in empty.content.decode()


def test_a_district_of_another_committee_or_none_is_a_404(client, portal, city):
    other = District.objects.create(
        committee=CommitteeFactory(slug="lahijan", name="کمیته رسانه لاهیجان"), name="منطقه ۹"
    )
    assert (
        client.get(f"/committee/{portal.committee.slug}/districts/{other.pk}/").status_code == 404
    )
    assert client.get(f"/committee/{portal.committee.slug}/districts/999999/").status_code == 404


def test_the_scoreboard_counts_by_district_and_filters_by_one(client, portal, city):
    url = f"/committee/{portal.committee.slug}/report/"
    response = client.get(url, {"period": "range", "since": _fmt(-60), "until": _fmt(0)})
    assert response.status_code == 200
    rows = {r.name: r for r in response.context["districts"]}
    # A decision naming two districts counts in both; the internal one never.
    assert (rows["منطقه ۱"].assigned, rows["منطقه ۱"].on_time, rows["منطقه ۱"].overdue) == (2, 1, 1)
    assert (rows["منطقه ۲"].assigned, rows["منطقه ۲"].open, rows["منطقه ۲"].overdue) == (2, 1, 1)
    assert rows["بدون منطقه"].assigned == 1
    assert "منطقه ۳" not in rows
    page = response.content.decode()
    assert f'href="/committee/{portal.committee.slug}/districts/{city["one"].pk}/"' in page
    assert 'id="districts-table"' in page

    one = client.get(
        url, {"district": city["two"].pk, "period": "range", "since": _fmt(-60), "until": _fmt(0)}
    )
    totals = one.context["totals"]
    assert (totals.assigned, totals.open, totals.overdue) == (2, 1, 1)

    bad = client.get(url, {"district": "abc"})
    assert bad.status_code == 400 and UNKNOWN in bad.content.decode()
    # A district of another committee is not this committee's.
    other = District.objects.create(
        committee=CommitteeFactory(slug="lahijan", name="کمیته رسانه لاهیجان"), name="منطقه ۹"
    )
    assert client.get(url, {"district": other.pk}).status_code == 400


def test_a_decision_names_only_districts_of_its_own_committee(portal):
    other = District.objects.create(
        committee=CommitteeFactory(slug="lahijan", name="کمیته رسانه لاهیجان"), name="منطقه ۹"
    )
    meeting = portal.meeting(days_ago=2)
    services.record_meeting(portal.chair, meeting, expected_version=None, summary="خلاصه")
    with pytest.raises(ServiceError) as refused:
        services.add_decision(
            portal.chair,
            meeting,
            expected_version=None,
            text="مصوبه",
            responsible_organization=portal.organization,
            districts=[other],
        )
    assert refused.value.field == "districts"
    assert not Decision.objects.filter(meeting=meeting).exists()


def test_the_chair_names_districts_on_the_meetings_decision_form(client, portal):
    one = District.objects.create(committee=portal.committee, name="منطقه ۱", order=1)
    two = District.objects.create(committee=portal.committee, name="منطقه ۲", order=2)
    District.objects.create(
        committee=CommitteeFactory(slug="lahijan", name="کمیته رسانه لاهیجان"), name="منطقه دیگر"
    )
    meeting = portal.meeting(days_ago=2)
    draft = services.record_meeting(portal.chair, meeting, expected_version=None, summary="خلاصه")
    client.force_login(portal.chair)
    form = client.get(f"/meetings/{meeting.pk}/decisions/new/").content.decode()
    assert "منطقه ۱" in form and "منطقه دیگر" not in form
    response = client.post(
        f"/meetings/{meeting.pk}/decisions/new/",
        {
            "text": "مصوبه بازگشایی پل",
            "responsible_organization": portal.organization.pk,
            "is_public": "on",
            "districts": [one.pk, two.pk],
            "version": Minutes.objects.get(pk=draft.pk).version,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    decision = Decision.objects.get(meeting=meeting)
    assert set(decision.districts.all()) == {one, two}
    edit = client.get(f"/meetings/{meeting.pk}/decisions/{decision.pk}/").content.decode()
    assert f'value="{one.pk}" selected' in edit


def _fmt(days: int) -> str:
    from persian.jalali import format_numeric_latin

    return format_numeric_latin(_day(days))


def test_the_minutes_page_and_the_pdf_name_the_districts(client, city):
    from minutes.publication.pdf import build_context

    minutes = Minutes.objects.get(pk=city["minutes"].pk)
    page = client.get(f"/archive/{minutes.document_id}/")
    assert page.status_code == 200
    assert "مناطق شهری: منطقه ۱، منطقه ۲" in page.content.decode()
    record = PublishedRecord.from_json(minutes.snapshot)
    context = build_context(record, draft=False, verify_url="https://example.ir/v")
    named = [d["districts"] for d in context["decisions"]]
    assert "منطقه ۱، منطقه ۲" in named[1] and named[3] == ""


def test_the_table_by_district_as_csv(client, portal, city):
    url = f"/committee/{portal.committee.slug}/report/export.csv"
    period = {"period": "range", "since": _fmt(-60), "until": _fmt(0)}
    response = client.get(url, {**period, "table": "districts"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = text.splitlines()
    assert "منطقه" in lines[0]
    one = next(line for line in lines if ",منطقه ۱," in line)
    # From, until, name, then assigned 2, on time 1, late 0, open 0, overdue 1.
    assert one.split(",")[3:8] == ["2", "1", "0", "0", "1"]
    bad = client.get(url, {**period, "table": "districts", "district": "abc"})
    assert bad.status_code == 400 and UNKNOWN in bad.content.decode()

"""Districts in the API: the decisions list filters by ``district`` (strictly: an unknown
one is a 400 under its name), each decision shows the districts it names (published ones
for the public), the chair sets them in the decision write shape, and the scoreboard's
JSON filters and counts by district."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from committee.models import District
from minutes import services
from minutes.models import Decision, Minutes
from persian.jalali import format_numeric_latin
from portal.indexing import ensure_index
from tests.factories import CommitteeFactory
from tests.portal.conftest import portal  # noqa: F401  (the portal's small committee)

from .conftest import API, ids

pytestmark = pytest.mark.django_db

UNKNOWN = "این منطقه در فهرست مناطق شهری نیست."


def _day(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def _jalali(n: int) -> str:
    return format_numeric_latin(_day(n))


@pytest.fixture
def named(portal):  # noqa: F811
    one = District.objects.create(committee=portal.committee, name="منطقه ۱", order=1)
    two = District.objects.create(committee=portal.committee, name="منطقه ۲", order=2)
    minutes = portal.publish(
        portal.meeting(days_ago=20),
        decisions=[
            {"text": "مصوبه پل", "deadline": _day(-1), "districts": [one]},
            {"text": "مصوبه پارک", "deadline": _day(9), "districts": [two]},
            {"text": "مصوبه داخلی", "districts": [one], "is_public": False},
            {"text": "مصوبه همه شهر"},
        ],
    )
    ensure_index()
    decisions = {d.text: d for d in minutes.meeting.decisions.all()}
    return {"one": one, "two": two, "decisions": decisions}


def test_the_public_list_filters_by_district_and_shows_the_published_ones(anonymous, named):
    response = anonymous.get(f"{API}/decisions/", {"district": named["one"].pk})
    assert ids(response) == {named["decisions"]["مصوبه پل"].pk}
    row = response.json()["results"][0]
    assert row["published"] is True
    assert row["districts"] == [{"id": named["one"].pk, "name": "منطقه ۱"}]
    # Persian digits name the same district.
    persian = str(named["one"].pk).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert ids(anonymous.get(f"{API}/decisions/", {"district": persian})) == ids(response)
    everything = anonymous.get(f"{API}/decisions/").json()["results"]
    assert {r["text"]: r["districts"] for r in everything}["مصوبه همه شهر"] == []


def test_the_internal_record_filters_by_its_live_districts(client_for, portal, named):  # noqa: F811
    chair = client_for(portal.chair)
    found = ids(chair.get(f"{API}/decisions/", {"district": named["one"].pk}))
    assert named["decisions"]["مصوبه پل"].pk in found
    assert named["decisions"]["مصوبه داخلی"].pk in found
    assert named["decisions"]["مصوبه پارک"].pk not in found


@pytest.mark.parametrize("value", ["999999", "abc", "1.5", "99999999999999999999999"])
def test_an_unknown_district_is_a_400_under_its_name(anonymous, named, value):
    response = anonymous.get(f"{API}/decisions/", {"district": value})
    assert response.status_code == 400
    assert response.json()["district"] == [UNKNOWN]


def test_the_chair_sets_and_clears_districts_in_the_write_shape(client_for, portal, named):  # noqa: F811
    one, two = named["one"], named["two"]
    other = District.objects.create(
        committee=CommitteeFactory(slug="lahijan", name="کمیته رسانه لاهیجان"), name="منطقه ۹"
    )
    meeting = portal.meeting(days_ago=1)
    draft = services.record_meeting(portal.chair, meeting, expected_version=None, summary="خلاصه")
    chair = client_for(portal.chair)
    body = {
        "expected_version": Minutes.objects.get(pk=draft.pk).version,
        "text": "مصوبه بازگشایی پل",
        "responsible_organization": portal.organization.pk,
        "districts": [two.pk, one.pk, two.pk],
    }
    created = chair.post(f"{API}/meetings/{meeting.pk}/decisions/", body, format="json")
    assert created.status_code == 201, created.content
    assert {d["id"] for d in created.json()["districts"]} == {one.pk, two.pk}
    decision = Decision.objects.get(pk=created.json()["id"])

    refused = chair.post(
        f"{API}/meetings/{meeting.pk}/decisions/",
        {
            **body,
            "expected_version": Minutes.objects.get(pk=draft.pk).version,
            "districts": [other.pk],
        },
        format="json",
    )
    assert refused.status_code == 400
    assert "districts" in refused.json()

    cleared = chair.patch(
        f"{API}/decisions/{decision.pk}/",
        {"expected_version": Minutes.objects.get(pk=draft.pk).version, "districts": []},
        format="json",
    )
    assert cleared.status_code == 200, cleared.content
    assert cleared.json()["districts"] == []
    assert not decision.districts.exists()


def test_the_scoreboard_json_counts_and_filters_by_district(anonymous, portal, named):  # noqa: F811
    url = f"{API}/reports/{portal.committee.slug}/"
    # The last 60 days (the meeting was 20 days ago, whatever the Jalali year).
    period = {"period": "range", "since": _jalali(-60), "until": _jalali(0)}
    data = anonymous.get(url, period).json()
    rows = {r["name"]: r for r in data["districts"]}
    assert (rows["منطقه ۱"]["assigned"], rows["منطقه ۱"]["overdue"]) == (1, 1)
    assert (rows["منطقه ۲"]["assigned"], rows["منطقه ۲"]["open"]) == (1, 1)
    assert rows["بدون منطقه"]["assigned"] == 1
    one = anonymous.get(url, {**period, "district": named["two"].pk}).json()
    assert one["district"] == named["two"].pk and one["totals"]["assigned"] == 1
    bad = anonymous.get(url, {"district": "abc"})
    assert bad.status_code == 400 and bad.json()["district"] == [UNKNOWN]

"""The published demands in the API (/api/v1/demands/), for anyone: as their public pages
show them, never the email address nor anything pending, merged or rejected; filtered by
committee, topic, district, stage and a Jalali period; counted by topic and district with
the 137 centre's requests beside them; described by the OpenAPI schema."""

from __future__ import annotations

import datetime
import json

import pytest
from django.test import Client
from django.utils import timezone

from demands import imports, services
from demands.models import Demand
from minutes.models import AgendaItem, Decision
from persian.jalali import format_numeric_latin

pytestmark = pytest.mark.django_db

API = "/api/v1/demands/"
FIELDS = {
    "id",
    "url",
    "committee",
    "workgroup",
    "title",
    "description",
    "topic",
    "district",
    "neighbourhood",
    "photo_url",
    "published_at",
    "published_at_jalali",
    "raised",
    "supporters",
    "stage",
    "agenda",
    "decisions",
}


def _get(url: str, **params):
    response = Client().get(url, params, HTTP_ACCEPT="application/json")
    return response, response.json()


def _pending(world, **data) -> Demand:
    before = set(Demand.objects.values_list("pk", flat=True))
    assert world.raise_demand(ip=data.pop("ip", "198.51.100.77"), **data).status_code == 302
    return Demand.objects.exclude(pk__in=before).get()


def test_only_published_demands_and_never_the_email(world):
    shown = world.published(email="secret-mina@example.ir")
    pending = _pending(world, title="در انتظار بررسی", email="pending@example.ir")
    rejected = _pending(world, title="ردشده", ip="198.51.100.78")
    services.reject_demand(world.portal.secretariat, rejected, "نامرتبط با شهر")
    merged = _pending(world, title="همانند", ip="198.51.100.79")
    services.merge_demand(world.portal.secretariat, merged, shown)
    response, data = _get(API)
    assert response.status_code == 200
    assert [d["id"] for d in data["results"]] == [shown.pk]
    demand = data["results"][0]
    assert set(demand) == FIELDS
    assert demand["raised"] == 2 and demand["supporters"] == 0  # the merged one counts
    assert demand["stage"] == "waiting" and demand["agenda"] is None
    assert demand["url"].endswith(world.detail_url(shown))
    text = response.content.decode()
    for secret in ("secret-mina@example.ir", "pending@example.ir", "نامرتبط با شهر"):
        assert secret not in text
    assert shown.visitor_key not in text and shown.raiser_key not in text
    for hidden in (pending, rejected, merged):
        assert Client().get(f"{API}{hidden.pk}/").status_code == 404
    response, one = _get(f"{API}{shown.pk}/")
    assert response.status_code == 200 and one == demand


def test_nobody_writes_through_it(world):
    demand = world.published()
    client = Client()
    client.force_login(world.portal.secretariat)
    assert client.post(API, {}).status_code in (403, 405)
    assert client.delete(f"{API}{demand.pk}/").status_code in (403, 405)
    assert Demand.objects.filter(pk=demand.pk).exists()


def test_the_filters(world):
    roads = world.published()
    tourism = world.published(
        title="تابلوهای راهنمای بافت تاریخی",
        topic=str(world.other_topic.pk),
        district=str(world.other_district.pk),
        ip="198.51.100.51",
    )
    ids = lambda **params: [d["id"] for d in _get(API, **params)[1]["results"]]  # noqa: E731
    assert ids(topic=world.other_topic.pk) == [tourism.pk]
    assert ids(district=world.district.pk) == [roads.pk]
    assert set(ids(committee=world.committee.slug)) == {roads.pk, tourism.pk}
    # A slug that names no committee is refused, naming the parameter (issue 18).
    response, errors = _get(API, committee="elsewhere")
    assert response.status_code == 400 and set(errors) - {"code", "detail"} == {"committee"}
    assert set(ids(stage="waiting")) == {roads.pk, tourism.pk}
    assert ids(stage="decided") == []
    today = format_numeric_latin(timezone.localdate())
    tomorrow = format_numeric_latin(timezone.localdate() + datetime.timedelta(days=1))
    assert set(ids(since=today, until=today)) == {roads.pk, tourism.pk}
    assert ids(since=tomorrow) == []
    response, errors = _get(API, since="1405/13/01", topic="abc", stage="lost")
    assert response.status_code == 400
    assert errors["since"] == ["ماه ۱۳ وجود ندارد؛ ماه باید عددی از ۱ تا ۱۲ باشد."]
    assert set(errors) - {"code", "detail"} == {"since", "topic", "stage"}


def test_the_agenda_and_the_decisions_once_published(world):
    portal = world.portal
    demand = world.published()
    meeting = portal.meeting(days_ago=2, is_public=True, title="جلسه معابر")
    item = AgendaItem.objects.create(meeting=meeting, order=1, title="ترمیم معابر منطقه ۲")
    services.link_agenda_item(portal.chair, demand, item)
    shown = _get(f"{API}{demand.pk}/")[1]
    assert shown["stage"] == "agenda" and shown["decisions"] == []
    assert shown["agenda"]["meeting"] == meeting.pk
    assert shown["agenda"]["agenda_item_title"] == "ترمیم معابر منطقه ۲"
    portal.publish(
        meeting,
        items=(),
        decisions=[{"agenda_item": item, "text": "ترمیم چاله‌های خیابان سعدی تا پایان ماه"}],
    )
    shown = _get(f"{API}{demand.pk}/")[1]
    decision = Decision.objects.get(meeting=meeting)
    assert shown["stage"] == "decided"
    assert [(d["decision"], d["text"]) for d in shown["decisions"]] == [
        (decision.pk, "ترمیم چاله‌های خیابان سعدی تا پایان ماه")
    ]
    assert "/archive/" in shown["decisions"][0]["minutes_url"]
    assert [d["id"] for d in _get(API, stage="decided")[1]["results"]] == [demand.pk]


def test_an_internal_meeting_is_not_named(world):
    demand = world.published()
    meeting = world.portal.meeting(days_ago=2, is_public=False, title="جلسه داخلی محرمانه")
    item = AgendaItem.objects.create(meeting=meeting, order=1, title="بند داخلی")
    services.link_agenda_item(world.portal.chair, demand, item)
    response, shown = _get(f"{API}{demand.pk}/")
    assert shown["agenda"]["meeting"] is None and shown["agenda"]["agenda_item"] is None
    assert "جلسه داخلی محرمانه" not in response.content.decode()


def test_the_counts_with_the_137_requests_beside_them(world):
    world.published()
    world.published(
        title="تابلوهای راهنمای بافت تاریخی",
        topic=str(world.other_topic.pk),
        ip="198.51.100.51",
    )
    data = (
        "ماه,موضوع,منطقه,تعداد درخواست\n"
        f"۱۴۰۵/۰۲,{world.topic.name},منطقه ۲,۱۲۰\n"
        f"۱۴۰۵/۰۳,{world.topic.name},منطقه ۳,۳۰\n"
    ).encode()
    report = imports.import_counts(
        world.committee, data, actor=world.portal.secretariat, today=datetime.date(2026, 7, 1)
    )
    assert report.ok
    response, counts = _get(f"{API}counts/", committee=world.committee.slug)
    assert response.status_code == 200
    assert (counts["total"], counts["on_agenda"], counts["decided"]) == (2, 0, 0)
    topics = {g["name"]: g for g in counts["by_topic"]}
    assert topics[world.topic.name] == {
        "name": world.topic.name,
        "demands": 1,
        "raised": 1,
        "supporters": 0,
        "agenda": 0,
        "decided": 0,
        "imported": 150,
    }
    assert topics[world.other_topic.name]["imported"] == 0
    districts = {g["name"]: g["imported"] for g in counts["by_district"]}
    assert districts == {"منطقه ۲": 120, "منطقه ۳": 30}
    assert counts["imported_total"] == 150
    # The period takes the months it touches: 1405/03/15 is in the third month only.
    _response, third = _get(f"{API}counts/", since="1405/03/15", until="1405/03/20")
    assert third["imported_total"] == 30 and third["total"] == 0


def test_the_schema_describes_them(world):
    schema = Client().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    paths = json.loads(schema.content)["paths"]
    assert {"/api/v1/demands/", "/api/v1/demands/{id}/", "/api/v1/demands/counts/"} <= set(paths)
    names = {p["name"] for p in paths["/api/v1/demands/"]["get"]["parameters"]}
    assert {"committee", "topic", "district", "stage", "since", "until"} <= names
    assert "email" not in json.dumps(json.loads(schema.content)["components"]["schemas"]["Demand"])

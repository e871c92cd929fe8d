"""From demand to agenda to decision: the secretariat puts a demand on a coming meeting's
agenda (or links the item that takes it up); its page then shows the meeting, and once the
minutes are published the decisions taken on it with their follow-up; whoever raised it is
told at each step. And the counts of the public list, on a small hand-made set."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from demands import services
from demands.models import Demand
from minutes.errors import InvalidTransition, NotAllowed
from minutes.models import AgendaItem, Decision, FollowUp

pytestmark = pytest.mark.django_db


def test_the_secretariat_puts_a_demand_on_a_coming_meetings_agenda(
    world, client, django_capture_on_commit_callbacks
):
    demand = world.published()
    coming = world.portal.meeting(days_ago=-7, title="جلسه بررسی معابر فرسوده", is_public=True)
    client.force_login(world.portal.secretariat)
    page = client.get(world.triage_url).content.decode()
    assert "جلسه بررسی معابر فرسوده" in page  # offered
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{world.triage_url}{demand.pk}/agenda/", {f"d{demand.pk}-meeting": str(coming.pk)}
        )
    assert response.status_code == 302
    item = AgendaItem.objects.get(meeting=coming)
    assert item.kind == AgendaItem.Kind.PROBLEM and item.title == demand.title
    assert "مطالبه شهروندان" in item.description
    demand.refresh_from_db()
    assert demand.agenda_item == item
    client.logout()
    detail = client.get(world.detail_url(demand)).content.decode()
    assert "جلسه بررسی معابر فرسوده" in detail
    assert "در دستور جلسه" in detail
    assert "مصوبات پس از انتشار صورتجلسه اینجا نمایش داده می‌شوند." in detail
    assert "در دستور جلسه" in mail.outbox[0].subject
    assert mail.outbox[0].to == ["mina@example.ir"]


def test_a_past_meeting_or_a_demand_not_published_is_refused(world):
    demand = world.published()
    past = world.portal.meeting(days_ago=3)
    with pytest.raises(InvalidTransition, match="برگزار یا لغو شده است"):
        services.put_on_agenda(world.portal.secretariat, demand, past)
    world.raise_demand(title="هنوز منتشرنشده", ip="198.51.100.3")
    pending = Demand.objects.get(title="هنوز منتشرنشده")
    coming = world.portal.meeting(days_ago=-7)
    with pytest.raises(InvalidTransition, match="فقط مطالبه منتشرشده"):
        services.put_on_agenda(world.portal.secretariat, pending, coming)
    # Another workgroup's chair may not (its own chair may: tests/demands/test_chair_link.py).
    with pytest.raises(NotAllowed):
        services.put_on_agenda(world.portal.other_chair, demand, coming)
    assert not AgendaItem.objects.exists()


def test_the_chair_links_the_item_that_took_it_up_and_the_decision_is_shown_and_told(
    world, django_capture_on_commit_callbacks
):
    portal = world.portal
    demand = world.published()
    meeting = portal.meeting(days_ago=2, is_public=True, title="جلسه معابر")
    item = AgendaItem.objects.create(meeting=meeting, order=1, title="ترمیم معابر منطقه ۲")
    with django_capture_on_commit_callbacks(execute=True):
        services.link_agenda_item(portal.chair, demand, item)
    # Not told of a decision before the minutes are published.
    call_command("notify_demand_outcomes")
    assert len([m for m in mail.outbox if "نتیجه بررسی" in m.subject]) == 0
    portal.publish(
        meeting,
        items=(),
        decisions=[{"agenda_item": item, "text": "ترمیم چاله‌های خیابان سعدی تا پایان ماه"}],
    )
    decision = Decision.objects.get(meeting=meeting)
    FollowUp.objects.create(
        decision=decision,
        date=timezone.localdate(),
        status=Decision.Status.IN_PROGRESS,
        note="پیمانکار کار را آغاز کرد",
    )
    page = Client().get(world.detail_url(demand)).content.decode()
    assert "ترمیم چاله‌های خیابان سعدی تا پایان ماه" in page
    assert "پیمانکار کار را آغاز کرد" in page
    assert "به مصوبه رسید" in page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("notify_demand_outcomes")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("notify_demand_outcomes")  # once only
    assert len(mail.outbox) == 1
    assert "نتیجه بررسی" in mail.outbox[0].subject
    assert world.detail_url(demand) in mail.outbox[0].body
    # The list counts it as decided.
    page = Client().get(world.list_url + "?stage=decided").content.decode()
    assert "۱ مطالبه" in page.split('id="results-title"')[1][:200]


def test_another_workgroups_chair_may_not_link(world):
    demand = world.published()
    meeting = world.portal.meeting(days_ago=2)
    item = AgendaItem.objects.create(meeting=meeting, order=1, title="بند")
    with pytest.raises(NotAllowed):
        services.link_agenda_item(world.portal.other_chair, demand, item)


def test_the_counts_by_topic_and_district(world, client):
    """Three published demands (one with a merged twin and two supporters), one pending
    and one rejected: only the published ones and what counts for them are counted."""
    secretariat = world.portal.secretariat
    roads = world.published(title="چاله سعدی", ip="198.51.100.1")
    world.published(title="ترافیک میدان", ip="198.51.100.2", district=str(world.other_district.pk))
    world.published(title="بافت تاریخی", ip="198.51.100.3", topic=str(world.other_topic.pk))
    world.raise_demand(title="همان چاله", ip="198.51.100.4")
    services.merge_demand(secretariat, Demand.objects.get(title="همان چاله"), roads)
    world.raise_demand(title="در انتظار", ip="198.51.100.5")
    world.raise_demand(title="ردشده", ip="198.51.100.6")
    services.reject_demand(secretariat, Demand.objects.get(title="ردشده"), "نامرتبط")
    for n in range(2):
        Client().post(f"{world.detail_url(roads)}support/", REMOTE_ADDR=f"192.0.2.{n}")
    response = client.get(world.list_url)
    page = response.content.decode()
    assert "۳ مطالبه" in page
    csv = client.get(f"{world.list_url}counts.csv").content.decode("utf-8-sig").splitlines()
    rows = [line.split(",") for line in csv]
    # The last column, the 137 centre's requests (none imported here), is tested in
    # test_import_137.py.
    by = {(r[0], r[1]): r[2:-1] for r in rows[1:]}
    # topic: demands, raised, supporters, on agenda, decided
    assert by[("موضوع", "آسفالت، معابر و پیاده‌روها")] == ["2", "3", "2", "0", "0"]
    assert by[("موضوع", "گردشگری و بافت تاریخی")] == ["1", "1", "0", "0", "0"]
    assert by[("منطقه", "منطقه ۲")] == ["2", "3", "2", "0", "0"]
    assert by[("منطقه", "منطقه ۳")] == ["1", "1", "0", "0", "0"]
    # The same figures filtered by topic, and by a Jalali period that holds none.
    page = client.get(f"{world.list_url}?topic={world.other_topic.pk}").content.decode()
    assert "۱ مطالبه" in page
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    from persian.jalali import format_numeric_latin

    page = client.get(
        f"{world.list_url}?date_from={format_numeric_latin(tomorrow)}"
    ).content.decode()
    assert "۰ مطالبه" in page


def test_the_list_searches_persian_however_it_is_typed(world, client):
    world.published(title="چاله‌های کوچه یاس", ip="198.51.100.1")
    world.published(title="روشنایی پارک", ip="198.51.100.2")
    page = client.get(world.list_url + "?q=چالههاي كوچه").content.decode()
    results = page.split('id="results-title"')[1]
    assert "چاله‌های کوچه یاس" in results and "روشنایی پارک" not in results


def test_bad_filters_get_a_persian_message(world, client):
    page = client.get(world.list_url + "?date_from=1405/13/40").content.decode()
    assert "فیلترها را درست کنید" in page

"""A meeting's chair links a published demand to the agenda item that takes it up, from
the demand's own page (the triage page is the secretariat's); another body's chair is
refused; the decisions then link to their place in the published minutes."""

from __future__ import annotations

import pytest
from django.test import Client

from demands.models import Demand
from minutes.models import AgendaItem

pytestmark = pytest.mark.django_db


def _link_url(world, demand: Demand) -> str:
    return f"{world.detail_url(demand)}link/"


def test_the_chair_links_from_the_demands_page(world):
    portal = world.portal
    demand = world.published()
    meeting = portal.meeting(days_ago=2, is_public=True, title="جلسه معابر")
    item = AgendaItem.objects.create(meeting=meeting, order=1, title="ترمیم معابر منطقه ۲")
    client = Client()
    client.force_login(portal.chair)
    page = client.get(world.detail_url(demand)).content.decode()
    assert "پیوند به این بند" in page and "ترمیم معابر منطقه ۲" in page
    response = client.post(_link_url(world, demand), {f"d{demand.pk}-item": item.pk}, follow=True)
    assert "مطالبه به بند دستور جلسه پیوند داده شد." in response.content.decode()
    demand.refresh_from_db()
    assert demand.agenda_item == item
    # Linked: the form is gone.
    assert "پیوند به این بند" not in client.get(world.detail_url(demand)).content.decode()
    portal.publish(
        meeting, items=(), decisions=[{"agenda_item": item, "text": "ترمیم تا پایان ماه"}]
    )
    page = Client().get(world.detail_url(demand)).content.decode()
    assert "#decision-1" in page


def test_another_bodys_chair_and_visitors_are_refused(world):
    portal = world.portal
    demand = world.published()
    meeting = portal.meeting(days_ago=2, is_public=True)
    item = AgendaItem.objects.create(meeting=meeting, order=1, title="بند")
    other = Client()
    other.force_login(portal.other_chair)
    assert "پیوند به این بند" not in other.get(world.detail_url(demand)).content.decode()
    response = other.post(_link_url(world, demand), {f"d{demand.pk}-item": item.pk})
    assert response.status_code == 403
    anonymous = Client().post(_link_url(world, demand), {f"d{demand.pk}-item": item.pk})
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert Client().get(_link_url(world, demand)).status_code in (302, 405)
    demand.refresh_from_db()
    assert demand.agenda_item is None


def test_a_missing_item_is_told_in_persian(world):
    demand = world.published()
    client = Client()
    client.force_login(world.portal.chair)
    response = client.post(_link_url(world, demand), {f"d{demand.pk}-item": "x"}, follow=True)
    assert "بندی از دستور جلسه را برگزینید." in response.content.decode()


# --- A chair puts a demand on a coming meeting of their workgroup as a new item ------------


def _agenda_url(world, demand: Demand) -> str:
    return f"{world.detail_url(demand)}agenda/"


def test_the_chair_makes_the_demand_a_new_item_of_a_coming_meeting(world):
    portal = world.portal
    demand = world.published(title="چاله‌های خیابان سعدی")
    meeting = portal.meeting(days_ago=-5, title="جلسه آینده معابر")
    client = Client()
    client.force_login(portal.chair)
    page = client.get(world.detail_url(demand)).content.decode()
    assert "افزودن به دستور این جلسه" in page and "جلسه آینده معابر" in page
    response = client.post(
        _agenda_url(world, demand), {f"d{demand.pk}-meeting": meeting.pk}, follow=True
    )
    assert response.status_code == 200
    assert "مطالبه بند «چاله‌های خیابان سعدی» در دستور جلسه «جلسه آینده معابر» شد." in (
        response.content.decode()
    )
    demand.refresh_from_db()
    item = demand.agenda_item
    assert item.meeting == meeting and item.kind == AgendaItem.Kind.PROBLEM
    assert item.title == "چاله‌های خیابان سعدی" and demand.description in item.description
    # On the meeting's agenda, and in its audit as the chair's.
    assert "چاله‌های خیابان سعدی" in client.get(meeting.get_absolute_url()).content.decode()
    from committee.models import AuditEntry

    assert AuditEntry.objects.filter(action="agenda.add", actor=portal.chair).exists()
    # Done: neither form is offered again.
    page = client.get(world.detail_url(demand)).content.decode()
    assert "افزودن به دستور این جلسه" not in page


def test_a_chair_is_offered_only_coming_meetings_of_their_own_workgroup(world):
    portal = world.portal
    demand = world.published()
    portal.meeting(days_ago=2, title="جلسه گذشته معابر")
    other = portal.meeting(portal.other_workgroup, days_ago=-5, title="جلسه آینده دیگر")
    client = Client()
    client.force_login(portal.chair)
    page = client.get(world.detail_url(demand)).content.decode()
    assert "افزودن به دستور این جلسه" not in page  # no coming meeting of theirs
    assert "جلسه آینده دیگر" not in page
    response = client.post(_agenda_url(world, demand), {f"d{demand.pk}-meeting": other.pk})
    assert response.status_code == 403
    demand.refresh_from_db()
    assert demand.agenda_item is None and not other.agenda_items.exists()


def test_putting_on_the_agenda_is_refused_to_others_and_to_a_past_meeting(world):
    portal = world.portal
    demand = world.published()
    coming = portal.meeting(days_ago=-5)
    past = portal.meeting(days_ago=2)
    other = Client()
    other.force_login(portal.other_chair)
    assert (
        other.post(_agenda_url(world, demand), {f"d{demand.pk}-meeting": coming.pk}).status_code
        == 403
    )
    anonymous = Client().post(_agenda_url(world, demand), {f"d{demand.pk}-meeting": coming.pk})
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    chair = Client()
    chair.force_login(portal.chair)
    for value, message in (
        ("x", "جلسه‌ای آینده را برگزینید."),
        (str(past.pk), "این جلسه برگزار یا لغو شده است"),
    ):
        response = chair.post(
            _agenda_url(world, demand), {f"d{demand.pk}-meeting": value}, follow=True
        )
        assert response.status_code == 200 and message in response.content.decode()
    demand.refresh_from_db()
    assert demand.agenda_item is None
    assert not coming.agenda_items.exists() and not past.agenda_items.exists()

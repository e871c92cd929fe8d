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

"""Support of a published demand: one per browser (or account), not by whoever raised it,
and limited per client address however many browsers it uses."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from demands.models import Demand, Support

pytestmark = pytest.mark.django_db


def _support(world, demand, client=None, ip="192.0.2.10", **extra):
    client = client or Client()
    response = client.post(f"{world.detail_url(demand)}support/", REMOTE_ADDR=ip, **extra)
    assert response.status_code == 302
    return client, client.get(response["Location"], REMOTE_ADDR=ip).content.decode()


def test_a_visitor_supports_once(world):
    demand = world.published()
    browser, page = _support(world, demand)
    assert "حمایت شما ثبت شد" in page
    assert "۱</span> نفر از آن حمایت کرده‌اند" in page
    assert "شما از این مطالبه حمایت کرده‌اید." in page  # no button any more
    _client, again = _support(world, demand, client=browser)
    assert "شما پیش‌تر از این مطالبه حمایت کرده‌اید؛ هر نفر یک بار." in again
    assert Support.objects.filter(demand=demand).count() == 1


def test_another_browser_at_the_same_address_counts_too(world):
    demand = world.published()
    _support(world, demand)
    _client, page = _support(world, demand)
    assert "۲</span> نفر از آن حمایت کرده‌اند" in page


def test_a_signed_in_person_supports_once_whichever_browser(world):
    demand = world.published()
    first, second = Client(), Client()
    for client in (first, second):
        client.force_login(world.portal.chair)
    _support(world, demand, client=first)
    _client, page = _support(world, demand, client=second, ip="192.0.2.99")
    assert "پیش‌تر از این مطالبه حمایت کرده‌اید" in page
    assert Support.objects.count() == 1


def test_whoever_raised_it_does_not_also_support_it(world):
    author = Client()
    assert world.raise_demand(author).status_code == 302
    from demands import services

    demand = services.publish_demand(world.portal.secretariat, Demand.objects.get())
    page = author.get(world.detail_url(demand)).content.decode()
    assert "این مطالبه را شما طرح کرده‌اید" in page
    _client, page = _support(world, demand, client=author)
    assert "این مطالبه را خودتان طرح کرده‌اید" in page
    assert not Support.objects.exists()


def test_one_address_gives_at_most_three_supports_to_a_demand(world):
    demand = world.published()
    for _n in range(3):
        _support(world, demand)  # three browsers behind one address
    _client, page = _support(world, demand)
    assert "از این نشانی امروز ۳ بار از این مطالبه حمایت شده است" in page
    assert Support.objects.count() == 3
    _support(world, demand, ip="192.0.2.11")
    assert Support.objects.count() == 4


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_trusted_proxy_the_limit_follows_the_client(world):
    demand = world.published()
    for n in range(4):
        _support(world, demand, ip="127.0.0.1", HTTP_X_FORWARDED_FOR=f"6.6.6.{n}, 192.0.2.20")
    assert Support.objects.count() == 3
    _support(world, demand, ip="127.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.21")
    assert Support.objects.count() == 4


def test_a_demand_not_published_cannot_be_supported(world):
    world.raise_demand()
    demand = Demand.objects.get()
    client = Client()
    client.post(f"{world.detail_url(demand)}support/")
    assert not Support.objects.exists()
    assert client.get(f"{world.detail_url(demand)}support/").status_code == 405


def test_the_list_puts_the_most_pressing_first(world, client):
    quiet = world.published(title="نیمکت شکسته پارک", ip="198.51.100.61")
    pressing = world.published(title="سیل‌گرفتگی زیرگذر", ip="198.51.100.62")
    for n in range(2):
        _support(world, pressing, ip=f"192.0.2.{30 + n}")
    results = client.get(world.list_url).content.decode().split('id="results-title"')[1]
    assert results.index("سیل‌گرفتگی زیرگذر") < results.index("نیمکت شکسته پارک")
    assert "۲ حمایت" in results
    page = client.get(world.list_url + "?order=old").content.decode()
    results = page.split('id="results-title"')[1]
    assert results.index(quiet.title) < results.index(pressing.title)

"""Raising a demand through the public form: it waits for the secretariat, every refusal
is a Persian message with nothing stored, robots and floods are turned away (the client
counted through the trusted proxy), and the email address is kept out of sight."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.utils import timezone

from demands.models import Demand, Topic
from tests.demands.conftest import IP
from tests.factories import CommitteeFactory

pytestmark = pytest.mark.django_db


def test_the_form_offers_the_committees_topics_and_districts(world, client):
    page = client.get(world.new_url).content.decode()
    assert "طرح مطالبه" in page
    assert "آسفالت، معابر و پیاده‌روها" in page and "منطقه ۲" in page
    assert 'enctype="multipart/form-data"' in page
    assert "هیچ‌جا نمایش داده نمی‌شود" in page  # the promise about the email address


def test_a_demand_waits_for_the_secretariat_and_is_not_shown_meanwhile(
    world, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = world.raise_demand(client)
    assert response.status_code == 302
    demand = Demand.objects.get()
    assert demand.status == Demand.Status.PENDING
    assert demand.workgroup == world.portal.workgroup  # the topic's workgroup
    assert "پس از بررسی دبیرخانه منتشر می‌شود" in client.get(world.new_url).content.decode()
    assert "خیابان سعدی" not in client.get(world.list_url).content.decode()
    assert client.get(world.detail_url(demand)).status_code == 404
    # The citizen is told it arrived.
    assert [m.to for m in mail.outbox] == [["mina@example.ir"]]
    assert "رسید" in mail.outbox[0].subject


def test_a_workgroups_form_files_the_demand_with_that_workgroup(world, client):
    url = f"/committee/rasht/workgroups/{world.portal.other_workgroup.slug}/demands/new/"
    page = client.get(url).content.decode()
    assert "گردشگری و بافت تاریخی" in page
    assert "آسفالت، معابر و پیاده‌روها" not in page  # only that workgroup's field
    assert world.raise_demand(url=url, topic=str(world.other_topic.pk)).status_code == 302
    assert Demand.objects.get().workgroup == world.portal.other_workgroup


def test_an_unknown_workgroup_is_not_found(world, client):
    assert client.get("/committee/rasht/workgroups/nope/demands/new/").status_code == 404


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": ""}, "عنوان مطالبه را بنویسید."),
        ({"title": "   "}, "عنوان مطالبه را بنویسید."),
        ({"title": "ب" * 201}, "این متن حداکثر ۲۰۰ نویسه است؛ متن شما ۲۰۱ نویسه دارد."),
        ({"title": "<b>چاله</b>"}, "برچسب‌های HTML"),
        ({"title": "چاله\x07ها"}, "این مقدار باید یک سطر باشد"),
        ({"description": ""}, "شرح مطالبه را بنویسید"),
        ({"description": "<script>alert(1)</script>"}, "برچسب‌های HTML"),
        ({"description": "ب" * 4001}, "این متن حداکثر ۴۰۰۰ نویسه است؛ متن شما ۴۰۰۱ نویسه دارد."),
        ({"topic": ""}, "موضوع مطالبه را از فهرست برگزینید."),
        ({"topic": "999999"}, "این موضوع در فهرست موضوع‌های این کمیته نیست."),
        ({"topic": "x"}, "این موضوع در فهرست موضوع‌های این کمیته نیست."),
        ({"district": ""}, "منطقه‌ای را که مطالبه به آن مربوط است برگزینید."),
        ({"district": "-1"}, "این منطقه در فهرست مناطق این کمیته نیست."),
        ({"neighbourhood": "<img src=x onerror=alert(1)>"}, "برچسب‌های HTML"),
        ({"neighbourhood": "م" * 101}, "این متن حداکثر ۱۰۰ نویسه است"),
        ({"email": "not-an-address"}, "نشانی رایانامه درست نیست"),
    ],
)
def test_bad_input_is_refused_in_persian_and_nothing_is_stored(
    world, data, message, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = world.raise_demand(**data)
    assert not callbacks
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Demand.objects.exists()
    assert not mail.outbox


def test_every_error_is_shown_at_once(world):
    page = world.raise_demand(title="", description="", topic="").content.decode()
    assert "عنوان مطالبه را بنویسید." in page
    assert "شرح مطالبه را بنویسید" in page
    assert "موضوع مطالبه را از فهرست برگزینید." in page


def test_another_committees_topic_is_refused(world):
    other = CommitteeFactory(slug="lahijan", name="کمیته رسانه لاهیجان")
    foreign = Topic.objects.create(committee=other, name="ترافیک لاهیجان")
    response = world.raise_demand(topic=str(foreign.pk))
    assert response.status_code == 400
    assert "این موضوع در فهرست موضوع‌های این کمیته نیست." in response.content.decode()


def test_arabic_letters_and_digits_are_stored_as_persian(world):
    world.raise_demand(title="چاله هاي خيابان ٣ كوچه")
    assert Demand.objects.get().title == "چاله های خیابان ۳ کوچه"


def test_a_filled_honeypot_stores_nothing(world):
    response = world.raise_demand(website="http://spam.example")
    assert response.status_code == 302
    assert not Demand.objects.exists()
    assert not mail.outbox


def test_the_same_demand_sent_twice_is_stored_once(world):
    assert world.raise_demand().status_code == 302
    response = world.raise_demand()
    assert response.status_code == 400
    assert "همین مطالبه را کمی پیش فرستاده‌اید" in response.content.decode()
    assert Demand.objects.count() == 1


def test_a_visitor_may_raise_three_demands_an_hour(world):
    for n in range(3):
        assert world.raise_demand(title=f"مطالبه شماره {n}").status_code == 302
    response = world.raise_demand(title="چهارمین مطالبه")
    assert response.status_code == 429
    assert "در یک ساعت گذشته ۳ مطالبه فرستاده شده است" in response.content.decode()
    assert Demand.objects.count() == 3
    assert world.raise_demand(ip="203.0.113.99", title="از نشانی دیگر").status_code == 302
    Demand.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=61))
    assert world.raise_demand(title="یک ساعت بعد").status_code == 302


def _through_proxy(world, forwarded: str, title: str):
    return Client().post(
        world.new_url,
        world.values(title=title),
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_without_a_trusted_proxy_a_forged_forwarded_header_does_not_dodge_the_limit(world):
    statuses = [_through_proxy(world, f"10.0.0.{n}", f"مطالبه {n}").status_code for n in range(4)]
    assert statuses == [302, 302, 302, 429]


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_trusted_proxy_the_limit_follows_the_client_the_proxy_saw(world):
    # The proxy's own address is the same for everyone: the client is the address it wrote.
    statuses = [
        _through_proxy(world, f"6.6.6.{n}, 203.0.113.9", f"مطالبه {n}").status_code
        for n in range(4)
    ]
    assert statuses == [302, 302, 302, 429]
    assert _through_proxy(world, "203.0.113.10", "از کاربری دیگر").status_code == 302


def test_a_committee_without_lists_says_so(portal, client):
    page = client.get("/committee/rasht/demands/new/").content.decode()
    assert "فهرست موضوع‌ها و مناطق این کمیته هنوز تعیین نشده است" in page


def test_the_email_address_is_never_shown(world, client):
    demand = world.published(email="secret.citizen@example.ir")
    for url in (
        world.detail_url(demand),
        world.list_url,
        f"{world.list_url}counts.csv",
    ):
        body = client.get(url).content.decode()
        assert "secret.citizen" not in body, url
    world.raise_demand(title="مطالبه‌ای در انتظار", email="waiting.citizen@example.ir")
    client.force_login(world.portal.secretariat)
    triage = client.get(world.triage_url).content.decode()
    assert "مطالبه‌ای در انتظار" in triage
    assert "secret.citizen" not in triage and "waiting.citizen" not in triage
    assert "رایانامه برای نتیجه دارد" in triage


def test_the_visitor_is_kept_as_a_keyed_hash_never_the_address(world):
    world.raise_demand(ip="198.51.100.23")
    demand = Demand.objects.get()
    assert len(demand.visitor_key) == 64 and "198.51.100.23" not in demand.visitor_key


def test_get_and_post_only(world, client):
    assert client.put(world.new_url).status_code == 405
    assert client.get(f"/committee/{IP}/demands/new/").status_code == 404

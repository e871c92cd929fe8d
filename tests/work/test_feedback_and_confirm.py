"""Issue 19: the message after an action on the meeting page is shown in the section the
redirect brings the eye to, announced to screen readers; deleting a decision or an agenda
item first shows what will be lost and asks, and works without JavaScript."""

from __future__ import annotations

import re

import pytest

from minutes.models import AgendaItem, Attachment, Decision

pytestmark = pytest.mark.django_db


def section(page: str, anchor: str) -> str:
    """The HTML of the <section id=anchor> of the page."""
    start = page.index(f'id="{anchor}"')
    return page[start : page.index("</section>", start)]


def test_deleting_a_decision_asks_first_and_says_what_goes(world, login):
    meeting = world.past_meeting()
    world.record(meeting)
    decision = world.decide(meeting)
    client = login(world.chair)
    url = f"/meetings/{meeting.pk}/decisions/{decision.pk}/delete/"
    detail = client.get(meeting.get_absolute_url()).content.decode()
    assert f'href="{url}"' in detail  # the meeting page's «حذف» leads to the question

    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "حذف مصوبه ۱" in html
    assert decision.text in html
    assert "پیگیری‌های ثبت‌شده: ۰" in html
    assert re.search(r'<form method="post"', html)
    assert ">حذف</button>" in html and ">انصراف</a>" in html
    assert Decision.objects.filter(pk=decision.pk).exists()  # GET changed nothing


def test_the_message_after_deleting_a_decision_is_in_the_decisions_section(world, login):
    meeting = world.past_meeting()
    minutes = world.record(meeting)
    decision = world.decide(meeting)
    minutes.refresh_from_db()
    client = login(world.chair)
    url = f"/meetings/{meeting.pk}/decisions/{decision.pk}/delete/"
    response = client.post(url, {"version": minutes.version})
    assert response["Location"].endswith("#decisions")
    assert not Decision.objects.filter(pk=decision.pk).exists()
    page = client.get(response["Location"]).content.decode()
    decisions = section(page, "decisions")
    assert 'role="status">مصوبه حذف شد.' in decisions
    assert page.count("مصوبه حذف شد.") == 1  # not repeated at the top of the page


def test_a_refused_delete_is_an_alert_in_the_section(world, login):
    meeting = world.past_meeting()
    world.record(meeting)
    decision = world.decide(meeting)
    client = login(world.chair)
    url = f"/meetings/{meeting.pk}/decisions/{decision.pk}/delete/"
    response = client.post(url, {"version": 999})  # a stale page
    page = client.get(response["Location"]).content.decode()
    assert 'class="message message-error" role="alert"' in section(page, "decisions")


def test_deleting_an_agenda_item_asks_first(world, login):
    meeting = world.future_meeting()
    item = AgendaItem.objects.create(meeting=meeting, order=2, title="نظافت پارک‌های محله")
    client = login(world.secretariat)
    url = f"/meetings/{meeting.pk}/agenda/{item.pk}/delete/"
    assert f'href="{url}"' in client.get(meeting.get_absolute_url()).content.decode()
    html = client.get(url).content.decode()
    assert "نظافت پارک‌های محله" in html
    assert "مصوبه‌های این بند: ۰" in html and "پیوست‌های این بند: ۰" in html
    assert ">حذف</button>" in html
    assert AgendaItem.objects.filter(pk=item.pk).exists()

    response = client.post(url)
    assert response["Location"].endswith("#agenda")
    assert not AgendaItem.objects.filter(pk=item.pk).exists()
    page = client.get(response["Location"]).content.decode()
    assert "بند «نظافت پارک‌های محله» از دستور جلسه حذف شد." in section(page, "agenda")


def test_an_item_with_an_attachment_is_not_offered_for_deletion(world, login, tmp_path):
    meeting = world.future_meeting()
    item = meeting.agenda_items.get()
    Attachment.objects.create(
        meeting=meeting,
        agenda_item=item,
        title="نقشه محدوده",
        original_name="x.pdf",
        kind="pdf",
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
        file="x.pdf",
    )
    client = login(world.secretariat)
    url = f"/meetings/{meeting.pk}/agenda/{item.pk}/delete/"
    html = client.get(url).content.decode()
    assert "پیوست: نقشه محدوده" in html
    assert ">حذف</button>" not in html
    response = client.post(url)  # and the service refuses it in Persian, not with a crash
    assert AgendaItem.objects.filter(pk=item.pk).exists()
    page = client.get(response["Location"]).content.decode()
    assert "این بند پیوست دارد" in section(page, "agenda")


def test_moving_an_item_is_still_post_only(world, login):
    meeting = world.future_meeting()
    item = meeting.agenda_items.get()
    client = login(world.secretariat)
    assert client.get(f"/meetings/{meeting.pk}/agenda/{item.pk}/up/").status_code == 405

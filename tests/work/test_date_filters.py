"""Issue 19: dates in the filters — a "from" after the "to" gets a Persian message (not an
empty list without a word), a Gregorian date typed by mistake is named as such, and the
placeholders show the current Jalali year."""

from __future__ import annotations

import pytest
from django.utils import timezone

from persian.jalali import format_numeric

pytestmark = pytest.mark.django_db

REVERSED = {"since": "۱۴۰۵/۰۹/۲۰", "until": "۱۴۰۵/۰۹/۱۰"}
MESSAGE = "نباید پس از"


@pytest.mark.parametrize("url", ["/archive/", "/decisions/"])
def test_a_public_filter_with_from_after_to_says_so(client, url, world):
    html = client.get(url, REVERSED).content.decode()
    assert MESSAGE in html and "جای دو تاریخ را عوض کنید" in html
    assert "فیلترها را درست کنید" in html


def test_the_meetings_list_with_from_after_to_says_so_and_lists_nothing(world, login):
    meeting = world.future_meeting()
    html = login(world.secretariat).get("/meetings/", REVERSED).content.decode()
    assert "جای دو تاریخ را عوض کنید" in html
    assert meeting.title not in html
    assert "چیزی ذخیره نشد" not in html  # a filter saves nothing anyway


def test_the_api_refuses_from_after_to_in_persian(world):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(world.secretariat)
    response = client.get("/api/v1/meetings/", REVERSED)
    assert response.status_code == 400
    assert "جای دو تاریخ را عوض کنید" in str(response.json())


def test_a_gregorian_date_in_a_filter_is_named_as_such(client, world):
    html = client.get("/archive/", {"since": "2026/12/20"}).content.decode()
    assert "این تاریخ میلادی به نظر می‌رسد؛ تاریخ شمسی وارد کنید." in html


def test_a_gregorian_date_when_scheduling_is_named_as_such(world, login):
    response = login(world.secretariat).post(
        "/meetings/new/",
        {
            "body": f"wg-{world.workgroup.pk}",
            "title": "جلسه",
            "date": "۲۰۲۶/۱۲/۲۰",
            "start": "۱۰:۰۰",
        },
    )
    html = response.content.decode()
    assert "این تاریخ میلادی به نظر می‌رسد؛ تاریخ شمسی وارد کنید." in html
    assert "نباید پس از" not in html


def test_the_date_fields_show_an_example_of_this_jalali_year(world, login):
    html = login(world.secretariat).get("/meetings/new/").content.decode()
    today = format_numeric(timezone.localdate())
    assert f'placeholder="مثلاً {today}"' in html
    assert "۱۴۰۳/۰۲/۰۸" not in html and "۱۴۰۵/۰۹/۱۵" not in html
    # the optional end time says it is optional, and its example cannot pass for a value
    assert 'placeholder="مثلاً ۱۰:۳۰"' in html
    assert '۱۰:۳۰"' not in html.replace('placeholder="مثلاً ۱۰:۳۰"', "")

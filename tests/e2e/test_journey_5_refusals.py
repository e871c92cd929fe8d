"""Journey 5 in the browser: what people may not do, and what they see instead."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.e2e import steps
from tests.e2e.steps import AGENDA, QUESTION_TITLE, click_and_wait

pytestmark = pytest.mark.e2e

NOT_FOUND = "صفحه پیدا نشد"
LOGIN_PAGE = re.compile(r"/accounts/login/\?next=")


def test_chair_of_another_workgroup_cannot_reach_the_draft(civil_meeting, pages, server, shots):
    page = pages.open("chair-1")
    response = page.goto(server(f"{civil_meeting.path}record/"))
    assert response is not None and response.status == 404
    expect(page).to_have_title(NOT_FOUND)
    expect(page.locator("main h1")).to_have_text(NOT_FOUND)
    shots.take(page, "refusal-not-found")

    for path in ("decisions/new/", "invite/", "questions/new/", "audit/"):
        response = page.goto(server(civil_meeting.path + path))
        assert response is not None and response.status == 404, path
        expect(page.locator("main h1")).to_have_text(NOT_FOUND)

    # The meeting itself is announced, so its page opens, without anything internal.
    response = page.goto(server(civil_meeting.path))
    assert response is not None and response.status == 200
    expect(page.locator("main h1")).to_have_text(civil_meeting.title)
    main = page.locator("main")
    for text in (*AGENDA, QUESTION_TITLE):
        expect(main).not_to_contain_text(text)


def test_visitor_cannot_reach_internal_material(civil_meeting, pages, server):
    secretariat = pages.open("secretariat")
    starts_at = datetime.datetime.combine(
        steps.tehran_now().date() + datetime.timedelta(days=12),
        datetime.time(9, 30),
        tzinfo=steps.TEHRAN,
    )
    internal = steps.schedule_meeting(
        secretariat,
        server,
        title="جلسه اعلام‌نشده درباره قراردادهای ترمیم کفپوش",
        starts_at=starts_at,
        ends_at=None,
        location="اتاق معاون عمرانی",
        agenda=("بررسی قراردادهای پیمانکاران",),
        public=False,
    )
    expect(secretariat.locator("header.meeting-header")).to_contain_text("اعلام‌نشده")

    visitor = pages.open()
    response = visitor.goto(server(internal.path))
    assert response is not None and response.status == 404
    expect(visitor.locator("main h1")).to_have_text(NOT_FOUND)
    visitor.goto(server("/"))
    expect(visitor.locator("main")).not_to_contain_text(internal.title)

    for path in (
        f"{civil_meeting.path}record/",
        f"{civil_meeting.path}decisions/new/",
        "/dashboard/",
    ):
        visitor.goto(server(path))
        visitor.wait_for_url(LOGIN_PAGE)
        expect(visitor.locator("main h1")).to_have_text("ورود به سامانه")

    # The announced meeting shows its public part only.
    visitor.goto(server(civil_meeting.path))
    for text in (*AGENDA, QUESTION_TITLE):
        expect(visitor.locator("main")).not_to_contain_text(text)


def test_a_bad_jalali_date_shows_a_persian_error_and_keeps_what_was_typed(pages, server, shots):
    page = pages.open("secretariat")
    page.goto(server("/meetings/new/"))
    title = "جلسه با تاریخ نادرست"
    steps.fill_meeting_form(
        page,
        title=title,
        day="۱۴۰۴/۱۲/۳۰",  # 1404 is not a leap year: Esfand has 29 days
        start="۱۰:۰۰",
        end="۱۱:۰۰",
        location="سالن جلسات",
    )
    click_and_wait(
        page,
        page.get_by_role("button", name="برنامه‌ریزی جلسه", exact=True),
        server("/meetings/new/"),
    )
    expect(page.get_by_role("alert")).to_contain_text("چیزی ذخیره نشد")
    date_field = page.locator(".field").filter(has=page.locator("#id_date"))
    expect(date_field.locator(".error")).to_contain_text("وجود ندارد")
    expect(page.locator("#id_date")).to_have_value("۱۴۰۴/۱۲/۳۰")
    expect(page.locator("#id_title")).to_have_value(title)
    expect(page.locator("#id_start")).to_have_value("۱۰:۰۰")
    shots.take(page, "refusal-bad-date")

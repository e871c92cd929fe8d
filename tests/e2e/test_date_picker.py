"""The Jalali date picker in the real browser, under the site's Content-Security-Policy: a
date field opens a Jalali calendar of the current month, a chosen day is written in Persian
digits, the calendar opens again on that day, and the meeting scheduled with it is saved on
that date. Typing a date still works (the form does not depend on the script)."""

from __future__ import annotations

import re

import jdatetime
import pytest
from playwright.sync_api import expect

from tests.e2e import steps

pytestmark = pytest.mark.e2e

PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


@pytest.mark.parametrize("width", [1280, steps.PHONE["width"]])
def test_a_meeting_day_is_chosen_on_a_jalali_calendar(pages, server, width):
    page = pages.open("secretariat", width=width, bypass_csp=False)
    violations: list[str] = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto(server("/meetings/new/"))
    field = page.locator("input[name=date]")
    field.click()
    calendar = page.locator("jdp-container")
    expect(calendar).to_be_visible()
    today = jdatetime.date.today()
    # The calendar opens on the current Jalali month, its names and numbers in Persian.
    expect(calendar).to_contain_text(
        [
            "فروردین",
            "اردیبهشت",
            "خرداد",
            "تیر",
            "مرداد",
            "شهریور",
            "مهر",
            "آبان",
            "آذر",
            "دی",
            "بهمن",
            "اسفند",
        ][today.month - 1]
    )
    # The 20th of next month, always ahead of today.
    calendar.locator(".jdp-months .jdp-icon-plus").click()
    calendar.locator(".jdp-day:not(.not-in-month)", has_text=re.compile("^۲۰$")).click()
    chosen = (today.replace(day=1) + jdatetime.timedelta(days=40)).replace(day=20)
    expected = f"{chosen.year:04d}/{chosen.month:02d}/20".translate(PERSIAN)
    expect(calendar).to_be_hidden()  # it closes once a day is chosen
    page.focus("input[name=title]")
    expect(field).to_have_value(expected)
    # Opened again, the calendar shows the chosen day selected.
    field.click()
    expect(calendar.locator(".jdp-day.selected")).to_have_text("۲۰")
    calendar.locator(".jdp-btn-close").click()
    expect(calendar).to_be_hidden()

    page.fill("input[name=title]", "جلسه با تقویم شمسی")
    page.fill("input[name=start]", "۱۰:۰۰")
    page.fill("input[name=location]", "سالن شورا")
    steps.click_and_wait(
        page, page.locator("main form button[type=submit]").last, re.compile(r"/meetings/\d+/$")
    )
    expect(page.locator("main")).to_contain_text("جلسه با تقویم شمسی")
    expect(page.locator("main")).to_contain_text(str(chosen.day).translate(PERSIAN))
    assert violations == []


def test_a_date_can_still_be_typed(pages, server):
    page = pages.open("secretariat", bypass_csp=False)
    page.goto(server("/meetings/new/"))
    field = page.locator("input[name=date]")
    field.click()
    field.fill("1406/01/15")
    page.focus("input[name=title]")
    expect(field).to_have_value("۱۴۰۶/۰۱/۱۵")

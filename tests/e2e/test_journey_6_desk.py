"""Journey 6: the pages added since the first journeys, as each of their users opens them —
the outbox and a meeting's emails, the inbox, the account page, the decision register and
«مصوبات من», the committee's and an organisation's reports, the demands (list, one demand,
the form, the triage), an invitation's answer link, the Jalali date picker, the admin's
Jalali date hierarchy; and a few pages in the English interface. Each is checked for what it
must show, and photographed at 1280 and 390 pixels wide (docs/screenshots/ with
``make screenshots``)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e import steps

pytestmark = pytest.mark.e2e

COMMITTEE = f"/committee/{steps.COMMITTEE}"


def test_the_secretariats_desk(civil_meeting, pages, server, shots):
    page = pages.open("secretariat")
    page.goto(server("/outbox/"))
    expect(page.locator("main h1")).to_be_visible()
    shots.take(page, "secretariat-outbox")
    page.goto(server(f"{civil_meeting.path}emails/"))
    expect(page.locator("main h1")).to_be_visible()
    shots.take(page, "secretariat-meeting-emails")
    page.goto(server("/inbox/"))
    shots.take(page, "secretariat-inbox")
    page.goto(server("/decisions/register/"))
    expect(page.locator("main table").first).to_be_visible()
    shots.take(page, "secretariat-decision-register")
    page.goto(server(f"{COMMITTEE}/demands/triage/"))
    shots.take(page, "demands-triage")

    # The admin's list of meetings drills down by Jalali year.
    page.goto(server("/admin/minutes/meeting/"))
    hierarchy = page.locator("nav.toplinks")
    expect(hierarchy).to_contain_text(re.compile("[۰-۹]{4}"))
    year = hierarchy.locator("a").last
    steps.click_and_wait(page, year, re.compile(r"starts_at__year=1[34]\d\d"))
    expect(page.locator("nav.toplinks")).to_contain_text(re.compile("(مهر|آبان|آذر|دی) [۰-۹]{4}"))
    shots.take(page, "admin-date-hierarchy", phone=False)


def test_an_officials_decisions_and_account(pages, server, shots):
    page = pages.open("official-2")
    # The dashboard opens on the official's notifications (decisions given to their
    # organisation, minutes published).
    expect(page.locator("main")).to_contain_text("اعلان‌های تازه")
    shots.take(page, "notifications")
    page.goto(server("/decisions/mine/"))
    expect(page.locator("main h1")).to_be_visible()
    shots.take(page, "official-my-decisions")
    page.goto(server("/inbox/"))
    shots.take(page, "official-inbox")
    page.goto(server("/account/"))
    shots.take(page, "account-preferences")


def test_the_reports_and_the_demands_as_a_citizen_sees_them(pages, server, shots):
    page = pages.open()
    page.goto(server(f"{COMMITTEE}/report/"))
    expect(page.locator("main h1")).to_be_visible()
    shots.take(page, "citizen-report")
    organization = steps.first_link(
        page, server, f"{COMMITTEE}/report/", rf"{COMMITTEE}/organizations/\d+/"
    )
    page.goto(server(organization))
    shots.take(page, "citizen-organization-report")
    page.goto(server(f"{COMMITTEE}/demands/"))
    shots.take(page, "demands-list")
    demand = steps.first_link(page, server, f"{COMMITTEE}/demands/", rf"{COMMITTEE}/demands/\d+/")
    page.goto(server(demand))
    shots.take(page, "demands-detail")
    page.goto(server(f"{COMMITTEE}/demands/new/"))
    shots.take(page, "demands-new")


def test_an_invitees_answer_link(civil_meeting, pages, server, shots):
    page = pages.open()
    token = steps.rsvp_token(server, civil_meeting)
    page.goto(server(f"/rsvp/{token}/decline/"))
    expect(page.locator("main form button[type=submit]")).to_be_visible()
    shots.take(page, "invitee-rsvp-decline")


def test_the_date_picker(pages, server, shots):
    for width, name in (
        (1280, "date-picker-desktop.png"),
        (steps.PHONE["width"], "date-picker-phone.png"),
    ):
        page = pages.open("secretariat", width=width, bypass_csp=False)
        page.goto(server("/meetings/new/"))
        page.locator("input[name=date]").click()
        expect(page.locator("jdp-container")).to_be_visible()
        page.evaluate("document.fonts.ready.then(() => true)")
        # Not steps.settle: taking the focus off the field would close the calendar.
        shots._save(page, shots.folder / name)


def test_pages_in_the_english_interface(civil_meeting, pages, server, shots):
    page = pages.open("secretariat")
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": server.url}])
    page.goto(server(civil_meeting.path))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    shots.take(page, "english-meeting")
    page.goto(server("/outbox/"))
    shots.take(page, "english-outbox")
    page.goto(server(f"{COMMITTEE}/report/"))
    shots.take(page, "english-report")

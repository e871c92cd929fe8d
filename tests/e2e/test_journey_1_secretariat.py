"""Journey 1 in the browser: the secretariat logs in, schedules a meeting of the civil-works
workgroup on a Jalali date typed in Persian digits, reorders its agenda and sends the
invitations."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e import steps
from tests.e2e.steps import AGENDA, agenda_titles

pytestmark = pytest.mark.e2e


def test_secretariat_logs_in_schedules_reorders_the_agenda_and_invites(
    civil_meeting, pages, server, shots
):
    page = pages.open()
    page.goto(server("/accounts/login/"))
    expect(page.locator("main h1")).to_have_text("ورود به سامانه")
    shots.take(page, "login")
    steps.login(page, server, "secretariat")

    # The meeting scheduled by the `civil_meeting` stage (10 days ahead, three items).
    page.goto(server(civil_meeting.path))
    titles = agenda_titles(page)
    expect(titles.nth(0)).to_have_text(AGENDA[0])
    expect(titles.nth(1)).to_have_text(AGENDA[1])
    expect(titles.nth(2)).to_have_text(AGENDA[2])

    steps.move_agenda_item(page, 0, "down")
    expect(titles.nth(0)).to_have_text(AGENDA[1])
    expect(titles.nth(1)).to_have_text(AGENDA[0])
    expect(titles.nth(2)).to_have_text(AGENDA[2])

    steps.move_agenda_item(page, 2, "up")
    expect(titles.nth(0)).to_have_text(AGENDA[1])
    expect(titles.nth(1)).to_have_text(AGENDA[2])
    expect(titles.nth(2)).to_have_text(AGENDA[0])
    # The first item cannot go up, the last cannot go down.
    expect(page.locator("#agenda li").first.get_by_role("button", name="بالاتر")).to_have_count(0)

    steps.send_invitations(page, server, civil_meeting, shots)
    invited = page.locator("table").filter(has_text="دعوت‌شدگان و پاسخ‌ها").locator("tbody tr")
    expect(invited.first).to_be_visible()
    assert invited.count() >= 3
    shots.take(page, "secretariat-invited")

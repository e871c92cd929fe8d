"""Journey 4 in the browser: a citizen, not logged in, finds the published minutes in the
archive (by workgroup, and by words typed with the Arabic ي and ك), reads them, downloads
the PDF and finds the decisions in it and in the decisions tracker."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Page, expect

from tests.e2e import steps
from tests.e2e.steps import (
    ANSWER,
    ARABIC_SEARCH,
    CIVIL_WORKS,
    DECISIONS,
    RESPONSIBLE,
    click_and_wait,
    fa,
)

pytestmark = pytest.mark.e2e

PDF_WAIT_S = 15
MINUTES_PAGE = re.compile(r"/archive/[A-Za-z0-9-]+/$")


def wait_for_pdf_link(page: Page):
    """The PDF is rendered when the publication commits; until it is stored the page has no
    download link. Reload (bounded) until it appears."""
    link = page.get_by_role("link", name=re.compile("^دریافت PDF صورتجلسه"))
    deadline = time.monotonic() + PDF_WAIT_S
    while link.count() == 0 and time.monotonic() < deadline:
        page.wait_for_timeout(500)  # bounded polling
        page.reload()
    expect(link).to_be_visible()
    return link


def test_citizen_finds_reads_and_downloads_the_published_minutes(
    published_meeting, pages, server, shots, tmp_path
):
    title = published_meeting.meeting.title
    page = pages.open()

    page.goto(server("/"))
    expect(page.locator("main")).to_contain_text(title)  # among the latest minutes
    shots.take(page, "citizen-home")

    click_and_wait(
        page,
        page.locator("main").get_by_role("link", name="بایگانی صورتجلسه‌ها").first,
        re.compile(r"/archive/$"),
    )
    search = page.get_by_role("search", name="جست‌وجو و فیلتر صورتجلسه‌ها")
    search.get_by_label("کارگروه", exact=True).select_option(label=CIVIL_WORKS)
    search.get_by_label("جست‌وجو در متن").fill(ARABIC_SEARCH)
    click_and_wait(page, search.get_by_role("button", name="نمایش"), re.compile(r"/archive/\?"))
    expect(page.locator(".result-count")).to_have_text(f"{fa(1)} صورتجلسه")
    found = page.locator("ol.doc-list > li")
    expect(found).to_have_count(1)
    expect(found.locator(".doc-body")).to_contain_text(CIVIL_WORKS)
    expect(search.get_by_label("جست‌وجو در متن")).to_have_value(ARABIC_SEARCH)
    shots.take(page, "citizen-archive")

    click_and_wait(page, found.get_by_role("link", name=title), MINUTES_PAGE)
    expect(page.locator("main h1")).to_contain_text(title)
    for text in DECISIONS:
        expect(page.locator("#decisions")).to_contain_text(text)
    expect(page.locator("main")).to_contain_text(ANSWER)
    link = wait_for_pdf_link(page)
    shots.take(page, "citizen-minutes")

    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename.endswith(".pdf"), download.suggested_filename
    pdf = tmp_path / "minutes.pdf"
    download.save_as(pdf)
    assert pdf.read_bytes()[:5] == b"%PDF-"
    in_pdf = steps.words(steps.pdf_text(pdf))
    for text in (*DECISIONS, ANSWER, title):
        assert steps.in_reading_order(text, in_pdf), f"not in the PDF: {text}"

    # The decisions tracker lists both, with the responsible organisation.
    page.goto(server("/decisions/"))
    tracker = page.get_by_role("search", name="فیلتر مصوبات")
    tracker.get_by_label("کارگروه", exact=True).select_option(label=CIVIL_WORKS)
    tracker.get_by_label("سازمان مسئول اجرا").select_option(label=RESPONSIBLE)
    click_and_wait(page, tracker.get_by_role("button", name="نمایش"), re.compile(r"/decisions/\?"))
    for text in DECISIONS:
        row = page.locator("table.tracker-table tbody tr").filter(has_text=text)
        expect(row).to_have_count(1)
        expect(row).to_contain_text(title)
        expect(row).to_contain_text(RESPONSIBLE)
    shots.take(page, "citizen-decisions")

    # The meeting page shows the published record to everyone, and links to the archive.
    page.goto(server(published_meeting.meeting.path))
    expect(page.get_by_role("link", name="صفحه صورتجلسه در بایگانی")).to_be_visible()
    shots.take(page, "citizen-meeting")

"""Printing a page (static/css/app.css, ``@media print``): Chromium's own print of a meeting
page, a published minutes page and the public home page carries the page's content, right
to left, and none of the header's menu, the language switch, the buttons, the forms or the
footer."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.steps import pdf_text, settle, words

pytestmark = pytest.mark.e2e

# Text that only the parts hidden on paper carry: the header's menu and its «خروج» button,
# the language switch, the footer line, the meeting page's buttons.
SCREEN_ONLY = (
    "حساب من",
    "خروج",
    "English",
    "سامانه کمیته رسانه — جلسات، مصوبات و صورتجلسه‌ها",
    "دستور جلسه (PDF)",
    "سابقه تغییرات",
    "کمیته و کارگروه‌ها بایگانی صورتجلسه‌ها پیگیری مصوبات",  # the portal's menu
)
HIDDEN_ON_PAPER = (
    "header.site-header .site-nav",
    "footer.site-footer",
    "form.lang-form",
    "main .toolbar",
    "main .button",
    "main form",
)


def _first_href(page: Page, selector: str) -> str:
    href = page.locator(selector).first.get_attribute("href")
    assert href, selector
    return href


def _phrase(text: str) -> str:
    return " " + " ".join(words(text)) + " "


def _printed(page: Page, tmp_path: Path, name: str) -> str:
    """The page printed by Chromium (print media, A4) and read back with pdftotext, as
    folded words (Chromium writes the text in reading order)."""
    settle(page)
    path = tmp_path / f"{name}.pdf"
    page.pdf(path=str(path), format="A4", prefer_css_page_size=True)
    return _phrase(pdf_text(path))


def _check(page: Page, tmp_path: Path, name: str) -> None:
    title = page.locator("main h1").first.inner_text()
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.documentElement).direction") == "rtl"
    for selector in HIDDEN_ON_PAPER:
        for element in page.locator(selector).all():
            expect(element).to_be_hidden()
    expect(page.locator("main h1").first).to_be_visible()
    printed = _printed(page, tmp_path, name)
    assert _phrase(title) in printed, f"{name}: the title is not on paper"
    for text in SCREEN_ONLY:
        assert _phrase(text) not in printed, f"{name}: «{text}» is printed"


def test_a_printed_meeting_page_shows_the_meeting_without_menus_or_buttons(pages, tmp_path):
    page = pages.open("secretariat")
    page.goto(pages.server("/meetings/"))
    page.goto(pages.server(_first_href(page, "main .meeting-title a")))
    # On screen the page has every part the print hides.
    for selector in ("header.site-header .site-nav", "main .toolbar", "footer.site-footer"):
        expect(page.locator(selector).first).to_be_visible()
    _check(page, tmp_path, "meeting")


def test_a_printed_minutes_page_and_home_page_show_their_content_only(pages, tmp_path):
    page = pages.open()
    page.goto(pages.server("/archive/"))
    page.goto(pages.server(_first_href(page, "main .doc-title a")))
    _check(page, tmp_path, "minutes")
    page = pages.open()
    page.goto(pages.server("/"))
    _check(page, tmp_path, "home")

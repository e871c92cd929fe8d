"""How the pages look, checked in the real browser: they fit a phone screen, numbers in
Persian text are written with Persian digits, checkboxes sit beside their labels, a chosen
option is not cut off in its select, and a page offers no action that can only be refused."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e import steps
from tests.e2e.steps import CIVIL_WORKS, RESPONSIBLE, click_and_wait, expect_message

pytestmark = pytest.mark.e2e

PHONE = steps.PHONE

OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = el => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const x = getComputedStyle(p).overflowX;
      if (x === 'auto' || x === 'scroll' || x === 'hidden') return true;
    }
    return false;
  };
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || scrolls(el)) continue;
    // Wholly off-screen is the deliberate hiding of skip links and spam traps; a box that
    // is partly on the screen and partly off it is cut off.
    const partly = r.right > 0 && r.left < width;
    if (partly && (r.left < -1 || r.right > width + 1)) {
      const cls = typeof el.className === 'string' && el.className.trim()
        ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
      wide.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${cls}` +
                ` [${Math.round(r.left)}..${Math.round(r.right)}]`);
    }
  }
  return {scroll: document.documentElement.scrollWidth - width, wide: wide.slice(0, 5)};
}"""

# Latin digits in Persian text: a run of 0-9 that is not part of a Latin token (a username
# such as chair-2, a document id, SHA-256). Code, left-to-right and English runs are skipped.
LATIN_DIGITS = """() => {
  const latin = /(?<![A-Za-z0-9\\-_.\\/@:])[0-9]+(?![A-Za-z0-9\\-_])/;
  const found = [];
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest('script, style, code, pre, textarea, [dir="ltr"], [lang="en"]')) continue;
    if (latin.test(n.textContent)) {
      const where = el.closest('[id]');
      found.push(`<${el.tagName.toLowerCase()}${where ? ' in #' + where.id : ''}> ` +
                 `«${n.textContent.trim().slice(0, 80)}»`);
    }
  }
  return found;
}"""

# The audit trail shows the stored values verbatim (ISO timestamps, versions), as evidence.
VERBATIM = {"audit trail"}

CHECKBOXES = """() => {
  const found = [];
  for (const box of document.querySelectorAll('main input[type=checkbox]')) {
    const label = box.id && document.querySelector(`label[for="${box.id}"]`);
    if (!label || box.getClientRects().length === 0) continue;
    const b = box.getBoundingClientRect(), l = label.getBoundingClientRect();
    const middle = (b.top + b.bottom) / 2;
    if (middle < l.top || middle > l.bottom) {
      const y = r => `y ${Math.round(r.top)}..${Math.round(r.bottom)}`;
      found.push(`#${box.id}: box at ${y(b)}, label «${label.textContent.trim()}» at ${y(l)}`);
    }
  }
  return found;
}"""

# The chosen option's text against the room inside the select (its padding and the arrow,
# about 1.25rem in Chromium, taken off).
CUT_OPTIONS = """() => {
  const context = document.createElement('canvas').getContext('2d');
  const found = [];
  for (const select of document.querySelectorAll('main select:not([multiple])')) {
    const option = select.options[select.selectedIndex];
    if (!option || select.getClientRects().length === 0) continue;
    const style = getComputedStyle(select);
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const text = context.measureText(option.text).width;
    const room = select.clientWidth - parseFloat(style.paddingLeft) -
                 parseFloat(style.paddingRight) - 1.25 * parseFloat(style.fontSize);
    if (text > room) {
      found.push(`#${select.id}: «${option.text}» needs ${Math.round(text)}px, ` +
                 `has ${Math.round(room)}px`);
    }
  }
  return found;
}"""


def walk(pages, server, civil_meeting, published_meeting, check, *, width=1280, height=900):
    """Run ``check(page, label)`` on every public page and every working page."""
    visitor = pages.open(width=width, height=height)
    minutes = steps.minutes_page_path(visitor, server, published_meeting)
    for label, path in steps.public_pages(civil_meeting, published_meeting, minutes):
        visitor.goto(server(path))
        check(visitor, label)
    secretariat = pages.open("secretariat", width=width, height=height)
    follow_up = steps.follow_up_path(secretariat, server, published_meeting)
    for user, visits in steps.working_pages(civil_meeting, published_meeting, follow_up).items():
        page = (
            secretariat if user == "secretariat" else pages.open(user, width=width, height=height)
        )
        for label, path in visits:
            page.goto(server(path))
            check(page, label)
    # The pages added since: the reports, the demands, the answer links, the desk.
    for label, path in steps.more_public_pages(visitor, server, civil_meeting):
        visitor.goto(server(path))
        check(visitor, label)
    for user, visits in steps.desk_pages(civil_meeting).items():
        page = (
            secretariat if user == "secretariat" else pages.open(user, width=width, height=height)
        )
        for label, path in visits:
            page.goto(server(path))
            check(page, label)


def test_every_page_fits_a_phone_screen(civil_meeting, published_meeting, pages, server):
    problems = []

    def check(page: Page, label: str) -> None:
        steps.settle(page)
        result = page.evaluate(OVERFLOW)
        if result["scroll"] > 0 or result["wide"]:
            problems.append(f"{label} ({page.url}): {result}")

    walk(pages, server, civil_meeting, published_meeting, check, **PHONE)
    assert not problems, "Pages wider than a 390 px phone screen:\n" + "\n".join(problems)


def test_numbers_are_written_in_persian_digits(civil_meeting, published_meeting, pages, server):
    problems = []

    def check(page: Page, label: str) -> None:
        if label not in VERBATIM:
            problems.extend(f"{label}: {found}" for found in page.evaluate(LATIN_DIGITS))

    walk(pages, server, civil_meeting, published_meeting, check)

    # The message after sending invitations counts them (nobody new here: none are sent).
    page = pages.open("secretariat")
    page.goto(server(f"{civil_meeting.path}invite/"))
    click_and_wait(page, page.get_by_role("button", name="فرستادن دعوت‌نامه‌ها"), steps.MEETING_URL)
    expect_message(page, "دعوت‌نامه فرستاده شد")
    check(page, "message after sending invitations")

    assert not problems, "Latin digits in Persian text:\n" + "\n".join(problems)


def test_checkboxes_sit_beside_their_labels(civil_meeting, pages, server):
    problems = []
    secretariat = pages.open("secretariat")
    chair = pages.open("chair-2")
    for page, label, path in [
        (secretariat, "schedule form", "/meetings/new/"),
        (secretariat, "agenda item form", f"{civil_meeting.path}agenda/new/"),
        (chair, "decision form", f"{civil_meeting.path}decisions/new/"),
    ]:
        page.goto(server(path))
        problems.extend(f"{label}: {found}" for found in page.evaluate(CHECKBOXES))
    assert not problems, "Checkboxes on another line than their labels:\n" + "\n".join(problems)


def test_a_chosen_workgroup_is_not_cut_off_in_the_filters(published_meeting, pages, server):
    problems = []
    page = pages.open()
    for path, form_name in [
        ("/archive/", "جست‌وجو و فیلتر صورتجلسه‌ها"),
        ("/decisions/", "فیلتر مصوبات"),
    ]:
        page.goto(server(path))
        form = page.get_by_role("search", name=form_name)
        form.get_by_label("کارگروه", exact=True).select_option(label=CIVIL_WORKS)
        if path == "/decisions/":
            form.get_by_label("سازمان مسئول اجرا").select_option(label=RESPONSIBLE)
        click_and_wait(page, form.get_by_role("button", name="نمایش"), re.compile(r"\?"))
        problems.extend(f"{path}: {found}" for found in page.evaluate(CUT_OPTIONS))
    assert not problems, "Chosen options cut off in their select:\n" + "\n".join(problems)


def test_published_minutes_offer_no_more_recording(published_meeting, pages, server):
    """Once the minutes are submitted, recording and decisions are refused by the services
    («… دیگر ویرایش نمی‌شود»); the meeting page should not offer them any more (the edit
    and delete links of decisions already follow the draft state)."""
    meeting = published_meeting.meeting
    offered = []
    for user, links in [
        ("chair-2", ["ثبت حضور، مذاکرات و پاسخ‌ها", "ثبت مصوبه"]),
        ("secretariat", ["ثبت حضور و غیاب"]),
    ]:
        page = pages.open(user)
        page.goto(server(meeting.path))
        expect(page.locator("#minutes")).to_contain_text("منتشرشده")
        # The page is rendered by the server, without scripts: what is there is there now.
        for name in links:
            link = page.get_by_role("link", name=name, exact=True)
            if link.count():
                offered.append(f"{user}: «{name}» → {link.first.get_attribute('href')}")
    assert not offered, "Published minutes, yet the meeting page offers:\n" + "\n".join(offered)

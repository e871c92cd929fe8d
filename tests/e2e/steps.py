"""What the people of the journeys do in the browser, one function per step.

Every step waits for what it expects (``expect`` and ``wait_for_url``), never for a fixed
time. Texts are the Persian of the interface; dates are typed the way people type them, in
Jalali with Persian digits (``persian.jalali.format_numeric``, which needs no database).
"""

from __future__ import annotations

import datetime
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from playwright.sync_api import Locator, Page, expect

from persian.digits import to_persian_digits
from persian.jalali import format_date, format_numeric, format_time
from persian.text import normalize

if TYPE_CHECKING:
    from tests.e2e.conftest import Pages, Server

TEHRAN = ZoneInfo("Asia/Tehran")
PASSWORD = "demo"  # every demo login, demo only
CIVIL_WORKS = "کارگروه رسانه عمرانی و ترافیکی"
CIVIL_WORKS_SLUG = "civil-works"
RESPONSIBLE = "سازمان حمل و نقل و ترافیک شهرداری رشت"
PHONE = {"width": 390, "height": 844}
MEETING_URL = re.compile(r"/meetings/(\d+)/(#\w+)?$")

# Texts of the journeys; words that appear nowhere in the demo, so that searches find ours.
AGENDA = ("گزارش ترمیم کفپوش پیاده‌روها", "ترافیک میدان فرهنگ", "ایمنی پل عابر پیاده سبزه‌میدان")
QUESTION_TITLE = "زمان بازگشایی پیاده‌روی خیابان تختی"
QUESTION_TEXT = "بازسازی کفپوش پیاده‌روی خیابان تختی چه زمانی به پایان می‌رسد؟"
ANSWER = "بازسازی کفپوش تا پایان ماه آینده به پایان می‌رسد و مسیر عابران باز می‌ماند."
DISCUSSION = "خبرنگار درباره زمان بازگشایی پیاده‌روی خیابان تختی پرسید."
SUMMARY = "گزارش بازسازی کفپوش ارائه شد و دو مصوبه درباره پیاده‌رو و تابلوهای هشدار تصویب شد."
DECISIONS = (
    "معاونت عمرانی کفپوش پیاده‌روی خیابان تختی را تا پایان ماه آینده بازسازی کند.",
    "سازمان حمل و نقل و ترافیک تابلوهای هشدار سرعت را در محدوده مدارس منطقه دو نصب کند.",
)
# A word of the first decision typed with the Arabic ي and ك, as many keyboards do.
ARABIC_SEARCH = "كفپوش تختي"


# --- Results of the shared stages ---------------------------------------------------------


@dataclass
class Meeting:
    pk: int
    title: str
    agenda: list[str]
    starts_at: datetime.datetime

    @property
    def path(self) -> str:
        return f"/meetings/{self.pk}/"


@dataclass
class PublishedMeeting:
    meeting: Meeting
    decisions: tuple[str, ...] = DECISIONS
    deadlines: list[datetime.date] = field(default_factory=list)


# --- Screenshots --------------------------------------------------------------------------


@dataclass
class Screenshots:
    """Full-page screenshots at desktop width (the page's own viewport) and phone width."""

    folder: Path
    optimise: bool
    taken: list[Path] = field(default_factory=list)

    def take(self, page: Page, name: str, *, phone: bool = True) -> None:
        settle(page)
        self._save(page, self.folder / f"{name}-desktop.png")
        if phone:
            desktop = page.viewport_size
            page.set_viewport_size(PHONE)
            settle(page)
            self._save(page, self.folder / f"{name}-phone.png")
            page.set_viewport_size(desktop)
            settle(page)

    def take_one(self, page: Page, filename: str) -> None:
        """One screenshot at the page's own width, named in full (``…-phone.png``)."""
        settle(page)
        self._save(page, self.folder / filename)

    def _save(self, page: Page, path: Path) -> None:
        page.screenshot(path=str(path), full_page=True, animations="disabled", caret="hide")
        if self.optimise:
            _shrink_png(path)
        self.taken.append(path)


def _shrink_png(path: Path) -> None:
    """A 256-colour palette: the committed screenshots stay small and still read clearly."""
    from PIL import Image  # Pillow comes with WeasyPrint

    with Image.open(path) as image:
        palette = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    palette.save(path, optimize=True)


def settle(page: Page) -> None:
    """Wait until the page is loaded and its web fonts (Vazirmatn) are ready; take the focus
    off the last field typed into, so that no focus ring shows in the screenshot."""
    page.wait_for_load_state("load")
    page.evaluate("document.fonts.ready.then(() => true)")
    page.evaluate("document.activeElement && document.activeElement.blur()")


# --- Common steps -------------------------------------------------------------------------


def tehran_now() -> datetime.datetime:
    return datetime.datetime.now(TEHRAN)


def fa(value: object) -> str:
    return to_persian_digits(str(value))


def login(page: Page, server: Server, username: str) -> None:
    """Log in through the login form (not the header's language button, also a submit)."""
    page.goto(server("/accounts/login/"))
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(server("/dashboard/"))  # signing in lands on the dashboard
    # The header names the person (not the account) beside «خروج».
    expect(page.locator("header.site-header .who")).not_to_be_empty()


def expect_message(page: Page, text: str) -> None:
    """A message shown on the page: at the top, or in the section the redirect went to."""
    expect(page.locator("main .message").filter(has_text=text).first).to_be_visible()


def meeting_pk(page: Page) -> int:
    match = MEETING_URL.search(page.url)
    assert match, f"not a meeting page: {page.url}"
    return int(match.group(1))


def agenda_titles(page: Page) -> Locator:
    return page.locator("#agenda ol.agenda > li h3")


def click_and_wait(page: Page, target: Locator, url) -> None:
    """Click something that navigates, and wait for the page it leads to."""
    with page.expect_navigation(url=url):
        target.click()


# --- Scheduling (the secretariat) ---------------------------------------------------------


def fill_meeting_form(
    page: Page,
    *,
    title: str,
    day: datetime.date | str,
    start: str,
    end: str | None,
    location: str,
    agenda: tuple[str, ...] | list[str] = (),
    public: bool = True,
) -> None:
    page.locator("#id_body").select_option(label=CIVIL_WORKS)
    page.locator("#id_title").fill(title)
    date_input = page.locator("#id_date")
    date_input.clear()
    # Typed key by key, in Persian digits, as on a Persian keyboard.
    date_input.press_sequentially(day if isinstance(day, str) else format_numeric(day))
    page.locator("#id_start").fill(start)
    if end:
        page.locator("#id_end").fill(end)
    page.locator("#id_location").fill(location)
    page.locator("#id_is_public").set_checked(public)
    for n, item in enumerate(agenda):
        page.locator(f"#id_agenda-{n}-title").fill(item)


def schedule_meeting(
    page: Page,
    server: Server,
    *,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime | None,
    location: str,
    agenda: tuple[str, ...] | list[str],
    public: bool = True,
    shots: Screenshots | None = None,
    shot_name: str = "",
) -> Meeting:
    page.goto(server("/meetings/new/"))
    expect(page.locator("main h1")).to_have_text("برنامه‌ریزی جلسه")
    fill_meeting_form(
        page,
        title=title,
        day=starts_at.date(),
        start=format_time(starts_at, lang="fa"),
        end=format_time(ends_at, lang="fa") if ends_at else None,
        location=location,
        agenda=agenda,
        public=public,
    )
    if shots and shot_name:
        shots.take(page, shot_name)
    click_and_wait(
        page, page.get_by_role("button", name="برنامه‌ریزی جلسه", exact=True), MEETING_URL
    )
    expect_message(page, "جلسه برنامه‌ریزی شد")
    expect(page.locator("main h1")).to_have_text(title)
    meeting = Meeting(meeting_pk(page), title, list(agenda), starts_at)
    # The date and the time as people read them: Jalali, Persian digits, Tehran time.
    facts = page.locator("header.meeting-header dl.facts")
    expect(facts).to_contain_text(format_date(starts_at.date(), with_weekday=True, lang="fa"))
    expect(facts).to_contain_text(format_time(starts_at, lang="fa"))
    expect(page.locator("header.meeting-header .eyebrow")).to_have_text(CIVIL_WORKS)
    expect(agenda_titles(page)).to_have_text(list(agenda))
    return meeting


def schedule_civil_meeting(page: Page, server: Server, shots: Screenshots) -> Meeting:
    """Journey 1: ten days ahead, 10:00 to 12:30 Tehran time, three agenda items."""
    day = tehran_now().date() + datetime.timedelta(days=10)
    starts_at = datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=TEHRAN)
    meeting = schedule_meeting(
        page,
        server,
        title="بررسی بازسازی کفپوش پیاده‌روهای مرکز شهر",
        starts_at=starts_at,
        ends_at=starts_at.replace(hour=12, minute=30),
        location="سالن جلسات معاونت عمرانی شهرداری رشت",
        agenda=AGENDA,
        shots=shots,
        shot_name="secretariat-schedule",
    )
    shots.take(page, "secretariat-meeting")
    return meeting


def move_agenda_item(page: Page, index: int, direction: str) -> None:
    """Press «پایین‌تر» (down) or «بالاتر» (up) on the agenda item at ``index``."""
    label = {"down": "پایین‌تر", "up": "بالاتر"}[direction]
    item = page.locator("#agenda ol.agenda > li").nth(index)
    button = item.get_by_role("button", name=re.compile(f"^{label}"))
    click_and_wait(page, button, MEETING_URL)


def send_invitations(page: Page, server: Server, meeting: Meeting, shots: Screenshots) -> None:
    page.goto(server(meeting.path))
    click_and_wait(
        page,
        page.get_by_role("link", name="فرستادن دعوت‌نامه", exact=True),
        server(f"{meeting.path}invite/"),
    )
    expect(page.locator("main h1")).to_have_text("فرستادن دعوت‌نامه")
    shots.take(page, "secretariat-invite")
    click_and_wait(page, page.get_by_role("button", name="فرستادن دعوت‌نامه‌ها"), MEETING_URL)
    expect_message(page, "دعوت‌نامه فرستاده شد")


# --- Questions (the journalist, then the secretariat) -------------------------------------


def propose_question(
    page: Page, server: Server, meeting: Meeting, shots: Screenshots | None = None
) -> None:
    page.goto(server(meeting.path))
    click_and_wait(
        page,
        page.get_by_role("link", name="طرح پرسش یا مشکل شهری"),
        server(f"{meeting.path}questions/new/"),
    )
    page.locator("#id_kind").select_option("question")
    page.locator("#id_title").fill(QUESTION_TITLE)
    page.locator("#id_text").fill(QUESTION_TEXT)
    if shots:
        shots.take(page, "journalist-question")
    click_and_wait(page, page.locator("main form.form button[type=submit]"), MEETING_URL)
    expect_message(page, "پرسش شما برای دبیرخانه فرستاده شد")
    expect(page.locator("#questions")).to_contain_text(QUESTION_TITLE)


def accept_question(
    page: Page, server: Server, meeting: Meeting, shots: Screenshots | None = None
) -> None:
    page.goto(server(meeting.path))
    card = page.locator("#questions li").filter(has_text=QUESTION_TITLE)
    expect(card).to_contain_text("در انتظار بررسی")
    if shots:
        shots.take(page, "secretariat-question")
    click_and_wait(
        page, card.get_by_role("button", name="پذیرش و افزودن به دستور جلسه"), MEETING_URL
    )
    expect_message(page, "پرسش در دستور جلسه قرار گرفت")
    expect(agenda_titles(page).last).to_have_text(QUESTION_TITLE)


# --- Recording, decisions and the minutes' workflow ---------------------------------------


def record_meeting(page: Page, server: Server, meeting: Meeting, shots: Screenshots) -> None:
    page.goto(server(meeting.path))
    click_and_wait(
        page,
        page.get_by_role("link", name="ثبت حضور، مذاکرات و پاسخ‌ها"),
        server(f"{meeting.path}record/"),
    )
    rows = page.locator(".attendance-table tbody tr")
    expect(rows.first).to_be_visible()
    count = rows.count()
    assert count >= 3, f"only {count} people expected at the meeting"
    # Nobody starts as present: each is recorded by hand.
    expect(rows.first.locator("select[name^=att_]")).to_have_value("")
    for n in range(count - 1):
        rows.nth(n).locator("select[name^=att_]").select_option(label="حاضر")
    last = rows.nth(count - 1)
    last.locator("select[name^=att_]").select_option(label="غیبت موجه")
    last.locator("input[name^=excuse_]").fill("مأموریت اداری")
    question = page.locator("fieldset.agenda-item-fieldset").filter(has_text=QUESTION_TITLE)
    question.locator("textarea[name^=disc_]").fill(DISCUSSION)
    question.locator("textarea[name^=ans_]").fill(ANSWER)
    first = page.locator("fieldset.agenda-item-fieldset").filter(has_text=AGENDA[0])
    first.locator("textarea[name^=disc_]").fill("معاون عمرانی پیشرفت بازسازی کفپوش را گزارش کرد.")
    page.locator("#id_summary").fill(SUMMARY)
    shots.take(page, "chair-record")
    click_and_wait(page, page.get_by_role("button", name="ذخیره", exact=True), MEETING_URL)
    expect_message(page, "ثبت جلسه ذخیره شد")
    expect(page.locator("#agenda")).to_contain_text(ANSWER)


def add_decision(
    page: Page,
    server: Server,
    meeting: Meeting,
    text: str,
    deadline: datetime.date,
    shots: Screenshots | None = None,
) -> None:
    page.goto(server(meeting.path))
    click_and_wait(
        page,
        page.get_by_role("link", name="ثبت مصوبه", exact=True),
        server(f"{meeting.path}decisions/new/"),
    )
    page.locator("#id_text").fill(text)
    page.locator("#id_responsible_organization").select_option(label=RESPONSIBLE)
    page.locator("#id_deadline").press_sequentially(format_numeric(deadline))
    page.locator("#id_is_public").set_checked(True)
    if shots:
        shots.take(page, "chair-decision")
    click_and_wait(page, page.get_by_role("button", name="ذخیره", exact=True), MEETING_URL)
    expect_message(page, "مصوبه ذخیره شد")
    row = page.locator("#decisions tbody tr").filter(has_text=text)
    expect(row).to_contain_text(format_date(deadline, lang="fa"))


def minutes_step(page: Page, button: str, done: str) -> None:
    click_and_wait(page, page.locator("#minutes").get_by_role("button", name=button), MEETING_URL)
    expect_message(page, done)


def hold_and_publish_meeting(pages: Pages, server: Server, shots: Screenshots) -> PublishedMeeting:
    """Journey 3. The service refuses recording more than an hour before the start, and
    questions once it has started, so the meeting starts in 30 minutes (Tehran time): the
    question is proposed and accepted before the start, the chair records right away."""
    starts_at = (tehran_now() + datetime.timedelta(minutes=30)).replace(second=0, microsecond=0)
    ends_at = starts_at + datetime.timedelta(hours=1)
    secretariat = pages.open("secretariat")
    meeting = schedule_meeting(
        secretariat,
        server,
        title="پیگیری بازگشایی پیاده‌روی خیابان تختی",
        starts_at=starts_at,
        # Near midnight the end would fall on the next day: the end is optional, left out.
        ends_at=ends_at if ends_at.date() == starts_at.date() else None,
        location="ساختمان مرکزی شهرداری رشت، اتاق ۲۰۴",
        agenda=AGENDA[:2],
    )

    journalist = pages.open("press-2")
    propose_question(journalist, server, meeting)
    accept_question(secretariat, server, meeting)

    chair = pages.open("chair-2")
    chair.goto(server(meeting.path))
    expect(chair.get_by_role("link", name="ثبت حضور، مذاکرات و پاسخ‌ها")).to_be_visible()
    shots.take(chair, "chair-meeting")
    record_meeting(chair, server, meeting, shots)
    today = tehran_now().date()
    deadlines = [today + datetime.timedelta(days=30), today + datetime.timedelta(days=60)]
    add_decision(chair, server, meeting, DECISIONS[0], deadlines[0], shots)
    add_decision(chair, server, meeting, DECISIONS[1], deadlines[1])
    minutes_step(chair, "ارسال برای تأیید", "صورتجلسه برای تأیید فرستاده شد")
    minutes_step(chair, "تأیید صورتجلسه", "صورتجلسه تأیید شد")
    shots.take(chair, "chair-approved")

    secretariat.goto(server(meeting.path))
    minutes_step(secretariat, "انتشار عمومی", "صورتجلسه منتشر شد")
    expect(secretariat.locator("#minutes")).to_contain_text("منتشرشده")
    shots.take(secretariat, "secretariat-published")
    return PublishedMeeting(meeting=meeting, deadlines=deadlines)


# --- Reading the PDF ----------------------------------------------------------------------

_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def words(text: str) -> list[str]:
    """The words of a text, folded for comparison with text extracted from the PDF.

    ``persian.text.normalize`` on both sides; then two artefacts of the extraction are
    undone: the lam-alef ligature comes out of pdftotext as «ال» (so «لا» is folded to
    it on both sides) and punctuation moves to the other end of its word in right-to-left
    lines (so it is dropped)."""
    folded = normalize(_BIDI_CONTROLS.sub("", text)).replace("لا", "ال")
    return [w for w in (re.sub(r"[^\w]", "", token) for token in folded.split()) if w]


def in_reading_order(needle: str, haystack: list[str]) -> bool:
    """Whether the words of ``needle`` occur in ``haystack`` in order. A table cell's lines
    are interleaved with its neighbours' lines in the extracted text, never reordered."""
    remaining = iter(haystack)
    return all(any(word == seen for seen in remaining) for word in words(needle))


def pdf_text(path: Path) -> str:
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return result.stdout


# --- The pages every check walks through --------------------------------------------------

WORKGROUP_PAGE = f"/committee/rasht/workgroups/{CIVIL_WORKS_SLUG}/"


def minutes_page_path(page: Page, server: Server, published: PublishedMeeting) -> str:
    """The archive page of the published minutes, from the public meeting page's link."""
    page.goto(server(published.meeting.path))
    href = page.get_by_role("link", name="صفحه صورتجلسه در بایگانی").get_attribute("href")
    assert href and href.startswith("/archive/"), href
    return href


def follow_up_path(page: Page, server: Server, published: PublishedMeeting) -> str:
    """The follow-up form of the first published decision (the page's user may record it)."""
    page.goto(server(published.meeting.path))
    href = page.get_by_role("link", name="ثبت پیگیری").first.get_attribute("href")
    assert href and href.endswith("/follow-up/"), href
    return href


def public_pages(
    civil: Meeting, published: PublishedMeeting, minutes: str
) -> list[tuple[str, str]]:
    document_id = minutes.strip("/").split("/")[-1]
    return [
        ("home", "/"),
        ("committee page", "/committee/rasht/"),
        ("archive", "/archive/"),
        ("archive search", f"/archive/?body={CIVIL_WORKS_SLUG}&q={ARABIC_SEARCH}"),
        ("minutes page (with the comment form)", minutes),
        ("decisions tracker", "/decisions/"),
        ("workgroup page", WORKGROUP_PAGE),
        ("verify", "/verify/"),
        ("verify a document", f"/verify/{document_id}/"),
        ("meeting page, announced (anonymous)", civil.path),
        ("meeting page, published (anonymous)", published.meeting.path),
        ("login", "/accounts/login/"),
        ("not found", "/meetings/999999/"),
    ]


def working_pages(
    civil: Meeting, published: PublishedMeeting, follow_up: str
) -> dict[str, list[tuple[str, str]]]:
    """The pages and forms of the working interface, by the user who opens them."""
    return {
        "secretariat": [
            ("dashboard (secretariat)", "/dashboard/"),
            ("meetings list", "/meetings/"),
            ("schedule form", "/meetings/new/"),
            ("meeting page (secretariat)", civil.path),
            ("invite form", f"{civil.path}invite/"),
            ("agenda item form", f"{civil.path}agenda/new/"),
            ("members page", f"{WORKGROUP_PAGE}members/"),
            ("follow-up form", follow_up),
            ("meeting page, published (secretariat)", published.meeting.path),
            ("audit trail", f"{published.meeting.path}audit/"),
        ],
        "press-2": [
            ("dashboard (journalist)", "/dashboard/"),
            ("question form", f"{civil.path}questions/new/"),
        ],
        "chair-2": [
            ("dashboard (chair)", "/dashboard/"),
            ("meeting page (chair)", civil.path),
            ("record form", f"{civil.path}record/"),
            ("decision form", f"{civil.path}decisions/new/"),
            ("meeting page, published (chair)", published.meeting.path),
        ],
    }


# --- The pages added since: the desk, the outbox, the reports, the demands, the answer links

COMMITTEE = "rasht"

RSVP_TOKEN = """
from django.utils import timezone
from minutes.models import Invitation, Meeting
from minutes.rsvp import link_token
open_ones = Invitation.objects.filter(
    meeting__status=Meeting.Status.SCHEDULED, meeting__starts_at__gt=timezone.now()
).order_by("pk")
invitation = open_ones.filter(meeting_id={pk}).first() or open_ones.first()
print(link_token(invitation))
"""


def first_link(page: Page, server: Server, path: str, pattern: str) -> str:
    """The first link on the page at ``path`` whose address matches ``pattern``."""
    page.goto(server(path))
    links = page.locator("main a[href]").evaluate_all("links => links.map(a => a.pathname)")
    found = [href for href in links if re.fullmatch(pattern, href)]
    assert found, f"no link like {pattern} on {path}"
    return found[0]


def rsvp_token(server: Server, meeting: Meeting) -> str:
    """The signed token of an invitation's answer links (the civil meeting's when it has
    invitations, else another coming meeting's), as its email carries it."""
    token = server.shell(RSVP_TOKEN.replace("{pk}", str(meeting.pk)))
    assert token and " " not in token, token
    return token


def more_public_pages(page: Page, server: Server, civil: Meeting) -> list[tuple[str, str]]:
    """The reports, the demands and the answer links, as a visitor without a login sees them."""
    committee = f"/committee/{COMMITTEE}"
    organization = first_link(
        page, server, f"{committee}/report/", rf"{committee}/organizations/\d+/"
    )
    demand = first_link(page, server, f"{committee}/demands/", rf"{committee}/demands/\d+/")
    token = rsvp_token(server, civil)
    return [
        ("committee report", f"{committee}/report/"),
        ("organisation report", organization),
        ("demands list", f"{committee}/demands/"),
        ("demands list, searched", f"{committee}/demands/?q={ARABIC_SEARCH}"),
        ("a demand", demand),
        ("demand form", f"{committee}/demands/new/"),
        ("answer link, accept", f"/rsvp/{token}/accept/"),
        ("answer link, decline (with its note)", f"/rsvp/{token}/decline/"),
        ("answer link, damaged", "/rsvp/not-a-token/accept/"),
    ]


def desk_pages(civil: Meeting) -> dict[str, list[tuple[str, str]]]:
    """The pages of the working interface added since the journeys were written."""
    committee = f"/committee/{COMMITTEE}"
    return {
        "secretariat": [
            ("outbox", "/outbox/"),
            ("a meeting's emails", f"{civil.path}emails/"),
            ("inbox (secretariat)", "/inbox/"),
            ("account page (secretariat)", "/account/"),
            ("decision register", "/decisions/register/"),
            ("demands home (secretariat)", "/demands/"),
            ("demands triage", f"{committee}/demands/triage/"),
            ("register a past meeting", "/meetings/past/"),
        ],
        "official-2": [
            ("dashboard (official)", "/dashboard/"),
            ("my decisions (official)", "/decisions/mine/"),
            ("inbox (official)", "/inbox/"),
            ("account page (official)", "/account/"),
        ],
        "chair-2": [
            ("my decisions (chair)", "/decisions/mine/"),
            ("inbox (chair)", "/inbox/"),
        ],
        "press-2": [
            ("account page (journalist)", "/account/"),
        ],
    }

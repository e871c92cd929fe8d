"""The emails of a meeting read as their recipient reads them: plain text and HTML with the
meeting's facts in Persian, the calendar file, and for an invitation two answer links that
work without logging in — GET changes nothing, POST answers once, through the service."""

from __future__ import annotations

import datetime
import re
import types
from html.parser import HTMLParser

import icalendar
import pytest
from django.core import mail, signing
from django.utils import timezone

from committee.models import AuditEntry
from minutes import services
from minutes.models import AgendaItem, Invitation, Meeting
from persian.jalali import format_date, format_time
from tests.factories import PersonFactory
from tests.work.support import assert_persian, row_of

pytestmark = pytest.mark.django_db

TITLE = "هماهنگی آسفالت & ترافیک «میدان شهرداری»"


@pytest.fixture
def meeting(world) -> Meeting:
    starts_at = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(days=7)
    meeting = world.future_meeting(
        title=TITLE,
        location="سالن جلسات معاونت عمرانی",
        ahead=datetime.timedelta(days=7),
    )
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=2)
    )
    AgendaItem.objects.create(meeting=meeting, order=2, title="بند محرمانه", is_public=False)
    meeting.refresh_from_db()
    return meeting


@pytest.fixture
def invite(world, meeting, django_capture_on_commit_callbacks):
    def _invite(guests=()):
        with django_capture_on_commit_callbacks(execute=True):
            services.send_invitations(world.secretariat, meeting, guests)

    return _invite


def to(address: str):
    (message,) = [m for m in mail.outbox if m.to == [address]]
    return message


def html_of(message) -> str:
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    return html


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.styled_elements = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a":
            self.hrefs.append(attrs["href"])
        if tag in ("style", "link", "script"):
            raise AssertionError(f"<{tag}> in an email: mail programs drop it")
        if "class" in attrs:
            raise AssertionError("a class in an email: only inline styles survive")


def links_in(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.hrefs


def answer_links(message) -> dict[str, str]:
    found = re.findall(r"http://testserver(/rsvp/[^/\s]+/(accept|decline)/)", message.body)
    return {answer: path for path, answer in found}


@pytest.fixture(autouse=True)
def base_url(settings):
    # The links of an email are absolute (outbox.absolute_url); on the test client's host.
    settings.PUBLIC_BASE_URL = "http://testserver"


# --- What the invitation says ----------------------------------------------------------------


def test_the_invitation_is_text_and_html_from_the_committees_sender(world, meeting, invite):
    from django.conf import settings

    invite()
    message = to("press-2@example.org")
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.subject.startswith(f"دعوت به جلسه: {TITLE}")
    assert_persian(message.subject)
    html = html_of(message)
    assert '<html lang="fa" dir="rtl">' in html
    links_in(html)  # no <style>, no class: inline styles only


def test_the_invitation_tells_title_body_day_hours_place_and_the_public_agenda(
    world, meeting, invite
):
    invite()
    message = to("press-2@example.org")
    html = html_of(message)
    day = format_date(meeting.starts_at, with_weekday=True)
    hours = f"{format_time(meeting.starts_at)} تا {format_time(meeting.ends_at)}"
    for part in (message.body, html):
        assert meeting.body_name in part
        assert day in part  # «سه‌شنبه ۱۷ آذر ۱۴۰۵»: the weekday and Persian digits
        assert hours in part
        assert meeting.location in part
        assert "گزارش پیشرفت پروژه‌ها" in part
        assert "بند محرمانه" not in part  # internal items stay out of the email
        assert f"http://testserver/meetings/{meeting.pk}/" in part
    # Plain text as written; HTML escaped once.
    assert TITLE in message.body
    assert "هماهنگی آسفالت &amp; ترافیک «میدان شهرداری»" in html
    assert not re.search(r"[0-9]", format_time(meeting.starts_at) + day)


def test_each_invitee_gets_their_own_answer_links_in_text_and_html(world, meeting, invite):
    invite()
    press, official = to("press-2@example.org"), to("official-2@example.org")
    assert set(answer_links(press)) == {"accept", "decline"}
    assert answer_links(press) != answer_links(official)
    hrefs = links_in(html_of(press))
    for path in answer_links(press).values():
        assert f"http://testserver{path}" in hrefs


def test_the_calendar_file_stays_and_parses(world, meeting, invite):
    invite()
    message = to("press-2@example.org")
    part, agenda = message.attachments
    calendar = icalendar.Calendar.from_ical(part.get_payload(decode=True))
    assert str(calendar["METHOD"]) == "REQUEST"
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == TITLE
    assert str(event["ATTENDEE"]) == "mailto:press-2@example.org"
    assert str(event["ORGANIZER"]).startswith("mailto:")
    assert event["SEQUENCE"] == 0
    # Beside it, the agenda (دستور جلسه) as PDF, rendered by the worker when the email went.
    assert agenda.get_content_type() == "application/pdf"
    assert agenda.get_filename().startswith("agenda-") and agenda.get_filename().endswith(".pdf")
    pdf = agenda.get_payload(decode=True)
    assert pdf.startswith(b"%PDF-")
    import io

    from pypdf import PdfReader

    assert TITLE in str(PdfReader(io.BytesIO(pdf)).metadata.title)


def test_a_rescheduled_meeting_says_what_moved_from_and_to(
    world, meeting, invite, django_capture_on_commit_callbacks
):
    invite()
    mail.outbox.clear()
    old_day = format_date(meeting.starts_at, with_weekday=True)
    old_hours = f"{format_time(meeting.starts_at)} تا {format_time(meeting.ends_at)}"
    new_start = meeting.starts_at + datetime.timedelta(days=1, hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.update_meeting(
            world.secretariat,
            meeting,
            starts_at=new_start,
            ends_at=new_start + datetime.timedelta(hours=1),
            location="تالار شهر",
        )
    message = to("press-2@example.org")
    new_day = format_date(new_start, with_weekday=True)
    new_hours = (
        f"{format_time(new_start)} تا {format_time(new_start + datetime.timedelta(hours=1))}"
    )
    assert f"تاریخ: {old_day} ← {new_day}" in message.body
    assert f"ساعت: {old_hours} ← {new_hours}" in message.body
    assert "محل برگزاری: سالن جلسات معاونت عمرانی ← تالار شهر" in message.body
    html = html_of(message)
    for value in (old_day, new_day, old_hours, new_hours, "تالار شهر"):
        assert value in html
    # The time moved: the invitee may answer again from this email.
    assert set(answer_links(message)) == {"accept", "decline"}
    (event,) = icalendar.Calendar.from_ical(message.attachments[0].get_payload(decode=True)).walk(
        "VEVENT"
    )
    assert event["SEQUENCE"] == 1


def test_a_change_of_place_only_lists_only_the_place(
    world, meeting, invite, django_capture_on_commit_callbacks
):
    invite()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.update_meeting(world.secretariat, meeting, location="تالار شهر")
    body = to("press-2@example.org").body
    assert "محل برگزاری: سالن جلسات معاونت عمرانی ← تالار شهر" in body
    assert "تاریخ: " + format_date(meeting.starts_at, with_weekday=True) + " ←" not in body
    assert "ساعت: " + format_time(meeting.starts_at) + " تا" not in body.split("زمان و محل تازه")[0]


def test_the_cancellation_says_why_and_carries_no_answer_links(
    world, meeting, invite, django_capture_on_commit_callbacks
):
    invite()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_meeting(world.secretariat, meeting, "هم‌زمانی با جلسه شورای شهر")
    message = to("press-2@example.org")
    assert message.subject == f"لغو جلسه: {TITLE}"
    assert f"جلسه «{TITLE}»" in message.body
    for part in (message.body, html_of(message)):
        assert "هم‌زمانی با جلسه شورای شهر" in part
    assert answer_links(message) == {}
    assert "/rsvp/" not in html_of(message)


# --- The answer links --------------------------------------------------------------------------


@pytest.fixture
def links(world, meeting, invite) -> dict[str, str]:
    invite()
    return answer_links(to("press-2@example.org"))


def press_invitation(meeting) -> Invitation:
    return meeting.invitations.get(person__email="press-2@example.org")


def test_opening_a_link_changes_nothing(world, meeting, links, client):
    before = row_of(press_invitation(meeting))
    for path in links.values():
        page = client.get(path)
        assert page.status_code == 200
        assert "<form" in page.content.decode() and TITLE.replace("&", "&amp;") in (
            page.content.decode()
        )
        assert page["Cache-Control"].startswith("max-age=0") or "no-cache" in page["Cache-Control"]
    assert row_of(press_invitation(meeting)) == before
    assert not AuditEntry.objects.filter(action="invitation.respond").exists()


def test_accepting_from_the_email_without_logging_in(world, meeting, links, client):
    response = client.post(links["accept"], {"note": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert "پاسخ شما ثبت شد" in page and "حضور می‌یابم" in page
    invitation = press_invitation(meeting)
    assert invitation.response == Invitation.Response.ACCEPTED
    assert invitation.responded_at is not None and invitation.rsvp_used_at is not None
    # Through the service: on record as the invitee's own answer, from the link.
    entry = AuditEntry.objects.get(action="invitation.respond")
    assert entry.actor == world.journalist
    assert "پیوند ایمیل" in entry.note
    assert entry.changes["response"] == {"before": "pending", "after": "accepted"}


def test_declining_from_the_email_with_a_note(world, meeting, links, client):
    page = client.get(links["decline"]).content.decode()
    assert 'name="note"' in page
    client.post(links["decline"], {"note": "  در سفر کاری هستم  "})
    invitation = press_invitation(meeting)
    assert (invitation.response, invitation.response_note) == ("declined", "در سفر کاری هستم")


def test_a_link_works_once_and_then_shows_the_current_answer(world, meeting, links, client):
    client.post(links["decline"], {"note": "در سفر کاری هستم"})
    answered = row_of(press_invitation(meeting))
    for path in (links["decline"], links["accept"]):
        for response in (client.get(path), client.post(path, {"note": "دیگر"})):
            assert response.status_code == 410
            page = response.content.decode()
            assert "پیش‌تر به کار رفته" in page
            assert "حضور نمی‌یابم" in page and "در سفر کاری هستم" in page
            assert "/accounts/login/" in page  # what to do instead
    assert row_of(press_invitation(meeting)) == answered


def test_a_guest_without_an_account_answers_from_the_email(world, meeting, invite, client):
    guest = PersonFactory(email="guest@example.org")
    invite([guest])
    links = answer_links(to("guest@example.org"))
    client.post(links["accept"], {"note": "با همکارم می‌آیم"})
    invitation = meeting.invitations.get(person=guest)
    assert (invitation.response, invitation.response_note) == ("accepted", "با همکارم می‌آیم")
    entry = AuditEntry.objects.get(action="invitation.respond")
    assert entry.actor is None and guest.full_name in entry.note


def test_someone_else_logged_in_answers_only_for_the_links_invitee(world, meeting, links, login):
    client = login(world.official)
    client.post(links["accept"])
    assert press_invitation(meeting).response == Invitation.Response.ACCEPTED
    official = meeting.invitations.get(person__user=world.official)
    assert official.response == Invitation.Response.PENDING
    # On record as the link's invitee, not as whoever was logged in.
    assert AuditEntry.objects.get(action="invitation.respond").actor == world.journalist


def test_after_an_answer_the_next_email_brings_new_links(
    world, meeting, links, client, django_capture_on_commit_callbacks
):
    client.post(links["accept"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.update_meeting(world.secretariat, meeting, location="تالار شهر")
    fresh = answer_links(to("press-2@example.org"))
    assert fresh["decline"] != links["decline"]
    assert client.get(links["decline"]).status_code == 410
    client.post(fresh["decline"], {"note": "ساعت تازه با کارم نمی‌خواند"})
    assert press_invitation(meeting).response == Invitation.Response.DECLINED


def test_an_unanswered_link_still_works_after_the_next_email(
    world, meeting, links, client, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.update_meeting(world.secretariat, meeting, location="تالار شهر")
    fresh = answer_links(to("press-2@example.org"))
    client.post(links["accept"])  # the first email's link, never used
    assert press_invitation(meeting).response == Invitation.Response.ACCEPTED
    # Both emails' links were one link: used once, used up.
    assert client.get(fresh["decline"]).status_code == 410


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.replace("/rsvp/", "/rsvp/x"),
        lambda path: path[: path.rindex(":") + 4] + "AAAA" + path[path.rindex(":") + 8 :],
        lambda path: "/rsvp/" + signing.dumps({"i": 1, "n": "guess"}) + "/accept/",  # no salt
        lambda path: "/rsvp/nothing-here/accept/",
    ],
)
def test_a_damaged_or_forged_link_gets_a_persian_page_and_400(
    world, meeting, links, client, damage
):
    before = row_of(press_invitation(meeting))
    path = damage(links["accept"])
    for response in (client.get(path), client.post(path)):
        assert response.status_code == 400
        page = response.content.decode()
        assert "این پیوند درست نیست" in page
        assert "وارد سامانه شوید" in page
    assert row_of(press_invitation(meeting)) == before


def test_a_link_for_another_invitation_cannot_be_made_from_one(world, meeting, links, client):
    token = links["accept"].split("/")[2]
    payload = signing.loads(token, salt="minutes.rsvp.answer-link")
    other = meeting.invitations.get(person__email="official-2@example.org")
    forged = signing.dumps({"i": other.pk, "n": payload["n"]}, salt="minutes.rsvp.answer-link")
    # Signed with the right salt but the nonce is press-2's: refused as used/unknown.
    assert client.post(f"/rsvp/{forged}/accept/").status_code in (400, 410)
    assert meeting.invitations.get(pk=other.pk).response == Invitation.Response.PENDING


def test_a_link_older_than_the_limit_has_expired(
    world, meeting, links, client, monkeypatch, settings
):
    import time

    later = time.time() + (settings.RSVP_LINK_DAYS + 1) * 86400
    monkeypatch.setattr(signing, "time", types.SimpleNamespace(time=lambda: later))
    response = client.post(links["accept"])
    assert response.status_code == 410
    assert "مهلت این پیوند" in response.content.decode()
    assert press_invitation(meeting).response == Invitation.Response.PENDING


def test_a_link_expires_when_the_meeting_has_ended(world, meeting, links, client):
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=3),
        ends_at=timezone.now() - datetime.timedelta(hours=1),
    )
    response = client.get(links["accept"])
    assert response.status_code == 410
    page = response.content.decode()
    assert "مهلت این پیوند" in page and "صفحه جلسه" in page
    assert client.post(links["accept"]).status_code == 410
    assert press_invitation(meeting).response == Invitation.Response.PENDING


def test_a_cancelled_meeting_takes_no_answer_from_a_link(world, meeting, links, client):
    services.cancel_meeting(world.secretariat, meeting, "لغو به دستور شهردار")
    response = client.post(links["accept"])
    assert response.status_code == 410
    page = response.content.decode()
    assert "پذیرای پاسخ نیست" in page and "لغو به دستور شهردار" in page
    assert press_invitation(meeting).response == Invitation.Response.PENDING


def test_an_unknown_answer_is_not_found(world, meeting, links, client):
    assert client.get(links["accept"].replace("/accept/", "/maybe/")).status_code == 404

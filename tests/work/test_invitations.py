"""Invitations: every current member of the body plus guests, once; emails with an .ics
attachment, sent only after the transaction commits; reschedules and cancellations update
the same calendars; invitees answer their own invitation and nobody else's."""

from __future__ import annotations

import datetime
import re

import icalendar
import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from minutes import services
from minutes.errors import InvalidTransition, NotAllowed, ServiceError
from minutes.models import Invitation, Meeting
from persian.jalali import format_date, format_time
from tests.factories import PersonFactory
from tests.work.support import assert_persian, row_of
from workgroups import services as wg_services
from workgroups.models import Membership

pytestmark = pytest.mark.django_db

LONG_TITLE = (
    "بررسی وضعیت آسفالت معابر پس از بارندگی‌های اخیر و برنامه لکه‌گیری خیابان‌های اصلی، "
    "میدان شهرداری و محور گلسار"
)
MEMBER_ADDRESSES = {"chair-2@example.org", "official-2@example.org", "press-2@example.org"}


class Rollback(Exception):
    pass


@pytest.fixture
def meeting(world) -> Meeting:
    return world.future_meeting(title=LONG_TITLE, location="سالن جلسات معاونت عمرانی")


def invite(world, meeting, guests=()):
    return services.send_invitations(world.secretariat, meeting, guests)


def calendar_part(message):
    (part,) = [p for p in message.attachments if p.get_content_type() == "text/calendar"]
    assert part.get_content_type() == "text/calendar"
    assert part.get_filename() == "meeting.ics"
    return part


def ics_of(message) -> str:
    return calendar_part(message).get_payload(decode=True).decode("utf-8")


def ics_fields(content: str) -> dict[str, str]:
    unfolded = re.sub(r"\r\n[ \t]", "", content)
    fields = {}
    for line in unfolded.split("\r\n"):
        if line:
            name, _, value = line.partition(":")
            fields.setdefault(name, value)
    return fields


def utc(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def recipients() -> set[str]:
    return {address for message in mail.outbox for address in message.to}


# --- Who is invited -----------------------------------------------------------------------


def test_every_current_member_and_the_guests_are_invited(world, meeting):
    guest = PersonFactory(email="guest@example.org")
    assert invite(world, meeting, [guest]) == 4
    invited = dict(meeting.invitations.values_list("person__user__username", "is_guest"))
    assert invited == {"chair-2": False, "official-2": False, "press-2": False, None: True}
    assert meeting.invitations.get(person=guest).is_guest


def test_a_member_listed_as_a_guest_is_invited_once_as_a_member(world, meeting):
    assert invite(world, meeting, [world.person(world.official)]) == 3
    assert not meeting.invitations.get(person__user=world.official).is_guest


def test_members_of_another_workgroup_are_not_invited(world, meeting):
    invite(world, meeting)
    assert not meeting.invitations.filter(
        person__user__in=[world.other_chair, world.other_journalist]
    ).exists()


def test_running_again_invites_only_new_people(world, meeting):
    invite(world, meeting)
    before = list(meeting.invitations.order_by("pk").values())
    assert invite(world, meeting) == 0
    assert list(meeting.invitations.order_by("pk").values()) == before

    person = PersonFactory(email="newcomer@example.org")
    wg_services.add_membership(
        world.secretariat,
        world.workgroup,
        person,
        role=Membership.Role.MEMBER,
        start_date=timezone.localdate(),
    )
    guest = PersonFactory(email="guest@example.org")
    assert invite(world, meeting, [guest]) == 2
    assert meeting.invitations.count() == 5


def test_a_member_whose_term_ends_before_the_meeting_is_not_invited(world, meeting):
    seat = Membership.objects.get(person__user=world.official)
    wg_services.end_membership(world.secretariat, seat, timezone.localdate())
    assert invite(world, meeting) == 2
    assert not meeting.invitations.filter(person__user=world.official).exists()


def test_only_the_secretariat_sends_invitations(world, meeting):
    for who in (world.chair, world.journalist, world.other_chair, world.nobody):
        with pytest.raises(NotAllowed):
            services.send_invitations(who, meeting)
    assert not meeting.invitations.exists()


# --- The emails ---------------------------------------------------------------------------


def test_emails_go_out_only_after_the_commit(world, meeting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(world, meeting)
        assert mail.outbox == []
    assert len(mail.outbox) == 3
    assert recipients() == MEMBER_ADDRESSES
    assert all(len(message.to) == 1 for message in mail.outbox)  # nobody sees the others


def test_no_email_goes_out_if_the_transaction_is_rolled_back(
    world, meeting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(Rollback), transaction.atomic():
            invite(world, meeting)
            raise Rollback
    assert callbacks == []
    assert mail.outbox == []
    assert not meeting.invitations.exists()


def test_the_invitation_carries_an_ics_request_in_utc_with_the_persian_title(
    world, meeting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(world, meeting)
    message = mail.outbox[0]
    assert LONG_TITLE in message.subject
    assert_persian(message.subject)
    assert calendar_part(message).get_param("method") == "REQUEST"
    fields = ics_fields(ics_of(message))
    assert fields["METHOD"] == "REQUEST"
    assert fields["DTSTART"] == utc(meeting.starts_at)
    assert fields["DTSTART"].endswith("Z")
    assert fields["SUMMARY"] == LONG_TITLE.replace(",", "\\,")
    assert fields["LOCATION"] == "سالن جلسات معاونت عمرانی"
    assert fields["SEQUENCE"] == "0"
    assert fields["UID"] == f"meeting-{meeting.pk}@rasht.media-committee"


def test_ics_lines_end_in_crlf_and_are_folded_at_75_octets(
    world, meeting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(world, meeting)
    content = ics_of(mail.outbox[0])
    assert content.endswith("\r\n")
    assert "\n" not in content.replace("\r\n", "")
    lines = content.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    # The long Persian title was folded, and continuation lines start with one space.
    summary_at = next(i for i, line in enumerate(lines) if line.startswith("SUMMARY:"))
    assert lines[summary_at + 1].startswith(" ")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"


def test_the_calendar_part_of_the_email_has_a_valid_content_type(
    world, meeting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(world, meeting)
    (part,) = [
        p for p in mail.outbox[0].message().walk() if p.get_content_type() == "text/calendar"
    ]
    header = part["Content-Type"]
    assert part.get_param("method") == "REQUEST"
    assert part.get_content_charset() == "utf-8"
    # Each parameter once (RFC 2045): a duplicated charset makes some clients drop the part.
    assert header.lower().count("charset=") == 1, header
    assert part.get_filename() == "meeting.ics"
    assert "BEGIN:VCALENDAR" in part.get_payload(decode=True).decode("utf-8")


def test_the_email_tells_the_day_in_the_jalali_calendar(
    world, meeting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(world, meeting)
    body = mail.outbox[0].body
    assert format_date(meeting.starts_at, with_weekday=True) in body
    assert format_time(meeting.starts_at) in body
    assert meeting.location in body


def test_people_without_an_email_are_invited_but_not_emailed(
    world, meeting, django_capture_on_commit_callbacks
):
    silent = PersonFactory(email="")
    wg_services.add_membership(
        world.secretariat,
        world.workgroup,
        silent,
        role=Membership.Role.MEMBER,
        start_date=timezone.localdate(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert invite(world, meeting, [PersonFactory(email="")]) == 5
    assert recipients() == MEMBER_ADDRESSES
    assert len(mail.outbox) == 3


def test_rescheduling_notifies_the_same_people_with_a_higher_sequence(
    world, meeting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(world, meeting, [PersonFactory(email="guest@example.org")])
    first = {m.to[0]: ics_fields(ics_of(m)) for m in mail.outbox}
    mail.outbox.clear()

    new_start = meeting.starts_at + datetime.timedelta(days=1, hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        services.update_meeting(world.secretariat, meeting, starts_at=new_start)
    second = {m.to[0]: ics_fields(ics_of(m)) for m in mail.outbox}

    assert set(second) == set(first) == MEMBER_ADDRESSES | {"guest@example.org"}
    for address, fields in second.items():
        assert int(fields["SEQUENCE"]) > int(first[address]["SEQUENCE"])
        assert fields["UID"] == first[address]["UID"]
        assert fields["METHOD"] == "REQUEST"
        assert fields["DTSTART"] == utc(new_start)
    assert all("تغییر زمان" in m.subject for m in mail.outbox)
    meeting.refresh_from_db()
    assert meeting.invitation_sequence == 1


def test_cancelling_notifies_with_method_cancel_and_the_reason(
    world, meeting, django_capture_on_commit_callbacks
):
    reason = "هم‌زمانی با جلسه فوق‌العاده شورای شهر"
    with django_capture_on_commit_callbacks(execute=True):
        invite(world, meeting)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_meeting(world.secretariat, meeting, reason)
    assert recipients() == MEMBER_ADDRESSES
    for message in mail.outbox:
        fields = ics_fields(ics_of(message))
        assert fields["METHOD"] == "CANCEL"
        assert fields["STATUS"] == "CANCELLED"
        assert int(fields["SEQUENCE"]) >= 1
        assert calendar_part(message).get_param("method") == "CANCEL"
        assert reason in message.body
        assert "لغو" in message.subject
    meeting.refresh_from_db()
    assert (meeting.status, meeting.cancellation_reason) == (Meeting.Status.CANCELLED, reason)


@pytest.mark.parametrize("reason", ["", "   "])
def test_cancelling_requires_a_reason(world, meeting, reason, django_capture_on_commit_callbacks):
    invite(world, meeting)
    before = row_of(meeting)
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(ServiceError) as caught:
            services.cancel_meeting(world.secretariat, meeting, reason)
    assert caught.value.field == "reason"
    assert_persian(caught.value.message)
    assert row_of(meeting) == before
    assert mail.outbox == []


# --- Answering ----------------------------------------------------------------------------


@pytest.fixture
def invitations(world, meeting) -> dict[str, Invitation]:
    invite(world, meeting)
    return {inv.person.user.username: inv for inv in meeting.invitations.select_related("person")}


def test_a_member_answers_their_own_invitation(world, invitations):
    invitation = invitations["press-2"]
    services.respond_to_invitation(
        world.journalist, invitation, Invitation.Response.DECLINED, "  در سفر کاری هستم  "
    )
    invitation.refresh_from_db()
    assert invitation.response == Invitation.Response.DECLINED
    assert invitation.response_note == "در سفر کاری هستم"
    assert invitation.responded_at is not None


def test_nobody_answers_someone_elses_invitation(world, invitations):
    invitation = invitations["press-2"]
    before = row_of(invitation)
    for who in (world.official, world.chair, world.secretariat, world.other_journalist):
        with pytest.raises(NotAllowed) as caught:
            services.respond_to_invitation(who, invitation, Invitation.Response.ACCEPTED)
        assert_persian(caught.value.message)
    assert row_of(invitation) == before


def test_an_answer_must_be_yes_or_no(world, invitations):
    invitation = invitations["press-2"]
    before = row_of(invitation)
    with pytest.raises(ServiceError):
        services.respond_to_invitation(world.journalist, invitation, Invitation.Response.PENDING)
    assert row_of(invitation) == before


def test_a_cancelled_meeting_takes_no_more_answers(world, meeting, invitations):
    services.cancel_meeting(world.secretariat, meeting, "لغو به دستور شهردار")
    invitation = Invitation.objects.get(pk=invitations["press-2"].pk)
    with pytest.raises(InvalidTransition):
        services.respond_to_invitation(world.journalist, invitation, Invitation.Response.ACCEPTED)


def test_a_member_answers_through_the_view(world, invitations, login):
    invitation = invitations["press-2"]
    client = login(world.journalist)
    url = f"/invitations/{invitation.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"response": "accepted", "note": "حتماً می‌آیم"}, follow=True)
    assert response.redirect_chain == [("/dashboard/", 302)]
    invitation.refresh_from_db()
    assert (invitation.response, invitation.response_note) == ("accepted", "حتماً می‌آیم")


def test_someone_elses_invitation_is_not_found_through_the_view(world, invitations, login):
    invitation = invitations["press-2"]
    before = row_of(invitation)
    for who in (world.official, world.secretariat, world.other_journalist, world.nobody):
        client = login(who)
        url = f"/invitations/{invitation.pk}/"
        assert client.get(url).status_code == 404
        assert client.post(url, {"response": "declined"}).status_code == 404
    assert row_of(invitation) == before


def test_an_anonymous_visitor_cannot_answer(world, invitations, client):
    invitation = invitations["press-2"]
    before = row_of(invitation)
    response = client.post(f"/invitations/{invitation.pk}/", {"response": "declined"})
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    assert row_of(invitation) == before


# --- The .ics, read back by the icalendar library -------------------------------------------


def parsed(message) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(calendar_part(message).get_payload(decode=True))


def test_the_invitation_names_the_organizer_and_its_one_invitee_as_attendee(
    world, meeting, django_capture_on_commit_callbacks, settings
):
    settings.DEFAULT_FROM_EMAIL = "کمیته رسانه <committee@example.org>"
    with django_capture_on_commit_callbacks(execute=True):
        invite(world, meeting)
    for message in mail.outbox:
        calendar = parsed(message)
        assert (str(calendar["VERSION"]), str(calendar["METHOD"])) == ("2.0", "REQUEST")
        assert str(calendar["PRODID"]) == "-//media-committee//minutes//FA"
        (event,) = calendar.walk("VEVENT")
        assert str(event["UID"]) == f"meeting-{meeting.pk}@rasht.media-committee"
        starts_at = meeting.starts_at.replace(microsecond=0)  # iCalendar counts in seconds
        assert event.decoded("DTSTART") == starts_at
        assert event.decoded("DTEND") == starts_at + datetime.timedelta(hours=2)
        assert event.decoded("DTSTAMP") <= timezone.now()
        assert (str(event["SUMMARY"]), str(event["LOCATION"])) == (LONG_TITLE, meeting.location)
        assert str(event["DESCRIPTION"]) == meeting.body_name
        assert (str(event["STATUS"]), event["SEQUENCE"]) == ("CONFIRMED", 0)
        organizer = event["ORGANIZER"]
        assert str(organizer) == "mailto:committee@example.org"
        assert organizer.params["CN"] == "کمیته رسانه"
        # Only the recipient: nobody learns from the file who else is invited.
        attendee = event["ATTENDEE"]
        assert str(attendee) == f"mailto:{message.to[0]}"
        assert attendee.params["PARTSTAT"] == "NEEDS-ACTION"
        assert attendee.params["RSVP"] == "TRUE"


def test_the_cancellation_reads_as_a_cancelled_event_of_the_same_uid(
    world, meeting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(world, meeting)
    invited = {m.to[0]: parsed(m).walk("VEVENT")[0] for m in mail.outbox}
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_meeting(world.secretariat, meeting, "لغو به دستور شهردار")
    for message in mail.outbox:
        calendar = parsed(message)
        assert str(calendar["METHOD"]) == "CANCEL"
        (event,) = calendar.walk("VEVENT")
        assert str(event["STATUS"]) == "CANCELLED"
        assert str(event["UID"]) == str(invited[message.to[0]]["UID"])
        assert event["SEQUENCE"] > invited[message.to[0]]["SEQUENCE"]
        assert str(event["ATTENDEE"]) == f"mailto:{message.to[0]}"


def test_line_breaks_and_control_characters_in_a_title_keep_the_calendar_whole(
    world, meeting, django_capture_on_commit_callbacks
):
    Meeting.objects.filter(pk=meeting.pk).update(
        title="جلسه\r\nفوق‌العاده\x07; دوم, سوم", location="سالن\n۲\x1f"
    )
    meeting.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        invite(world, meeting)
    content = ics_of(mail.outbox[0])
    assert "\x07" not in content and "\x1f" not in content
    assert "\n" not in content.replace("\r\n", "")
    (event,) = parsed(mail.outbox[0]).walk("VEVENT")
    assert str(event["SUMMARY"]) == "جلسه فوق‌العاده ; دوم, سوم"
    assert str(event["LOCATION"]) == "سالن ۲"


def test_an_invitation_is_marked_sent_only_when_its_email_has_gone(
    world, meeting, django_capture_on_commit_callbacks, monkeypatch
):
    from smtplib import SMTPRecipientsRefused

    from django.core.mail.backends.locmem import EmailBackend

    refused = "press-2@example.org"
    original = EmailBackend.send_messages

    def flaky(self, messages):
        if any(refused in message.to for message in messages):
            raise SMTPRecipientsRefused({refused: (550, b"mailbox unavailable")})
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", flaky)
    with django_capture_on_commit_callbacks(execute=True):
        invite(world, meeting)
    sent = {inv.person.email: inv.sent_at for inv in meeting.invitations.select_related("person")}
    assert sent[refused] is None
    assert all(when is not None for email, when in sent.items() if email != refused)
    assert refused not in {address for message in mail.outbox for address in message.to}

    # The mail server is back: inviting again sends what is owed, once.
    monkeypatch.setattr(EmailBackend, "send_messages", original)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert invite(world, meeting) == 0
    assert [message.to for message in mail.outbox] == [[refused]]
    assert meeting.invitations.get(person__email=refused).sent_at is not None


def test_the_invite_page_says_when_an_email_did_not_go(
    world, meeting, login, django_capture_on_commit_callbacks, monkeypatch
):
    from django.core.mail.backends.locmem import EmailBackend

    def down(self, messages):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(EmailBackend, "send_messages", down)
    client = login(world.secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/meetings/{meeting.pk}/invite/", {}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "نرفت" in page
    assert meeting.invitations.exists()
    assert not meeting.invitations.filter(sent_at__isnull=False).exists()


def test_the_invite_page_says_emails_wait_for_the_worker_not_that_they_failed(
    world, meeting, login, settings, django_capture_on_commit_callbacks
):
    """As with `make run`: the emails are queued for the background worker, which has not
    sent them when the page comes back — that is no failure."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client = login(world.secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/meetings/{meeting.pk}/invite/", {}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "ایمیل ۳ دعوت‌نامه در صف ارسال است" in page
    assert "خطای کارگزار ایمیل" not in page and "نشانی ایمیل ندارد" not in page
    assert not mail.outbox


def test_the_invite_page_names_who_has_no_address_apart_from_a_failure(
    world, meeting, login, django_capture_on_commit_callbacks
):
    silent = PersonFactory(email="")
    wg_services.add_membership(
        world.secretariat,
        world.workgroup,
        silent,
        role=Membership.Role.MEMBER,
        start_date=timezone.localdate(),
    )
    client = login(world.secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/meetings/{meeting.pk}/invite/", {}, follow=True)
    page = response.content.decode()
    assert "۱ دعوت‌شده نشانی ایمیل ندارد" in page
    assert "خطای کارگزار ایمیل" not in page
    assert recipients() == MEMBER_ADDRESSES

"""Invitation emails with an iCalendar (.ics) attachment, sent through the outbox
(minutes/outbox.py)."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from committee.models import Person
from minutes.ical import clean_text, invitation_ics
from minutes.models import Invitation, Meeting
from minutes.outbox import Attachment, queue_email
from persian.jalali import format_date, format_time


def _message(meeting: Meeting, kind: str, reason: str = "") -> tuple[str, str]:
    day = format_date(meeting.starts_at, with_weekday=True)
    when = f"{day}، ساعت {format_time(meeting.starts_at)}"
    if kind == "cancel":
        subject = _("لغو جلسه: %(title)s") % {"title": meeting.title}
        body = _(
            "جلسه «%(title)s» از %(body)s که برای %(when)s برنامه‌ریزی شده بود، لغو شد.\n"
            "علت: %(reason)s"
        ) % {"title": meeting.title, "body": meeting.body_name, "when": when, "reason": reason}
    else:
        subject = (
            _("تغییر زمان یا محل جلسه: %(title)s")
            if kind == "reschedule"
            else _("دعوت به جلسه: %(title)s")
        ) % {"title": meeting.title}
        body = _(
            "از شما دعوت می‌شود در جلسه «%(title)s» از %(body)s شرکت کنید.\n"
            "زمان: %(when)s\nمحل برگزاری: %(location)s\n"
            "برای اعلام حضور یا عدم حضور، به پیشخوان خود در سامانه کمیته رسانه بروید."
        ) % {
            "title": meeting.title,
            "body": meeting.body_name,
            "when": when,
            "location": meeting.location,
        }
    # A line break in the title would make the Subject header refused at sending time.
    return clean_text(subject), body


def notify(meeting: Meeting, people: Iterable[Person], kind: str, *, reason: str = "") -> None:
    """Put one email per person with an address in the outbox (minutes/outbox.py), sent
    once the transaction commits, each on its own: one that the mail server refuses is
    tried again and shown as failed, and leaves the others going. An invitation is marked
    sent (``sent_at``) only once its email has gone."""
    recipients = [person for person in people if person.email]
    if not recipients:
        return
    method = "CANCEL" if kind == "cancel" else "REQUEST"
    sequence = meeting.invitation_sequence
    invitations = (
        {inv.person_id: inv for inv in Invitation.objects.filter(meeting=meeting)}
        if kind == "invite"
        else {}
    )
    with translation.override("fa"):
        subject, body = _message(meeting, kind, reason)
        for person in recipients:
            ics = invitation_ics(
                meeting,
                person,
                organizer=settings.DEFAULT_FROM_EMAIL,
                method=method,
                sequence=sequence,
            )
            queue_email(
                kind=kind,
                to=person.email,
                subject=subject,
                text=body,
                person=person,
                meeting=meeting,
                invitation=invitations.get(person.pk),
                attachments=[Attachment("meeting.ics", "text/calendar", ics, {"method": method})],
            )

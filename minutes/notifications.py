"""Invitation emails with an iCalendar (.ics) attachment, sent after the change commits."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from email.mime.text import MIMEText

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from committee.models import Person
from minutes.models import Meeting
from persian.jalali import format_date, format_time


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """RFC 5545 lines are at most 75 octets; longer ones continue after CRLF and a space."""
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _utc(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def meeting_ics(meeting: Meeting, *, method: str = "REQUEST", sequence: int = 0) -> str:
    """One VEVENT for the meeting. ``method`` is REQUEST, or CANCEL for a cancellation."""
    ends_at = meeting.ends_at or meeting.starts_at + datetime.timedelta(hours=2)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//media-committee//minutes//FA",
        "CALSCALE:GREGORIAN",
        f"METHOD:{method}",
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.pk}@{meeting.committee.slug}.media-committee",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART:{_utc(meeting.starts_at)}",
        f"DTEND:{_utc(ends_at)}",
        f"SEQUENCE:{sequence}",
        f"SUMMARY:{_escape(meeting.title)}",
        f"LOCATION:{_escape(meeting.location)}",
        f"DESCRIPTION:{_escape(meeting.body_name)}",
        "STATUS:" + ("CANCELLED" if method == "CANCEL" else "CONFIRMED"),
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


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
    return subject, body


def _calendar_part(ics: str, method: str) -> MIMEText:
    """The .ics as its own MIME part: text/calendar with the METHOD parameter that mail
    clients use to offer "accept / decline", and each parameter stated once."""
    part = MIMEText(ics, "calendar", "utf-8")
    part.set_param("method", method)
    part.add_header("Content-Disposition", "attachment", filename="meeting.ics")
    return part


def notify(meeting: Meeting, people: Iterable[Person], kind: str, *, reason: str = "") -> None:
    """Queue one email per person with an address, sent only if the transaction commits."""
    recipients = [person.email for person in people if person.email]
    if not recipients:
        return
    method = "CANCEL" if kind == "cancel" else "REQUEST"
    sequence = meeting.invitation_sequence

    def send() -> None:
        with translation.override("fa"):
            subject, body = _message(meeting, kind, reason)
            ics = meeting_ics(meeting, method=method, sequence=sequence)
            connection = get_connection()
            messages = []
            for address in recipients:
                message = EmailMessage(
                    subject, body, settings.DEFAULT_FROM_EMAIL, [address], connection=connection
                )
                message.attach(_calendar_part(ics, method))
                messages.append(message)
            connection.send_messages(messages)

    transaction.on_commit(send)

"""Invitation emails with an iCalendar (.ics) attachment, sent after the change commits."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from email.mime.text import MIMEText

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from committee.models import Person
from minutes.ical import clean_text, invitation_ics
from minutes.models import Invitation, Meeting
from persian.jalali import format_date, format_time

logger = logging.getLogger(__name__)


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


def _calendar_part(ics: bytes, method: str) -> MIMEText:
    """The .ics as its own MIME part: text/calendar with the METHOD parameter that mail
    clients use to offer "accept / decline", and each parameter stated once."""
    part = MIMEText(ics.decode("utf-8"), "calendar", "utf-8")
    part.set_param("method", method)
    part.add_header("Content-Disposition", "attachment", filename="meeting.ics")
    return part


def notify(meeting: Meeting, people: Iterable[Person], kind: str, *, reason: str = "") -> None:
    """Queue one email per person with an address, sent only if the transaction commits.

    Each email is sent on its own: one that the mail server refuses is logged with its error
    and leaves the others going. An invitation is marked sent (``sent_at``) only once its
    email has gone."""
    recipients = [person for person in people if person.email]
    if not recipients:
        return
    method = "CANCEL" if kind == "cancel" else "REQUEST"
    sequence = meeting.invitation_sequence

    def send() -> None:
        with translation.override("fa"):
            subject, body = _message(meeting, kind, reason)
            connection = get_connection()
            for person in recipients:
                message = EmailMessage(
                    subject,
                    body,
                    settings.DEFAULT_FROM_EMAIL,
                    [person.email],
                    connection=connection,
                )
                ics = invitation_ics(
                    meeting,
                    person,
                    organizer=settings.DEFAULT_FROM_EMAIL,
                    method=method,
                    sequence=sequence,
                )
                message.attach(_calendar_part(ics, method))
                try:
                    connection.send_messages([message])
                except Exception:
                    logger.exception(
                        "The %s email of meeting %s to person %s was not sent",
                        kind,
                        meeting.pk,
                        person.pk,
                    )
                    continue
                if kind == "invite":
                    Invitation.objects.filter(
                        meeting=meeting, person=person, sent_at__isnull=True
                    ).update(sent_at=timezone.now())

    transaction.on_commit(send)

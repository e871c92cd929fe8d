"""iCalendar (RFC 5545) of meetings, written by the ``icalendar`` library: the .ics of the
invitation emails (minutes/notifications.py) and the portal's calendar feeds
(portal/feeds.py) are built here, so both describe a meeting the same way.

A meeting is one VEVENT with the same UID everywhere, so a subscribed calendar and an
accepted invitation are one event. Times are written in UTC (``…Z``); the feeds name
Asia/Tehran as the calendar's time zone for the programs that show one.
"""

from __future__ import annotations

import datetime
import unicodedata
from email.utils import parseaddr

from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress

from committee.models import Person
from minutes.models import Meeting

# The PRODID of the invitations; the portal's feeds name themselves.
INVITATION_PRODID = "-//media-committee//minutes//FA"
TIME_ZONE = "Asia/Tehran"
# A meeting without an end time is shown as two hours long.
DEFAULT_LENGTH = datetime.timedelta(hours=2)


def clean_text(value: str, *, multiline: bool = False) -> str:
    """``value`` without control characters: the library escapes commas, semicolons and
    line feeds, but a carriage return or another control character would still reach the
    file, which some programs refuse. A one-line value (a title, a place) keeps no line
    break at all; a description keeps its line feeds."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    kept = []
    for char in value:
        if char == "\n" and multiline:
            kept.append(char)
        elif char in "\n\t" or unicodedata.category(char) == "Cc":
            kept.append(" ")
        else:
            kept.append(char)
    text = "".join(kept)
    return text.strip() if multiline else " ".join(text.split())


def meeting_uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.pk}@{meeting.committee.slug}.media-committee"


def _utc(value: datetime.datetime) -> datetime.datetime:
    # iCalendar counts in whole seconds.
    return value.astimezone(datetime.UTC).replace(microsecond=0)


def new_calendar(method: str, *, prodid: str = INVITATION_PRODID) -> Calendar:
    """An empty VCALENDAR: ``method`` is REQUEST or CANCEL (invitations), PUBLISH (feeds)."""
    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", prodid)
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    return calendar


def meeting_event(
    meeting: Meeting,
    *,
    summary: str,
    description: str,
    sequence: int,
    stamp: datetime.datetime | None = None,
    url: str = "",
    cancelled: bool = False,
) -> Event:
    """The VEVENT of ``meeting``. ``cancelled`` (or a cancelled meeting) gives
    STATUS:CANCELLED, otherwise CONFIRMED."""
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", _utc(stamp or timezone.now()))
    event.add("dtstart", _utc(meeting.starts_at))
    event.add("dtend", _utc(meeting.ends_at or meeting.starts_at + DEFAULT_LENGTH))
    event.add("sequence", sequence)
    event.add("summary", clean_text(summary))
    event.add("location", clean_text(meeting.location))
    event.add("description", clean_text(description, multiline=True))
    if url:
        event.add("url", url)
    cancelled = cancelled or meeting.status == Meeting.Status.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def _address(email: str, name: str, **params: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["CN"] = clean_text(name)
    address.params.update(params)
    return address


def invitation_ics(
    meeting: Meeting, attendee: Person, *, organizer: str, method: str, sequence: int
) -> bytes:
    """The .ics of one invitation email: METHOD:REQUEST (or CANCEL), the committee's
    address as ORGANIZER and the one invitee it is sent to as ATTENDEE, so mail programs
    offer to accept or decline. One invitee per file: nobody learns who else is invited,
    as nobody sees the other recipients of the email."""
    calendar = new_calendar(method)
    event = meeting_event(
        meeting,
        summary=meeting.title,
        description=meeting.body_name,
        sequence=sequence,
        cancelled=method == "CANCEL",
    )
    organizer_name, organizer_email = parseaddr(organizer)
    event.add("organizer", _address(organizer_email, organizer_name or meeting.committee.name))
    params = {"CUTYPE": "INDIVIDUAL", "ROLE": "REQ-PARTICIPANT", "PARTSTAT": "NEEDS-ACTION"}
    if method == "REQUEST":
        params["RSVP"] = "TRUE"
    event.add("attendee", _address(attendee.email, attendee.full_name, **params))
    calendar.add_component(event)
    return calendar.to_ical()

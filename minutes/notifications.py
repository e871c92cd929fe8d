"""The emails of a meeting to its invitees: the invitation, a reschedule, a cancellation.

Each is one email per person with an address, through the outbox (minutes/outbox.py), in
plain text and HTML (``templates/email/meeting_<kind>.*``, rendered by ``render_email``),
with the meeting's calendar file (.ics, minutes/ical.py) attached. An invitation and a
reschedule carry the invitee's answer links (minutes/rsvp.py): accept, or decline with a
note, without logging in.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from committee.models import Person
from minutes import rsvp
from minutes.ical import invitation_ics
from minutes.models import Invitation, Meeting
from minutes.outbox import (
    AgendaAttachment,
    Attachment,
    absolute_url,
    queue_email,
    render_email,
)
from minutes.publication.agenda_names import agenda_ascii_filename
from persian.jalali import format_date, format_time

KINDS = ("invite", "reschedule", "cancel")


@dataclass(frozen=True)
class Previous:
    """Where and when a meeting was before it moved (services.update_meeting)."""

    starts_at: datetime.datetime
    ends_at: datetime.datetime | None
    location: str


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


def _day(value: datetime.datetime) -> str:
    return format_date(value, with_weekday=True)


def _hours(starts_at: datetime.datetime, ends_at: datetime.datetime | None) -> str:
    if ends_at is None:
        return format_time(starts_at)
    return _("%(start)s تا %(end)s") % {
        "start": format_time(starts_at),
        "end": format_time(ends_at),
    }


def changes(meeting: Meeting, previous: Previous | None) -> list[Change]:
    """What moved, from → to, in words: the day, the hours, the place."""
    if previous is None:
        return []
    moved = []
    if _day(previous.starts_at) != _day(meeting.starts_at):
        moved.append(Change(_("تاریخ"), _day(previous.starts_at), _day(meeting.starts_at)))
    before = _hours(previous.starts_at, previous.ends_at)
    after = _hours(meeting.starts_at, meeting.ends_at)
    if before != after:
        moved.append(Change(_("ساعت"), before, after))
    if previous.location != meeting.location:
        moved.append(Change(_("محل برگزاری"), previous.location, meeting.location))
    return moved


def meeting_context(meeting: Meeting) -> dict:
    """What every email about ``meeting`` shows: its title, body, Jalali day with the weekday,
    start and end time, place, public agenda and the link to its page."""
    return {
        "meeting": meeting,
        "committee_name": meeting.committee.name,
        "body": meeting.body_name,
        "day": _day(meeting.starts_at),
        "start": format_time(meeting.starts_at),
        "end": format_time(meeting.ends_at) if meeting.ends_at else "",
        "location": meeting.location,
        "agenda": [
            item.title for item in meeting.agenda_items.filter(is_public=True).order_by("order")
        ],
        "meeting_url": absolute_url(meeting.get_absolute_url()),
    }


def agenda_version(meeting: Meeting) -> str:
    """A digest of what the agenda paper shows: the meeting's schedule, place and title, and
    its public items in order (one query)."""
    import hashlib

    items = list(
        meeting.agenda_items.filter(is_public=True)
        .order_by("order", "pk")
        .values_list("pk", "order", "title", "kind", "description", "presenter_id")
    )
    shown = (meeting.pk, meeting.title, meeting.location, meeting.starts_at, meeting.ends_at)
    return hashlib.sha256(repr((shown, items)).encode("utf-8")).hexdigest()[:32]


def notify(
    meeting: Meeting,
    people: Iterable[Person],
    kind: str,
    *,
    reason: str = "",
    previous: Previous | None = None,
) -> None:
    """Put one email per person with an address in the outbox (minutes/outbox.py), sent
    once the transaction commits, each on its own: one that the mail server refuses is
    tried again and shown as failed, and leaves the others going. An invitation is marked
    sent (``sent_at``) only once its email has gone.

    ``kind`` is ``invite``, ``reschedule`` (``previous``: where and when it was) or
    ``cancel`` (``reason``: why)."""
    if kind not in KINDS:
        raise ValueError(f"unknown meeting email {kind!r}")
    recipients = [person for person in people if person.email]
    if not recipients:
        return
    method = "CANCEL" if kind == "cancel" else "REQUEST"
    sequence = meeting.invitation_sequence
    invitations = {
        inv.person_id: inv
        for inv in Invitation.objects.filter(meeting=meeting, person__in=[p.pk for p in recipients])
    }
    with translation.override("fa"):
        shared = meeting_context(meeting) | {
            "kind": kind,
            "reason": reason,
            "changes": changes(meeting, previous),
        }
        # The agenda (دستور جلسه) as PDF beside an invitation or a reschedule, rendered by
        # the worker when the email goes (minutes/outbox.py), once for all of them.
        agenda = (
            []
            if kind == "cancel"
            else [
                AgendaAttachment(
                    meeting.pk, agenda_version(meeting), agenda_ascii_filename(meeting)
                )
            ]
        )
        for person in recipients:
            invitation = invitations.get(person.pk)
            links = rsvp.links_for(invitation) if invitation and kind != "cancel" else None
            email = render_email(
                f"meeting_{kind}",
                shared | {"person": person, "invitation": invitation, "links": links},
            )
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
                subject=email.subject,
                text=email.text,
                html=email.html,
                person=person,
                meeting=meeting,
                invitation=invitation,
                attachments=[
                    Attachment("meeting.ics", "text/calendar", ics, {"method": method}),
                    *agenda,
                ],
            )

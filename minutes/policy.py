"""Who may do what to a meeting and its record. Every view, the admin and the API ask here.

Roles come from django-guardian object permissions that are derived from committee roles
and memberships (committee/permissions.py, workgroups/permissions.py); a superuser may do
everything.

Each rule takes a user or a :class:`~minutes.visibility.Viewer`: the views pass the
request's Viewer (``Viewer.for_request``), whose look-ups are read once per request, so a
page asking many rules (or one rule per row) costs no query per question; given a user, a
rule makes that user's look-ups afresh (the services check again that way).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.utils import timezone

from minutes.models import Attendance, Decision, Meeting, Minutes, is_internal_to

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

from minutes.visibility import (
    CHAIR_COMMITTEE,
    CHAIR_WORKGROUP,
    MANAGE,
    MEMBER_WORKGROUP,
    Viewer,
)

__all__ = ["CHAIR_COMMITTEE", "CHAIR_WORKGROUP", "MANAGE", "MEMBER_WORKGROUP"]

if TYPE_CHECKING:
    # A user, or the request's Viewer (its look-ups read once).
    Who = User | AnonymousUser | Viewer


def is_secretariat(who: Who, committee) -> bool:
    viewer = Viewer.of(who)
    return viewer.authenticated and committee.pk in viewer.managed_committee_ids


def can_read_outbox(who: Who, committee) -> bool:
    """The emails about a committee's meetings (the outbox pages): its secretariat."""
    return is_secretariat(who, committee)


def can_resend_email(user: User | AnonymousUser, email) -> bool:
    """Send again an email of the outbox: the secretariat of the committee of its meeting;
    one about no meeting, a superuser."""
    if email.meeting_id is None:
        return user.is_authenticated and user.is_superuser
    return is_secretariat(user, email.meeting.committee)


def chairs_meeting(who: Who, meeting: Meeting) -> bool:
    """The chair of the body: the workgroup's chair, or for a plenary the committee's."""
    viewer = Viewer.of(who)
    if not viewer.authenticated:
        return False
    if meeting.workgroup_id:
        return meeting.workgroup_id in viewer.chaired_workgroup_ids
    return meeting.committee_id in viewer.chaired_committee_ids


def can_view_internal(who: Who, meeting: Meeting) -> bool:
    """The meeting is internal to ``who`` (``Meeting.objects.internal_to``, the same rule
    asked of one meeting)."""
    return is_internal_to(who, meeting)


def can_schedule(who: Who, committee) -> bool:
    return is_secretariat(who, committee)


def can_record(who: Who, meeting: Meeting) -> bool:
    """Record attendance, discussion, answers and decisions; submit and approve minutes.

    The secretariat records plenary meetings for the committee's chair; in a workgroup
    only the chair records (the secretariat may record attendance, see below)."""
    if chairs_meeting(who, meeting):
        return True
    return meeting.workgroup_id is None and _secretariat_of(who, meeting)


def _secretariat_of(who: Who, meeting: Meeting) -> bool:
    """:func:`is_secretariat` of the meeting's committee, without reading the committee."""
    viewer = Viewer.of(who)
    return viewer.authenticated and meeting.committee_id in viewer.managed_committee_ids


def can_record_attendance(who: Who, meeting: Meeting) -> bool:
    viewer = Viewer.of(who)
    return can_record(viewer, meeting) or _secretariat_of(viewer, meeting)


# Recording opens an hour before the start, so a chair may note attendance as people arrive.
RECORDING_OPENS_BEFORE_START = datetime.timedelta(hours=1)


def recording_opens_at(meeting: Meeting) -> datetime.datetime:
    """When attendance and discussion may first be recorded."""
    return meeting.starts_at - RECORDING_OPENS_BEFORE_START


def too_early_to_record(meeting: Meeting) -> bool:
    """The meeting has not started (beyond the hour before): nothing may be recorded yet."""
    return timezone.now() < recording_opens_at(meeting)


def can_preview_draft(who: Who, meeting: Meeting) -> bool:
    """Read the unpublished minutes as a PDF stamped «پیش‌نویس»: the body's chair and
    whoever records the meeting, and the secretariat (the meeting being internal to them)."""
    viewer = Viewer.of(who)
    return can_view_internal(viewer, meeting) and (
        can_record(viewer, meeting) or _secretariat_of(viewer, meeting)
    )


def can_approve(who: Who, meeting: Meeting) -> bool:
    viewer = Viewer.of(who)
    return chairs_meeting(viewer, meeting) or viewer.superuser


def can_preview_minutes(who: Who, minutes: Minutes) -> bool:
    """Read an unpublished revision's PDF preview: whoever may preview the draft (above),
    and the members recorded present, who get its link when it is submitted for approval
    (minutes/notices.py). Only for those to whom the meeting is internal."""
    viewer = Viewer.of(who)
    meeting = minutes.meeting
    if minutes.is_published:
        return False
    if can_preview_draft(viewer, meeting):
        return True
    person = viewer.person
    return (
        person is not None
        and can_view_internal(viewer, meeting)
        and meeting.attendances.filter(person=person, status=Attendance.Status.PRESENT).exists()
    )


def can_publish(who: Who, meeting: Meeting) -> bool:
    return _secretariat_of(who, meeting)


def can_correct(who: Who, meeting: Meeting) -> bool:
    """Open a correction of published minutes: the secretariat or the body's chair."""
    viewer = Viewer.of(who)
    return _secretariat_of(viewer, meeting) or chairs_meeting(viewer, meeting)


def can_attach(who: Who, meeting: Meeting) -> bool:
    """Attach documents to a meeting's agenda items and minutes: the secretariat and the
    body's chair."""
    viewer = Viewer.of(who)
    return _secretariat_of(viewer, meeting) or chairs_meeting(viewer, meeting)


def can_propose_question(who: Who, meeting: Meeting) -> bool:
    """A journalist member of the body, for a meeting still to come."""
    viewer = Viewer.of(who)
    person = viewer.person
    if person is None or not person.is_press or meeting.workgroup_id is None:
        return False
    return meeting.workgroup_id in viewer.member_workgroup_ids


def can_follow_up(who: Who, decision: Decision) -> bool:
    """The secretariat, and the person responsible for carrying the decision out."""
    return may_follow_up(Viewer.of(who), decision)


def may_follow_up(viewer: Viewer, decision: Decision) -> bool:
    """:func:`can_follow_up` through one Viewer's look-ups made once, for a list of
    decisions (a page of the register) without a permission query per row."""
    if decision.meeting.committee_id in viewer.managed_committee_ids:
        return True
    person = viewer.person
    return person is not None and decision.responsible_person_id == person.pk

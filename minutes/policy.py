"""Who may do what to a meeting and its record. Every view, the admin and the API ask here.

Roles come from django-guardian object permissions that are derived from committee roles
and memberships (committee/permissions.py, workgroups/permissions.py); a superuser may do
everything.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.utils import timezone

from minutes.models import Attendance, Decision, Meeting, Minutes

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


def is_secretariat(user: User | AnonymousUser, committee) -> bool:
    return user.is_authenticated and user.has_perm(MANAGE, committee)


def can_read_outbox(user: User | AnonymousUser, committee) -> bool:
    """The emails about a committee's meetings (the outbox pages): its secretariat."""
    return is_secretariat(user, committee)


def can_resend_email(user: User | AnonymousUser, email) -> bool:
    """Send again an email of the outbox: the secretariat of the committee of its meeting;
    one about no meeting, a superuser."""
    if email.meeting_id is None:
        return user.is_authenticated and user.is_superuser
    return is_secretariat(user, email.meeting.committee)


def chairs_meeting(user: User | AnonymousUser, meeting: Meeting) -> bool:
    """The chair of the body: the workgroup's chair, or for a plenary the committee's."""
    if not user.is_authenticated:
        return False
    if meeting.workgroup_id:
        return user.has_perm(CHAIR_WORKGROUP, meeting.workgroup)
    return user.has_perm(CHAIR_COMMITTEE, meeting.committee)


def can_view_internal(user: User | AnonymousUser, meeting: Meeting) -> bool:
    return Meeting.objects.internal_to(user).filter(pk=meeting.pk).exists()


def can_schedule(user: User | AnonymousUser, committee) -> bool:
    return is_secretariat(user, committee)


def can_record(user: User | AnonymousUser, meeting: Meeting) -> bool:
    """Record attendance, discussion, answers and decisions; submit and approve minutes.

    The secretariat records plenary meetings for the committee's chair; in a workgroup
    only the chair records (the secretariat may record attendance, see below)."""
    if chairs_meeting(user, meeting):
        return True
    return meeting.workgroup_id is None and is_secretariat(user, meeting.committee)


def can_record_attendance(user: User | AnonymousUser, meeting: Meeting) -> bool:
    return can_record(user, meeting) or is_secretariat(user, meeting.committee)


# Recording opens an hour before the start, so a chair may note attendance as people arrive.
RECORDING_OPENS_BEFORE_START = datetime.timedelta(hours=1)


def recording_opens_at(meeting: Meeting) -> datetime.datetime:
    """When attendance and discussion may first be recorded."""
    return meeting.starts_at - RECORDING_OPENS_BEFORE_START


def too_early_to_record(meeting: Meeting) -> bool:
    """The meeting has not started (beyond the hour before): nothing may be recorded yet."""
    return timezone.now() < recording_opens_at(meeting)


def can_preview_draft(user: User | AnonymousUser, meeting: Meeting) -> bool:
    """Read the unpublished minutes as a PDF stamped «پیش‌نویس»: the body's chair and
    whoever records the meeting, and the secretariat (the meeting being internal to them)."""
    return can_view_internal(user, meeting) and (
        can_record(user, meeting) or is_secretariat(user, meeting.committee)
    )


def can_approve(user: User | AnonymousUser, meeting: Meeting) -> bool:
    return chairs_meeting(user, meeting) or user.is_superuser


def can_preview_minutes(user: User | AnonymousUser, minutes: Minutes) -> bool:
    """Read an unpublished revision's PDF preview: whoever may preview the draft (above),
    and the members recorded present, who get its link when it is submitted for approval
    (minutes/notices.py). Only for those to whom the meeting is internal."""
    meeting = minutes.meeting
    if minutes.is_published:
        return False
    if can_preview_draft(user, meeting):
        return True
    person = getattr(user, "person", None) if user.is_authenticated else None
    return (
        person is not None
        and can_view_internal(user, meeting)
        and meeting.attendances.filter(person=person, status=Attendance.Status.PRESENT).exists()
    )


def can_publish(user: User | AnonymousUser, meeting: Meeting) -> bool:
    return is_secretariat(user, meeting.committee)


def can_correct(user: User | AnonymousUser, meeting: Meeting) -> bool:
    """Open a correction of published minutes: the secretariat or the body's chair."""
    return is_secretariat(user, meeting.committee) or chairs_meeting(user, meeting)


def can_attach(user: User | AnonymousUser, meeting: Meeting) -> bool:
    """Attach documents to a meeting's agenda items and minutes: the secretariat and the
    body's chair."""
    return is_secretariat(user, meeting.committee) or chairs_meeting(user, meeting)


def can_propose_question(user: User | AnonymousUser, meeting: Meeting) -> bool:
    """A journalist member of the body, for a meeting still to come."""
    person = getattr(user, "person", None) if user.is_authenticated else None
    if person is None or not person.is_press or meeting.workgroup_id is None:
        return False
    return user.has_perm(MEMBER_WORKGROUP, meeting.workgroup)


def can_follow_up(user: User | AnonymousUser, decision: Decision) -> bool:
    """The secretariat, and the person responsible for carrying the decision out."""
    if is_secretariat(user, decision.meeting.committee):
        return True
    person = getattr(user, "person", None) if user.is_authenticated else None
    return person is not None and decision.responsible_person_id == person.pk


def may_follow_up(viewer: Viewer, decision: Decision) -> bool:
    """:func:`can_follow_up` through one Viewer's look-ups made once, for a list of
    decisions (a page of the register) without a permission query per row."""
    if decision.meeting.committee_id in viewer.managed_committee_ids:
        return True
    person = viewer.person
    return person is not None and decision.responsible_person_id == person.pk

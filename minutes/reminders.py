"""Reminders: the emails that do the secretariat's chasing, each sent at most once.

* **Invitees who have not answered** (always sent, like the invitation itself):
  - by the secretariat's button on the meeting page, «یادآوری به پاسخ‌نداده‌ها». The
    button may be pressed again another day: its key is per invitation per Tehran day,
    ``invitation-reminder:<invitation>:<YYYY-MM-DD>``, so pressing it twice in one day
    reminds nobody twice, and pressing it the next day reminds again;
  - automatically, once, when the meeting is ``INVITATION_REMINDER_DAYS`` days away or
    less (``DJANGO_INVITATION_REMINDER_DAYS``, 2 by default; 0 turns it off), to an
    invitation sent at least a day earlier: key ``invitation-reminder:<invitation>:auto:<meeting
    day>`` (a meeting moved to another day reminds again), skipped on a day the button
    already reminded that invitee.
* **Before a decision's deadline**, to the person responsible for it, for each number of
  days in ``DECISION_REMINDER_DAYS`` (``DJANGO_DECISION_REMINDER_DAYS``, ``7,1`` by
  default): a run sends the reminder of the smallest threshold not below the days left, so
  a run missed on the day itself is made up the day after. Key
  ``decision-deadline:<decision>:<person>:<deadline>:<threshold>``. Only decisions of
  published minutes, still open or in progress (``Decision.OPEN_STATUSES``).
* **A weekly digest of overdue decisions** (``Decision.objects.overdue``, the one definition
  of «عقب‌افتاده»), one email per responsible person listing all of theirs, on
  ``OVERDUE_DIGEST_WEEKDAY`` (``DJANGO_OVERDUE_DIGEST_WEEKDAY``, ``saturday`` by default) or,
  if no run happened that day, at the first run later in the same week. The week is the
  Jalali week, Saturday to Friday; key ``overdue-digest:<person>:<the week's Saturday>``.

Every email goes through the outbox with its ``dedupe_key``, so ``manage.py send_reminders``
may be run as often as one likes (and again after a failure): what was sent is never sent
again. The decision reminders and the digest honour the person's choices on their account
page (minutes/notices.py); a reminder turned off is not sent and not owed later.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from committee.models import Person
from minutes import rsvp
from minutes.models import Decision, Invitation, Meeting, Minutes
from minutes.notices import in_persian, may_see_decision, send_notice_email, user_of
from minutes.outbox import OutboxEmail
from persian.digits import localized_digits
from persian.jalali import format_date, format_time

# The days of the Jalali week, from its first (شنبه); DJANGO_OVERDUE_DIGEST_WEEKDAY names one.
JALALI_WEEK = ("saturday", "sunday", "monday", "tuesday", "wednesday", "thursday", "friday")
SATURDAY = 5  # datetime.date.weekday()


def week_start(day: datetime.date) -> datetime.date:
    """The Saturday that begins the Jalali week of ``day``."""
    return day - datetime.timedelta(days=(day.weekday() - SATURDAY) % 7)


# --- Invitations ----------------------------------------------------------------------------


@dataclass
class InviteeReminders:
    sent: int = 0  # reminded now
    already: int = 0  # reminded before under the same key (today, or the automatic one)
    no_address: int = 0  # no email address to remind


def _invitation_key(invitation: Invitation, day: datetime.date) -> str:
    return f"invitation-reminder:{invitation.pk}:{day.isoformat()}"


@in_persian
def _invitation_reminder(invitation: Invitation, key: str) -> OutboxEmail | None:
    meeting = invitation.meeting
    person = invitation.person
    start = timezone.localtime(meeting.starts_at)
    hours = format_time(start)
    if meeting.ends_at:
        hours = _("%(start)s تا %(end)s") % {"start": hours, "end": format_time(meeting.ends_at)}
    named = {"meeting": meeting.title, "body": meeting.body_name}
    token = rsvp.link_token(invitation)
    return send_notice_email(
        person,
        "invitation_reminder",
        subject=_("یادآوری: پاسخ به دعوت جلسه «%(meeting)s»") % named,
        lines=[
            _(
                "به جلسه «%(meeting)s» از %(body)s دعوت شده‌اید و هنوز پاسخ نداده‌اید. "
                "لطفاً اعلام کنید که حضور می‌یابید یا نه."
            )
            % named
        ],
        facts=[
            (_("جلسه"), meeting.title),
            (_("برگزارکننده"), meeting.body_name),
            (_("تاریخ"), format_date(start, with_weekday=True)),
            (_("ساعت"), hours),
            (_("محل برگزاری"), meeting.location),
        ],
        # One-click answers, as in the invitation (minutes/rsvp.py), without logging in.
        items=[
            {
                "text": _("حضور می‌یابم"),
                "url": reverse("rsvp_answer", args=[token, "accept"]),
                "meta": _("بی‌نیاز از ورود به سامانه"),
            },
            {
                "text": _("حضور نمی‌یابم (با توضیح)"),
                "url": reverse("rsvp_answer", args=[token, "decline"]),
            },
        ],
        link=reverse("invitation_respond", args=[invitation.pk]),
        link_label=_("پاسخ از صفحه جلسه"),
        meeting=meeting,
        committee_name=meeting.committee.name,
        dedupe_key=key,
    )


def _unanswered(meeting: Meeting):
    return meeting.invitations.filter(response=Invitation.Response.PENDING).select_related(
        "person", "meeting__committee", "meeting__workgroup"
    )


@transaction.atomic
def remind_invitees(meeting: Meeting, *, now: datetime.datetime | None = None) -> InviteeReminders:
    """The secretariat's button: remind every invitee who has not answered, once a day."""
    day = timezone.localdate(now or timezone.now())
    result = InviteeReminders()
    for invitation in _unanswered(meeting):
        if not invitation.person.email:
            result.no_address += 1
        elif _invitation_reminder(invitation, _invitation_key(invitation, day)) is None:
            result.already += 1
        else:
            result.sent += 1
    return result


@transaction.atomic
def automatic_invitation_reminders(now: datetime.datetime) -> int:
    """Remind, once, those who have not answered an invitation to a meeting that is
    INVITATION_REMINDER_DAYS days away or less; how many were reminded."""
    days = settings.INVITATION_REMINDER_DAYS
    if days <= 0:
        return 0
    today = timezone.localdate(now)
    horizon = datetime.datetime.combine(
        today + datetime.timedelta(days=days),
        datetime.time.max,
        tzinfo=timezone.get_current_timezone(),
    )
    meetings = Meeting.objects.filter(
        status=Meeting.Status.SCHEDULED, starts_at__gt=now, starts_at__lte=horizon
    )
    count = 0
    for meeting in meetings:
        for invitation in _unanswered(meeting).filter(
            sent_at__lte=now - datetime.timedelta(days=1)
        ):
            if OutboxEmail.objects.filter(dedupe_key=_invitation_key(invitation, today)).exists():
                continue  # the button reminded them today
            key = f"invitation-reminder:{invitation.pk}:auto:{meeting.day.isoformat()}"
            if _invitation_reminder(invitation, key) is not None:
                count += 1
    return count


# --- Decisions ------------------------------------------------------------------------------


def _published_decisions():
    return (
        Decision.objects.filter(
            responsible_person__isnull=False, meeting__minutes__status=Minutes.Status.PUBLISHED
        )
        .select_related("meeting__committee", "meeting__workgroup", "responsible_person__user")
        .distinct()
    )


def _decision_item(decision: Decision, meta: str) -> dict:
    return {
        "text": decision.text,
        "meta": meta,
        "url": f"{decision.meeting.get_absolute_url()}#decision-{decision.pk}",
    }


@in_persian
def _deadline_reminder(decision: Decision, left: int, key: str) -> OutboxEmail | None:
    person = decision.responsible_person
    assert person is not None  # _published_decisions
    meeting = decision.meeting
    when = format_date(decision.deadline, with_weekday=True)
    if left == 0:
        lines = [_("امروز، %(day)s، آخرین روز مهلت اجرای این مصوبه است.") % {"day": when}]
    else:
        lines = [
            localized_digits(
                _("مهلت اجرای این مصوبه %(day)s است؛ %(left)s روز دیگر.")
                % {"day": when, "left": left}
            )
        ]
    lines.append(
        _("اگر کاری انجام شده است، پیگیری آن را در سامانه ثبت کنید تا دبیرخانه در جریان باشد.")
    )
    meta = localized_digits(
        _("مصوبه %(number)s از جلسه «%(meeting)s»")
        % {"number": decision.number, "meeting": meeting.title}
    )
    return send_notice_email(
        person,
        "decision_deadline",
        subject=_("یادآوری مهلت اجرای مصوبه: %(meeting)s") % {"meeting": meeting.title},
        lines=lines,
        items=[_decision_item(decision, meta)],
        link=reverse("follow_up_create", args=[decision.pk]),
        link_label=_("ثبت پیگیری"),
        meeting=meeting,
        committee_name=meeting.committee.name,
        dedupe_key=key,
    )


@transaction.atomic
def deadline_reminders(now: datetime.datetime) -> int:
    """Remind the person responsible for each open decision whose deadline is one of
    DECISION_REMINDER_DAYS away (or fewer, since the previous threshold); how many."""
    thresholds = sorted(settings.DECISION_REMINDER_DAYS)
    if not thresholds:
        return 0
    today = timezone.localdate(now)
    decisions = _published_decisions().filter(
        status__in=Decision.OPEN_STATUSES,
        deadline__gte=today,
        deadline__lte=today + datetime.timedelta(days=thresholds[-1]),
    )
    count = 0
    for decision in decisions:
        assert decision.deadline is not None and decision.responsible_person is not None
        left = (decision.deadline - today).days
        threshold = next(days for days in thresholds if days >= left)
        if not may_see_decision(decision)(user_of(decision.responsible_person)):
            continue
        key = (
            f"decision-deadline:{decision.pk}:{decision.responsible_person_id}:"
            f"{decision.deadline.isoformat()}:{threshold}"
        )
        if _deadline_reminder(decision, left, key) is not None:
            count += 1
    return count


@dataclass
class _Digest:
    person: Person
    decisions: list[Decision] = field(default_factory=list)


@in_persian
def _overdue_digest(digest: _Digest, today: datetime.date, key: str) -> OutboxEmail | None:
    items = []
    for decision in digest.decisions:
        assert decision.deadline is not None  # overdue
        late = (today - decision.deadline).days
        items.append(
            _decision_item(
                decision,
                localized_digits(
                    _("جلسه «%(meeting)s» · مهلت اجرا: %(day)s (%(late)s روز گذشته) · %(status)s")
                    % {
                        "meeting": decision.meeting.title,
                        "day": format_date(decision.deadline),
                        "late": late,
                        "status": decision.get_status_display(),
                    }
                ),
            )
        )
    count = len(digest.decisions)
    first = digest.decisions[0].meeting
    return send_notice_email(
        digest.person,
        "overdue_digest",
        subject=localized_digits(
            _("گزارش هفتگی: %(count)s مصوبه عقب‌افتاده بر عهده شما") % {"count": count}
        ),
        lines=[
            localized_digits(
                _(
                    "مهلت اجرای %(count)s مصوبه‌ای که بر عهده شماست گذشته و هنوز انجام نشده است. "
                    "برای هر کدام، پیگیری آن را در سامانه ثبت کنید."
                )
                % {"count": count}
            )
        ],
        facts=[(_("تاریخ گزارش"), format_date(today, with_weekday=True))],
        items=items,
        link=reverse("dashboard"),
        link_label=_("مصوبات من در پیشخوان"),
        committee_name=first.committee.name,
        dedupe_key=key,
    )


@transaction.atomic
def overdue_digests(now: datetime.datetime) -> int:
    """Once a Jalali week, on OVERDUE_DIGEST_WEEKDAY or the first run after it in that week,
    email each responsible person the list of their overdue decisions; how many emails."""
    today = timezone.localdate(now)
    start = week_start(today)
    if (today - start).days < JALALI_WEEK.index(settings.OVERDUE_DIGEST_WEEKDAY):
        return 0
    digests: dict[int, _Digest] = {}
    for decision in _published_decisions().overdue(today).order_by("deadline", "pk"):
        person = decision.responsible_person
        assert person is not None  # _published_decisions
        if not may_see_decision(decision)(user_of(person)):
            continue
        digests.setdefault(person.pk, _Digest(person)).decisions.append(decision)
    count = 0
    for digest in digests.values():
        key = f"overdue-digest:{digest.person.pk}:{start.isoformat()}"
        if _overdue_digest(digest, today, key) is not None:
            count += 1
    return count


@dataclass(frozen=True)
class Run:
    invitations: int
    deadlines: int
    digests: int


def send_reminders(now: datetime.datetime | None = None) -> Run:
    """Every reminder due at ``now`` (the command's run): (a) invitations, (b) deadlines,
    (c) the weekly digest. Safe to repeat: nothing is sent twice."""
    now = now or timezone.now()
    return Run(
        invitations=automatic_invitation_reminders(now),
        deadlines=deadline_reminders(now),
        digests=overdue_digests(now),
    )

"""Every change to meetings, their record and their minutes.

Each function takes the acting user, checks the permission (minutes.policy), validates,
changes the data in one transaction, records an audit entry, and raises a ServiceError
with a message a person can read. Views, admin actions, the API and management commands
call these and nothing else changes state.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from committee import audit
from committee.models import Committee, District, Person
from minutes import notices, notifications, outbox, policy, rsvp
from minutes.attachments import CONTENT_TYPES, sniff
from minutes.errors import EditConflict, InvalidTransition, NotAllowed, ServiceError
from minutes.models import (
    MEETING_ENDS_AFTER_START,
    AgendaItem,
    Attachment,
    Attendance,
    Decision,
    FollowUp,
    Invitation,
    Meeting,
    Minutes,
    OutboxEmail,
    PublishedRecordError,
    Question,
    Vote,
)
from minutes.publication.snapshot import build_snapshot, document_id
from persian.digits import file_size, localized_digits
from persian.jalali import format_date, jalali_year
from workgroups.models import Workgroup

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User
    from django_stubs_ext import StrOrPromise

MEETING_FIELDS = (
    "title",
    "starts_at",
    "ends_at",
    "location",
    "is_public",
    "workgroup",
    "secretary_person",
)
ITEM_FIELDS = ("order", "title", "description", "kind", "presenter", "is_public")
DECISION_FIELDS = (
    "text",
    "agenda_item",
    "responsible_organization",
    "responsible_person",
    "deadline",
    "is_public",
    "status",
    "vote_method",
    "votes_for",
    "votes_against",
    "votes_abstain",
)
VOTE_COUNT_FIELDS = ("votes_for", "votes_against", "votes_abstain")
TITLE_MAX = 250
TEXT_MAX = 4000


def _require(allowed: bool, message: str | None = None) -> None:
    if not allowed:
        raise NotAllowed(message or _("شما اجازه این کار را ندارید."))


def _anonymous() -> AnonymousUser:
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def _signed_in(actor: User | AnonymousUser) -> User:
    """The actor as the user a row records (created_by, decided_by, ...). Called only after
    the permission check, which refuses an anonymous visitor."""
    return cast("User", actor)


# Fields the models fill in themselves when saving.
DERIVED_FIELDS = ("number", "jalali_year")


def _validate(obj) -> None:
    """Model validation as a ServiceError naming the first bad field."""
    try:
        obj.full_clean(exclude=DERIVED_FIELDS, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        if field == "__all__":
            raise ServiceError(messages[0]) from None
        label = obj._meta.get_field(field).verbose_name
        raise ServiceError(f"{label}: {messages[0]}", field=field) from None


def _log(
    actor: User | AnonymousUser,
    action: str,
    target,
    meeting: Meeting,
    before=None,
    after=None,
    note="",
) -> None:
    audit.record(
        actor,
        action,
        target,
        before=before,
        after=after,
        committee=meeting.committee,
        meeting_id=meeting.pk,
        note=note,
    )


# --- Scheduling -------------------------------------------------------------------------


def _check_schedule(meeting: Meeting) -> None:
    if not meeting.title.strip():
        raise ServiceError(_("عنوان جلسه را بنویسید."), field="title")
    if not meeting.ends_after_start():
        raise ServiceError(MEETING_ENDS_AFTER_START, field="ends_at")
    if (
        meeting.workgroup_id
        and meeting.workgroup is not None
        and meeting.workgroup.committee_id != meeting.committee_id
    ):
        raise ServiceError(_("این کارگروه از کمیته دیگری است."), field="workgroup")
    if meeting.secretary_person_id is not None and not isinstance(meeting.secretary_person, Person):
        raise ServiceError(_("دبیر جلسه را از فهرست اشخاص انتخاب کنید."), field="secretary_person")


def _default_secretary(actor: User | AnonymousUser) -> Person | None:
    """The secretariat member who schedules the meeting is its secretary unless another
    is named."""
    return getattr(actor, "person", None) if actor.is_authenticated else None


@transaction.atomic
def schedule_meeting(
    actor: User | AnonymousUser,
    *,
    committee: Committee,
    workgroup: Workgroup | None,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime | None,
    location: str,
    is_public: bool = True,
    agenda: Iterable[Mapping[str, Any]] = (),
    secretary_person: Person | None = None,
) -> Meeting:
    """Schedule a meeting of the committee or one of its workgroups, with its agenda. Its
    secretary (دبیر جلسه) is ``secretary_person``, by default whoever schedules it."""
    _require(policy.can_schedule(actor, committee), _("فقط دبیرخانه کمیته جلسه برنامه‌ریزی می‌کند."))
    if starts_at < timezone.now() - datetime.timedelta(hours=1):
        raise ServiceError(
            _(
                "زمان شروع جلسه گذشته است. برای جلسه‌ای که پیش‌تر برگزار شده، "
                "«ثبت جلسه برگزارشده» را به کار ببرید."
            ),
            field="starts_at",
        )
    meeting = Meeting(
        committee=committee,
        workgroup=workgroup,
        title=title.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        location=location.strip(),
        is_public=is_public,
        created_by=_signed_in(actor),
        secretary_person=secretary_person or _default_secretary(actor),
    )
    _save_new_meeting(actor, meeting, agenda, "meeting.schedule")
    return meeting


def _save_new_meeting(actor: User | AnonymousUser, meeting: Meeting, agenda, action: str) -> None:
    if meeting.workgroup is not None:
        meeting.chair_person = meeting.workgroup.chair_on(meeting.day)
    else:
        meeting.chair_person = meeting.committee.chair
    _check_schedule(meeting)
    _validate(meeting)
    meeting.save()
    for order, item in enumerate(agenda, start=1):
        item = AgendaItem(meeting=meeting, order=order, **dict(item))
        if not item.title.strip():
            raise ServiceError(
                _("عنوان بند %(order)s دستور جلسه را بنویسید.") % {"order": order}, field="agenda"
            )
        _validate(item)
        item.save()
    _log(actor, action, meeting, meeting, after=audit.snapshot(meeting, MEETING_FIELDS))


@transaction.atomic
def register_past_meeting(
    actor: User | AnonymousUser,
    *,
    committee: Committee,
    workgroup: Workgroup | None,
    number: int,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime | None,
    location: str,
    is_public: bool = True,
    agenda: Iterable[Mapping[str, Any]] = (),
    secretary_person: Person | None = None,
) -> Meeting:
    """Register a meeting that took place before it was entered here (ثبت جلسه
    برگزارشده), from a paper archive: its past date and its session number as it was,
    unique for the body and the Jalali year. It is held at once (no invitations); its
    attendance, discussion, decisions and minutes are then recorded as for any meeting,
    and its pages and PDF say when it was registered."""
    _require(policy.can_schedule(actor, committee), _("فقط دبیرخانه کمیته جلسه ثبت می‌کند."))
    if starts_at > timezone.now():
        raise ServiceError(
            _("جلسه برگزارشده باید در گذشته باشد؛ جلسه آینده را برنامه‌ریزی کنید."),
            field="starts_at",
        )
    if not isinstance(number, int) or not 1 <= number <= 9999:
        raise ServiceError(_("شماره جلسه باید عددی از ۱ تا ۹۹۹۹ باشد."), field="number")
    year = jalali_year(starts_at)
    taken = Meeting.objects.of_body(committee, workgroup).filter(jalali_year=year, number=number)
    if taken.exists():
        raise ServiceError(
            _("جلسه شماره %(number)s سال %(year)s برای «%(body)s» پیش‌تر ثبت شده است.")
            % {
                "number": localized_digits(number),
                "year": localized_digits(year),
                "body": workgroup.name if workgroup else committee.name,
            },
            field="number",
        )
    meeting = Meeting(
        committee=committee,
        workgroup=workgroup,
        number=number,
        title=title.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        location=location.strip(),
        is_public=is_public,
        status=Meeting.Status.HELD,
        created_by=_signed_in(actor),
        registered_late_at=timezone.now(),
        secretary_person=secretary_person or _default_secretary(actor),
    )
    _save_new_meeting(actor, meeting, agenda, "meeting.register_past")
    return meeting


@transaction.atomic
def update_meeting(actor: User | AnonymousUser, meeting: Meeting, **changes: Any) -> Meeting:
    """Change a scheduled meeting. A new time or place notifies everyone invited."""
    _require(policy.can_schedule(actor, meeting.committee))
    if meeting.status == Meeting.Status.CANCELLED:
        raise InvalidTransition(_("جلسه لغوشده را نمی‌توان تغییر داد."))
    unknown = set(changes) - set(MEETING_FIELDS)
    if unknown:
        raise ServiceError(_("این ویژگی‌ها را نمی‌توان تغییر داد: %s") % ", ".join(sorted(unknown)))
    before = audit.snapshot(meeting, MEETING_FIELDS)
    previous = notifications.Previous(meeting.starts_at, meeting.ends_at, meeting.location)
    for name, value in changes.items():
        setattr(meeting, name, value.strip() if isinstance(value, str) else value)
    _check_schedule(meeting)
    _validate(meeting)
    where_and_when = ("starts_at", "ends_at", "location")
    moved = {k: before[k] for k in where_and_when} != audit.snapshot(meeting, where_and_when)
    if moved:
        meeting.invitation_sequence = F("invitation_sequence") + 1
    try:
        meeting.save()
    except PublishedRecordError as error:
        raise InvalidTransition(str(error)) from None
    meeting.refresh_from_db()
    _log(actor, "meeting.update", meeting, meeting, before, audit.snapshot(meeting, MEETING_FIELDS))
    if moved:
        notifications.notify(meeting, _invitees(meeting), "reschedule", previous=previous)
    return meeting


@transaction.atomic
def cancel_meeting(actor: User | AnonymousUser, meeting: Meeting, reason: str) -> Meeting:
    _require(policy.can_schedule(actor, meeting.committee))
    if meeting.status != Meeting.Status.SCHEDULED:
        raise InvalidTransition(_("فقط جلسه‌ای که هنوز برگزار نشده لغو می‌شود."))
    if not reason.strip():
        raise ServiceError(_("علت لغو جلسه را بنویسید."), field="reason")
    meeting.status = Meeting.Status.CANCELLED
    meeting.cancellation_reason = reason.strip()
    meeting.invitation_sequence = F("invitation_sequence") + 1
    meeting.save()
    meeting.refresh_from_db()
    _log(
        actor,
        "meeting.cancel",
        meeting,
        meeting,
        {"status": Meeting.Status.SCHEDULED},
        {"status": meeting.status, "cancellation_reason": meeting.cancellation_reason},
    )
    notifications.notify(meeting, _invitees(meeting), "cancel", reason=meeting.cancellation_reason)
    return meeting


# --- Agenda -----------------------------------------------------------------------------


def _editable_agenda(
    actor: User | AnonymousUser, meeting: Meeting, *, chair_may: bool = False
) -> None:
    _require(
        policy.can_schedule(actor, meeting.committee)
        or (chair_may and policy.chairs_meeting(actor, meeting))
    )
    if meeting.status == Meeting.Status.CANCELLED:
        raise InvalidTransition(_("جلسه لغو شده است."))
    if meeting.record_is_frozen():
        raise InvalidTransition(str(PublishedRecordError()))


@transaction.atomic
def add_agenda_item(
    actor: User | AnonymousUser, meeting: Meeting, *, by_chair: bool = False, **fields: Any
) -> AgendaItem:
    """Append an item to the agenda (the secretariat's). ``by_chair=True`` lets the chair of
    the meeting's body add it too: a citizens' demand they take up
    (``demands.services.put_on_agenda``)."""
    _editable_agenda(actor, meeting, chair_may=by_chair)
    last = meeting.agenda_items.aggregate(m=Max("order"))["m"] or 0
    item = AgendaItem(meeting=meeting, order=last + 1, **fields)
    _validate(item)
    item.save()
    _log(actor, "agenda.add", item, meeting, after=audit.snapshot(item, ITEM_FIELDS))
    return item


@transaction.atomic
def update_agenda_item(
    actor: User | AnonymousUser,
    item: AgendaItem,
    *,
    expected_version: int | None = None,
    **fields: Any,
) -> AgendaItem:
    """Change an agenda item. ``expected_version`` is the item's version the editor's form
    was built from: of two people saving from the same version only the first succeeds."""
    _editable_agenda(actor, item.meeting)
    rows = AgendaItem.objects.filter(pk=item.pk)
    if expected_version is not None:
        rows = rows.filter(version=expected_version)
    if not rows.update(version=F("version") + 1):
        raise EditConflict(
            _(
                "این بند پس از باز کردن صفحه، به دست کس دیگری تغییر کرده است. "
                "هیچ چیز ذخیره نشد؛ صفحه را دوباره باز کنید و تغییرات خود را دوباره وارد کنید."
            )
        )
    item.refresh_from_db(fields=["version"])
    before = audit.snapshot(item, ITEM_FIELDS)
    for name, value in fields.items():
        setattr(item, name, value)
    _validate(item)
    item.save()
    _log(actor, "agenda.update", item, item.meeting, before, audit.snapshot(item, ITEM_FIELDS))
    return item


@transaction.atomic
def remove_agenda_item(actor: User | AnonymousUser, item: AgendaItem) -> None:
    meeting = item.meeting
    _editable_agenda(actor, meeting)
    if item.decisions.exists():
        raise ServiceError(_("برای این بند مصوبه ثبت شده است؛ نخست مصوبه را حذف یا جابه‌جا کنید."))
    if hasattr(item, "question"):
        raise ServiceError(_("این بند از پرسش اصحاب رسانه آمده است و حذف نمی‌شود."))
    if item.attachments.exists():  # protected: the attachment would lose its item
        raise ServiceError(_("این بند پیوست دارد؛ نخست پیوست را بردارید یا جابه‌جا کنید."))
    before = audit.snapshot(item, ITEM_FIELDS)
    item.delete()
    _renumber(meeting)
    _log(actor, "agenda.remove", meeting, meeting, before, None, note=before["title"])


def _renumber(meeting: Meeting) -> None:
    for position, item in enumerate(meeting.agenda_items.order_by("order", "pk"), start=1):
        if item.order != position:
            AgendaItem.objects.filter(pk=item.pk).update(order=position)


@transaction.atomic
def move_agenda_item(actor: User | AnonymousUser, item: AgendaItem, offset: int) -> None:
    """Move an item up (offset -1) or down (+1) the agenda."""
    meeting = item.meeting
    _editable_agenda(actor, meeting)
    _renumber(meeting)
    items = list(meeting.agenda_items.order_by("order", "pk"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index + offset
    if not 0 <= target < len(items):
        return
    items[index], items[target] = items[target], items[index]
    for position, other in enumerate(items, start=1):
        AgendaItem.objects.filter(pk=other.pk).update(order=position)
    _log(
        actor,
        "agenda.reorder",
        item,
        meeting,
        {"order": index + 1},
        {"order": target + 1},
    )


# --- Invitations ------------------------------------------------------------------------


def _invitees(meeting: Meeting) -> list[Person]:
    return [inv.person for inv in meeting.invitations.select_related("person")]


@dataclass(frozen=True)
class PlannedInvitation:
    """One recipient of «فرستادن دعوت‌نامه», for review before sending."""

    person: Person
    is_guest: bool
    # "new": invited now; "owed": invited before, email not gone yet (sent again);
    # "sent": invited before and emailed (nothing is sent).
    state: str

    @property
    def emailed(self) -> bool:
        """Whether sending now puts an email in the outbox for this person."""
        return self.state != "sent" and bool(self.person.email)


def planned_invitations(meeting: Meeting, guests: Iterable[Person] = ()) -> list[PlannedInvitation]:
    """Who ``send_invitations(actor, meeting, guests)`` would invite or email, with nothing
    changed: every current member of the body, then the guests; those invited before with
    their state."""
    members = meeting.body_members(meeting.day)
    member_ids = {person.pk for person in members}
    sent = dict(meeting.invitations.values_list("person_id", "sent_at"))
    wanted = [(p, False) for p in members] + [
        (p, True) for p in dict.fromkeys(guests) if p.pk not in member_ids
    ]
    wanted += [
        (inv.person, True)
        for inv in meeting.invitations.filter(is_guest=True).select_related("person__organization")
        if inv.person not in {p for p, _ in wanted}
    ]

    def state(person: Person) -> str:
        if person.pk not in sent:
            return "new"
        return "sent" if sent[person.pk] is not None else "owed"

    return [PlannedInvitation(person, is_guest, state(person)) for person, is_guest in wanted]


@transaction.atomic
def send_invitations(
    actor: User | AnonymousUser,
    meeting: Meeting,
    guests: Iterable[Person] = (),
    *,
    notify: bool = True,
) -> int:
    """Invite every current member of the body, plus guests. Returns how many were new.

    Running it again invites only people not yet invited (new members, added guests).
    ``notify=False`` records the invitations without mail (the demo loader)."""
    _require(policy.can_schedule(actor, meeting.committee))
    if meeting.status != Meeting.Status.SCHEDULED:
        raise InvalidTransition(_("دعوت‌نامه فقط برای جلسه برنامه‌ریزی‌شده فرستاده می‌شود."))
    members = meeting.body_members(meeting.day)
    member_ids = {person.pk for person in members}
    wanted = [(p, False) for p in members] + [(p, True) for p in guests if p.pk not in member_ids]
    already = set(meeting.invitations.values_list("person_id", flat=True))
    now = timezone.now()
    new = [
        # Sent when its email has gone (minutes/notifications.py); without mail, at once.
        Invitation(
            meeting=meeting, person=person, is_guest=is_guest, sent_at=None if notify else now
        )
        for person, is_guest in wanted
        if person.pk not in already
    ]
    Invitation.objects.bulk_create(new)
    _log(
        actor,
        "meeting.invite",
        meeting,
        meeting,
        after={"invited": sorted(str(inv.person) for inv in new)},
    )
    if notify:
        # The new invitees, and those whose email has not gone yet (a mail server that was
        # down): running it again sends what is owed, once.
        # An email still in the outbox (waiting for a retry, or failed) is sent again
        # rather than queued a second time.
        owed = list(
            meeting.invitations.filter(sent_at__isnull=True)
            .exclude(person_id__in=[inv.person_id for inv in new])
            .select_related("person")
        )
        waiting = OutboxEmail.objects.filter(invitation__in=owed, kind="invite").exclude(
            status=OutboxEmail.Status.SENT
        )
        retried = set()
        for email in waiting:
            outbox.retry(email)
            retried.add(email.invitation_id)
        unsent = [inv.person for inv in owed if inv.pk not in retried]
        notifications.notify(meeting, [inv.person for inv in new] + unsent, "invite")
    return len(new)


@transaction.atomic
def respond_to_invitation(
    actor: User | AnonymousUser,
    invitation: Invitation,
    response: str,
    note: str = "",
    *,
    link: str = "",
) -> Invitation:
    """Record an invitee's answer, from the meeting page (``actor`` is the invitee) or from
    an answer link of their email (``link``, the signed token of minutes/rsvp.py: it stands
    for the invitee, who need not be logged in, and works once)."""
    if link:
        # Read again under a lock: two clicks at once answer once.
        invitation = rsvp.read(link, for_update=True)
        # The invitee answers, whoever may be logged in in this browser: the audit names
        # their account, or (a guest without one) nobody, with their name in the note.
        invitee_user = invitation.person.user
        actor = invitee_user if invitee_user is not None else _anonymous()
    else:
        person = getattr(actor, "person", None)
        _require(person is not None and person.pk == invitation.person_id)
    if response not in (Invitation.Response.ACCEPTED, Invitation.Response.DECLINED):
        raise ServiceError(_("پاسخ را انتخاب کنید."), field="response")
    if invitation.meeting.status != Meeting.Status.SCHEDULED:
        raise InvalidTransition(_("این جلسه دیگر پذیرای پاسخ نیست."))
    before = audit.snapshot(invitation, ["response", "response_note"])
    invitation.response = response
    invitation.response_note = note.strip()[:300]
    invitation.responded_at = timezone.now()
    if link:
        invitation.rsvp_used_at = invitation.responded_at
    invitation.save()
    _log(
        actor,
        "invitation.respond",
        invitation,
        invitation.meeting,
        before,
        audit.snapshot(invitation, ["response", "response_note"]),
        note=_("از پیوند ایمیل: %(name)s") % {"name": invitation.person.full_name} if link else "",
    )
    return invitation


# --- The outbox -------------------------------------------------------------------------


@transaction.atomic
def resend_email(actor: User | AnonymousUser, email: OutboxEmail) -> OutboxEmail:
    """Send again an email that failed (or still waits for its next try), as a new series of
    tries (outbox.retry): the secretariat's «ارسال دوباره». An email already sent is not
    sent twice."""
    _require(policy.can_resend_email(actor, email))
    email = OutboxEmail.objects.select_for_update().get(pk=email.pk)
    if email.status == OutboxEmail.Status.SENT:
        raise InvalidTransition(_("این ایمیل پیش‌تر فرستاده شده است."))
    before = audit.snapshot(email, ["status", "attempts", "last_error"])
    outbox.retry(email)
    email.refresh_from_db()
    audit.record(
        actor,
        "email.retry",
        email,
        before=before,
        after=audit.snapshot(email, ["status", "attempts", "last_error"]),
        committee=email.meeting.committee if email.meeting is not None else None,
        meeting_id=email.meeting_id,
        note=email.to,
    )
    return email


# --- Journalists' questions -------------------------------------------------------------


@transaction.atomic
def propose_question(
    actor: User | AnonymousUser, meeting: Meeting, *, kind: str, title: str, text: str
) -> Question:
    _require(
        policy.can_propose_question(actor, meeting),
        _("فقط اعضای رسانه‌ای همین کارگروه برای جلسه آن پرسش می‌فرستند."),
    )
    if meeting.status != Meeting.Status.SCHEDULED or meeting.starts_at <= timezone.now():
        raise InvalidTransition(_("پرسش فقط برای جلسه‌ای که هنوز برگزار نشده فرستاده می‌شود."))
    title, text = title.strip(), text.strip()
    if not title:
        raise ServiceError(_("عنوان پرسش را بنویسید."), field="title")
    if not text:
        raise ServiceError(_("متن پرسش را بنویسید."), field="text")
    if len(title) > 300:
        raise ServiceError(_("عنوان پرسش حداکثر ۳۰۰ نویسه است."), field="title")
    if len(text) > TEXT_MAX:
        raise ServiceError(_("متن پرسش حداکثر ۴۰۰۰ نویسه است."), field="text")
    question = Question(
        meeting=meeting, author=_signed_in(actor).person, kind=kind, title=title, text=text
    )
    _validate(question)
    question.save()
    _log(actor, "question.propose", question, meeting, after={"title": title, "text": text})
    return question


@transaction.atomic
def accept_question(actor: User | AnonymousUser, question: Question) -> AgendaItem:
    """Put a proposed question on the agenda: under the meeting's press item when it has a
    free one, else as a new item presented by its author. Returns the item."""
    meeting = question.meeting
    _require(policy.can_schedule(actor, meeting.committee))
    if question.status != Question.Status.PROPOSED:
        raise InvalidTransition(_("این پرسش پیش‌تر بررسی شده است."))
    if meeting.status != Meeting.Status.SCHEDULED or meeting.starts_at <= timezone.now():
        raise InvalidTransition(
            _("این جلسه برگزار شده است؛ پرسش را دیگر نمی‌توان به دستور آن افزود.")
        )
    kind = (
        AgendaItem.Kind.QUESTION
        if question.kind == Question.Kind.QUESTION
        else AgendaItem.Kind.PROBLEM
    )
    # The meeting's own press item («پرسش‌های اصحاب رسانه», an item of that kind put on the
    # agenda by the secretariat and holding no question yet) takes the question; only
    # without one does the question become an item of its own. (One question per item: the
    # item's answer is the answer to it.)
    item = (
        meeting.agenda_items.filter(kind=kind, question__isnull=True)
        .order_by("order", "pk")
        .first()
    )
    if item is None:
        item = add_agenda_item(
            actor,
            meeting,
            title=question.title,
            description=question.text,
            kind=kind,
            presenter=question.author,
        )
    question.status = Question.Status.ACCEPTED
    question.agenda_item = item
    question.decided_at = timezone.now()
    question.decided_by = _signed_in(actor)
    question.save()
    _log(
        actor, "question.accept", question, meeting, {"status": "proposed"}, {"status": "accepted"}
    )
    notices.question_decided(actor, question)
    return item


@transaction.atomic
def decline_question(actor: User | AnonymousUser, question: Question, reason: str) -> Question:
    meeting = question.meeting
    _require(policy.can_schedule(actor, meeting.committee))
    if question.status != Question.Status.PROPOSED:
        raise InvalidTransition(_("این پرسش پیش‌تر بررسی شده است."))
    if not reason.strip():
        raise ServiceError(_("علت نپذیرفتن را بنویسید؛ طرح‌کننده آن را می‌بیند."), field="reason")
    question.status = Question.Status.DECLINED
    question.decline_reason = reason.strip()
    question.decided_at = timezone.now()
    question.decided_by = _signed_in(actor)
    question.save()
    _log(
        actor,
        "question.decline",
        question,
        meeting,
        {"status": "proposed"},
        {"status": "declined", "decline_reason": question.decline_reason},
    )
    notices.question_decided(actor, question)
    return question


# --- Recording and the draft ------------------------------------------------------------


def current_draft(meeting: Meeting) -> Minutes | None:
    latest = meeting.latest_minutes()
    return latest if latest and latest.status == Minutes.Status.DRAFT else None


def _open_draft(
    actor: User | AnonymousUser, meeting: Meeting, expected_version: int | None
) -> Minutes:
    """The draft being edited, its version checked and raised in one atomic UPDATE, so of
    two people saving from the same version only the first succeeds.

    ``expected_version`` is the version the editor's form was built from: 0 when no draft
    existed yet (then a draft that appeared meanwhile is a conflict too), None only for
    callers that have no form (management commands, the demo).
    """
    if meeting.status == Meeting.Status.CANCELLED:
        raise InvalidTransition(_("جلسه لغو شده است."))
    conflict = EditConflict(
        _(
            "این پیش‌نویس پس از باز کردن صفحه، به دست کس دیگری تغییر کرده است. "
            "هیچ چیز ذخیره نشد؛ صفحه را دوباره باز کنید و تغییرات خود را دوباره وارد کنید."
        )
    )
    latest = meeting.latest_minutes()
    if latest is None:
        if expected_version not in (None, 0):
            raise conflict
        latest = Minutes.objects.create(meeting=meeting, revision=1)
        _log(actor, "minutes.create", latest, meeting, after={"revision": 1})
        return latest
    if latest.status != Minutes.Status.DRAFT:
        raise InvalidTransition(
            _("صورتجلسه در وضعیت «%(status)s» است و دیگر ویرایش نمی‌شود.")
            % {"status": latest.get_status_display()}
        )
    rows = Minutes.objects.filter(pk=latest.pk)
    if expected_version is not None:
        rows = rows.filter(version=expected_version)
    if not rows.update(version=F("version") + 1, updated_at=timezone.now()):
        raise conflict
    latest.refresh_from_db()
    return latest


@transaction.atomic
def record_meeting(
    actor: User | AnonymousUser,
    meeting: Meeting,
    *,
    expected_version: int | None,
    attendance: Mapping[int, Any] | None = None,
    guests: Iterable[Person] = (),
    items: Mapping[int, Mapping[str, str]] | None = None,
    summary: str | None = None,
    classification: str | None = None,
    distribution: str | None = None,
) -> Minutes:
    """Record what happened: attendance by person id, each agenda item's discussion and
    answer, and the summary. The meeting becomes "held"; the draft's version is checked."""
    _require(policy.can_record_attendance(actor, meeting))
    if (items or summary is not None) and not policy.can_record(actor, meeting):
        raise NotAllowed(_("فقط رییس کارگروه مذاکرات و مصوبات را ثبت می‌کند."))
    if policy.too_early_to_record(meeting):
        raise InvalidTransition(
            _("جلسه هنوز برگزار نشده است؛ ثبت حضور و مذاکرات پس از شروع آن ممکن است.")
        )
    draft = _open_draft(actor, meeting, expected_version)

    if meeting.status == Meeting.Status.SCHEDULED:
        meeting.status = Meeting.Status.HELD
        meeting.save(update_fields=["status", "updated_at"])
        _log(actor, "meeting.held", meeting, meeting, {"status": "scheduled"}, {"status": "held"})

    if attendance is not None:
        _record_attendance(actor, meeting, attendance, guests)
    for item_id, texts in (items or {}).items():
        item = meeting.agenda_items.filter(pk=item_id).first()
        if item is None:
            raise ServiceError(_("این بند در دستور این جلسه نیست."))
        before = audit.snapshot(item, ["discussion", "answer"])
        item.discussion = texts.get("discussion", item.discussion).strip()
        item.answer = texts.get("answer", item.answer).strip()
        if len(item.discussion) > TEXT_MAX * 2 or len(item.answer) > TEXT_MAX:
            raise ServiceError(_("متن مذاکرات یا پاسخ بیش از اندازه بلند است."))
        if before != audit.snapshot(item, ["discussion", "answer"]):
            item.save()
            _log(
                actor,
                "agenda.record",
                item,
                meeting,
                before,
                audit.snapshot(item, ["discussion", "answer"]),
            )
    letter = {}
    if classification is not None:
        letter["classification"] = classification.strip()[:50]
    if distribution is not None:
        if len(distribution) > 2000:
            raise ServiceError(_("فهرست رونوشت حداکثر ۲۰۰۰ نویسه است."), field="distribution")
        letter["distribution"] = "\n".join(
            line.strip() for line in distribution.splitlines() if line.strip()
        )
    before = audit.snapshot(draft, list(letter))
    if letter and before != letter:
        for name, value in letter.items():
            setattr(draft, name, value)
        draft.save(update_fields=[*letter, "updated_at"])
        _log(actor, "minutes.letter", draft, meeting, before, letter)
    if summary is not None and summary.strip() != draft.summary:
        before = {"summary": draft.summary}
        draft.summary = summary.strip()
        draft.save(update_fields=["summary", "updated_at"])
        _log(actor, "minutes.summary", draft, meeting, before, {"summary": draft.summary})
    return draft


@dataclass
class Expected:
    """One person expected at a meeting: a member of the body on the day, someone invited,
    or someone whose attendance was recorded; with their answer to the invitation."""

    person: Person
    is_guest: bool
    invitation: Invitation | None
    row: Attendance | None

    @property
    def suggestion(self) -> str:
        """What the RSVP suggests: accepted → present, declined → absent with excuse."""
        response = self.invitation.response if self.invitation else None
        if response == Invitation.Response.ACCEPTED:
            return Attendance.Status.GUEST if self.is_guest else Attendance.Status.PRESENT
        if response == Invitation.Response.DECLINED:
            return Attendance.Status.GUEST_ABSENT if self.is_guest else Attendance.Status.EXCUSED
        return ""


def expected_attendance(meeting: Meeting) -> list[Expected]:
    """Everyone whose attendance the minutes must record: the body's members on the
    meeting day, then those invited, then anyone else already recorded. Nobody is assumed
    present: a person without a row is not recorded yet."""
    rows = {row.person_id: row for row in meeting.attendances.select_related("person")}
    invitations = {
        inv.person_id: inv for inv in meeting.invitations.select_related("person__organization")
    }
    expected: dict[int, Expected] = {}
    for person in meeting.body_members(meeting.day):
        expected[person.pk] = Expected(
            person, False, invitations.get(person.pk), rows.get(person.pk)
        )
    for person_id, invitation in invitations.items():
        if person_id not in expected:
            expected[person_id] = Expected(
                invitation.person, invitation.is_guest, invitation, rows.get(person_id)
            )
    for person_id, row in rows.items():
        if person_id not in expected:
            expected[person_id] = Expected(row.person, row.is_guest, None, row)
    return list(expected.values())


ATTENDANCE_FIELDS = ("status", "excuse", "arrived_at", "left_at")


def _attendance_entry(value) -> dict[str, Any]:
    if isinstance(value, str):
        return {"status": value}
    return dict(value)


def _record_attendance(
    actor: User | AnonymousUser, meeting: Meeting, attendance: Mapping[int, Any], guests
) -> None:
    """Attendance by person id: a status (or "" for not recorded) or a mapping with the
    status, the excuse, and the times of a late arrival or an early leave."""
    existing = {row.person_id: row for row in meeting.attendances.all()}
    expected = {e.person.pk: e for e in expected_attendance(meeting)}
    wanted = {person_id: _attendance_entry(value) for person_id, value in attendance.items()}
    guest_ids = {guest.pk for guest in guests}
    for guest in guests:
        wanted.setdefault(guest.pk, {"status": Attendance.Status.GUEST})
    people = Person.objects.in_bulk(list(wanted))
    for person_id, entry in wanted.items():
        person = people.get(person_id)
        if person is None:
            raise ServiceError(_("این شخص در سامانه نیست."), field="attendance")
        status = entry.get("status") or ""
        named = {"person": person.full_name}
        if status and status not in Attendance.Status.values:
            raise ServiceError(
                _("وضعیت حضور «%(person)s» نامعتبر است.") % named, field="attendance"
            )
        known = expected.get(person_id)
        # Someone neither expected nor added as a guest is a guest if recorded as one.
        is_guest = person_id in guest_ids or (
            known.is_guest if known else status in Attendance.GUEST_STATUSES
        )
        if status and is_guest and status not in Attendance.GUEST_STATUSES:
            raise ServiceError(
                _("«%(person)s» مدعو است، نه عضو؛ حضور او جدا از اعضا ثبت می‌شود.") % named,
                field="attendance",
            )
        if status and not is_guest and status not in Attendance.MEMBER_STATUSES:
            raise ServiceError(
                _("«%(person)s» عضو است؛ وضعیت «مدعو» برای او نیست.") % named,
                field="attendance",
            )
        values = _attendance_values(meeting, status, entry, named)
        row = existing.get(person_id)
        if not status:
            if row is not None:
                before = audit.snapshot(row, ATTENDANCE_FIELDS)
                row.delete()
                _log(
                    actor, "attendance.remove", meeting, meeting, before, None, note=named["person"]
                )
            continue
        if row is None:
            row = Attendance(meeting=meeting, person=person, **values)
            row.save()
            _log(
                actor,
                "attendance.add",
                row,
                meeting,
                None,
                {**audit.snapshot(row, ATTENDANCE_FIELDS), "person": row.person_name},
            )
            continue
        before = audit.snapshot(row, ATTENDANCE_FIELDS)
        for name, value in values.items():
            setattr(row, name, value)
        after = audit.snapshot(row, ATTENDANCE_FIELDS)
        if before != after:
            row.save(update_fields=list(ATTENDANCE_FIELDS))
            _log(actor, "attendance.update", row, meeting, before, after)


def _attendance_values(meeting: Meeting, status: str, entry, named) -> dict[str, Any]:
    excuse = (entry.get("excuse") or "").strip()
    arrived_at, left_at = entry.get("arrived_at"), entry.get("left_at")
    if status == Attendance.Status.EXCUSED and not excuse:
        raise ServiceError(_("علت غیبت موجه «%(person)s» را بنویسید.") % named, field="attendance")
    if len(excuse) > 300:
        raise ServiceError(
            _("علت غیبت «%(person)s» حداکثر ۳۰۰ نویسه است.") % named, field="attendance"
        )
    attended = status in (Attendance.Status.PRESENT, Attendance.Status.GUEST)
    if not attended and (arrived_at or left_at):
        raise ServiceError(
            _("ساعت ورود یا خروج فقط برای حاضران ثبت می‌شود («%(person)s»).") % named,
            field="attendance",
        )
    start = timezone.localtime(meeting.starts_at).time()
    end = timezone.localtime(meeting.ends_at).time() if meeting.ends_at else None
    if arrived_at and arrived_at <= start:
        raise ServiceError(
            _("ساعت ورود با تأخیر «%(person)s» باید پس از شروع جلسه باشد.") % named,
            field="attendance",
        )
    if left_at and (left_at <= start or (end and left_at >= end)):
        raise ServiceError(
            _("ساعت خروج زودهنگام «%(person)s» باید میان شروع و پایان جلسه باشد.") % named,
            field="attendance",
        )
    if arrived_at and left_at and left_at <= arrived_at:
        raise ServiceError(
            _("ساعت خروج «%(person)s» باید پس از ساعت ورود او باشد.") % named,
            field="attendance",
        )
    return {
        "status": status,
        "excuse": excuse if status in (Attendance.Status.EXCUSED, Attendance.Status.ABSENT) else "",
        "arrived_at": arrived_at if attended else None,
        "left_at": left_at if attended else None,
    }


def unrecorded_attendance(meeting: Meeting) -> list[Person]:
    return [e.person for e in expected_attendance(meeting) if e.row is None]


def _decision_checks(decision: Decision) -> None:
    if not decision.text.strip():
        raise ServiceError(_("شرح مصوبه را بنویسید."), field="text")
    if len(decision.text) > TEXT_MAX:
        raise ServiceError(_("شرح مصوبه حداکثر ۴۰۰۰ نویسه است."), field="text")
    if not (decision.responsible_organization_id or decision.responsible_person_id):
        raise ServiceError(
            _("مسئول اجرای مصوبه را (سازمان یا شخص) تعیین کنید."), field="responsible_organization"
        )
    if decision.deadline and decision.deadline < decision.meeting.day:
        raise ServiceError(_("مهلت اجرا نمی‌تواند پیش از تاریخ جلسه باشد."), field="deadline")
    if (
        decision.agenda_item_id
        and decision.agenda_item is not None
        and decision.agenda_item.meeting_id != decision.meeting_id
    ):
        raise ServiceError(_("این بند از دستور جلسه دیگری است."), field="agenda_item")
    if decision.vote_method not in ("", *Decision.VoteMethod.values):
        raise ServiceError(_("نحوه تصویب نامعتبر است."), field="vote_method")


def _check_votes(decision: Decision, voters: Mapping[int, str] | None) -> dict[int, str] | None:
    """How the decision was taken. By vote: counts in favour, against and abstaining (or
    the names, from which the counts follow); the counts cannot exceed the members present
    with a vote (guests have none; the absent do not abstain)."""
    counts = {name: getattr(decision, name) for name in VOTE_COUNT_FIELDS}
    if decision.vote_method != Decision.VoteMethod.VOTE:
        if any(value is not None for value in counts.values()) or voters:
            raise ServiceError(
                _("شمار آرا فقط برای مصوبه‌ای ثبت می‌شود که «با رأی‌گیری» تصویب شده است."),
                field="vote_method",
            )
        return {} if voters is not None else None
    present = {
        row.person_id: row.person_name
        for row in decision.meeting.attendances.filter(status=Attendance.Status.PRESENT)
    }
    names: dict[int, str] | None = None
    if voters:
        names = {}
        for person_id, choice in voters.items():
            if choice not in Vote.Choice.values:
                raise ServiceError(_("رأی نامعتبر است."), field="votes")
            if person_id not in present:
                person = Person.objects.filter(pk=person_id).first()
                raise ServiceError(
                    _("«%(person)s» در میان اعضای حاضرِ دارای رأی نیست.")
                    % {"person": person.full_name if person else person_id},
                    field="votes",
                )
            names[person_id] = choice
        from_names = {
            "votes_for": sum(1 for c in names.values() if c == Vote.Choice.FOR),
            "votes_against": sum(1 for c in names.values() if c == Vote.Choice.AGAINST),
            "votes_abstain": sum(1 for c in names.values() if c == Vote.Choice.ABSTAIN),
        }
        for name, value in from_names.items():
            if counts[name] is None:
                setattr(decision, name, value)
                counts[name] = value
            elif counts[name] != value:
                raise ServiceError(
                    _("شمار «%(label)s» (%(count)s) با نام‌های ثبت‌شده (%(names)s) نمی‌خواند.")
                    % {
                        # The vote counts are the model's own fields, not relations.
                        "label": Decision._meta.get_field(name).verbose_name,  # type: ignore[union-attr]
                        "count": localized_digits(counts[name]),
                        "names": localized_digits(value),
                    },
                    field=name,
                )
    if counts["votes_for"] is None:
        raise ServiceError(_("شمار آرای موافق را بنویسید."), field="votes_for")
    for name in VOTE_COUNT_FIELDS:
        if counts[name] is None:
            setattr(decision, name, 0)
            counts[name] = 0
    total = sum(counts.values())
    if total > len(present):
        raise ServiceError(
            _(
                "مجموع آرا (%(total)s) از شمار اعضای حاضرِ دارای رأی (%(present)s) بیشتر است؛ "
                "غایبان و مدعوین رأی ندارند."
            )
            % {"total": localized_digits(total), "present": localized_digits(len(present))},
            field="votes_for",
        )
    return names


def _district_names(decision: Decision) -> list[str]:
    return [d.name for d in decision.districts.order_by("order", "name")] if decision.pk else []


def _check_districts(
    meeting: Meeting, districts: Iterable[District] | None
) -> list[District] | None:
    """The districts a decision concerns: from its own committee's list, each once."""
    if districts is None:
        return None
    chosen = list({district.pk: district for district in districts}.values())
    if any(district.committee_id != meeting.committee_id for district in chosen):
        raise ServiceError(_("این منطقه از فهرست مناطق این کمیته نیست."), field="districts")
    return chosen


def _save_districts(decision: Decision, districts: list[District] | None) -> None:
    if districts is not None:
        decision.districts.set(districts)


def _save_votes(decision: Decision, names: dict[int, str] | None) -> None:
    if names is None:
        return
    decision.votes.all().delete()
    Vote.objects.bulk_create(
        Vote(decision=decision, person_id=person_id, choice=choice)
        for person_id, choice in names.items()
    )


@transaction.atomic
def add_decision(
    actor: User | AnonymousUser,
    meeting: Meeting,
    *,
    expected_version: int | None,
    voters: Mapping[int, str] | None = None,
    districts: Iterable[District] | None = None,
    **fields: Any,
) -> Decision:
    """Record a decision; ``voters`` (person id → for/against/abstain) names how the
    members present voted, when the decision was taken by a vote and names are kept;
    ``districts`` the city districts it concerns (from the committee's list)."""
    _require(policy.can_record(actor, meeting), _("فقط رییس کارگروه مصوبات را ثبت می‌کند."))
    _open_draft(actor, meeting, expected_version)
    fields.setdefault("text", "")
    fields["text"] = fields["text"].strip()
    fields["vote_method"] = fields.get("vote_method") or ""
    decision = Decision(meeting=meeting, **fields)
    _decision_checks(decision)
    names = _check_votes(decision, voters)
    chosen = _check_districts(meeting, districts)
    decision.save()  # numbered next in its meeting by Decision.save
    _save_votes(decision, names)
    _save_districts(decision, chosen)
    _log(
        actor,
        "decision.add",
        decision,
        meeting,
        None,
        {**audit.snapshot(decision, DECISION_FIELDS), "districts": _district_names(decision)},
    )
    notices.decision_assigned(actor, decision)
    return decision


@transaction.atomic
def update_decision(
    actor: User | AnonymousUser,
    decision: Decision,
    *,
    expected_version: int | None,
    voters: Mapping[int, str] | None = None,
    districts: Iterable[District] | None = None,
    **fields: Any,
) -> Decision:
    """Change a draft's decision; ``districts``, when given, replaces its districts."""
    meeting = decision.meeting
    _require(policy.can_record(actor, meeting), _("فقط رییس کارگروه مصوبات را ثبت می‌کند."))
    _open_draft(actor, meeting, expected_version)
    before = {**audit.snapshot(decision, DECISION_FIELDS), "districts": _district_names(decision)}
    responsible_before = decision.responsible_person_id
    for name, value in fields.items():
        setattr(decision, name, value.strip() if isinstance(value, str) else value)
    decision.vote_method = decision.vote_method or ""
    if decision.vote_method != Decision.VoteMethod.VOTE:
        voters = {} if voters is None and decision.votes.exists() else voters
    _decision_checks(decision)
    names = _check_votes(decision, voters)
    chosen = _check_districts(meeting, districts)
    decision.save()
    _save_votes(decision, names)
    _save_districts(decision, chosen)
    after = {**audit.snapshot(decision, DECISION_FIELDS), "districts": _district_names(decision)}
    _log(actor, "decision.update", decision, meeting, before, after)
    if decision.responsible_person_id != responsible_before:
        notices.decision_assigned(actor, decision)
    return decision


@transaction.atomic
def remove_decision(
    actor: User | AnonymousUser, decision: Decision, *, expected_version: int | None
) -> None:
    meeting = decision.meeting
    _require(policy.can_record(actor, meeting))
    if decision.follow_ups.exists():
        raise InvalidTransition(_("برای این مصوبه پیگیری ثبت شده است؛ سابقه پیگیری حذف نمی‌شود."))
    _open_draft(actor, meeting, expected_version)
    before = audit.snapshot(decision, DECISION_FIELDS)
    decision.delete()
    _log(actor, "decision.remove", meeting, meeting, before, None, note=before["text"][:200])


# --- The minutes lifecycle ---------------------------------------------------------------


def _require_step(actor: User | AnonymousUser, minutes: Minutes, name: str) -> None:
    step = WORKFLOW[name]
    _require(step.allowed(actor, minutes.meeting), str(step.refused))


def _transition(actor: User | AnonymousUser, minutes: Minutes, name: str) -> Minutes:
    step = WORKFLOW[name]
    source, target = step.source, step.target
    assert target is not None  # the steps that change a revision's status
    locked = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if locked.status != source:
        raise InvalidTransition(
            _(
                "صورتجلسه در وضعیت «%(current)s» است؛ "
                "«%(action)s» فقط از وضعیت «%(source)s» ممکن است."
            )
            % {
                "current": locked.get_status_display(),
                "action": step.label,
                "source": Minutes.Status(source).label,
            }
        )
    latest = locked.meeting.latest_minutes()
    assert latest is not None  # locked is one of the meeting's revisions
    if latest.pk != locked.pk:
        raise InvalidTransition(_("ویرایش تازه‌تری از این صورتجلسه هست."))
    locked.status = target
    return locked


@transaction.atomic
def submit_minutes(actor: User | AnonymousUser, minutes: Minutes) -> Minutes:
    _require_step(actor, minutes, "submit")
    locked = _transition(actor, minutes, "submit")
    if locked.meeting.status != Meeting.Status.HELD:
        raise InvalidTransition(_("پیش از ارسال، حضور و غیاب جلسه را ثبت کنید."))
    missing = unrecorded_attendance(locked.meeting)
    if missing:
        raise InvalidTransition(
            _("حضور و غیاب این افراد هنوز ثبت نشده است: %(names)s. نخست آن را ثبت کنید.")
            % {"names": "، ".join(person.full_name for person in missing)}
        )
    locked.submitted_at = timezone.now()
    locked.save()
    _log(
        actor,
        "minutes.submit",
        locked,
        locked.meeting,
        {"status": "draft"},
        {"status": "submitted"},
    )
    notices.minutes_submitted(actor, locked)
    return locked


@transaction.atomic
def approve_minutes(actor: User | AnonymousUser, minutes: Minutes) -> Minutes:
    _require_step(actor, minutes, "approve")
    locked = _transition(actor, minutes, "approve")
    locked.approved_at = timezone.now()
    locked.approved_by = _signed_in(actor)
    locked.save()
    _log(
        actor,
        "minutes.approve",
        locked,
        locked.meeting,
        {"status": "submitted"},
        {"status": "approved"},
    )
    notices.minutes_approved(actor, locked)
    return locked


@transaction.atomic
def publish_minutes(
    actor: User | AnonymousUser, minutes: Minutes, *, at: datetime.datetime | None = None
) -> Minutes:
    """Publish approved minutes: freeze their public content and, once the transaction has
    committed, queue the task that renders and stores the PDF exactly once."""
    _require_step(actor, minutes, "publish")
    if settings.PRODUCTION and not settings.PUBLIC_BASE_URL:
        raise InvalidTransition(
            _(
                "نشانی عمومی سامانه (PUBLIC_BASE_URL) تنظیم نشده است؛ بدون آن نشانی بررسی "
                "اصالت در PDF قابل استفاده نیست و انتشار انجام نمی‌شود. به مدیر سامانه خبر دهید."
            )
        )
    locked = _transition(actor, minutes, "publish")
    if locked.meeting.secretary_person_id is None:
        raise InvalidTransition(
            _("دبیر جلسه تعیین نشده است؛ پیش از انتشار، دبیر جلسه را در ویرایش جلسه تعیین کنید.")
        )
    locked.published_at = at or timezone.now()
    locked.published_by = _signed_in(actor)
    locked.document_id = document_id(locked)
    locked.snapshot = build_snapshot(locked, public=True)
    locked.save()
    _log(
        actor,
        "minutes.publish",
        locked,
        locked.meeting,
        {"status": "approved"},
        {"status": "published", "document_id": locked.document_id},
    )
    notices.minutes_published(actor, locked)
    from minutes.tasks import enqueue_pdf

    # The PDF is rendered by a task (minutes/tasks.py), queued once the publication has
    # committed, so publishing answers at once. robust: a failure to queue is logged, and
    # `manage.py store_pdfs` queues it again; it must not undo or hide the publication.
    transaction.on_commit(lambda: enqueue_pdf(locked.pk), robust=True)
    return locked


@transaction.atomic
def issue_correction(actor: User | AnonymousUser, minutes: Minutes, reason: str) -> Minutes:
    """Open a correction (erratum): a new draft revision that points at the published one.
    The published revision, its PDF and its hash stay on record unchanged."""
    meeting = minutes.meeting
    _require_step(actor, minutes, "correct")
    if minutes.status != WORKFLOW["correct"].source:
        raise InvalidTransition(_("اصلاحیه فقط برای صورتجلسه منتشرشده صادر می‌شود."))
    latest = meeting.latest_minutes()
    assert latest is not None  # minutes is one of the meeting's revisions
    if latest.pk != minutes.pk:
        raise InvalidTransition(_("برای این صورتجلسه پیش‌تر اصلاحیه باز شده است."))
    if not reason.strip():
        raise ServiceError(_("علت اصلاح را بنویسید."), field="reason")
    try:
        correction = Minutes.objects.create(
            meeting=meeting,
            revision=minutes.revision + 1,
            summary=minutes.summary,
            classification=minutes.classification,
            distribution=minutes.distribution,
            corrects=minutes,
            correction_reason=reason.strip(),
        )
    except IntegrityError:
        raise InvalidTransition(_("برای این صورتجلسه پیش‌تر اصلاحیه باز شده است.")) from None
    _log(
        actor,
        "minutes.correct",
        correction,
        meeting,
        None,
        {"revision": correction.revision, "corrects": minutes.revision},
        note=correction.correction_reason,
    )
    return correction


@dataclass(frozen=True)
class Step:
    """One step of the minutes' workflow, as the services, the working pages' buttons and
    POST handlers, and the API's actions all know it."""

    name: str
    service: Callable[..., Minutes]
    # Who may take it (minutes.policy), and the message a refused actor reads.
    allowed: Callable[[User | AnonymousUser, Meeting], bool]
    refused: StrOrPromise
    # The status of the revision it starts from, and the one it ends in; None when it
    # leaves the revision as it is and opens a new draft (a correction).
    source: Minutes.Status
    target: Minutes.Status | None
    label: StrOrPromise  # its name in a refusal: «… فقط از وضعیت … ممکن است»
    button: StrOrPromise  # the button (or link) on the meeting's page
    done: StrOrPromise  # the message once it is done
    asks_reason: bool = False  # a page with a reason form rather than a one-click POST


WORKFLOW: dict[str, Step] = {
    step.name: step
    for step in (
        Step(
            "submit",
            submit_minutes,
            policy.can_record,
            gettext_lazy("فقط رییس جلسه صورتجلسه را ارسال می‌کند."),
            Minutes.Status.DRAFT,
            Minutes.Status.SUBMITTED,
            label=gettext_lazy("ارسال برای تأیید"),
            button=gettext_lazy("ارسال برای تأیید"),
            done=gettext_lazy("صورتجلسه برای تأیید فرستاده شد."),
        ),
        Step(
            "approve",
            approve_minutes,
            policy.can_approve,
            gettext_lazy("فقط رییس جلسه صورتجلسه را تأیید می‌کند."),
            Minutes.Status.SUBMITTED,
            Minutes.Status.APPROVED,
            label=gettext_lazy("تأیید"),
            button=gettext_lazy("تأیید صورتجلسه"),
            done=gettext_lazy("صورتجلسه تأیید شد."),
        ),
        Step(
            "publish",
            publish_minutes,
            policy.can_publish,
            gettext_lazy("فقط دبیرخانه صورتجلسه را منتشر می‌کند."),
            Minutes.Status.APPROVED,
            Minutes.Status.PUBLISHED,
            label=gettext_lazy("انتشار"),
            button=gettext_lazy("انتشار عمومی"),
            done=gettext_lazy("صورتجلسه منتشر شد."),
        ),
        Step(
            "correct",
            issue_correction,
            policy.can_correct,
            gettext_lazy("اصلاحیه را دبیرخانه یا رییس جلسه صادر می‌کند."),
            Minutes.Status.PUBLISHED,
            None,
            label=gettext_lazy("صدور اصلاحیه"),
            button=gettext_lazy("صدور اصلاحیه"),
            done=gettext_lazy("اصلاحیه به صورت پیش‌نویس تازه باز شد."),
            asks_reason=True,
        ),
    )
}
# The steps taken with one click (a POST naming the step), without a reason.
ONE_CLICK = tuple(name for name, step in WORKFLOW.items() if not step.asks_reason)


def next_steps(actor: User | AnonymousUser, minutes: Minutes | None) -> list[Step]:
    """The steps ``actor`` may take from the status ``minutes`` (a meeting's latest
    revision) is in: the buttons its page shows."""
    if minutes is None:
        return []
    return [
        step
        for step in WORKFLOW.values()
        if step.source == minutes.status and step.allowed(actor, minutes.meeting)
    ]


# --- Attachments --------------------------------------------------------------------------


@transaction.atomic
def add_attachment(
    actor: User | AnonymousUser,
    meeting: Meeting,
    *,
    upload,
    title: str = "",
    agenda_item: AgendaItem | None = None,
    public: bool = True,
) -> Attachment:
    """Attach a document to the meeting (to one of its agenda items, or to its minutes).
    Its type is decided by its content; it is stored under its SHA-256, never its name."""
    _require(policy.can_attach(actor, meeting), _("پیوست را دبیرخانه یا رییس جلسه می‌افزاید."))
    if meeting.status == Meeting.Status.CANCELLED:
        raise InvalidTransition(_("جلسه لغو شده است."))
    if meeting.record_is_frozen():
        raise InvalidTransition(str(PublishedRecordError()))
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ServiceError(_("این بند از دستور جلسه دیگری است."), field="agenda_item")
    limit = settings.ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise ServiceError(
            _("هر پیوست حداکثر %(limit)s است؛ این فایل %(size)s است.")
            % {"limit": file_size(limit), "size": file_size(upload.size)},
            field="file",
        )
    used = sum(meeting.attachments.values_list("size", flat=True))
    meeting_limit = settings.ATTACHMENT_MEETING_MAX_BYTES
    if used + upload.size > meeting_limit:
        raise ServiceError(
            _("پیوست‌های هر جلسه روی هم حداکثر %(limit)s است؛ %(used)s پیش‌تر بارگذاری شده است.")
            % {"limit": file_size(meeting_limit), "used": file_size(used)},
            field="file",
        )
    upload.seek(0)
    data = upload.read()
    kind = sniff(data)
    if kind is None:
        raise ServiceError(
            _(
                "نوع این فایل پذیرفته نیست. پیوست باید PDF، PNG، JPEG، DOCX، XLSX، ODT یا ODS "
                "باشد (از روی محتوای فایل، نه نام آن)."
            ),
            field="file",
        )
    name = (getattr(upload, "name", "") or "").rsplit("/", 1)[-1][:255]
    title = (title or "").strip() or name.rsplit(".", 1)[0].strip()
    if not title:
        raise ServiceError(_("عنوان پیوست را بنویسید."), field="title")
    if len(title) > 200:
        raise ServiceError(_("عنوان پیوست حداکثر ۲۰۰ نویسه است."), field="title")
    attachment = Attachment(
        meeting=meeting,
        agenda_item=agenda_item,
        title=title,
        original_name=name or title,
        kind=kind,
        content_type=CONTENT_TYPES[kind],
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        public=public,
        uploaded_by=_signed_in(actor),
    )
    attachment.file.save("upload", ContentFile(data), save=False)
    stored = attachment.file.name
    assert stored is not None  # the file was saved just above
    try:
        attachment.save()
        _log(
            actor,
            "attachment.add",
            attachment,
            meeting,
            None,
            {"title": title, "sha256": attachment.sha256, "size": attachment.size},
        )
    except BaseException:
        attachment.file.storage.delete(stored)
        raise
    return attachment


@transaction.atomic
def remove_attachment(actor: User | AnonymousUser, attachment: Attachment) -> None:
    meeting = attachment.meeting
    _require(policy.can_attach(actor, meeting), _("پیوست را دبیرخانه یا رییس جلسه برمی‌دارد."))
    if meeting.record_is_frozen():
        raise InvalidTransition(str(PublishedRecordError()))
    stored, storage = attachment.file.name, attachment.file.storage
    assert stored is not None  # an attachment always has its file
    before = {"title": attachment.title, "sha256": attachment.sha256}
    attachment.delete()
    _log(actor, "attachment.remove", meeting, meeting, before, None, note=before["title"])
    # Another attachment may hold the same bytes under the same name.
    if not Attachment.objects.filter(file=stored).exists():
        transaction.on_commit(lambda: storage.delete(stored))


# --- Follow-up ---------------------------------------------------------------------------


@transaction.atomic
def record_follow_up(
    actor: User | AnonymousUser,
    decision: Decision,
    *,
    status: str,
    note: str,
    date: datetime.date | None = None,
) -> FollowUp:
    """Record progress on a published decision: a dated note and its new status."""
    _require(
        policy.can_follow_up(actor, decision), _("پیگیری را دبیرخانه یا مسئول اجرا ثبت می‌کند.")
    )
    published = decision.meeting.minutes.filter(status=Minutes.Status.PUBLISHED).exists()
    if not published:
        raise InvalidTransition(_("پیگیری پس از انتشار صورتجلسه ثبت می‌شود."))
    if status not in Decision.Status.values:
        raise ServiceError(_("وضعیت نامعتبر است."), field="status")
    if not note.strip():
        raise ServiceError(_("شرح اقدام را بنویسید."), field="note")
    if len(note) > TEXT_MAX:
        raise ServiceError(_("شرح اقدام حداکثر ۴۰۰۰ نویسه است."), field="note")
    date = date or timezone.localdate()
    if date > timezone.localdate():
        raise ServiceError(_("تاریخ پیگیری نمی‌تواند در آینده باشد."), field="date")
    if date < decision.meeting.day:
        raise ServiceError(
            _("تاریخ پیگیری نمی‌تواند پیش از تاریخ جلسه (%(day)s) باشد.")
            % {"day": format_date(decision.meeting.day)},
            field="date",
        )
    follow_up = FollowUp.objects.create(
        decision=decision,
        date=date,
        status=status,
        note=note.strip(),
        recorded_by=_signed_in(actor),
    )
    before = {"status": decision.status}
    # The decision's status is that of its latest note by date, so a note recorded late
    # about an earlier day does not undo later progress.
    latest = decision.follow_ups.order_by("-date", "-pk").first()
    assert latest is not None  # follow_up, created above
    if decision.status != latest.status:
        decision.status = latest.status
        decision.save(update_fields=["status", "updated_at"])
    _log(
        actor,
        "decision.follow_up",
        decision,
        decision.meeting,
        before,
        {"status": status},
        note=follow_up.note,
    )
    notices.follow_up_recorded(actor, follow_up)
    return follow_up

"""Notifications: what a person is told, in their dashboard and by email, when something
they care about happens.

| what happens (the service)                              | who is told                          |
|---------------------------------------------------------|--------------------------------------|
| a journalist's question is accepted or declined         | its author (with the reason)         |
| minutes are submitted (``submit_minutes``)              | the committee's secretariat, and the |
|                                                         | members present (the draft preview)  |
| minutes are approved (``approve_minutes``)              | the committee's secretariat          |
| minutes are published (``publish_minutes``)             | the body's members and everyone      |
|                                                         | responsible for one of its decisions |
| someone is named responsible for a decision             | that person                          |
| a follow-up is recorded on a decision                   | the person responsible for it        |

Each is called by its service inside the service's transaction: the dashboard entry is a row
of that transaction, and the email goes through the outbox (``queue_email``), sent only once
the transaction has committed, so a change that is rolled back tells nobody anything.

Nobody is told of their own action, and nobody is told of something they may not see
(minutes/visibility.py): a notification is made only when its item is visible to the
person's account. A person named responsible for a decision they cannot see yet (not a
member of the body, the minutes still a draft) is told when the minutes are published, if
the decision is public.

Each person chooses on their account page (``/account/``) which of these emails they get
(:class:`EmailPreferences`; all on by default). An email turned off is not sent, but the
notification still appears in the dashboard: the dashboard is the record of what happened,
the email only a way of hearing of it. Invitations (and the reminders to answer them) are
always sent and are not a choice.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from committee.models import CommitteeRole
from minutes.outbox import absolute_url, queue_email, render_email
from persian.digits import localized_digits
from persian.jalali import format_date, format_time

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from committee.models import Person
    from minutes.models import Decision, FollowUp, Meeting, Minutes, Question


class NotificationQuerySet(models.QuerySet):
    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One thing a person was told, shown in their dashboard until they mark it read."""

    class Kind(models.TextChoices):
        QUESTION_ACCEPTED = "question_accepted", _("پرسش پذیرفته شد")
        QUESTION_DECLINED = "question_declined", _("پرسش پذیرفته نشد")
        MINUTES_SUBMITTED = "minutes_submitted", _("صورتجلسه برای تأیید فرستاده شد")
        MINUTES_DRAFT = "minutes_draft", _("پیش‌نویس صورتجلسه برای حاضران")
        MINUTES_APPROVED = "minutes_approved", _("صورتجلسه تأیید شد")
        MINUTES_PUBLISHED = "minutes_published", _("صورتجلسه منتشر شد")
        DECISION_ASSIGNED = "decision_assigned", _("مسئولیت اجرای مصوبه")
        FOLLOW_UP = "follow_up", _("پیگیری مصوبه")

    person = models.ForeignKey(
        "committee.Person",
        verbose_name=_("شخص"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("نوع"), max_length=32, choices=Kind.choices)
    text = models.CharField(_("متن"), max_length=500)
    link = models.CharField(_("پیوند"), max_length=500, blank=True)
    meeting = models.ForeignKey(
        "minutes.Meeting",
        verbose_name=_("جلسه"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    created_at = models.DateTimeField(_("زمان"), default=timezone.now)
    read_at = models.DateTimeField(_("زمان خواندن"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("اعلان")
        verbose_name_plural = _("اعلان‌ها")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["person", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.text


class EmailPreferences(models.Model):
    """Which notification emails a person receives; every one is on until they turn it off
    on their account page. A person without a row receives them all."""

    person = models.OneToOneField(
        "committee.Person",
        verbose_name=_("شخص"),
        on_delete=models.CASCADE,
        related_name="email_preferences",
    )
    question_decided = models.BooleanField(
        _("پذیرفته شدن یا نشدن پرسش‌هایی که طرح کرده‌ام"), default=True
    )
    minutes_submitted = models.BooleanField(
        _("صورتجلسه‌ای برای تأیید فرستاده شد (دبیرخانه)"), default=True
    )
    minutes_draft = models.BooleanField(
        _("پیش‌نویس صورتجلسه جلسه‌ای که در آن حاضر بوده‌ام"), default=True
    )
    minutes_approved = models.BooleanField(_("صورتجلسه‌ای تأیید شد (دبیرخانه)"), default=True)
    minutes_published = models.BooleanField(
        _("انتشار صورتجلسه کارگروه من یا جلسه‌ای که مصوبه‌ای از آن بر عهده من است"),
        default=True,
    )
    decision_assigned = models.BooleanField(_("مسئول اجرای مصوبه‌ای شدم"), default=True)
    follow_up = models.BooleanField(
        _("پیگیری تازه برای مصوبه‌ای که مسئول اجرای آن هستم"), default=True
    )
    decision_deadline = models.BooleanField(
        _("یادآوری مهلت اجرای مصوباتی که بر عهده من است"), default=True
    )
    overdue_digest = models.BooleanField(
        _("گزارش هفتگی مصوبات عقب‌افتاده‌ای که بر عهده من است"), default=True
    )
    updated_at = models.DateTimeField(_("زمان ویرایش"), auto_now=True)

    # The choices, in the order the account page lists them.
    FIELDS = (
        "question_decided",
        "minutes_submitted",
        "minutes_draft",
        "minutes_approved",
        "minutes_published",
        "decision_assigned",
        "follow_up",
        "decision_deadline",
        "overdue_digest",
    )

    class Meta:
        verbose_name = _("ترجیحات ایمیل")
        verbose_name_plural = _("ترجیحات ایمیل")

    def __str__(self) -> str:
        return str(self.person)

    @classmethod
    def of(cls, person: Person) -> EmailPreferences:
        """The person's choices (unsaved defaults, all on, when they never chose)."""
        return cls.objects.filter(person=person).first() or cls(person=person)


# Which choice of EmailPreferences governs the email of each kind (the notifications', and
# the reminders' of minutes/reminders.py). A kind not listed (the invitation and its
# reminder) is always sent.
PREFERENCE_OF = {
    Notification.Kind.QUESTION_ACCEPTED: "question_decided",
    Notification.Kind.QUESTION_DECLINED: "question_decided",
    Notification.Kind.MINUTES_SUBMITTED: "minutes_submitted",
    Notification.Kind.MINUTES_DRAFT: "minutes_draft",
    Notification.Kind.MINUTES_APPROVED: "minutes_approved",
    Notification.Kind.MINUTES_PUBLISHED: "minutes_published",
    Notification.Kind.DECISION_ASSIGNED: "decision_assigned",
    Notification.Kind.FOLLOW_UP: "follow_up",
    "decision_deadline": "decision_deadline",
    "overdue_digest": "overdue_digest",
}


def wants_email(person: Person, kind: str) -> bool:
    field = PREFERENCE_OF.get(kind)
    if field is None:
        return True
    return bool(getattr(EmailPreferences.of(person), field))


# --- Telling people -------------------------------------------------------------------------


def preferences_url() -> str:
    return absolute_url(reverse("account"))


# Set by without_email(): notifications are still made, their emails not queued.
_emails_off: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "notice_emails_off", default=False
)


@contextlib.contextmanager
def without_email() -> Iterator[None]:
    """Make notifications without emailing anyone (the demo loader, which records past
    events as if they had happened: its people get dashboard entries, not mail)."""
    token = _emails_off.set(True)
    try:
        yield
    finally:
        _emails_off.reset(token)


def send_notice_email(
    person: Person,
    kind: str,
    *,
    subject: str,
    lines: Iterable[str],
    facts: Iterable[tuple[str, str]] = (),
    items: Iterable[dict] = (),
    link: str = "",
    link_label: str = "",
    meeting: Meeting | None = None,
    committee_name: str = "",
    dedupe_key: str = "",
):
    """One email of the outbox built from the shared notice templates (email/notice.*):
    the subject, a greeting, paragraphs, a few labelled facts (the meeting, the date), a
    list of items (decisions) and a button to the page. Nothing when the person has no
    address or turned this kind of email off. Returns the outbox row or None."""
    if not person.email or _emails_off.get() or not wants_email(person, kind):
        return None
    context = {
        "title": subject,
        "person": person,
        "lines": list(lines),
        "facts": list(facts),
        "items": [
            item | {"url": absolute_url(item["url"])} if item.get("url") else item for item in items
        ],
        "link": absolute_url(link) if link else "",
        "link_label": link_label,
        "committee_name": committee_name,
        "preferences_url": preferences_url(),
    }
    rendered = render_email("notice", context)
    return queue_email(
        kind=kind,
        to=person.email,
        subject=rendered.subject,
        text=rendered.text,
        html=rendered.html,
        person=person,
        meeting=meeting,
        dedupe_key=dedupe_key,
    )


F = TypeVar("F", bound=Callable)


def in_persian(function: F) -> F:
    """Run ``function`` with Persian active: what it stores and sends is in Persian whatever
    the language of the request that caused it."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with translation.override("fa"):
            return function(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def user_of(person: Person) -> User | AnonymousUser:
    user = person.user if person.user_id else None
    return user if user is not None and user.is_active else AnonymousUser()


def _meeting_facts(meeting: Meeting) -> list[tuple[str, str]]:
    when = format_date(meeting.starts_at, with_weekday=True)
    return [
        (_t("جلسه"), meeting.title),
        (_t("برگزارکننده"), meeting.body_name),
        (_t("تاریخ"), f"{when}، {_t('ساعت')} {format_time(meeting.starts_at)}"),
    ]


def _tell(
    people: Iterable[Person],
    kind: str,
    *,
    actor: User | AnonymousUser | None,
    text: str,
    link: str,
    meeting: Meeting,
    subject: str,
    lines: list[str],
    facts: list[tuple[str, str]] | None = None,
    items: Iterable[dict] = (),
    link_label: str = "",
    may_see=None,
    at=None,
) -> list[Notification]:
    """Make one notification per person (once each, never the actor) who may see it
    (``may_see(user)``), and queue its email unless they turned that kind off."""
    actor_person_id = getattr(getattr(actor, "person", None), "pk", None)
    made = []
    seen: set[int] = set()
    facts = facts if facts is not None else _meeting_facts(meeting)
    for person in people:
        if person.pk in seen or person.pk == actor_person_id:
            continue
        seen.add(person.pk)
        if may_see is not None and not may_see(user_of(person)):
            continue
        made.append(
            Notification.objects.create(
                person=person,
                kind=kind,
                text=text[:500],
                link=link,
                meeting=meeting,
                created_at=at or timezone.now(),
            )
        )
        send_notice_email(
            person,
            kind,
            subject=subject,
            lines=lines,
            facts=facts,
            items=items,
            link=link,
            link_label=link_label,
            meeting=meeting,
            committee_name=meeting.committee.name,
        )
    return made


def _secretariat(meeting: Meeting) -> list[Person]:
    roles = (
        meeting.committee.roles.active_on(timezone.localdate())
        .filter(
            role__in=[CommitteeRole.Role.SECRETARIAT_HEAD, CommitteeRole.Role.SECRETARIAT_STAFF]
        )
        .select_related("person__user")
    )
    return [role.person for role in roles]


def _sees_meeting_internally(meeting: Meeting):
    from minutes.models import Meeting as MeetingModel

    return lambda user: MeetingModel.objects.internal_to(user).filter(pk=meeting.pk).exists()


# --- Questions ------------------------------------------------------------------------------


@in_persian
def question_decided(actor: User | AnonymousUser, question: Question) -> list[Notification]:
    """Tell a question's author it was put on the agenda, or declined and why."""
    from minutes.models import Question as QuestionModel

    meeting = question.meeting
    accepted = question.status == QuestionModel.Status.ACCEPTED
    with_title = {"title": question.title, "meeting": meeting.title}
    if accepted:
        kind = Notification.Kind.QUESTION_ACCEPTED
        text = _t("پرسش شما «%(title)s» در دستور جلسه «%(meeting)s» قرار گرفت.") % with_title
        subject = _t("پرسش شما در دستور جلسه قرار گرفت: %(title)s") % with_title
        lines = [text]
    else:
        kind = Notification.Kind.QUESTION_DECLINED
        text = _t("پرسش شما «%(title)s» برای جلسه «%(meeting)s» پذیرفته نشد.") % with_title
        subject = _t("پرسش شما پذیرفته نشد: %(title)s") % with_title
        lines = [text, _t("علت: %(reason)s") % {"reason": question.decline_reason}]
    return _tell(
        [question.author],
        kind,
        actor=actor,
        text=text if accepted else f"{text} {lines[1]}",
        link=f"{meeting.get_absolute_url()}#questions",
        meeting=meeting,
        subject=subject,
        lines=lines,
        link_label=_t("دیدن جلسه"),
        may_see=lambda user: (
            QuestionModel.objects.internal_to(user).filter(pk=question.pk).exists()
        ),
    )


# --- Minutes --------------------------------------------------------------------------------


def _present_members(meeting: Meeting) -> list[Person]:
    from minutes.models import Attendance

    rows = meeting.attendances.filter(status=Attendance.Status.PRESENT).select_related(
        "person__user"
    )
    return [row.person for row in rows]


@in_persian
def minutes_submitted(actor: User | AnonymousUser, minutes: Minutes) -> list[Notification]:
    """The secretariat hears that minutes wait for approval; the members who were present
    get the link to the draft's preview (minutes.publication: ``minutes_draft_preview``),
    to read what will be approved."""
    meeting = minutes.meeting
    named = {"meeting": meeting.title, "body": meeting.body_name}
    preview = reverse("minutes_draft_preview", args=[minutes.pk])
    made = _tell(
        _secretariat(meeting),
        Notification.Kind.MINUTES_SUBMITTED,
        actor=actor,
        text=_t("صورتجلسه «%(meeting)s» (%(body)s) برای تأیید فرستاده شد.") % named,
        link=meeting.get_absolute_url(),
        meeting=meeting,
        subject=_t("صورتجلسه برای تأیید فرستاده شد: %(meeting)s") % named,
        lines=[
            _t(
                "رییس جلسه صورتجلسه «%(meeting)s» از %(body)s را برای تأیید فرستاد. "
                "پس از تأیید، دبیرخانه آن را منتشر می‌کند."
            )
            % named
        ],
        link_label=_t("دیدن جلسه"),
        may_see=_sees_meeting_internally(meeting),
    )
    secretariat = {n.person_id for n in made}
    present = [p for p in _present_members(meeting) if p.pk not in secretariat]
    made += _tell(
        present,
        Notification.Kind.MINUTES_DRAFT,
        actor=actor,
        text=_t("پیش‌نویس صورتجلسه «%(meeting)s» که در آن حاضر بودید آماده بررسی است.") % named,
        link=preview,
        meeting=meeting,
        subject=_t("پیش‌نویس صورتجلسه برای بررسی: %(meeting)s") % named,
        lines=[
            _t(
                "صورتجلسه «%(meeting)s» از %(body)s که در آن حاضر بودید، برای تأیید فرستاده "
                "شد. پیش‌نویس آن را بخوانید و اگر نکته‌ای دارید به رییس جلسه یا دبیرخانه بگویید."
            )
            % named
        ],
        link_label=_t("خواندن پیش‌نویس (PDF)"),
        may_see=lambda user: _may_preview(user, minutes),
    )
    return made


def _may_preview(user, minutes: Minutes) -> bool:
    from minutes import policy

    return policy.can_preview_minutes(user, minutes)


@in_persian
def minutes_approved(actor: User | AnonymousUser, minutes: Minutes) -> list[Notification]:
    """The secretariat hears that approved minutes wait to be published."""
    meeting = minutes.meeting
    named = {"meeting": meeting.title, "body": meeting.body_name}
    return _tell(
        _secretariat(meeting),
        Notification.Kind.MINUTES_APPROVED,
        actor=actor,
        text=_t("صورتجلسه «%(meeting)s» (%(body)s) تأیید شد و آماده انتشار است.") % named,
        link=meeting.get_absolute_url(),
        meeting=meeting,
        subject=_t("صورتجلسه تأیید شد و آماده انتشار است: %(meeting)s") % named,
        lines=[_t("صورتجلسه «%(meeting)s» از %(body)s تأیید شد و آماده انتشار عمومی است.") % named],
        link_label=_t("دیدن جلسه و انتشار"),
        may_see=_sees_meeting_internally(meeting),
    )


@in_persian
def minutes_published(actor: User | AnonymousUser, minutes: Minutes) -> list[Notification]:
    """The body's members and everyone responsible for one of its decisions hear that the
    minutes are public, each with the decisions they carry out. Someone responsible for a
    public decision who was not told of it before (they could not see the draft) is told
    now that they are responsible for it."""
    meeting = minutes.meeting
    named = {"meeting": meeting.title, "body": meeting.body_name}
    link = reverse("portal_minutes", args=[minutes.document_id])
    decisions = list(
        meeting.decisions.filter(responsible_person__isnull=False).select_related(
            "responsible_person__user"
        )
    )
    # An internal decision's responsible person hears of it only if they see the internal
    # record.
    sees_internal = _sees_meeting_internally(meeting)
    visible = [
        d
        for d in decisions
        if d.responsible_person is not None
        and (d.is_public or sees_internal(user_of(d.responsible_person)))
    ]
    people = list(meeting.body_members(timezone.localdate()))
    people += [d.responsible_person for d in visible if d.responsible_person is not None]
    made = []
    with_decisions: dict[int | None, list[Decision]] = {}
    for d in visible:
        with_decisions.setdefault(d.responsible_person_id, []).append(d)
    text = _t("صورتجلسه «%(meeting)s» (%(body)s) منتشر شد.") % named
    for person in dict.fromkeys(people):
        mine = with_decisions.get(person.pk, [])
        lines = [
            _t("صورتجلسه «%(meeting)s» از %(body)s منتشر شد و برای همه شهروندان در دسترس است.")
            % named
        ]
        if mine:
            lines.append(_t("اجرای این مصوبات بر عهده شماست:"))
        items = [item for d in mine for item in _decision_items(d, linked=True)]
        made += _tell(
            [person],
            Notification.Kind.MINUTES_PUBLISHED,
            actor=actor,
            text=text,
            link=link,
            meeting=meeting,
            subject=_t("صورتجلسه منتشر شد: %(meeting)s") % named,
            lines=lines,
            items=items,
            link_label=_t("خواندن صورتجلسه"),
            at=minutes.published_at,  # the demo publishes its history at past moments
        )
    told = set(
        Notification.objects.filter(
            kind=Notification.Kind.DECISION_ASSIGNED, meeting=meeting
        ).values_list("person_id", "link")
    )
    for d in decisions:
        if d.is_public and (d.responsible_person_id, _decision_link(d)) not in told:
            made += decision_assigned(actor, d)
    return made


# --- Decisions ------------------------------------------------------------------------------


def _decision_link(decision: Decision) -> str:
    return f"{decision.meeting.get_absolute_url()}#decision-{decision.pk}"


def may_see_decision(decision: Decision):
    """The decision is visible to the user: internal to them, or public in published minutes."""
    from minutes.models import Decision as DecisionModel
    from minutes.models import Minutes as MinutesModel

    def may_see(user) -> bool:
        if DecisionModel.objects.internal_to(user).filter(pk=decision.pk).exists():
            return True
        published = decision.meeting.minutes.filter(status=MinutesModel.Status.PUBLISHED)
        return decision.is_public and published.exists()

    return may_see


def _decision_items(decision: Decision, *, linked: bool = False) -> list[dict]:
    """The decision as the emails list it: its text, its number and Jalali deadline, and
    (``linked``) a link to it on the meeting page."""
    meta = localized_digits(_t("مصوبه %(number)s") % {"number": decision.number})
    if decision.deadline:
        meta += " · " + _t("مهلت اجرا: %(day)s") % {"day": format_date(decision.deadline)}
    item = {"text": decision.text, "meta": meta}
    if linked:
        item["url"] = _decision_link(decision)
    return [item]


@in_persian
def decision_assigned(actor: User | AnonymousUser, decision: Decision) -> list[Notification]:
    """Tell the person named responsible for a decision (when it is made, or when another
    person is named), if they may see it; otherwise minutes_published tells them."""
    person = decision.responsible_person
    if person is None:
        return []
    meeting = decision.meeting
    named = {"meeting": meeting.title}
    return _tell(
        [person],
        Notification.Kind.DECISION_ASSIGNED,
        actor=actor,
        text=_t("شما مسئول اجرای مصوبه‌ای از جلسه «%(meeting)s» شدید: %(text)s")
        % {**named, "text": Truncator(decision.text).chars(90)},
        link=_decision_link(decision),
        meeting=meeting,
        subject=_t("مسئولیت اجرای مصوبه: %(meeting)s") % named,
        lines=[_t("اجرای این مصوبه از جلسه «%(meeting)s» بر عهده شما گذاشته شد:") % named],
        items=_decision_items(decision),
        link_label=_t("دیدن مصوبه"),
        may_see=may_see_decision(decision),
    )


@in_persian
def follow_up_recorded(actor: User | AnonymousUser, follow_up: FollowUp) -> list[Notification]:
    """Tell the person responsible for a decision that a follow-up was recorded on it."""
    decision = follow_up.decision
    person = decision.responsible_person
    if person is None:
        return []
    meeting = decision.meeting
    named = {
        "meeting": meeting.title,
        "status": follow_up.get_status_display(),
        "day": format_date(follow_up.date),
    }
    return _tell(
        [person],
        Notification.Kind.FOLLOW_UP,
        actor=actor,
        text=_t("پیگیری تازه برای مصوبه‌ای از جلسه «%(meeting)s»: %(status)s") % named,
        link=_decision_link(decision),
        meeting=meeting,
        subject=_t("پیگیری تازه برای مصوبه: %(meeting)s") % named,
        lines=[
            _t("برای مصوبه‌ای که اجرای آن بر عهده شماست، در تاریخ %(day)s پیگیری ثبت شد.") % named,
            _t("وضعیت: %(status)s") % named,
            _t("شرح اقدام: %(note)s") % {"note": follow_up.note},
        ],
        items=_decision_items(decision),
        link_label=_t("دیدن مصوبه"),
        may_see=may_see_decision(decision),
    )


# --- The dashboard --------------------------------------------------------------------------


def mark_read(person: Person, notification_id: int | None = None) -> int:
    """Mark one of the person's notifications read (or all of them); how many."""
    rows = Notification.objects.unread().filter(person=person)
    if notification_id is not None:
        rows = rows.filter(pk=notification_id)
    return rows.update(read_at=timezone.now())

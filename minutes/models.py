"""Meetings of the committee or a workgroup, what was on the table, who came, what was
decided, and the minutes that record it."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import BooleanField, Case, Exists, F, OuterRef, Q, Subquery, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committee import quorum as quorum_rules
from committee.models import Committee, District, Organization, Person
from committee.quorum import Quorum
from minutes.visibility import Viewer
from persian.collation import COLLATION
from persian.jalali import jalali_year
from persian.validators import validate_one_line
from workgroups.models import Membership, Workgroup

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser

    # A user, or the look-ups of one already made (minutes/visibility.py).
    Who = Viewer | AbstractBaseUser | AnonymousUser | None

# The one message of «a meeting ends after it starts»: the database constraint, the model's
# validation (full_clean, as the archive import runs it) and the services all say it.
MEETING_ENDS_AFTER_START = _("پایان جلسه باید پس از شروع آن باشد.")


class PublishedRecordError(Exception):
    """Raised when something tries to change published minutes or what they record."""

    def __init__(self, message: str | None = None):
        super().__init__(
            message
            or _(
                "این صورتجلسه منتشر شده و تغییرناپذیر است؛ برای اصلاح، اصلاحیه (ویرایش تازه) "
                "با ذکر علت صادر کنید."
            )
        )


class FrozenWhenPublishedMixin:
    """Refuses, in save() and delete(), to change what the published minutes record.

    The record of a meeting is frozen while its latest minutes revision is published; an
    erratum opens a new draft revision, and the published one keeps its own stored copy.
    ``frozen_fields`` lists the fields that may not change; the rest (a decision's current
    status, timestamps) may.
    """

    frozen_fields: tuple[str, ...] = ()

    def meeting_for_freeze(self) -> Meeting | None:
        return getattr(self, "meeting", None)

    def _is_frozen(self) -> bool:
        meeting = self.meeting_for_freeze()
        return meeting is not None and meeting.pk is not None and meeting.record_is_frozen()

    def _changed_frozen_fields(self) -> list[str]:
        stored = type(self)._default_manager.filter(pk=self.pk)
        old = stored.values(*self._frozen_attnames()).first()
        if old is None:
            return []
        return [name for name, value in old.items() if getattr(self, name) != value]

    def _frozen_attnames(self) -> list[str]:
        return [self._meta.get_field(name).attname for name in self.frozen_fields]

    def save(self, *args, **kwargs):
        if self._is_frozen():
            if self._state.adding or self._changed_frozen_fields():
                raise PublishedRecordError()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._is_frozen():
            raise PublishedRecordError()
        return super().delete(*args, **kwargs)


# Who may see what: minutes/visibility.py describes the rules these methods implement.


def _latest_revision_status() -> Subquery:
    return Subquery(
        Minutes.objects.filter(meeting=OuterRef("pk")).order_by("-revision").values("status")[:1]
    )


def _internal_scopes(viewer: Viewer) -> list[tuple[dict[str, None], str, frozenset[int]]]:
    """The rule of internal meetings for one (authenticated, not superuser) viewer, as
    ``(fixed fields, field, ids)``: a meeting is internal when, for one of them, its fixed
    fields hold those values and its ``field`` is among the ids. Read by
    :meth:`MeetingQuerySet.internal_to` (as SQL) and :func:`is_internal_to` (one meeting,
    no query)."""
    return [
        # The secretariat: every meeting of its committees.
        ({}, "committee_id", viewer.managed_committee_ids),
        # Members and chairs: their workgroups' meetings.
        ({}, "workgroup_id", viewer.seat_ids),
        # The committee's chair and the workgroup chairs: the plenary's.
        ({"workgroup_id": None}, "committee_id", viewer.plenary_committee_ids),
    ]


def is_internal_to(who: Who, meeting: Meeting) -> bool:
    """:meth:`MeetingQuerySet.internal_to` asked of one meeting, from the ids the viewer
    read once (no query per meeting)."""
    viewer = Viewer.of(who)
    if not viewer.authenticated:
        return False
    if viewer.superuser:
        return True
    return any(
        getattr(meeting, field) in ids
        and all(getattr(meeting, name) == value for name, value in fixed.items())
        for fixed, field, ids in _internal_scopes(viewer)
    )


def internal_meeting_exists(who: Who, meeting_ref: str = "pk") -> Exists:
    """An expression: the meeting at ``meeting_ref`` is internal to ``who``."""
    return Exists(Meeting.objects.internal_to(who).filter(pk=OuterRef(meeting_ref)))


class MeetingQuerySet(models.QuerySet):
    def internal_to(self, who: Who) -> MeetingQuerySet:
        """Meetings whose internal record (drafts, internal items, proposed questions)
        ``who`` may see: the secretariat sees its committee's, members see their
        workgroup's, and the committee's chair and the workgroup chairs see the plenary's.
        This is the one definition; every view and the API go through it."""
        viewer = Viewer.of(who)
        if not viewer.authenticated:
            return self.none()
        if viewer.superuser:
            return self.all()
        # On the ids the Viewer read once (minutes/visibility.py), not on its guardian
        # querysets: the condition stays a few IN lists wherever it is nested.
        conditions = [
            Q(**fixed, **{f"{field}__in": sorted(ids)})
            for fixed, field, ids in _internal_scopes(viewer)
            if ids
        ]
        if not conditions:
            return self.none()
        condition = conditions[0]
        for other in conditions[1:]:
            condition |= other
        return self.filter(condition)

    def record_frozen(self) -> MeetingQuerySet:
        """Meetings whose latest minutes revision is published: their live record is the
        published one (the models refuse to change it), so its public parts may be shown."""
        return self.annotate(_latest_status=_latest_revision_status()).filter(
            _latest_status=Minutes.Status.PUBLISHED
        )

    def publicly_listed(self) -> MeetingQuerySet:
        """Meetings anyone may see: announced ones, and any with published minutes."""
        published = Minutes.objects.filter(status=Minutes.Status.PUBLISHED).values("meeting")
        return self.filter(Q(is_public=True) | Q(pk__in=published))

    def visible_to(self, who: Who) -> MeetingQuerySet:
        """Every meeting ``who`` may see: the public ones and those internal to them."""
        public = self.publicly_listed()
        viewer = Viewer.of(who)
        if not viewer.user.is_authenticated:
            return public
        return public | self.internal_to(viewer)

    def upcoming(self) -> MeetingQuerySet:
        return self.filter(status=Meeting.Status.SCHEDULED, starts_at__gte=timezone.now()).order_by(
            "starts_at"
        )

    def public(self) -> MeetingQuerySet:
        return self.filter(is_public=True)

    def of_body(self, committee: Committee, workgroup: Workgroup | None) -> MeetingQuerySet:
        if workgroup is None:
            return self.filter(committee=committee, workgroup__isnull=True)
        return self.filter(workgroup=workgroup)


class Meeting(FrozenWhenPublishedMixin, models.Model):
    """A meeting (جلسه) of the whole committee or of one of its workgroups.

    Meetings are numbered per body (the committee, or one workgroup) and per Jalali year,
    as «جلسه شماره ۳ سال ۱۴۰۳».
    """

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("برنامه‌ریزی‌شده")
        HELD = "held", _("برگزارشده")
        CANCELLED = "cancelled", _("لغوشده")

    committee = models.ForeignKey(
        Committee, verbose_name=_("کمیته"), on_delete=models.PROTECT, related_name="meetings"
    )
    workgroup = models.ForeignKey(
        Workgroup,
        verbose_name=_("کارگروه"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        help_text=_("خالی یعنی جلسه کل کمیته."),
    )
    jalali_year = models.PositiveSmallIntegerField(_("سال (شمسی)"), editable=False)
    number = models.PositiveSmallIntegerField(_("شماره جلسه"))
    title = models.CharField(_("عنوان"), max_length=250, validators=[validate_one_line])
    starts_at = models.DateTimeField(_("زمان شروع"))
    ends_at = models.DateTimeField(_("زمان پایان"), null=True, blank=True)
    location = models.CharField(_("محل برگزاری"), max_length=250, validators=[validate_one_line])
    status = models.CharField(
        _("وضعیت"), max_length=16, choices=Status.choices, default=Status.SCHEDULED
    )
    is_public = models.BooleanField(
        _("اعلام عمومی"), default=True, help_text=_("آیا زمان و عنوان جلسه برای عموم اعلام شود؟")
    )
    cancellation_reason = models.TextField(_("علت لغو"), blank=True)
    # Set for a meeting held before it was entered here (from a paper archive): its pages
    # and PDF say «ثبت پسین در تاریخ …».
    registered_late_at = models.DateTimeField(_("ثبت پسین"), null=True, blank=True, editable=False)
    # iCalendar SEQUENCE: raised on each reschedule or cancellation so calendars update.
    invitation_sequence = models.PositiveIntegerField(default=0, editable=False)
    chair_person = models.ForeignKey(
        Person,
        verbose_name=_("رییس جلسه"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    secretary_person = models.ForeignKey(
        Person,
        verbose_name=_("دبیر جلسه"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ثبت‌کننده"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("زمان ایجاد"), auto_now_add=True)
    updated_at = models.DateTimeField(_("زمان ویرایش"), auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("جلسه")
        verbose_name_plural = _("جلسات")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=F("starts_at")),
                name="meeting_ends_after_start",
                violation_error_message=MEETING_ENDS_AFTER_START,
            ),
            models.UniqueConstraint(
                fields=["committee", "jalali_year", "number"],
                condition=Q(workgroup__isnull=True),
                name="meeting_unique_number_committee",
                violation_error_message=_("این شماره جلسه در این سال برای کمیته ثبت شده است."),
            ),
            models.UniqueConstraint(
                fields=["workgroup", "jalali_year", "number"],
                condition=Q(workgroup__isnull=False),
                name="meeting_unique_number_workgroup",
                violation_error_message=_("این شماره جلسه در این سال برای کارگروه ثبت شده است."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "starts_at"], name="meeting_status_start"),
            # The API's decisions and minutes, newest meeting first (api/pagination.py).
            models.Index(fields=["-starts_at", "-id"], name="meeting_start_order"),
        ]

    def __str__(self) -> str:
        return f"{self.body_name} — {self.title}"

    frozen_fields = (
        "committee",
        "workgroup",
        "number",
        "title",
        "starts_at",
        "ends_at",
        "location",
        "chair_person",
        "secretary_person",
    )

    def meeting_for_freeze(self) -> Meeting | None:
        return self

    def get_absolute_url(self) -> str:
        return reverse("meeting_detail", args=[self.pk])

    def body_members(self, day: datetime.date) -> list[Person]:
        """Who belongs to the body on ``day``: a workgroup's members, or for a plenary the
        committee's own roles and the workgroups' chairs."""
        if self.workgroup_id:
            seats = Membership.objects.active_on(day).filter(workgroup=self.workgroup)
            return [seat.person for seat in seats.select_related("person__organization")]
        roles = self.committee.roles.active_on(day).select_related("person__organization")
        chairs = (
            Membership.objects.active_on(day)
            .chairs()
            .filter(workgroup__committee=self.committee)
            .select_related("person__organization")
        )
        return list(dict.fromkeys([r.person for r in roles] + [c.person for c in chairs]))

    def permanent_members(self, day: datetime.date) -> list[Person]:
        """The body's permanent members on ``day``, whom the quorum counts: a workgroup's
        permanent seats, or for a plenary everyone :meth:`body_members` lists."""
        if self.workgroup_id:
            seats = Membership.objects.active_on(day).filter(
                workgroup=self.workgroup, is_permanent=True
            )
            return [seat.person for seat in seats.select_related("person__organization")]
        return self.body_members(day)

    @property
    def day(self) -> datetime.date:
        return timezone.localtime(self.starts_at).date()

    @property
    def quorum_rule(self) -> str:
        return self.workgroup.quorum if self.workgroup_id else self.committee.quorum

    def quorum(self) -> Quorum:
        """Who of the permanent members attended, against the body's rule."""
        members = {person.pk for person in self.permanent_members(self.day)}
        present = self.attendances.filter(
            person_id__in=members, status=Attendance.Status.PRESENT
        ).count()
        return Quorum(
            members=len(members),
            present=present,
            required=quorum_rules.required(self.quorum_rule, len(members)),
        )

    def latest_minutes(self) -> Minutes | None:
        return self.minutes.order_by("-revision").first()

    def record_is_frozen(self) -> bool:
        latest = self.latest_minutes()
        return latest is not None and latest.status == Minutes.Status.PUBLISHED

    @property
    def body_name(self) -> str:
        return self.workgroup.name if self.workgroup_id else self.committee.name

    @classmethod
    def next_number(cls, committee: Committee, workgroup: Workgroup | None, year: int) -> int:
        last = (
            cls.objects.of_body(committee, workgroup)
            .filter(jalali_year=year)
            .aggregate(m=models.Max("number"))["m"]
        )
        return (last or 0) + 1

    def ends_after_start(self) -> bool:
        """The rule of the ``meeting_ends_after_start`` constraint: no end, or a later one."""
        return self.ends_at is None or self.ends_at > self.starts_at

    def clean(self) -> None:
        errors = {}
        if (
            self.workgroup_id
            and self.committee_id
            and self.workgroup.committee_id != self.committee_id
        ):
            errors["workgroup"] = _("این کارگروه از کمیته دیگری است.")
        if self.starts_at and not self.ends_after_start():
            errors["ends_at"] = MEETING_ENDS_AFTER_START
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # The body and the year are facts derived from other fields; keep them in step.
        if self.workgroup_id:
            self.committee_id = self.workgroup.committee_id
        self.jalali_year = jalali_year(self.starts_at)
        if not self.number:
            self.number = self.next_number(self.committee, self.workgroup, self.jalali_year)
        super().save(*args, **kwargs)


def _of_internal_meetings(who: Who, meeting: str = "meeting") -> Q:
    return Q(**{f"{meeting}__in": Meeting.objects.internal_to(who).values("pk")})


class AgendaItemQuerySet(models.QuerySet):
    def internal_to(self, who: Who) -> AgendaItemQuerySet:
        """Every item of the meetings internal to ``who``, public or not."""
        return self.filter(_of_internal_meetings(who))

    def visible_to(self, who: Who) -> AgendaItemQuerySet:
        """The internal ones, and the public items of meetings whose latest minutes revision
        is published (an open correction hides them until it is published)."""
        return self.filter(
            _of_internal_meetings(who)
            | Q(is_public=True, meeting__in=Meeting.objects.record_frozen().values("pk"))
        )


class AgendaItem(FrozenWhenPublishedMixin, models.Model):
    """One item on a meeting's agenda (بند دستور جلسه)."""

    class Kind(models.TextChoices):
        REPORT = "report", _("گزارش")
        QUESTION = "question", _("پرسش اصحاب رسانه")
        PROBLEM = "problem", _("طرح مشکل شهری")
        OTHER = "other", _("سایر")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("جلسه"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    order = models.PositiveSmallIntegerField(_("ردیف"), default=1)
    title = models.CharField(_("عنوان"), max_length=300, validators=[validate_one_line])
    description = models.TextField(_("شرح"), blank=True)
    kind = models.CharField(_("نوع"), max_length=16, choices=Kind.choices, default=Kind.REPORT)
    presenter = models.ForeignKey(
        Person,
        verbose_name=_("ارائه‌دهنده"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="presented_items",
    )
    is_public = models.BooleanField(_("عمومی"), default=True)
    discussion = models.TextField(_("خلاصه مذاکرات"), blank=True)
    answer = models.TextField(
        _("پاسخ ارائه‌شده"), blank=True, help_text=_("برای پرسش‌های اصحاب رسانه")
    )
    # Optimistic locking, as for the draft: an edit made from an older version is refused.
    version = models.PositiveIntegerField(_("نسخه"), default=1, editable=False)

    frozen_fields = (
        "meeting",
        "order",
        "title",
        "description",
        "kind",
        "presenter",
        "is_public",
        "discussion",
        "answer",
    )

    updated_at = models.DateTimeField(_("زمان ویرایش"), auto_now=True)
    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("بند دستور جلسه")
        verbose_name_plural = _("بندهای دستور جلسه")
        ordering = ["meeting", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class Attendance(FrozenWhenPublishedMixin, models.Model):
    """Whether a person attended, with how they were described on the day.

    The name, post and organisation are copied when the row is made, so that old minutes
    keep showing who was there at the time even after people change posts.
    """

    class Status(models.TextChoices):
        PRESENT = "present", _("حاضر")
        EXCUSED = "excused", _("غیبت موجه")
        ABSENT = "absent", _("غایب")
        GUEST = "guest", _("مدعو (حاضر)")
        GUEST_ABSENT = "guest_absent", _("مدعو (حاضر نشد)")

    MEMBER_STATUSES = (Status.PRESENT, Status.EXCUSED, Status.ABSENT)
    GUEST_STATUSES = (Status.GUEST, Status.GUEST_ABSENT)

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("جلسه"), on_delete=models.CASCADE, related_name="attendances"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("شخص"), on_delete=models.PROTECT, related_name="attendances"
    )
    status = models.CharField(_("وضعیت حضور"), max_length=16, choices=Status.choices)
    person_name = models.CharField(
        _("نام (در روز جلسه)"), max_length=200, blank=True, db_collation=COLLATION
    )
    post = models.CharField(_("سمت (در روز جلسه)"), max_length=200, blank=True)
    organization_name = models.CharField(
        _("سازمان (در روز جلسه)"), max_length=200, blank=True, db_collation=COLLATION
    )
    organization_kind = models.CharField(
        _("نوع سازمان (در روز جلسه)"),
        max_length=32,
        choices=Organization.Kind.choices,
        blank=True,
    )
    excuse = models.CharField(_("علت غیبت"), max_length=300, blank=True)
    arrived_at = models.TimeField(_("ساعت ورود با تأخیر"), null=True, blank=True)
    left_at = models.TimeField(_("ساعت خروج زودهنگام"), null=True, blank=True)

    frozen_fields = (
        "meeting",
        "person",
        "status",
        "person_name",
        "post",
        "organization_name",
        "excuse",
        "arrived_at",
        "left_at",
    )

    class Meta:
        verbose_name = _("حضور و غیاب")
        verbose_name_plural = _("حضور و غیاب")
        ordering = ["meeting", "status", "person_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                name="attendance_once_per_meeting",
                violation_error_message=_("حضور این شخص در این جلسه پیش‌تر ثبت شده است."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_name or self.person} — {self.get_status_display()}"

    @property
    def is_press(self) -> bool:
        return self.organization_kind in Organization.PRESS_KINDS

    @property
    def is_guest(self) -> bool:
        return self.status in self.GUEST_STATUSES

    def take_snapshot(self) -> None:
        """Copy the person's current name, post and organisation into this row."""
        person = self.person
        self.person_name = person.full_name
        self.post = person.post
        self.organization_name = person.organization.name
        self.organization_kind = person.organization.kind

    def save(self, *args, **kwargs):
        if self._state.adding and not self.person_name:
            self.take_snapshot()
        super().save(*args, **kwargs)


def overdue_q(
    day: datetime.date | None = None, *, status: str = "status", deadline: str = "deadline"
) -> Q:
    """«Overdue» (عقب‌افتاده), the one definition: the deadline is before ``day`` (Tehran's
    today by default) and the decision is still open or in progress
    (:attr:`Decision.OPEN_STATUSES`). ``status`` and ``deadline`` name the columns, for
    querysets that read them elsewhere (the portal's index, the API's annotations).
    :func:`is_overdue` is the same test for values in hand."""
    return Q(
        **{
            f"{deadline}__lt": day or timezone.localdate(),
            f"{status}__in": Decision.OPEN_STATUSES,
        }
    )


def is_overdue(deadline: datetime.date | None, status: str, day: datetime.date) -> bool:
    """:func:`overdue_q` for one decision's deadline and status, on ``day``."""
    return deadline is not None and status in Decision.OPEN_STATUSES and deadline < day


class DecisionQuerySet(models.QuerySet):
    def internal_to(self, who: Who) -> DecisionQuerySet:
        """The live decisions of meetings internal to ``who``. (What the public sees of a
        decision is its published text, from the portal's index of the latest published
        revisions: :meth:`visible_to`.)"""
        return self.filter(_of_internal_meetings(who))

    def visible_to(self, who: Who, *, responsible: bool = False) -> DecisionQuerySet:
        """Every decision ``who`` may see, annotated ``shown_live``: True for a live row
        shown as it is now, False for one shown as it was published, from the portal's index
        of the latest published revisions (its ``portal_entry``; a decision added or changed
        in an open correction is there only once the correction is published).

        Live: the decisions of meetings internal to ``who`` (:meth:`internal_to`). Published:
        those in the index. The API lists these. ``responsible=True`` (the decisions
        register and the dashboard, where follow-up is recorded) also shows live the
        decisions ``who`` is responsible for once their meeting has published minutes, and
        annotates ``has_published`` (that meeting has published minutes).

        Whoever fills the index is the portal's (``portal.indexing.ensure_index``): the
        callers run it first."""
        internal = internal_meeting_exists(who, "meeting_id")
        if not responsible:
            queryset = self.annotate(shown_live=internal)
        else:
            person = Viewer.of(who).person
            published = Minutes.objects.filter(
                meeting=OuterRef("meeting_id"), status=Minutes.Status.PUBLISHED
            )
            queryset = self.annotate(seen_internal=internal, has_published=Exists(published))
            live = Q(seen_internal=True)
            if person is not None:
                live |= Q(responsible_person=person, has_published=True)
            queryset = queryset.annotate(
                shown_live=Case(
                    When(live, then=Value(True)), default=Value(False), output_field=BooleanField()
                )
            )
        return queryset.filter(Q(shown_live=True) | Q(portal_entry__isnull=False))

    def overdue(self, day: datetime.date | None = None) -> DecisionQuerySet:
        """Past the deadline on ``day`` (today by default) and not done or cancelled."""
        return self.filter(overdue_q(day))


class Decision(FrozenWhenPublishedMixin, models.Model):
    """A decision (مصوبه) taken at a meeting, with who carries it out and by when."""

    class Status(models.TextChoices):
        OPEN = "open", _("در انتظار اقدام")
        IN_PROGRESS = "in_progress", _("در حال اجرا")
        DONE = "done", _("انجام‌شده")
        CANCELLED = "cancelled", _("لغوشده")

    # Still to be carried out: past its deadline, such a decision is overdue (overdue_q).
    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    class VoteMethod(models.TextChoices):
        CONSENSUS = "consensus", _("با اجماع")
        UNANIMOUS = "unanimous", _("به اتفاق آرا")
        VOTE = "vote", _("با رأی‌گیری")

    # Shown for a decision whose deadline had passed, not done, when the minutes were
    # published (a label, not a stored status: the stored status follows the follow-ups).
    OVERDUE_LABEL = _("عقب‌افتاده")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("جلسه"), on_delete=models.CASCADE, related_name="decisions"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("بند دستور جلسه"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
    )
    number = models.PositiveSmallIntegerField(_("ردیف"))
    text = models.TextField(_("شرح مصوبه"))
    responsible_organization = models.ForeignKey(
        Organization,
        verbose_name=_("سازمان مسئول اجرا"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
    )
    responsible_person = models.ForeignKey(
        Person,
        verbose_name=_("مسئول پیگیری"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
    )
    deadline = models.DateField(_("مهلت اجرا"), null=True, blank=True)
    status = models.CharField(
        _("وضعیت"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    is_public = models.BooleanField(_("عمومی"), default=True)
    # The city districts the decision concerns, from the committee's list; set only through
    # minutes.services (add_decision, update_decision) while the minutes are a draft.
    districts = models.ManyToManyField(
        District,
        verbose_name=_("مناطق شهری"),
        blank=True,
        related_name="decisions",
        help_text=_("منطقه یا مناطقی از شهر که مصوبه به آن‌ها مربوط است (اختیاری)."),
    )
    vote_method = models.CharField(
        _("نحوه تصویب"), max_length=16, choices=VoteMethod.choices, blank=True
    )
    votes_for = models.PositiveSmallIntegerField(_("موافق"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("مخالف"), null=True, blank=True)
    votes_abstain = models.PositiveSmallIntegerField(_("ممتنع"), null=True, blank=True)
    created_at = models.DateTimeField(_("زمان ایجاد"), auto_now_add=True)
    updated_at = models.DateTimeField(_("زمان ویرایش"), auto_now=True)

    objects = DecisionQuerySet.as_manager()

    # The status is not frozen: follow-ups record progress after publication.
    frozen_fields = (
        "meeting",
        "agenda_item",
        "number",
        "text",
        "responsible_organization",
        "responsible_person",
        "deadline",
        "is_public",
        "vote_method",
        "votes_for",
        "votes_against",
        "votes_abstain",
    )

    class Meta:
        verbose_name = _("مصوبه")
        verbose_name_plural = _("مصوبات")
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"],
                name="decision_unique_number",
                violation_error_message=_("این ردیف مصوبه در این جلسه تکراری است."),
            )
        ]
        indexes = [models.Index(fields=["status", "deadline"], name="decision_status_deadline")]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"

    @property
    def is_overdue(self) -> bool:
        return self.overdue_on(timezone.localdate())

    def overdue_on(self, day: datetime.date) -> bool:
        return is_overdue(self.deadline, self.status, day)

    @property
    def vote_display(self) -> str:
        """How it was taken, in words (minutes.snapshot.describe_vote)."""
        from minutes.publication.snapshot import describe_vote, vote_data

        return describe_vote(vote_data(self))

    @property
    def responsible_display(self) -> str:
        parts = [str(p) for p in (self.responsible_person, self.responsible_organization) if p]
        return " — ".join(parts)

    def clean(self) -> None:
        errors = {}
        if (
            self.agenda_item_id
            and self.meeting_id
            and self.agenda_item.meeting_id != self.meeting_id
        ):
            errors["agenda_item"] = _("این بند از دستور جلسه دیگری است.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if not self.number and self.meeting_id:
            last = Decision.objects.filter(meeting_id=self.meeting_id).aggregate(
                m=models.Max("number")
            )
            self.number = (last["m"] or 0) + 1
        super().save(*args, **kwargs)


class Vote(FrozenWhenPublishedMixin, models.Model):
    """How one member present voted on a decision taken by vote, when names are recorded."""

    class Choice(models.TextChoices):
        FOR = "for", _("موافق")
        AGAINST = "against", _("مخالف")
        ABSTAIN = "abstain", _("ممتنع")

    decision = models.ForeignKey(
        Decision, verbose_name=_("مصوبه"), on_delete=models.CASCADE, related_name="votes"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("رأی‌دهنده"), on_delete=models.PROTECT, related_name="+"
    )
    choice = models.CharField(_("رأی"), max_length=8, choices=Choice.choices)

    frozen_fields = ("decision", "person", "choice")

    class Meta:
        verbose_name = _("رأی")
        verbose_name_plural = _("آرا")
        ordering = ["decision", "choice", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "person"],
                name="vote_once_per_decision",
                violation_error_message=_("رأی این شخص برای این مصوبه پیش‌تر ثبت شده است."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_choice_display()}"

    def meeting_for_freeze(self) -> Meeting | None:
        return self.decision.meeting


class FollowUpQuerySet(models.QuerySet):
    def internal_to(self, who: Who) -> FollowUpQuerySet:
        """The follow-up of decisions of meetings internal to ``who``. (The public reads
        the follow-up of a published decision beside it, through the portal's index.)"""
        return self.filter(_of_internal_meetings(who, "decision__meeting"))


class FollowUp(models.Model):
    """A dated note on a decision's progress (پیگیری). Notes are only ever added, so the
    whole history of a decision stays on record."""

    # PROTECT: a decision with a follow-up history cannot be deleted out from under it.
    decision = models.ForeignKey(
        Decision, verbose_name=_("مصوبه"), on_delete=models.PROTECT, related_name="follow_ups"
    )
    date = models.DateField(_("تاریخ"))
    status = models.CharField(_("وضعیت"), max_length=16, choices=Decision.Status.choices)
    note = models.TextField(_("شرح اقدام"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ثبت‌کننده"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("زمان ثبت"), auto_now_add=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("پیگیری مصوبه")
        verbose_name_plural = _("پیگیری‌های مصوبات")
        ordering = ["decision", "date", "pk"]

    def __str__(self) -> str:
        return f"{self.decision} — {self.get_status_display()}"


class MinutesQuerySet(models.QuerySet):
    def internal_to(self, who: Who) -> MinutesQuerySet:
        """Every revision (drafts, submitted, approved) of meetings internal to ``who``."""
        return self.filter(_of_internal_meetings(who))

    def visible_to(self, who: Who) -> MinutesQuerySet:
        """Published revisions for everyone, and the internal ones."""
        return self.filter(Q(status=Minutes.Status.PUBLISHED) | _of_internal_meetings(who))


class Minutes(models.Model):
    """The minutes (صورتجلسه) of a meeting. A correction after publication is a new
    revision that points at the one it corrects; both stay on record."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("پیش‌نویس")
        SUBMITTED = "submitted", _("ارسال‌شده برای تأیید")
        APPROVED = "approved", _("تأییدشده")
        PUBLISHED = "published", _("منتشرشده")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("جلسه"), on_delete=models.PROTECT, related_name="minutes"
    )
    revision = models.PositiveSmallIntegerField(_("ویرایش"), default=1)
    summary = models.TextField(_("خلاصه مذاکرات"), blank=True)
    status = models.CharField(
        _("وضعیت"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    corrects = models.OneToOneField(
        "self",
        verbose_name=_("اصلاحیه ویرایشِ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrected_by",
    )
    correction_reason = models.TextField(_("علت اصلاح"), blank=True)
    classification = models.CharField(
        _("طبقه‌بندی"), max_length=50, blank=True, help_text=_("مانند «عادی»؛ خالی یعنی بی‌طبقه.")
    )
    distribution = models.TextField(
        _("رونوشت"), blank=True, max_length=2000, help_text=_("هر گیرنده رونوشت در یک سطر.")
    )
    created_at = models.DateTimeField(_("زمان ایجاد"), auto_now_add=True)
    updated_at = models.DateTimeField(_("زمان ویرایش"), auto_now=True)
    submitted_at = models.DateTimeField(_("زمان ارسال"), null=True, blank=True)
    approved_at = models.DateTimeField(_("زمان تأیید"), null=True, blank=True)
    published_at = models.DateTimeField(_("زمان انتشار"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("تأییدکننده"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("منتشرکننده"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Optimistic locking: every saved edit of a draft bumps the version; an edit made
    # from an older version is refused instead of overwriting someone else's work.
    version = models.PositiveIntegerField(_("نسخه"), default=1)
    # What was published, frozen at publication: the public pages and the PDF read this.
    snapshot = models.JSONField(_("متن منتشرشده"), null=True, blank=True, editable=False)
    document_id = models.CharField(
        _("شناسه سند"), max_length=64, unique=True, null=True, blank=True, editable=False
    )
    pdf = models.FileField(_("فایل PDF"), upload_to="minutes/", blank=True, editable=False)
    sha256 = models.CharField(_("چکیده SHA-256"), max_length=64, blank=True, editable=False)
    pdf_size = models.PositiveIntegerField(_("اندازه فایل"), null=True, blank=True, editable=False)

    # Filled once, after the publishing transaction commits; never changed afterwards.
    WRITE_ONCE_FIELDS = ("pdf", "sha256", "pdf_size")

    objects = MinutesQuerySet.as_manager()

    class Meta:
        verbose_name = _("صورتجلسه")
        verbose_name_plural = _("صورتجلسه‌ها")
        ordering = ["meeting", "revision"]
        get_latest_by = "revision"
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "revision"],
                name="minutes_unique_revision",
                violation_error_message=_("این ویرایش صورتجلسه پیش‌تر ثبت شده است."),
            ),
            models.CheckConstraint(
                condition=Q(corrects__isnull=True) | ~Q(correction_reason=""),
                name="minutes_correction_has_reason",
                violation_error_message=_("برای اصلاحیه، علت اصلاح را بنویسید."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} — {self.get_status_display()} ({self.revision})"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            stored = Minutes.objects.filter(pk=self.pk).values().first()
            if stored and stored["status"] == self.Status.PUBLISHED:
                self._refuse_changes_to_published(stored)
        super().save(*args, **kwargs)

    def _refuse_changes_to_published(self, stored: dict) -> None:
        for field in self._meta.concrete_fields:
            old, new = stored[field.attname], getattr(self, field.attname)
            if isinstance(new, models.fields.files.FieldFile):
                new = new.name or ""
            if field.name == "updated_at" or old == new:
                continue
            if field.name in self.WRITE_ONCE_FIELDS and old in ("", None):
                continue
            raise PublishedRecordError()

    def delete(self, *args, **kwargs):
        if Minutes.objects.filter(pk=self.pk, status=self.Status.PUBLISHED).exists():
            raise PublishedRecordError()
        return super().delete(*args, **kwargs)


def attachment_path(instance: Attachment, filename: str) -> str:
    """A server-made name: the file's SHA-256, never the name it was uploaded under."""
    return f"attachments/{instance.meeting_id}/{instance.sha256}{instance.extension}"


class Attachment(FrozenWhenPublishedMixin, models.Model):
    """A document the meeting looked at (پیوست), attached to one of its agenda items or to
    its minutes. Public or internal like the item it belongs to; the public ones go inside
    the published PDF/A-3 as associated files."""

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        PNG = "png", "PNG"
        JPEG = "jpeg", "JPEG"
        DOCX = "docx", "DOCX"
        XLSX = "xlsx", "XLSX"
        ODT = "odt", "ODT"
        ODS = "ods", "ODS"

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("جلسه"), on_delete=models.CASCADE, related_name="attachments"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("بند دستور جلسه"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attachments",
        help_text=_("خالی یعنی پیوست خود صورتجلسه."),
    )
    title = models.CharField(_("عنوان"), max_length=200, validators=[validate_one_line])
    original_name = models.CharField(_("نام فایل"), max_length=255)
    kind = models.CharField(_("نوع فایل"), max_length=8, choices=Kind.choices)
    content_type = models.CharField(_("نوع محتوا"), max_length=100)
    size = models.PositiveIntegerField(_("اندازه (بایت)"))
    sha256 = models.CharField(_("چکیده SHA-256"), max_length=64)
    file = models.FileField(_("فایل"), upload_to=attachment_path, max_length=200)
    # For an attachment of the minutes themselves; one of an agenda item follows the item.
    public = models.BooleanField(_("عمومی"), default=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("بارگذاری‌کننده"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("زمان بارگذاری"), auto_now_add=True)

    frozen_fields = ("meeting", "agenda_item", "title", "file", "sha256", "public")

    EXTENSIONS = {
        "pdf": ".pdf",
        "png": ".png",
        "jpeg": ".jpg",
        "docx": ".docx",
        "xlsx": ".xlsx",
        "odt": ".odt",
        "ods": ".ods",
    }

    class Meta:
        verbose_name = _("پیوست")
        verbose_name_plural = _("پیوست‌ها")
        ordering = ["meeting", "agenda_item__order", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def extension(self) -> str:
        return self.EXTENSIONS.get(self.kind, "")

    @property
    def is_public(self) -> bool:
        if self.agenda_item_id:
            return self.agenda_item.is_public
        return self.public

    @property
    def download_name(self) -> str:
        """The name offered on download: the title, with the extension its content has."""
        from minutes.attachments import safe_filename

        return f"{safe_filename(self.title)[:120] or 'attachment'}{self.extension}"


class InvitationQuerySet(models.QuerySet):
    def visible_to(self, who: Who) -> InvitationQuerySet:
        """Invitations of meetings internal to ``who``, and their own (a guest answers an
        invitation to a meeting that is not otherwise internal to them)."""
        viewer = Viewer.of(who)
        if not viewer.authenticated:
            return self.none()
        own = Q(person=viewer.person) if viewer.person is not None else Q(pk__in=[])
        return self.filter(_of_internal_meetings(viewer) | own)


class Invitation(models.Model):
    """An invitation to a meeting and the invitee's answer."""

    class Response(models.TextChoices):
        PENDING = "pending", _("بی‌پاسخ")
        ACCEPTED = "accepted", _("حضور می‌یابم")
        DECLINED = "declined", _("حضور نمی‌یابم")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("جلسه"), on_delete=models.CASCADE, related_name="invitations"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("شخص"), on_delete=models.PROTECT, related_name="invitations"
    )
    is_guest = models.BooleanField(_("مدعو"), default=False)
    response = models.CharField(
        _("پاسخ"), max_length=16, choices=Response.choices, default=Response.PENDING
    )
    response_note = models.CharField(_("توضیح پاسخ"), max_length=300, blank=True)
    responded_at = models.DateTimeField(_("زمان پاسخ"), null=True, blank=True)
    sent_at = models.DateTimeField(_("زمان ارسال دعوت‌نامه"), null=True, blank=True)
    # The answer links of the emails (minutes/rsvp.py): the nonce the current links carry,
    # and when one of them was used (a link works once; the next email brings new ones).
    rsvp_nonce = models.CharField(max_length=32, blank=True, editable=False)
    rsvp_used_at = models.DateTimeField(
        _("زمان پاسخ از پیوند ایمیل"), null=True, blank=True, editable=False
    )

    updated_at = models.DateTimeField(_("زمان ویرایش"), auto_now=True)
    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("دعوت‌نامه")
        verbose_name_plural = _("دعوت‌نامه‌ها")
        ordering = ["meeting", "-is_guest", "person__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                name="invitation_once_per_meeting",
                violation_error_message=_("این شخص پیش‌تر به این جلسه دعوت شده است."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.meeting}"


class QuestionQuerySet(models.QuerySet):
    @staticmethod
    def _internal(viewer: Viewer) -> Q:
        internal = _of_internal_meetings(viewer)
        if viewer.superuser:
            return internal
        # The secretariat of the committee and the chair of the body read every question
        # (as on the meeting page); a member only their own.
        own = Q(author=viewer.person) if viewer.person is not None else Q(pk__in=[])
        full_view = (
            Q(meeting__committee_id__in=sorted(viewer.managed_committee_ids))
            | Q(meeting__workgroup_id__in=sorted(viewer.chaired_workgroup_ids))
            | Q(
                meeting__workgroup__isnull=True,
                meeting__committee_id__in=sorted(viewer.chaired_committee_ids),
            )
        )
        return internal & (full_view | own)

    def internal_to(self, who: Who) -> QuestionQuerySet:
        """The questions of meetings internal to ``who`` that they may read: all of them
        for the committee's secretariat and the chair of the body, otherwise their own."""
        return self.filter(self._internal(Viewer.of(who)))

    def visible_to(self, who: Who) -> QuestionQuerySet:
        """The internal ones, and the accepted questions on public agenda items of meetings
        whose latest minutes revision is published."""
        viewer = Viewer.of(who)
        published = Q(
            status=Question.Status.ACCEPTED,
            agenda_item__is_public=True,
            meeting__in=Meeting.objects.record_frozen().values("pk"),
        )
        if not viewer.authenticated:
            return self.filter(published)
        return self.filter(self._internal(viewer) | published)


class Question(models.Model):
    """A question or city problem a journalist member brings to an upcoming meeting.

    The secretariat accepts it onto the agenda (it becomes an agenda item, whose recorded
    answer goes into the minutes) or declines it with a reason the journalist sees.
    """

    class Kind(models.TextChoices):
        QUESTION = "question", _("پرسش")
        PROBLEM = "problem", _("طرح مشکل شهری")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("در انتظار بررسی")
        ACCEPTED = "accepted", _("پذیرفته و در دستور جلسه")
        DECLINED = "declined", _("پذیرفته نشد")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("جلسه"), on_delete=models.CASCADE, related_name="questions"
    )
    author = models.ForeignKey(
        Person, verbose_name=_("طرح‌کننده"), on_delete=models.PROTECT, related_name="questions"
    )
    kind = models.CharField(_("نوع"), max_length=16, choices=Kind.choices, default=Kind.QUESTION)
    title = models.CharField(_("عنوان"), max_length=300, validators=[validate_one_line])
    text = models.TextField(_("متن"), max_length=4000)
    status = models.CharField(
        _("وضعیت"), max_length=16, choices=Status.choices, default=Status.PROPOSED
    )
    decline_reason = models.TextField(_("علت نپذیرفتن"), blank=True)
    agenda_item = models.OneToOneField(
        AgendaItem,
        verbose_name=_("بند دستور جلسه"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="question",
    )
    created_at = models.DateTimeField(_("زمان طرح"), auto_now_add=True)
    decided_at = models.DateTimeField(_("زمان بررسی"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("بررسی‌کننده"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    updated_at = models.DateTimeField(_("زمان ویرایش"), auto_now=True)
    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("پرسش اصحاب رسانه")
        verbose_name_plural = _("پرسش‌های اصحاب رسانه")
        ordering = ["meeting", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""),
                name="question_decline_has_reason",
                violation_error_message=_("علت نپذیرفتن پرسش را بنویسید."),
            )
        ]

    def __str__(self) -> str:
        return self.title


# The outbox's model lives beside its sending code (minutes/outbox.py), the notifications'
# models beside the code that makes them (minutes/notices.py).
from minutes.notices import EmailPreferences, Notification  # noqa: E402, F401
from minutes.outbox import OutboxEmail  # noqa: E402, F401

"""Meetings of the committee or a workgroup, what was on the table, who came, what was
decided, and the minutes that record it."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committee.models import Committee, Organization, Person
from persian.jalali import jalali_year
from workgroups.models import Workgroup


class MeetingQuerySet(models.QuerySet):
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


class Meeting(models.Model):
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
    title = models.CharField(_("عنوان"), max_length=250)
    starts_at = models.DateTimeField(_("زمان شروع"))
    ends_at = models.DateTimeField(_("زمان پایان"), null=True, blank=True)
    location = models.CharField(_("محل برگزاری"), max_length=250)
    status = models.CharField(
        _("وضعیت"), max_length=16, choices=Status.choices, default=Status.SCHEDULED
    )
    is_public = models.BooleanField(
        _("اعلام عمومی"), default=True, help_text=_("آیا زمان و عنوان جلسه برای عموم اعلام شود؟")
    )
    cancellation_reason = models.TextField(_("علت لغو"), blank=True)
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
                violation_error_message=_("پایان جلسه باید پس از شروع آن باشد."),
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
        indexes = [models.Index(fields=["status", "starts_at"], name="meeting_status_start")]

    def __str__(self) -> str:
        return f"{self.body_name} — {self.title}"

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

    def clean(self) -> None:
        errors = {}
        if (
            self.workgroup_id
            and self.committee_id
            and self.workgroup.committee_id != self.committee_id
        ):
            errors["workgroup"] = _("این کارگروه از کمیته دیگری است.")
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("پایان جلسه باید پس از شروع آن باشد.")
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


class AgendaItem(models.Model):
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
    title = models.CharField(_("عنوان"), max_length=300)
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

    class Meta:
        verbose_name = _("بند دستور جلسه")
        verbose_name_plural = _("بندهای دستور جلسه")
        ordering = ["meeting", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    """Whether a person attended, with how they were described on the day.

    The name, post and organisation are copied when the row is made, so that old minutes
    keep showing who was there at the time even after people change posts.
    """

    class Status(models.TextChoices):
        PRESENT = "present", _("حاضر")
        ABSENT = "absent", _("غایب")
        EXCUSED = "excused", _("غایب با عذر")
        GUEST = "guest", _("مدعو")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("جلسه"), on_delete=models.CASCADE, related_name="attendances"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("شخص"), on_delete=models.PROTECT, related_name="attendances"
    )
    status = models.CharField(_("وضعیت حضور"), max_length=16, choices=Status.choices)
    person_name = models.CharField(_("نام (در روز جلسه)"), max_length=200, blank=True)
    post = models.CharField(_("سمت (در روز جلسه)"), max_length=200, blank=True)
    organization_name = models.CharField(_("سازمان (در روز جلسه)"), max_length=200, blank=True)
    organization_kind = models.CharField(
        _("نوع سازمان (در روز جلسه)"),
        max_length=32,
        choices=Organization.Kind.choices,
        blank=True,
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


class Decision(models.Model):
    """A decision (مصوبه) taken at a meeting, with who carries it out and by when."""

    class Status(models.TextChoices):
        OPEN = "open", _("در انتظار اقدام")
        IN_PROGRESS = "in_progress", _("در حال اجرا")
        DONE = "done", _("انجام‌شده")
        CANCELLED = "cancelled", _("لغوشده")

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
    created_at = models.DateTimeField(_("زمان ایجاد"), auto_now_add=True)
    updated_at = models.DateTimeField(_("زمان ویرایش"), auto_now=True)

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
        return (
            self.deadline is not None
            and self.status in (self.Status.OPEN, self.Status.IN_PROGRESS)
            and self.deadline < timezone.localdate()
        )

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


class FollowUp(models.Model):
    """A dated note on a decision's progress (پیگیری). Notes are only ever added, so the
    whole history of a decision stays on record."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("مصوبه"), on_delete=models.CASCADE, related_name="follow_ups"
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

    class Meta:
        verbose_name = _("پیگیری مصوبه")
        verbose_name_plural = _("پیگیری‌های مصوبات")
        ordering = ["decision", "date", "pk"]

    def __str__(self) -> str:
        return f"{self.decision} — {self.get_status_display()}"


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
    created_at = models.DateTimeField(_("زمان ایجاد"), auto_now_add=True)
    updated_at = models.DateTimeField(_("زمان ویرایش"), auto_now=True)
    submitted_at = models.DateTimeField(_("زمان ارسال"), null=True, blank=True)
    approved_at = models.DateTimeField(_("زمان تأیید"), null=True, blank=True)
    published_at = models.DateTimeField(_("زمان انتشار"), null=True, blank=True)

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

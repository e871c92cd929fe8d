"""What the public portal keeps of its own.

* :class:`PublishedDocument` and :class:`PublicDecision` are an index of what was
  published, filled from ``Minutes.snapshot`` (never from the live rows) when the portal
  first sees a published revision (portal/indexing.py). They carry the published values,
  denormalised, and a search key folded by :func:`persian.text.normalize`, so a list page
  filters and searches in one query whatever its length.
* :class:`Comment` holds the public's comments on published minutes, shown only once the
  secretariat has approved them; :class:`Moderated` is what a moderation leaves on it (and
  on a citizen's demand).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committee.models import Committee, District, Organization
from minutes.models import Decision, Meeting, Minutes, is_overdue, overdue_q
from portal.fields import SearchVectorField
from workgroups.models import Workgroup


class PublishedDocument(models.Model):
    """One published revision of a meeting's minutes, as published."""

    minutes = models.OneToOneField(
        Minutes,
        verbose_name=_("صورتجلسه"),
        on_delete=models.CASCADE,
        related_name="portal_document",
    )
    committee = models.ForeignKey(
        Committee, verbose_name=_("کمیته"), on_delete=models.CASCADE, related_name="+"
    )
    workgroup = models.ForeignKey(
        Workgroup,
        verbose_name=_("کارگروه"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("جلسه"), on_delete=models.CASCADE, related_name="+"
    )
    document_id = models.CharField(_("شناسه سند"), max_length=64, unique=True)
    revision = models.PositiveSmallIntegerField(_("ویرایش"))
    is_latest = models.BooleanField(
        _("آخرین ویرایش منتشرشده"),
        default=False,
        help_text=_("آخرین ویرایش منتشرشده صورتجلسه این جلسه است."),
    )
    title = models.CharField(_("عنوان جلسه"), max_length=250)
    body_name = models.CharField(_("کمیته یا کارگروه"), max_length=200)
    meeting_number = models.PositiveSmallIntegerField(_("شماره جلسه"))
    jalali_year = models.PositiveSmallIntegerField(_("سال (شمسی)"))
    meeting_starts_at = models.DateTimeField(_("زمان شروع جلسه"))
    meeting_date = models.DateField(_("تاریخ جلسه"), db_index=True)
    published_at = models.DateTimeField(_("زمان انتشار"))
    summary = models.TextField(_("خلاصه مذاکرات"), blank=True)
    correction_reason = models.TextField(_("علت اصلاح"), blank=True)
    decision_count = models.PositiveSmallIntegerField(_("شمار مصوبات عمومی"), default=0)
    search_text = models.TextField(_("متن جست‌وجو"), blank=True, editable=False)
    # to_tsvector('simple', search_text), kept by a PostgreSQL trigger; empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)
    indexed_at = models.DateTimeField(_("زمان نمایه‌سازی"), default=timezone.now)

    class Meta:
        verbose_name = _("صورتجلسه منتشرشده")
        verbose_name_plural = _("صورتجلسه‌های منتشرشده")
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["is_latest", "-published_at"], name="portal_doc_latest_pub"),
            models.Index(fields=["meeting", "revision"], name="portal_doc_meeting_rev"),
            # The archive filtered by committee, and a workgroup's page, in the list's order.
            models.Index(
                fields=["committee", "is_latest", "-published_at"], name="portal_doc_committee_pub"
            ),
            models.Index(
                fields=["workgroup", "is_latest", "-published_at"], name="portal_doc_workgroup_pub"
            ),
            # The feeds: every revision of a committee or a workgroup, newest first.
            models.Index(fields=["committee", "-published_at"], name="portal_doc_committee_feed"),
            models.Index(fields=["workgroup", "-published_at"], name="portal_doc_workgroup_feed"),
        ]

    def __str__(self) -> str:
        return self.document_id

    def get_absolute_url(self) -> str:
        return reverse("portal_minutes", args=[self.document_id])

    @property
    def is_correction(self) -> bool:
        return self.revision > 1


# The live status of a published decision (follow-ups move it after publication), by
# which the tracker filters and counts.
LIVE_STATUS = "decision__status"


class PublicDecisionQuerySet(models.QuerySet):
    def overdue(self, day: datetime.date | None = None) -> PublicDecisionQuerySet:
        """Overdue by the live status (minutes.models.overdue_q)."""
        return self.filter(self.overdue_q(day))

    @staticmethod
    def overdue_q(day: datetime.date | None = None) -> models.Q:
        return overdue_q(day, status=LIVE_STATUS)


class PublicDecision(models.Model):
    """A public decision of the latest published revision of a meeting's minutes, with the
    published text; the current status and follow-ups are read from the live decision."""

    document = models.ForeignKey(
        PublishedDocument,
        verbose_name=_("صورتجلسه منتشرشده"),
        on_delete=models.CASCADE,
        related_name="public_decisions",
    )
    # The live row (current status, follow-ups). It may disappear while a correction is
    # being drafted; the published decision stays listed until the correction is published.
    decision = models.OneToOneField(
        Decision,
        verbose_name=_("مصوبه"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="portal_entry",
    )
    committee = models.ForeignKey(
        Committee, verbose_name=_("کمیته"), on_delete=models.CASCADE, related_name="+"
    )
    workgroup = models.ForeignKey(
        Workgroup,
        verbose_name=_("کارگروه"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("جلسه"), on_delete=models.CASCADE, related_name="+"
    )
    number = models.PositiveSmallIntegerField(_("ردیف"))
    text = models.TextField(_("شرح مصوبه"))
    responsible_person = models.CharField(_("مسئول پیگیری"), max_length=200, blank=True)
    responsible_person_post = models.CharField(_("سمت مسئول پیگیری"), max_length=200, blank=True)
    responsible_organization = models.CharField(_("سازمان مسئول اجرا"), max_length=200, blank=True)
    # For the filter: the responsible organisation, or else the responsible person's.
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("سازمان مسئول اجرا"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    deadline = models.DateField(_("مهلت اجرا"), null=True, blank=True)
    # The districts named in the published record (matched to the committee's list by name).
    districts = models.ManyToManyField(
        District, verbose_name=_("مناطق شهری"), blank=True, related_name="+"
    )
    status_at_publication = models.CharField(
        _("وضعیت هنگام انتشار"), max_length=16, choices=Decision.Status.choices
    )
    meeting_date = models.DateField(_("تاریخ جلسه"))
    search_text = models.TextField(_("متن جست‌وجو"), blank=True, editable=False)
    # to_tsvector('simple', search_text), kept by a PostgreSQL trigger; empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PublicDecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("مصوبه منتشرشده")
        verbose_name_plural = _("مصوبات منتشرشده")
        ordering = ["-meeting_date", "-meeting_id", "number", "pk"]
        indexes = [
            models.Index(fields=["deadline"], name="portal_decision_deadline"),
            # The tracker's order (Meta.ordering): its first page is read from the index.
            models.Index(
                fields=["-meeting_date", "-meeting_id", "number", "id"],
                name="portal_decision_order",
            ),
            models.Index(
                fields=["workgroup", "-meeting_date", "-meeting_id", "number"],
                name="portal_decision_wg_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"

    @property
    def current_status(self) -> str:
        return self.decision.status if self.decision_id else self.status_at_publication

    def get_current_status_display(self) -> str:
        return str(Decision.Status(self.current_status).label)

    @property
    def is_overdue(self) -> bool:
        return is_overdue(self.deadline, self.current_status, timezone.localdate())

    @property
    def responsible_display(self) -> str:
        person = self.responsible_person
        if person and self.responsible_person_post:
            person = f"{person} ({self.responsible_person_post})"
        return " — ".join(part for part in (person, self.responsible_organization) if part)

    def get_absolute_url(self) -> str:
        return f"{self.document.get_absolute_url()}#decision-{self.number}"


class Moderated(models.Model):
    """What the secretariat's moderation of something the public sent leaves on it (a
    comment here, a citizen's demand in ``demands``): who decided and when, and the reason
    of a rejection, kept on record. Each model keeps its own ``status`` (their choices
    differ) and its check that a rejection has a reason (their messages differ)."""

    rejection_reason = models.TextField(_("علت منتشر نشدن"), blank=True)
    # SET_NULL: the record stays when the moderator's account is deleted (the pages then
    # say «حساب حذف‌شده»).
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("بررسی‌کننده"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("زمان بررسی"), null=True, blank=True)

    class Meta:
        abstract = True

    def mark_moderated(self, actor, status: str) -> None:
        """Record the decision ``status`` taken by ``actor``, now (not saved)."""
        self.status = status
        self.moderated_by = actor
        self.moderated_at = timezone.now()


class Comment(Moderated):
    """A comment from the public on published minutes. It waits for the secretariat;
    only approved comments are shown. A rejection keeps its reason on record."""

    class Status(models.TextChoices):
        PENDING = "pending", _("در انتظار بررسی")
        APPROVED = "approved", _("منتشرشده")
        REJECTED = "rejected", _("منتشرنشده")

    minutes = models.ForeignKey(
        Minutes,
        verbose_name=_("صورتجلسه"),
        on_delete=models.CASCADE,
        related_name="portal_comments",
    )
    name = models.CharField(_("نام"), max_length=100)
    body = models.TextField(_("متن دیدگاه"), max_length=2000)
    status = models.CharField(
        _("وضعیت"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("زمان ارسال"), default=timezone.now)
    # HMAC-SHA256 of the visitor's IP address keyed with the SECRET_KEY: enough to count a
    # visitor's comments, never the address itself.
    visitor_key = models.CharField(_("کلید بازدیدکننده"), max_length=64, editable=False)

    class Meta:
        verbose_name = _("دیدگاه")
        verbose_name_plural = _("دیدگاه‌ها")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["visitor_key", "created_at"], name="portal_comment_visitor")
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="rejected") | ~models.Q(rejection_reason=""),
                name="portal_comment_rejection_has_reason",
                violation_error_message=_("علت منتشر نشدن دیدگاه را بنویسید."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.body[:40]}"


# --- The reports' maintained aggregates (portal/report_cells.py) ------------------------------


class ReportCell(models.Model):
    """How many public decisions of one body's meetings in one Jalali month, for one
    responsible organisation and person, fall in one cell: a kind (done on time, done late,
    open with its deadline, …) and, for some kinds, a day or a number of days. The reports
    read these instead of the decisions; portal.report_cells keeps them equal to the
    direct computation (portal.reports)."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="+")
    workgroup = models.ForeignKey(
        Workgroup, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    person = models.CharField(max_length=200, blank=True)
    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=16)
    day = models.DateField(null=True, blank=True)
    days = models.IntegerField(null=True, blank=True)
    n = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("خانه آمار کارنامه")
        verbose_name_plural = _("خانه‌های آمار کارنامه")
        indexes = [
            models.Index(fields=["committee", "year", "month"], name="portal_cell_period"),
            models.Index(
                fields=["committee", "organization", "year", "month"], name="portal_cell_org"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}/{self.month} {self.kind}: {self.n}"


class ReportSlice(models.Model):
    """Which slice (committee, body, Jalali month) a meeting's public decisions were last
    counted in, so that a meeting moved by a correction is taken out of its old slice."""

    meeting_id = models.PositiveBigIntegerField(primary_key=True)
    committee_id = models.PositiveBigIntegerField()
    workgroup_id = models.PositiveBigIntegerField(null=True, blank=True)
    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField()

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.year}/{self.month}"


class ReportState(models.Model):
    """One row: how far the aggregates have followed the audit log (committee.AuditEntry)."""

    audit_id = models.PositiveBigIntegerField(default=0)
    # The ids within the window below audit_id already applied (an entry that took its id
    # earlier but committed later is applied when it appears).
    seen = models.JSONField(default=list)
    version = models.CharField(max_length=64, blank=True)
    built = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"audit {self.audit_id}"


# --- The season's report for the mayor (portal/season_reports.py) -----------------------------


class SeasonReport(models.Model):
    """One version of a committee's accountability report for one Jalali season, as a
    sealed PDF: requested by the secretariat, rendered by the background worker
    (portal.tasks.store_season_report). Producing a season again adds a version; the old
    ones are kept, the newest ready one is marked as such."""

    class Status(models.TextChoices):
        PENDING = "pending", _("در صف تهیه")
        READY = "ready", _("منتشرشده")
        FAILED = "failed", _("ناموفق")

    committee = models.ForeignKey(
        Committee, verbose_name=_("کمیته"), on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("سال شمسی"))
    season = models.PositiveSmallIntegerField(_("فصل"))
    version = models.PositiveSmallIntegerField(_("نسخه"))
    status = models.CharField(
        _("وضعیت"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("درخواست‌کننده"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("زمان درخواست"), default=timezone.now)
    produced_at = models.DateTimeField(_("زمان تهیه"), null=True, blank=True)
    figures_as_of = models.DateField(_("آمار تا روز"), null=True, blank=True)
    pdf = models.FileField(_("فایل PDF"), upload_to="season-reports/", blank=True, editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, editable=False)
    pdf_size = models.PositiveIntegerField(_("اندازه فایل (بایت)"), null=True, blank=True)
    error = models.TextField(_("خطا"), blank=True)

    class Meta:
        verbose_name = _("گزارش فصل")
        verbose_name_plural = _("گزارش‌های فصل")
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "year", "season", "version"],
                name="portal_season_report_version",
            ),
            models.CheckConstraint(
                condition=models.Q(season__gte=1, season__lte=4),
                name="portal_season_report_season",
            ),
        ]
        indexes = [
            models.Index(
                fields=["committee", "status", "-year", "-season", "-version"],
                name="portal_season_report_list",
            )
        ]

    def __str__(self) -> str:
        return f"{self.committee_id} {self.year}/{self.season} v{self.version}"
